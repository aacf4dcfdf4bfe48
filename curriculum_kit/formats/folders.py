"""The files that make a folder a base module or a county overlay.

Kept apart from the models that read them, so that code which only needs to recognise a
folder (`adapt` guarding a module's folder, shell completion) does not load those models.
"""

MODULE_FILE = "module.toml"
OVERLAY_FILE = "overlay.toml"
