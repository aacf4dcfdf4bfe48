"""``last-failure.json``: the latest build of a module's packets failed, the previous ones stay.

A failed build never replaces packets (nothing unfinished ships), so without this record the
catalog would list the previous packets as if they were current. The record sits beside
``manifest.json`` until a build of that module succeeds or finds it current again. A failure
repeated with the same reason keeps its first date: the catalog says since when it fails,
and a rebuild that changes nothing leaves the catalog's bytes alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..outputs import atomic_output

FAILURE = "last-failure.json"


def read_failure(folder: Path) -> dict[str, str] | None:
    """The failure recorded in ``folder``, or None (also for an unreadable record)."""
    try:
        data = json.loads((folder / FAILURE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("failed_at", "reason")):
        return None
    return {"failed_at": data["failed_at"], "reason": data["reason"]}


def record_failure(folder: Path, failed_at: str, reason: str) -> None:
    """Mark ``folder``'s packets as those of the previous build; one line of reason."""
    line = reason.strip().splitlines()[0] if reason.strip() else "unknown reason"
    previous = read_failure(folder)
    if previous and previous["reason"] == line:
        return
    data = json.dumps({"failed_at": failed_at, "reason": line}, indent=2, ensure_ascii=False) + "\n"
    with atomic_output(folder / FAILURE) as stream:
        stream.write(data.encode("utf-8"))


def clear_failure(folder: Path) -> None:
    """The packets in ``folder`` are those of the latest build."""
    try:
        os.unlink(folder / FAILURE)
    except FileNotFoundError:
        pass
