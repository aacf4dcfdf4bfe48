"""Notes slides made by the builder are what python-pptx would make, named as it would."""

from __future__ import annotations

import io

import pptx

from curriculum_kit.generate.slide_parts import forget_notes_names, notes_frame


def _names(presentation) -> list[str]:
    return sorted(str(part.partname) for part in presentation.part.package.iter_parts()
                  if "notesSlide" in str(part.partname))


def test_notes_get_the_names_python_pptx_would_give_them_after_slides_are_deleted():
    ours, theirs = pptx.Presentation(), pptx.Presentation()
    for presentation, notes in ((ours, lambda slide: notes_frame(slide)),
                                (theirs, lambda slide: slide.notes_slide.notes_text_frame)):
        layout = presentation.slide_layouts[5]
        for number in range(4):
            notes(presentation.slides.add_slide(layout)).text = f"notes {number}"
        # delete the second slide: its notes part leaves the package, and its name is free again
        ids = presentation.slides._sldIdLst
        presentation.part.drop_rel(ids[1].rId)
        ids.remove(ids[1])
        presentation.part.rename_slide_parts([slide_id.rId for slide_id in ids])  # as the builder does
        forget_notes_names(presentation.part.package)
        for number in range(4, 7):
            notes(presentation.slides.add_slide(layout)).text = f"notes {number}"
    assert _names(ours) == _names(theirs)
    assert len(_names(ours)) == 6
    for mine, other in zip(ours.slides, theirs.slides):
        assert mine.notes_slide.part.partname == other.notes_slide.part.partname
        assert mine.notes_slide.notes_text_frame.text == other.notes_slide.notes_text_frame.text
    out = io.BytesIO()
    ours.save(out)  # a package with two parts of one name would not save
    assert len(pptx.Presentation(io.BytesIO(out.getvalue())).slides) == 6
