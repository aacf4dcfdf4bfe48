"""Which of a packet's fonts this machine draws its PDFs with, in another family's widths.

LibreOffice draws a font the machine lacks with the replacement fontconfig gives it (or a
font of the same widths, when one is installed: Carlito for Calibri, Liberation Sans for
Arial). A wider replacement breaks lines where Word and PowerPoint do not: an e-mail
address split in a table, a title on two lines. The build asks ``fc-match`` (fontconfig's
own tool, which LibreOffice's packages bring along) about each font the packet's documents
print with, and says which are replaced and what to install.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from ..errors import CurriculumKitError
from ..ooxml.fonts import printed_fonts
from ..ooxml.package import Package
from ..ooxml.shared_trees import SharedTrees

# Fonts drawn with Office's widths by a free font of the same metrics, with its Debian package.
_SAME_WIDTHS = {
    "calibri": ("Carlito", "fonts-crosextra-carlito"),
    "cambria": ("Caladea", "fonts-crosextra-caladea"),
    "arial": ("Liberation Sans", "fonts-liberation2"),
    "helvetica": ("Liberation Sans", "fonts-liberation2"),
    "times new roman": ("Liberation Serif", "fonts-liberation2"),
    "times": ("Liberation Serif", "fonts-liberation2"),
    "courier new": ("Liberation Mono", "fonts-liberation2"),
    "courier": ("Liberation Mono", "fonts-liberation2"),  # every character 0.6 em wide, as Courier New's
}


def document_fonts(name: str, data: bytes, trees: SharedTrees | None = None) -> set[str]:
    """The fonts a document held in memory prints with (none named for one that cannot be read:
    the PDF was made; this only advises); ``trees``: parts already parsed, read once."""
    try:
        with Package(Path(name), data, trees) as package:
            return printed_fonts(package)
    except CurriculumKitError:
        return set()


# In a fontconfig pattern '-' starts a size and ':' a property ('Arial-12:bold'): in a name, escaped.
_PATTERN_SPECIALS = re.compile(r"[\\:,-]")


@lru_cache(maxsize=512)
def _families(font: str) -> tuple[str, ...]:
    """The family names (all its localised ones) of the font fontconfig gives for ``font``;
    () when there is no fontconfig to ask."""
    program = shutil.which("fc-match")
    if program is None:
        return ()
    try:
        found = subprocess.run([program, "--format=%{family}", _PATTERN_SPECIALS.sub(r"\\\g<0>", font)],
                               capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(name.strip() for name in found.stdout.split(",") if name.strip()) if found.returncode == 0 else ()


def same_widths(font: str, families: Iterable[str]) -> bool:
    """Whether a font drawn as one of ``families`` keeps ``font``'s widths: it is the font, or
    its metric-compatible twin."""
    names = {family.casefold() for family in families}
    twin = _SAME_WIDTHS.get(font.casefold())
    return font.casefold() in names or (twin is not None and twin[0].casefold() in names)


def replaced_fonts(fonts: Iterable[str]) -> dict[str, str]:
    """Each of ``fonts`` this machine draws in another font's widths -> the family it draws
    instead (nothing when fontconfig cannot be asked)."""
    replaced = {}
    for font in sorted(set(fonts)):
        families = _families(font)
        if families and not same_widths(font, families):
            replaced[font] = families[0]
    return replaced


def replaced_fonts_notice(replaced: Mapping[str, str]) -> str:
    """One line for the build summary and a packet's review page."""
    drawn = ", ".join(f"{font} as {family}" for font, family in sorted(replaced.items()))
    packages = sorted({_SAME_WIDTHS[font.casefold()][1] for font in replaced if font.casefold() in _SAME_WIDTHS})
    install = f"; on Debian or Ubuntu, apt-get install {' '.join(packages)}" if packages else ""
    return (f"PDFs drawn with other fonts on this machine: {drawn} (lines may break where Word's and "
            f"PowerPoint's do not{install})")
