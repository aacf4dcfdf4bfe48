"""What changed between two versions of one overlay folder, in the words of its county.

The comparison is of the folder as the county wrote it (a :class:`Layer`), because that is
what the overlay's version number covers; a parent overlay's own changes are reported as
one line with its versions. Every change says how big a version bump it needs: anything
that alters the text or look of packets needs a minor bump, contacts and notes a patch.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from ..formats.calendar import CountyCalendar
from ..formats.contacts import Contact
from ..formats.orgchart import OrgChart, Person
from ..formats.overlay import Layer
from ..formats.programs import PROGRAM_LABELS, PROGRAMS
from ..package.zipper import sha256_file

GROUPS = {"parent": "Parent overlay", "settings": "Settings", "branding": "Branding", "trainers": "Trainers",
          "terms": "Terminology", "contacts": "Contacts", "orgchart": "Org chart", "stories": "Stories",
          "calendar": "Calendar"}
MINOR, PATCH, NONE = "minor", "patch", "none"


@dataclass(frozen=True)
class Change:
    group: str  # a key of GROUPS
    action: str  # added, removed, changed, moved, retitled
    subject: str
    detail: str
    needs: str  # the smallest version bump it needs: minor, patch or none

    @property
    def text(self) -> str:
        return f"{self.subject}: {self.detail}" if self.detail else self.subject


def quote(value: object) -> str:
    return f'"{value}"' if value not in (None, "", ()) else "(none)"


def layer_changes(old: Layer, new: Layer, old_parent: Layer | None, new_parent: Layer | None) -> list[Change]:
    """Every change from ``old`` to ``new``, grouped in the order of GROUPS."""
    changes = [*_parent(old, new, old_parent, new_parent), *_settings(old, new), *_branding(old, new),
               *_keyed("trainers", old.trainers or (), new.trainers or (), lambda t: t.name.casefold(),
                       ("program", "title", "email"), lambda t: t.name,
                       lambda t: f"{PROGRAM_LABELS[t.program]} trainer", lambda differ: MINOR),
               *_keyed("terms", old.terms, new.terms, lambda t: t.key, ("replacement", "case", "note"),
                       lambda t: quote(t.term), lambda t: f"replaced by {quote(t.replacement)}",
                       lambda differ: MINOR if {"replacement", "case"} & set(differ) else PATCH),
               *_keyed("contacts", old.contacts, new.contacts, lambda c: c.key,
                       ("name", "title", "phone", "email", "location", "notes"), _role,
                       lambda c: f"{c.name}, {c.title}".strip(", "), lambda differ: PATCH,
                       same=lambda c: c.name.casefold()),
               *_orgchart(old.orgchart, new.orgchart),
               *_keyed("stories", old.stories, new.stories, lambda s: s.name, ("title", "programs", "paragraphs"),
                       lambda s: f"{quote(s.title)} ({s.name}.md)", lambda s: "", lambda differ: MINOR),
               *_calendar(old.calendar or CountyCalendar(), new.calendar or CountyCalendar())]
    order = list(GROUPS)
    return sorted(changes, key=lambda c: (order.index(c.group), c.subject.casefold(), c.action))


def _calendar(old: CountyCalendar, new: CountyCalendar) -> list[Change]:
    """Closures, rooms and trainers' leave: they move plan dates, not packet text (a patch)."""
    def patch(differ: list[str]) -> str:
        return PATCH

    return [*_keyed("calendar", old.closures, new.closures, lambda c: c.name.casefold(),
                    ("start", "end", "rule", "observed"), lambda c: f"closure {quote(c.name)}",
                    lambda c: c.rule or (f"{c.start}" + (f" to {c.end}" if c.end != c.start else "")), patch),
            *_keyed("calendar", old.rooms, new.rooms, lambda r: r.name.casefold(), ("address", "capacity"),
                    lambda r: f"room {quote(r.name)}", lambda r: r.address, patch),
            *_keyed("calendar", old.absences, new.absences, lambda a: (a.trainer, a.start), ("end", "reason"),
                    lambda a: f"{a.trainer} away from {a.start}", lambda a: a.text, patch)]


def _role(contact: Contact) -> str:
    return f"{contact.role} ({PROGRAM_LABELS[contact.program]})"


def _action(was: object, now: object) -> str:
    return "added" if not was else "removed" if not now else "changed"


def _keyed(group: str, old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], Hashable], fields: tuple[str, ...],
           subject: Callable[[Any], str], summary: Callable[[Any], str], needs: Callable[[list[str]], str],
           same: Callable[[Any], Hashable] | None = None) -> list[Change]:
    """Added, removed and changed records matched by ``key``, changed ones field by field.

    Records are any of the overlay's row types (trainers, terms, contacts, stories): read
    by ``fields`` name, so typed as Any.

    With ``same`` (a second key such as a person's name), a removed and an added record
    with equal second keys are one record whose key changed (a contact given a new role);
    it is reported under its name, with its old and new subject.
    """
    before, after = {key(r): r for r in old}, {key(r): r for r in new}
    pairs = [(before[k], after[k]) for k in before if k in after]
    gone = [r for k, r in before.items() if k not in after]
    came = [r for k, r in after.items() if k not in before]
    if same is not None:
        for record in list(gone):
            twin = next((r for r in came if same(r) == same(record)), None)
            if twin is not None:
                gone.remove(record)
                came.remove(twin)
                pairs.append((record, twin))
    changes = [Change(group, "added", subject(r), summary(r), needs(list(fields))) for r in came]
    changes += [Change(group, "removed", subject(r), summary(r) and f"was {summary(r)}", needs(list(fields)))
                for r in gone]
    for was, now in pairs:
        differ = [f for f in fields if getattr(was, f) != getattr(now, f)]
        details = [_field(f, getattr(was, f), getattr(now, f)) for f in differ]
        if key(was) != key(now):
            details.insert(0, f"now {subject(now)} (was {subject(was)})")
        if details:
            changes.append(Change(group, "changed", subject(now) if key(was) == key(now) else now.name,
                                  "; ".join(details), needs(differ or list(fields))))
    return changes


