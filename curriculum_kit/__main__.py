"""`python -m curriculum_kit`: the same command as `curriculum-kit`, for a checkout not installed."""

from .cli import main

main(prog_name="curriculum-kit")
