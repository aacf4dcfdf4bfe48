"""The OOXML text engine: pure lxml over the zip parts of .docx and .pptx files.

Layers, bottom up: :mod:`zipio` (raw zip entries), :mod:`package` (content types,
relationships, which parts hold text), :mod:`textview` (a paragraph's text as a reader sees
it, mapped back to the XML text nodes), :mod:`matcher` (terms over plain text),
:mod:`rewrite` (edits to runs) and :mod:`adapt` (a whole document); beside them
:mod:`links` readies a module document for python-docx and python-pptx, which nothing here
imports.

Floor 2, beside formats/ (README, "How the code is laid out"): the engine imports nothing of
curriculum_kit but errors, so it can be read and tested on its own. Terms come in through
:class:`matcher.TermRule`, a protocol defined here; marker syntax through a finder the
caller passes to :mod:`sections`.
"""
