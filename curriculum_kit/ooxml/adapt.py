"""Adapt one Word or PowerPoint file: every term remapped, everything else untouched.

Parts are streamed in their zip order: a text part is parsed, matched and — only if it
changed — serialised and deflated; every other entry is copied as its original
compressed bytes. The result lists every change and every near miss with its location.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from zipfile import ZipInfo

from lxml import etree

from .locations import BlockLocator, part_labels
from .matcher import Match, Matcher, NearMiss, TermRule, compiled_matcher, splice
from .package import Package, parse_xml, serialize
from .rewrite import apply
from .textview import PartText, read_part
from .zipio import ZipWriter


@dataclass(frozen=True)
class Change:
    part: str
    location: str
    term: str
    original: str
    replacement: str
    before: str  # the paragraph's text before and after all its changes
    after: str


@dataclass(frozen=True)
class NearMissReport:
    part: str
    location: str
    term: str
    text: str
    reason: str
    paragraph: str


@dataclass
class AdaptResult:
    """What adapting one document did and did not do."""

    source: Path
    terms: tuple[TermRule, ...]
    changes: list[Change] = field(default_factory=list)  # filled when details are asked for
    near_misses: list[NearMissReport] = field(default_factory=list)  # likewise
    by_term: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)
    near_miss_count: int = 0

    def occurrences(self) -> Counter[str]:
        return self.by_term

    def occurrences_by_kind(self) -> Counter[str]:
        return self.by_kind

    def unused_terms(self) -> list[str]:
        used = self.occurrences()
        return [t.term for t in self.terms if t.term not in used]

    def to_json(self) -> dict[str, Any]:
        return {
            "source": str(self.source),
            "changes": [asdict(c) for c in self.changes],
            "near_misses": [asdict(m) for m in self.near_misses],
            "occurrences": dict(sorted(self.occurrences().items())),
            "terms_never_found": self.unused_terms(),
        }


def adapt_package(package: Package, terms: Sequence[TermRule], output: BinaryIO | None,
                  details: bool = False) -> AdaptResult:
    """Adapt an open package, writing the new zip to ``output`` (None: a dry run).

    With ``details``, every change and near miss is listed with its location and the
    paragraph before and after; without, only counted (what a build needs).
    """
    matcher = compiled_matcher(tuple(terms))
    result = AdaptResult(package.path, tuple(terms))
    parts = package.text_parts()
    labels = part_labels(package, parts) if details else {}
    writer = ZipWriter(output) if output is not None else None
    for info in package.infos:
        name = info.filename
        raw = package.raw(info)
        if name in parts:
            with _collector_paused():
                changed = _adapt_part(package, info, raw, parts[name], labels.get(name, name), matcher, result,
                                      details, serialize_changes=writer is not None)
            if changed is not None and writer is not None:  # only written parts come back changed
                writer.add(name, changed, info.date_time)
                continue
        else:
            package.verify(info, raw)
        if writer:
            writer.copy(info, raw)
    if writer:
        writer.close()
    return result


def _adapt_part(package: Package, info: ZipInfo, raw: bytes, kind: str, label: str, matcher: Matcher,
                result: AdaptResult, details: bool, serialize_changes: bool) -> bytes | None:
    """One text part: its new bytes, or None when nothing changed (or nothing is written)."""
    name = info.filename
    root = parse_xml(package.inflate(info, raw), package.path, name)
    view = read_part(root)
    matches, misses = matcher.scan(view.text, view.barriers, view.barrier_kinds)
    result.by_term.update(match.term.term for match in matches)
    result.by_kind[kind] += len(matches)
    result.near_miss_count += len(misses)
    if details:
        _record(result, name, label, root, view, matches, misses)
    changed = None
    if matches:
        apply(view, matches)
        changed = serialize(root) if serialize_changes else None
    del view, matches  # drop the node proxies before the tree: lxml frees a tree faster that way
    return changed


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a part is adapted: the work makes tens of
    thousands of short-lived objects without cycles (element proxies, matches), and the
    collector ran ~80 times over them for a 300-page guide (10 ms) finding nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _record(result: AdaptResult, part: str, label: str, root: etree._Element, view: PartText,
            matches: list[Match], misses: list[NearMiss]) -> None:
    if not matches and not misses:
        return
    locator = BlockLocator(root, view)
    by_block: dict[int, list[Match]] = {}
    for match in matches:
        by_block.setdefault(bisect_right(view.block_starts, match.start) - 1, []).append(match)
    for index, block_matches in by_block.items():
        block = view.block(index)
        after = splice(block.text, block_matches, block.start)
        where = _join(label, locator.describe(block))
        for match in block_matches:
            result.changes.append(Change(part, where, match.term.term,
                                         view.text[match.start:match.end], match.replacement,
                                         block.text, after))
    for miss in misses:
        block = view.block(bisect_right(view.block_starts, miss.start) - 1)
        result.near_misses.append(NearMissReport(part, _join(label, locator.describe(block)), miss.term.term,
                                                 view.text[miss.start:miss.end], miss.reason, block.text))


def _join(label: str, detail: str) -> str:
    return f"{label}, {detail}" if detail else label
