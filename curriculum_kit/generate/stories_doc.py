"""Local success stories (lesson 6): families' own paths through both systems.

Statistics persuade managers; a family's story persuades the worker. The stories go into
the facilitator guide where a module asks for them, each under its own heading.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocxDocument

from ..formats.overlay import Overlay
from ..formats.stories import Story


def add_stories(document: DocxDocument, stories: Sequence[Story], overlay: Overlay) -> None:
    """Append each story: its title (Heading 2), 'Programs: …' in italics, then its paragraphs."""
    for story in stories:
        document.add_heading(story.title, level=2)
        names = ", ".join(overlay.program_label(key) for key in story.programs)
        document.add_paragraph().add_run(f"Programs: {names}").italic = True
        for text in story.paragraphs:
            document.add_paragraph(text)
