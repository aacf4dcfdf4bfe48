"""The two input formats (base modules and county overlays): frozen models, loading, checks.

This layer imports nothing else from curriculum_kit but errors and findings.
"""
