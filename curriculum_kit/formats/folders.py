"""The files that make a folder a base module, a county overlay or a project.

Kept apart from the models that read them, so that code which only needs to recognise a
folder (`adapt` guarding a module's folder, shell completion, every command looking for
its project file) does not load those models.
"""

import os
from pathlib import Path

MODULE_FILE = "module.toml"
OVERLAY_FILE = "overlay.toml"
PROJECT_FILE = "curriculum-kit.toml"


def find_project_file(start: Path) -> Path | None:
    """curriculum-kit.toml in ``start`` or the nearest parent folder, else None (found the
    way git finds its repository). Anything of that name counts, so that a folder, a pipe or
    a broken link there is refused when read rather than passed over in silence."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / PROJECT_FILE
        if os.path.lexists(path):
            return path
    return None
