"""Adapt one Word or PowerPoint file: every term remapped, everything else untouched.

Parts are streamed in their zip order: a text part is parsed, matched and — only if it
changed — serialised and deflated; every other entry is copied as its original
compressed bytes. A large changed part is serialised on a background thread (lxml does
not hold the GIL while it serialises) while the next parts are read. The result lists every
change and every near miss with its location.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO, NamedTuple, TypeVar
from zipfile import ZipInfo

from lxml import etree

from .collector import collector_paused
from .matcher import Kept, Match, Matcher, NearMiss, TermRule, compiled_matcher, splice
from .package import Package, parse_xml, serialize
from .rewrite import Undo, apply, undo
from .textview import PartText, in_copy, read_part
from .zipio import ZipWriter

# Trees by part name: as written (adapt_package's changed_trees), as parsed and read (kept_trees).
ChangedTrees = dict[str, etree._Element]
KeptTrees = dict[str, tuple[etree._Element, PartText]]
# The spans of a part's text that no term may touch (the caller's marker syntax).
Untouchable = Callable[[str], Sequence[tuple[int, int]]]
# A changed part this large is serialised and deflated in the background: a 9 MB Word body
# takes ~50 ms to serialise, time the next parts' reading then shares.
_BACKGROUND_MIN = 1 << 20


# Records are named tuples and the result a plain class: a dataclass statement costs about
# a millisecond at import, a third of a small file's work.
class Change(NamedTuple):
    part: str
    location: str
    term: str
    original: str
    replacement: str
    before: str  # the paragraph's text before and after all its changes
    after: str


class NearMissReport(NamedTuple):
    part: str
    location: str
    term: str
    text: str
    reason: str
    paragraph: str


class KeptReport(NamedTuple):
    """A place left alone because it already reads as an expanding row's replacement."""
    part: str
    location: str
    term: str
    text: str
    paragraph: str


class AdaptResult:
    """What adapting one document did and did not do."""

    def __init__(self, source: Path, terms: tuple[TermRule, ...]):
        self.source = source
        self.terms = terms
        self.changes: list[Change] = []  # filled when details are asked for
        self.near_misses: list[NearMissReport] = []  # always (they are few: each a place to look at)
        self.already_adapted: list[KeptReport] = []  # likewise
        self.by_term: Counter[str] = Counter()
        self.by_kind: Counter[str] = Counter()
        self.near_miss_count = 0
        self.already_adapted_count = 0
        self.kept_terms: set[str] = set()  # terms found only where already adapted count as found

    def occurrences(self) -> Counter[str]:
        return self.by_term

    def occurrences_by_kind(self) -> Counter[str]:
        return self.by_kind

    def unused_terms(self) -> list[str]:
        used = self.occurrences()
        return [t.term for t in self.terms if t.term not in used and t.term not in self.kept_terms]

    def to_json(self) -> dict[str, object]:
        return {
            "source": str(self.source),
            "changes": [c._asdict() for c in self.changes],
            "near_misses": [m._asdict() for m in self.near_misses],
            "already_adapted": [k._asdict() for k in self.already_adapted],
            "occurrences": dict(sorted(self.occurrences().items())),
            "terms_never_found": self.unused_terms(),
        }


