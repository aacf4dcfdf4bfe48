"""Packaging: deterministic packet zips, PDFs through LibreOffice, manifests, the catalog pages,
and the Common Cartridge and SCORM packages a learning management system imports.

Floor 4 (README, "How the code is laid out"): imports from curriculum_kit only floors 0-3
(errors, outputs, formats, ooxml...); never generate/ beside it, nor anything above.
"""
