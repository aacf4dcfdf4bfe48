"""`module diff OLD NEW` and `outdated SLUG --diff`: the two versions of a module to compare,
read from folders, from git (``ID@GITREF``), or — for a county's lock — from the snapshot
`lock` wrote, so the old module files are not needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..findings import Findings
from ..formats.folders import MODULE_FILE
from ..formats.library import Library
from ..formats.lockfile import LOCK_FILE, read_lock
from ..formats.module import ID_PATTERN, Module, load_module
from ..formats.overlay import Overlay
from ..formats.sources import load_toml
from .gitrefs import folder_at
from .lock import locked_snapshot, module_digest
from .module_diff import ModuleDiff, Text, Vocabulary, diff_module
from .outdated import published
from .snapshot import Vocabulary as CountedWords
from .snapshot import document_kinds, document_text, read_as

PROPERTIES = "properties"  # where document properties are, in a document's text (ooxml.package.PART_KINDS)


def module_texts(module: Module, copies: bool = False) -> dict[str, Text]:
    """Each document's paragraphs, by file name inside the module folder (``copies``: see
    :func:`.snapshot.document_text`)."""
    return {path.relative_to(module.folder).as_posix(): document_text(path, copies=copies) for path in module.documents}


def placement_table(module: Module) -> dict[str, Any]:
    """module.toml's [placement] table (anchors such as 'after-title: Time to Connect'), or {}."""
    table = load_toml(module.folder / MODULE_FILE).data.get("placement", {})
    return table if isinstance(table, dict) else {}


@contextmanager
def module_at(spec: str, modules_dir: Path) -> Iterator[Module]:
    """The module ``spec`` names: a folder, an id in ``modules_dir``, or ID@GITREF / FOLDER@GITREF."""
    name, at, ref = spec.partition("@")
    folder = Path(name) if Path(name).is_dir() or not ID_PATTERN.fullmatch(name) else modules_dir / name
    if not at:
        yield _load(folder)
        return
    with folder_at(folder, ref, spec, MODULE_FILE) as (extracted, _day):
        yield _load(extracted)


def _load(folder: Path) -> Module:
    if not (folder / MODULE_FILE).is_file():
        raise InputError("folder not found" if not folder.is_dir() else
                         f"is not a module folder (no {MODULE_FILE})", folder)
    findings = Findings()
    module = load_module(folder, findings, check_folder_name=False)
    findings.raise_if_errors()
    assert module is not None
    return module


def county_vocabulary(library: Library, overlay: Overlay) -> Vocabulary:
    """The county's terms, and the generic terms other overlays map that it does not."""
    words = CountedWords.of(overlay, library.layers.values())
    return Vocabulary(overlay.terms, CountedWords.terms(words.generic))


def review_module(old_spec: str, new_spec: str, modules_dir: Path, library: Library | None,
                  county: str | None) -> ModuleDiff:
    """Compare two versions of a module, for ``county``'s terms when one is given."""
    vocabulary = None
    if county is not None and library is not None:
        vocabulary = county_vocabulary(library, library.overlay(county))
    with module_at(old_spec, modules_dir) as old, module_at(new_spec, modules_dir) as new:
        if old.id != new.id:  # two modules: hundreds of changes under one module's name, exit 0
            raise InputError(f"is module {new.id}, and {old_spec} is module {old.id}: `module diff` compares two "
                             "versions of one module", Path(new_spec))
        before, after = paired_by_role(module_texts(old), module_texts(new), document_kinds(old), document_kinds(new))
        return diff_module(new.id, old_spec, new_spec, str(old.version), str(new.version),
                           before, after, vocabulary, county, placement_table(new))


def review_lock(library: Library, slug: str) -> list[ModuleDiff]:
    """For each module ``slug`` locked that changed since: what changed, from the lock's snapshot."""
    overlay = library.overlay(slug)
    folder = overlay.folder
    if not (folder / LOCK_FILE).is_file():
        raise InputError(f"has no {LOCK_FILE}; run 'curriculum-kit lock {slug}' first", folder)
    vocabulary = county_vocabulary(library, overlay)
    diffs = []
    for module_id, entry in sorted(read_lock(folder / LOCK_FILE).items()):
        module = published(library, module_id)
        if module is None:  # what plain `outdated` reports, and fails on, too
            raise InputError(f"locks {module_id}, which is no longer published; run 'curriculum-kit lock {slug}' "
                             "to drop it from the lock", folder / LOCK_FILE)
        if module_digest(module) == entry.sha256:
            continue
        snapshot = locked_snapshot(folder, entry)
        if any(facts.text is None for facts in snapshot.documents.values()):
            raise InputError(f"the snapshot of {module_id} was written before `lock` kept the modules' text; "
                             f"compare with 'curriculum-kit module diff {module_id}@GITREF {module_id}' "
                             "(GITREF: the commit you locked)", folder / LOCK_FILE)
        old = {name: facts.text or () for name, facts in snapshot.documents.items()}
        new = {name: read_as(snapshot.format, text) or () for name, text in module_texts(module).items()} \
            if snapshot.format > 1 else _read_as_format_1(module_texts(module, copies=True), old)
        old, new = paired_by_role(old, new, {name: facts.kind for name, facts in snapshot.documents.items()},
                                  document_kinds(module))
        diffs.append(diff_module(module_id, f"{module_id} {entry.version} (locked {entry.locked})",
                                 f"{module_id} {module.version}", str(entry.version), str(module.version),
                                 old, new, vocabulary, slug, placement_table(module)))
    return diffs


def paired_by_role(old: dict[str, Text], new: dict[str, Text], old_kinds: dict[str, str],
                   new_kinds: dict[str, str]) -> tuple[dict[str, Text], dict[str, Text]]:
    """The two versions' texts with a renamed document under one name, 'slides-2027.pptx (was
    slides.pptx)': the one guide, the one deck, or the one handout gone and the one come
    (a renamed deck was diffed as a new document, every line of it added, the old removed)."""
    old, new = dict(old), dict(new)
    for kind in ("facilitator guide", "slides", "handout"):
        gone = [name for name in old if name not in new and old_kinds.get(name) == kind]
        came = [name for name in new if name not in old and new_kinds.get(name) == kind]
        if len(gone) == len(came) == 1:
            both = f"{came[0]} (was {gone[0]})"
            old[both], new[both] = old.pop(gone[0]), new.pop(came[0])
    return old, new


def _read_as_format_1(new: dict[str, Text], old: dict[str, Text]) -> dict[str, Text]:
    """Today's texts as a format 1 snapshot read them: without the document properties
    (title, company, ...) where the snapshot of that document has none — a `lock` older
    than their reading kept none, and every document would show its properties as added."""
    return {name: text if name not in old or any(where == PROPERTIES for where, _ in old[name])
            else tuple(block for block in text if block[0] != PROPERTIES) for name, text in new.items()}
