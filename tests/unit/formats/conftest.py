"""Builders for the validation tests: a minimal valid module and overlay, made by code.

Every test runs in its own empty working folder (``tmp_path``), so findings print with
short relative paths such as ``modules/intro/module.toml:4: error: ...``. A test starts
from the valid builders below and changes exactly one thing.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from curriculum_kit.cli import main
from curriculum_kit.formats.library import Library
from curriculum_kit.validate import validate
from tests.fixtures import make_docx, make_pptx, textbox

MODULES = Path("modules")
OVERLAYS = Path("overlays")

MODULE_TOML = """\
id = "{id}"
title = "Linkages Orientation"
version = "1.0.0"
level = "{level}"
prerequisites = {prerequisites}
duration_minutes = 360
programs = ["cws", "calworks"]

[files]
facilitator_guide = "guide.docx"
slides = "slides.pptx"
handouts = ["handout.docx"]

[optional_sections]
icebreaker-bingo = "Linkages bingo warm-up game (15 minutes)"
"""

OVERLAY_TOML = """\
slug = "{slug}"
county = "Alder County"
version = "2.1.0"

[programs.cws]
name = "Alder County Department of Children and Family Services"
short_name = "DCFS"
logo = "logos/dcfs.png"
color = "#1F5FA8"

[programs.calworks]
name = "Alder County Employment and Temporary Assistance"
short_name = "ETA"

[[trainers]]
name = "Maria Lopez"
program = "cws"

[[trainers]]
name = "Luis Ortega"
program = "calworks"
"""

TERMINOLOGY = """\
term,replacement,case,note
Child Welfare Services,Department of Children and Family Services,,department name
social worker,children's social worker,,
"""

CONTACTS = """\
program,role,name,title,phone,email,location,notes
cws,Linkages liaison,Dana Whitfield,Supervisor,(555) 555-0101,dwhitfield@example.org,"Main Office, Room 210",
calworks,Linkages liaison,Luis Ortega,Supervisor,555-555-0102,lortega@example.org,,
"""

ORGCHART = """\
id,name,title,program,reports_to
100,Alicia Grant,Director,both,
110,Ben Okafor,Deputy Director,cws,100
120,Carla Diaz,Deputy Director,calworks,100
"""

STORY = """\
# Back to work, back together
Programs: CWS, CalWORKs

