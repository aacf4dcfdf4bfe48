"""Word documents opened for assembly share one styles tree per distinct styles part.

A module's guide and handouts carry their template's styles part (350 KB of XML in the
samples; Word's own templates are as large), and python-docx parses it on every open —
two thirds of opening a handout — although assembly only looks styles up. While
:func:`sharing_styles` is on, every document opened from the same styles bytes gets one
tree, parsed once per worker; outside it python-docx parses as it always does.

The tree is shared by every document (and county) opened from those bytes, so nothing in
assembly may change a style: a test holds that.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory
from docx.oxml.parser import parse_xml
from docx.parts.styles import StylesPart

_SHARING: ContextVar[bool] = ContextVar("sharing styles", default=False)
_TREES: OrderedDict[bytes, Any] = OrderedDict()  # styles bytes -> the tree, least recently used first
_KEEP = 8  # a worker builds a few modules' documents over and over


@contextmanager
def sharing_styles() -> Iterator[None]:
    token = _SHARING.set(True)
    try:
        yield
    finally:
        _SHARING.reset(token)


class _SharedStylesPart(StylesPart):
    @classmethod
    def load(cls, partname: PackURI, content_type: str, blob: bytes, package: Any) -> StylesPart:
        if not _SHARING.get():
            return cast(StylesPart, super().load(partname, content_type, blob, package))
        tree = _TREES.get(blob)
        if tree is None:
            tree = _TREES[blob] = parse_xml(blob)
            if len(_TREES) > _KEEP:
                _TREES.popitem(last=False)
        else:
            _TREES.move_to_end(blob)
        return cls(partname, content_type, tree, package)


# python-docx's own way to choose a part's class (docx/__init__.py registers StylesPart so).
PartFactory.part_type_for[CT.WML_STYLES] = _SharedStylesPart
