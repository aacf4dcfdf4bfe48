"""`check` on real files from Word, PowerPoint, LibreOffice, Google Docs and WPS: every file
is read, every finding has a place and a fix, and what real files legitimately do is not
reported (Japanese breaking between characters, a fill the theme draws)."""

from __future__ import annotations

import pytest

from curriculum_kit.preflight.run import check_documents
from tests.conftest import corpus_files, needs_corpus

FILES = corpus_files("docx", "pptx")


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_real_file_is_read_and_each_finding_says_where_and_how_to_fix(path):
    issues = check_documents({path.name: path.read_bytes()})
    assert [i for i in issues if i.check == "file/unreadable"] == []
    for issue in issues:
        assert issue.place and issue.message and issue.fix, issue
    broken = [i for i in issues if i.check == "layout/word-break"]
    assert not [i for i in broken if all("\u3040" <= ch <= "\u9fff" for ch in i.message.split("'")[1])], broken
    assert not [i for i in issues if i.check == "accessibility/contrast" and "#FFFFFF on #FFFFFF" in i.message.upper()]


BAD = [p for p in corpus_files("bad") if p.suffix.lower() in (".docx", ".pptx", ".docm", ".pptm")]


@needs_corpus
@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_a_bad_file_is_one_finding_whose_fix_is_said_once(path):
    """A password-protected file's fix was said twice: '... and save it again; open it in Word
    or PowerPoint and save it again'."""
    issues = check_documents({path.name: path.read_bytes()})
    for issue in issues:
        assert issue.fix not in issue.message and str(issue).count("save it again") <= 1, issue