def _field(name: str, old: Any, new: Any) -> str:
    if name == "paragraphs":
        return f"text changed ({len(old)} -> {len(new)} paragraphs)"
    if name == "programs":
        old, new = ", ".join(PROGRAM_LABELS[p] for p in old), ", ".join(PROGRAM_LABELS[p] for p in new)
    return f"{name.replace('_', ' ')} {quote(old)} -> {quote(new)}"


def _parent(old: Layer, new: Layer, old_parent: Layer | None, new_parent: Layer | None) -> list[Change]:
    if old.extends != new.extends:
        return [Change("parent", _action(old.extends, new.extends), "extends",
                       f"{quote(old.extends)} -> {quote(new.extends)}", MINOR)]
    if old_parent and new_parent and new.extends and old_parent.version != new_parent.version:
        return [Change("parent", "changed", new.extends, f"{old_parent.version} -> {new_parent.version} "
                       "(inherited changes; the parent's own version covers them)", NONE)]
    return []


def _settings(old: Layer, new: Layer) -> list[Change]:
    changes = []
    if old.county != new.county:
        changes.append(Change("settings", "changed", "county name", f"{quote(old.county)} -> {quote(new.county)}",
                              MINOR))
    before, after = set(old.omit_sections or ()), set(new.omit_sections or ())
    changes += [Change("settings", "added", f"section {quote(name)}", "now left out", MINOR) for name in after - before]
    changes += [Change("settings", "removed", f"section {quote(name)}", "no longer left out", MINOR)
                for name in before - after]
    if old.buildable != new.buildable:
        changes.append(Change("settings", "changed", "buildable", f"{quote(old.buildable)} -> {quote(new.buildable)}",
                              PATCH))
    return changes


def _branding(old: Layer, new: Layer) -> list[Change]:
    """Names, short names and colours as written; logos by the sha256 of the image."""
    changes = []
    for program in PROGRAMS:
        before, after = old.programs.get(program, {}), new.programs.get(program, {})
        label = PROGRAM_LABELS[program]
        for name in ("name", "short_name", "color"):
            was, now = before.get(name), after.get(name)
            if was != now:
                changes.append(Change("branding", _action(was, now), f"{label} {name.replace('_', ' ')}",
                                      f"{quote(was)} -> {quote(now)}", MINOR))
        was, now = before.get("logo"), after.get("logo")
        if (was and sha256_file(was)) != (now and sha256_file(now)):
            detail = f"new image ({now.name})" if was and now else \
                f"{quote(was and was.name)} -> {quote(now and now.name)}"
            changes.append(Change("branding", _action(was, now), f"{label} logo", detail, MINOR))
    return changes


def _orgchart(old: OrgChart | None, new: OrgChart | None) -> list[Change]:
    """People by id: added, removed, moved (a new manager), retitled, renamed."""
    if old is None or new is None:
        if old is new:
            return []
        chart = new or old
        assert chart is not None  # not both: returned above
        detail = f"{len(chart.people)} people" + ("" if new else "; a parent's org chart is used, if any")
        where = chart.path.name if chart.path else "org chart"  # orgchart.csv, orgchart.xlsx, overlay.xlsx
        return [Change("orgchart", _action(old, new), where, detail, MINOR)]
    before, after = {p.id: p for p in old.people}, {p.id: p for p in new.people}

    def manager(people: dict[str, Person], person: Person) -> str:
        boss = people.get(person.reports_to)
        return boss.name if boss else "no one"

    changes = [Change("orgchart", "added", p.name, f"{p.title}, reports to {manager(after, p)}", MINOR)
               for k, p in after.items() if k not in before]
    changes += [Change("orgchart", "removed", p.name, f"was {p.title}", MINOR) for k, p in before.items()
                if k not in after]
    for key in before.keys() & after.keys():
        was, now = before[key], after[key]
        if was.reports_to != now.reports_to:
            changes.append(Change("orgchart", "moved", now.name,
                                  f"now reports to {manager(after, now)} (was {manager(before, was)})", MINOR))
        if was.title != now.title:
            changes.append(Change("orgchart", "retitled", now.name, _field("title", was.title, now.title), MINOR))
        differ = [_field(f, getattr(was, f), getattr(now, f)) for f in ("name", "program")
                  if getattr(was, f) != getattr(now, f)]
        if differ:
            changes.append(Change("orgchart", "changed", now.name, "; ".join(differ), MINOR))
    return changes
