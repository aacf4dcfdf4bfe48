"""Terminology rows: the county's words for the academy's generic statewide wording."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Location
from ..findings import Findings
from .sources import first_at, read_table

COLUMNS = ["term", "replacement"]
OPTIONAL_COLUMNS = ["case", "note"]
CASE_MODES = ("auto", "exact")
# Where a word starts, and the word (or the one non-word character) starting there.
_WORD_STARTS = re.compile(r"(?<![^\W_])(?:[^\W_]+|[\W_])")


@dataclass(frozen=True)
class Term:
    """One row of terminology.csv.

    A term with any capital letter ("CWS", "CalWORKs") matches exactly; an all-lowercase
    term in ``auto`` mode matches any case and passes the case on to the replacement.
    """

    term: str
    replacement: str
    case: str = "auto"
    note: str = ""
    path: Path | None = None
    line: Location = None  # a line, or a workbook cell ('Terminology!A7')

    @property
    def ignore_case(self) -> bool:
        return self.case == "auto" and self.term == self.term.lower()

    @property
    def key(self) -> tuple[str, bool]:
        """Rows with equal keys are the same term (used for duplicates and inheritance): the
        same spelling and the same case rule. 'Labbie' (exact) next to 'labbie' (any case) is
        a more specific rule, not a duplicate: it wins where the text reads 'Labbie'."""
        return self.term, self.ignore_case


_SPACES = re.compile(" {2,}")


def read_terminology(path: Path, findings: Findings, sheet: str | None = None, *,
                     named: bool = False) -> tuple[Term, ...]:
    terms: dict[tuple[str, bool], Term] = {}
    for row in read_table(path, COLUMNS, OPTIONAL_COLUMNS, sheet, named=named):
        cells = row.cells  # read directly: thousands of rows a build
        term, replacement = cells["term"], cells["replacement"]
        case = cells.get("case", "").lower() or "auto"
        if not term:
            findings.error(path, "empty term (every row needs a term and its replacement)", row.line)
            continue
        if not replacement:
            findings.error(path, f"term '{term}' has an empty replacement", row.at("replacement"))
            continue
        if "\n" in term or "\n" in replacement:
            what, column = (f"term '{term}'", "term") if "\n" in term else (f"the replacement of term '{term}'",
                                                                          "replacement")
            findings.error(path, f"{what} spans several lines in one cell", row.at(column))
            continue
        if case not in CASE_MODES:
            findings.error(path, f"case '{row['case']}' must be 'auto' or 'exact'", row.at("case"))
            continue
        if "  " in term:  # two spaces typed where a reader sees one: the term would never be found
            term = _SPACES.sub(" ", term)
        entry = Term(term, replacement, case, cells.get("note", ""), path, row.line)
        key = entry.key
        first = terms.get(key)
        if first is not None:
            findings.error(path, f"duplicate term '{term}' (first {first_at(first.line)})", row.line)
            continue
        if replacement == term:
            findings.warning(path, f"term '{term}' is replaced by itself, which changes nothing (it only "
                                   "keeps a parent overlay's row for it from applying)", row.line)
        terms[key] = entry
    return tuple(terms.values())


def chains(terms: tuple[Term, ...]) -> list[tuple[Term, Term]]:
    """Pairs (row, other) where row's replacement contains other's term as a whole word.

    Replacement is a single pass, so such a row never chains — but a county that writes
    'CWS -> DCFS' and 'DCFS -> Children's Services' usually meant something else. A row
    whose replacement holds its own term ('CCR -> Continuum of Care Reform (CCR)') is an
    expansion, not a chain; so is one holding the term of its sibling row, the same term
    under the other case rule, and so is one whose replacement already reads as the other
    row's replacement ('CWS case plan -> DCFS case plan' beside 'case plan -> DCFS case
    plan'): such a row is how a county stops two replacements side by side from doubling a
    word, and the text it writes is left alone by the other row.

    Terms are indexed by their whole text, and each replacement is looked up piece by piece
    (every stretch from a word's start to a word's end, no longer than the longest term), so
    the work grows with the replacements, not with the list squared (a statewide, a region's
    and a county's glossary make thousands of rows, many sharing a first word).
    """
    by_text: dict[str, list[tuple[int, Term, bool]]] = {}
    for index, other in enumerate(terms):
        by_text.setdefault(other.term.lower(), []).append((index, other, other.ignore_case))
    longest = max((len(term) for term in by_text), default=0)
    found = []
    for row in terms:
        text, lowered_term, row_ignores = row.replacement, row.term.lower(), row.ignore_case
        starts = [word.start() for word in _WORD_STARTS.finditer(text)]
        ends = [end for end in range(1, len(text) + 1) if end == len(text) or not text[end].isalnum()]
        contained: set[int] = set()
        for start in starts:
            for end in ends:
                if end <= start:
                    continue
                if end - start > longest:
                    break
                piece = text[start:end]
                for index, other, ignores in by_text.get(piece.lower(), ()):
                    if other is row or (ignores != row_ignores and other.term.lower() == lowered_term):
                        continue
                    if (other.replacement.lower() in text.lower()) if ignores else (other.replacement in text):
                        continue  # already reads as the other row's result, which that row leaves alone
                    if ignores or piece == other.term:
                        contained.add(index)
        found += [(row, terms[index]) for index in sorted(contained)]  # in the list's order, as reported
    return found


def merge_terms(*sources: tuple[Term, ...]) -> tuple[Term, ...]:
    """Rows of later sources replace rows of earlier ones with the same term and case rule."""
    merged: dict[tuple[str, bool], Term] = {}
    for terms in sources:
        merged.update((term.key, term) for term in terms)
    return tuple(merged.values())
