"""Counties version their overlays: scaffold one, compare two versions (folders or git
refs), lock it to the module versions it was reviewed against, see what a module update
means for it, and find the words it has not mapped yet.

Imports go downwards only: this package uses formats/, ooxml/ and package/; only
pipeline.py (the lock check of `build`) and cli.py import it.
"""