def adapt_package(package: Package, terms: Sequence[TermRule], output: BinaryIO | None,
                  details: bool = False, deflating: bool = True,
                  changed_trees: ChangedTrees | None = None,
                  kept_trees: KeptTrees | None = None, untouchable: Untouchable | None = None) -> AdaptResult:
    """Adapt an open package, writing the new zip to ``output`` (None: a dry run).

    With ``details``, every change and near miss is listed with its location and the
    paragraph before and after; without, only counted (what a build needs). Without
    ``deflating``, changed parts are stored as they are: for a zip that is only read
    again at once (a build's adapted module document, which python-docx or python-pptx
    opens, assembles and saves anew), deflating it was work thrown away. ``changed_trees``,
    when given, gets the tree of each part that changed, as written (for a reader of the
    result that takes trees instead of parsing the bytes again). ``kept_trees``, when given,
    holds each text part's tree and text view from one call to the next on the same
    document (one dict a document: a build adapts each module document for every county):
    a part is parsed and read once, and each county's changes are written into its tree,
    serialised and undone. ``untouchable`` gives the spans of a part's text no term may
    change, touch or count (a base module's markers: a county's row 'contacts' must not turn
    ``{{ck:contacts}}`` into a marker that does not exist).
    """
    if changed_trees is not None and kept_trees is not None:
        raise ValueError("a kept tree is changed back after writing: it cannot be handed on")
    matcher = compiled_matcher(tuple(terms))
    result = AdaptResult(package.path, tuple(terms))
    parts = package.text_parts()
    labels: dict[str, str] = {}

    def label_of(name: str) -> str:
        """A part's place in words ('slide 3 notes'), worked out for the whole package when a
        place is first reported (with ``details``, or a near miss: a build lists those)."""
        if not labels:
            from .locations import part_labels  # here: only reports name places
            labels.update(part_labels(package, parts), **{"": ""})
        return labels.get(name, name)

    writer = ZipWriter(output, deflating) if output is not None else None
    for info in package.infos:
        name = info.filename
        raw = package.raw(info)
        if name in parts:
            with collector_paused():
                changed = _adapt_part(package, info, raw, parts[name], label_of, matcher, result,
                                      details, serialize_changes=writer is not None, trees=changed_trees,
                                      kept_trees=kept_trees, untouchable=untouchable)
            if changed is not None and writer is not None:
                if callable(changed):
                    writer.add_later(name, changed, info.date_time)
                else:
                    writer.add(name, changed, info.date_time)
                continue
        else:
            package.verify(info, raw)
        if writer:
            writer.copy(info, raw)
    if writer:
        writer.close()
    return result


def _adapt_part(package: Package, info: ZipInfo, raw: bytes, kind: str, label_of: Callable[[str], str],
                matcher: Matcher,
                result: AdaptResult, details: bool, serialize_changes: bool,
                trees: ChangedTrees | None, kept_trees: KeptTrees | None,
                untouchable: Untouchable | None = None) -> bytes | Callable[[], bytes] | None:
    """One text part: its new bytes (or, for a large tree no one else reads or changes, what
    makes them), or None when nothing changed (or nothing is written)."""
    name = info.filename
    known = kept_trees.get(name) if kept_trees is not None else None
    if known is None:
        root = parse_xml(package.inflate(info, raw), package.path, name)
        view = read_part(root)
        if kept_trees is not None:
            kept_trees[name] = (root, view)
    else:
        root, view = known
    kept: list[Kept] = []
    matches, misses = matcher.scan(view.text, view.barriers, view.barrier_kinds, kept)
    spans = untouchable(view.text) if untouchable is not None else ()
    if spans:
        matches, misses, kept = _clear_of(matches, spans), _clear_of(misses, spans), _clear_of(kept, spans)
    counted = _seen_once(view, matches)
    result.by_term.update(match.term.term for match in counted)
    result.by_kind[kind] += len(counted)
    misses = _seen_once(view, misses)  # a text box's copy is the same place
    result.near_miss_count += len(misses)
    result.already_adapted_count += len(kept)
    result.kept_terms.update(place.term.term for place in kept)
    if details:
        _record(result, name, label_of(name), root, view, matches, misses, kept)
    elif misses:  # few, and each one a place the county's wording did not reach: always listed
        _record(result, name, label_of(name), root, view, [], misses, [])
    changed = None
    if matches:
        before: Undo | None = [] if kept_trees is not None else None
        try:
            apply(view, matches, before)
            if serialize_changes and before is None and trees is None and info.file_size >= _BACKGROUND_MIN:
                return partial(serialize, root)  # (the tree, held by it alone, is freed there too)
            changed = serialize(root) if serialize_changes else None
        finally:
            if before is not None:  # a kept tree is put back, even when writing or serialising failed
                undo(before)
        if trees is not None:
            trees[name] = root
    del view, matches  # (a tree not kept: its node proxies go before it, which lxml frees faster)
    return changed


