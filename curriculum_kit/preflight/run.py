"""Every check over a set of documents that go out together: :func:`check_documents` (what
`build` runs on each packet in memory), with what one county's packets share remembered."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from ..errors import CurriculumKitError
from ..ooxml.collector import collector_paused
from ..ooxml.shared_trees import SharedTrees
from .accessibility import check_alt_text, check_contrast, check_language, check_slide_titles
from .agenda import Agenda, compare_agendas, find_agendas
from .document import Document, open_document, text_of
from .issues import Issue
from .layout import check_pictures, check_slide_layout, check_tables
from .text import check_cover_fields, check_doubled, check_editing_marks, check_placeholders, doubled_phrases

Check = Callable[[Document], Iterator[Issue]]
CHECKS: tuple[Check, ...] = (check_placeholders, check_editing_marks, check_cover_fields, check_slide_layout, check_pictures,
                             check_tables, check_alt_text, check_slide_titles, check_language, check_contrast)
DOCUMENT_SUFFIXES = (".docx", ".pptx", ".docm", ".pptm")
_SAVE_AGAIN = "open it in Word or PowerPoint and save it again"  # what most reading errors end with
# The documents of a packet the tool lays out itself (besides the deck's county slides):
# every text box of them is held to fitting.
GENERATED_DOCUMENTS = ("agenda.docx", "local-contacts.docx", "org-chart.docx", "sign-in-sheet.docx",
                       "evaluation-form.docx")


class Memory:
    """What checking documents that go out together (one county's packets) remembers: each
    document's findings by its bytes (packets share documents), and the parts documents
    share (styles, headers, a county's own slides in each deck), parsed and read once —
    ``trees`` may be a worker's, kept from county to county: two fifths of a county's
    parts are byte for byte the previous county's (module slides no term touched)."""

    def __init__(self, trees: SharedTrees | None = None) -> None:
        # (name, id of the bytes) -> (the bytes, kept so the id stays theirs; findings; agendas)
        self.findings: dict[tuple[str, int], tuple[bytes, list[Issue], list[Agenda]]] = {}
        self.trees = trees if trees is not None else SharedTrees()


def check_documents(documents: Mapping[str, bytes], generated: Iterable[str] = (),
                    source_doubles: frozenset[str] | Callable[[], frozenset[str]] = frozenset(),
                    module_source: bool = False, memory: Memory | None = None,
                    session_shift: int = 0) -> list[Issue]:
    """Every finding for a set of documents that go out together (one packet).

    ``generated`` names the documents the tool laid out itself (their text boxes are held
    to fit); ``source_doubles`` are doubled phrases the module's own text already had (or a
    function giving them, called only when a double is found);
    ``module_source`` is set for an academy module as given, whose markers are expected.
    ``memory`` carries what one call learnt to the next (one county's packets share one).
    ``session_shift``: minutes a planned session starts after (or before) the module's own
    start time; the agenda document of its packet gives the session's clock, so it agrees
    with the academy's agendas when it is theirs moved by exactly that.
    """
    with collector_paused():
        return _check_documents(documents, set(generated), source_doubles, module_source, memory or Memory(),
                                session_shift)


def _check_documents(documents: Mapping[str, bytes], made: set[str],
                     source_doubles: frozenset[str] | Callable[[], frozenset[str]], module_source: bool,
                     memory: Memory, session_shift: int) -> list[Issue]:
    doubles = source_doubles if callable(source_doubles) else (lambda: source_doubles)
    issues: list[Issue] = []
    agendas: list[Agenda] = []
    for name in sorted(documents, key=_reading_order):
        if not name.lower().endswith(DOCUMENT_SUFFIXES):
            continue
        data = documents[name]
        key = (name, id(data))  # packets share the very bytes object (hashing a county's bytes cost ~5 ms)
        if key not in memory.findings:
            memory.findings[key] = (data, *_check_one(name, data, name in made, doubles, module_source, memory.trees))
        _, found, agenda = memory.findings[key]
        issues.extend(found)
        agendas.extend(agenda)
    issues.extend(compare_agendas(agendas, {"agenda.docx": session_shift}))
    return issues


def _check_one(name: str, data: bytes, generated: bool, source_doubles: Callable[[], frozenset[str]],
               module_source: bool, trees: SharedTrees) -> tuple[list[Issue], list[Agenda]]:
    try:
        document = open_document(name, data, generated, trees)
    except CurriculumKitError as exc:
        message, _, fix = exc.message.rpartition("; ")  # most end with what to do: 'open it in Word ...'
        if not message or "save it again" not in fix:
            message, fix = exc.message, _SAVE_AGAIN
        return [Issue(name, "file", "file/unreadable", message, fix)], []
    issues = list(check_doubled(document, source_doubles))
    for check in CHECKS:
        issues.extend(check(document))
    if module_source:  # markers are the module's instructions to the build, and their slides go
        marked = {f"slide {number}" for number, slide in document.slides() if "{{ck:" in text_of(slide)}
        issues = [issue for issue in issues if "{{ck:" not in issue.message and issue.place not in marked]
    return issues, list(find_agendas(document))


def source_doubles(documents: Iterable[tuple[str, bytes]]) -> frozenset[str]:
    """Doubled phrases a module's own documents already have (not the build's doing)."""
    texts: list[str] = []
    for name, data in documents:
        texts.extend(paragraph.text for paragraph in open_document(name, data).paragraphs)
    return frozenset(doubled_phrases(texts))


def _reading_order(name: str) -> tuple[int, str]:
    """The guide first (its agenda is the one others are compared with), then the rest by name."""
    lower = name.lower()
    return (0 if "guide" in lower else 1 if lower.endswith((".pptx", ".pptm")) else 2, name)
