"""A preflight finding: what is wrong, where in which file, and the one-line fix.

Findings name a place a reviewer can go to ("slide 7", "body, table 2, row 4") and a fix
they can act on, the way a careful trainer would mark up a packet before it is printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import located


@dataclass(frozen=True)
class Issue:
    file: str  # the document's name inside the packet, or its path
    place: str  # 'slide 7', 'body, paragraph 12', 'body, table 2, row 4'
    check: str  # the family and check, e.g. 'text/doubled', 'layout/overflow'
    message: str
    fix: str

    def __str__(self) -> str:
        """One line, whatever the file's name or the text quoted holds (a line break, a
        terminal's escape sequence: shown as escapes)."""
        return located(self.file, None, f"{self.place}: {self.message}; {self.fix}")

    def to_json(self) -> dict[str, str]:
        return {"file": self.file, "place": self.place, "check": self.check,
                "message": self.message, "fix": self.fix}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Issue:
        return cls(data["file"], data["place"], data["check"], data["message"], data["fix"])
