"""The two input formats (base modules and county overlays): frozen models, loading, checks.

Floor 2 (README, "How the code is laid out"): imports from curriculum_kit only the floors
below, errors, findings and outputs; never the engine beside it (ooxml) or anything above.
"""
