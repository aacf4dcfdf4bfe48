"""Where `adapt` takes its terms from: a county's overlay (with its parents) and/or a CSV.

A module of its own so that `adapt --terms CSV` imports the CSV reader and nothing of the
overlay machinery (TOML, contacts, org charts, logos): start-up is a third of adapting a
small file.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..findings import Findings
from .terms import Term, merge_terms, read_terminology


def load_terms(overlays_dir: Path, county: str | None = None, overlay_dir: Path | None = None,
               terms_csv: Path | None = None) -> tuple[Term, ...]:
    """Terms for `adapt`: an overlay's (with its parents') and/or an ad-hoc CSV's, which win."""
    sources = []
    if overlay_dir is not None:
        overlays_dir, county = Path(overlay_dir).resolve().parent, Path(overlay_dir).resolve().name
    if county is not None:
        from .library import Library  # here: see the module's docstring

        library = Library.load(Path("."), overlays_dir, modules=False)
        sources.append(library.overlay(county).terms)
    if terms_csv is not None:
        findings = Findings()
        sources.append(read_terminology(Path(terms_csv), findings, named=True))  # named on the command line
        findings.raise_if_errors()
    if not sources:
        raise InputError("no terms given: use --county SLUG, --overlay DIR or --terms CSV")
    return merge_terms(*sources)
