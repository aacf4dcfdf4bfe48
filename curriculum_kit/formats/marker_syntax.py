"""Where a module's markers are in a text, without reading what they say (formats.markers
does that): what `adapt` needs to leave them alone, kept apart so that its start-up does
not load the marker model."""

from __future__ import annotations

import re

MARKER = re.compile(r"\{\{\s*ck:([^{}]*)\}\}")


def marker_spans(text: str) -> list[tuple[int, int]]:
    """Where the markers are in a text (a part's text, many paragraphs): the text engine
    leaves them alone, since a terminology row such as 'contacts' or 'program' would
    otherwise turn them into markers that do not exist."""
    if "{{" not in text:
        return []
    return [match.span() for match in MARKER.finditer(text)]
