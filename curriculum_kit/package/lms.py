"""What a learning management system receives for one module and county: plain data.

Canvas, Moodle, Cornerstone or SumTotal take content packages, not zips of Word files. The
participant material of a packet (agenda, handouts, contacts, org chart, each with its PDF
when built) becomes a list of :class:`Material` in the order staff use them, after a start
page in the county's words (:class:`Landing`). The Common Cartridge and SCORM writers turn
the same :class:`LmsPackage` into their manifests, so both list the same things in the same
order with the same identifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGE = "en-US"
START_PAGE = "index.html"


@dataclass(frozen=True)
class Material:
    """One document for participants; ``files`` opens with the one a browser shows (the PDF)."""

    key: str  # stable and unique (the file's path): the base of resource and item identifiers
    title: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class Segment:
    """One timed item of the session (lesson 8's time to connect included).

    Each gets a small page of its own so both manifests can list the segments, in order, as
    items of the organization: an item must point at a resource, and a fragment of the start
    page is not one (CC 1.3 and SCORM 1.2 resources name files, not anchors).
    """

    page: str  # 'segments/01-welcome.html', numbered in order: the base of its identifiers
    title: str  # in the county's words
    when: str  # '9:00 AM – 9:30 AM'
    minutes: int
    kind: str  # connect, content, break, lunch, closing (curriculum_kit.agenda)
    about: str  # what it is, a sentence


@dataclass(frozen=True)
class ProgramBrand:
    name: str
    short_name: str
    color: str  # '#RRGGBB'
    logo: str | None  # path inside the package


@dataclass(frozen=True)
class Landing:
    """The start page: the module in the county's words, both programs' branding."""

    county: str
    title: str
    description: str
    audience: str  # 'All participants' or 'For DCFS staff'
    programs: tuple[ProgramBrand, ...]
    trainers: str  # a sentence: the session's co-facilitators, or the county's trainers of each program; or ''
    agenda: tuple[Segment, ...]  # in order
    caption: str  # module and overlay versions


@dataclass(frozen=True)
class LmsPackage:
    identifier: str
    title: str
    description: str
    version: str
    landing: Landing
    materials: tuple[Material, ...]  # in the order of use, after the start page
    files: dict[str, bytes]  # every file but the start page, by path inside the package
    language: str = LANGUAGE

    def contents(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(key, title, files) of each item after the start page: the segments in order,
        then the documents. Both manifests list exactly these, so they agree."""
        segments = tuple((s.page.removesuffix(".html"), s.title, (s.page,)) for s in self.landing.agenda)
        return segments + tuple((m.key, m.title, m.files) for m in self.materials)


_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


def identifier(text: str, taken: set[str]) -> str:
    """An XML identifier (NCName) made from ``text``, unique among ``taken`` (which it joins).

    Made from the content's path, not a counter, so a rebuild gives the same identifiers and
    an LMS that re-imports a package updates its items instead of duplicating them.
    """
    base = _UNSAFE.sub("-", text).strip("-.") or "x"
    if not base[0].isalpha():
        base = "x" + base
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    taken.add(name)
    return name
