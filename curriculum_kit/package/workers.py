"""What a build leaves behind when it is killed: nothing that goes on working, nothing half written.

``kill -9`` of `build` gives its process pool no chance to stop the workers, which would go
on writing packets for minutes; and the temporary files of ``outputs.atomic_output`` that
were being written stay. A worker started with :func:`end_with_parent` ends with the build,
and the next build calls :func:`remove_partial_files`.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def end_with_parent(parent: int) -> None:
    """A pool worker's initializer: end when the process ``parent`` ends, even when it is killed.

    On Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG); elsewhere,
    and should the parent have died before the call, a thread checks the parent's id.
    """
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def remove_partial_files(folders: Iterable[Path]) -> None:
    """Temporary files a killed build left ('.NAME.XXXX.part'), in ``folders`` only: the
    folders a build writes (``--out .`` holds other folders too)."""
    for folder in folders:
        for stale in folder.glob(".*.part"):
            with suppress(OSError):
                stale.unlink()
