"""Packaging: deterministic packet zips, PDFs through LibreOffice, manifests, the catalog.

Floor 4 (README, "How the code is laid out"): imports from curriculum_kit only floors 0-3
(errors, outputs, formats, ooxml...); never generate/ beside it, nor anything above.
"""
