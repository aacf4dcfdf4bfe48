"""Modules and trainers made in code, for the planning tests that need no files."""

from __future__ import annotations

from pathlib import Path

from curriculum_kit.formats.module import Module
from curriculum_kit.formats.overlay import Trainer
from curriculum_kit.formats.semver import Version


def module(module_id: str, level: str = "orientation", prerequisites: tuple[str, ...] = (), *,
           core: bool = False, refresh: int | None = None, minutes: int = 360) -> Module:
    """A module as module.toml would give it; its title is its id in words ('case-planning' -> 'Case Planning')."""
    return Module(module_id, module_id.replace("-", " ").title(), Version.parse("1.0.0"), level, prerequisites,
                  minutes, ("cws", "calworks"), Path("guide.docx"), Path("slides.pptx"), (Path("handout.docx"),),
                  Path(module_id), {}, refresh, core, "")


def samples() -> list[Module]:
    """The three sample modules' planning settings (base_modules/)."""
    return [module("linkages-orientation", core=True, refresh=24),
            module("coordinated-case-planning", "nuts-and-bolts", ("linkages-orientation",), core=True,
                   refresh=36, minutes=390),
            module("families-experiencing-homelessness", "advanced", ("coordinated-case-planning",),
                   refresh=36, minutes=300)]


def trainers(cws: list[str], calworks: list[str]) -> dict[str, list[Trainer]]:
    return {"cws": [Trainer(name, "cws") for name in cws], "calworks": [Trainer(name, "calworks") for name in calworks]}
