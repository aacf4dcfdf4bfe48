"""Parsed parts shared between documents, and what the build hands its preflight."""

from __future__ import annotations

from lxml import etree

from curriculum_kit.ooxml.shared_trees import (
    TEXT_VIEW,
    SharedTrees,
    forget_pending_views,
    offer,
    saved_into,
    text_view,
)
from curriculum_kit.ooxml.textview import read_part

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def slide(text: str) -> etree._Element:
    return etree.fromstring(f'<a:txBody xmlns:a="{A}"><a:p><a:r><a:t>{text}</a:t></a:r></a:p></a:txBody>')


def test_least_recently_used_trees_go_first_and_take_their_notes_with_them():
    trees = SharedTrees(limit=100)
    first, second, third = slide("one"), slide("two"), slide("three")
    trees.put((b"1", 1, 8), first, 40)
    trees.put((b"2", 2, 8), second, 40)
    trees.notes(first)["seen"] = True
    assert trees.get((b"1", 1, 8)) is first  # used: now the most recent
    trees.put((b"3", 3, 8), third, 40)  # over the limit: the second goes
    assert trees.get((b"2", 2, 8)) is None and trees.notes(second) is None
    assert trees.notes(first) == {"seen": True}


def test_a_tree_is_found_by_its_bytes_even_among_parts_of_the_same_crc_and_length():
    trees = SharedTrees()
    first, second = slide("one"), slide("two")
    trees.put((b"abc", 7, 8), first, 10)
    assert trees.get((b"abc", 7, 8)) is first and trees.get((b"".join([b"ab", b"c"]), 7, 8)) is first  # equal bytes, another object
    assert trees.get((b"abd", 7, 8)) is None  # the same CRC and length, other bytes: not that tree
    trees.put((b"abd", 7, 8), second, 10)  # the newer of the two is kept, with its own notes
    assert trees.get((b"abd", 7, 8)) is second and trees.get((b"abc", 7, 8)) is None
    assert trees.notes(first) is None and trees.notes(second) == {}
    assert trees.get((b"abd", 7, 0)) is None and trees.get((b"abd", 8, 8)) is None  # method and CRC count too


def test_a_tree_neither_stored_nor_met_again_since_the_last_county_goes_with_its_notes():
    trees = SharedTrees()
    module_slide, county_one, county_two = slide("module"), slide("one"), slide("two")
    trees.put((b"m", 1, 8), module_slide, 10)
    trees.put((b"1", 2, 8), county_one, 10)
    trees.forget_documents()  # the first county ends: what it stored stays for the next
    assert trees.get((b"m", 1, 8)) is module_slide
    trees.put((b"2", 3, 8), county_two, 10)
    trees.forget_documents()  # the second ends: its own part stays, the first county's goes
    assert trees.get((b"1", 2, 8)) is None and trees.notes(county_one) is None
    assert trees.get((b"m", 1, 8)) is module_slide and trees.get((b"2", 3, 8)) is county_two


def test_a_tree_kept_again_for_other_bytes_leaves_its_old_bytes_and_notes_behind():
    """A county's slide goes into each of its decks; a deck built from a damaged module may
    alter it before the next deck is saved. The tree then stands for its new bytes only,
    with fresh notes, and letting go of it later is no error (a KeyError once stopped the
    build at the county's end)."""
    trees = SharedTrees()
    county_slide = slide("contacts")
    trees.put((b"as first saved", 1, 8), county_slide, 10)
    trees.notes(county_slide)["checked"] = "before it changed"
    trees.forget_documents()  # the first county ends; its slide was stored: it stays
    trees.put((b"as saved again", 2, 8), county_slide, 10)
    assert trees.get((b"as first saved", 1, 8)) is None
    assert trees.get((b"as saved again", 2, 8)) is county_slide and trees.notes(county_slide) == {}
    trees.forget_documents()
    trees.forget_documents()  # neither stored nor met again: let go
    assert trees.get((b"as saved again", 2, 8)) is None and trees.notes(county_slide) is None


