"""What the academy changed between two versions of a module, paragraph by paragraph and
slide by slide, and what that means for one county.

A staff developer should not have to open two guides side by side to learn what a new
version says differently. Each document's paragraphs (speaker notes included) are read
with the engine's text view, the two sequences are aligned, and each difference is reported
as added, removed or changed — a changed paragraph with the changed words marked. With a
county, each change also says which of its terms it touches: a term that no longer occurs,
a generic term the county has no row for that now occurs more, and a placement anchor of
module.toml's ``[placement]`` table that moved or vanished.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..formats.terms import Term
from ..ooxml.matcher import compiled_matcher
from .snapshot import PICTURE, hidden_mark

Text = tuple[tuple[str, str], ...]  # (where: 'slide 3 notes', text) per paragraph, as snapshot.document_text
_SAME_PARAGRAPH = 0.5  # how alike two paragraphs must be to be one paragraph changed
_WINDOW = 40  # how far ahead a changed paragraph's new form is looked for (keeps a rewrite linear)
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
_ANCHOR = re.compile(r"\s*(after-title|before-title|after-heading|before-heading|title|heading)\s*:\s*(.+)", re.I)


@dataclass(frozen=True)
class Words:
    """One stretch of a changed paragraph: '=' kept, '-' removed, '+' added."""

    op: str
    text: str


@dataclass
class Change:
    kind: str  # added, removed, changed, moved
    where: str  # 'slide 4 notes', 'body, paragraph 12' (the new place; the old one for removed;
    # 'slide 7 (was slide 5)' for moved)
    old: str | None
    new: str | None
    words: list[Words] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what it means for the county's terms


@dataclass
class DocumentDiff:
    file: str
    status: str  # changed, unchanged, added, removed
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class TermShift:
    term: str
    before: int
    after: int


@dataclass
class ModuleDiff:
    module: str
    old_label: str
    new_label: str
    old_version: str
    new_version: str
    county: str | None
    documents: list[DocumentDiff]
    terms: list[TermShift] = field(default_factory=list)  # the county's terms whose count changed
    generic: list[TermShift] = field(default_factory=list)  # unmapped generic terms now more frequent
    placements: list[str] = field(default_factory=list)  # anchors that moved or vanished

    @property
    def change_count(self) -> int:
        return sum(len(d.changes) for d in self.documents)

    def to_json(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


@dataclass(frozen=True)
class Vocabulary:
    """The county's terms, and generic terms it does not map, to count in changed paragraphs."""

    county: tuple[Term, ...] = ()
    generic: tuple[Term, ...] = ()


def occurrences(terms: tuple[Term, ...], texts: Iterable[str]) -> Counter[str]:
    """How often each of ``terms`` occurs in some paragraphs, counted as `lock` and `outdated`
    count (the engine's one pass over all the terms, the longest first: 'Welfare-to-Work'
    inside 'Welfare-to-Work (WTW)' is that row's, not its own; a regex per term counted it
    twice, and `outdated --diff` said '3 -> 4' where `outdated` said '0 -> 1')."""
    if not terms:
        return Counter()
    finders = tuple(Term(term.term, "", term.case) for term in terms)  # as snapshot.Vocabulary.terms
    matches, _ = compiled_matcher(finders).scan("\x00".join(texts))  # NUL: no term spans two paragraphs
    return Counter(match.term.term for match in matches)


