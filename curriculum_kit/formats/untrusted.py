"""Every text a county or the academy typed, checked before it can reach a document.

Overlay and module folders are edited by hand, in Excel, or arrive from someone else's
repository, so each value is untrusted: a vertical tab pasted from a web form makes lxml
refuse the whole document, a 300-character county name overflows Word's document
properties, a 230-character folder name cannot become a packet's file name. The checks
live here, once, and every reader (TOML values, CSV cells, stories, file names) calls
them, so ``validate`` reports the problem with its file, line and field and ``build``
never meets it.
"""

from __future__ import annotations

import re

# Characters XML 1.0 cannot hold: a Word or PowerPoint file with one does not open.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The start of a marker ({{ck:contacts}}), the module documents' instructions to the build:
# in a county's text, placed in a document, the build would read it as one of them.
MARKER_SYNTAX = re.compile(r"\{\{\s*ck\s*:", re.IGNORECASE)

PROPERTY_CHARS = 255  # Word and PowerPoint keep a document's title, subject and author to 255
SHORT_TEXT_CHARS = 255  # a TOML value: a name, a title, a path; they end up in document properties
LONG_TEXT_CHARS = 4000  # a module's description: a catalog paragraph
CELL_CHARS = 1000  # a CSV cell: a contact's notes are the longest, a sentence or two
NAME_BYTES = 255  # a file-name component on every common file system
ID_CHARS = 60  # a slug or module id: part of every packet's file name (see packet_name)


def text_problem(value: str, limit: int) -> str | None:
    """Why ``value`` cannot go into a document, or None: a character XML cannot hold,
    marker syntax, or more than ``limit`` characters."""
    bad = NOT_IN_XML.search(value)
    if bad:
        return (f"contains the control character U+{ord(bad.group()):04X}, which a Word or "
                "PowerPoint file cannot hold")
    if "{" in value and MARKER_SYNTAX.search(value):
        return "contains marker syntax ({{ck:); markers belong in module documents, not in what goes into them"
    if len(value) > limit:
        return f"is {len(value):,} characters long; at most {limit:,} fit"
    return None


def cell_problem(column: str, value: str) -> str | None:
    """Why one spreadsheet cell cannot be used, naming its column (CSV and, later, .xlsx)."""
    problem = text_problem(value, CELL_CHARS)
    if problem is None:
        return None
    shown = value if len(value) <= 40 else value[:40] + "…"
    return f"column '{column}' ('{shown}') {problem}"


def file_name_problem(name: str) -> str | None:
    """Why a file or folder name (one component) cannot be read into a document or
    written as part of an output's name."""
    problem = text_problem(name, NAME_BYTES)
    if problem:
        return problem
    size = len(name.encode("utf-8", "surrogateescape"))
    return f"is {size} bytes long; a file name holds at most {NAME_BYTES}" if size > NAME_BYTES else None


def clip(text: str, limit: int = PROPERTY_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis: for fields such as a document's
    title, made from a county's name and a prefix, that must never refuse a build."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
