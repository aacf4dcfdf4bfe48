"""Every command the README shows runs as written, and prints what the README says it prints.

The README's story (Alder County 2.0.0 -> 2.1.0 with tags, a lock, then Linkages
Orientation 1.3.0) is replayed in a fresh git repository made from the samples
(tests/readme_repo.py), and the README's code blocks are run in their order, in process:

- a transcript block (lines starting with ``$ ``) runs each command and compares the output
  with the lines after it; ``...`` alone on a line stands for any lines, inside a line for
  any text. ``$ cd DIR`` moves within that block.
- a ``sh`` block runs its curriculum-kit commands; ``pip install`` (needs the network) and
  ``pytest`` (this very run) are skipped; the completion lines print their shell scripts.
- the ``toml`` block headed ``# curriculum-kit.toml`` is written as the project file.

Each block starts without a ``dist/`` folder: each shows a build as it is on the samples,
not after the block before it.

Builds run without PDFs and with one worker (CURRICULUM_KIT_PDF, CURRICULUM_KIT_JOBS): the
printed lines are the same, in the README's order; PDFs are tested in tests/acceptance.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from curriculum_kit.cli import main
from tests.conftest import REPO
from tests.gitrepo import needs_git
from tests.readme_repo import readme_repo

README = (REPO / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
_ENV = {"CURRICULUM_KIT_PDF": "false", "CURRICULUM_KIT_JOBS": "1", "SOURCE_DATE_EPOCH": None}


def blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(README)]


def invoke(args: list[str], env: dict | None = None):
    return CliRunner().invoke(main, args, prog_name="curriculum-kit", env={**_ENV, **(env or {})},
                              catch_exceptions=False)


def matches(expected: list[str], actual: str) -> bool:
    """Whether ``actual`` is ``expected`` with each '...' standing for whatever is there."""
    parts = []
    for line in expected:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(re.escape(piece) for piece in line.split("...")) + r"\n")
    return re.fullmatch("".join(parts), actual.rstrip("\n") + "\n", re.S) is not None


def run_transcript(text: str, root: Path) -> list[str]:
    """Run a transcript block; the commands whose output differs, with what they printed."""
    problems = []
    steps: list[tuple[str, list[str]]] = []
    for line in text.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    os.chdir(root)
    for command, expected in steps:
        words = shlex.split(command)
        if words[0] == "cd":
            os.chdir(words[1])
            continue
        assert words[0] == "curriculum-kit", command
        result = invoke(words[1:])
        if not matches(expected, result.output):
            problems.append(f"$ {command}\n--- README\n" + "\n".join(expected) + "\n--- printed\n" + result.output)
    return problems


def run_shell_block(text: str) -> list[str]:
    problems = []
    for line in text.splitlines():
        completion = re.search(r"_CURRICULUM_KIT_COMPLETE=(\w+) curriculum-kit", line)
        if completion:
            result = invoke([], env={"_CURRICULUM_KIT_COMPLETE": completion.group(1)})
            if result.exit_code != 0 or "curriculum_kit" not in result.output.replace("-", "_"):
                problems.append(f"{line}\n{result.output}")
            continue
        for command in (part.strip() for part in line.split("&&")):
            if command.startswith(("pip install", "pytest")):
                continue  # the network; this test run itself
            assert command.startswith("curriculum-kit "), command
            result = invoke(shlex.split(command)[1:])
            if result.exit_code != 0:
                problems.append(f"{command}\n{result.output}")
    return problems


def test_the_readme_shows_commands_of_every_kind():
    kinds = [lang or "transcript" for lang, text in blocks() if lang == "sh" or "\n$ " in "\n" + text]
    assert kinds.count("sh") == 2 and kinds.count("transcript") >= 8


@needs_git
def test_every_readme_command_runs_as_written_on_a_fresh_copy(tmp_path, monkeypatch):
    root = readme_repo(tmp_path / "samples")
    monkeypatch.chdir(root)
    problems: list[str] = []
    for lang, text in blocks():
        os.chdir(root)
        shutil.rmtree(root / "dist", ignore_errors=True)
        if lang == "sh":
            problems += run_shell_block(text)
        elif lang == "toml" and text.startswith("# curriculum-kit.toml"):
            (root / "curriculum-kit.toml").write_text(text, encoding="utf-8")
        elif "\n$ " in "\n" + text:
            problems += run_transcript(text, root)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("expected, actual, same", [
    (["a", "...", "z"], "a\nb\nc\nz\n", True),
    (["a", "...", "z"], "a\nz\n", True),
    (["a ... z"], "a b c z\n", True),
    (["a", "z"], "a\nb\nz\n", False),
    (["a"], "a\nb\n", False),
])
def test_ellipsis_matching(expected, actual, same):
    assert matches(expected, actual) is same
