"""`curriculum-kit overlay new SLUG`: a county's overlay folder to start from.

Every file is readable as written; what the county must fill in starts with TODO (a
`validate` error until filled in, since `build` would print it) and every CSV holds a
commented example row
(rows whose first cell starts with '#' are skipped). The folder appears complete or not
at all: it is written under a hidden name and renamed into place.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import InputError
from ..formats.folders import OVERLAY_FILE
from ..formats.module import ID_PATTERN
from ..formats.overlay import CONTACTS_FILE, ORGCHART_FILE, STORIES_DIR, TERMINOLOGY_FILE
from ..formats.overlay_files import WORKBOOK_FILE
from ..formats.sources import load_toml, suggest
from ..formats.untrusted import ID_CHARS, SHORT_TEXT_CHARS, text_problem
from ..outputs import toml_comment, toml_string
from ..validate import PLACEHOLDER

LOGOS_DIR = "logos"
README = "README.md"

_OVERLAY_TOML = """\
# {county_comment}: the county overlay that adapts the academy's Linkages modules.
# Bump the version whenever anything in this folder changes (see README.md).
slug = {slug_toml}
county = {county_toml}
version = "0.1.0"
{extends}
# omit_sections = ["icebreaker-bingo"]   # optional sections this county leaves out

[programs.cws]
name = "{todo}: full name of the county's child welfare agency"
# short_name = "DCFS"
# logo = "logos/cws.png"
# color = "#1F5FA8"

[programs.calworks]
name = "{todo}: full name of the county's CalWORKs agency"
# short_name = "ETA"
# logo = "logos/calworks.png"
# color = "#2E7D32"

# One trainer from each program co-facilitates every session:
# [[trainers]]
# name = "Maria Lopez"
# program = "cws"
# title = "Staff Development Trainer"
# email = "mlopez@county.example.org"

# The county's own calendar, used by 'curriculum-kit plan' (see docs/formats.md):
# [[closures]]
# name = "Lincoln's Birthday"
# every = "February 12"
#
# [[rooms]]
# name = "Training Room B"
# address = "1200 Main Street"
# capacity = 30
#
# [[unavailable]]
# trainer = "Maria Lopez"
# from = 2027-06-01
# to = 2027-06-30
"""

_CSV_FILES = {
    TERMINOLOGY_FILE: "term,replacement,case,note\n"
                      "# Child Welfare Services,Department of Children and Family Services,,example row\n",
    CONTACTS_FILE: "program,role,name,title,phone,email,location,notes\n"
                   "# cws,Linkages liaison,Dana Whitfield,Social Work Supervisor II,(555) 555-0101,"
                   "dwhitfield@county.example.org,\"Main Office, Room 210\",example row\n",
    ORGCHART_FILE: "id,name,title,program,reports_to\n"
                   "# 100,Alicia Grant,Director,both,\n",
}

_LISTS = """\
- {terminology}: the county's words for the academy's generic wording, one row each:
  `term` (as the modules say it), `replacement` (as your county says it), `case` (`exact`
  to match capital letters exactly), `note`.
- {contacts}: whom a worker calls in the other program: program (`cws`, `calworks` or
  `both`), role, name, title, phone, e-mail, location, notes. Printed as the contacts table.
- {orgchart}: the org chart, one row per person with an `id`; `reports_to` is the
  manager's id (empty at the top of each program: one person per program, or one
  person of both programs at the very top)."""
_CSV_NAMES = {"terminology": "`terminology.csv`", "contacts": "`contacts.csv`", "orgchart": "`orgchart.csv`",
              "edit_how": 'The files are plain text: edit them in a text editor or in Excel (save as "CSV UTF-8").'}
_XLSX_NAMES = {"terminology": "`overlay.xlsx`, sheet Terminology", "contacts": "sheet Contacts",
               "orgchart": "sheet Org chart",
               "edit_how": "The lists are the sheets of `overlay.xlsx`: edit them in Excel and save as .xlsx."}

_README = """\
# {county} overlay

This folder adapts the Regional Training Academy's Linkages modules to {county}. {edit_how}
Rows that start with `#` are examples or comments and are ignored: copy one, remove the
`#` and fill in your own values. Anything that still says `{todo}` must be filled in;
`curriculum-kit validate {slug}` lists what is left.

