"""The house rules of the code: each floor imports only from floors below it, the OOXML
engine from nothing of the project but the exception tree, and no module imports itself
back through others. Read from the source with ast, so a lazy import counts too."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "curriculum_kit"
# Lowest first. A module may import from its own unit and from lower floors only.
FLOORS = [
    {"__init__", "errors"},  # ground floor: the version and the exception tree
    {"findings", "outputs"},  # what was found, and how anything is written
    {"formats", "ooxml"},  # the module and overlay models; beside them, the text engine
    {"readiness"},  # what stops a county's build, checked by build and validate alike
    {"wording", "agenda", "validate", "adapting"},
    {"generate", "package"},
    {"packets", "planning", "versioning", "preflight"},
    {"pipeline"},
    {"report"},
    {"cli_settings", "completion"},  # where the CLI's defaults come from; what Tab completes
    {"cli"},
    {"__main__"},
]
FLOOR = {unit: level for level, units in enumerate(FLOORS) for unit in units}
ENGINE_MAY_IMPORT = {"ooxml", "errors"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every curriculum_kit module ``path`` imports, at any depth of the file."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {t for t in found if t == "curriculum_kit" or t.startswith("curriculum_kit.")}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


GRAPH = {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_unit_has_a_floor():
    assert {_unit(m) for m in GRAPH} <= set(FLOOR), "add new top-level modules to FLOORS"


def test_imports_only_go_down():
    upward = [f"{module} imports {target}" for module, targets in GRAPH.items() for target in targets
              if _unit(target) != _unit(module) and FLOOR[_unit(target)] >= FLOOR[_unit(module)]]
    assert upward == []


def test_the_engine_imports_nothing_above_it():
    engine = {m: t for m, t in GRAPH.items() if _unit(m) == "ooxml"}
    assert engine, "the engine moved?"
    assert [f"{m} imports {t}" for m, targets in engine.items() for t in targets
            if _unit(t) not in ENGINE_MAY_IMPORT] == []


def test_no_import_circle():
    """Depth-first search over module-level edges (a package's __init__ counts as its module)."""
    known = set(GRAPH)
    edges = {m: {t if t in known else t.rsplit(".", 1)[0] for t in targets} & known - {m}
             for m, targets in GRAPH.items()}
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycles.append(" -> ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_starting_the_command_loads_no_document_or_overlay_code():
    """Every command pays for what `curriculum_kit.cli` imports at start-up; the formats,
    the engine and python-docx/python-pptx load only when a command needs them."""
    import subprocess
    import sys

    heavy = ("curriculum_kit.formats.module", "curriculum_kit.formats.overlay", "curriculum_kit.formats.stories",
             "curriculum_kit.ooxml", "docx", "pptx", "markdown_it")  # formats.folders, two names, is fine
    probe = f"import sys, curriculum_kit.cli; print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
