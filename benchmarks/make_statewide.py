#!/usr/bin/env python3
"""Generate a statewide set of inputs: the sample modules and 58 county overlays.

Each county has 150 terminology rows, 20 contacts, a 40-person org chart across both
programs, two trainers per program, two stories and two logos — the size of a real
county overlay. Deterministic (seeded). Usage: python benchmarks/make_statewide.py OUTDIR
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
GENERIC = ["Child Welfare Services", "CWS", "CalWORKs Employment Services", "Employment Services",
           "Welfare-to-Work", "WTW", "social worker", "social workers", "eligibility worker",
           "eligibility workers", "employment services worker", "employment services workers",
           "Emergency Response", "Family Maintenance", "Family Reunification", "Family Stabilization",
           "Child and Family Team meeting", "CFT", "case plan", "Welfare-to-Work plan",
           "county welfare department", "Linkages coordinator", "Housing Support Program", "HSP",
           "Bringing Families Home"]
TITLES = {"cws": ["Social Worker III", "Social Work Supervisor II", "Program Manager", "Deputy Director"],
          "calworks": ["Employment Counselor", "Eligibility Supervisor", "Program Manager", "Deputy Director"]}
FIRST = ["Ana", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Iris", "Jon", "Kim", "Luz", "Mara",
         "Nate", "Olga", "Pavel", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wen", "Yara", "Zoe"]
LAST = ["Alvarez", "Brooks", "Chen", "Diaz", "Evans", "Flores", "Garcia", "Hughes", "Ito", "Jones", "Khan",
        "Lopez", "Moreno", "Nguyen", "Ortiz", "Patel", "Quintero", "Reyes", "Singh", "Tran", "Uribe", "Vega"]


def name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def logo(path: Path, color: tuple[int, int, int]) -> None:
    image = Image.new("RGB", (300, 300), "white")
    ImageDraw.Draw(image).ellipse((20, 20, 280, 280), fill=color)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")


def county(root: Path, number: int) -> None:
    rng = random.Random(number)
    slug = f"county-{number:02d}"
    folder = root / slug
    color = (rng.randrange(40, 160), rng.randrange(40, 160), rng.randrange(40, 160))
    logo(folder / "logos" / "cws.png", color)
    logo(folder / "logos" / "calworks.png", color[::-1])
    trainers = "".join(f'\n[[trainers]]\nname = "{name(rng)} {i}"\nprogram = "{program}"\n'
                       for program in ("cws", "calworks") for i in range(2))
    (folder / "overlay.toml").write_text(
        f'slug = "{slug}"\ncounty = "County {number:02d}"\nversion = "1.0.{number}"\n'
        f'extends = "california-statewide"\n\n[programs.cws]\nname = "County {number:02d} Children\'s Services"\n'
        f'short_name = "CS{number:02d}"\nlogo = "logos/cws.png"\ncolor = "#{color[0]:02X}{color[1]:02X}{color[2]:02X}"\n\n'
        f'[programs.calworks]\nname = "County {number:02d} Work Services"\nshort_name = "WS{number:02d}"\n'
        f'logo = "logos/calworks.png"\n{trainers}')
    rows = [f"{term},{term.upper() if term.isupper() else 'county ' + str(number) + ' ' + term.lower()}"
            for term in GENERIC]
    rows += [f"local program {i},County {number} program {i}" for i in range(150 - len(rows))]
    (folder / "terminology.csv").write_text("term,replacement\n" + "\n".join(rows) + "\n")
    contacts = [f"{rng.choice(['cws', 'calworks', 'both'])},Liaison {i},{name(rng)},{rng.choice(TITLES['cws'])},"
                f"(916) 555-01{i:02d},person{i}@county{number}.example.org,\"Office {i}, Floor 2\","
                for i in range(20)]
    (folder / "contacts.csv").write_text("program,role,name,title,phone,email,location,notes\n"
                                         + "\n".join(contacts) + "\n")
    people = ["1,Director One,Agency Director,both,"]
    for person in range(2, 41):
        program = "cws" if person % 2 else "calworks"
        boss = rng.randrange(max(1, person - 8), person)
        people.append(f"{person},{name(rng)},{rng.choice(TITLES[program])},{program},{boss}")
    (folder / "orgchart.csv").write_text("id,name,title,program,reports_to\n" + "\n".join(people) + "\n")
    for story in range(2):
        (folder / "stories").mkdir(exist_ok=True)
        (folder / "stories" / f"story-{story}.md").write_text(
            f"# A family in County {number}, story {story}\nPrograms: CWS, CalWORKs\n\n"
            + "The family met both workers at one joint case conference. " * 12 + "\n")


def main(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(REPO / "base_modules", out / "base_modules")
    shutil.copytree(REPO / "county_overlays" / "california-statewide", out / "county_overlays" / "california-statewide")
    for number in range(1, 59):
        county(out / "county_overlays", number)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/curriculum-kit-statewide"))
