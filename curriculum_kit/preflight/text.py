"""Text a reader trips over: words doubled by a replacement, placeholders, comments and
tracked changes left in.

"California California" and "WorkBridge (WorkBridge)" come from a terminology row meeting
text that already said what the row adds; "TODO" and "[insert date]" from an overlay or a
module that was never finished. Both are read from the engine's text view of each part.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator

from lxml import etree

from ..ooxml.matcher import AS_TYPED
from ..ooxml.names import a, path, w
from ..wording import count_text
from .document import Document, TextFinder, selected, text_of
from .issues import Issue

_WORD = r"[^\W\d_][\w'’-]*"
_SPACES = "[ \u00a0\u2007\u202f]"  # a space or a no-break one; not a tab or a line break, which
# often part a list's items ("switches⏎switches are…"), said again on purpose
_PHRASE = rf"{_WORD}(?:{_SPACES}+{_WORD}){{0,5}}"
# A phrase, then the same phrase again after a space, or in parentheses after it; or a phrase
# in parentheses said twice ("CalWORKs (Welfare-to-Work) (Welfare-to-Work)").
_DOUBLED = re.compile(rf"(?<![\w'’-])(?:({_PHRASE})(?:{_SPACES}+\1|{_SPACES}*\(\1\))"
                      rf"|\(({_PHRASE})\){_SPACES}*\(\2\))(?![\w'’-])", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\bTODO\b|\bFIXME\b|\{\{|\[insert\b|\blorem ipsum\b|\bTBD\b|\bXXX\b", re.IGNORECASE)
_PLACEHOLDER_CASED = ("TODO", "FIXME", "TBD", "XXX")  # as words, only in capitals
# Said twice in correct English ('what she had had'), and places named so.
_GRAMMATICAL = {"had had", "that that", "walla walla", "pago pago", "bora bora", "sing sing", "baden baden"}


# Words as the pattern reads them (punctuation, digits and spaces between them left out).
_WORDS = re.compile(_WORD)
# Some run of 1-6 characters followed by itself: over one character per word, a phrase of
# 1-6 words said twice.
_REPEATED = re.compile(r"(.{1,6})\1", re.DOTALL)


def _may_double(text: str) -> bool:
    """A cheap test before the pattern, true of every text it matches. A double is a phrase
    of 1-6 words followed by itself with only spaces or a parenthesis between, so in the
    text's words some run of n words is followed by the same n words: written one character
    a word (the same word, the same character), a repeat the regex engine finds at once."""
    folded = text.casefold().translate(AS_TYPED)
    if "\u0307" in folded:  # 'İ' folds to 'i' and a combining dot, which the pattern reads apart
        return True
    words = _WORDS.findall(folded)
    codes: dict[str, int] = {}
    return _REPEATED.search("".join(map(chr, map(codes.setdefault, words, range(len(words)))))) is not None


_PLACEHOLDER_HINTS = ("todo", "fixme", "{{", "[insert", "lorem", "tbd", "xxx")


def _may_hold_placeholder(text: str) -> bool:
    lower = text.casefold()
    return any(hint in lower for hint in _PLACEHOLDER_HINTS)


def doubled_phrases(texts: Iterable[str]) -> set[str]:
    """Every doubled phrase (lower case) in some texts: what a source already had."""
    return {doubled.casefold() for text in texts for doubled, _ in _doubles(text)}


def _doubles(text: str) -> tuple[tuple[str, str], ...]:
    """(doubled text, the phrase) of each double in one paragraph: an apostrophe as Word types
    it is the one a terminology row holds ("children’s children's"); a word followed by a
    mark (a vowel sign: 'الطفل الطفلَ') is another word; 'had had' is English."""
    if not _may_double(text):
        return ()
    found = []
    for match in _DOUBLED.finditer(text.translate(AS_TYPED)):
        start, end = match.span()
        if (end < len(text) and unicodedata.combining(text[end])) or match.group(0).casefold() in _GRAMMATICAL:
            continue
        found.append((text[start:end], text[start:match.end(1) if match.group(1) else match.end(2) + 1]))
    return tuple(found)


def _placeholder(text: str) -> tuple[str, ...]:
    """The excerpt around a paragraph's first placeholder (one finding a paragraph), if any."""
    if not _may_hold_placeholder(text):
        return ()
    for match in _PLACEHOLDER.finditer(text):
        found = match.group(0)
        if found.upper() in _PLACEHOLDER_CASED and found != found.upper():
            continue  # 'todo' or 'tbd' in a sentence is a word, not a placeholder
        return (_excerpt(text, match.start()),)
    return ()


