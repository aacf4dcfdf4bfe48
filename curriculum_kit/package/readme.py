"""README.txt inside each packet: what each file is for, in a trainer's words."""

from __future__ import annotations

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


def readme(role: str, county: str, module_title: str, versions: str, files: list[str],
           guide: str, slides: str) -> str:
    purposes = {**PURPOSES,
                guide: "The facilitator guide, adapted to the county: cover, local material, and "
                       "program sections labelled for each co-facilitator.",
                slides: "The slide deck with speaker notes, adapted to the county."}
    lines = [f"{ROLE_TITLES.get(role, role)} — {module_title}", f"{county} · {versions}", "",
             "What each file is for:"]
    for name in files:
        base = name.removesuffix(".pdf")
        if name.endswith(".pdf"):
            text = "PDF copy (tagged for screen readers) of " + base.split("/")[-1] + ".docx/.pptx."
        elif name.startswith("handouts/"):
            text = "Handout for participants, in the county's words."
        else:
            text = purposes.get(name, "")
        lines.append(f"  {name}\n      {text}")
    lines += ["", "manifest.json next to this zip on the download page records the versions and "
              "checksums of everything inside.", ""]
    return "\n".join(lines)