def diff_module(module: str, old_label: str, new_label: str, old_version: str, new_version: str,
                old: dict[str, Text], new: dict[str, Text], vocabulary: Vocabulary | None = None,
                county: str | None = None, placement: dict[str, Any] | None = None) -> ModuleDiff:
    """Compare two versions' texts (document name -> paragraphs) for one county's eyes."""
    vocabulary = vocabulary or Vocabulary()
    documents = []
    for name in sorted(set(old) | set(new), key=lambda n: (n not in new, n not in old, n)):
        before, after = old.get(name), new.get(name)
        status = "added" if before is None else "removed" if after is None else \
            "unchanged" if before == after else "changed"
        changes = paragraph_changes(before or (), after or ())
        for change in changes:
            change.notes = [] if _marks(change.where, change.new or change.old or "") else _term_notes(change, vocabulary)
        documents.append(DocumentDiff(name, status, changes))
    result = ModuleDiff(module, old_label, new_label, old_version, new_version, county, documents)
    everything_old = [t for text in old.values() for where, t in text if not _marks(where, t)]
    everything_new = [t for text in new.values() for where, t in text if not _marks(where, t)]
    was, now = occurrences(vocabulary.county, everything_old), occurrences(vocabulary.county, everything_new)
    for term in vocabulary.county:
        shift = TermShift(term.term, was[term.term], now[term.term])
        if shift.before != shift.after:
            result.terms.append(shift)
    was, now = occurrences(vocabulary.generic, everything_old), occurrences(vocabulary.generic, everything_new)
    for term in vocabulary.generic:
        shift = TermShift(term.term, was[term.term], now[term.term])
        if shift.after > shift.before:
            result.generic.append(shift)
    result.placements = placement_changes(placement or {}, old, new)
    return result


def _marks(where: str, text: str) -> bool:
    """Whether a line of a document's text is the reading's own mark, not the document's words
    (a picture's digest, a hidden slide's mark): its words are no county's terms."""
    return hidden_mark(text) or where.endswith(f" {PICTURE}") or f", {PICTURE} " in where


