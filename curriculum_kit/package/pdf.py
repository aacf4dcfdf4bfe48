"""PDF copies through headless LibreOffice: many files per start, several starts at once,
tagged for accessibility.

A LibreOffice start costs about a second, so a batch of documents is converted by one
process (Word files and decks need different export filters, hence a batch per kind).
Up to ``instances`` LibreOffice processes run at once, each with its own user profile
(two processes cannot share one); a kind's files are split into more batches only when
there are fewer batches than instances. Every profile after a process's first is a copy
of a profile LibreOffice has already set up, which saves the first-start work.
Public agencies publish accessible documents (Section 508): the export is a tagged PDF.
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
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import BuildError

_TAGGED = '{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
_FILTERS = {".docx": "writer_pdf_Export", ".pptx": "impress_pdf_Export"}
TIMEOUT = 600
_seed: tempfile.TemporaryDirectory[str] | None = None  # a set-up profile, copied for later starts
_seed_lock = threading.Lock()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def batches(files: list[Path], instances: int) -> list[tuple[str, list[Path]]]:
    """(export filter, files) per LibreOffice start, largest first: one batch per kind of
    file, the largest split in two while there are fewer batches than ``instances``."""
    work = [(export, [f for f in files if f.suffix.lower() == suffix]) for suffix, export in _FILTERS.items()]
    work = [(export, batch) for export, batch in work if batch]

    def size(batch: list[Path]) -> int:
        return sum(f.stat().st_size for f in batch)

    while 0 < len(work) < instances:
        export, largest = max(work, key=lambda item: size(item[1]))
        if len(largest) < 2:
            break
        work.remove((export, largest))
        work += [(export, largest[0::2]), (export, largest[1::2])]
    return sorted(work, key=lambda item: -size(item[1]))


def convert(files: list[Path], outdir: Path, pdf_date: str, instances: int = 1) -> dict[Path, Path]:
    """PDFs of ``files`` in ``outdir`` (names must be unique), pinned to ``pdf_date``
    (YYYYMMDDHHMMSS), by up to ``instances`` LibreOffice processes at once."""
    import pikepdf  # here, not at the top: `build` asks soffice() even when nothing is converted

    program = soffice()
    if program is None:
        raise BuildError("PDFs need LibreOffice (soffice), which is not installed; use --no-pdf")
    outdir.mkdir(parents=True, exist_ok=True)
    work = batches(files, max(1, instances))
    with ThreadPoolExecutor(max_workers=max(1, min(instances, len(work)))) as pool:
        for _ in pool.map(lambda item: _run(program, item[0], item[1], outdir), work):
            pass
    result = {}
    for source in files:
        pdf = outdir / (source.stem + ".pdf")
        if not pdf.is_file():
            raise BuildError("LibreOffice could not convert this file to PDF", source)
        try:
            pdf.write_bytes(pin(pdf.read_bytes(), pdf_date))
        except pikepdf.PdfError as exc:
            raise BuildError(f"LibreOffice wrote a PDF that cannot be read back ({exc})", source) from None
        result[source] = pdf
    return result


def _run(program: str, export: str, batch: list[Path], outdir: Path) -> None:
    """One LibreOffice process converting ``batch``, with a profile of its own."""
    with tempfile.TemporaryDirectory(prefix="ck-lo-") as home:
        profile = Path(home) / "profile"
        seed = _seed_profile()
        if seed is not None:
            shutil.copytree(seed, profile, symlinks=True)
        command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", f"pdf:{export}:{_TAGGED}", "--outdir", str(outdir), *map(str, batch)]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False,
                           env={**os.environ, "HOME": home})
        except subprocess.TimeoutExpired:
            raise BuildError(f"LibreOffice did not finish converting {len(batch)} files in {TIMEOUT} s") from None
        if seed is None:
            _keep_seed(profile)


def _seed_profile() -> Path | None:
    with _seed_lock:
        return Path(_seed.name) / "profile" if _seed is not None else None


def _keep_seed(profile: Path) -> None:
    """Keep a copy of a profile LibreOffice has set up, for this process's later starts
    (removed when the process ends)."""
    global _seed
    if not (profile / "user").is_dir():
        return
    with _seed_lock:
        if _seed is None:
            kept = tempfile.TemporaryDirectory(prefix="ck-lo-seed-")
            shutil.copytree(profile, Path(kept.name) / "profile", symlinks=True)
            _seed = kept


def pin(data: bytes, pdf_date: str) -> bytes:
    """The same PDF made deterministic: dates set to ``pdf_date``, LibreOffice's random id
    and checksum of its own bytes dropped, objects renumbered in document order and a new id
    derived from the content."""
    import pikepdf

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


def convert_documents(documents: dict[str, tuple[str, bytes]], pdf_date: str,
                      instances: int = 1) -> dict[str, bytes]:
    """PDFs of documents held in memory, keyed as given: ``{key: (file name, bytes)}`` ->
    ``{key: PDF bytes}``, by up to ``instances`` LibreOffice processes. Each temporary file is named after its content's
    hash, so a document converts to the same PDF whichever batch it is in."""
    with tempfile.TemporaryDirectory(prefix="ck-pdf-") as temp:
        folder = Path(temp)
        sources = {}
        for key, (name, data) in documents.items():
            path = folder / f"{hashlib.sha256(data).hexdigest()[:16]}{Path(name).suffix}"
            path.write_bytes(data)
            sources[path] = key
        converted = convert(list(sources), folder / "pdf", pdf_date, instances)
        return {sources[src]: pdf.read_bytes() for src, pdf in converted.items()}
