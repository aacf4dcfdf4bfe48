"""Local contacts: who a worker calls in the other program (contacts.csv)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Location
from ..findings import Findings
from .programs import BOTH, PROGRAMS, normalize_program
from .sources import read_table

COLUMNS = ["program", "role", "name", "title", "phone", "email"]
OPTIONAL_COLUMNS = ["location", "notes"]
_EMAIL = re.compile(r"[^@\s,;<>:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}")
_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension)\s*\d{1,6}\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Contact:
    program: str  # cws, calworks or both
    role: str
    name: str
    title: str
    phone: str
    email: str
    location: str = ""
    notes: str = ""
    line: Location = None  # a line, or a workbook cell ('Contacts!A7')
    path: Path | None = None

    @property
    def key(self) -> tuple[str, str]:
        """Contacts with equal keys replace each other through `extends`."""
        return (self.program, self.role.lower())


def valid_email(text: str) -> bool:
    return bool(_EMAIL.fullmatch(text))


def pasted_email(text: str) -> str:
    """The address without the 'mailto:' it carries when copied from a link in Outlook or on a web page."""
    return text[7:].strip() if text[:7].lower() == "mailto:" else text


def valid_phone(text: str) -> bool:
    """Ten digits (a leading 1 allowed), in any common punctuation, with an optional extension."""
    digits = re.sub(r"\D", "", _EXTENSION.sub("", text))
    if re.search(r"[^\d\s().+\-]", _EXTENSION.sub("", text)):
        return False
    return len(digits) == 10 or (len(digits) == 11 and digits[0] == "1")


def read_contacts(path: Path, findings: Findings, sheet: str | None = None) -> tuple[Contact, ...]:
    """Contacts from contacts.csv, a workbook, or a sheet of one (``sheet``)."""
    contacts = []
    for row in read_table(path, COLUMNS, OPTIONAL_COLUMNS, sheet):
        program = normalize_program(row["program"])
        if program is None:
            findings.error(path, f"program '{row['program']}' must be {', '.join(PROGRAMS)} or {BOTH}",
                           row.at("program"))
            continue
        if not row["name"] or not row["role"]:
            findings.error(path, "every contact needs a role and a name", row.at("role" if not row["role"] else "name"))
            continue
        email = pasted_email(row["email"])
        if not row["phone"] and not email:
            findings.error(path, f"contact '{row['name']}' has neither phone nor e-mail", row.at("phone"))
        if email and not valid_email(email):
            findings.error(path, f"e-mail '{row['email']}' of '{row['name']}' is not an address like "
                           "name@agency.example.org", row.at("email"))
        if row["phone"] and not valid_phone(row["phone"]):
            findings.error(path, f"phone '{row['phone']}' of '{row['name']}' needs ten digits, "
                           "like (530) 555-0142 or 530-555-0142 x12", row.at("phone"))
        contacts.append(Contact(program, row["role"], row["name"], row["title"], row["phone"], email,
                                row["location"], row["notes"], row.line, path))
    return tuple(contacts)