_Placed = TypeVar("_Placed", Match, NearMiss, Kept)


def _seen_once(view: PartText, matches: list[_Placed]) -> list[_Placed]:
    """The matches a reader sees: not those in the copy of a text box Word writes for older
    readers (mc:Fallback), which changes alike but is the same place (a count of the places
    replaced counted each text box twice)."""
    if not view.has_copies:
        return matches
    blocks, elements = view.block_starts, view.block_elements
    return [match for match in matches
            if not in_copy(elements[bisect_right(blocks, match.start) - 1])]


def _clear_of(found: list[_Placed], spans: Sequence[tuple[int, int]]) -> list[_Placed]:
    """The matches (or near misses, or kept places) that overlap none of ``spans`` (sorted,
    apart from each other)."""
    starts = [start for start, _ in spans]
    clear = []
    for item in found:
        index = bisect_right(starts, item.start) - 1  # the last span starting at or before it
        if (index >= 0 and spans[index][1] > item.start) or (index + 1 < len(spans) and starts[index + 1] < item.end):
            continue
        clear.append(item)
    return clear


def _record(result: AdaptResult, part: str, label: str, root: etree._Element, view: PartText,
            matches: list[Match], misses: list[NearMiss], kept: list[Kept]) -> None:
    if not matches and not misses and not kept:
        return
    from .locations import BlockLocator

    locator = BlockLocator(root, view)
    by_block: dict[int, list[Match]] = {}
    for match in matches:
        by_block.setdefault(bisect_right(view.block_starts, match.start) - 1, []).append(match)
    for index, block_matches in by_block.items():
        block = view.block(index)
        after = splice(block.text, block_matches, block.start)
        where = _join(label, locator.describe(block))
        shift = 0  # how much longer the paragraph is, after the changes so far, where this one starts
        for match in block_matches:
            start, end = match.start - block.start, match.end - block.start
            result.changes.append(Change(part, where, match.term.term,
                                         view.text[match.start:match.end], match.replacement,
                                         _around(block.text, start, end),
                                         _around(after, start + shift, start + shift + len(match.replacement))))
            shift += len(match.replacement) - (end - start)
    for miss in misses:
        block = view.block(bisect_right(view.block_starts, miss.start) - 1)
        result.near_misses.append(NearMissReport(part, _join(label, locator.describe(block)), miss.term.term,
                                                 view.text[miss.start:miss.end], miss.reason,
                                                 _around(block.text, miss.start - block.start, miss.end - block.start)))
    for place in kept:
        block = view.block(bisect_right(view.block_starts, place.start) - 1)
        result.already_adapted.append(KeptReport(part, _join(label, locator.describe(block)), place.term.term,
                                                 view.text[place.start:place.end],
                                                 _around(block.text, place.start - block.start, place.end - block.start)))


EXCERPT = 400  # a paragraph longer than this is reported by the text around the place
_CONTEXT = 150


def _around(text: str, start: int, end: int) -> str:
    """A paragraph as a report shows it: whole, or for a long one the text around
    ``text[start:end]`` with '…' where it is cut. Each change of a paragraph is a record of
    its own, and whole paragraphs made a report grow with the square of a long paragraph's
    changes (8,000 in one paragraph: 578 MB)."""
    if len(text) <= EXCERPT:
        return text
    first, last = max(start - _CONTEXT, 0), min(end + _CONTEXT, len(text))
    return ("…" if first else "") + text[first:last] + ("…" if last < len(text) else "")


def _join(label: str, detail: str) -> str:
    return f"{label}, {detail}" if detail else label
