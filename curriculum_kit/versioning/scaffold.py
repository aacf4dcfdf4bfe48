"""`curriculum-kit overlay new SLUG`: a county's overlay folder to start from.

Every file is readable as written; what the county must fill in starts with TODO (a
`validate` error until filled in, since `build` would print it) and every CSV holds a
commented example row
(rows whose first cell starts with '#' are skipped). The folder appears complete or not
at all: it is written under a hidden name and renamed into place.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import InputError
from ..formats.module import ID_PATTERN
from ..formats.overlay import CONTACTS_FILE, ORGCHART_FILE, OVERLAY_FILE, STORIES_DIR, TERMINOLOGY_FILE
from ..formats.sources import suggest
from ..validate import PLACEHOLDER

LOGOS_DIR = "logos"
README = "README.md"

_OVERLAY_TOML = """\
# {county}: the county overlay that adapts the academy's Linkages modules.
# Bump the version whenever anything in this folder changes (see README.md).
slug = "{slug}"
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

_README = """\
# {county} overlay

This folder adapts the Regional Training Academy's Linkages modules to {county}. The
files are plain text: edit them in a text editor or in Excel (save as "CSV UTF-8").
Rows that start with `#` are examples or comments and are ignored: copy one, remove the
`#` and fill in your own values. Anything that still says `{todo}` must be filled in;
`curriculum-kit validate {slug}` lists what is left.

- `overlay.toml`: the county's name, the version of this overlay, the parent overlay it
  builds on{parent}, the names, short names, logos and colours of the two programs, and the
  trainers who co-facilitate.
- `terminology.csv`: the county's words for the academy's generic wording, one row each:
  `term` (as the modules say it), `replacement` (as your county says it), `case` (`exact`
  to match capital letters exactly), `note`.
- `contacts.csv`: whom a worker calls in the other program: program (`cws`, `calworks` or
  `both`), role, name, title, phone, e-mail, location, notes. Printed as the contacts table.
- `orgchart.csv`: the org chart, one row per person with an `id`; `reports_to` is the
  manager's id (empty at the top).
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


def new_overlay(overlays_dir: Path, slug: str, extends: str | None = None, county: str | None = None) -> Path:
    """Create ``overlays_dir/slug`` and return it; an existing folder is never touched."""
    if not ID_PATTERN.fullmatch(slug):
        raise InputError(f"'{slug}' is not a valid overlay name: use lowercase letters, digits and "
                         "hyphens, like alder-county")
    if not overlays_dir.is_dir():
        raise InputError("overlay folder not found (use --overlays DIR)", overlays_dir)
    target = overlays_dir / slug
    if target.exists():
        raise InputError("already exists; curriculum-kit never overwrites an overlay (choose another "
                         "name, or delete the folder first)", target)
    if extends is not None and not (overlays_dir / extends / OVERLAY_FILE).is_file():
        known = [f.parent.name for f in overlays_dir.glob(f"*/{OVERLAY_FILE}")]
        raise InputError(f"--extends '{extends}': no such overlay in {overlays_dir}{suggest(extends, known)}")
    county = county.strip() if county and county.strip() else slug.replace("-", " ").title()
    values = {"slug": slug, "county": county, "county_toml": json.dumps(county, ensure_ascii=False),
              "todo": PLACEHOLDER,
              "extends": f'extends = "{extends}"' if extends else '# extends = "california-statewide"',
              "parent": f" (`{extends}`)" if extends else ""}
    staging = Path(tempfile.mkdtemp(prefix=f".{slug}.", dir=overlays_dir))
    try:
        (staging / OVERLAY_FILE).write_text(_OVERLAY_TOML.format(**values), encoding="utf-8")
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
