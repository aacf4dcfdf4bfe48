"""The README.txt inside a packet: what each file is for, in words true of every module."""

from __future__ import annotations

from curriculum_kit.package.readme import readme


def test_a_pdf_names_the_document_it_copies():
    """'PDF copy … of agenda.docx/.pptx' named a file the packet does not hold."""
    files = ["Trainer_Guide.docx", "Trainer_Guide.pdf", "deck.pptx", "deck.pdf", "agenda.docx", "agenda.pdf"]
    text = readme("facilitator", "Alder County", "Intro", "module intro 1.0.0", files, "Trainer_Guide.docx", "deck.pptx")
    assert "  deck.pdf\n      PDF copy (tagged for screen readers) of deck.pptx.\n" in text
    assert "  agenda.pdf\n      PDF copy (tagged for screen readers) of agenda.docx.\n" in text
    assert "  Trainer_Guide.pdf\n      PDF copy (tagged for screen readers) of Trainer_Guide.docx.\n" in text
    assert ".docx/.pptx" not in text and "labelled for each co-facilitator" not in text
