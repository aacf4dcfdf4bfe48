"""review.html: thumbnails of every page (when PDFs were built), findings beside their page,
the terminology summary, and everything county-provided escaped."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pptx
import pytest
from PIL import Image

from curriculum_kit.preflight.issues import Issue
from curriculum_kit.preflight.review import ReviewDocument, _page_of, write_review

needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
TERMS = {"occurrences": {"CWS": 3, "<b>social worker</b>": 1}, "never_found": ["food stamps"], "near_misses": 1,
         "near_miss_places": [{"document": "guide.docx", "place": "body, paragraph 4", "term": "CWS",
                               "text": "C<b>WS", "reason": "split by a tracked change"}]}


def pdf(pages: int) -> bytes:
    """A PDF of blank pages (PIL writes one without LibreOffice)."""
    images = [Image.new("RGB", (200, 150), "white") for _ in range(pages)]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def test_without_pdfs_there_are_no_thumbnails_and_everything_is_escaped(tmp_path):
    issue = Issue("slides.pptx", "slide 2", "text/placeholder", "placeholder text '<script>' is left in", "fix it")
    html = write_review(tmp_path, "Alder <County> & Co", ["slides.pptx"], {}, [issue], TERMS).read_text()
    assert "<title>Review: Alder &lt;County&gt; &amp; Co</title>" in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<td>&lt;b&gt;social worker&lt;/b&gt;</td><td>1</td>" in html
    assert "<p>Never found in this module: food stamps</p>" in html
    # each near miss where it is, which the page only counted ('see the build's report': there was none)
    assert ("<p>4 replacements of 2 terms; 1 near miss (the county’s wording did not reach these: look at each).</p>"
            in html)
    assert ("<tr><td>guide.docx</td><td>body, paragraph 4</td><td>CWS</td><td>C&lt;b&gt;WS</td>"
            "<td>split by a tracked change</td></tr>") in html
    assert "No thumbnails (build with PDFs to see every page here)." in html
    assert '<li><a href="#doc-0">slides.pptx</a>: 1 finding</li>' in html
    assert not (tmp_path / "review").exists()
    # a way back to the county's packets and the catalog, and one main landmark
    assert '<nav><a href="../index.html">This county\'s packets</a> · <a href="../../index.html">All counties</a></nav>' \
        in html and html.count("<main>") == 1 and html.rstrip().endswith("</main></body></html>")


def test_a_clean_packet_says_so(tmp_path):
    html = write_review(tmp_path, "Alder County", ["agenda.docx"], {}, [], TERMS).read_text()
    assert '<p class="clean">Preflight found nothing to fix.</p>' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html  # a phone's width


@needs_pdftoppm
def test_with_pdfs_every_page_has_a_thumbnail_and_a_slide_finding_sits_beside_its_slide(tmp_path):
    issue = Issue("slides.pptx", "slide 2, shape 'TextBox 3'", "layout/overflow", "the text runs off the slide", "shorten it")
    html = write_review(tmp_path, "Alder County", ["slides.pptx"], {"slides.pptx": pdf(3)}, [issue], TERMS).read_text()
    assert sorted(p.name for p in (tmp_path / "review").iterdir()) == ["slides-1.png", "slides-2.png", "slides-3.png"]
    figure = html[html.index('alt="slide 2 of slides.pptx"'):]
    assert figure.index("the text runs off the slide") < figure.index("</figure>")
    assert html.index('alt="slide 1 of slides.pptx"') < html.index("the text runs off the slide")


@needs_pdftoppm
def test_a_decks_thumbnails_skip_its_hidden_slides_as_its_pdf_does(tmp_path):
    """The PDF of a deck with slide 2 hidden holds slides 1 and 3: its second page was
    labelled 'slide 2', and slide 3's finding sat beside it."""
    issue = Issue("slides.pptx", "slide 3, shape 'Picture 2'", "accessibility/alt-text", "a picture has no alt text", "")
    html = write_review(tmp_path, "Alder County", ["slides.pptx"], {"slides.pptx": pdf(2)}, [issue], TERMS,
                        hidden={"slides.pptx": [2]}).read_text()
    assert "Hidden from the slide show, so not pictured: slide 2.</p>" in html
    assert 'alt="slide 2 of' not in html and 'src="review/slides-2.png" alt="slide 3 of slides.pptx"' in html
    figure = html[html.index('alt="slide 3 of slides.pptx"'):]
    assert figure.index("a picture has no alt text") < figure.index("</figure>")


def test_a_hidden_slides_number_is_read_from_the_deck():
    from curriculum_kit.ooxml.reading import hidden_slides
    presentation = pptx.Presentation()
    for _ in range(3):
        presentation.slides.add_slide(presentation.slide_layouts[6])
    presentation.slides[1]._element.set("show", "0")
    out = io.BytesIO()
    presentation.save(out)
    assert hidden_slides(Path("slides.pptx"), out.getvalue()) == [2]


def test_a_notice_about_the_pdfs_fonts_heads_the_page_escaped(tmp_path):
    notice = "PDFs drawn with other fonts on this machine: Calibri as <DejaVu> Sans"
    html = write_review(tmp_path, "Alder County", ["agenda.docx"], {}, [], TERMS, notice).read_text()
    assert '<p class="finding">PDFs drawn with other fonts on this machine: Calibri as &lt;DejaVu&gt; Sans</p>' in html
    assert "other fonts" not in write_review(tmp_path, "Alder County", ["agenda.docx"], {}, [], TERMS).read_text()


@needs_pdftoppm
def test_a_documents_thumbnails_are_its_own_when_another_name_extends_its_name(tmp_path):
    """'handout-x' rendered after 'handout-x-es' took the Spanish handout's pages as its own
    (and deleted them): a document's pages are STEM-N.png, nothing else."""
    names = ["handouts/handout-x-es.docx", "handouts/handout-x.docx"]
    html = write_review(tmp_path, "Alder County", names, {names[0]: pdf(2), names[1]: pdf(1)}, [], TERMS).read_text()
    pictures = ["handouts_handout-x-1.png", "handouts_handout-x-es-1.png", "handouts_handout-x-es-2.png"]
    assert sorted(p.name for p in (tmp_path / "review").iterdir()) == pictures
    for picture in pictures:
        assert f'src="review/{picture}"' in html
    assert html.count("<img") == 3


def test_a_word_finding_sits_beside_the_one_page_quoting_it_else_above_the_pages():
    """A table's 'Program' finding sat beside the cover, the first page saying 'Program'."""
    document = ReviewDocument("guide.docx", ["p1.png", "p2.png", "p3.png"],
                              ["Cover Program Alder", "Segment 1 California California", "Table Program Role"])
    def issue(quoted: str) -> Issue:
        return Issue("guide.docx", "body, table 7, row 1", "layout/word-break", f"'{quoted}' is wider than column 1", "")
    assert _page_of(issue("California California"), document) == 2
    assert _page_of(issue("Program"), document) is None
    assert _page_of(issue("Nowhere"), document) is None
