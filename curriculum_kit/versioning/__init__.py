"""Counties version their overlays: scaffold one, compare two versions (folders or git
refs), lock it to the module versions it was reviewed against, see what a module update
means for it, and find the words it has not mapped yet.

Floor 5 (README, "How the code is laid out"): imports from curriculum_kit only floors 0-4
(formats, ooxml, validate, package, outputs...); never packets or planning beside it.
Above it, pipeline.py (the lock check of `build`), report/ and cli.py import it.
"""
