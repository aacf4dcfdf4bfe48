#!/usr/bin/env python3
"""Write samples/signins-alder-county-2027.csv: sign-ins for Alder County's 2027 plan, to April.

The rows are what a staff developer types from the session sign-in sheets that
`build --plan` prints: the session id copied from the sheet (sometimes in capitals, sometimes
left out), programs as people write them ("DCFS", "Employment and Temporary Assistance",
"Alder County Employment and Temporary Assistance", "CalWORKs"), the module by id or title,
dates as 2027-01-08 or 1/25/2027, and the two co-facilitators signing like everyone. One
session was led by another trainer than planned, one was held by DCFS staff only, one had
no sign-ins, and a make-up session was held that is not on the plan, so `attendance --plan`
has something to report. Deterministic: the same file every time.

Usage: python samples/make_plan_signins.py [--out FILE]
"""
from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CWS_STAFF = ["Ana Beltran", "Ben Carter", "Chloe Duong", "Diego Estrada", "Erin Fox", "Farah Ghani", "Gus Hill",
             "Hana Ito", "Ivan Jones", "Jade Kim"]
ETA_STAFF = ["Kofi Lamptey", "Lena Moss", "Mateo Nunez", "Nia Owens", "Omar Patel", "Pia Quinn", "Raj Singh",
             "Sara Toth", "Tariq Usman", "Uma Vance"]
CWS_NAMES = ["DCFS", "Department of Children and Family Services", "dcfs", "Child Welfare"]
ETA_NAMES = ["ETA", "Employment and Temporary Assistance", "Alder County Employment and Temporary Assistance",
             "CalWORKs"]

# (session id as typed, module as typed, date as typed, CWS staff, ETA staff, co-facilitators who signed)
SESSIONS = [
    ("2027-CORE1-linkages-orientation", "linkages-orientation", "2027-01-08", 6, 5, ["Maria Lopez", "Hannah Kessler"]),
    ("", "Coordinated Case Planning", "1/25/2027", 5, 4, ["Terrence Oduya", "Hannah Kessler"]),
    ("2027-seq1-families-experiencing-homelessness", "families experiencing homelessness", "2/16/2027", 4, 0,
     ["Maria Lopez", "Luis Ortega"]),
    ("makeup-march", "Linkages Orientation", "3/23/2027", 2, 3, ["Terrence Oduya", "Luis Ortega"]),
    ("2027-core2-linkages-orientation", "Linkages Orientation: Who We Are", "April 8, 2027", 4, 4,
     ["Maria Lopez", "Hannah Kessler"]),
]
TRAINER_PROGRAMS = {"Maria Lopez": "DCFS", "Terrence Oduya": "DCFS", "Luis Ortega": "ETA", "Hannah Kessler": "ETA"}


def signins_csv() -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "program", "module", "date", "session"])
    turn = 0
    for number, (session, module, day, cws, calworks, leads) in enumerate(SESSIONS):
        for name in leads:
            writer.writerow([name, TRAINER_PROGRAMS[name], module, day, session])
        for people, names, count in ((CWS_STAFF, CWS_NAMES, cws), (ETA_STAFF, ETA_NAMES, calworks)):
            for index in range(count):  # a different group each session, the programs written in turn
                turn += 1
                writer.writerow([people[(3 * number + index) % len(people)], names[turn % len(names)], module, day,
                                 session])
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "samples" / "signins-alder-county-2027.csv")
    args = parser.parse_args()
    args.out.write_text(signins_csv(), encoding="utf-8", newline="")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
