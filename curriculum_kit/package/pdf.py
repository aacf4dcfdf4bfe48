"""PDF copies through headless LibreOffice: many files per start, tagged for accessibility.

A LibreOffice start costs seconds, so a batch of documents is converted by one process
(Word files and decks need different export filters, hence up to two calls). Public
agencies publish accessible documents (Section 508): the export is a tagged PDF.
LibreOffice stamps the time and random ids into each PDF, and numbers some objects (the
embedded fonts) in a different order from one run to the next; afterwards the dates are
pinned and qpdf (through pikepdf) writes the objects out in document order with an id made
from the content, so a rebuild gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf

from ..errors import BuildError

_TAGGED = '{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
_FILTERS = {".docx": "writer_pdf_Export", ".pptx": "impress_pdf_Export"}
TIMEOUT = 600


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: list[Path], outdir: Path, pdf_date: str) -> dict[Path, Path]:
    """PDFs of ``files`` in ``outdir`` (names must be unique), pinned to ``pdf_date``
    (YYYYMMDDHHMMSS). One LibreOffice process per kind of file."""
    program = soffice()
    if program is None:
        raise BuildError("PDFs need LibreOffice (soffice), which is not installed; use --no-pdf")
    outdir.mkdir(parents=True, exist_ok=True)
    result = {}
    with tempfile.TemporaryDirectory(prefix="ck-lo-") as profile:
        for suffix, export in _FILTERS.items():
            batch = [f for f in files if f.suffix.lower() == suffix]
            if not batch:
                continue
            command = [program, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                       "--convert-to", f"pdf:{export}:{_TAGGED}", "--outdir", str(outdir), *map(str, batch)]
            try:
                subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False,
                               env={**os.environ, "HOME": profile})
            except subprocess.TimeoutExpired:
                raise BuildError(f"LibreOffice did not finish converting {len(batch)} files in {TIMEOUT} s") from None
            for source in batch:
                pdf = outdir / (source.stem + ".pdf")
                if not pdf.is_file():
                    raise BuildError("LibreOffice could not convert this file to PDF", source)
                try:
                    pdf.write_bytes(pin(pdf.read_bytes(), pdf_date))
                except pikepdf.PdfError as exc:
                    raise BuildError(f"LibreOffice wrote a PDF that cannot be read back ({exc})", source) from None
                result[source] = pdf
    return result


def pin(data: bytes, pdf_date: str) -> bytes:
    """The same PDF made deterministic: dates set to ``pdf_date``, LibreOffice's random id
    and checksum of its own bytes dropped, objects renumbered in document order and a new id
    derived from the content."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for date in ("/CreationDate", "/ModDate"):
            if date in pdf.docinfo:
                pdf.docinfo[date] = f"D:{pdf_date}Z"
        for random_key in ("/DocChecksum", "/ID"):  # qpdf would keep the first half of an /ID
            if random_key in pdf.trailer:
                del pdf.trailer[random_key]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def convert_documents(documents: dict[str, tuple[str, bytes]], pdf_date: str) -> dict[str, bytes]:
    """PDFs of documents held in memory, keyed as given: ``{key: (file name, bytes)}`` ->
    ``{key: PDF bytes}``, in one batch. Each temporary file is named after its content's
    hash, so a document converts to the same PDF whichever batch it is in."""
    with tempfile.TemporaryDirectory(prefix="ck-pdf-") as temp:
        folder = Path(temp)
        sources = {}
        for key, (name, data) in documents.items():
            path = folder / f"{hashlib.sha256(data).hexdigest()[:16]}{Path(name).suffix}"
            path.write_bytes(data)
            sources[path] = key
        converted = convert(list(sources), folder / "pdf", pdf_date)
        return {sources[src]: pdf.read_bytes() for src, pdf in converted.items()}
