"""What `lock` remembers of a module, so `outdated` can compare without the old files.

A snapshot is a small, sorted JSON file per locked module under the overlay's ``.lock/``
folder. Per document it keeps the kind, the sha256, the length (slides, or pages counted
from explicit breaks: see :mod:`curriculum_kit.ooxml.extent`), the markers present, and
how often each of the county's terms and each generic term occurs. The generic terms are
every other overlay's terms the county does not map: they are the statewide wording that
a county usually wants to replace. The terms counted (the vocabulary) are stored too, so
the module of today is counted with exactly the words the locked one was counted with.
Counts are those of `adapt` over the module as published (all sections included).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..formats.marker_syntax import marker_spans
from ..formats.markers import MarkerSyntaxError, find_markers
from ..formats.module import Module
from ..formats.overlay import Layer, Overlay
from ..formats.sources import read_text, shown_value
from ..formats.terms import Term
from ..ooxml.adapt import adapt_package
from ..ooxml.extent import extent
from ..ooxml.package import Package
from ..ooxml.reading import TextBlock, document_blocks, document_contents
from ..outputs import write_json
from ..wording import and_list

# Format 3 reads what a reader sees: a Word text box once, pictures, and which slides are
# hidden from the slide show. Format 2 did not mark hidden slides; format 1 also kept the copy
# of a text box Word writes for older readers, and no pictures. An older snapshot's texts are
# compared with a reading like its own (:func:`read_as`).
FORMAT = 3
_READABLE = (1, 2, 3)


@dataclass(frozen=True)
class Vocabulary:
    """The terms counted, as term -> case mode ('auto' or 'exact')."""

    county: dict[str, str]
    generic: dict[str, str]

    @classmethod
    def of(cls, overlay: Overlay, layers: Iterable[Layer]) -> Vocabulary:
        county = {term.term: term.case for term in overlay.terms}
        mapped = {term.lower() for term in county}
        generic: dict[str, str] = {}
        for layer in layers:
            for term in layer.terms:
                if term.term.lower() not in mapped and generic.get(term.term) != "auto":
                    generic[term.term] = term.case  # 'auto' wins: it matches more
        return cls(dict(sorted(county.items())), dict(sorted(generic.items())))

    @staticmethod
    def terms(words: dict[str, str]) -> tuple[Term, ...]:
        """Rows that find the words, to count them (nothing is written: no replacement, so
        no row reads as an expansion whose adapted places would go uncounted)."""
        return tuple(Term(term, "", case) for term, case in words.items())


@dataclass(frozen=True)
class DocumentFacts:
    kind: str  # facilitator guide, slides, handout
    sha256: str
    unit: str  # pages or slides
    length: int
    markers: dict[str, int]
    terms: dict[str, int]  # the county's terms that occur, with their counts
    generic: dict[str, int]  # generic terms that occur
    # what a reader sees, (where, text) per non-blank paragraph, for `outdated --diff`;
    # None in a snapshot written before texts were kept
    text: tuple[tuple[str, str], ...] | None = None


@dataclass(frozen=True)
class Snapshot:
    module: str
    title: str
    version: str
    sha256: str  # the module's content hash, as in modules.lock
    vocabulary: Vocabulary
    documents: dict[str, DocumentFacts]  # by file name, relative to the module folder
    format: int = FORMAT  # how its texts were read (see FORMAT)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT,
                "module": {"id": self.module, "title": self.title, "version": self.version,
                           "sha256": self.sha256},
                "vocabulary": {"county": self.vocabulary.county, "generic": self.vocabulary.generic},
                "documents": {name: {"kind": d.kind, "sha256": d.sha256, d.unit: d.length,
                                     "markers": d.markers, "terms": d.terms, "generic": d.generic,
                                     **({"text": [list(b) for b in d.text]} if d.text is not None else {})}
                              for name, d in sorted(self.documents.items())}}


def take_snapshot(module: Module, vocabulary: Vocabulary, sha256: str) -> Snapshot:
    """Count what the snapshot keeps in every document of ``module``."""
    county, generic = Vocabulary.terms(vocabulary.county), Vocabulary.terms(vocabulary.generic)
    kinds = document_kinds(module)
    documents = {}
    for path in module.documents:
        name = path.relative_to(module.folder).as_posix()
        data = path.read_bytes()
        with Package(path, data) as package:
            unit, length = extent(package)
            terms = adapt_package(package, county, None, untouchable=marker_spans).occurrences()
            others = adapt_package(package, generic, None, untouchable=marker_spans).occurrences()
        documents[name] = DocumentFacts(kinds[name], hashlib.sha256(data).hexdigest(),
                                        unit, length, _markers(path, data), _sorted(terms), _sorted(others),
                                        document_text(path, data))
    return Snapshot(module.id, module.title, str(module.version), sha256, vocabulary, documents)


def document_kinds(module: Module) -> dict[str, str]:
    """Each document's role by its name in the module folder: 'facilitator guide', 'slides'
    or 'handout' (what pairs a renamed file with its old self)."""
    roles = {module.facilitator_guide: "facilitator guide", module.slides: "slides"}
    return {path.relative_to(module.folder).as_posix(): roles.get(path, "handout") for path in module.documents}


def _markers(path: Path, data: bytes) -> dict[str, int]:
    found: dict[str, int] = {}
    for block in document_blocks(path, data):
        if "{{" not in block.text:
            continue
        try:
            markers = find_markers(block.text)
        except MarkerSyntaxError:
            continue  # `validate` reports it; a snapshot records what works
        for marker in markers:
            found[str(marker)] = found.get(str(marker), 0) + 1
    return _sorted(found)


def _sorted(counts: dict[str, int]) -> dict[str, int]:
    return {key: counts[key] for key in sorted(counts) if counts[key]}


def write_snapshot(path: Path, snapshot: Snapshot) -> None:
    path.parent.mkdir(exist_ok=True)
    write_json(path, snapshot.to_json())


def read_snapshot(path: Path) -> Snapshot:
    """A snapshot written by `lock`; anything else is an error naming the file and line."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"is not valid JSON ({exc.msg}); run 'curriculum-kit lock' again", path,
                         exc.lineno) from None
    except RecursionError:
        raise InputError("is not valid JSON (it nests too deeply); run 'curriculum-kit lock' again", path) from None
    try:
        if data["format"] not in _READABLE or isinstance(data["format"], bool):
            raise InputError(f"has snapshot format {data['format']!r}; this curriculum-kit reads "
                             f"formats {and_list([str(f) for f in _READABLE])}", path)
        module, words = data["module"], data["vocabulary"]
        documents = {name: DocumentFacts(facts["kind"], facts["sha256"], *_length(facts),
                                         _counts(facts["markers"]), _counts(facts["terms"]),
                                         _counts(facts["generic"]), _text(facts.get("text")))
                     for name, facts in data["documents"].items()}
        return Snapshot(module["id"], module["title"], module["version"], module["sha256"],
                        Vocabulary(_words(words["county"]), _words(words["generic"])), documents, data["format"])
    except KeyError as exc:  # a field is missing: name it
        raise _not_a_snapshot(f"it has no {shown_value(exc.args[0])}", path) from None
    except (TypeError, AttributeError, ValueError):  # a value of another kind (a list for an object, ...)
        raise _not_a_snapshot("a value in it is not of the kind lock writes", path) from None


