"""Adapt one Word or PowerPoint file on disk: the `adapt` command's library function.

The engine (``ooxml.adapt``) works on an open package and a stream; this adds what a file
on disk needs: outputs that are never an input nor inside the folders it reads, the right
extension, an existing folder, and files that appear whole or not at all.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError
from .formats.folders import MODULE_FILE
from .formats.marker_syntax import marker_spans
from .ooxml.adapt import AdaptResult, adapt_package
from .ooxml.matcher import TermRule
from .ooxml.package import Package
from .outputs import atomic_output, check_file_output, check_outputs, write_json


def adapt_file(source: Path, output: Path | None, terms: Sequence[TermRule], details: bool = False, *,
               report: Path | None = None, inputs: Sequence[tuple[str, Path]] = (),
               read_only: Sequence[Path] = ()) -> AdaptResult:
    """Adapt ``source`` into ``output`` atomically (None: a dry run that writes nothing), and
    write every change to ``report`` (JSON) when given.

    Before anything is written, neither output may be INPUT, one of the other ``inputs``
    (the terms CSV), the other output, or lie in a ``read_only`` folder (the overlays; and
    INPUT's folder when it is a base module's).
    """
    source = Path(source)
    with Package(source) as package:  # a file that is no document is refused first, as such
        if output is not None:
            _check_output(source, Path(output))
        outputs = [(label, Path(path)) for label, path in (("OUTPUT", output), ("--report", report)) if path]
        module_folders = _module_folders([source, *(path for _, path in outputs)])
        check_outputs(outputs, [("INPUT", source), *inputs], [*read_only, *module_folders])
        for _, path in outputs:  # both, before either is written
            check_file_output(path)
        if output is None:
            result = adapt_package(package, terms, None, details or report is not None, untouchable=marker_spans)
        else:
            with atomic_output(Path(output)) as stream:
                result = adapt_package(package, terms, stream, details or report is not None,
                                        untouchable=marker_spans)
    if report is not None:
        write_json(Path(report), result.to_json())
    return result


def _module_folders(paths: Sequence[Path]) -> list[Path]:
    """The base module folders (those holding a module.toml) that any of ``paths`` lies in:
    INPUT's own, and any an output was aimed into (a module's documents are only read)."""
    folders: dict[Path, None] = {}
    for path in paths:
        for folder in Path(os.path.realpath(path)).parents:
            if (folder / MODULE_FILE).is_file():
                folders[folder] = None
    return list(folders)


def _check_output(source: Path, output: Path) -> None:
    if output.is_dir():
        raise InputError(f"OUTPUT is a folder; name the file to write, e.g. {output / source.name}", output)
    if output.suffix.lower() != source.suffix.lower():
        raise InputError(f"OUTPUT must have the same extension as INPUT ({source.suffix})", output)
    if not output.parent.is_dir():
        raise InputError("the folder for OUTPUT does not exist", output.parent)
