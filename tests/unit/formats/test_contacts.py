"""contacts.csv: program spellings, e-mail addresses and phone numbers."""

from __future__ import annotations

import pytest

from curriculum_kit.findings import Findings
from curriculum_kit.formats.contacts import read_contacts
from tests.unit.formats.conftest import OVERLAYS, findings, write_overlay

CSV = "overlays/alder-county/contacts.csv"
HEADER = "program,role,name,title,phone,email,location,notes\n"
GOOD_ROW = "cws,Linkages liaison,Dana Whitfield,Supervisor,(555) 555-0101,dwhitfield@example.org,,\n"


def with_contact(row: str) -> None:
    write_overlay(contacts=HEADER + GOOD_ROW + row)


def test_valid_contacts_have_no_findings():
    write_overlay()
    assert findings() == []


@pytest.mark.parametrize("spelling, program", [("CWS", "cws"), ("Child Welfare", "cws"),
                                               ("CalWORKs", "calworks"), ("Cal WORKs", "calworks"),
                                               ("both", "both"), ("Both", "both")])
def test_common_program_spellings_are_accepted(spelling, program):
    with_contact(f"{spelling},Coordinator,Priya Raman,Manager,555-555-0103,praman@example.org,,\n")
    assert findings() == []
    contacts = read_contacts(OVERLAYS / "alder-county" / "contacts.csv", Findings())
    assert contacts[-1].program == program


def test_unknown_program_spelling():
    with_contact("Foster Care,Coordinator,Priya Raman,Manager,555-555-0103,praman@example.org,,\n")
    assert findings() == [f"{CSV}:3: error: program 'Foster Care' must be cws, calworks or both"]


@pytest.mark.parametrize("email", ["praman@example", "praman.example.org", "praman@@example.org",
                                   "Priya Raman <praman@example.org>", "tel:praman@example.org"])
def test_invalid_email(email):
    with_contact(f'calworks,Liaison,Priya Raman,Manager,555-555-0103,"{email}",,\n')
    assert findings() == [f"{CSV}:3: error: e-mail '{email}' of 'Priya Raman' is not an address like "
                          "name@agency.example.org"]


def test_an_address_pasted_from_a_mailto_link_is_the_address():
    with_contact("calworks,Liaison,Priya Raman,Manager,555-555-0103,MAILTO:praman@example.org,,\n")
    assert findings() == []
    assert read_contacts(OVERLAYS / "alder-county" / "contacts.csv", Findings())[-1].email == "praman@example.org"


@pytest.mark.parametrize("phone", ["555-0103", "555-555-01034", "555-CALL-NOW", "(555) 555-0103 ext"])
def test_invalid_phone(phone):
    with_contact(f"calworks,Liaison,Priya Raman,Manager,{phone},praman@example.org,,\n")
    assert findings() == [f"{CSV}:3: error: phone '{phone}' of 'Priya Raman' needs ten digits, like "
                          "(530) 555-0142 or 530-555-0142 x12"]


@pytest.mark.parametrize("phone", ["(555) 555-0103", "555.555.0103", "1-555-555-0103", "555-555-0103 x123",
                                   "555 555 0103 ext. 42"])
def test_valid_phone_spellings(phone):
    with_contact(f"calworks,Liaison,Priya Raman,Manager,{phone},praman@example.org,,\n")
    assert findings() == []


def test_contact_without_phone_or_email():
    with_contact("calworks,Liaison,Priya Raman,Manager,,,,\n")
    assert findings() == [f"{CSV}:3: error: contact 'Priya Raman' has neither phone nor e-mail"]


def test_contact_without_a_name():
    with_contact("calworks,Liaison,,Manager,555-555-0103,praman@example.org,,\n")
    assert findings() == [f"{CSV}:3: error: every contact needs a role and a name"]


def test_missing_column():
    write_overlay(contacts="program,role,name,title,email\n")
    assert findings() == [f"{CSV}:1: error: missing column 'phone'; the header must start "
                          "program,role,name,title,phone,email"]
