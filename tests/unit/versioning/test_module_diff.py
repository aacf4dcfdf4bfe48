"""The diff engine on paragraph texts: alignment, changed words, term notes, placements, HTML."""

from __future__ import annotations

from curriculum_kit.formats.terms import Term
from curriculum_kit.report.module_diff import module_diff_html, render_module_diff
from curriculum_kit.versioning.module_diff import (
    Vocabulary,
    Words,
    diff_module,
    paragraph_changes,
    placement_changes,
    word_diff,
)
from curriculum_kit.versioning.snapshot import HIDDEN

DECK_OLD = (("slide 1", "Linkages Orientation"), ("slide 2", "Who we are"),
            ("slide 2 notes", "Ask each table to name one county welfare department office."),
            ("slide 3", "Time to Connect"), ("slide 4", "Questions"))
DECK_NEW = (("slide 1", "Linkages Orientation"), ("slide 2", "Who we are"),
            ("slide 2 notes", "Ask each table to name one CFT they joined."),
            ("slide 3", "A family's week"), ("slide 4", "Time to Connect"), ("slide 5", "Questions"))


def kinds(changes):
    return [(c.kind, c.where, c.old, c.new) for c in changes]


def test_added_removed_and_changed_paragraphs_in_reading_order():
    old = (("body", "Welcome."), ("body", "Play bingo for fifteen minutes."), ("body", "Break."))
    new = (("body", "Welcome."), ("body", "Play bingo for ten minutes."), ("body", "Lunch is at noon."),
           ("body", "Break."))
    assert kinds(paragraph_changes(old, new)) == [
        ("changed", "body, paragraph 2", "Play bingo for fifteen minutes.", "Play bingo for ten minutes."),
        ("added", "body, paragraph 3", None, "Lunch is at noon.")]
    assert kinds(paragraph_changes(new, old))[-1] == ("removed", "body, paragraph 3", "Lunch is at noon.", None)


def test_slides_and_speaker_notes_are_compared_where_they_are():
    changes = paragraph_changes(DECK_OLD, DECK_NEW)
    assert [(c.kind, c.where) for c in changes] == [("changed", "slide 2 notes"), ("added", "slide 3")]


def test_a_moved_slide_is_one_move_with_nothing_said_about_terms():
    """A slide moved from 2 to 6 read as its paragraphs removed and added again, each of the
    county's terms in them 'gone'."""
    old = (("slide 1", "Welcome"), ("slide 2", "The county welfare department"), ("slide 2", "Who does what"),
           ("slide 2 notes", "Name one county welfare department office."), ("slide 3", "Break"),
           ("slide 4", "Questions"), ("slide 5", "Lunch"), ("slide 6", "Wrap-up"))
    new = (("slide 1", "Welcome"), ("slide 2", "Break"), ("slide 3", "Questions"), ("slide 4", "Lunch"),
           ("slide 5", "Wrap-up"), ("slide 6", "The county welfare department"), ("slide 6", "Who does what"),
           ("slide 6 notes", "Name one county welfare department office."))
    vocabulary = Vocabulary((Term("county welfare department", "Alder County HHS"),))
    diff = diff_module("intro", "old", "new", "1.0.0", "1.1.0", {"slides.pptx": old}, {"slides.pptx": new},
                       vocabulary, "alder-county")
    assert kinds(diff.documents[0].changes) == [
        ("moved", "slide 6 (was slide 2)", "The county welfare department\nWho does what",
         "The county welfare department\nWho does what"),
        ("moved", "slide 6 notes (was slide 2 notes)", "Name one county welfare department office.",
         "Name one county welfare department office.")]
    assert [c.notes for c in diff.documents[0].changes] == [[], []] and diff.terms == []
    assert "    slide 6 (was slide 2): moved\n      The county welfare department\n      Who does what" in \
        render_module_diff(diff)


def test_the_readings_own_marks_hold_no_terms():
    """A hidden slide's mark and a picture's digest are the reading's words, not the module's:
    a generic term 'slide' or 'picture' does not 'occur more' because a slide was hidden."""
    old = (("slide 1", "Welcome"), ("slide 2", "Who does what"))
    new = (("slide 1", "Welcome"), ("slide 2", f"{HIDDEN}: Who does what)"), ("slide 2", "Who does what"),
           ("slide 2 picture", "(picture 1f2e3d4c5b6a)"))
    vocabulary = Vocabulary(generic=(Term("slide show", "presentation"), Term("picture", "image"),
                                     Term("does", "do")))  # 'does' is in the slide's own line once
    diff = diff_module("intro", "old", "new", "1.0.0", "1.1.0", {"slides.pptx": old}, {"slides.pptx": new},
                       vocabulary, "alder-county")
    assert kinds(diff.documents[0].changes) == [("added", "slide 2", None, f"{HIDDEN}: Who does what)"),
                                                ("added", "slide 2, picture 1", None, "(picture 1f2e3d4c5b6a)")]
    assert [c.notes for c in diff.documents[0].changes] == [[], []] and diff.generic == []


