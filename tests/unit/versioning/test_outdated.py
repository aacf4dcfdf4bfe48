"""`outdated`: documents added, markers and lengths compared with the snapshot; bad requests."""

from __future__ import annotations

import shutil

import docx
import pytest

from curriculum_kit.errors import InputError
from curriculum_kit.report.versioning import render_outdated
from curriculum_kit.versioning.lock import lock_overlay
from curriculum_kit.versioning.outdated import outdated
from tests.gitrepo import replace_line
from tests.unit.versioning.conftest import load


def test_a_new_handout_and_a_new_marker(root):
    lock_overlay(load(), "manzanita-county")
    folder = root / "base_modules" / "coordinated-case-planning"
    guide = docx.Document(folder / "facilitator-guide.docx")
    guide.add_paragraph("{{ck:contacts}}")
    guide.save(folder / "facilitator-guide.docx")
    shutil.copy(folder / "handout-joint-case-plan-worksheet.docx", folder / "handout-extra.docx")
    replace_line(folder / "module.toml", "handouts =",
                 'handouts = ["handout-joint-case-plan-worksheet.docx", "handout-extra.docx"]')
    report = outdated(load(), ["manzanita-county"])
    text = render_outdated(report).splitlines()
    assert text[0] == "manzanita-county (county_overlays/manzanita-county/modules.lock): 1 module to review"
    assert text[1] == "  coordinated-case-planning: 2.0.1, same version but its files changed (locked 2026-01-01)"
    assert text[3:8] == [
        "      facilitator-guide.docx: changed, 21 pages",
        "        marker count changed {{ck:contacts}}  1 -> 2",
        "      handout-extra.docx: added, 1 page",
        "      handout-joint-case-plan-worksheet.docx: unchanged, 1 page",
        "      slides.pptx: unchanged, 21 slides"]
    assert "more often" in text[9]  # the new handout repeats the worksheet's words
    assert report.deleted == []


def test_no_lock_anywhere(root):
    with pytest.raises(InputError, match=r"no overlay in county_overlays has a modules.lock; run "
                                         r"'curriculum-kit lock SLUG' first"):
        outdated(load())


def test_an_unknown_county(root):
    with pytest.raises(InputError, match=r"no overlay 'alder-conty' in county_overlays \(did you mean "
                                         r"'alder-county'\?\)"):
        outdated(load(), ["alder-conty"])
