"""The README documents every command, and its quick start and checks are exactly what CI runs."""

from __future__ import annotations

import re

from curriculum_kit.cli import main
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    commands = []
    for name, command in main.commands.items():
        subcommands = getattr(command, "commands", None)
        commands += [f"{name} {sub}" for sub in subcommands] if subcommands else [name]
    missing = [c for c in commands if f"curriculum-kit {c}" not in README]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_quick_start_is_two_commands_and_ci_runs_the_test_one():
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert block == ['pip install -e . && curriculum-kit build', 'pip install -e ".[test]" && pytest']
    checks = re.search(r"After the tests, `\.ci/run` also runs.*?```\n(.*?)```", README, re.S).group(1)
    checks = checks.strip().splitlines()
    assert checks == ["ruff check curriculum_kit tests benchmarks samples", "mypy"]
    ci = (REPO / ".ci" / "run").read_text()
    assert ci.rstrip().splitlines()[-1 - len(checks):] == [block[1], *checks]  # the tests first, then the checks
