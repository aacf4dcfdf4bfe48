"""modules.lock: written in a stable order, read back strictly with the line of each problem."""

from __future__ import annotations

from datetime import date

import pytest

from curriculum_kit.errors import InputError, InvalidInputs
from curriculum_kit.formats.lockfile import LockEntry, read_lock, today, write_lock
from curriculum_kit.formats.semver import Version

HASH = "ab" * 32
HINT = ("; modules.lock is written by 'curriculum-kit lock': do not edit it, run the command again "
        "(delete the file first to lock every module afresh)")
GOOD = f"""\
# written by curriculum-kit lock; do not edit
# The base module versions alder-county was reviewed against; update with 'curriculum-kit lock alder-county'.

[modules.intro]
version = "1.2.0"
sha256 = "{HASH}"
locked = 2026-01-31

[modules.zeta]
version = "2.0.0-rc.1"
sha256 = "{"cd" * 32}"
locked = 2025-12-01
"""


def entry(module: str, version: str, digest: str, day: date) -> LockEntry:
    return LockEntry(module, Version.parse(version), digest, day)


def test_written_sorted_by_module_and_read_back(tmp_path):
    entries = {"zeta": entry("zeta", "2.0.0-rc.1", "cd" * 32, date(2025, 12, 1)),
               "intro": entry("intro", "1.2.0", HASH, date(2026, 1, 31))}
    write_lock(tmp_path / "modules.lock", "alder-county", entries)
    assert (tmp_path / "modules.lock").read_text() == GOOD
    assert read_lock(tmp_path / "modules.lock") == entries


@pytest.mark.parametrize("edit, line, message", [
    (("version = \"1.2.0\"", "versoin = \"1.2.0\""), 4, "missing required key 'version' in [modules.intro] "
                                                        "(and 1 more)"),
    ((f'sha256 = "{HASH}"', 'sha256 = "abc"'), 6, "sha256 'abc' of 'intro' is not a SHA-256 hash "
                                                  "(64 lowercase hexadecimal digits)"),
    ((f'sha256 = "{HASH}"', f'sha256 = "{HASH.upper()}"'), 6, f"sha256 '{HASH.upper()}' of 'intro' is not a "
                                                              "SHA-256 hash (64 lowercase hexadecimal digits)"),
    (("locked = 2026-01-31", 'locked = "2026-01-31"'), 7, "locked '2026-01-31' of 'intro' must be a date "
                                                          "like 2026-01-31"),
    (("locked = 2026-01-31", "locked = 2026-01-31T10:00:00"), 7, "locked 2026-01-31T10:00:00 of 'intro' must be "
                                                                 "a date like 2026-01-31"),
    (('version = "1.2.0"', 'version = "1.2"'), 5, "version: '1.2' is not a semantic version like 1.2.0"),
    (("[modules.intro]", "[modules.Intro]"), 4, "'Intro' is not a module id"),
    (("locked = 2026-01-31", "locked = 2026-01-31\nreviewed_by = \"me\""), 8,
     "unknown key 'reviewed_by' in [modules.intro]"),
    (("[modules.intro]", "tool = \"x\"\n[modules.intro]"), 4, "unknown key 'tool'"),
])
def test_a_hand_edit_is_an_error_at_its_line(tmp_path, edit, line, message):
    path = tmp_path / "modules.lock"
    path.write_text(GOOD.replace(*edit))
    with pytest.raises(InvalidInputs) as caught:
        read_lock(path)
    assert (caught.value.line, caught.value.message) == (line, message + HINT)


def test_a_lock_that_is_not_toml(tmp_path):
    path = tmp_path / "modules.lock"
    path.write_text(GOOD.replace("[modules.zeta]", "[modules.zeta"))
    with pytest.raises(InputError) as caught:
        read_lock(path)
    assert caught.value.line == 9
    assert caught.value.message.startswith("is not valid TOML: ") and caught.value.message.endswith(HINT)


def test_today_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert today() == date(2026, 1, 1)
    for wrong in ("yesterday", "99999999999"):  # the second past 2107, where zips and calendars end
        monkeypatch.setenv("SOURCE_DATE_EPOCH", wrong)
        with pytest.raises(InputError, match="SOURCE_DATE_EPOCH must be a whole number of seconds, at most "):
            today()