def paragraph_changes(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[Change]:
    """Added, removed and changed paragraphs between two texts, in reading order."""
    old_places, new_places = _places(old), _places(new)
    matcher = SequenceMatcher(None, [t for _, t in old], [t for _, t in new], autojunk=False)
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        j = j1
        for i in range(i1, i2):
            best, score = None, _SAME_PARAGRAPH
            for k in range(j, min(j2, j + _WINDOW)):
                pair = SequenceMatcher(None, old[i][1], new[k][1], autojunk=False)
                if pair.real_quick_ratio() >= score and pair.quick_ratio() >= score and pair.ratio() >= score:
                    best, score = k, pair.ratio()
            if best is None:
                changes.append(Change("removed", old_places[i], old[i][1], None))
                continue
            changes += [Change("added", new_places[k], None, new[k][1]) for k in range(j, best)]
            changes.append(Change("changed", new_places[best], old[i][1], new[best][1],
                                  word_diff(old[i][1], new[best][1])))
            j = best + 1
        changes += [Change("added", new_places[k], None, new[k][1]) for k in range(j, j2)]
    return _moves(changes)


def _moves(changes: list[Change]) -> list[Change]:
    """Paragraphs removed in one place and added as they were in another, as moves: a slide
    moved from 5 to 7 is one change 'slide 7 (was slide 5)' holding its paragraphs, with
    nothing said about the county's terms (it read as six paragraphs removed and six added,
    each term 'gone'). The same place both ways is no change (the alignment's artefact)."""
    added: dict[str, list[int]] = {}
    for index, change in enumerate(changes):
        if change.kind == "added" and change.new is not None:
            added.setdefault(change.new, []).append(index)
    moved: dict[int, Change] = {}  # index of the added paragraph -> the move
    gone: set[int] = set()
    for index, change in enumerate(changes):
        twins = added.get(change.old or "") if change.kind == "removed" else None
        if not twins:
            continue
        twin = twins.pop(0)
        gone.add(index)
        if changes[twin].where == change.where:
            gone.add(twin)
        else:
            moved[twin] = Change("moved", f"{changes[twin].where} (was {change.where})", change.old, change.old)
    kept: list[Change] = []
    for index, change in enumerate(changes):
        change = moved.get(index, change)
        if index in gone:
            continue
        last = kept[-1] if kept else None
        if change.kind == "moved" and last is not None and last.kind == "moved" and last.where == change.where:
            last.old = last.new = f"{last.new}\n{change.new}"  # one slide's paragraphs: one move
            continue
        kept.append(change)
    return kept


def _places(text: Sequence[tuple[str, str]]) -> list[str]:
    """'slide 4 notes' for slides; 'body, paragraph 12' where a part holds many paragraphs;
    'slide 4, picture 1' for a picture (snapshot.document_text's 'slide 4 picture')."""
    counts: dict[str, int] = {}
    places = []
    for where, _ in text:
        counts[where] = counts.get(where, 0) + 1
        part, _, picture = where.rpartition(" ")
        if picture == PICTURE:
            places.append(f"{part}, {PICTURE} {counts[where]}")
        else:
            places.append(where if where.startswith("slide") else f"{where}, paragraph {counts[where]}")
    return places


def word_diff(old: str, new: str) -> list[Words]:
    """The words of a changed paragraph: kept, removed and added stretches, in order.

    A lone space kept between two changes joins them, so "county welfare department" ->
    "county and one CFT" reads as one replaced phrase, not three replaced words.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    spans: list[tuple[str, str, str]] = []  # ('=', text, text) or ('~', removed, added)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op != "equal" and spans and spans[-1][0] == "~":
            spans[-1] = ("~", spans[-1][1] + removed, spans[-1][2] + added)
        elif op != "equal" and len(spans) >= 2 and spans[-1][0] == "=" and not spans[-1][1].strip() \
                and spans[-2][0] == "~":
            space = spans.pop()[1]
            kind, gone, come = spans.pop()
            spans.append(("~", gone + space + removed, come + space + added))
        else:
            spans.append(("=", removed, added) if op == "equal" else ("~", removed, added))
    words: list[Words] = []
    for kind, removed, added in spans:
        if kind == "=":
            words.append(Words("=", removed))
            continue
        if removed:
            words.append(Words("-", removed))
        if added:
            words.append(Words("+", added))
    return words


def _term_notes(change: Change, vocabulary: Vocabulary) -> list[str]:
    old, new = [change.old or ""], [change.new or ""]
    notes = []
    counted = occurrences(vocabulary.county, old), occurrences(vocabulary.county, new)
    for term in vocabulary.county:
        before, after = counted[0][term.term], counted[1][term.term]
        if after < before:
            notes.append(f"your term \"{term.term}\" {'is gone from' if not after else 'is less often in'} "
                         f"this paragraph ({before} -> {after})")
    counted = occurrences(vocabulary.generic, old), occurrences(vocabulary.generic, new)
    for term in vocabulary.generic:
        before, after = counted[0][term.term], counted[1][term.term]
        if after > before:
            notes.append(f"generic \"{term.term}\" {'now occurs' if not before else 'occurs more'} here "
                         f"({before} -> {after}); you have no terminology row for it")
    return notes


def placement_changes(placement: dict[str, Any], old: dict[str, Text], new: dict[str, Text]) -> list[str]:
    """Anchors of module.toml's [placement] table ('after-title: Time to Connect') that
    moved to another slide or paragraph, or no longer match anything."""
    problems = []
    for piece, targets in sorted(placement.items()):
        if not isinstance(targets, dict):
            continue
        for document, anchor in sorted(targets.items()):
            found = _ANCHOR.fullmatch(anchor) if isinstance(anchor, str) else None
            if found is None:
                continue
            wanted = found.group(2).strip().lower()
            before, after = _anchor_places(wanted, old), _anchor_places(wanted, new)
            label = f"{piece} in the {document}: \"{anchor}\""
            if before and not after:
                problems.append(f"{label} matched {', '.join(before)}, and matches nothing now")
            elif before != after and after:
                problems.append(f"{label} moved: {', '.join(before) or 'nowhere'} -> {', '.join(after)}")
    return problems


def _anchor_places(wanted: str, texts: dict[str, Text]) -> list[str]:
    places = []
    for name, text in sorted(texts.items()):
        for place, (_, paragraph) in zip(_places(text), text):
            if paragraph.strip().lower() == wanted:
                places.append(f"{name} {place}")
    return places


def vocabulary_for(county_terms: Iterable[Term], generic: Iterable[Term]) -> Vocabulary:
    return Vocabulary(tuple(county_terms), tuple(generic))
