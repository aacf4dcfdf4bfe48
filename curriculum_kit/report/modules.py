"""What `module init` prints: the module.toml written, what was guessed, what to check."""

from __future__ import annotations

from ..errors import display_path
from ..versioning.module_init import ModuleDraft


def render_module_init(draft: ModuleDraft) -> str:
    lines = [f"Wrote {display_path(draft.path)}", "Guessed from the files:"]
    lines += [f"  {item}" for item in draft.guessed]
    if draft.advice:
        lines += ["Not used (save them again in a format curriculum-kit reads):", *(f"  {a}" for a in draft.advice)]
    lines += ["Check before you build:", *(f"  {item}" for item in draft.to_check)]
    folder = display_path(draft.path.parent)
    lines.append(f"Then run 'curriculum-kit validate --modules {display_path(draft.path.parent.parent)}' "
                 f"and build one county to review the packets ({folder}).")
    return "\n".join(lines)
