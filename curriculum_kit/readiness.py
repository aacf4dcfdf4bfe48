"""What stops `build` for one county and one module, found before building.

`build` fails a county here, and `validate` reports the same findings as errors, so a
staff developer learns from `validate` what would fail at build time: a module that places
the county's org chart, contacts or stories where the overlay has none (an orgchart.csv
with only its header), and values still saying TODO in an overlay that is built.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .errors import CurriculumKitError, Location
from .findings import Finding, Severity
from .formats.colors import MIN_CONTRAST, WHITE, contrast
from .formats.markers import MarkerSyntaxError, find_markers
from .formats.module import Module
from .formats.overlay import CONTACTS_FILE, ORGCHART_FILE, STORIES_DIR, Layer, Overlay
from .formats.programs import PROGRAM_LABELS
from .ooxml.reading import document_blocks

PLACEHOLDER = "TODO"  # `overlay new` starts values the county must fill in with it


def county_errors(overlay: Overlay, module: Module) -> list[Finding]:
    """Every reason ``module`` cannot be built for ``overlay``, as validate words it."""
    return [*missing_material(overlay, module), *placeholder_findings(overlay.chain, "error")]


def missing_material(overlay: Overlay, module: Module) -> Iterator[Finding]:
    needs = placed_material(module.documents)
    folder = overlay.folder
    if "orgchart" in needs and (overlay.orgchart is None or not overlay.orgchart.people):
        path = overlay.orgchart.path if overlay.orgchart and overlay.orgchart.path else folder / ORGCHART_FILE
        what = f"{path.name} lists no one" if path.is_file() else f"the overlay has no {ORGCHART_FILE}"
        yield Finding(path, None, "error", f"module '{module.id}' places the county's org chart, but {what}; "
                      "add a row for each person (see docs/formats.md)")
    if "contacts" in needs and not overlay.contacts:
        yield Finding(folder / CONTACTS_FILE, None, "error", f"module '{module.id}' places the county's contacts, "
                      f"but the overlay (with its parents) has no {CONTACTS_FILE} rows; add them")
    if "stories" in needs and not overlay.stories:
        yield Finding(folder / STORIES_DIR, None, "error", f"module '{module.id}' places local success stories, "
                      f"but the overlay (with its parents) has no {STORIES_DIR}/*.md; add one")


def placed_material(documents: tuple[Path, ...]) -> frozenset[str]:
    """The county material a module's documents place ({{ck:orgchart}} and the like)."""
    return _placed(tuple((path, path.stat().st_mtime_ns if path.exists() else -1) for path in documents))


@lru_cache(maxsize=64)
def _placed(documents: tuple[tuple[Path, int], ...]) -> frozenset[str]:
    found: set[str] = set()
    for path, _ in documents:
        try:
            blocks = list(document_blocks(path))
        except CurriculumKitError:
            continue  # a damaged document is the module's error, reported as such
        for block in blocks:
            if "{{ck:" in block.text:
                try:
                    markers = find_markers(block.text)
                except MarkerSyntaxError:
                    continue  # a malformed marker too
                found.update(marker.name for marker in markers if marker.role == "placeholder")
    return frozenset(found)


def placeholder_findings(layers: tuple[Layer, ...], severity: Severity) -> list[Finding]:
    """Values still starting with TODO in ``layers``: errors in what is built (they would be
    printed on the title slide), warnings while an overlay is only a parent."""
    return [finding for layer in layers for finding in _layer_placeholders(layer, severity)]


_LAYER_PLACEHOLDERS: dict[tuple[int, str], tuple[Layer, list[Finding]]] = {}


def _layer_placeholders(layer: Layer, severity: Severity) -> list[Finding]:
    """One layer's placeholders, worked out once: a build asks for every county and module,
    and every county's chain holds the statewide layer (each kept layer keeps its id)."""
    known = _LAYER_PLACEHOLDERS.get((id(layer), severity))
    if known is not None and known[0] is layer:
        return known[1]
    findings = []
    for keys, value in _strings(layer.doc.data, ()):
        if value.startswith(PLACEHOLDER):
            findings.append(Finding(layer.doc.path, layer.doc.line_of(*keys), severity,
                                    f"'{'.'.join(map(str, keys))}' is still a placeholder: '{value}'"))
    rows: list[tuple[Path | None, Location, object]] = [(term.path, term.line, term) for term in layer.terms]
    rows += [(contact.path, contact.line, contact) for contact in layer.contacts]
    if layer.orgchart is not None:
        rows += [(layer.orgchart.path, person.line, person) for person in layer.orgchart.people]
    for path, line, row in rows:
        if any(isinstance(v, str) and v.startswith(PLACEHOLDER) for v in vars(row).values()):
            findings.append(Finding(path or layer.folder, line, severity,
                                    f"row still has a placeholder ('{PLACEHOLDER}...'); fill it in"))
    if len(_LAYER_PLACEHOLDERS) > 4096:
        _LAYER_PLACEHOLDERS.clear()
    _LAYER_PLACEHOLDERS[(id(layer), severity)] = (layer, findings)
    return findings


def _strings(value: object, keys: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, keys + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, keys + (index,))
    elif isinstance(value, str):
        yield keys, value


def colour_warnings(layer: Layer) -> list[Finding]:
    """A program colour too light for text on white (WCAG 2.1 AA, 4.5:1): names printed in it
    are printed near-black instead, and the county may want a darker shade."""
    findings = []
    for key, fields in layer.programs.items():
        color = fields.get("color")
        if isinstance(color, str) and color.startswith("#") and len(color) == 7:
            ratio = contrast(color, WHITE)
            if ratio < MIN_CONTRAST:
                findings.append(Finding(layer.doc.path, layer.doc.line_of("programs", key, "color"), "warning",
                                        f"the {PROGRAM_LABELS[key]} colour {color} has a contrast of {ratio:.1f}:1 "
                                        f"on white, under {MIN_CONTRAST}:1, so text is never printed in it (names "
                                        "in it are printed near-black; fills get black or white text)"))
    return findings
