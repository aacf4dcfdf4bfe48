"""What goes into one county's packets for one module, as documents in memory.

The facilitator packet holds the adapted guide (cover, county material, program sections
labelled for each co-facilitator), the deck, the handouts and the generated documents;
participants get handouts and the day's papers, one packet per program when the
handouts have program-only sections (lesson 4).
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import docx.exceptions
import pptx.exc

from .errors import BuildError
from .formats.marker_syntax import marker_spans
from .formats.module import Module
from .formats.overlay import Overlay, Trainer
from .formats.programs import PROGRAMS
from .formats.session_day import SessionDay
from .formats.terms import Term
from .generate.agenda_doc import agenda_docx
from .generate.contacts_doc import contacts_docx
from .generate.deck_assembly import assemble_deck
from .generate.evaluation_doc import evaluation_docx
from .generate.orgchart_doc import orgchart_docx, orgchart_pictures
from .generate.signin_doc import signin_docx
from .generate.word_assembly import CountyMaterial, assemble_word
from .ooxml.adapt import AdaptResult, ChangedTrees, KeptTrees, NearMissReport, adapt_package
from .ooxml.links import dangling_links, with_links_external
from .ooxml.matcher import compiled_matcher
from .ooxml.outline import deck_titles, guide_headings
from .ooxml.package import Package
from .ooxml.shared_trees import offer_written
from .outputs import Stamp
from .wording import module_caption


@dataclass
class Packet:
    role: str  # facilitator, participant, participant-cws, participant-calworks
    documents: dict[str, bytes] = field(default_factory=dict)  # path inside the zip -> bytes


@dataclass
class ModulePackets:
    packets: list[Packet]
    occurrences: Counter[str]
    never_found: list[str]
    near_misses: list[tuple[str, NearMissReport]]  # (document name in the packet, the place)
    omitted: list[str]
    pair: tuple[Trainer, Trainer] | None
    slides_placed: dict[str, list[int]] = field(default_factory=dict)  # piece -> slide numbers
    guide_placed: dict[str, str] = field(default_factory=dict)  # piece -> 'cover, page 1', ...
    replaced: dict[str, int] = field(default_factory=dict)  # document name in the packet -> terms replaced
    title: str = ""  # the module's title in the county's words, as its cover says it


@dataclass
class CountyDocuments:
    """Documents that depend on the county only, made once for all its modules."""

    material: CountyMaterial
    contacts: bytes
    orgchart: bytes | None
    sheets: dict[str, tuple[Module, bytes]] = field(default_factory=dict)  # sign-in sheet and evaluation: (module, bytes) made first

    def session_sheet(self, name: str, module: Module, make: Callable[[Module, Overlay, Stamp], bytes],
                      stamp: Stamp) -> bytes:
        """The sign-in sheet or evaluation form for ``module``.

        They differ between modules only in the module's title, id, version and caption, so
        the county's first one is made with python-docx and the others are that one with
        those words replaced by the text engine — a tenth of the cost, same formatting.
        """
        if name not in self.sheets:
            self.sheets[name] = (module, make(module, self.material.overlay, stamp))
        first, data = self.sheets[name]
        if first == module:
            return data
        swaps = [Term(old, new, "exact") for old, new in zip(_module_words(first), _module_words(module))
                 if old != new]
        out, trees = io.BytesIO(), ChangedTrees()
        with Package(Path(name), data) as package:
            adapt_package(package, swaps, out, changed_trees=trees)
        swapped = out.getvalue()
        offer_written(swapped, trees)  # the county's preflight reads these trees, not the bytes
        return swapped


def _module_words(module: Module) -> tuple[str, ...]:
    """The words of a module that its session sheets print, longest first."""
    return (module_caption(module), module.title, module.id, str(module.version))


def county_documents(overlay: Overlay, stamp: Stamp) -> CountyDocuments:
    overlay = _localized(overlay)
    pictures, alt = orgchart_pictures(overlay)
    material = CountyMaterial(overlay, pictures, alt)
    orgchart = orgchart_docx(overlay, pictures, alt, stamp) if overlay.orgchart else None
    return CountyDocuments(material, contacts_docx(overlay, stamp), orgchart)


def _localized(overlay: Overlay) -> Overlay:
    """Stories inherited from a parent overlay are written in its generic wording: they get
    the county's terms. The county's own stories are already in its words."""
    matcher = compiled_matcher(overlay.terms)
    stories = tuple(story if story.path.parent.parent == overlay.folder else story.reworded(matcher.replace)
                    for story in overlay.stories)
    return replace(overlay, stories=stories)


def module_packets(module: Module, county: CountyDocuments, stamp: Stamp,
                   session: SessionDay | None = None) -> ModulePackets:
    """The packets of ``module``: for one planned ``session`` (its day, room and pair on the
    cover, agenda, sign-in sheet and evaluation), or for any session (the county's roster)."""
    overlay = county.material.overlay
    pair = session.pair if session is not None else None
    material = replace(county.material, session=session) if session is not None else county.material
    matcher = compiled_matcher(overlay.terms)  # the module's own title and description, in county words
    module = replace(module, title=matcher.replace(module.title), description=matcher.replace(module.description),
                     agenda=tuple(replace(row, title=matcher.replace(row.title)) for row in module.agenda))
    adapted: dict[Path, bytes] = {}
    results: list[AdaptResult] = []
    for path in module.documents:
        data, result = _adapt(path, overlay)
        adapted[path] = data
        results.append(result)
    omitted: set[str] = set()

    guide_places: dict[str, str] = {}

    def word(path: Path, audience: str) -> tuple[bytes, bool]:
        """The assembled document, and whether it has program-only sections."""
        headings = _as_given(path, _heading_texts) if path == module.facilitator_guide else None
        try:
            data, done, where = assemble_word(adapted[path], module, material, audience, pair, stamp,
                                              headings)
            if headings is not None:
                guide_places.update(where)
        except BuildError as exc:  # named by the document, unless module.toml's [placement] is at fault
            raise BuildError(exc.message, exc.path if exc.path == module.toml_path else path) from None
        except Exception as exc:
            raise _refused(path, exc) from None
        omitted.update(f"optional {m.argument}" for m, action in done if m.name == "optional" and action == "drop")
        return data, any(marker.name == "program" for marker, _ in done)

    try:
        deck, dropped, slides_placed = assemble_deck(adapted[module.slides], module, material, pair, stamp,
                                                     _as_given(module.slides, deck_titles))
    except BuildError as exc:
        raise BuildError(exc.message, exc.path or module.slides) from None
    except Exception as exc:
        raise _refused(module.slides, exc) from None
    omitted.update(dropped)
    shared = {"agenda.docx": agenda_docx(module, overlay, stamp, session), "local-contacts.docx": county.contacts}
    if county.orgchart is not None:
        shared["org-chart.docx"] = county.orgchart
    handouts: dict[str, dict[str, bytes]] = {"facilitator": {}, **{program: {} for program in PROGRAMS}}
    for handout in module.handouts:
        name = f"handouts/{handout.name}"
        data, program_specific = word(handout, "facilitator")
        handouts["facilitator"][name] = data
        for program in PROGRAMS:  # without program sections, every audience reads the same
            handouts[program][name] = word(handout, program)[0] if program_specific else data
    facilitator = Packet("facilitator", {
        module.facilitator_guide.name: word(module.facilitator_guide, "facilitator")[0],
        module.slides.name: deck,
        **handouts["facilitator"],
        **shared,
        **_session_sheets(module, county, stamp, session),
    })
    if handouts[PROGRAMS[0]] == handouts[PROGRAMS[1]]:
        participants = [Packet("participant", {**handouts[PROGRAMS[0]], **shared})]
    else:
        participants = [Packet(f"participant-{program}", {**handouts[program], **shared})
                        for program in PROGRAMS]
    occurrences = sum((r.occurrences() for r in results), Counter())
    found = occurrences.keys() | {term for r in results for term in r.kept_terms}  # kept: found, already adapted
    never_found = [t.term for t in overlay.terms if t.term not in found]
    names = [f"handouts/{path.name}" if path in module.handouts else path.name for path in module.documents]
    replaced = {name: sum(r.occurrences().values()) for name, r in zip(names, results)}
    near_misses = [(name, miss) for name, r in zip(names, results) for miss in r.near_misses]
    return ModulePackets([facilitator, *participants], occurrences, never_found, near_misses, sorted(omitted), pair,
                         slides_placed, guide_places, replaced, module.title)


# An academy file's headings or slide titles as given, by (path, mtime, size): every
# county's packets place material by them, and reading a guide's 350 KB of styles for its
# headings cost more than placing the material.
_AS_GIVEN: dict[tuple[Path, int, int], list[str]] = {}


def _as_given(path: Path, read: Callable[[Path], list[str]]) -> list[str]:
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _AS_GIVEN:
        _AS_GIVEN[key] = read(path)
    return list(_AS_GIVEN[key])


def _heading_texts(path: Path) -> list[str]:
    return [text for _, text in guide_headings(path)]


def _session_sheets(module: Module, county: CountyDocuments, stamp: Stamp,
                    session: SessionDay | None) -> dict[str, bytes]:
    """The sign-in sheet and evaluation form: pre-filled for a planned session, else the
    county's blank ones (made once, and swapped to each module by the text engine)."""
    if session is not None:
        overlay = county.material.overlay
        return {"sign-in-sheet.docx": signin_docx(module, overlay, stamp, session=session),
                "evaluation-form.docx": evaluation_docx(module, overlay, stamp, session)}
    return {"sign-in-sheet.docx": county.session_sheet("sign-in-sheet.docx", module, signin_docx, stamp),
            "evaluation-form.docx": county.session_sheet("evaluation-form.docx", module, evaluation_docx, stamp)}


# What python-docx and python-pptx raise on well-formed XML that breaks the Office schema
# (a run without its text element, say): the module document's fault, not the build's.
_SCHEMA_ERRORS = (docx.exceptions.PythonDocxError, pptx.exc.PythonPptxError)


# Module documents a worker has adapted, each opened, checked and its text parts read once:
# path -> (its file's identity, size and times; the open package; its kept trees). Every
# county adapts the same few documents, and parsing and reading them was half of adapting.
_SOURCES: dict[Path, tuple[tuple[int, ...], Package, KeptTrees]] = {}
# The first documents a worker meets are kept, no more: every county goes through the same
# documents in the same order, so dropping the least recently used would keep none in use.
_SOURCES_KEPT = 32
# A forked worker reads its own: an open file's read position is shared with the parent.
os.register_at_fork(after_in_child=_SOURCES.clear)


@contextmanager
def _source(path: Path) -> Iterator[tuple[Package, KeptTrees | None]]:
    """The module document at ``path``, open, with its kept trees (None past what a worker keeps)."""
    try:
        stat = path.stat()
    except OSError:
        stat = None  # (opening it says why, in its words)
    stamp = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns) if stat else ()
    known = _SOURCES.get(path)
    if known is not None and known[0] != stamp:  # changed on disk since: read it anew
        del _SOURCES[path]
        known[1].close()
        known = None
    if known is None and (not stamp or len(_SOURCES) >= _SOURCES_KEPT):
        with Package(path) as package:
            yield package, None
        return
    if known is None:
        known = _SOURCES[path] = (stamp, Package(path), {})
    yield known[1], known[2]