When the Rivera family's case opened, both programs met the same week.
"""


# --- document XML ----------------------------------------------------------------------

def para(text: str) -> str:
    """A Word paragraph with one run."""
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def runs(*pieces: str) -> str:
    """A Word paragraph whose text is split into several runs, as Word does."""
    inner = "".join(f"<w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r>" for p in pieces)
    return f"<w:p>{inner}</w:p>"


def apara(text: str) -> str:
    """A DrawingML paragraph (slide text box or speaker notes)."""
    return f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p>"


GOOD_GUIDE = "".join([
    para("{{ck:cobrand}}"),
    para("Welcome to Linkages."),
    para("{{ck:optional icebreaker-bingo}}"),
    para("Play Linkages bingo."),
    para("{{ck:end optional icebreaker-bingo}}"),
    para("{{ck:program cws}}"),
    para("For Child Welfare Services staff."),
    para("{{ck:end program cws}}"),
    para("{{ck:contacts}}"),
])
GOOD_SLIDES = [textbox(apara("{{ck:cobrand}}")), textbox(apara("Agenda")), textbox(apara("Roles"))]
GOOD_NOTES = [apara("Welcome everyone."), apara("{{ck:program calworks}}"), apara("{{ck:end program calworks}}")]


# --- builders ----------------------------------------------------------------------------

def write_module(module_id: str = "intro", *, level: str = "orientation", prerequisites: str = "[]",
                 toml: str | None = None, guide: str = GOOD_GUIDE, slides: list[str] | None = None,
                 notes: list[str | None] | None = None) -> Path:
    """A valid module folder ``modules/module_id`` (guide, three-slide deck, one handout).

    ``toml`` replaces module.toml entirely; ``guide`` is the guide's body XML; ``slides``
    and ``notes`` are passed to make_pptx (give notes for every slide or for none:
    make_pptx numbers notes parts as if each slide had some).
    """
    folder = MODULES / module_id
    folder.mkdir(parents=True, exist_ok=True)
    text = toml if toml is not None else module_toml(module_id, level=level, prerequisites=prerequisites)
    (folder / "module.toml").write_text(text, encoding="utf-8")
    make_docx(folder / "guide.docx", guide)
    make_pptx(folder / "slides.pptx", slides if slides is not None else GOOD_SLIDES,
              notes if notes is not None else (None if slides is not None else GOOD_NOTES))
    make_docx(folder / "handout.docx", para("Roles at a glance"))
    return folder


def module_toml(module_id: str = "intro", *, level: str = "orientation", prerequisites: str = "[]") -> str:
    """The valid module.toml text of write_module, for a test to edit."""
    return MODULE_TOML.format(id=module_id, level=level, prerequisites=prerequisites)


def png_bytes(size: tuple[int, int] = (300, 300)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (31, 95, 168)).save(buffer, "PNG")
    return buffer.getvalue()


def write_overlay(slug: str = "alder-county", *, toml: str | None = None,
                  terminology: str | bytes | None = TERMINOLOGY, contacts: str | None = CONTACTS,
                  orgchart: str | None = ORGCHART, stories: dict[str, str] | None = None) -> Path:
    """A valid overlay folder ``overlays/slug`` with logos/dcfs.png; None leaves a CSV out.

    ``toml`` replaces overlay.toml entirely; ``terminology`` may be bytes (for encodings);
    ``stories`` maps file names to Markdown ({} for no stories; default: one valid story).
    """
    folder = OVERLAYS / slug
    (folder / "logos").mkdir(parents=True, exist_ok=True)
    (folder / "logos" / "dcfs.png").write_bytes(png_bytes())
    (folder / "overlay.toml").write_text(toml if toml is not None else overlay_toml(slug), encoding="utf-8")
    for name, content in (("terminology.csv", terminology), ("contacts.csv", contacts),
                          ("orgchart.csv", orgchart)):
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        elif content is not None:
            (folder / name).write_text(content, encoding="utf-8", newline="")
    stories = {"back-to-work.md": STORY} if stories is None else stories
    if stories:
        (folder / "stories").mkdir(exist_ok=True)
        for name, text in stories.items():
            (folder / "stories" / name).write_text(text, encoding="utf-8")
    return folder


def overlay_toml(slug: str = "alder-county") -> str:
    """The valid overlay.toml text of write_overlay, for a test to edit."""
    return OVERLAY_TOML.format(slug=slug)


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must occur exactly once) replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


# --- running validation ----------------------------------------------------------------

def library() -> Library:
    """./modules and ./overlays loaded (either may be left empty by a test)."""
    MODULES.mkdir(exist_ok=True)
    OVERLAYS.mkdir(exist_ok=True)
    return Library.load(MODULES, OVERLAYS)


def findings() -> list[str]:
    """Every finding of `validate` for ./modules and ./overlays, as printed."""
    return [str(f) for f in validate(library()).items]


def errors() -> list[str]:
    return [f for f in findings() if ": error: " in f]


def warnings() -> list[str]:
    return [f for f in findings() if ": warning: " in f]


def run_cli(*args: str):
    """`curriculum-kit ARGS` in-process; result.output holds stdout and stderr."""
    return CliRunner().invoke(main, list(args))


def validate_cli(*slugs: str, modules: Path = MODULES, overlays: Path = OVERLAYS):
    MODULES.mkdir(exist_ok=True)
    OVERLAYS.mkdir(exist_ok=True)
    return run_cli("validate", *slugs, "--modules", str(modules), "--overlays", str(overlays))


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path, monkeypatch):
    """Each test works in its own empty folder, so printed paths are short and exact."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
