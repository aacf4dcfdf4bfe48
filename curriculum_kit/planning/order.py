"""The order in which Linkages modules are taught: basics first, never before a prerequisite.

Lesson 2 asks for training that starts with the basics and proceeds to advanced topics.
The order is a topological sort of the prerequisites in which, among the modules whose
prerequisites are all placed, the lowest level comes first and then the lowest id: the
same modules always give the same order, and each place has a reason a person can read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import PlanError
from ..formats.module import Module
from ..wording import LEVEL_NAMES


@dataclass(frozen=True)
class Step:
    """One module's place in the sequence and why it is there."""

    module: Module
    position: int  # 1-based
    reason: str


def teaching_order(modules: Iterable[Module]) -> list[Step]:
    """Every module once, in a stable order by (level, prerequisites, id).

    Prerequisites outside ``modules`` count as already taken. The caller has checked that
    the prerequisites form no cycle (:func:`curriculum_kit.validate.check_sequence`).
    """
    pending = {module.id: module for module in modules}
    placed: dict[str, Module] = {}
    steps: list[Step] = []
    while pending:
        ready = [m for m in pending.values() if all(p in placed or p not in pending for p in m.prerequisites)]
        if not ready:
            raise PlanError(f"prerequisites form a cycle among {', '.join(sorted(pending))}; "
                            "run 'curriculum-kit validate'")
        module = min(ready, key=lambda m: (m.level_rank, m.id))
        del pending[module.id]
        placed[module.id] = module
        steps.append(Step(module, len(steps) + 1, _reason(module, placed, steps)))
    return steps


def _reason(module: Module, placed: dict[str, Module], before: list[Step]) -> str:
    level = f"{LEVEL_NAMES.get(module.level, module.level).lower()} level"
    required = [placed[p].title for p in module.prerequisites if p in placed]
    if required:
        return f"{level}, after its prerequisite{'s' * (len(required) > 1)} {' and '.join(required)}"
    if not before:
        return f"{level}, no prerequisites" + (": the basics come first" if module.level_rank == 0 else "")
    previous = before[-1].module
    if previous.level_rank < module.level_rank:
        return f"{level}, no prerequisites; after the {previous.level} modules (basics before advanced)"
    return f"{level}, no prerequisites; after {previous.title} (same level, ordered by id)"