_LIBRARIES = tuple(os.path.dirname(str(library.__file__)) + os.sep for library in (docx, pptx))
_OWN = os.path.dirname(__file__) + os.sep


def _refused(path: Path, exc: Exception) -> Exception:
    """What python-docx or python-pptx raised while assembling the module document at
    ``path``, as the document's error: XML the Office schema does not allow, or something
    else the library cannot work with (raised in its code, or below it: a slide id that is
    not a number, a layout without its master). What this tool's own code raised is left as
    it is (an internal error, to be reported)."""
    if isinstance(exc, _SCHEMA_ERRORS):
        return BuildError(f"holds XML the Office schema does not allow ({exc}); open it in Word or "
                          "PowerPoint and save it again", path)
    if _raised_in_library(exc):
        library = "python-pptx" if path.suffix.lower().startswith(".ppt") else "python-docx"
        return BuildError(f"is built in a way {library} cannot work with ({type(exc).__name__}: {exc}); "
                          "open it in Word or PowerPoint and save it again", path)
    return exc


def _raised_in_library(exc: BaseException) -> bool:
    """Whether the last frame of ``exc``'s traceback in this tool's code or the two
    libraries' is the libraries' (lxml, under them, has no frames of its own)."""
    last = None
    trace = exc.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if name.startswith(_LIBRARIES) or name.startswith(_OWN):
            last = name
        trace = trace.tb_next
    return last is not None and last.startswith(_LIBRARIES)


def _adapt(path: Path, overlay: Overlay) -> tuple[bytes, AdaptResult]:
    """A module document in the county's words, ready for python-docx or python-pptx (its
    changed parts stored, not deflated: the library saves the document anew)."""
    out = io.BytesIO()
    with _source(path) as (package, kept):
        result = adapt_package(package, overlay.terms, out, deflating=False, kept_trees=kept,
                               untouchable=marker_spans)
        links = dangling_links(package)
    if links:
        with Package(path, out.getvalue()) as adapted:
            return with_links_external(adapted, links), result
    return out.getvalue(), result
