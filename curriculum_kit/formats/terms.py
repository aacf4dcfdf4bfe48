"""Terminology rows: the county's words for the academy's generic statewide wording."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..findings import Findings
from .sources import read_csv

COLUMNS = ["term", "replacement"]
OPTIONAL_COLUMNS = ["case", "note"]
CASE_MODES = ("auto", "exact")
# Characters XML 1.0 cannot hold (a document with one would not open); Excel can type some.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
    line: int | None = None

    @property
    def ignore_case(self) -> bool:
        return self.case == "auto" and self.term == self.term.lower()

    @property
    def key(self) -> str:
        """Rows with equal keys are the same term (used for duplicates and inheritance)."""
        return self.term.lower() if self.ignore_case else self.term


def read_terminology(path: Path, findings: Findings) -> tuple[Term, ...]:
    terms: dict[str, Term] = {}
    for row in read_csv(path, COLUMNS, OPTIONAL_COLUMNS):
        term, replacement = row["term"], row["replacement"]
        case = row["case"].lower() or "auto"
        if not term:
            findings.error(path, "empty term (every row needs a term and its replacement)", row.line)
            continue
        if not replacement:
            findings.error(path, f"term '{term}' has an empty replacement", row.line)
            continue
        if "\n" in term or "\n" in replacement:
            findings.error(path, f"term '{term}' spans several lines in one cell", row.line)
            continue
        bad = NOT_IN_XML.search(term + replacement)
        if bad:
            findings.error(path, f"term '{term}' contains the control character U+{ord(bad.group()):04X}, "
                                 "which a Word or PowerPoint file cannot hold", row.line)
            continue
        if case not in CASE_MODES:
            findings.error(path, f"case '{row['case']}' must be 'auto' or 'exact'", row.line)
            continue
        entry = Term(term, replacement, case, row["note"], path, row.line)
        first = terms.get(entry.key) or next(
            (t for t in terms.values()
             if (t.ignore_case or entry.ignore_case) and t.term.lower() == entry.term.lower()), None)
        if first is not None:
            findings.error(path, f"duplicate term '{term}' (first on line {first.line})", row.line)
            continue
        terms[entry.key] = entry
    return tuple(terms.values())


def _contains_word(text: str, word: str, ignore_case: bool) -> bool:
    flags = re.IGNORECASE if ignore_case else 0
    for match in re.finditer(re.escape(word), text, flags):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
    return False


def chains(terms: tuple[Term, ...]) -> list[tuple[Term, Term]]:
    """Pairs (row, other) where row's replacement contains other's term.

    Replacement is a single pass, so such a row never chains — but a county that writes
    'CWS -> DCFS' and 'DCFS -> Children's Services' usually meant something else.
    """
    found = []
    for row in terms:
        for other in terms:
            if other is not row and other.key != row.key and other.term.lower() in row.replacement.lower() \
                    and _contains_word(row.replacement, other.term, other.ignore_case):
                found.append((row, other))
    return found


def merge_terms(*sources: tuple[Term, ...]) -> tuple[Term, ...]:
    """Rows of later sources replace rows of earlier ones with the same term."""
    merged: dict[str, Term] = {}
    for terms in sources:
        merged.update((term.key, term) for term in terms)
    return tuple(merged.values())
