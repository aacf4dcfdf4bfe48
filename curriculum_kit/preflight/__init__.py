"""Preflight: every built document checked the way a careful trainer would check it.

One module per family of checks (text, layout, accessibility, agenda), each a function of
an opened :class:`~.document.Document` yielding :class:`~.issues.Issue`. :mod:`.run`
runs them over a packet's documents in memory (what `build` does); :mod:`.files` over
files, zips and folders on disk (what `curriculum-kit check` does). The package itself
imports nothing: a rebuild with nothing to do reads findings (:mod:`.issues`) without
loading the checks.

Floor 5 (README, "How the code is laid out"): imports from curriculum_kit only floors 0-4
(errors, formats, ooxml, generate's text measures, outputs); never packets, planning or
versioning beside it, nor pipeline, report or cli above.
"""