def _not_a_snapshot(why: str, path: Path) -> InputError:
    return InputError(f"is not a snapshot written by 'curriculum-kit lock' ({why}); run 'curriculum-kit lock' again",
                      path)


def _length(facts: dict[str, Any]) -> tuple[str, int]:
    unit = "slides" if "slides" in facts else "pages"
    return unit, _count(facts[unit])


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(repr(value))
    return value


def _counts(value: dict[str, Any]) -> dict[str, int]:
    return {str(key): _count(count) for key, count in value.items()}


def _text(value: object) -> tuple[tuple[str, str], ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(b, list) and len(b) == 2 and
                                              all(isinstance(t, str) for t in b) for b in value):
        raise ValueError("text")
    return tuple((where, text) for where, text in value)


PICTURE = "picture"  # what a picture is called in a document's text ('slide 3 picture', '(picture 1f2e3d4c5b6a)')
HIDDEN = "(hidden from the slide show"  # how a hidden slide's first line begins, in a document's text


def document_text(path: Path, data: bytes | None = None, copies: bool = False) -> tuple[tuple[str, str], ...]:
    """(where, text) of every paragraph with text, in reading order: 'slide 3', 'slide 3 notes',
    'body', 'header 1' — what `module diff` and `outdated --diff` compare — a hidden slide's
    first line being ('slide 3', '(hidden from the slide show: its first line)') (the
    academy retiring a slide changes none of its text); then each picture as
    ('slide 3 picture', '(picture 1f2e3d4c5b6a)'), its image's digest. With ``copies``: as
    a format 1 snapshot read a document (with the copies of Word's text boxes, no pictures,
    no hidden slides)."""
    if copies:
        return tuple((block.label, block.text) for block in document_blocks(path, data, copies) if block.text.strip())
    contents = document_contents(path, data)
    hidden = sorted(contents.hidden)
    text: list[tuple[str, str]] = []
    for index, block in enumerate(contents.blocks):
        while hidden and hidden[0][0] == index:
            label = hidden.pop(0)[1]
            first = _first_line(contents.blocks[index:], label)
            text.append((label, f"{HIDDEN}: {first})" if first else f"{HIDDEN})"))
        if block.text.strip():
            text.append((block.label, block.text))
    text += [(label, f"{HIDDEN})") for _, label in hidden]  # hidden slides after the last block of text
    return tuple(text) + tuple((f"{where} {PICTURE}", f"({PICTURE} {digest})") for where, digest in contents.pictures)


def _first_line(blocks: list[TextBlock], label: str) -> str:
    """The first text of the part ``label`` whose blocks ``blocks`` begins with (a slide's,
    not its notes', which follow it under another label)."""
    return next((block.text.strip() for block in takewhile(lambda b: b.label == label, blocks) if block.text.strip()), "")


def read_as(format: int, text: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...] | None:
    """Today's reading of a document as a snapshot of ``format`` read it: format 2 did not
    mark hidden slides; format 1 read otherwise (None: read the document again with
    ``copies``)."""
    if format >= 3:
        return text
    return tuple(line for line in text if not hidden_mark(line[1])) if format == 2 else None


def hidden_mark(text: str) -> bool:
    """Whether a line of a document's text is a hidden slide's mark (see HIDDEN)."""
    return text.startswith(HIDDEN) and text.endswith(")")


def _words(value: dict[str, Any]) -> dict[str, str]:
    if any(case not in ("auto", "exact") for case in value.values()):
        raise ValueError("case")
    return dict(value)