def _trips(text: str) -> tuple[tuple[str, str, str], ...]:
    """What a paragraph's text trips a reader over: ('doubled', the doubled text, the phrase)
    for each double, ('placeholder', an excerpt, '') for its first placeholder. One finder
    for both: a part's texts are split, hashed and set aside once."""
    return (*(("doubled", doubled, phrase) for doubled, phrase in _doubles(text)),
            *(("placeholder", excerpt, "") for excerpt in _placeholder(text)))


_TRIPS = TextFinder(_trips)


def check_doubled(document: Document, allowed: Callable[[], frozenset[str]] = frozenset) -> Iterator[Issue]:
    """A word or phrase said twice in a row, unless the source said it so too (``allowed``
    gives the source's doubles; it is asked only when a double is found)."""
    for paragraph, (kind, doubled, phrase) in document.scan(_TRIPS):
        if kind != "doubled" or doubled.casefold() in allowed() or _hidden_in(paragraph.element, doubled) \
                or _in_code(paragraph.element, doubled):
            continue
        yield Issue(document.name, paragraph.place, "text/doubled", f"'{doubled}' says '{phrase}' twice",
                    f"keep one '{phrase}' (a terminology row whose replacement repeats text that "
                    "was already there does this)")


_HIDDEN_RUNS = path(".//w:r[w:rPr/w:vanish[not(@w:val) or not(@w:val='0' or @w:val='false')]]")


def _hidden_in(paragraph: etree._Element, doubled: str) -> bool:
    """Whether a double is one only with a Word paragraph's hidden text (w:vanish, which no
    reader sees printed) read in: 'Ask CWS [hidden: CWS] now'. Asked only of a double found."""
    hidden = selected(_HIDDEN_RUNS, paragraph)
    if not hidden:
        return False
    shown = "".join(text_of(run) for run in paragraph.iter(w("r")) if run not in hidden)
    return doubled.casefold() not in {found.casefold() for found, _ in _doubles(shown)}


def check_placeholders(document: Document) -> Iterator[Issue]:
    """TODO, FIXME, '{{', '[insert', lorem ipsum: text someone meant to replace."""
    for paragraph, (kind, excerpt, _) in document.scan(_TRIPS):
        if kind != "placeholder":
            continue
        yield Issue(document.name, paragraph.place, "text/placeholder",
                    f"placeholder text '{excerpt}' is left in",
                    "replace it with the real text (in the overlay or the module) and build again")


def check_cover_fields(document: Document) -> Iterator[Issue]:
    """The cover (the first table of a Word document, the first slide of a deck) has no empty
    field: an empty title or a co-brand cell with neither a logo nor a name. (An empty
    subtitle placeholder shows in neither the slide show nor print: no finding.)"""
    if document.family == "presentation":
        for number, slide in document.slides():
            if empty_title(slide):
                yield Issue(document.name, f"slide {number}", "text/empty-field", "the title slide's title is empty",
                            "type the title, or delete the empty placeholder")
            return
    if not document.generated:
        return
    for part, root in document.roots.items():  # the co-brand row: in the body or in a header
        if document.kinds.get(part) not in ("body", "header"):
            continue
        table = next(root.iter(w("tbl")), None)
        rows = [] if table is None else [row for row in table if row.tag == w("tr")]
        if len(rows) != 1:
            continue
        for index, cell in enumerate(rows[0].iter(w("tc")), start=1):
            if not text_of(cell).strip() and next(cell.iter(w("drawing")), None) is None:
                yield Issue(document.name, document.place_of(part, cell), "text/empty-field",
                            f"cell {index} of the co-brand row is empty",
                            "fill in the overlay's program names, logos and county name")


