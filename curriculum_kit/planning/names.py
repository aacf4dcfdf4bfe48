"""Reading what staff type about a session: a module by id or title, a clock time.

Plan and sign-in files are typed or edited in Excel by people: 'Linkages Orientation',
'linkages orientation', 'LINKAGES-ORIENTATION' and the title in the county's words all
mean one module; '9:00', '09:00', '9:00 AM' and Excel's '9:00:00 AM' mean one time.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, time

from ..formats.module import Module
from ..formats.overlay import Overlay

TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%I %p", "%I:%M%p", "%I%p")


def squeeze(text: str) -> str:
    """Case and spacing folded: 'Linkages  Orientation' -> 'linkages orientation'."""
    return " ".join(text.split()).casefold()


def _as_id(text: str) -> str:
    """'Linkages Orientation' or 'linkages_orientation' written as an id: 'linkages-orientation'."""
    return re.sub(r"[\s_]+", "-", text.strip().casefold())


class ModuleNames:
    """Every way a module may be written: its id in any case or with spaces, its title (the
    academy's or the county's words), and the title before a colon ('Linkages Orientation')."""

    def __init__(self, modules: Mapping[str, Module], county_titles: Mapping[str, str] | None = None):
        self.ids = sorted(modules)
        self.names: dict[str, str] = {}
        for module in modules.values():
            for title in (module.title, (county_titles or {}).get(module.id, "")):
                if title:
                    self.names.setdefault(squeeze(title), module.id)
                    self.names.setdefault(squeeze(title.split(":")[0]), module.id)

    def find(self, text: str) -> str | None:
        wanted = _as_id(text)
        if wanted in self.ids:
            return wanted
        return self.names.get(squeeze(text))

    def problem(self, text: str) -> str:
        """"unknown module 'x' (did you mean 'linkages-orientation'?)", or 'no module'."""
        if not text.strip():
            return "no module"
        choices = {**{i: i for i in self.ids}, **self.names}
        close = difflib.get_close_matches(_as_id(text), list(choices), n=1, cutoff=0.6) or \
            difflib.get_close_matches(squeeze(text), list(choices), n=1, cutoff=0.6)
        hint = f" (did you mean '{choices[close[0]]}'?)" if close else f" (known: {', '.join(self.ids)})"
        return f"unknown module '{text}'{hint}"


def first_reading(candidates: Iterable[str], patterns: Iterable[str]) -> datetime | None:
    """The first candidate text read by the first pattern that fits it (strptime), or None."""
    for candidate in candidates:
        for pattern in patterns:
            try:
                return datetime.strptime(candidate, pattern)
            except ValueError:
                continue
    return None


def parse_clock(text: str) -> time | None:
    """A start time as typed or as Excel saves it: 9:00, 09:00, 13:30, 9:00 AM, 9:00:00 AM."""
    found = first_reading([" ".join(text.strip().upper().replace(".", "").split())], TIME_FORMATS)
    return found.time() if found else None


_SMALL_WORDS = {"and", "of", "the", "for", "&"}
_PREFIXES = ("department of ", "dept. of ", "dept of ")


def program_aliases(overlay: Overlay) -> dict[str, str]:
    """Every way staff write a program as the overlay names it, to its key: the full name
    ('Alder County Employment and Temporary Assistance'), without the county ('Employment
    and Temporary Assistance') or 'Department of', the short name ('ETA') and the initials
    of the name ('DCFS' for 'Department of Children and Family Services')."""
    found: dict[str, set[str]] = {}
    county = overlay.county.casefold()
    prefixes = (f"{county} ", f"{county.removesuffix(' county')} county ", f"county of {county.removesuffix(' county')} ")
    for branding in overlay.programs.values():
        for name in (branding.name, branding.short_name):
            if not name:
                continue
            spellings = {name}
            bare = name.casefold()
            for prefix in prefixes:
                bare = bare.removeprefix(prefix)
            spellings.add(bare)
            for prefix in _PREFIXES:
                spellings.add(bare.removeprefix(prefix))
            words = [w for w in re.split(r"[\s/-]+", bare) if w and w not in _SMALL_WORDS]
            if len(words) >= 2:
                spellings.add("".join(w[0] for w in words))
            for spelling in spellings:
                found.setdefault(spelling, set()).add(branding.program)
    return {spelling: next(iter(keys)) for spelling, keys in found.items() if len(keys) == 1}
