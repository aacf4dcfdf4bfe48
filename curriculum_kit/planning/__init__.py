"""Making Linkages a way of doing business (lessons 1, 2, 3, 9, 10): the county's annual
training plan with co-facilitator turns, and what sign-in sheets say about attendance.

Floor 5 (README, "How the code is laid out"): imports from curriculum_kit only floors 0-4
(formats, ooxml, validate, wording, generate, outputs...); never packets or versioning
beside it, nor pipeline, report or cli above.
"""