def empty_title(slide: etree._Element) -> bool:
    """Whether a slide has a title placeholder with no text (on the title slide, the cover
    check's finding, not also the slide-title check's)."""
    return any(_placeholder_type(shape) in ("title", "ctrTitle") and not text_of(shape).strip()
               for shape in slide.iter("{*}sp"))


def _placeholder_type(shape: etree._Element) -> str | None:
    ph = next(shape.iter("{*}ph"), None)
    if ph is None:
        return None
    return str(ph.get("type", "body"))


def _excerpt(text: str, at: int) -> str:
    start = max(text.rfind(" ", 0, max(at - 20, 0)) + 1, 0)
    excerpt = text[start:at + 40]
    return excerpt.strip() + ("…" if at + 40 < len(text) else "")


_TRACKED = "a tracked change"  # the engine's name for a revision's edge in a text view


def check_editing_marks(document: Document) -> Iterator[Issue]:
    """Reviewers' comments and tracked changes left in a document: Word prints them in the
    margin and shows insertions and deletions marked up, in every packet made from it; and
    macros, which every trainer opening the packet is asked about."""
    if document.macros:
        yield Issue(document.name, "file", "file/macros", "holds macros (a VBA project), which Word or PowerPoint "
                    "asks every trainer to enable or block", "save the module's document as .docx or .pptx "
                    "(File > Save As), which leaves the macros out")
    for place, count in document.comments.items():
        yield Issue(document.name, place, "text/comments", f"holds {count_text(count, 'comment')} left from reviewing",
                    "delete them in the module's document (Review > Delete All Comments)")
    tracked = [name for name, (view, _) in document.views.items() if _TRACKED in view.barrier_kinds.values()]
    if tracked:
        view = document.views[tracked[0]][0]  # the first change's paragraph is where to look ('body' alone was not)
        first = min(at for at, kind in view.barrier_kinds.items() if kind == _TRACKED)
        paragraph = view.block_elements[max(bisect_right(view.block_starts, first) - 1, 0)]
        yield Issue(document.name, document.place_of(tracked[0], paragraph), "text/tracked-changes",
                    f"holds tracked changes ({', '.join(document.labels.get(name, name) for name in tracked)}), "
                    "shown marked up", "accept or reject them in the module's document (Review > Accept All Changes)")


_MONOSPACED = ("mono", "courier", "consolas", "console", "menlo", "monaco", "code", "typewriter", "fixedsys")
_RUN_FONTS = path("w:rPr/w:rFonts/@w:ascii | w:rPr/w:rFonts/@w:hAnsi | a:rPr/a:latin/@typeface")
_CODE_STYLE = path("w:pPr/w:pStyle/@w:val")


def _in_code(paragraph: etree._Element, doubled: str) -> bool:
    """Whether a double lies in program code, set in a monospaced font or a code style
    ('Part part = rp.getPart(r);', a Lisp '(x x)'): a type and its variable, not a word said
    twice. Asked only of a double found."""
    style = selected(_CODE_STYLE, paragraph)
    if style and any(word in str(style[0]).lower() for word in ("code", "preformatted")):
        return True
    code = "".join(text_of(run) if _monospaced(run) else "\x00" for run in paragraph.iter(w("r"), a("r")))
    return doubled.casefold() in {found.casefold() for found, _ in _doubles(code)}


def _monospaced(run: etree._Element) -> bool:
    return any(name in str(font).lower() for font in selected(_RUN_FONTS, run) for name in _MONOSPACED)
