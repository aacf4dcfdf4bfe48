#!/usr/bin/env python3
"""Write samples/signins-alder-county.csv: two years of Alder County's Linkages sign-ins.

The rows come from the seeded simulation that the tests pin (samples/signin_simulation.py):
staff turnover, new hires, duplicates, names in other case or spacing, program spellings
("CWS", "Child Welfare", "DCFS", "Cal Works", "ETA"), US and ISO dates, and a few rows that
cannot be counted. So the README's `attendance` run shows data whose findings are tested.
Deterministic: the same file every time.

Usage: python samples/make_signins.py [--out FILE]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from signin_simulation import simulate  # noqa: E402  (beside this script; curriculum_kit on the path now)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "samples" / "signins-alder-county.csv")
    args = parser.parse_args()
    args.out.write_text(simulate().csv_text, encoding="utf-8", newline="")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
