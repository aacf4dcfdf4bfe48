"""Adapt one Word or PowerPoint file on disk: the `adapt` command's library function.

The engine (``ooxml.adapt``) works on an open package and a stream; this adds what a file
on disk needs: an OUTPUT that is never the INPUT, the right extension, an existing folder,
and a file that appears whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .errors import InputError
from .ooxml.adapt import AdaptResult, adapt_package
from .ooxml.matcher import TermRule
from .ooxml.package import Package
from .outputs import atomic_output


def adapt_file(source: Path, output: Path | None, terms: Sequence[TermRule], details: bool = False) -> AdaptResult:
    """Adapt ``source`` into ``output`` atomically (None: a dry run that writes nothing)."""
    source = Path(source)
    with Package(source) as package:
        if output is None:
            return adapt_package(package, terms, None, details)
        output = Path(output)
        _check_output(source, output)
        with atomic_output(output) as stream:
            return adapt_package(package, terms, stream, details)


def _check_output(source: Path, output: Path) -> None:
    if output.is_dir():
        raise InputError(f"OUTPUT is a folder; name the file to write, e.g. {output / source.name}", output)
    if output.suffix.lower() != source.suffix.lower():
        raise InputError(f"OUTPUT must have the same extension as INPUT ({source.suffix})", output)
    if output.resolve() == source.resolve() or (output.exists() and output.samefile(source)):
        raise InputError("OUTPUT is INPUT; curriculum-kit never modifies its input, "
                         "write to another file", output)
    if not output.parent.is_dir():
        raise InputError("the folder for OUTPUT does not exist", output.parent)
