"""Generators: the documents and slides curriculum-kit writes with python-docx and
python-pptx (covers, contacts, org charts, stories, agendas, sign-in sheets).

Floor 4 (README, "How the code is laid out"): imports from curriculum_kit only floors 0-3
(errors, outputs, formats, ooxml, wording, agenda...); never package/ beside it, nor
packets, planning, versioning, pipeline, report or cli above.
"""