- `overlay.toml`: the county's name, the version of this overlay, the parent overlay it
  builds on{parent}, the names, short names, logos and colours of the two programs, the
  trainers who co-facilitate, and the county's closure days, training rooms and trainers'
  leave (used by the annual training plan).
{lists}
- `stories/`: local success stories, one Markdown file each: a `# Title` line, a
  `Programs: CWS, CalWORKs` line, then the story. First names or pseudonyms only.
- `logos/`: the programs' logo images (PNG or JPEG), named in `overlay.toml`.
- `modules.lock` and `.lock/`: written by `curriculum-kit lock {slug}`, the module versions
  you reviewed. Do not edit them.

When anything here changes, raise `version` in `overlay.toml`: the middle number for a
change to wording, names, the org chart or stories (1.2.0 -> 1.3.0), the last number for
contacts only (1.2.0 -> 1.2.1). `curriculum-kit overlay diff {slug}@OLD-TAG {slug}` shows
what changed and whether the new version number fits.
"""


def new_overlay(overlays_dir: Path, slug: str, extends: str | None = None, county: str | None = None,
                workbook: bool = False) -> Path:
    """Create ``overlays_dir/slug`` and return it; an existing folder is never touched.

    With ``workbook``, the three lists are the sheets of one overlay.xlsx instead of CSV files.
    """
    if len(slug) > ID_CHARS:
        raise InputError(f"'{slug[:20]}…' is {len(slug)} characters long; an overlay name has at most "
                         f"{ID_CHARS} (it is part of every packet's file name)")
    if not ID_PATTERN.fullmatch(slug):
        raise InputError(f"'{slug}' is not a valid overlay name: use lowercase letters, digits and "
                         "hyphens, like alder-county")
    if not overlays_dir.is_dir():
        raise InputError("overlay folder not found (use --overlays DIR)", overlays_dir)
    target = overlays_dir / slug
    if target.is_symlink() and not target.exists():
        raise InputError("is a link to nothing that exists; remove the link, or choose another name", target)
    if target.exists():
        raise InputError("already exists; curriculum-kit never overwrites an overlay (choose another "
                         "name, or delete the folder first)", target)
    if extends is not None and (not ID_PATTERN.fullmatch(extends) or not (overlays_dir / extends / OVERLAY_FILE).is_file()):
        known = [f.parent.name for f in overlays_dir.glob(f"*/{OVERLAY_FILE}")]
        raise InputError(f"--extends '{extends}': no such overlay in {overlays_dir}{suggest(extends, known)}")
    if extends is not None:
        try:
            load_toml(overlays_dir / extends / OVERLAY_FILE)  # a child of an unreadable parent cannot be built
        except InputError as exc:
            raise InputError(f"{exc.message} (the overlay --extends names); fix it first", exc.path, exc.line) from None
    county = county.strip() if county and county.strip() else slug.replace("-", " ").title()
    problem = text_problem(county, SHORT_TEXT_CHARS)
    if problem:
        raise InputError(f"--county: the county's name {problem}")
    values = {"slug": slug, "slug_toml": toml_string(slug), "county": county, "county_toml": toml_string(county),
              "county_comment": toml_comment(county), "todo": PLACEHOLDER,
              "extends": f"extends = {toml_string(extends)}" if extends else '# extends = "california-statewide"',
              "parent": f" (`{extends}`)" if extends else ""}
    names = _XLSX_NAMES if workbook else _CSV_NAMES
    values.update(edit_how=names["edit_how"], lists=_LISTS.format(**names))
    staging = Path(tempfile.mkdtemp(prefix=f".{slug}.", dir=overlays_dir))
    try:
        (staging / OVERLAY_FILE).write_text(_OVERLAY_TOML.format(**values), encoding="utf-8")
        if workbook:
            from .scaffold_workbook import write_overlay_workbook

            write_overlay_workbook(staging / WORKBOOK_FILE, {
                Path(name).stem: list(csv.reader(io.StringIO(text))) for name, text in _CSV_FILES.items()})
        else:
            for name, text in _CSV_FILES.items():
                (staging / name).write_text(text, encoding="utf-8", newline="")
        (staging / README).write_text(_README.format(**values), encoding="utf-8")
        (staging / STORIES_DIR).mkdir()
        (staging / LOGOS_DIR).mkdir()
        staging.chmod(0o755)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
