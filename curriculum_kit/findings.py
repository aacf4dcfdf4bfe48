"""Validation findings: what `validate` prints, one ``path[:line]: severity: message`` each.

Loaders collect findings instead of stopping at the first problem, so a county sees every
mistake in its overlay in one run; commands that need clean inputs call
:meth:`Findings.raise_if_errors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import InvalidInputs, Location, display_path, located

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    path: Path
    line: Location  # a line number, or a workbook cell such as 'Contacts!E7'
    severity: Severity
    message: str

    def __str__(self) -> str:
        return located(self.path, self.line, f"{self.severity}: {self.message}")

    def to_json(self) -> dict[str, Any]:
        return {"path": display_path(self.path), "line": self.line,
                "severity": self.severity, "message": self.message}


class Findings:
    """An ordered collection of findings, filled by loaders and validators."""

    def __init__(self) -> None:
        self.items: list[Finding] = []

    def error(self, path: str | Path, message: str, line: Location = None) -> None:
        self.items.append(Finding(Path(path), line, "error", message))

    def warning(self, path: str | Path, message: str, line: Location = None) -> None:
        self.items.append(Finding(Path(path), line, "warning", message))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if f.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InvalidInputs(self.errors)
