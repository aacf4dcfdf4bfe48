"""Where each command's folders come from: an option, an environment variable, the project
file (curriculum-kit.toml) or the built-in default — in that order of precedence.

click does the layering: the project file becomes the commands' ``default_map``, and each
option names its ``CURRICULUM_KIT_...`` environment variable. This module builds that map
and says, for `curriculum-kit list`, which source won.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from .errors import CurriculumKitError
from .formats.project import Project, env_var

# project key -> (parameter name, the commands it applies to; None = every command that has it)
_PARAMETERS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "modules": ("modules_dir", None), "overlays": ("overlays_dir", None),
    "out": ("out", ("build",)), "jobs": ("jobs", ("build",)), "pdf": ("pdf", ("build",)),
}
_SHOWN = {"modules": "Modules folder", "overlays": "Overlays folder"}


def envvar(key: str) -> str:
    """The environment variable of a project key, for an option's ``envvar``."""
    return env_var(key)


def default_map(group: click.Group, project: Project) -> dict[str, Any]:
    """click's default_map for ``group``: each project setting for the commands that take it."""
    def walk(command: click.Command) -> dict[str, Any]:
        if isinstance(command, click.Group):
            return {name: walk(sub) for name, sub in command.commands.items()}
        names = {param.name for param in command.params}
        values: dict[str, Any] = {}
        for key, value in project.settings.items():
            param, commands = _PARAMETERS[key]
            if param in names and (commands is None or command.name in commands):
                values[param] = value
        return values

    return walk(group)


def project_for(ctx: click.Context) -> tuple[Project | None, CurriculumKitError | None]:
    """The project file found when the command line was read, or the error reading it."""
    root = ctx.find_root()
    return root.meta.get("curriculum_kit.project"), root.meta.get("curriculum_kit.project_error")


def _shown(path: Path) -> str:
    """A path relative to the working folder, '..' included: the project file is often above it."""
    return os.path.relpath(path) if Path(path).is_absolute() else str(path)


def settings_in_use(ctx: click.Context) -> list[dict[str, str]]:
    """For `list`: the project file, and each folder with where its value came from."""
    project, _ = project_for(ctx)
    rows = [{"setting": "Project file", "value": _shown(project.path) if project else "none",
             "source": "" if project else "no curriculum-kit.toml here or in a parent folder"}]
    for key, label in _SHOWN.items():
        param = _PARAMETERS[key][0]
        source = ctx.get_parameter_source(param)
        origin = {ParameterSource.COMMANDLINE: f"from --{key}", ParameterSource.ENVIRONMENT: f"from {env_var(key)}",
                  ParameterSource.DEFAULT_MAP: f"from {_shown(project.path) if project else ''}",
                  }.get(source, "default") if source is not None else "default"
        rows.append({"setting": label, "value": _shown(ctx.params[param]), "source": origin})
    return rows