def test_a_view_read_before_saving_goes_with_the_tree_offered_and_only_while_trees_are_taken():
    root = slide("Welcome")
    text_view(root)  # nobody takes saved trees: nothing is kept
    trees = SharedTrees()
    with saved_into(trees):
        view = text_view(root)
        offer((b"x", 1, 8), root, 100)
        kept = trees.notes(root)[TEXT_VIEW]
        assert view.text == kept.text == read_part(root).text
        assert kept.block_elements == view.block_elements and kept.block_starts == view.block_starts
        # kept for readers: without the writer's map to every text node (the build's view has it)
        assert view.seg_nodes and not kept.seg_nodes
        # a tree whose bytes are held already is not taken, and its view is let go at the save
        again = slide("Welcome")
        text_view(again)
        offer((b"x", 1, 8), again, 100)
        assert trees.get((b"x", 1, 8)) is root and trees.notes(again) is None
        assert trees.pending_views
        forget_pending_views()
        assert not trees.pending_views
    offer((b"y", 2, 8), slide("later"), 100)  # outside saved_into nothing is offered
    assert trees.get((b"y", 2, 8)) is None


def test_a_document_saved_while_trees_are_taken_is_opened_from_its_writers_directory(tmp_path):
    import docx

    from curriculum_kit.generate.package_save import saved_bytes
    from curriculum_kit.ooxml.package import Package

    document = docx.Document()
    document.add_paragraph("Welcome")
    trees = SharedTrees()
    with saved_into(trees):
        data = saved_bytes(document, (2026, 1, 1, 0, 0, 0))
    listed = trees.directory(data)
    assert listed is not None and trees.directory(bytes(bytearray(data))) is None  # by identity only
    with Package(tmp_path / "x.docx", data, trees) as given, Package(tmp_path / "x.docx", data) as read:
        assert given.infos is listed
        assert [i.filename for i in given.infos] == [i.filename for i in read.infos]
        assert etree.tostring(given.xml(given.main_part)) == etree.tostring(read.xml(read.main_part))


def test_a_document_the_engine_wrote_is_read_from_the_trees_of_the_parts_it_changed(tmp_path):
    import io

    import docx

    from curriculum_kit.formats.terms import Term
    from curriculum_kit.ooxml.adapt import adapt_package
    from curriculum_kit.ooxml.package import Package
    from curriculum_kit.ooxml.shared_trees import offer_written

    document = docx.Document()
    document.add_paragraph("Module 1: Welcome")
    source = io.BytesIO()
    document.save(source)
    out, changed = io.BytesIO(), {}
    with Package(tmp_path / "in.docx", source.getvalue()) as package:
        adapt_package(package, [Term("Module 1", "Module 2", "exact")], out, changed_trees=changed)
    data = out.getvalue()
    assert list(changed) == ["word/document.xml"]  # the one part the swap changed
    offer_written(data, changed)  # nobody takes saved trees: nothing is kept
    trees = SharedTrees()
    with saved_into(trees):
        offer_written(data, changed)
    with Package(tmp_path / "x.docx", data, trees) as given, Package(tmp_path / "x.docx", data) as read:
        assert given.infos is trees.directory(data)
        root = given.xml("word/document.xml")
        assert root is changed["word/document.xml"]  # taken, not parsed again
        assert etree.tostring(root) == etree.tostring(read.xml("word/document.xml"))
        assert "Module 2: Welcome" in "".join(root.itertext())


def test_packages_sharing_their_content_types_read_them_once(tmp_path):
    import docx

    from curriculum_kit.ooxml.package import Package

    def saved(text: str, with_picture: bool = False) -> bytes:
        import io

        from PIL import Image
        document = docx.Document()
        document.add_paragraph(text)
        if with_picture:  # a PNG adds a default content type
            picture = io.BytesIO()
            Image.new("RGB", (4, 4)).save(picture, format="PNG")
            document.add_picture(picture)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    trees = SharedTrees()
    with Package(tmp_path / "a.docx", saved("one"), trees) as one, \
            Package(tmp_path / "b.docx", saved("two"), trees) as two:
        assert one._defaults is two._defaults and one._overrides is two._overrides  # the same bytes: read once
    with Package(tmp_path / "c.docx", saved("three", with_picture=True), trees) as other, \
            Package(tmp_path / "c.docx", saved("three", with_picture=True)) as alone:
        assert other._defaults is not one._defaults
        assert other._defaults == alone._defaults and "png" in other._defaults
        assert other.content_type("word/media/image1.png") == "image/png"
