"""curriculum-kit.toml: the folders and build settings a county's repository always uses.

A county keeps its overlay in its own repository, so every command would need
``--modules`` and ``--overlays``. The project file says them once. It is found the way git
finds its repository: in the working folder or the nearest parent that has one. Paths in
it are relative to the file's own folder, so it works from any subfolder. Environment
variables (``CURRICULUM_KIT_MODULES`` ...) override it, and options override both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Findings
from .sources import check_keys, load_toml

ENV_PREFIX = "CURRICULUM_KIT_"
PATH_KEYS = ("modules", "overlays", "out")
KEYS = (*PATH_KEYS, "jobs", "pdf")


def env_var(key: str) -> str:
    """The environment variable that overrides a project setting: CURRICULUM_KIT_MODULES."""
    return ENV_PREFIX + key.upper()


@dataclass(frozen=True)
class Project:
    """The settings of one project file (absent keys are absent here too)."""

    path: Path
    settings: dict[str, Any] = field(default_factory=dict)


def load_project(path: Path) -> Project:
    """The validated settings; every problem is an InvalidInputs naming the file and line."""
    doc = load_toml(path)
    findings = Findings()
    check_keys(doc, doc.data, (), [], KEYS, findings)
    settings: dict[str, Any] = {}
    for key, value in doc.data.items():
        line = doc.line_of(key)
        if key in PATH_KEYS:
            if isinstance(value, str) and value.strip():
                settings[key] = path.parent / value.strip()
            else:
                findings.error(path, f"'{key}' must be a folder (text, relative to this file)", line)
        elif key == "jobs":
            if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
                settings[key] = value
            else:
                findings.error(path, "'jobs' must be a whole number of workers, 1 or more", line)
        elif key == "pdf":
            if isinstance(value, bool):
                settings[key] = value
            else:
                findings.error(path, "'pdf' must be true or false", line)
    findings.raise_if_errors()
    return Project(path, settings)
