"""Which fonts this machine draws a packet's PDFs with in other widths, asked of fontconfig,
and the one line that says so and what to install."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from curriculum_kit.package import pdf_fonts
from curriculum_kit.package.pdf_fonts import replaced_fonts, replaced_fonts_notice, same_widths

needs_fc_match = pytest.mark.skipif(shutil.which("fc-match") is None,
                                    reason="fontconfig's fc-match is not installed (LibreOffice's packages bring it)")


def test_a_font_keeps_its_widths_when_drawn_as_itself_or_its_metric_twin():
    assert same_widths("Calibri", ["Calibri"])
    assert same_widths("calibri", ["Carlito"])
    assert same_widths("Times New Roman", ["Liberation Serif", "Tinos"])
    assert not same_widths("Calibri", ["DejaVu Sans"])
    assert not same_widths("Calibri Light", ["Carlito"])  # Carlito has Calibri's widths, not Light's


@needs_fc_match
def test_a_font_the_machine_lacks_is_reported_with_what_it_is_drawn_as():
    installed = shutil.which("fc-list") and "DejaVu Sans"  # what LibreOffice's packages install
    missing = "Curriculum Kit Nonexistent Serif"
    replaced = replaced_fonts([missing, missing, *([installed] if installed else [])])
    assert list(replaced) == [missing]
    assert replaced[missing] and replaced[missing] != missing


def test_the_notice_names_each_font_and_only_the_packages_that_help():
    notice = replaced_fonts_notice({"Calibri": "DejaVu Sans", "Segoe UI": "DejaVu Sans"})
    assert "Calibri as DejaVu Sans, Segoe UI as DejaVu Sans" in notice
    assert notice.endswith("apt-get install fonts-crosextra-carlito)")
    assert "apt-get" not in replaced_fonts_notice({"Segoe UI": "DejaVu Sans"})
    assert "\n" not in notice


def test_a_name_is_asked_of_fontconfig_as_a_name_not_a_pattern(monkeypatch):
    """'-' starts a size and ':' a property in a fontconfig pattern ('Arial-12:bold'): a font
    named 'Source Sans Pro-Light' must be looked up as that name."""
    asked = []

    def fc_match(command, **_):
        asked.append(command[-1])
        return subprocess.CompletedProcess(command, 0, stdout="Source Sans Pro-Light", stderr="")

    monkeypatch.setattr(pdf_fonts.shutil, "which", lambda _: "/usr/bin/fc-match")
    monkeypatch.setattr(pdf_fonts.subprocess, "run", fc_match)
    pdf_fonts._families.cache_clear()
    try:
        assert replaced_fonts(["Source Sans Pro-Light", "Odd:Name,Here"]) == {"Odd:Name,Here": "Source Sans Pro-Light"}
    finally:
        pdf_fonts._families.cache_clear()
    assert asked == ["Odd\\:Name\\,Here", "Source Sans Pro\\-Light"]
