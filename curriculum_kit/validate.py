"""Everything `curriculum-kit validate` checks beyond reading each file on its own.

Loading (formats/) already reported malformed files, unknown keys and bad values; this
adds the rules that look across files: prerequisites and levels (lesson 2), real
Word/PowerPoint files and balanced markers in every module document, terminology rows
that would look like chains, and overlay settings that name things no module has.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import CurriculumKitError, InvalidInputs, Location
from .findings import Finding, Findings
from .formats.library import Library
from .formats.markers import PLACEHOLDERS, Marker, MarkerSyntaxError, find_markers, stands_alone
from .formats.module import LEVELS, Module
from .formats.placement import deck_spots, guide_spots
from .formats.programs import PROGRAM_LABELS, PROGRAMS
from .formats.sources import load_toml
from .formats.stories import size_warning
from .formats.terms import chains
from .ooxml.links import broken_references, linked_files
from .ooxml.outline import deck_titles, guide_headings
from .ooxml.package import Package
from .ooxml.reading import document_blocks
from .readiness import PLACEHOLDER, colour_warnings, missing_material, placeholder_findings

__all__ = ["PLACEHOLDER", "check_module", "check_sequence", "validate"]

_FAMILY_NAMES = {"word": "Word", "presentation": "PowerPoint"}
_PLAIN_NAMES = {"word": "Word Document (.docx)", "presentation": "PowerPoint Presentation (.pptx)"}


def validate(library: Library) -> Findings:
    """All findings for the library: those from loading plus the cross-file rules."""
    findings = library.findings
    for module in library.modules.values():
        check_module(module, library.modules, findings)
    _check_prerequisite_cycles(library.modules, findings)
    _check_new_hire_core(library.modules, findings)
    sections = {name for m in library.modules.values() for name in m.optional_sections}
    reported: set[tuple[Path | None, Location, str]] = set()
    for overlay in library.overlays.values():
        for row, other in chains(overlay.terms):
            key = (row.path, row.line, other.term)
            if key not in reported:
                reported.add(key)
                assert row.path is not None  # an overlay's terms were read from its terminology file
                findings.warning(row.path, f"replacement '{row.replacement}' contains the term '{other.term}' "
                                 f"of another row (line {other.line}); replacements are never replaced again, "
                                 "so check this is what you meant", row.line)
        layer = overlay.layer
        for name in layer.omit_sections or ():
            if library.modules and name not in sections:
                findings.warning(layer.doc.path, f"omit_sections names '{name}', which no module declares "
                                 f"as optional (known: {', '.join(sorted(sections)) or 'none'})",
                                 layer.doc.line_of("omit_sections"))
        if overlay.buildable:
            for program in PROGRAMS:
                if not any(t.program == program for t in overlay.trainers):
                    findings.warning(layer.doc.path, f"no {PROGRAM_LABELS[program]} trainer in [[trainers]]: "
                                     "Linkages sessions are co-facilitated by one trainer from each program")
    _check_counties(library, findings)
    for layer in library.layers.values():
        for story in layer.stories:
            warning = size_warning(story)
            if warning:
                findings.warning(story.path, warning)
    return findings


def _check_counties(library: Library, findings: Findings) -> None:
    """What `build` would stop at (readiness.county_errors), as errors: validate fails first,
    with the same words. Placeholders in a parent-only overlay and colours too light for
    text, as warnings."""
    seen: set[str] = set()
    built_layers: set[Path] = set()
    for overlay in library.overlays.values():
        if not overlay.buildable:
            continue
        built_layers.update(layer.folder for layer in overlay.chain)
        errors: list[Finding] = []
        for module in library.modules.values():
            try:
                errors += missing_material(overlay, module)
            except CurriculumKitError:
                continue  # an unreadable module document is reported by check_module
        errors += _lock_errors(overlay.folder)
        for finding in errors + placeholder_findings(overlay.chain, "error"):
            if str(finding) not in seen:
                seen.add(str(finding))
                findings.items.append(finding)
    for layer in library.layers.values():
        extra = [] if layer.folder in built_layers else placeholder_findings((layer,), "warning")
        for finding in extra + colour_warnings(layer):
            if str(finding) not in seen:
                seen.add(str(finding))
                findings.items.append(finding)


def _lock_errors(folder: Path) -> list[Finding]:
    """What `lock`, `outdated` and `build --locked` would refuse in a county's modules.lock
    (hand-edited, merged badly, or a link) and its snapshot folder."""
    from .formats.lockfile import LOCK_FILE, read_lock, snapshot_path

    lock = folder / LOCK_FILE
    try:
        snapshot_path(folder, "")
        if lock.exists() or lock.is_symlink():
            read_lock(lock)
    except InvalidInputs as exc:
        return [Finding(Path(f.path), f.line, "error", f.message) for f in exc.findings]
    except CurriculumKitError as exc:
        return [Finding(Path(exc.path or lock), exc.line, "error", exc.message)]
    return []


def check_module(module: Module, modules: dict[str, Module], findings: Findings) -> None:
    """Prerequisites and every document of one module (what `build` needs before it starts)."""
    _check_prerequisites(module, modules, findings)
    marked: dict[Path, set[str]] = {}
    for path in module.documents:
        found = _check_document(module, path, findings)
        if found is not None:
            marked[path] = found
    if module.slides in marked and module.facilitator_guide in marked:
        check_placement(module, marked[module.slides], marked[module.facilitator_guide], findings)


def check_sequence(modules: dict[str, Module], findings: Findings) -> None:
    """What a training plan relies on, without opening any document: prerequisites exist, never
    go up in level, form no cycle, and the new-hire core needs nothing outside itself."""
    for module in modules.values():
        _check_prerequisites(module, modules, findings)
    _check_prerequisite_cycles(modules, findings)
    _check_new_hire_core(modules, findings)


def _check_new_hire_core(modules: dict[str, Module], findings: Findings) -> None:
    """Lesson 9: new hires take the core track in order, so its prerequisites must be in it too."""
    for module in modules.values():
        for prerequisite in module.prerequisites:
            other = modules.get(prerequisite)
            if module.new_hire_core and other is not None and not other.new_hire_core:
                findings.error(module.toml_path, f"module '{module.id}' is new-hire core but requires "
                               f"'{prerequisite}', which is not (set new_hire_core = true in "
                               f"{prerequisite}/module.toml, or drop the prerequisite)",
                               _line(module, "prerequisites"))


def _check_prerequisites(module: Module, modules: dict[str, Module], findings: Findings) -> None:
    for prerequisite in module.prerequisites:
        line = _line(module, "prerequisites")
        if prerequisite == module.id:
            findings.error(module.toml_path, f"module '{module.id}' lists itself as a prerequisite", line)
        elif prerequisite not in modules:
            findings.error(module.toml_path, f"prerequisite '{prerequisite}' is not a module in "
                           f"{module.folder.parent}", line)
        elif modules[prerequisite].level_rank > module.level_rank:
            article = "an" if module.level[0] in "aeiou" else "a"
            findings.error(module.toml_path, f"{article} {module.level} module cannot require '{prerequisite}', "
                           f"which is {modules[prerequisite].level} (training goes from "
                           f"{' to '.join(LEVELS)})", line)


def _line(module: Module, key: str) -> int | None:
    return load_toml(module.toml_path).line_of(key)


def _check_prerequisite_cycles(modules: dict[str, Module], findings: Findings) -> None:
    done: set[str] = set()
    path: list[str] = []  # the walk's current chain; empty again after each visit

    def visit(module_id: str) -> bool:
        if module_id in path:
            cycle = path[path.index(module_id):] + [module_id]
            first = modules[cycle[0]]
            findings.error(first.toml_path, f"prerequisites form a cycle: {' -> '.join(cycle)}",
                           _line(first, "prerequisites"))
            return True
        if module_id in done or module_id not in modules:
            return False
        path.append(module_id)
        found = any(visit(p) for p in modules[module_id].prerequisites if p != module_id)
        path.pop()
        done.add(module_id)
        return found

    for start in sorted(modules):
        visit(start)


@dataclass
class _Seen:
    marker: Marker
    where: str
    container: object


def _check_document(module: Module, path: Path, findings: Findings) -> set[str] | None:
    """A real file of the right kind whose markers are known, alone and balanced; returns
    the placeholders it has markers for (None for a file that cannot be read)."""
    want = "presentation" if path == module.slides else "word"
    seen: list[_Seen] = []
    try:
        with Package(path) as package:
            family = package.family
            problems = unbuildable(package) if family == want else []
        if family != want:
            findings.error(path, f"is a {_FAMILY_NAMES[family]} file, but module.toml lists it as a "
                           f"{_FAMILY_NAMES[want]} file")
            return None
        for problem in problems:
            findings.error(path, problem)
        if problems:
            return None
        for block in document_blocks(path):
            if "ck" not in block.text:
                continue
            try:
                markers = find_markers(block.text)
            except MarkerSyntaxError as exc:
                findings.error(path, f"{block.location}: {exc}")
                continue
            if not markers:
                continue
            if not stands_alone(block.text):
                findings.error(path, f"{block.location}: marker {markers[0]} must be the only text of its paragraph")
                continue
            misplaced = _misplaced(markers[0], block.kind, want)
            if misplaced:
                findings.error(path, f"{block.location}: {misplaced}")
                continue
            container = block.element.getparent() if want == "word" else None
            seen.append(_Seen(markers[0], block.location, container))
    except CurriculumKitError as exc:
        findings.error(path, exc.message)
        return None
    _check_balance(module, path, seen, findings)
    return {item.marker.name for item in seen if item.marker.role == "placeholder"}


def unbuildable(package: Package) -> list[str]:
    """Why a file cannot go into a packet: packets hand trainers plain .docx/.pptx files, and
    python-docx and python-pptx need every part the file refers to, well-formed (a damaged
    part raises PackageError)."""
    if package.variant:
        return [f"is {package.variant}; open it and save it as a {_PLAIN_NAMES[package.family]}"]
    too_large_for_libraries = package.check_xml_parts()
    return [*(f"{problem}, more than python-docx and python-pptx read; open it in Word or PowerPoint, "
              "simplify that part and save it again" for problem in too_large_for_libraries),
            *(f"{source or 'the package'} refers ({rel.id}) to '{rel.target}', a part the file does not "
              "have; open it in Word or PowerPoint and save it again" for source, rel in broken_references(package)),
            *(f"part '{name}' has no content type in [Content_Types].xml; open it in Word or PowerPoint and "
              "save it again" for name in package.untyped_parts()),
            *(f"links to the file '{target[:200]}' outside it, which building its PDF would read in; insert "
              "the picture (or object) into the document instead of linking to it" for target in linked_files(package))]


def _misplaced(marker: Marker, kind: str, family: str) -> str | None:
    if family == "word":
        return None if kind == "body" else f"marker {marker} in a {kind} has no effect; put it in the body text"
    if marker.role == "placeholder":
        return None if kind == "slide" else f"placeholder {marker} belongs in a text box on a slide, not in {kind}"
    return None if kind == "notes" else f"section marker {marker} belongs in the speaker notes, not on a {kind}"


def _check_balance(module: Module, path: Path, seen: list[_Seen], findings: Findings) -> None:
    stack: list[_Seen] = []
    used: set[str] = set()
    for item in seen:
        marker = item.marker
        if marker.role == "placeholder":
            continue
        if marker.name == "optional":
            used.add(marker.argument)
            if marker.argument not in module.optional_sections:
                findings.error(path, f"{item.where}: {marker} names a section that module.toml does not "
                               "declare in [optional_sections]")
        if marker.role == "open":
            stack.append(item)
            continue
        if not stack or stack[-1].marker.section != marker.section:
            expected = f"; {stack[-1].marker} opened at {stack[-1].where} is still open" if stack else ""
            findings.error(path, f"{item.where}: {marker} closes a section that is not open{expected}")
            continue
        opened = stack.pop()
        if opened.container is not item.container:
            findings.error(path, f"{item.where}: {marker} must close the section in the same place it opened "
                           f"({opened.where}); a section cannot start or end inside a table")
    for item in stack:
        findings.error(path, f"{item.where}: {item.marker} is never closed (add {{{{ck:end "
                       f"{item.marker.name} {item.marker.argument}}}}})")


def check_placement(module: Module, deck_marked: set[str], guide_marked: set[str], findings: Findings) -> None:
    """Every place build would look for: each [placement] anchor names one slide or heading
    (the titles as the academy wrote them, as build reads them); an anchor for material the
    document has a marker for is ignored, and said so."""
    doc = load_toml(module.toml_path)
    for piece, places in module.placement.items():
        for document, marked in (("deck", deck_marked), ("guide", guide_marked)):
            if document in places and piece in marked:
                findings.warning(module.toml_path, f"[placement] {piece}.{document} is ignored: the {document} "
                                 f"has a {{{{ck:{piece}}}}} marker, and markers win", doc.line_of("placement", piece))
    try:
        titles = deck_titles(module.slides)
        headings = guide_headings(module.facilitator_guide)
    except CurriculumKitError as exc:
        findings.error(exc.path or module.toml_path, exc.message)
        return
    problems = deck_spots(titles, module.placement, [p for p in PLACEHOLDERS if p not in deck_marked])[1]
    problems += guide_spots([text for _, text in headings], [level for level, _ in headings], module.placement,
                            [p for p in PLACEHOLDERS if p not in guide_marked])[1]
    for piece, problem in problems:
        findings.error(module.toml_path, problem, doc.line_of("placement", piece))
