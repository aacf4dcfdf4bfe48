"""A small picture of a deck's title slide for the catalog, from the deck's PDF.

Made only when PDFs are built (the PDF is already there; rendering a deck without
LibreOffice is not attempted), with poppler's ``pdftoppm``, which writes the same PNG for
the same PDF. Without pdftoppm the catalog simply shows no picture.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

THUMBNAIL = "title-slide.png"
WIDTH = 320  # pixels: twice the catalog's 160 CSS pixels, sharp on high-density screens


def title_slide_png(pdf: bytes) -> bytes | None:
    """The first page of ``pdf`` as a PNG ``WIDTH`` pixels wide, or None without pdftoppm
    or when it cannot render the page."""
    program = shutil.which("pdftoppm")
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="ck-thumb-") as temp:
        source = Path(temp) / "deck.pdf"
        source.write_bytes(pdf)
        command = [program, "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x", str(WIDTH),
                   "-scale-to-y", "-1", str(source), str(Path(temp) / "thumb")]
        try:
            subprocess.run(command, capture_output=True, timeout=120, check=True)
            return (Path(temp) / "thumb.png").read_bytes()
        except (subprocess.SubprocessError, OSError):
            return None
