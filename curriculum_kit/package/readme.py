"""README.txt inside each packet: what each file is for, in a trainer's words, what
curriculum-kit put into the academy's guide and deck and where, and how many terms it
replaced in each document."""

from __future__ import annotations

PIECES = {"cobrand": ("title slide", "title slides"), "contacts": ("contacts slide", "contacts slides"),
          "orgchart": ("org chart slide", "org chart slides"), "stories": ("stories slide", "stories slides")}
GUIDE_PIECES = {"cobrand": "co-branded cover", "contacts": "contacts", "orgchart": "org chart",
                "stories": "stories"}

PURPOSES = {
    "agenda.docx": "The day's agenda, with time to connect and breaks built in.",
    "local-contacts.docx": "Who to call in each program in your county.",
    "org-chart.docx": "How both programs are organised, with everyone listed.",
    "sign-in-sheet.docx": "Joint sign-in sheet with a program column: keep it for attendance records.",
    "evaluation-form.docx": "Session evaluation for participants to fill in at the end.",
}
ROLE_TITLES = {
    "facilitator": "Facilitator packet (for the two co-facilitators)",
    "participant": "Participant packet",
    "participant-cws": "Participant packet for Child Welfare Services staff",
    "participant-calworks": "Participant packet for CalWORKs staff",
}


def slide_ranges(numbers: list[int]) -> str:
    """'9–10, 14' for slides 9, 10 and 14."""
    ranges: list[list[int]] = []
    for number in sorted(numbers):
        if ranges and number == ranges[-1][-1] + 1:
            ranges[-1].append(number)
        else:
            ranges.append([number])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in ranges)


def inserted_lines(slides: str, placed: dict[str, list[int]], guide: str, guide_placed: dict[str, str]) -> list[str]:
    """'slides.pptx: title slide 1; contacts slides 23–24' and the guide's places, piece by piece."""
    lines = []
    deck = [f"{PIECES[p][len(n) > 1]} {slide_ranges(n)}" for p, n in placed.items() if n]
    if deck:
        lines.append(f"  {slides}: {'; '.join(deck)}")
    by_place: dict[str, list[str]] = {}
    for piece, where in guide_placed.items():
        by_place.setdefault(where, []).append(GUIDE_PIECES[piece])
    if by_place:
        lines.append(f"  {guide}: " + "; ".join(f"{_joined(names)} {where}" if where == "page 1" else
                                                f"{_joined(names)}: {where}" for where, names in by_place.items()))
    return lines


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def readme(role: str, county: str, module_title: str, versions: str, files: list[str],
           guide: str, slides: str, inserted: list[str] | None = None,
           replaced: dict[str, int] | None = None) -> str:
    purposes = {**PURPOSES,
                guide: "The facilitator guide, adapted to the county: a co-branded cover and the county's "
                       "local material added, the academy's text in the county's terms.",
                slides: "The slide deck with speaker notes, adapted to the county."}
    lines = [f"{ROLE_TITLES.get(role, role)} — {module_title}", f"{county} · {versions}", "",
             "What each file is for:"]
    for name in files:
        base = name.removesuffix(".pdf")
        if name.endswith(".pdf"):  # named after the document it copies ('agenda.docx'), in this packet
            source = next((other for other in files if other.rsplit(".", 1)[0] == base and other != name), None)
            text = f"PDF copy (tagged for screen readers) of {(source or base).split('/')[-1]}."
        elif name.startswith("handouts/"):
            text = "Handout for participants, in the county's words."
        else:
            text = purposes.get(name, "")
        lines.append(f"  {name}\n      {text}")
    if inserted and (guide in files or slides in files):
        lines += ["", "What curriculum-kit put into the academy's documents (everything else is the "
                  "academy's own text, in the county's terms):", *inserted]
    counts = [(name, count) for name, count in (replaced or {}).items() if name in files]
    if counts:
        lines += ["", "Terms replaced with the county's wording:",
                  *(f"  {name}: {count} replacement{'s' if count != 1 else ''}" for name, count in counts)]
    lines += ["", "manifest.json next to this zip on the download page records the versions and "
              "checksums of everything inside.", ""]
    return "\n".join(lines)