def test_terms_are_counted_as_outdated_counts_them():
    """'Welfare-to-Work' inside 'Welfare-to-Work (WTW)' is the longer row's: `outdated` said
    '0 -> 1' for it where `outdated --diff` (a regex per term) said '3 -> 4'."""
    rows = (Term("Welfare-to-Work (WTW)", "WorkBridge"), Term("Welfare-to-Work", "WorkBridge"))
    old = (("body", "Join Welfare-to-Work (WTW) today."), ("body", "Ask about Welfare-to-Work (WTW)."))
    new = (*old, ("body", "Welfare-to-Work helps."))
    diff = diff_module("intro", "old", "new", "1.0.0", "1.1.0", {"guide.docx": old}, {"guide.docx": new},
                       Vocabulary(rows), "alder-county")
    assert [(t.term, t.before, t.after) for t in diff.terms] == [("Welfare-to-Work", 0, 1)]


def test_a_paragraph_removed_and_added_in_one_place_is_no_change():
    old = (("slide 1", "Welcome"), ("slide 2", "Keep me"), ("slide 3", "Break"), ("slide 4", "Questions"))
    new = (("slide 1", "Break"), ("slide 2", "Keep me"), ("slide 3", "Lunch"), ("slide 4", "Welcome"),
           ("slide 5", "Questions"))
    changes = paragraph_changes(old, new)
    assert "Keep me" not in [c.old or c.new for c in changes]
    assert [(c.kind, c.where) for c in changes] == [("moved", "slide 1 (was slide 3)"), ("added", "slide 3")]


def test_changed_words_are_marked_as_one_phrase():
    assert word_diff("years with the county welfare department.", "years with the county and a CFT.") == [
        Words("=", "years with the county "), Words("-", "welfare department"), Words("+", "and a CFT"),
        Words("=", ".")]


def test_each_change_says_what_it_means_for_the_county():
    vocabulary = Vocabulary((Term("county welfare department", "Alder County HHS"),), (Term("CFT", "CFT", "exact"),))
    diff = diff_module("intro", "old", "new", "1.0.0", "1.1.0", {"slides.pptx": DECK_OLD},
                       {"slides.pptx": DECK_NEW}, vocabulary, "alder-county")
    notes = diff.documents[0].changes[0].notes
    assert notes == ['your term "county welfare department" is gone from this paragraph (1 -> 0)',
                     'generic "CFT" now occurs here (0 -> 1); you have no terminology row for it']
    assert [(s.term, s.before, s.after) for s in diff.terms] == [("county welfare department", 1, 0)]
    assert [(s.term, s.before, s.after) for s in diff.generic] == [("CFT", 0, 1)]
    text = render_module_diff(diff)
    assert "      Ask each table to name one [-county welfare department office-]{+CFT they joined+}." in text
    assert '    no longer found  "county welfare department"  1 -> 0' in text


def test_placement_anchors_that_moved_or_vanished():
    placement = {"stories": {"deck": "after-title: Time to Connect", "guide": "after-heading: Segment 6"},
                 "contacts": {"deck": "before-title: Questions"}}
    old = {"slides.pptx": DECK_OLD, "guide.docx": (("body", "Segment 6"),)}
    new = {"slides.pptx": DECK_NEW, "guide.docx": (("body", "Segment Six"),)}
    assert placement_changes(placement, old, new) == [
        'contacts in the deck: "before-title: Questions" moved: slides.pptx slide 4 -> slides.pptx slide 5',
        'stories in the deck: "after-title: Time to Connect" moved: slides.pptx slide 3 -> slides.pptx slide 4',
        'stories in the guide: "after-heading: Segment 6" matched guide.docx body, paragraph 1, and matches '
        'nothing now']


def test_the_html_page_escapes_the_documents_text():
    old = (("body", "Use <b>bold</b> & go."),)
    new = (("body", "Use <script>alert(1)</script> & go."),)
    page = module_diff_html([diff_module("intro", "a<", "b>", "1.0.0", "1.1.0", {"g.docx": old}, {"g.docx": new})])
    assert "<script" not in page and "<b>" not in page and "&lt;" in page and "&amp; go." in page
    assert "From a&lt; to b&gt;" in page
    # said by a screen reader (most announce no <del> or <ins>), seen without colour (struck, underlined)
    assert '<del><span class="said">removed: </span>' in page and '<ins><span class="said">added: </span>' in page
    assert "text-decoration:none" not in page
    assert "<body><main>" in page and '<meta name="viewport"' in page  # one main landmark; fits a phone


def test_unchanged_documents_say_so():
    diff = diff_module("intro", "a", "b", "1.0.0", "1.0.1", {"g.docx": (("body", "x"),)}, {"g.docx": (("body", "x"),)})
    assert render_module_diff(diff).splitlines()[1:] == ["  g.docx: unchanged", "0 changes."]
