"""The marker syntax of base modules: ``{{ck:NAME ARGUMENT}}``, alone in a paragraph.

Markers are read from a paragraph's text as a reader sees it, so Word splitting one into
several runs does not matter; ``{{ck:`` never occurs in prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .marker_syntax import MARKER as _MARKER
from .programs import PROGRAMS

PLACEHOLDERS = ("cobrand", "contacts", "orgchart", "stories")
SECTION_KINDS = ("optional", "program")
_MALFORMED = re.compile(r"\{\s*ck\s*:|\bck:[\w -]*\}", re.IGNORECASE)
_MAYBE = re.compile("ck", re.IGNORECASE).search  # both patterns need it: most paragraphs stop here


@dataclass(frozen=True)
class Marker:
    """A placeholder (``{{ck:contacts}}``) or a section edge (``{{ck:program cws}}``)."""

    role: str  # 'placeholder', 'open' or 'close'
    name: str  # a placeholder name, or 'optional' / 'program'
    argument: str = ""  # the section name or the program

    @property
    def section(self) -> tuple[str, str]:
        return (self.name, self.argument)

    def __str__(self) -> str:
        body = " ".join(x for x in (("end" if self.role == "close" else ""), self.name, self.argument) if x)
        return "{{ck:" + body + "}}"


class MarkerSyntaxError(ValueError):
    """A marker that is malformed or unknown; the message says what was meant."""


def find_markers(text: str) -> list[Marker]:
    """Markers in a paragraph's text; raises MarkerSyntaxError for a malformed one."""
    if _MAYBE(text) is None:
        return []
    markers = [_parse(match.group(1)) for match in _MARKER.finditer(text)]
    leftover = _MARKER.sub("", text)
    if _MALFORMED.search(leftover):
        raise MarkerSyntaxError(f"malformed marker in '{text.strip()[:60]}': write markers as "
                                "{{ck:NAME}} with two braces on each side")
    return markers


def stands_alone(text: str) -> bool:
    """True when ``text`` is exactly one marker (spaces around it allowed)."""
    return _MARKER.fullmatch(text.strip()) is not None


def _parse(inner: str) -> Marker:
    words = inner.split()
    if len(words) == 1 and words[0] in PLACEHOLDERS:
        return Marker("placeholder", words[0])
    role = "open"
    if words and words[0] == "end":
        role, words = "close", words[1:]
    if len(words) == 2 and words[0] in SECTION_KINDS:
        kind, argument = words
        if kind == "program" and argument not in PROGRAMS:
            raise MarkerSyntaxError(f"unknown program '{argument}' in {{{{ck:{inner}}}}}; use "
                                    f"{' or '.join(PROGRAMS)}")
        return Marker(role, kind, argument)
    known = ", ".join(["{{ck:" + p + "}}" for p in PLACEHOLDERS] +
                      ["{{ck:optional NAME}}", "{{ck:program cws|calworks}}", "{{ck:end ...}}"])
    raise MarkerSyntaxError(f"unknown marker {{{{ck:{inner}}}}} (known: {known})")
