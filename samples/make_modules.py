#!/usr/bin/env python3
"""Generate the three sample Linkages base modules that curriculum-kit adapts.

The modules follow lesson 2's sequence (orientation -> nuts-and-bolts -> advanced). Their
prose is original sample content written for this project. It uses, on purpose and often,
the generic statewide wording ("Child Welfare Services", "employment services worker", ...)
that county terminology files remap, and it carries every curriculum-kit marker described
in docs/formats.md where a real Regional Training Academy module would hold county material.

The files also imitate what Word and PowerPoint leave behind in real documents -- a term
split across formatting runs, a spell-check pair, a bookmark inside a phrase, a text box
with its VML fallback, TOC and PAGE fields, text on the slide master -- so that the text
engine meets realistic input rather than tidy single-run paragraphs.

Output is byte-for-byte reproducible: core properties are fixed and every package is
re-zipped with fixed entry timestamps.

Usage: python samples/make_modules.py [--out DIR]
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import json
import tomllib
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from pptx import Presentation
from pptx.dml.color import RGBColor as PptxRGB
from pptx.oxml import parse_xml as pptx_parse_xml
from pptx.oxml.ns import qn as pqn
from pptx.shapes.autoshape import Shape
from pptx.util import Emu
from pptx.util import Inches as PptxInches
from pptx.util import Pt as PptxPt

REPO = Path(__file__).resolve().parents[1]
FIXED_DATE = dt.datetime(2026, 1, 15, 0, 0, 0)
ZIP_DATE = (2026, 1, 15, 0, 0, 0)
AUTHOR = "Regional Training Academy (sample)"
ACADEMY = "Regional Training Academy"
FOOTER_TEXT = "Linkages — Child Welfare Services and CalWORKs"
MASTER_FOOTER = "Linkages: Child Welfare Services and CalWORKs — Regional Training Academy"
ACCENT = "1F4E79"
SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in (16:9)


def marker(name: str) -> str:
    """Spell a curriculum-kit marker exactly as docs/formats.md defines it."""
    return "{{ck:" + name + "}}"


def program_notes(program: str, *paragraphs: str) -> list[str]:
    """Speaker notes that open and close a one-slide program section around their text."""
    return [marker(f"program {program}"), *paragraphs, marker(f"end program {program}")]


def wiifm_blocks(wiifm: dict[str, list[str]]) -> list[tuple]:
    """The two "What's in it for me?" sections (lesson 4), each meant for one program's staff."""
    return [
        ("program", "cws", [("h2", "What's in it for me? For Child Welfare Services staff"),
                            *[("p", text) for text in wiifm["cws"]]]),
        ("program", "calworks", [("h2", "What's in it for me? For CalWORKs staff"),
                                 *[("p", text) for text in wiifm["calworks"]]]),
    ]


def local_team_blocks(orgchart_intro: str, contacts_intro: str, stories_intro: str) -> list[tuple]:
    """The county's own material (lesson 6): org chart, contacts and success stories."""
    return [
        ("h2", "Who's who in our county"), ("p", orgchart_intro), ("marker", "orgchart"),
        ("h2", "Local contacts"), ("p", contacts_intro), ("marker", "contacts"),
        ("h2", "Local success stories"), ("p", stories_intro), ("marker", "stories"),
    ]


# --------------------------------------------------------------------------------------
# Content format
#
# A module is a dict: the module.toml fields, then the guide's prose ("introduction",
# "callout", "objectives", "segments", "appendices", "references", "materials"), its
# "handouts" and its "slides".
#   segments   teaching segments (title, minutes, method, lead, purpose, materials, steps,
#              timing rows (activity, minutes, lead), cws_note, calworks_note, optional
#              "extra" blocks) and breaks ({"break": label, "minutes": n}); all minutes
#              must add up to duration_minutes.
#   blocks     ("h2"|"h3", text), ("p", text), ("bullets"|"steps", [text]),
#              ("table", header, rows), ("marker", name),
#              ("program", cws|calworks, [blocks]), ("optional", name, [blocks]).
#   text       a string, or a list of pieces imitating Word's run splits (see add_text).
#   slides     {"kind": marker|agenda|bullets|table|scenario, ..., "notes": [paragraph]}.
# --------------------------------------------------------------------------------------

# Content shared by the three facilitator guides (the academy's standard front matter)

GENERAL_TIPS = [
    "Read the guide, the slides and the speaker notes together with your co-facilitator at least one week before the training.",
    "Seat participants at mixed tables, with at least one Child Welfare Services and one CalWORKs participant at each table. Name tents in two colors make the mix visible.",
    "Invite supervisors and managers from both programs. Their presence tells staff that Linkages is a joint priority of the county welfare department.",
    "Keep the family at the center. When a discussion turns into 'their program versus our program', ask: 'What does this look like from the parent's side of the desk?'",
    "Use local examples. Add situations from your own county to the scenarios, with every identifying detail removed.",
    "Protect confidentiality. Case examples shared in the room stay in the room and never include names.",
    "Track acronyms. Keep a flip chart titled 'Say it in plain words' and add every acronym either program uses during the day: CWS, WTW, CFT, HSP and the rest.",
]

COFACILITATION_TIPS = [
    ("Before the training", [
        "Divide the segments. The lead for each segment is shown in the lesson plan overview; the other trainer adds the second program's view.",
        "Agree on signals for time checks and for handing over, so transitions look planned.",
        "Each trainer brings one short, de-identified story from their own program that shows why coordination mattered.",
    ]),
    ("In the room", [
        "Stand together, not on opposite sides of the room. Participants notice.",
        "Answer questions about your own program. When a question is about the other program, hand it to your co-facilitator by name.",
        "When program rules differ, say so respectfully. Your conversation models the ones participants will have back on the job.",
    ]),
    ("After the training", [
        "Review the evaluations together and send a joint summary to the Linkages coordinator.",
        "Note the questions that came up more than once. They are material for the next delivery and for the county's Linkages practice guide.",
    ]),
]

COMMON_MATERIALS = [
    ("Facilitator guide (this document)", "1 per trainer"),
    ("Slide deck on a laptop, plus a backup copy on a USB drive", "1"),
    ("Projector, screen and speakers", "1"),
    ("Sign-in sheets (one for each program)", "2"),
    ("Name tents in two colors (one color per program)", "1 per participant"),
    ("Flip chart, easel and markers", "2 sets"),
    ("Evaluation forms", "1 per participant"),
]

COMMON_REFERENCES = [
    "California Welfare and Institutions Code, Division 9, Part 3, Chapter 2 (section 11200 and following): the CalWORKs program, including Welfare-to-Work.",
    "California Welfare and Institutions Code section 300: children who may come under the jurisdiction of the juvenile court.",
    "California Welfare and Institutions Code sections 827 and 10850: confidentiality of juvenile case files and of public social services records.",
    "California Department of Social Services, CalWORKs and Child Welfare Services program pages, cdss.ca.gov.",
    "Linkages project, 'Lessons Learned: Tips for Effective Linkages Training' (ten lessons for co-trained Linkages curricula).",
]

REFERENCE_CAUTION = "Program rules change often. Check the current text of statutes, All County Letters and county policy before each delivery."

# --------------------------------------------------------------------------------------
# Module 1: linkages-orientation (level: orientation)
# --------------------------------------------------------------------------------------

ORIENTATION_WIIFM = {
    "cws": [
        "You hear sooner about changes that affect safety planning: a lost job, a housing crisis, or a new adult in the household that the parent has reported to the eligibility worker.",
        "Services in the case plan become easier to complete. The Welfare-to-Work plan can pay for child care and transportation, and counseling or treatment in the case plan may count as Welfare-to-Work activities.",
        "With fewer conflicting appointments, parents miss fewer services, and your court report shows their real progress. A steady income and stable housing are among the strongest supports for a safe reunification.",
    ],
    "calworks": [
        "You learn why a parent has stopped participating while there is still time to act, and you can document good cause instead of starting a sanction.",
        "Activities in the CWS case plan may count toward the Welfare-to-Work plan, so the family has one schedule instead of two and participation hours stop competing with court-ordered services.",
        "The social worker can help a parent keep appointments and turn in paperwork during a crisis. Families who stabilize move toward employment faster and keep their jobs longer.",
    ],
}

ORIENTATION = {
    "id": "linkages-orientation",
    "title": "Linkages Orientation: Who We Are",
    "version": "1.3.0",
    "level": "orientation",
    "prerequisites": [],
    "duration_minutes": 360,
    "programs": ["cws", "calworks"],
    "refresh_months": 24,
    "new_hire_core": True,
    "description": "A one-day orientation, co-trained by a Child Welfare Services trainer and a CalWORKs trainer, that introduces staff of both programs to each other's roles, responsibilities and vocabulary and walks through how one family experiences both systems. It opens the Linkages training sequence and belongs to the new-hire core curriculum.",
    "optional_sections": {"icebreaker-bingo": "Linkages bingo warm-up game (15 minutes)"},
    "start": (9, 0),
    "introduction": [
        ["Linkages is the partnership between ", ("b", "Child "), "Welfare Services (CWS) and the CalWORKs program of the county welfare department. Many families known to Child Welfare Services also receive CalWORKs cash aid or Welfare-to-Work (WTW) services, and many CalWORKs families face the same stresses that bring children to the attention of CWS: unstable housing, lost work, depression, substance use and domestic violence. When each worker acts alone, the family juggles two sets of appointments, two plans and two sets of expectations."],
        "Both programs are supervised at the state level by the California Department of Social Services and run locally by the county, often in separate buildings, with separate rules and separate data systems. This orientation is the first module of the Linkages training sequence. It answers the questions every new Linkages partner asks first: who are the people in the other program, what do they do all day, and what does a family go through when both systems are involved? It stays at the level of roles, vocabulary and the family's experience. The how-to of joint planning comes in the next module, Coordinated Case Planning.",
        ["The module is co-trained by one trainer from Child Welfare Services and one from CalWORKs Employment Services. The audience should mix both programs as well, ideally half ", ("spell", "social wor", "ker"), "s and half eligibility workers and employment services workers, seated at mixed tables."],
        "Placeholders in this guide mark where your county's own material is inserted: the cover, the organization chart, the local contacts and local success stories. Review the adapted guide, not the base version, before you train.",
    ],
    "callout": ("Before you train", [
        "Confirm one trainer from Child Welfare Services and one from CalWORKs Employment Services.",
        "Invite social workers, eligibility workers and employment services workers in roughly equal numbers.",
        "Ask the Linkages coordinator to attend the segment on the county's Linkages team.",
        "Plan lunch as time to connect: mixed tables, no e-mail.",
    ]),
    "objectives": {
        "Knowledge": [
            "Describe the purpose of Linkages and the outcomes Child Welfare Services and CalWORKs share.",
            "Identify the main roles in each program: social worker, eligibility worker, employment services worker and Linkages coordinator.",
            "Distinguish Emergency Response, Family Maintenance and Family Reunification from the CalWORKs eligibility and Welfare-to-Work processes.",
        ],
        "Skills": [
            "Use the core vocabulary of the other program correctly with a colleague or a family.",
            "Trace a family's path through both systems and name the points where a call between workers would help.",
            "Find the county's Linkages contacts and reach a counterpart in the other program.",
        ],
        "Values": [
            "Appreciate the mandates and pressures that shape the other program's work.",
            "Value the family's experience of two systems as the starting point for collaboration.",
            "Commit to one collaborative practice to use in the next 30 days.",
        ],
    },
    "segments": [
        {"title": "Welcome, Introductions and Agreements", "minutes": 30,
            "method": "Large group; optional game", "lead": "Both",
            "purpose": "Open the day as a joint training, model co-facilitation from the first minute and set agreements for a room that mixes two programs.",
            "materials": ["Sign-in sheets and name tents", "Agenda and learning objectives slides", "Linkages Bingo cards (optional)"],
            "steps": [
                "Both trainers welcome participants together. Each names their program, their current assignment and one reason they care about Linkages.",
                "Cover housekeeping: breaks, lunch, restrooms, phones and the evaluation at the end of the day.",
                "At their tables, participants introduce themselves: name, program, unit and years with the county, and one Child and Family Team meeting (CFT) they took part in.",
                "Show the agenda and the learning objectives. Point out that the afternoon includes a family scenario and time to meet counterparts.",
                "Ask the room for agreements. Add 'assume good intent from the other program' and 'no acronym without an explanation' if nobody suggests them.",
                "If your county keeps the optional warm-up, run Linkages Bingo as described below; otherwise extend the table introductions.",
            ],
            "timing": [("Trainer welcome and housekeeping", 5, "Both"), ("Table introductions", 7, "Both"),
                       ("Agenda, objectives and agreements", 3, "CWS"), ("Linkages Bingo (optional; otherwise longer introductions)", 15, "CalWORKs")],
            "cws_note": "Name your own CWS assignments, for example Emergency Response or Family Reunification, so CalWORKs participants hear the program vocabulary from the start.",
            "calworks_note": "Say whether you came from eligibility or from Employment Services. Eligibility workers and employment services workers often sit in different buildings; acknowledge both.",
            "extra": [("optional", "icebreaker-bingo", [
                ("h2", "Optional warm-up: Linkages Bingo"),
                ("p", "Linkages Bingo gets participants out of their seats and talking with someone from the other program in the first half hour. Each card has sixteen squares, such as 'has attended a Child and Family Team meeting', 'knows what WTW stands for', 'has worked in Emergency Response', 'has explained a Welfare-to-Work plan to a parent' and 'has worked in both programs'."),
                ("h3", "How to play"),
                ("steps", [
                    "Hand out one card per participant.",
                    "Participants find a different person for each square and write that person's first name in it.",
                    "The first participant with four in a row calls 'Linkages!' and reads the names aloud; each person named explains their square in one sentence.",
                ]),
                ("h3", "Debrief"),
                ("p", "Ask: 'Which squares were hard to fill? What does that tell us about how well we know the other program?' Allow 15 minutes in all. If your county omits the game, use the time for longer table introductions."),
            ])],
        },
        {"title": "Why Linkages?", "minutes": 30, "method": "Discussion and short lecture", "lead": "Both",
            "purpose": "Show that Child Welfare Services and CalWORKs serve many of the same families, share outcomes, and that coordination is an expectation of both programs' leadership (lesson 1).",
            "materials": ["'Why Linkages?' slide", "Flip chart with two columns: CWS and CalWORKs"],
            "steps": [
                "Ask: 'Think of a family you served this year who was involved with both programs. What did that family have to do twice?' Chart the answers in two columns.",
                "Present the shared population: parents whose poverty, housing instability or barriers to work overlap with concerns about child safety.",
                "Present the shared outcomes: child safety, family stability, economic self-sufficiency and fewer duplicated requirements for the family.",
                "Explain that Linkages is a commitment of the county welfare department, not a personal favor between workers. Managers in both programs expect staff to coordinate.",
                "Close with a parent's words (use a local quote if you have one): 'I had two workers telling me to be in two places on the same morning.'",
            ],
            "timing": [("Opening question and charting", 10, "CalWORKs"), ("Shared population and outcomes", 12, "CWS"), ("Leadership expectation and closing quote", 8, "Both")],
            "cws_note": "Stress that poverty alone is not neglect, and that coordinated economic supports can reduce risk while the focus stays on child safety.",
            "calworks_note": "Stress that a parent's Welfare-to-Work participation often collapses during a CWS investigation. Early coordination protects the family's aid and the progress already made.",
        },
        {"title": "Who We Are: Child Welfare Services", "minutes": 45, "method": "Presentation and questions", "lead": "CWS",
            "purpose": "Give CalWORKs staff a practical picture of Child Welfare Services: how a referral becomes a case, what each service component means and what a social worker is accountable for.",
            "materials": ["'Child Welfare Services' and 'Who does what' slides", "Handout: Roles at a Glance"],
            "steps": [
                "Walk through the path of a referral: hotline call, screening, the Emergency Response investigation, and the decision to close, to offer voluntary services or to file a petition.",
                "Describe Family Maintenance (services while the child stays at home) and Family Reunification (services while the child is in out-of-home care, with timelines set by the court).",
                "Explain the case plan: voluntary or court-ordered, it names the services the parent must complete, and the social worker reports progress to the court.",
                "Introduce the Child and Family Team meeting (CFT): who attends, how often it meets and why a CalWORKs worker may be invited.",
                "Mention Bringing Families Home, a housing program for families receiving child welfare services when a lack of housing stands in the way of reunification or puts children at risk of removal; the advanced module covers it in depth.",
                "Take questions from CalWORKs participants. Chart any 'we always wondered why' questions to revisit in the family scenario.",
            ],
            "timing": [("Path of a referral", 12, "CWS"), ("Family Maintenance and Family Reunification", 12, "CWS"),
                       ("The case plan, the CFT and Bringing Families Home", 11, "CWS"), ("Questions from CalWORKs staff", 10, "Both")],
            "cws_note": "Avoid court jargon. When you need a term such as 'detention hearing' or 'reunification period', define it in one sentence and connect it to what the family experiences.",
            "calworks_note": "Model curiosity: ask one question a new eligibility worker would ask, for example 'What happens to a parent's aid when the children are removed?', so participants feel free to ask theirs.",
        },
        {"break": "Break", "minutes": 15},
        {"title": "Who We Are: CalWORKs and Employment Services", "minutes": 45, "method": "Presentation and questions", "lead": "CalWORKs",
            "purpose": "Give CWS staff a practical picture of CalWORKs: how eligibility is determined and kept, what Welfare-to-Work asks of a parent and which supports come with it.",
            "materials": ["'CalWORKs' and 'Who does what' slides", "Handout: Roles at a Glance"],
            "steps": [
                "Describe the eligibility worker's role: application, interview, verifications, ongoing reporting, and the changes that affect the cash grant, including a child leaving the home.",
                "Describe the employment services worker's role: Welfare-to-Work orientation and appraisal, assessment, the Welfare-to-Work plan, participation hours and good cause.",
                "Explain supportive services such as child care, transportation and work-related expenses, and how they depend on an active Welfare-to-Work plan.",
                "Introduce Family Stabilization and the Housing Support Program (HSP) as CalWORKs services for families in crisis.",
                "Take questions from CWS participants and add them to the chart.",
                "Before lunch, show the 'Time to connect' slide: everyone eats with at least one person from the other program and learns one thing about that person's caseload.",
            ],
            "timing": [("Eligibility and the eligibility worker", 12, "CalWORKs"), ("Employment Services and the Welfare-to-Work plan", 15, "CalWORKs"),
                       ("Supportive services, Family Stabilization and HSP", 8, "CalWORKs"), ("Questions from CWS staff; time to connect", 10, "Both")],
            "cws_note": "Ask on behalf of social workers: 'If a parent misses a Welfare-to-Work appointment because of a court hearing, what should I send, and to whom?'",
            "calworks_note": "Be concrete about time frames and notices. Social workers most often need to know what will happen to the family's cash aid and child care, and how quickly.",
        },
        {"break": "Lunch: time to connect", "minutes": 45},
        {"title": "Speaking Each Other's Language", "minutes": 30, "method": "Small-group matching game", "lead": "Both",
            "purpose": "Build a shared vocabulary so workers understand each other's notes, e-mails and case conversations.",
            "materials": ["Vocabulary cards (Appendix A), one set per table", "'Speaking each other's language' slide"],
            "steps": [
                "Give each mixed table a set of vocabulary cards: terms on one color, plain-language meanings on another.",
                "Tables match terms to meanings. The rule: the person from the other program reads each term aloud and guesses first.",
                "Review the answers. For each term, the program that owns it explains how it shows up in a family's life.",
                "Each table chooses one term its members will always explain when they use it with a family.",
            ],
            "timing": [("Matching game", 15, "Both"), ("Review of answers", 10, "Both"), ("Table commitment", 5, "CalWORKs")],
            "cws_note": "Expect CalWORKs staff to mix up Family Maintenance and Family Reunification. Clarify with one question: where does the child live?",
            "calworks_note": "Expect CWS staff to confuse the eligibility worker with the employment services worker. Clarify: one decides the grant, the other builds the Welfare-to-Work plan.",
        },
        {"title": "A Family's Journey Through Both Systems", "minutes": 50, "method": "Scenario and role play", "lead": "Both",
            "purpose": "Let participants experience the two systems from the family's side and practice the first call between a social worker and an employment services worker (lesson 5).",
            "materials": ["Scenario: the Reyes family (Appendix B)", "Role play slide", "Flip chart paper for the family calendar"],
            "steps": [
                "Read the Reyes family scenario aloud while the scenario slide is displayed.",
                "Mixed tables list every appointment, form and worker the family meets in the first 30 days, and draw the family's calendar on flip chart paper.",
                "Debrief: where did the family get conflicting instructions? Which worker knew something the other needed?",
                "Role play: in pairs, a CWS participant plays the social worker and a CalWORKs participant plays the employment services worker. They make the first phone call while an observer notes what was shared and what consent it needed.",
                "Switch roles once, so each participant speaks from the other program's chair.",
                "Large-group debrief: one thing that made the call work, and one thing to check before sharing information.",
            ],
            "timing": [("Scenario reading", 5, "CWS"), ("Family calendar", 15, "Both"), ("Table debrief", 8, "Both"),
                       ("Role play, two rounds", 15, "Both"), ("Large-group debrief", 7, "CalWORKs")],
            "cws_note": "Coach the social worker to say what the family has agreed to share, rather than describing the allegations.",
            "calworks_note": "Coach the employment services worker to ask what the case plan requires and when, so the Welfare-to-Work plan can be adjusted instead of a sanction being started.",
        },
        {"break": "Break", "minutes": 10},
        {"title": "What's in It for Me?", "minutes": 25, "method": "Paired discussion", "lead": "Both",
            "purpose": "Help each program's workers name the concrete benefits of Linkages from their own point of view (lesson 4).",
            "materials": ["'What's in it for me?' slides", "Handout: Roles at a Glance, page 2"],
            "steps": [
                "Participants pair with someone from their own program and answer: 'What would make my job easier if the other program and I worked together?'",
                "Each trainer presents the benefits for their own program, using the sections below. In a program-specific edition only one section appears.",
                "Each pair adds one benefit that is not on the list and shares it with the room.",
            ],
            "timing": [("Paired discussion", 8, "Both"), ("Benefits for each program", 12, "Both"), ("Share-out", 5, "Both")],
            "cws_note": "Speak from experience: describe a case that closed sooner because case plan activities were counted toward the Welfare-to-Work plan.",
            "calworks_note": "Speak from experience: describe a sanction that was avoided because the social worker called before the family missed an appointment.",
            "extra": wiifm_blocks(ORIENTATION_WIIFM),
        },
        {"title": "Our County's Linkages Team", "minutes": 25, "method": "Presentation and stories", "lead": "Linkages coordinator",
            "purpose": "Connect the statewide content to the county: who the Linkages partners are, how to reach them and what Linkages has meant for local families (lesson 6).",
            "materials": ["Organization chart, contacts and stories slides", "Copies of the local contact list"],
            "steps": [
                "Introduce the Linkages coordinator, or read the coordinator's welcome message if they cannot attend.",
                "Walk through the organization chart and point out the Linkages liaisons in each program.",
                "Review the local contacts. Ask participants to save one contact from the other program in their phone now.",
                "Share one or two local success stories and ask: 'What did the workers do differently in this story?'",
            ],
            "timing": [("Who's who in our county", 7, "Linkages coordinator"), ("Local contacts", 6, "Both"), ("Local success stories", 12, "Both")],
            "cws_note": "If the stories come from Family Reunification cases, name the point at which the CalWORKs worker made the difference.",
            "calworks_note": "If the stories come from Welfare-to-Work cases, name the point at which the social worker made the difference.",
            "extra": local_team_blocks(
                "The chart shows the Child Welfare Services and CalWORKs units that take part in Linkages and the managers who sponsor it.",
                "Participants should leave with the name of at least one Linkages contact in the other program.",
                "These stories come from families served in our county. Names are changed or first names only."),
        },
        {"title": "Closing and Evaluation", "minutes": 10, "method": "Large group", "lead": "Both",
            "purpose": "Turn the day into one concrete commitment per participant and collect the evaluation.",
            "materials": ["Index cards", "Evaluation forms"],
            "steps": [
                "Each participant writes one collaborative practice they will try in the next 30 days and gives the card to a partner from the other program.",
                "Announce the next module, Coordinated Case Planning, and remind participants that this orientation is repeated for new staff every two years.",
                "Distribute and collect evaluations.",
            ],
            "timing": [("Commitment cards", 4, "Both"), ("Next steps", 2, "CWS"), ("Evaluation", 4, "CalWORKs")],
            "cws_note": "Thank the CalWORKs participants by name for questions that helped the room.",
            "calworks_note": "Thank the CWS participants by name for questions that helped the room.",
        },
    ],
    "appendices": [
        ("Appendix A: Vocabulary Cards", [
            ("p", "Print each term and each meaning on separate cards, terms on one color and meanings on another."),
            ("table", ["Term", "Program", "Plain-language meaning"], [
                ("Emergency Response", "CWS", "The investigation that follows a report of abuse or neglect."),
                ("Family Maintenance", "CWS", "Services to keep a child safely at home, voluntary or court-ordered."),
                ("Family Reunification", "CWS", "Services to a parent while the child lives in out-of-home care, with the goal of a safe return home."),
                ("case plan", "CWS", "The written plan that names the services and changes the parent has agreed to or the court has ordered."),
                ("Child and Family Team meeting (CFT)", "CWS", "A meeting of the family, their supports and the professionals involved, to plan together."),
                ("eligibility worker", "CalWORKs", "Decides whether the family receives cash aid and how much, and processes changes."),
                ("employment services worker", "CalWORKs", "Works with the parent on the Welfare-to-Work plan and supportive services."),
                ("Welfare-to-Work plan", "CalWORKs", "The parent's plan of work, training or other approved activities, with the supports to do them."),
                ("good cause", "CalWORKs", "An accepted reason for not participating for a time, so no sanction applies."),
                ("Family Stabilization", "CalWORKs", "Intensive case management for a family in crisis before or during Welfare-to-Work."),
                ("Housing Support Program (HSP)", "CalWORKs", "Help for CalWORKs families who are homeless or at risk of losing their housing."),
                ("Linkages coordinator", "Both", "The person who keeps the Linkages partnership working across both programs."),
            ]),
        ]),
        ("Appendix B: Scenario — The Reyes Family", [
            ("p", "Ana Reyes, 27, lives with her children Mateo (6) and Lily (2) in a rented room. She receives CalWORKs cash aid and was recently assigned to job search under her Welfare-to-Work plan."),
            ("p", "A neighbor called the child abuse hotline after finding Lily alone in the hallway of the building. An Emergency Response social worker visited the next morning. Ana explained that her child care fell through when her warehouse shift changed, and that she left the children for an hour to talk with her manager about keeping the job."),
            ("p", "The social worker found the home clean and the children well cared for, but was concerned about supervision. She offered voluntary Family Maintenance services: a parenting class on Tuesday mornings and help finding reliable child care. The same week, Ana received a CalWORKs notice saying she had missed her job search appointment, which was also on a Tuesday morning."),
            ("h2", "Questions for the tables"),
            ("bullets", [
                "Which workers does Ana meet in the first 30 days, and what does each one ask of her?",
                "What does the social worker know that the employment services worker needs, and the other way around?",
                "What would Ana need to sign before the two workers can talk?",
                "What could the eligibility worker, the employment services worker and the social worker do in the same week to keep Ana working and the children safe?",
            ]),
        ]),
    ],
    "references": [],
    "materials": [("Linkages Bingo cards (optional section)", "1 per participant"), ("Vocabulary card sets (Appendix A)", "1 per table"),
                  ("Index cards for commitments", "1 per participant")],
    "handouts": [{
        "file": "handout-roles-at-a-glance.docx",
        "title": "Roles at a Glance",
        "use": "Segments 3, 4 and 7. Participants keep it at their desk.",
        "blocks": [
            ("p", ["Three workers are most often involved with a Linkages family. This page compares their roles, so you know whom to call about the case plan, the cash grant or the ", ("b", "Welfare-to-"), "Work plan."]),
            ("table", ["", "CWS social worker", "Eligibility worker", "Employment services worker"], [
                ("Main goal", "Child safety, permanency and well-being", "Correct and timely cash aid", "Work, training and self-sufficiency"),
                ("Typical tasks", "Emergency Response investigations, Family Maintenance and Family Reunification services, court reports, CFT meetings", "Applications, interviews, verifications, changes and renewals", "Appraisal and assessment, the Welfare-to-Work plan, supportive services, good cause"),
                ("The plan they own", "The case plan", "None; the grant follows program rules", "The Welfare-to-Work plan"),
                ("Time pressures", "Response times, court hearings and reunification timelines", "Processing deadlines and reporting periods", "Participation hours, appointments and time limits"),
                ("What they need from the other program", "Changes in income, household and housing; the Welfare-to-Work schedule", "Changes in who lives in the home", "Case plan services and dates, and any crisis that affects participation"),
                ("How to reach them", "Through the CWS unit or the Linkages coordinator", "Through the CalWORKs district office", "Through the Employment Services unit"),
            ]),
            ("p", "Remember: share information only as the family's signed consent and county policy allow. When in doubt, ask your supervisor or the Linkages coordinator."),
            *wiifm_blocks(ORIENTATION_WIIFM),
        ],
    }],
    "slides": [
        {"kind": "marker", "marker": "cobrand", "notes": [
            "CWS co-facilitator: Welcome participants as they arrive and point them to mixed seating, with one Child Welfare Services and one CalWORKs participant at every table.",
            "CalWORKs co-facilitator: Collect the sign-in sheets and hand out name tents in the two program colors."]},
        {"kind": "agenda", "title": "Today's Agenda", "notes": [
            "CalWORKs co-facilitator: Walk through the day and point out the two breaks and the lunch hour, which is planned as time to connect.",
            "CWS co-facilitator: Mention that the afternoon is hands-on: a family scenario and a role play between a social worker and an employment services worker."]},
        {"kind": "bullets", "title": "Learning Objectives", "bullets": [
            "Describe the purpose of Linkages and our shared outcomes",
            "Identify the roles of the social worker, the eligibility worker and the employment services worker",
            "Use the core vocabulary of Child Welfare Services and CalWORKs", "Trace one family's path through both systems",
            "Reach a counterpart in the other program"], "notes": [
            "CWS co-facilitator: Read the objectives and say that by the end of the day everyone should know at least one person in the other program by name.",
            "CalWORKs co-facilitator: Add that the objectives cover knowledge, skills and values; the values part is about seeing the other program's pressures."]},
        {"kind": "bullets", "title": "Warm-Up: Linkages Bingo", "bullets": [
            "Find a different person for each square", "Write their first name in the square", "Four in a row? Call out 'Linkages!'",
            "Examples: has attended a CFT; knows what WTW stands for; has worked in Emergency Response"], "notes": [
            marker("optional icebreaker-bingo"),
            "CalWORKs co-facilitator: Explain the rules and give participants ten minutes. Encourage them to find people from the other program first.",
            "CWS co-facilitator: Circulate and help people find the harder squares, such as someone who has worked in both programs."]},
        {"kind": "bullets", "title": "Bingo Debrief", "bullets": [
            "Which squares were hardest to fill?", "What surprised you about the other program?",
            "What does that tell us about how well we know each other?"], "notes": [
            "CWS co-facilitator: Ask the winner to read the names aloud; each person named explains their square in one sentence.",
            "CalWORKs co-facilitator: Link the hardest squares to today's agenda, for example the vocabulary game after lunch.",
            marker("end optional icebreaker-bingo")]},
        {"kind": "bullets", "title": "Why Linkages?", "bullets": [
            "Many families are served by both Child Welfare Services and CalWORKs",
            "Shared outcomes: child safety, family stability, economic self-sufficiency",
            "One family, two plans: the case plan and the Welfare-to-Work plan", "Coordination is an expectation of both programs, not a favor",
            "Fewer duplicated requirements for families"], "notes": [
            "CalWORKs co-facilitator: Start with the opening question: what did a family you served have to do twice? Chart answers in two columns.",
            "CWS co-facilitator: Present the shared population and outcomes, and stress that poverty alone is not neglect.",
            "Both: End with the parent's quote about being told to be in two places on the same morning."]},
        {"kind": "bullets", "title": "Child Welfare Services: From Referral to Case Plan", "bullets": [
            "Hotline call and screening", "Emergency Response: investigation and safety decision",
            "Family Maintenance: services while the child is at home", "Family Reunification: services while the child is in out-of-home care",
            "The case plan and the court", "Child and Family Team meeting (CFT)"], "notes": [
            "CWS co-facilitator: Walk through the path of a referral in plain words and define every court term you use in one sentence.",
            "CalWORKs co-facilitator: Ask the question a new eligibility worker would ask: what happens to the parent's aid when the children are removed?"]},
        {"kind": "bullets", "title": "CalWORKs: Eligibility and Employment Services", "bullets": [
            "Eligibility worker: application, verifications, cash aid, changes",
            "Employment services worker: appraisal, assessment, Welfare-to-Work plan",
            "Supportive services: child care, transportation, work expenses", "Good cause and sanctions",
            "Family Stabilization and the Housing Support Program (HSP)"], "notes": [
            "CalWORKs co-facilitator: Separate the two CalWORKs roles clearly: the eligibility worker decides the grant; the employment services worker builds the Welfare-to-Work plan.",
            "CWS co-facilitator: Ask on behalf of social workers what to send, and to whom, when a parent misses a WTW appointment because of a court hearing."]},
        {"kind": "table", "title": "Who Does What", "header": ["", "Social worker (CWS)", "Eligibility worker", "Employment services worker"], "rows": [
            ("Main goal", "Child safety and permanency", "Correct and timely cash aid", "Work and self-sufficiency"),
            ("Plan", "Case plan", "—", "Welfare-to-Work plan"),
            ("Meetings", "CFT, court hearings", "Interviews, renewals", "Appraisal, WTW appointments"),
            ("Needs to hear about", "Income, housing, WTW schedule", "Who lives in the home", "Case plan services and crises")], "notes": [
            "CWS co-facilitator: Read the social worker column and ask CalWORKs participants what surprised them.",
            "CalWORKs co-facilitator: Read the two CalWORKs columns and point to the last row: it is the list of reasons to pick up the phone."]},
        {"kind": "bullets", "title": "Time to Connect", "bullets": [
            "Lunch with at least one person from the other program", "Find out one thing about their caseload", "Swap contact information",
            "No e-mail for the hour: this is part of the training"], "notes": [
            "CalWORKs co-facilitator: Explain that personal relationships are one of the main reasons workers collaborate, so this hour is part of the training.",
            "CWS co-facilitator: Ask participants to come back with one thing they learned about their lunch partner's work."]},
        {"kind": "bullets", "title": "Speaking Each Other's Language", "bullets": [
            "Family Maintenance vs. Family Reunification: where does the child live?",
            "Case plan vs. Welfare-to-Work plan: who owns it, and who approves changes?",
            "Eligibility worker vs. employment services worker: the grant vs. the plan",
            "Good cause: a reason not to participate, for a time, without a sanction", "CFT: the family's team, and CalWORKs staff can be invited"], "notes": [
            "CWS co-facilitator: Use this slide to review the matching game; let the program that owns each term explain it.",
            "CalWORKs co-facilitator: Ask each table which term they will always explain when they use it with a family."]},
        {"kind": "scenario", "title": "Scenario: The Reyes Family", "story": [
            "Ana Reyes, 27, lives with Mateo (6) and Lily (2). She receives CalWORKs cash aid and was just assigned to job search under her Welfare-to-Work plan.",
            "A neighbor calls the hotline after finding Lily alone in the hallway. The Emergency Response social worker learns that Ana's child care fell through when her shift changed.",
            "Ana is offered voluntary Family Maintenance services: a parenting class on Tuesday mornings. The same week, CalWORKs notes that she missed her Tuesday morning job search appointment."],
            "roles_title": "At your table", "roles": [
            "List every appointment, form and worker in Ana's first 30 days",
            "Draw the family's calendar",
            "Where do the instructions conflict?",
            "What does each worker know that the other needs?"], "notes": [
            "CWS co-facilitator: Read the scenario aloud, then give tables fifteen minutes for the family calendar.",
            "CalWORKs co-facilitator: In the debrief, point out the Tuesday conflict: one call between workers could have prevented both the missed class and the missed appointment."]},
        {"kind": "scenario", "title": "Role Play: The First Phone Call", "story": [
            "The social worker calls the employment services worker about Ana Reyes. Ana has signed a release that allows the two workers to talk about child care and her schedule.",
            "Goal of the call: one schedule Ana can keep, with child care in place, and no sanction for the missed appointment if good cause applies."],
            "roles_title": "Roles", "roles": [
            "Social worker (a CWS participant): wants Ana in the Tuesday parenting class",
            "Employment services worker (a CalWORKs participant): has a Tuesday WTW appointment and can approve child care",
            "Observer: notes what was shared and whether the release covered it",
            "Switch roles after seven minutes"], "notes": [
            "CWS co-facilitator: Coach social workers to say what the family agreed to share, not to describe the allegations.",
            "CalWORKs co-facilitator: Coach employment services workers to ask what the case plan requires and when, so the Welfare-to-Work plan can be adjusted.",
            "Both: Debrief with one thing that made the call work and one thing to check before sharing."]},
        {"kind": "bullets", "title": "What's in It for Me? Child Welfare Services", "bullets": [
            "Earlier word about job loss, housing crises and household changes",
            "Child care and transportation that help parents complete the case plan",
            "Case plan services that may count as Welfare-to-Work activities", "Fewer missed services, clearer progress for court reports"], "notes": program_notes("cws",
            "CWS co-facilitator: Present these benefits from your own experience and describe one case that moved faster because the social worker and the employment services worker planned together.",
            "CalWORKs co-facilitator: Ask CWS participants to add one benefit that is not on the slide.")},
        {"kind": "bullets", "title": "What's in It for Me? CalWORKs", "bullets": [
            "Learn why a parent stopped participating while there is still time to act", "Document good cause instead of starting a sanction",
            "One schedule for the family instead of two", "Families who stabilize move toward work faster"], "notes": program_notes("calworks",
            "CalWORKs co-facilitator: Present these benefits from your own experience and describe one sanction that was avoided because the social worker called in time.",
            "CWS co-facilitator: Ask CalWORKs participants to add one benefit that is not on the slide.")},
        {"kind": "marker", "marker": "orgchart", "notes": [
            "Linkages coordinator or CWS co-facilitator: Walk through the chart and point out the Linkages liaisons in each program.",
            "CalWORKs co-facilitator: Point out where the eligibility and Employment Services units sit and who supervises them."]},
        {"kind": "marker", "marker": "contacts", "notes": [
            "CalWORKs co-facilitator: Review the contacts and ask everyone to save one contact from the other program in their phone now.",
            "CWS co-facilitator: Remind participants that the Linkages coordinator is the right call when they do not know whom to call."]},
        {"kind": "marker", "marker": "stories", "notes": [
            "CWS co-facilitator: Read or tell one local success story, using first names or pseudonyms only.",
            "CalWORKs co-facilitator: Ask the room: what did the workers do differently in this story, and could we do it next week?"]},
        {"kind": "bullets", "title": "Linkages Every Day", "bullets": [
            "Ask the family about the other program at the first contact", "Get consent early, and check what it covers",
            "Call before you send a notice or file a report", "Invite the other program to the Child and Family Team meeting",
            "When in doubt, call the Linkages coordinator"], "notes": [
            "CalWORKs co-facilitator: Ask each participant to choose one of these practices and write it on their commitment card.",
            "CWS co-facilitator: Have participants hand their card to a partner from the other program, who will check in with them in 30 days."]},
        {"kind": "bullets", "title": "Thank You: Evaluation and Next Steps", "bullets": [
            "Please complete the evaluation before you leave", "Next module: Coordinated Case Planning",
            "This orientation is repeated every two years for new staff", "Questions? Your Linkages coordinator"], "notes": [
            "CWS co-facilitator: Thank participants and announce the next module, Coordinated Case Planning.",
            "CalWORKs co-facilitator: Collect the evaluations and remind everyone that the orientation is repeated for new staff every two years."]},
    ],
}

# --------------------------------------------------------------------------------------
# Module 2: coordinated-case-planning (level: nuts-and-bolts)
# --------------------------------------------------------------------------------------

CASE_PLANNING_WIIFM = {
    "cws": [
        "A coordinated plan is a plan the parent can actually follow. When visits, groups and counseling fit around the Welfare-to-Work schedule, parents miss fewer services and your court reports show steady progress.",
        "The employment services worker can approve child care and transportation for case plan activities that appear on the Welfare-to-Work plan, resources a social worker rarely has at hand.",
        "Joint case conferences give you one place to hear about income, work and housing, the factors that most often stall Family Reunification, and to line up CalWORKs help such as the Housing Support Program alongside Bringing Families Home.",
    ],
    "calworks": [
        "Case plan activities such as counseling, treatment and parenting education can often be approved as Welfare-to-Work activities, so participation hours count instead of competing.",
        "When the social worker is at the table, you learn about a crisis before it becomes non-participation, and you can use good cause or Family Stabilization instead of a sanction.",
        "Families with a single, coordinated plan reach employment with fewer starts and stops, which supports the outcomes your program is measured on.",
    ],
}

CASE_PLANNING = {
    "id": "coordinated-case-planning",
    "title": "Coordinated Case Planning",
    "version": "2.0.1",
    "level": "nuts-and-bolts",
    "prerequisites": ["linkages-orientation"],
    "duration_minutes": 390,
    "programs": ["cws", "calworks"],
    "refresh_months": 36,
    "new_hire_core": True,
    "description": "A nuts-and-bolts module in which Child Welfare Services social workers and CalWORKs employment services workers practice building one coordinated plan for a shared family: obtaining consent and sharing information, running a joint case conference, and aligning the case plan with the Welfare-to-Work plan so the family has one schedule and one set of expectations.",
    "optional_sections": {"case-conference-fishbowl": "Case conference fishbowl demonstration (20 minutes)"},
    "start": (8, 30),
    "introduction": [
        ["A family served by both programs usually has two plans: the case plan written with the CWS social worker and the Welfare-to-Work plan written with the employment services worker of CalWORKs ", ("bookmark", "es_definition", "Employment ", "Services"), ". Each plan is reasonable on its own. Together they can ask a parent to be in three places at once, and the parent who cannot manage it risks both a sanction and a delayed reunification."],
        "Coordinated case planning means the two workers plan with the family and with each other: they obtain consent to share information, meet in a joint case conference or a Child and Family Team meeting (CFT), and align the activities, hours and supports in the two plans. This module teaches the steps and gives participants a full morning and afternoon of practice.",
        ["Participants should have completed Linkages Orientation: Who We Are. The module is co-trained by a ", ("b", "Child "), "Welfare Services trainer and a CalWORKs Employment Services trainer; supervisors from both programs are encouraged to attend with their staff, because coordinated plans need supervisory approval on both sides."],
    ],
    "callout": ("Four steps to a coordinated plan", [
        "1. Consent: the family signs a release that names both programs and the information to be shared.",
        "2. Conversation: the social worker and the employment services worker talk before either plan changes.",
        "3. Conference: a joint case conference or CFT with the family sets shared goals.",
        "4. Alignment: case plan activities appear on the Welfare-to-Work plan, with supports and hours agreed.",
    ]),
    "objectives": {
        "Knowledge": [
            "Explain the purpose, owner and approval process of the case plan and of the Welfare-to-Work plan.",
            "Describe what information may be shared between Child Welfare Services and CalWORKs, and under what consent.",
            "Identify case plan activities that may be approved as Welfare-to-Work activities.",
        ],
        "Skills": [
            "Obtain and document a family's informed consent to share information between the programs.",
            "Plan and co-lead a joint case conference with the family.",
            "Complete a joint case plan worksheet that aligns both plans' activities, hours and supports.",
        ],
        "Values": [
            "Respect the family as the owner of both plans.",
            "Value the other worker's mandate as legitimate, even when it conflicts with one's own.",
            "Commit to talking with the other worker before changing a plan or issuing a notice.",
        ],
    },
    "segments": [
        {"title": "Welcome and Linkages Refresher", "minutes": 25, "method": "Large group", "lead": "Both",
            "purpose": "Reconnect participants with what they learned in the orientation and set the practical focus of the day.",
            "materials": ["Agenda and objectives slides", "Sign-in sheets"],
            "steps": [
                "Both trainers welcome the group and introduce themselves with their program and current role.",
                "Ask each table to name the three workers most often involved with a Linkages family and one thing each needs from the others.",
                "Review the agenda and learning objectives. Point out that most of the day is practice.",
                "Ask: 'What gets in the way of coordinated plans in our county?' Chart the answers to revisit at the end of the day.",
            ],
            "timing": [("Welcome and introductions", 8, "Both"), ("Table refresher", 7, "CWS"), ("Agenda and barriers chart", 10, "CalWORKs")],
            "cws_note": "Expect social workers to name court timelines as a barrier. Acknowledge them; the alignment segment shows how to plan around them.",
            "calworks_note": "Expect employment services workers to name late information as a barrier. Acknowledge it; the consent segment addresses it directly.",
        },
        {"title": "Two Plans, One Family", "minutes": 45, "method": "Presentation and comparison exercise", "lead": "Both",
            "purpose": "Make sure each program understands the other plan: its purpose, its legal basis, who writes it and how it changes.",
            "materials": ["'The case plan' and 'The Welfare-to-Work plan' slides", "Comparison table slide"],
            "steps": [
                "The CWS trainer presents the case plan: written with the family, approved by the court in a dependency case, reviewed at every hearing, and tied to the reasons the family came to the attention of Child Welfare Services, usually through an Emergency Response investigation.",
                "The CalWORKs trainer presents the Welfare-to-Work plan: written after appraisal and assessment, signed by the parent and the employment services worker, with a required number of participation hours and supportive services.",
                "Tables complete a blank comparison table: owner, purpose, time frames, how it changes and what happens if the parent does not follow it.",
                "Review the completed table and highlight the two places where the plans collide most often: the parent's weekly hours and the supports (child care, transportation) that both plans assume.",
            ],
            "timing": [("The case plan", 12, "CWS"), ("The Welfare-to-Work plan", 12, "CalWORKs"), ("Comparison table at tables", 12, "Both"), ("Review", 9, "Both")],
            "cws_note": "Be precise that the court orders the case plan in a dependency case; a social worker cannot simply drop a service to make room for work.",
            "calworks_note": "Be precise that participation hours are required, and that good cause and exemptions exist for specific reasons; they are not a favor to the social worker.",
        },
        {"break": "Break", "minutes": 15},
        {"title": "Information Sharing and Consent", "minutes": 50, "method": "Presentation, case examples and practice", "lead": "CWS",
            "purpose": "Give participants a safe, practical way to share information across the programs: what may be shared, with what consent, and how to document it.",
            "materials": ["Consent slides", "The county's release of information form", "Handout: Joint Case Plan Worksheet (consent checklist)"],
            "steps": [
                "Explain why confidentiality rules exist in both programs: juvenile case files and public social services records are protected by law, and families have a right to know who learns what.",
                "Walk through the county's release of information form. Point out where it names both programs, the kinds of information and the expiration date.",
                "Present three short examples and ask tables whether the information may be shared: a Welfare-to-Work schedule, the allegations in a referral, and a parent's treatment attendance.",
                "In pairs, participants practice explaining the release to a parent in plain words, including what the parent may refuse.",
                "Summarize: share the minimum needed for the plan, document what was shared and under which release, and ask a supervisor when unsure.",
            ],
            "timing": [("Why confidentiality matters", 8, "CWS"), ("The release of information form", 10, "CalWORKs"),
                       ("Three examples at tables", 14, "Both"), ("Pair practice: explaining the release", 12, "Both"), ("Summary", 6, "CWS")],
            "cws_note": "Make clear that allegations and court reports are not shared through a Linkages release. The social worker shares what the plan needs: services, dates and attendance.",
            "calworks_note": "Make clear that the employment services worker shares the Welfare-to-Work schedule, activities and supportive services, not the family's full eligibility file.",
        },
        {"title": "Joint Case Conferences", "minutes": 45, "method": "Presentation and optional fishbowl", "lead": "CalWORKs",
            "purpose": "Show how a joint case conference is prepared, run and documented, and how it relates to the Child and Family Team meeting (CFT).",
            "materials": ["Case conference slides", "Joint case conference agenda (Appendix A)"],
            "steps": [
                "Present the difference between a joint case conference (the two workers and the family, focused on the two plans) and a CFT (the family's whole team, led by Child Welfare Services).",
                "Walk through the agenda in Appendix A: strengths, goals, each plan's requirements, conflicts, agreements and next steps.",
                "Explain preparation: confirm consent, compare calendars, and agree beforehand who opens the conference and who writes the summary.",
                "If your county keeps the optional fishbowl, run it now; otherwise show the agenda slide and discuss how each step sounds with a real family.",
            ],
            "timing": [("Conference or CFT?", 8, "CWS"), ("The agenda", 10, "CalWORKs"), ("Preparation", 7, "Both"), ("Fishbowl (optional; otherwise agenda walk-through)", 20, "Both")],
            "cws_note": "Remind participants that the family's CFT can serve as the joint case conference when the employment services worker is invited; there is no need for two meetings.",
            "calworks_note": "Encourage employment services workers to ask for an invitation to the CFT. Many social workers assume CalWORKs staff are too busy to attend.",
            "extra": [("optional", "case-conference-fishbowl", [
                ("h2", "Optional demonstration: Case Conference Fishbowl"),
                ("p", "The two trainers and one volunteer demonstrate a fifteen-minute joint case conference in the middle of the room while the other participants watch from an outer circle. The volunteer plays Tanya Brooks from Appendix B; the CWS trainer plays her social worker and the CalWORKs trainer plays her employment services worker."),
                ("h3", "How to run it"),
                ("steps", [
                    "Set up three chairs in the center and the participants' chairs in a circle around them.",
                    "Give observers one focus each: the family's voice, the use of consent, or the agreements reached.",
                    "Run the conference for fifteen minutes, following the agenda in Appendix A.",
                    "Debrief for five minutes, starting with the volunteer: how did it feel to be the parent in the middle?",
                ]),
            ])],
        },
        {"break": "Lunch: time to connect", "minutes": 45},
        {"title": "Aligning the Case Plan and the Welfare-to-Work Plan", "minutes": 60, "method": "Worked example", "lead": "Both",
            "purpose": "Teach the step-by-step method for aligning the two plans, using the Brooks family as a worked example.",
            "materials": ["Scenario: the Brooks family (Appendix B)", "Handout: Joint Case Plan Worksheet", "Alignment slides"],
            "steps": [
                "Read the Brooks family scenario and list Tanya's current obligations from both plans on a weekly calendar.",
                "Mark each case plan activity that may be approved as a Welfare-to-Work activity, such as counseling, domestic violence services or parenting education, and note what the employment services worker would need to approve it.",
                "Identify the conflicts: overlapping hours, visits during training, child care that ends when a child leaves the home, and housing. If the family's housing is at risk, note the Housing Support Program (HSP) and Bringing Families Home as referrals for the joint plan.",
                "Draft one combined weekly schedule with the room, then enter it in the worksheet: family goal, case plan activity, Welfare-to-Work activity, supports, who follows up and by when.",
                "Discuss what each worker must do to make the schedule official: a case plan update for the court and a revised Welfare-to-Work plan.",
            ],
            "timing": [("Scenario and weekly calendar", 12, "CWS"), ("Activities that may count", 12, "CalWORKs"), ("Finding the conflicts", 10, "Both"),
                       ("Drafting the combined schedule", 18, "Both"), ("Making it official", 8, "Both")],
            "cws_note": "Show how the combined schedule is reflected in the next court report, so participants see that alignment strengthens the case rather than weakening it.",
            "calworks_note": "Explain which activities your county routinely approves and what documentation is needed; avoid promising approval in the room.",
        },
        {"break": "Break", "minutes": 10},
        {"title": "Practice Lab: Building a Joint Case Plan", "minutes": 50, "method": "Role play in trios", "lead": "Both",
            "purpose": "Give every participant the experience of building a coordinated plan with a colleague from the other program and a family member (lesson 5).",
            "materials": ["Practice scenario: the Hill family (Appendix B)", "Handout: Joint Case Plan Worksheet", "Role play slide"],
            "steps": [
                "Form trios with a social worker, an employment services worker and a parent. Mixed pairs from the same county unit are ideal.",
                "Each trio reads the Hill family scenario and prepares for five minutes.",
                "Run a twenty-minute joint planning conversation and complete the worksheet together.",
                "Each trio reports one agreement and one unresolved conflict.",
                "Large-group debrief: which unresolved conflicts need a supervisor, a policy, or the Linkages coordinator?",
            ],
            "timing": [("Forming trios and preparing", 8, "Both"), ("Joint planning conversation", 20, "Both"), ("Trio report-outs", 12, "Both"), ("Large-group debrief", 10, "CWS")],
            "cws_note": "Watch for social workers who present the case plan as fixed. Prompt: which services could be scheduled differently without changing what the court ordered?",
            "calworks_note": "Watch for employment services workers who stop at 'he has to find work'. Prompt: which approved activity gets him there while he is in treatment?",
        },
        {"title": "What's in It for Me?", "minutes": 20, "method": "Discussion", "lead": "Both",
            "purpose": "Help each program's workers see the practical return on coordinated planning from their own point of view (lesson 4).",
            "materials": ["'What's in it for me?' slides"],
            "steps": [
                "Ask each program group to list the time coordinated planning costs them and the time it saves them.",
                "Each trainer presents the benefits for their own program, using the sections below.",
                "Invite one participant from each program to describe a case where coordination paid off.",
            ],
            "timing": [("Costs and savings lists", 7, "Both"), ("Benefits for each program", 8, "Both"), ("Participant examples", 5, "Both")],
            "cws_note": "Acknowledge the cost honestly: the first joint conference takes time. The saving comes at the next hearing and at case closure.",
            "calworks_note": "Acknowledge the cost honestly: coordinating takes calls. The saving comes from fewer notices, sanctions and re-engagements.",
            "extra": wiifm_blocks(CASE_PLANNING_WIIFM),
        },
        {"title": "Our County's Linkages Team", "minutes": 15, "method": "Presentation", "lead": "Linkages coordinator",
            "purpose": "Show participants whom to call in the county when a coordinated plan needs help, and how coordinated plans have worked locally (lesson 6).",
            "materials": ["Organization chart, contacts and stories slides"],
            "steps": [
                "Show who approves coordinated plans in each program, including the supervisors who sign off.",
                "Review the local contacts, especially the liaisons for consent questions.",
                "Share a local success story about a coordinated plan.",
            ],
            "timing": [("Who's who in our county", 5, "Linkages coordinator"), ("Local contacts", 4, "Both"), ("Local success story", 6, "Both")],
            "cws_note": "Point out which CWS supervisors have approved joint plans before; new social workers often do not know whom to ask.",
            "calworks_note": "Point out the Employment Services supervisors who approve case plan activities as Welfare-to-Work activities.",
            "extra": local_team_blocks(
                "The chart shows who supervises and approves coordinated plans in Child Welfare Services and in CalWORKs.",
                "Use these contacts for questions about consent, joint case conferences and plan approvals.",
                "These stories show coordinated plans that worked for families in our county. Names are changed."),
        },
        {"title": "Closing and Evaluation", "minutes": 10, "method": "Large group", "lead": "Both",
            "purpose": "Return to the barriers charted in the morning and close with commitments and the evaluation.",
            "materials": ["Barriers chart from Segment 1", "Evaluation forms"],
            "steps": [
                "Revisit the barriers chart and mark the ones the day addressed.",
                "Each participant names one family on their caseload for whom they will request a joint case conference.",
                "Announce the advanced module, Serving Linkages Families Experiencing Homelessness, and collect evaluations.",
            ],
            "timing": [("Barriers chart", 4, "CWS"), ("Commitments", 3, "CalWORKs"), ("Evaluation", 3, "Both")],
            "cws_note": "Offer to forward unresolved policy questions to the Linkages coordinator and say when participants will hear back.",
            "calworks_note": "Thank participants and remind them that the worksheet is available from the Linkages coordinator.",
        },
    ],
    "appendices": [
        ("Appendix A: Joint Case Conference Agenda", [
            ("p", "Use this agenda for a conference of 45 to 60 minutes with the parent, the social worker and the employment services worker. Other team members may join with the family's consent."),
            ("table", ["Item", "Minutes", "Led by"], [
                ("Welcome, purpose and consent check", "5", "Social worker"),
                ("Family's strengths and goals, in the parent's words", "10", "Parent, with both workers"),
                ("What the case plan requires, and by when", "8", "Social worker"),
                ("What the Welfare-to-Work plan requires, and the supports available", "8", "Employment services worker"),
                ("Conflicts in hours, places and supports", "10", "Both"),
                ("Agreements and the combined weekly schedule", "10", "Both"),
                ("Next steps: who updates which plan; next conference date", "4", "Employment services worker"),
            ]),
            ("h2", "After the conference"),
            ("bullets", [
                "The social worker documents the agreements in the case record and reflects them in the next case plan update.",
                "The employment services worker revises the Welfare-to-Work plan and authorizes the supportive services agreed.",
                "Both workers send the parent a copy of the combined weekly schedule.",
            ]),
        ]),
        ("Appendix B: Scenarios", [
            ("h2", "Worked example: the Brooks family"),
            ("p", "Tanya Brooks, 31, has two children, Jaylen (9) and Amira (4). After a domestic violence incident in which the children were present, both children were placed with their maternal grandmother, and the court ordered Family Reunification services. Tanya's case plan requires a domestic violence support group twice a week, individual counseling once a week, a parenting class and three supervised visits a week."),
            ("p", "Tanya receives CalWORKs and is enrolled in a 30-hour-a-week medical billing program under her Welfare-to-Work plan. Her training runs weekdays from 8:00 a.m. to 2:30 p.m.; two of the visits and one support group fall within those hours. Her eligibility worker has asked for information about the children's absence from the home."),
            ("h2", "Practice lab: the Hill family"),
            ("p", "Marcus Hill, 38, is the single father of twins, Zoe and Zack (5). The family has a Family Maintenance case after a referral about Marcus's drinking; his case plan requires outpatient substance use treatment three evenings a week and random testing. Marcus receives CalWORKs and his Welfare-to-Work plan is job search. He has just been offered a warehouse job on the night shift, which conflicts with treatment and leaves nobody to care for the twins at night."),
        ]),
    ],
    "references": [
        "California Welfare and Institutions Code section 16501.1: the case plan in Child Welfare Services.",
        "California Welfare and Institutions Code section 11325.21: the Welfare-to-Work plan.",
        "The county's release of information form and Linkages confidentiality policy.",
    ],
    "materials": [("The county's release of information form", "1 per participant"), ("Three chairs for the fishbowl (optional section)", "3"),
                  ("Blank comparison tables for Segment 2", "1 per table")],
    "handouts": [{
        "file": "handout-joint-case-plan-worksheet.docx",
        "title": "Joint Case Plan Worksheet",
        "use": "Segments 3, 5 and 6. Also for use with families after the training.",
        "blocks": [
            ("p", "Complete this worksheet with the parent during a joint case conference or Child and Family Team meeting (CFT). The social worker keeps a copy with the case plan and the employment services worker with the Welfare-to-Work plan."),
            ("table", ["Family", "Social worker (CWS)", "Employment services worker", "Conference date"], [("", "", "", "")]),
            ("h2", "Consent checklist"),
            ("table", ["Check", "Before sharing information"], [
                ("☐", "A signed release names Child Welfare Services and CalWORKs."),
                ("☐", "The release lists the kinds of information to be shared, and it has not expired."),
                ("☐", "The parent was told in plain words what will be shared and what may be refused."),
                ("☐", "What was shared, when and under which release is documented in both records."),
            ]),
            ("h2", "Aligned plan"),
            ("table", ["Family goal", "Case plan activity", "Welfare-to-Work activity", "Supports needed", "Who follows up", "By when"],
             [("", "", "", "", "", "")] * 5),
            ("h2", "Combined weekly schedule"),
            ("table", ["", "Mon", "Tue", "Wed", "Thu", "Fri"], [("Morning", "", "", "", "", ""), ("Afternoon", "", "", "", "", ""), ("Evening", "", "", "", "", "")]),
            ("p", "Next joint case conference: ____________________    Plans updated by: ____________________"),
        ],
    }],
    "slides": [
        {"kind": "marker", "marker": "cobrand", "notes": [
            "CWS co-facilitator: Welcome participants and ask them to sit with at least one person from the other program.",
            "CalWORKs co-facilitator: Check that everyone completed Linkages Orientation; note anyone who has not, for follow-up by the Linkages coordinator."]},
        {"kind": "agenda", "title": "Today's Agenda", "notes": [
            "CalWORKs co-facilitator: Walk through the agenda and point out that most of the afternoon is practice.",
            "CWS co-facilitator: Mention the lunch hour as time to connect, and ask participants to eat with someone they could plan a case with."]},
        {"kind": "bullets", "title": "Learning Objectives", "bullets": [
            "Explain the case plan and the Welfare-to-Work plan side by side", "Share information safely, with the family's informed consent",
            "Plan and co-lead a joint case conference", "Align activities, hours and supports in one weekly schedule"], "notes": [
            "CWS co-facilitator: Read the objectives and connect them to the barriers participants named in the refresher.",
            "CalWORKs co-facilitator: Point out that the worksheet used today is the same one participants can use with families next week."]},
        {"kind": "bullets", "title": "Why Coordinate the Plans?", "bullets": [
            "Two reasonable plans can add up to an impossible week", "Missed services delay Family Reunification",
            "Missed Welfare-to-Work hours lead to notices and sanctions", "One coordinated plan: one schedule, shared supports, clear expectations"], "notes": [
            "CalWORKs co-facilitator: Ask who has seen a parent sanctioned for missing WTW activities while attending court-ordered services.",
            "CWS co-facilitator: Ask who has seen a reunification delayed because a parent could not attend services during work or training hours."]},
        {"kind": "bullets", "title": "The Case Plan", "bullets": [
            "Written by the social worker with the family", "Ordered by the court in a dependency case",
            "Tied to the reasons the family came to Child Welfare Services", "Reviewed at every hearing; changes go through the court",
            "Discussed at the Child and Family Team meeting (CFT)"], "notes": [
            "CWS co-facilitator: Present the case plan and stress that a court-ordered service cannot be dropped to make room for work, but it can often be scheduled differently.",
            "CalWORKs co-facilitator: Ask one clarifying question about how often the case plan is reviewed."]},
        {"kind": "bullets", "title": "The Welfare-to-Work Plan", "bullets": [
            "Written after appraisal and assessment", "Signed by the parent and the employment services worker",
            "Required participation hours in approved activities", "Supportive services: child care, transportation, work expenses",
            "Good cause, exemptions and Family Stabilization for hard times"], "notes": [
            "CalWORKs co-facilitator: Present the Welfare-to-Work plan and explain which activities may be approved, including counseling and treatment.",
            "CWS co-facilitator: Ask how quickly the plan can be revised when a case plan changes."]},
        {"kind": "table", "title": "Case Plan and Welfare-to-Work Plan Side by Side", "header": ["", "Case plan", "Welfare-to-Work plan"], "rows": [
            ("Owner", "Social worker (CWS), with the family", "Employment services worker, with the parent"),
            ("Purpose", "Child safety, reunification, permanency", "Employment and self-sufficiency"),
            ("Approved by", "The court, in a dependency case", "The parent and the county welfare department"),
            ("If not followed", "Reported to the court; reunification may be delayed", "Good cause review; possible sanction"),
            ("Where they collide", "Hours and supports", "Hours and supports")], "notes": [
            "CWS co-facilitator: Walk through the case plan column and let participants compare it with what they wrote at their tables.",
            "CalWORKs co-facilitator: Walk through the Welfare-to-Work plan column and point out the last row: hours and supports are where coordination pays off."]},
        {"kind": "bullets", "title": "Information Sharing and Consent", "bullets": [
            "Both programs protect family information by law", "A signed release names both programs and what may be shared",
            "Share the minimum the plan needs: services, dates, attendance, schedules",
            "Never share allegations or court reports through a Linkages release", "Document what was shared, when and under which release"], "notes": [
            "CWS co-facilitator: Explain why confidentiality rules exist in both programs and walk through the county's release form.",
            "CalWORKs co-facilitator: Give the three examples and ask tables whether each may be shared, then practice explaining the release to a parent."]},
        {"kind": "bullets", "title": "Joint Case Conference or CFT?", "bullets": [
            "Joint case conference: the parent and both workers, focused on the two plans",
            "Child and Family Team meeting: the family's whole team, led by CWS",
            "Invite the employment services worker to the CFT and it can serve as both",
            "Prepare: consent, calendars, who opens, who writes the summary"], "notes": [
            "CalWORKs co-facilitator: Encourage employment services workers to ask for an invitation to the CFT.",
            "CWS co-facilitator: Reassure social workers that inviting CalWORKs to the CFT saves a meeting rather than adding one."]},
        {"kind": "bullets", "title": "Fishbowl: A Joint Case Conference", "bullets": [
            "Inner circle: the parent, the social worker, the employment services worker", "Outer circle: observers, each with one focus",
            "Focus 1: the family's voice", "Focus 2: the use of consent", "Focus 3: the agreements reached"], "notes": [
            marker("optional case-conference-fishbowl"),
            "CWS co-facilitator: Set up the chairs and brief the volunteer who plays Tanya Brooks; you play her social worker.",
            "CalWORKs co-facilitator: Assign the observer focuses, then play the employment services worker for fifteen minutes, following the agenda in Appendix A."]},
        {"kind": "bullets", "title": "Fishbowl Debrief", "bullets": [
            "Parent first: how did it feel to sit in the middle?", "What did the observers notice about the family's voice?",
            "Was the consent used well?", "Which agreements would hold up next week?"], "notes": [
            "CalWORKs co-facilitator: Start the debrief with the volunteer, then hear each observer group.",
            "CWS co-facilitator: Close by naming one thing you would do differently with a real family.",
            marker("end optional case-conference-fishbowl")]},
        {"kind": "bullets", "title": "Time to Connect", "bullets": [
            "Lunch with someone from the other program", "Exchange direct phone numbers", "Name one family you could plan together",
            "Agree on when you will call each other"], "notes": [
            "CalWORKs co-facilitator: Before lunch, ask everyone to eat with someone from the other program they could plan a case with; relationships built here carry back to the job.",
            "CWS co-facilitator: Ask pairs to agree on a date to call each other about a real family, with consent in place."]},
        {"kind": "scenario", "title": "Worked Example: The Brooks Family", "story": [
            "Tanya Brooks, 31: Jaylen (9) and Amira (4) live with their grandmother after a domestic violence incident. Family Reunification services are ordered.",
            "Case plan: a support group twice a week, counseling weekly, a parenting class, three supervised visits a week.",
            "Welfare-to-Work plan: a 30-hour medical billing program, weekdays 8:00 a.m. to 2:30 p.m. Two visits and one group fall inside training hours."],
            "roles_title": "Together", "roles": [
            "Put both plans on one weekly calendar",
            "Mark case plan activities that may count for WTW",
            "Find the conflicts in hours and supports",
            "Draft one schedule Tanya can keep"], "notes": [
            "CWS co-facilitator: Read the scenario and build the weekly calendar with the room.",
            "CalWORKs co-facilitator: Mark the case plan activities that may be approved as Welfare-to-Work activities and say what documentation you would need.",
            "Both: Draft the combined schedule on the flip chart and enter it in the worksheet."]},
        {"kind": "bullets", "title": "Aligning the Plans Step by Step", "bullets": [
            "1. List every obligation from both plans on one weekly calendar", "2. Mark case plan activities that may count toward WTW hours",
            "3. Find conflicts: hours, places, child care, transportation", "4. Agree on one schedule with the parent",
            "5. Make it official: case plan update and revised Welfare-to-Work plan"], "notes": [
            "CalWORKs co-facilitator: Summarize the five steps from the worked example.",
            "CWS co-facilitator: Stress step five: nothing is aligned until both plans say the same thing in writing."]},
        {"kind": "scenario", "title": "Practice Lab: The Hill Family", "story": [
            "Marcus Hill, 38, single father of twins Zoe and Zack (5). Family Maintenance case; the case plan requires outpatient treatment three evenings a week and random testing.",
            "His Welfare-to-Work plan is job search. He has just been offered a night-shift warehouse job, which conflicts with treatment and leaves the twins without care at night."],
            "roles_title": "Trios", "roles": [
            "Social worker (CWS participant)",
            "Employment services worker (CalWORKs participant)",
            "Marcus (any participant)",
            "Complete the Joint Case Plan Worksheet in 20 minutes"], "notes": [
            "CWS co-facilitator: Form trios and give them five minutes to prepare; then start the twenty-minute conversation.",
            "CalWORKs co-facilitator: Circulate and prompt employment services workers to look beyond 'he has to find work' to approved activities that fit treatment."]},
        {"kind": "bullets", "title": "What's in It for Me? Child Welfare Services", "bullets": [
            "A case plan the parent can actually follow", "Child care and transportation through the Welfare-to-Work plan",
            "One place to hear about income, work and housing", "Steadier progress to report to the court"], "notes": program_notes("cws",
            "CWS co-facilitator: Present these benefits and share a case where a coordinated plan led to an earlier reunification.",
            "CalWORKs co-facilitator: Ask social workers which of these benefits they would use first.")},
        {"kind": "bullets", "title": "What's in It for Me? CalWORKs", "bullets": [
            "Case plan activities that can count toward participation hours",
            "Early warning of a crisis: good cause or Family Stabilization instead of a sanction", "Fewer notices, sanctions and re-engagements",
            "Families who reach work with fewer starts and stops"], "notes": program_notes("calworks",
            "CalWORKs co-facilitator: Present these benefits and share a case where a coordinated plan avoided a sanction.",
            "CWS co-facilitator: Ask employment services workers which of these benefits they would use first.")},
        {"kind": "marker", "marker": "orgchart", "notes": [
            "Linkages coordinator or CalWORKs co-facilitator: Show who approves coordinated plans in each program.",
            "CWS co-facilitator: Point out the supervisors who have signed off on joint plans before."]},
        {"kind": "marker", "marker": "contacts", "notes": [
            "CWS co-facilitator: Review the contacts, especially the liaisons for consent questions.",
            "CalWORKs co-facilitator: Remind participants that the Linkages coordinator can help when a release or a plan approval is stuck."]},
        {"kind": "marker", "marker": "stories", "notes": [
            "CalWORKs co-facilitator: Tell a local story about a coordinated plan, with first names or pseudonyms only.",
            "CWS co-facilitator: Ask the room what made the plan work and what they would copy."]},
        {"kind": "bullets", "title": "Thank You: Commitments and Evaluation", "bullets": [
            "Name one family for whom you will request a joint case conference", "Use the Joint Case Plan Worksheet",
            "Next module: Serving Linkages Families Experiencing Homelessness", "Please complete the evaluation"], "notes": [
            "CWS co-facilitator: Revisit the barriers chart from the morning and mark the ones the day addressed.",
            "CalWORKs co-facilitator: Collect commitments and evaluations, and announce the advanced module on families experiencing homelessness."]},
    ],
}

# --------------------------------------------------------------------------------------
# Module 3: families-experiencing-homelessness (level: advanced)
# --------------------------------------------------------------------------------------

HOUSING_WIIFM = {
    "cws": [
        "Housing is one of the most common reasons a safe reunification is delayed. CalWORKs can bring the Housing Support Program (HSP), homeless assistance and Family Stabilization to a family your case plan already serves.",
        "A family housed through a joint plan is less likely to come back to Emergency Response, and the placement you worked hard to end stays ended.",
        "When Bringing Families Home and HSP are coordinated, the housing search starts before the court is ready to return the children, not after.",
    ],
    "calworks": [
        "Families experiencing homelessness are among the hardest to engage in Welfare-to-Work. The social worker is often in contact with the parent when nobody else can reach them.",
        "Bringing Families Home can house families whose children are in care, a group CalWORKs housing help may not fully reach on its own.",
        "A stably housed family can participate. Coordinated housing plans turn Family Stabilization into a bridge to work rather than a pause.",
    ],
}

HOUSING = {
    "id": "families-experiencing-homelessness",
    "title": "Serving Linkages Families Experiencing Homelessness",
    "version": "1.0.0",
    "level": "advanced",
    "prerequisites": ["coordinated-case-planning"],
    "duration_minutes": 300,
    "programs": ["cws", "calworks"],
    "refresh_months": 36,
    "new_hire_core": False,
    "description": "An advanced module for Child Welfare Services and CalWORKs staff serving families who are experiencing homelessness or housing instability. Participants learn how the Housing Support Program (HSP), Bringing Families Home and Family Stabilization fit together, how housing becomes a barrier to reunification, and how to plan jointly so that the family's housing, case plan and Welfare-to-Work plan move forward together.",
    "optional_sections": {"housing-resource-walk": "Housing resource walk: a gallery walk of local housing resources (20 minutes)"},
    "start": (9, 0),
    "introduction": [
        "Families experiencing homelessness are over-represented in both Child Welfare Services and CalWORKs. Homelessness alone is not a reason to remove a child, but the conditions that come with it, such as unsafe sleeping places, missed school and untreated illness, often bring families to the attention of Emergency Response. Once children are in care, the lack of safe, stable housing is one of the most common reasons a Family Reunification case stalls.",
        ["Both programs now hold housing resources. CalWORKs offers homeless assistance, the Housing Support Program (HSP) and Family Stabilization through Employment Services; Child Welfare Services may refer families to Bringing Families Home. Each resource has its own eligibility rules and referral path, and a family may qualify for more than one. The ", ("spell", "social wor", "ker"), " and the ", ("bookmark", "housing_partners", "employment services ", "worker"), " who know both programs can combine them into one housing plan."],
        ["This advanced module assumes participants have completed Coordinated Case Planning. It is co-trained by a ", ("b", "Child "), "Welfare Services trainer and a CalWORKs trainer, and works best when a local housing partner, such as an HSP or Bringing Families Home provider, joins for the resource segments."],
    ],
    "callout": ("Housing first, together", [
        "Ask every family in both programs about housing at every contact.",
        "Refer early: housing searches take longer than court timelines allow.",
        "Combine resources: HSP, Bringing Families Home and Family Stabilization are designed to work together, not to compete.",
        "Plan housing at the Child and Family Team meeting (CFT), with the employment services worker at the table.",
    ]),
    "objectives": {
        "Knowledge": [
            "Describe how homelessness and housing instability affect child safety, reunification and Welfare-to-Work participation.",
            "Explain the purpose, eligibility and referral path of the Housing Support Program (HSP), Bringing Families Home and Family Stabilization.",
            "Identify the housing-related barriers that most often delay Family Reunification.",
        ],
        "Skills": [
            "Screen a family for housing instability using questions both programs can ask.",
            "Build a joint housing plan that combines CWS and CalWORKs resources.",
            "Lead a housing discussion in a Child and Family Team meeting with the family and both workers.",
        ],
        "Values": [
            "Recognize that homelessness is a condition of poverty, not a measure of a parent's love or capacity.",
            "Respect the family's own choices about where and how to live.",
            "Commit to early, joint housing referrals rather than sequential ones.",
        ],
    },
    "segments": [
        {"title": "Welcome and Grounding", "minutes": 20, "method": "Large group", "lead": "Both",
            "purpose": "Open the module with the family's experience of homelessness and set a respectful tone for the day.",
            "materials": ["Agenda and objectives slides", "Sign-in sheets"],
            "steps": [
                "Both trainers welcome the group and introduce any housing partners present.",
                "Ask participants to think silently of a family they served who had no stable place to live, and what that family's mornings were like.",
                "Invite two or three volunteers to share one word about that family's daily life.",
                "Review the agenda and objectives, and point out the joint housing staffing in the afternoon.",
            ],
            "timing": [("Welcome and introductions", 6, "Both"), ("Silent reflection and one-word share", 8, "CWS"), ("Agenda and objectives", 6, "CalWORKs")],
            "cws_note": "Model respectful language: 'families experiencing homelessness', not 'the homeless'.",
            "calworks_note": "Mention that many CalWORKs participants have experienced homelessness at some point; some participants may have, too. Invite them to share only what they choose.",
        },
        {"title": "Housing and Child Welfare: What We Know", "minutes": 35, "method": "Presentation and discussion", "lead": "CWS",
            "purpose": "Ground participants in how housing instability interacts with child safety, reunification and participation in Welfare-to-Work.",
            "materials": ["'Housing and child welfare' slide"],
            "steps": [
                "Explain that homelessness alone is not a basis for removal, and describe the safety concerns that may accompany it.",
                "Describe how housing becomes a reunification barrier: a parent who has completed every service but has no place the children can live.",
                "Describe how homelessness disrupts Welfare-to-Work: missed mail, lost documents, no place to rest before a shift, no stable child care.",
                "Ask tables to list the housing questions each program already asks families, and where the two lists overlap.",
            ],
            "timing": [("Homelessness and safety", 9, "CWS"), ("Housing as a reunification barrier", 9, "CWS"), ("Homelessness and Welfare-to-Work", 8, "CalWORKs"), ("Table discussion", 9, "Both")],
            "cws_note": "Be careful not to present statistics you cannot source. Local data from the Linkages coordinator is more persuasive than national numbers.",
            "calworks_note": "Describe the paperwork burden concretely: a family living in a car cannot easily receive a notice or keep a verification.",
        },
        {"title": "The Housing Toolbox: HSP, Bringing Families Home and Family Stabilization", "minutes": 50, "method": "Presentation and comparison", "lead": "CalWORKs",
            "purpose": "Teach the purpose, eligibility and referral path of the main housing resources in both programs, and how they combine.",
            "materials": ["Housing resource slides", "Handout: Housing Resource Map"],
            "steps": [
                "Present CalWORKs homeless assistance: temporary shelter payments and help with move-in costs, requested through the eligibility worker.",
                "Present the Housing Support Program (HSP): rapid re-housing, rental assistance, housing navigation and case management for CalWORKs families who are homeless or at risk, offered at the county's discretion.",
                "Present Family Stabilization: intensive case management through Employment Services for a family in crisis, including homelessness, before or alongside Welfare-to-Work activities.",
                "Present Bringing Families Home: housing support for families receiving child welfare services, in Family Maintenance or Family Reunification, who are homeless or at risk, when housing will make reunification possible or prevent a removal.",
                "Walk through the Housing Resource Map handout and ask: which resources could one family use at the same time?",
            ],
            "timing": [("Homeless assistance", 8, "CalWORKs"), ("Housing Support Program", 12, "CalWORKs"), ("Family Stabilization", 8, "CalWORKs"),
                       ("Bringing Families Home", 12, "CWS"), ("Combining resources", 10, "Both")],
            "cws_note": "Explain your county's referral path to Bringing Families Home and who decides eligibility, including the role of the court.",
            "calworks_note": "Explain your county's HSP referral path and the local housing providers. Do not promise a housing outcome; HSP is a service, not an entitlement.",
        },
        {"break": "Break", "minutes": 15},
        {"title": "Housing as a Barrier to Reunification", "minutes": 40, "method": "Case study and discussion", "lead": "CWS",
            "purpose": "Help participants recognize and act on housing barriers early in a Family Reunification case, before they delay a return home.",
            "materials": ["Scenario: the Dawson family (Appendix B)", "Scenario slide"],
            "steps": [
                "Read the Dawson family scenario aloud.",
                "Tables list every barrier between Crystal and the return of her children, and mark the ones that are about housing.",
                "For each housing barrier, tables name the resource and the worker who could address it, and when the referral should have been made.",
                "Debrief: what would have changed if the housing referrals had been made in the first month of the case?",
            ],
            "timing": [("Scenario", 5, "CWS"), ("Listing barriers", 12, "Both"), ("Resources and timing", 13, "Both"), ("Debrief", 10, "CWS")],
            "cws_note": "Name the tension openly: social workers may hesitate to make housing a case plan requirement, yet the court will ask where the children will live.",
            "calworks_note": "Point out what happens to the family's CalWORKs case while the children are in care, and why the eligibility worker needs to hear about the case plan early.",
        },
        {"break": "Break: time to connect", "minutes": 20},
        {"title": "Joint Housing Staffing", "minutes": 55, "method": "Role play", "lead": "Both",
            "purpose": "Practice a joint housing staffing in which the social worker, the employment services worker and the family build one housing plan (lesson 5).",
            "materials": ["Scenario: the Dawson family (Appendix B)", "Role cards", "Handout: Housing Resource Map"],
            "steps": [
                "Form groups of four: the social worker, the employment services worker, Crystal Dawson and an observer.",
                "Groups prepare for five minutes using the resource map.",
                "Run a twenty-minute staffing that ends with a written housing plan: resources, referrals, who does what and by when.",
                "Each group reports its plan in two minutes; the trainers list the resources each group used.",
                "Debrief: which referrals could happen the same week, and which depend on the court or on available units?",
            ],
            "timing": [("Forming groups and preparing", 8, "Both"), ("Housing staffing", 20, "Both"), ("Group report-outs", 15, "Both"), ("Debrief", 12, "CalWORKs")],
            "cws_note": "Coach social workers to connect the housing plan to the case plan so the court sees one story.",
            "calworks_note": "Coach employment services workers to connect the housing plan to the Welfare-to-Work plan, using Family Stabilization where the crisis makes regular activities unrealistic.",
        },
        {"title": "Mapping Local Housing Resources", "minutes": 25, "method": "Gallery walk (optional) or presentation", "lead": "Both",
            "purpose": "Make the county's housing resources concrete: where they are, who runs them and how to reach them.",
            "materials": ["Handout: Housing Resource Map", "Resource posters for the optional walk"],
            "steps": [
                "Explain that each county's housing resources differ, and that the resource map should be completed with local information.",
                "If your county keeps the optional resource walk, run it now; otherwise present the local resources from the handout.",
                "Each participant adds one local resource they know to the map.",
            ],
            "timing": [("Introduction", 3, "Both"), ("Resource walk (optional; otherwise presentation)", 20, "Both"), ("Adding to the map", 2, "Both")],
            "cws_note": "Add the local Bringing Families Home provider and the child welfare housing liaison, if there is one.",
            "calworks_note": "Add the local HSP provider, the homeless assistance contact and the Family Stabilization unit.",
            "extra": [("optional", "housing-resource-walk", [
                ("h2", "Optional activity: Housing Resource Walk"),
                ("p", "Post six sheets around the room, one for each resource: homeless assistance, the Housing Support Program (HSP), Family Stabilization, Bringing Families Home, the local coordinated entry system, and family shelters. Each sheet has three questions: who is eligible, how do I refer, and what is the wait?"),
                ("h3", "How to run it"),
                ("steps", [
                    "Mixed pairs rotate every three minutes and add what they know to each sheet.",
                    "A housing partner, if present, corrects or adds to each sheet at the end.",
                    "The Linkages coordinator collects the sheets to update the county's resource map.",
                ]),
            ])],
        },
        {"title": "What's in It for Me?", "minutes": 20, "method": "Discussion", "lead": "Both",
            "purpose": "Help each program see the return on joint housing work from its own point of view (lesson 4).",
            "materials": ["'What's in it for me?' slides"],
            "steps": [
                "Ask each program group: which of your outcomes depends most on a family's housing?",
                "Each trainer presents the benefits for their own program, using the sections below.",
                "Close with one example from each program.",
            ],
            "timing": [("Program groups", 7, "Both"), ("Benefits for each program", 8, "Both"), ("Examples", 5, "Both")],
            "cws_note": "Connect housing to the outcomes social workers are measured on: timely reunification and no re-entry.",
            "calworks_note": "Connect housing to the outcomes employment services workers are measured on: participation and employment.",
            "extra": wiifm_blocks(HOUSING_WIIFM),
        },
        {"title": "Our County's Housing Partners", "minutes": 10, "method": "Presentation", "lead": "Linkages coordinator",
            "purpose": "Show whom to call in the county for housing referrals and how joint housing work has helped local families (lesson 6).",
            "materials": ["Organization chart, contacts and stories slides"],
            "steps": [
                "Show where housing services sit in each program.",
                "Review the housing contacts.",
                "Share one local story of a family housed through a joint plan.",
            ],
            "timing": [("Who's who in our county", 3, "Linkages coordinator"), ("Local contacts", 3, "Both"), ("Local success story", 4, "Both")],
            "cws_note": "Name the person who makes Bringing Families Home referrals in your county.",
            "calworks_note": "Name the person who makes HSP referrals in your county.",
            "extra": local_team_blocks(
                "The chart shows the Child Welfare Services and CalWORKs units that handle housing referrals.",
                "Use these contacts for HSP, Bringing Families Home, Family Stabilization and homeless assistance questions.",
                "These stories describe families in our county who found housing through a joint plan. Names are changed."),
        },
        {"title": "Closing and Evaluation", "minutes": 10, "method": "Large group", "lead": "Both",
            "purpose": "Close with a commitment to early, joint housing referrals and collect the evaluation.",
            "materials": ["Evaluation forms"],
            "steps": [
                "Each participant names one family on their caseload whose housing they will raise with their counterpart this week.",
                "Remind participants that the Linkages modules are repeated, and that the resource map will be updated with today's additions.",
                "Collect evaluations.",
            ],
            "timing": [("Commitments", 4, "Both"), ("Next steps", 2, "CWS"), ("Evaluation", 4, "CalWORKs")],
            "cws_note": "Thank any housing partners who attended by name.",
            "calworks_note": "Thank participants and tell them when the updated resource map will be sent.",
        },
    ],
    "appendices": [
        ("Appendix A: Housing Resources Compared", [
            ("table", ["Resource", "Program", "Serves", "Typical help"], [
                ("Homeless assistance", "CalWORKs", "CalWORKs families who are homeless or facing eviction", "Temporary shelter payments; move-in costs or back rent"),
                ("Housing Support Program (HSP)", "CalWORKs", "CalWORKs families experiencing or at risk of homelessness", "Rapid re-housing, rental assistance, housing navigation, case management"),
                ("Family Stabilization", "CalWORKs Employment Services", "Families in a crisis that makes Welfare-to-Work participation unrealistic", "Intensive case management and services, which may include housing"),
                ("Bringing Families Home", "Child Welfare Services", "Families receiving child welfare services who are homeless or at risk", "Housing support when housing will allow reunification or prevent removal"),
            ]),
            ("p", "Availability, funding and referral paths differ from county to county. Complete the Housing Resource Map handout with local details."),
        ]),
        ("Appendix B: Scenario — The Dawson Family", [
            ("p", "Crystal Dawson, 24, and her sons Eli (7) and Noah (1) were evicted two months ago after her hours at a grocery store were cut. They stayed with friends, then slept in Crystal's car. After Eli missed two weeks of school, the school counselor called the hotline."),
            ("p", "The Emergency Response social worker found the children hungry and Noah with an untreated ear infection. Eli and Noah were placed with a resource family, and the court ordered Family Reunification services. Crystal has attended every parenting class and visit, and works twenty hours a week. Her case plan requires safe, stable housing before the children return."),
            ("p", "Crystal's CalWORKs case is under review while the children are out of the home. Her Welfare-to-Work plan, written before the eviction, still lists a job search schedule she has not been able to follow. No one has yet referred her to the Housing Support Program or to Bringing Families Home."),
            ("h2", "Role cards for the joint housing staffing"),
            ("bullets", [
                "Social worker: you want the children home by the six-month review and know the court will ask where they will live.",
                "Employment services worker: you can refer to HSP and Family Stabilization and can revise the Welfare-to-Work plan.",
                "Crystal: you want your boys back; you are tired of telling your story to new people.",
                "Observer: note which resources were combined and whether Crystal's voice shaped the plan.",
            ]),
        ]),
    ],
    "references": [
        "California Welfare and Institutions Code section 11330.5: CalWORKs Housing Support Program.",
        "California Welfare and Institutions Code sections 16523 and 16523.1: Bringing Families Home program.",
        "California Welfare and Institutions Code section 11325.24: Family Stabilization.",
        "California Department of Social Services, Housing and Homelessness programs pages, cdss.ca.gov.",
    ],
    "materials": [("Resource posters for the housing resource walk (optional section)", "6"), ("Role cards for the Dawson family staffing", "1 set per group"),
                  ("Local housing provider brochures", "1 set per table")],
    "handouts": [{
        "file": "handout-housing-resource-map.docx",
        "title": "Housing Resource Map",
        "use": "Segments 3, 5 and 6. Participants complete the local columns.",
        "blocks": [
            ("p", "Use this map with your counterpart in the other program to plan housing for a Linkages family. Complete the last two columns with your county's information."),
            ("table", ["Resource", "Ask", "Who can refer", "Local provider", "Phone"], [
                ("Homeless assistance", "The eligibility worker", "CalWORKs", "", ""),
                ("Housing Support Program (HSP)", "The employment services worker", "CalWORKs", "", ""),
                ("Family Stabilization", "The employment services worker", "CalWORKs Employment Services", "", ""),
                ("Bringing Families Home", "The social worker", "Child Welfare Services", "", ""),
                ("Coordinated entry and shelters", "Either worker", "Anyone, with the family's consent", "", ""),
            ]),
            ("h2", "Steps for a joint housing referral"),
            ("steps", [
                "Ask the family about housing at every contact, in both programs.",
                "Confirm the family's consent to share housing information between Child Welfare Services and CalWORKs.",
                "Call your counterpart the same day a housing crisis comes up.",
                "Make the referrals that fit, at the same time rather than one after another.",
                "Bring the housing plan to the next Child and Family Team meeting (CFT), and put it in both the case plan and the Welfare-to-Work plan.",
            ]),
            ("h2", "Notes"),
            ("p", "______________________________________________________________________________"),
            ("p", "______________________________________________________________________________"),
        ],
    }],
    "slides": [
        {"kind": "marker", "marker": "cobrand", "notes": [
            "CWS co-facilitator: Welcome participants and introduce any housing partners in the room.",
            "CalWORKs co-facilitator: Check that participants completed Coordinated Case Planning; this module builds on it."]},
        {"kind": "agenda", "title": "Today's Agenda", "notes": [
            "CalWORKs co-facilitator: Walk through the agenda and point out the joint housing staffing after lunch.",
            "CWS co-facilitator: Note that the long break before the staffing is time to connect, including with the housing partners."]},
        {"kind": "bullets", "title": "Learning Objectives", "bullets": [
            "Describe how housing instability affects safety, reunification and WTW", "Explain HSP, Bringing Families Home and Family Stabilization",
            "Build a joint housing plan with the family", "Lead a housing discussion in a CFT"], "notes": [
            "CWS co-facilitator: Read the objectives and connect them to the families participants thought of during the grounding exercise.",
            "CalWORKs co-facilitator: Point out that the handout, the Housing Resource Map, will be completed with local information today."]},
        {"kind": "bullets", "title": "Housing and Child Welfare: What We Know", "bullets": [
            "Homelessness alone is not a reason to remove a child", "Conditions that come with it can raise safety concerns",
            "Lack of housing often delays Family Reunification", "Homelessness disrupts Welfare-to-Work participation",
            "Both programs ask about housing, in different words"], "notes": [
            "CWS co-facilitator: Present the first three points, using local data from the Linkages coordinator if available.",
            "CalWORKs co-facilitator: Present the impact on Welfare-to-Work: missed mail, lost documents, no stable child care."]},
        {"kind": "bullets", "title": "CalWORKs Homeless Assistance and the Housing Support Program", "bullets": [
            "Homeless assistance: temporary shelter and move-in help, through the eligibility worker",
            "Housing Support Program (HSP): rapid re-housing and rental assistance", "HSP housing navigation and case management",
            "HSP is a service offered at county discretion, not an entitlement"], "notes": [
            "CalWORKs co-facilitator: Present homeless assistance and HSP, and describe the county's HSP referral path and providers.",
            "CWS co-facilitator: Ask how a social worker can tell whether a family is already enrolled in HSP."]},
        {"kind": "bullets", "title": "Family Stabilization", "bullets": [
            "Part of CalWORKs Employment Services", "For families in crisis: homelessness, domestic violence, untreated behavioral health needs",
            "Intensive case management and services", "A bridge back to Welfare-to-Work activities"], "notes": [
            "CalWORKs co-facilitator: Explain how a family enters Family Stabilization and what the employment services worker needs to know.",
            "CWS co-facilitator: Point out that a CWS case often reveals exactly the crisis Family Stabilization is designed for."]},
        {"kind": "bullets", "title": "Bringing Families Home", "bullets": [
            "For Family Maintenance and Family Reunification families who are homeless or at risk",
            "When housing makes reunification possible or prevents a removal", "Housing First: housing is not earned by finishing the case plan",
            "Referral through Child Welfare Services"], "notes": [
            "CWS co-facilitator: Present Bringing Families Home and the county's referral path, including who decides eligibility.",
            "CalWORKs co-facilitator: Ask how Bringing Families Home and HSP can serve the same family without duplicating help."]},
        {"kind": "table", "title": "Who Does What in Housing", "header": ["Resource", "Program", "Ask", "Helps with"], "rows": [
            ("Homeless assistance", "CalWORKs", "Eligibility worker", "Temporary shelter, move-in costs"),
            ("Housing Support Program (HSP)", "CalWORKs", "Employment services worker", "Rapid re-housing, rental assistance"),
            ("Family Stabilization", "CalWORKs", "Employment services worker", "Intensive case management"),
            ("Bringing Families Home", "CWS", "Social worker", "Housing for reunification or to prevent removal")], "notes": [
            "CalWORKs co-facilitator: Walk through the CalWORKs rows and stress which worker the family should ask.",
            "CWS co-facilitator: Walk through the Bringing Families Home row, then ask: which of these could one family use at the same time?"]},
        {"kind": "scenario", "title": "Scenario: The Dawson Family", "story": [
            "Crystal Dawson, 24, and her sons Eli (7) and Noah (1) were evicted when her hours were cut. They slept in her car until the school counselor called the hotline.",
            "Eli and Noah are with a resource family; Family Reunification services are ordered. Crystal attends every class and visit and works 20 hours a week.",
            "Her case plan requires stable housing. Her Welfare-to-Work plan still lists job search. No housing referral has been made."],
            "roles_title": "At your table", "roles": [
            "List every barrier to the boys' return",
            "Mark the housing barriers",
            "Name the resource and the worker for each",
            "When should each referral have been made?"], "notes": [
            "CWS co-facilitator: Read the scenario and give tables twelve minutes to list barriers.",
            "CalWORKs co-facilitator: In the debrief, ask what would have changed if HSP and Bringing Families Home referrals had been made in the first month."]},
        {"kind": "bullets", "title": "Time to Connect", "bullets": [
            "Meet a housing partner or a counterpart from the other program", "Ask how they make referrals and what helps them most",
            "Exchange direct contact information"], "notes": [
            "CalWORKs co-facilitator: Give participants the twenty-minute break to meet housing partners and counterparts; it is part of the training.",
            "CWS co-facilitator: Ask participants to bring back one thing they learned about a referral process."]},
        {"kind": "scenario", "title": "Role Play: Joint Housing Staffing", "story": [
            "The social worker, the employment services worker and Crystal meet to build one housing plan. The plan must fit the case plan and the Welfare-to-Work plan.",
            "Use the Housing Resource Map. End with resources, referrals, who does what and by when."],
            "roles_title": "Roles", "roles": [
            "Social worker (CWS participant)",
            "Employment services worker (CalWORKs participant)",
            "Crystal Dawson",
            "Observer: which resources were combined? Did Crystal's voice shape the plan?"], "notes": [
            "CWS co-facilitator: Form groups of four and coach social workers to connect the housing plan to the case plan.",
            "CalWORKs co-facilitator: Coach employment services workers to consider Family Stabilization where regular WTW activities are unrealistic.",
            "Both: List on the flip chart the resources each group used."]},
        {"kind": "bullets", "title": "Housing Resource Walk", "bullets": [
            "Six posters, one per resource", "Who is eligible? How do I refer? What is the wait?", "Rotate in mixed pairs every three minutes",
            "Add what you know; housing partners will correct"], "notes": [
            marker("optional housing-resource-walk"),
            "CalWORKs co-facilitator: Explain the walk and send mixed pairs to their first poster.",
            "CWS co-facilitator: Keep time and call the rotations every three minutes."]},
        {"kind": "bullets", "title": "Resource Walk Debrief", "bullets": [
            "Which poster had the most gaps?", "Which resource surprised you?", "What will the Linkages coordinator add to the county map?"], "notes": [
            "CWS co-facilitator: Ask any housing partner present to correct or add to each poster.",
            "CalWORKs co-facilitator: Collect the posters for the Linkages coordinator.",
            marker("end optional housing-resource-walk")]},
        {"kind": "bullets", "title": "What's in It for Me? Child Welfare Services", "bullets": [
            "Housing help for families your case plan already serves", "Fewer returns to Emergency Response",
            "Housing searches that start before the court is ready", "Bringing Families Home and HSP working together"], "notes": program_notes("cws",
            "CWS co-facilitator: Connect these benefits to timely reunification and preventing re-entry.",
            "CalWORKs co-facilitator: Ask social workers which CalWORKs housing resource they will refer to first.")},
        {"kind": "bullets", "title": "What's in It for Me? CalWORKs", "bullets": [
            "A partner who can reach the parent when nobody else can", "Bringing Families Home for families whose children are in care",
            "Family Stabilization as a bridge to work", "Stably housed families who can participate"], "notes": program_notes("calworks",
            "CalWORKs co-facilitator: Connect these benefits to participation and employment outcomes.",
            "CWS co-facilitator: Ask employment services workers how they would like to hear about a family's housing crisis.")},
        {"kind": "marker", "marker": "orgchart", "notes": [
            "Linkages coordinator or CWS co-facilitator: Show where housing referrals are handled in each program.",
            "CalWORKs co-facilitator: Point out the HSP and Family Stabilization units."]},
        {"kind": "marker", "marker": "contacts", "notes": [
            "CalWORKs co-facilitator: Review the housing contacts.",
            "CWS co-facilitator: Point out the Bringing Families Home referral contact."]},
        {"kind": "marker", "marker": "stories", "notes": [
            "CWS co-facilitator: Tell a local story of a family housed through a joint plan, with first names or pseudonyms only.",
            "CalWORKs co-facilitator: Ask the room which referral in the story made the difference."]},
        {"kind": "bullets", "title": "Thank You: Commitments and Evaluation", "bullets": [
            "Raise one family's housing with your counterpart this week", "Refer early, refer together",
            "Linkages modules are repeated; see you at the next one", "Please complete the evaluation"], "notes": [
            "CWS co-facilitator: Ask each participant to name one family whose housing they will raise with their counterpart this week.",
            "CalWORKs co-facilitator: Collect the evaluations and tell participants when the updated resource map will be sent."]},
    ],
}

from supportive_services import SUPPORTIVE_SERVICES  # noqa: E402  (the module without markers)

MODULES = [ORIENTATION, CASE_PLANNING, HOUSING, SUPPORTIVE_SERVICES]
MODULE_TITLES = {module["id"]: module["title"] for module in MODULES}

# --------------------------------------------------------------------------------------
# Word documents
# --------------------------------------------------------------------------------------

TEXTBOX_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)

# A Word 2010+ text box: the DrawingML shape (mc:Choice) and the VML copy older readers use
# (mc:Fallback). Both hold a w:txbxContent; add_callout fills them with the same paragraphs.
TEXTBOX_XML = f"""<w:r {TEXTBOX_NS}><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="91440" distB="91440" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="5943600" cy="{{height}}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>
<wp:wrapTopAndBottom/><wp:docPr id="{{shape_id}}" name="Call-out {{shape_id}}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
<wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5943600" cy="{{height}}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="EAF1FB"/></a:solidFill>
<a:ln w="19050"><a:solidFill><a:srgbClr val="{ACCENT}"/></a:solidFill></a:ln></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="137160" tIns="91440" rIns="137160" bIns="91440" anchor="t" anchorCtr="0"><a:spAutoFit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict>
<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">
<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>
<v:shape id="Call-out {{shape_id}}" o:spid="_x0000_s{{spid}}" type="#_x0000_t202" fillcolor="#eaf1fb" strokecolor="#{ACCENT.lower()}" strokeweight="1.5pt"
 style="position:absolute;margin-left:0;margin-top:0;width:468pt;height:{{height_pt}}pt;z-index:251659264;mso-position-horizontal-relative:text;mso-position-vertical-relative:text">
<v:textbox style="mso-fit-shape-to-text:t" inset="10.8pt,7.2pt,10.8pt,7.2pt"><w:txbxContent/></v:textbox>
<w10:wrap type="topAndBottom"/></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def set_core_properties(props, title: str, subject: str) -> None:
    """Fix every core property, so that saving twice gives the same bytes."""
    props.title = title
    props.subject = subject
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.keywords = "Linkages; Child Welfare Services; CalWORKs; sample"
    props.comments = f"Sample Linkages training module: {title}"
    props.category = "Linkages training module"
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.revision = 1


def save_reproducibly(document, path: Path) -> None:
    """Save, then re-zip every entry in the saved order with a fixed timestamp and mode."""
    saved = io.BytesIO()
    document.save(saved)
    fixed = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    path.write_bytes(fixed.getvalue())


def _element(tag: str, **attrs: str):
    """A WordprocessingML element with w:-prefixed attributes."""
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def add_field(paragraph, instruction: str, cached_result: str) -> None:
    """Append a complex field (begin, instruction, separate, cached result, end) to a paragraph."""
    paragraph._p.extend(_field_start(instruction))
    paragraph.add_run(cached_result)
    paragraph._p.append(_fld_char("end"))


def _field_start(instruction: str) -> list:
    """The runs that open a complex field: begin, the instruction text, separate."""
    instr_run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run.append(instr)
    return [_fld_char("begin"), instr_run, _fld_char("separate")]


def _fld_char(kind: str):
    """A run holding one w:fldChar, the delimiter of a complex field."""
    run = OxmlElement("w:r")
    run.append(_element("w:fldChar", fldCharType=kind))
    return run


def add_text(paragraph, content) -> None:
    """Append content to a paragraph: a plain string or a list of pieces.

    Pieces imitate what Word leaves in real files: ("b", text) is a bold run;
    ("spell", a, b) splits a word into two runs with a spell-check pair between them;
    ("bookmark", name, a, b) puts a bookmark start between two runs and its end after them.
    """
    for piece in [content] if isinstance(content, str) else content:
        match piece:
            case str():
                paragraph.add_run(piece)
            case ("b", text):
                paragraph.add_run(text).bold = True
            case ("spell", first, second):
                paragraph.add_run(first)
                paragraph._p.append(_element("w:proofErr", type="spellStart"))
                paragraph._p.append(_element("w:proofErr", type="spellEnd"))
                paragraph.add_run(second)
            case ("bookmark", name, first, second):
                bookmark_id = str(sum(1 for _ in paragraph._p.getroottree().iter(qn("w:bookmarkStart"))))
                paragraph.add_run(first)
                paragraph._p.append(_element("w:bookmarkStart", id=bookmark_id, name=name))
                paragraph.add_run(second)
                paragraph._p.append(_element("w:bookmarkEnd", id=bookmark_id))
            case _:
                raise ValueError(f"unknown text piece {piece!r}")


def new_document(title: str, subject: str):
    """A Letter-size document with the academy's styles, header, footer and core properties."""
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Inches(1)
    section.top_margin = section.bottom_margin = Inches(1)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.styles["Normal"].paragraph_format.space_after = Pt(6)
    doc.styles["Heading 1"].paragraph_format.page_break_before = True
    doc.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH).base_style = doc.styles["Normal"]
    header = section.header.paragraphs[0]
    header.text = f"{title} | {ACADEMY}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{FOOTER_TEXT}  |  Page ")
    add_field(footer, "PAGE", "1")
    set_core_properties(doc.core_properties, title, subject)
    return doc


def add_marker(doc, name: str) -> None:
    """A marker paragraph: the marker is the paragraph's only text."""
    doc.add_paragraph(marker(name))


def add_numbered(doc, items: list[str]) -> None:
    """Numbered steps in the List Number style, restarting at 1 for this list."""
    numbering = doc.part.numbering_part.element
    style_num_id = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for item in items:
        paragraph = doc.add_paragraph(style="List Number")
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num.numId
        add_text(paragraph, item)


def add_table(doc, header: list[str], rows: list[tuple]) -> None:
    """A grid table with a shaded header row that repeats on each printed page.

    Column widths follow the text (see column_weights); a row left blank for participants
    (empty apart from its label) is made tall enough to write in.
    """
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, column_inches(header, rows, 6.5)):
        column.width = Inches(width)
    header_row = table.rows[0]
    header_row._tr.get_or_add_trPr().append(_element("w:tblHeader"))
    for cell, text in zip(header_row.cells, header):
        cell.paragraphs[0].add_run(text).bold = True
        cell._tc.get_or_add_tcPr().append(_element("w:shd", val="clear", color="auto", fill="D9E2F3"))
    for row in rows:
        table_row = table.add_row()
        if not any(str(text).strip() for text in row[1:]):
            table_row.height = Inches(0.4)
        for cell, text in zip(table_row.cells, row):
            add_text(cell.paragraphs[0], str(text))
    for row in table.rows:
        for cell, column in zip(row.cells, table.columns):
            cell.width = column.width
    doc.add_paragraph()


def column_weights(header: list[str], rows: list[tuple]) -> list[int]:
    """Relative column widths from the longest text in each column, so "Minutes" does not
    take a third of the page; a column left blank for participants gets room to write."""
    weights = []
    for c, title in enumerate(header):
        longest = max((len(str(row[c])) for row in rows), default=0)
        weights.append(8 + (min(max(longest, len(title)), 45) if longest else max(len(title), 10)))
    return weights


def column_inches(header: list[str], rows: list[tuple], total: float) -> list[float]:
    """Column widths that share ``total`` by column_weights, each at least as wide as its
    longest word at 11 pt (measured generously), so Word never breaks a word ('Minut es')."""
    weights = column_weights(header, rows)
    def ems(word: str) -> float:  # generous: capitals 0.75 em, anything else 0.58 em
        return sum(0.75 if char.isupper() else 0.58 for char in word)

    words = [max((ems(word) for text in [title, *(str(row[c]) for row in rows)] for word in text.split()), default=0)
             for c, title in enumerate(header)]
    need = [n * 11 / 72 + 0.2 for n in words]  # at 11 pt, plus the cell margins
    widths = [total * weight / sum(weights) for weight in weights]
    short = sum(max(n - w, 0) for n, w in zip(need, widths))
    spare = [max(w - n, 0) for n, w in zip(need, widths)]
    if not short or sum(spare) < short:
        return widths
    return [max(n, w) if n >= w else w - short * room / sum(spare) for n, w, room in zip(need, widths, spare)]


def add_callout(doc, title: str, lines: list[str]) -> None:
    """A text box call-out (python-docx cannot make one), built from TEXTBOX_XML."""
    shape_id = len(doc.element.body.xpath(".//wp:docPr")) + 1
    height_pt = 22 + 18 * len(lines) + 6 * sum(len(line) > 90 for line in lines)
    xml = (TEXTBOX_XML.replace("{height}", str(height_pt * 12700)).replace("{height_pt}", str(height_pt))
           .replace("{shape_id}", str(shape_id)).replace("{spid}", str(1024 + shape_id)))
    run = parse_xml(xml)
    paragraphs = [_callout_paragraph(title, bold=True)] + [_callout_paragraph(line) for line in lines]
    for content in run.iter(qn("w:txbxContent")):
        content.extend(copy.deepcopy(paragraphs))
    doc.add_paragraph()._p.append(run)


def _callout_paragraph(text: str, bold: bool = False):
    """One w:p for a text box: a single run, in the accent color."""
    paragraph = _element("w:p")
    run = _element("w:r")
    properties = _element("w:rPr")
    if bold:
        properties.append(_element("w:b"))
    properties.append(_element("w:color", val=ACCENT))
    run.append(properties)
    text_element = _element("w:t")
    text_element.text = text
    run.append(text_element)
    paragraph.append(run)
    return paragraph


def add_blocks(doc, blocks: list[tuple]) -> None:
    """Render content blocks: headings, paragraphs, lists, tables, markers and sections."""
    for block in blocks:
        match block:
            case ("h2", text):
                doc.add_heading(text, level=2)
            case ("h3", text):
                doc.add_heading(text, level=3)
            case ("p", content):
                add_text(doc.add_paragraph(), content)
            case ("bullets", items):
                for item in items:
                    add_text(doc.add_paragraph(style="List Bullet"), item)
            case ("steps", items):
                add_numbered(doc, items)
            case ("table", header, rows):
                add_table(doc, header, rows)
            case ("marker", name):
                add_marker(doc, name)
            case ("program", program, inner):
                add_marker(doc, f"program {program}")
                add_blocks(doc, inner)
                add_marker(doc, f"end program {program}")
            case ("optional", name, inner):
                add_marker(doc, f"optional {name}")
                add_blocks(doc, inner)
                add_marker(doc, f"end optional {name}")
            case _:
                raise ValueError(f"unknown block {block!r}")


def schedule(module: dict) -> list[tuple[str, int, str]]:
    """(label, minutes, kind) of every segment and break: module.toml's [[agenda]]."""
    rows, number = [], 0
    for item in module["segments"]:
        if "break" in item:
            rows.append((item["break"], item["minutes"], "lunch" if "lunch" in item["break"].lower() else "break"))
        else:
            number += 1
            rows.append((f"Segment {number}: {item['title']}", item["minutes"], "segment"))
    return rows


def agenda_rows(module: dict) -> list[tuple[str, int, str]]:
    """(label, minutes, start time) for every segment and break, from the module's start time."""
    hour, minute = module["start"]
    clock = hour * 60 + minute
    rows, number = [], 0
    for item in module["segments"]:
        if "break" in item:
            label = item["break"]
        else:
            number += 1
            label = f"Segment {number}: {item['title']}"
        rows.append((label, item["minutes"], format_time(clock)))
        clock += item["minutes"]
    rows.append(("Adjourn", 0, format_time(clock)))
    return rows


def format_time(minutes_after_midnight: int) -> str:
    """Clock time as trainers write it: 9:00 a.m., 1:15 p.m."""
    hour, minute = divmod(minutes_after_midnight, 60)
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {'a.m.' if hour < 12 else 'p.m.'}"


def segments(module: dict) -> list[dict]:
    """The module's teaching segments, without breaks."""
    return [item for item in module["segments"] if "break" not in item]


def check_module(module: dict) -> None:
    """Refuse inconsistent content: agenda and timing tables must add up."""
    total = sum(item["minutes"] for item in module["segments"])
    if total != module["duration_minutes"]:
        raise ValueError(f"{module['id']}: the agenda adds up to {total} minutes, not {module['duration_minutes']}")
    for segment in segments(module):
        timed = sum(minutes for _, minutes, _ in segment["timing"])
        if timed != segment["minutes"]:
            raise ValueError(f"{module['id']}: the timing of '{segment['title']}' adds up to {timed} minutes")


def build_guide(module: dict, path: Path) -> None:
    """The facilitator guide, in the order of an academy trainer's guide."""
    doc = new_document(module["title"], "Facilitator Guide")
    if module.get("markers", True):  # an academy module as published has none
        add_marker(doc, "cobrand")
    doc.add_paragraph(module["title"], style="Title")
    doc.add_paragraph(f"Facilitator Guide — Version {module['version']}", style="Subtitle")
    doc.add_paragraph(f"Linkages: Child Welfare Services and CalWORKs | {ACADEMY}")
    add_table(doc, ["About this module", ""], [
        ("Level", module["level"].replace("-", " ").capitalize()),
        ("Length", f"{module['duration_minutes']} minutes, breaks included"),
        ("Prerequisites", ", ".join(MODULE_TITLES[p] for p in module["prerequisites"]) or "None"),
        ("Audience", "Child Welfare Services and CalWORKs staff: social workers, eligibility workers, employment services workers and their supervisors"),
        ("Trainers", "Two co-facilitators: one from Child Welfare Services and one from CalWORKs Employment Services"),
        ("Repeat", f"Every {module['refresh_months']} months, and for all new staff"),
        ("New-hire core curriculum", "Yes" if module["new_hire_core"] else "No"),
    ])

    contents = doc.add_paragraph("Contents", style="TOC Heading")
    contents.paragraph_format.page_break_before = True
    toc_anchor = doc.add_paragraph()

    doc.add_heading("Introduction", level=1)
    for content in module["introduction"]:
        add_text(doc.add_paragraph(), content)
    add_callout(doc, *module["callout"])

    doc.add_heading("Tips for Training", level=1)
    doc.add_heading("General tips", level=2)
    add_blocks(doc, [("bullets", GENERAL_TIPS)])
    doc.add_heading("Co-facilitation: one trainer from each program", level=2)
    doc.add_paragraph("The Regional Training Academy designs every Linkages module to be co-trained by one trainer from Child Welfare "
                      "Services and one from CalWORKs (lesson 3). How the two of you work together is itself part of the lesson.")
    for heading, tips in COFACILITATION_TIPS:
        doc.add_heading(heading, level=3)
        add_blocks(doc, [("bullets", tips)])

    doc.add_heading("Agenda", level=1)
    rows = agenda_rows(module)
    add_table(doc, ["Segment", "Minutes", "Start time"], [(label, minutes or "", start) for label, minutes, start in rows]
              + [("Total", module["duration_minutes"], "")])

    doc.add_heading("Learning Objectives", level=1)
    doc.add_paragraph("At the end of this training, participants will be able to:")
    for kind, objectives in module["objectives"].items():
        doc.add_heading(kind, level=2)
        add_blocks(doc, [("bullets", objectives)])

    doc.add_heading("Lesson Plan Overview", level=1)
    doc.add_paragraph("Each segment names a lead trainer. The other co-facilitator adds the second program's point of view; "
                      "'Both' means the trainers share the segment.")
    add_table(doc, ["Segment", "Minutes", "Method", "Lead"],
              [(f"{n}. {s['title']}", s["minutes"], s["method"], s["lead"]) for n, s in enumerate(segments(module), 1)])

    for number, segment in enumerate(segments(module), 1):
        add_segment(doc, number, segment)

    doc.add_heading("Supplemental Handouts", level=1)
    add_table(doc, ["Handout", "File", "Used in"], [(h["title"], h["file"], h["use"]) for h in module["handouts"]])
    doc.add_heading("References", level=1)
    add_blocks(doc, [("bullets", COMMON_REFERENCES + module["references"]), ("p", REFERENCE_CAUTION)])
    doc.add_heading("Materials Checklist", level=1)
    materials = COMMON_MATERIALS + [(f"Handout: {h['title']}", "1 per participant") for h in module["handouts"]] + module["materials"]
    add_table(doc, ["Packed", "Item", "Quantity"], [("☐", item, quantity) for item, quantity in materials])
    for heading, blocks in module["appendices"]:
        doc.add_heading(heading, level=1)
        add_blocks(doc, blocks)

    fill_toc(doc, toc_anchor)
    save_reproducibly(doc, path)


def add_segment(doc, number: int, segment: dict) -> None:
    """One numbered lesson-plan segment: purpose, steps, timing and co-facilitator notes."""
    doc.add_heading(f"Segment {number}: {segment['title']}", level=1)
    for label, value in (("Purpose: ", segment["purpose"]), ("Time: ", f"{segment['minutes']} minutes"),
                         ("Method: ", segment["method"]), ("Lead: ", segment["lead"])):
        add_text(doc.add_paragraph(), [("b", label), value])
    add_text(doc.add_paragraph(), [("b", "Materials:")])
    add_blocks(doc, [("bullets", segment["materials"]), ("h2", "Facilitator steps"), ("steps", segment["steps"]),
                     ("h2", "Timing"), ("table", ["Activity", "Minutes", "Lead"], segment["timing"]),
                     ("h2", "Co-facilitator notes"),
                     ("p", [("b", "CWS co-facilitator note: "), segment["cws_note"]]),
                     ("p", [("b", "CalWORKs co-facilitator note: "), segment["calworks_note"]])])
    add_blocks(doc, segment.get("extra", []))


def fill_toc(doc, anchor) -> None:
    """Replace the anchor with a TOC field whose cached result lists the Heading 1 titles.

    The cached entries make the contents page readable before anyone updates fields;
    Word adds page numbers when the field is updated.
    """
    titles = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    for index, title in enumerate(titles):
        entry = anchor.insert_paragraph_before(style="toc 1")
        if index == 0:
            entry._p.extend(_field_start('TOC \\o "1-1" \\h \\z \\u'))
        entry.add_run(title)
        if index == len(titles) - 1:
            entry._p.append(_fld_char("end"))
    anchor._p.getparent().remove(anchor._p)


def build_handout(module: dict, handout: dict, path: Path) -> None:
    """A participant handout of one to three pages."""
    doc = new_document(module["title"], f"Handout: {handout['title']}")
    doc.add_paragraph(handout["title"], style="Title")
    subtitle = doc.add_paragraph(f"Participant handout | {module['title']}")
    subtitle.runs[0].font.color.rgb = RGBColor.from_string(ACCENT)
    add_blocks(doc, handout["blocks"])
    save_reproducibly(doc, path)


# --------------------------------------------------------------------------------------
# Slide decks
# --------------------------------------------------------------------------------------

LAYOUT_TITLE, LAYOUT_TITLE_AND_CONTENT, LAYOUT_TITLE_ONLY, LAYOUT_BLANK = 0, 1, 5, 6


def new_presentation(module: dict):
    """A 16:9 deck: the default template's 4:3 master and layouts widened, plus a footer
    text box on the slide master, so there is master text for the terminology pass to reach."""
    prs = Presentation()
    scale = SLIDE_WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            if shape._element.spPr.find(qn("a:xfrm")) is not None:
                shape.left, shape.width = int(shape.left * scale), int(shape.width * scale)
    # python-pptx's MasterShapes has no add_textbox, so the p:sp goes into the master's
    # shape tree through the oxml layer and is wrapped in the ordinary Shape proxy.
    master_shapes = prs.slide_master.shapes
    sp = master_shapes._spTree.add_textbox(master_shapes._next_shape_id, "Linkages footer", PptxInches(0.6),
                                           PptxInches(7.05), PptxInches(12.1), PptxInches(0.35))
    run = Shape(sp, master_shapes).text_frame.paragraphs[0].add_run()
    run.text = MASTER_FOOTER
    run.font.size = PptxPt(11)
    run.font.color.rgb = PptxRGB.from_string("595959")
    set_core_properties(prs.core_properties, module["title"], "Slide deck")
    return prs


def academy_look(prs) -> None:
    """A master of the academy's own look: a pale background, navy titles in Georgia and a
    navy band at the top, so slides curriculum-kit adds are seen to take the deck's look."""
    master = prs.slide_master
    band = master.shapes._spTree.add_autoshape(master.shapes._next_shape_id, "Academy band", "rect", 0, 0,
                                                int(SLIDE_WIDTH), int(PptxInches(0.18)))
    shape = Shape(band, master.shapes)
    shape.fill.solid()
    shape.fill.fore_color.rgb = PptxRGB.from_string(ACCENT)
    shape.line.fill.background()
    master.shapes._spTree.remove(band)
    master.shapes._spTree.insert(2, band)  # behind the placeholders
    background = master.background.fill
    background.solid()
    background.fore_color.rgb = PptxRGB.from_string("F4F7FB")
    title_style = master._element.find(pqn("p:txStyles")).find(pqn("p:titleStyle")).find(pqn("a:lvl1pPr"))
    properties = title_style.find(pqn("a:defRPr"))
    for child in list(properties):
        properties.remove(child)
    properties.append(pptx_parse_xml(f'<a:solidFill xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
                                f'<a:srgbClr val="{ACCENT}"/></a:solidFill>'))
    properties.append(pptx_parse_xml('<a:latin xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                                'typeface="Georgia"/>'))


def add_notes(slide, notes: list[str]) -> None:
    """Speaker notes, one paragraph per entry (markers stay alone in their paragraph)."""
    frame = slide.notes_slide.notes_text_frame
    frame.text = notes[0]
    for text in notes[1:]:
        frame.add_paragraph().text = text


def set_title(slide, title: str) -> None:
    """Fill the title placeholder at a size that fits two lines on a 16:9 slide."""
    slide.shapes.title.text = title
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = PptxPt(34)


def add_textbox(slide, left, top, width, height, paragraphs: list[str], size: int, bold_first: bool = False):
    """A word-wrapped text box, one paragraph per entry."""
    box = slide.shapes.add_textbox(PptxInches(left), PptxInches(top), PptxInches(width), PptxInches(height))
    frame = box.text_frame
    frame.word_wrap = True
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size = PptxPt(size)
        run.font.bold = bold_first and index == 0
        paragraph.space_after = PptxPt(8)
    return box


def title_slide(prs, module, spec):
    """The academy's own title slide, on the master's Title Slide layout."""
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    slide.shapes.title.text = spec["title"]
    slide.placeholders[1].text = spec["subtitle"]
    return slide


def marker_slide(prs, module, spec):
    """A blank slide whose only text box holds a placeholder marker."""
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_BLANK])
    add_textbox(slide, 1.0, 3.0, 11.3, 1.2, [marker(spec["marker"])], 28)
    return slide


def bullets_slide(prs, module, spec):
    """Title and bullets in the layout's placeholders."""
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_AND_CONTENT])
    set_title(slide, spec["title"])
    frame = slide.placeholders[1].text_frame
    for index, text in enumerate(spec["bullets"]):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = text
        paragraph.runs[0].font.size = PptxPt(24)
    return slide


def table_slide(prs, module, spec):
    """A title and a python-pptx table."""
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    set_title(slide, spec["title"])
    rows = [spec["header"], *spec["rows"]]
    shape = slide.shapes.add_table(len(rows), len(spec["header"]), PptxInches(0.6), PptxInches(1.6),
                                   PptxInches(12.1), PptxInches(min(0.45 * len(rows), 5.2)))
    weights = column_weights(spec["header"], spec["rows"])
    for column, weight in zip(shape.table.columns, weights):
        column.width = PptxInches(12.1 * weight / sum(weights))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            run = shape.table.cell(r, c).text_frame.paragraphs[0].add_run()
            run.text = str(text)
            run.font.size = PptxPt(16 if len(rows) < 8 else 13)
    return slide


def agenda_slide(prs, module, spec):
    """The agenda as a table, computed from the same rows as the guide's agenda."""
    rows = [(start, label) for label, _, start in agenda_rows(module)]
    return table_slide(prs, module, {**spec, "header": ["Time", "Segment"], "rows": rows})


def scenario_slide(prs, module, spec):
    """A family vignette on the left and the exercise roles or questions on the right."""
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    set_title(slide, spec["title"])
    add_textbox(slide, 0.6, 1.6, 7.4, 5.2, spec["story"], 18)
    roles = add_textbox(slide, 8.3, 1.6, 4.4, 5.2, [spec["roles_title"], *spec["roles"]], 16, bold_first=True)
    roles.fill.solid()
    roles.fill.fore_color.rgb = PptxRGB.from_string("EAF1FB")
    return slide


SLIDE_BUILDERS = {"title": title_slide, "marker": marker_slide, "bullets": bullets_slide, "table": table_slide,
                  "agenda": agenda_slide, "scenario": scenario_slide}


def build_deck(module: dict, path: Path) -> None:
    """The slide deck: every slide gets speaker notes written for the two co-facilitators."""
    prs = new_presentation(module)
    if not module.get("markers", True):
        academy_look(prs)
    for spec in module["slides"]:
        slide = SLIDE_BUILDERS[spec["kind"]](prs, module, spec)
        add_notes(slide, spec["notes"])
    save_reproducibly(prs, path)


# --------------------------------------------------------------------------------------
# module.toml and the command line
# --------------------------------------------------------------------------------------

TOML_KEYS = ["id", "title", "version", "level", "prerequisites", "duration_minutes", "programs",
             "refresh_months", "new_hire_core", "description"]  # the order of docs/formats.md
GUIDE_FILE, DECK_FILE = "facilitator-guide.docx", "slides.pptx"


def toml_value(value) -> str:
    """A TOML literal for the value types module.toml uses."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    return json.dumps(value, ensure_ascii=False)  # JSON string escapes are valid TOML escapes


def module_toml(module: dict) -> str:
    """module.toml exactly as docs/formats.md lays it out, checked by parsing it back."""
    files = {"facilitator_guide": GUIDE_FILE, "slides": DECK_FILE, "handouts": [h["file"] for h in module["handouts"]]}
    hour, minute = module["start"]
    lines = [f"{key} = {toml_value(module[key])}" for key in TOML_KEYS]
    lines += [f"start_time = {toml_value(f'{hour}:{minute:02d}')}"]
    lines += ["", "[files]", *[f"{key} = {toml_value(value)}" for key, value in files.items()]]
    lines += ["", "[optional_sections]", *[f"{name} = {toml_value(text)}" for name, text in module["optional_sections"].items()]]
    lines += ["", "# The schedule the guide's agenda table and the deck's agenda slide print; curriculum-kit",
              "# prints the packet's agenda document from it, and preflight checks that all three agree."]
    for label, minutes, kind in schedule(module):
        lines += ["", "[[agenda]]", f"title = {toml_value(label)}", f"minutes = {minutes}"]
        lines += [f"kind = {toml_value(kind)}"] if kind != "segment" else []
    text = "\n".join(lines) + "\n"
    parsed = tomllib.loads(text)
    if parsed["files"] != files or any(parsed[key] != module[key] for key in TOML_KEYS):
        raise ValueError(f"{module['id']}: module.toml does not read back as written")
    return text


def build_module(module: dict, out_dir: Path) -> list[Path]:
    """Write one module folder and return the files written."""
    check_module(module)
    folder = out_dir / module["id"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "module.toml").write_text(module_toml(module), encoding="utf-8")
    build_guide(module, folder / GUIDE_FILE)
    build_deck(module, folder / DECK_FILE)
    for handout in module["handouts"]:
        build_handout(module, handout, folder / handout["file"])
    return [folder / name for name in ["module.toml", GUIDE_FILE, DECK_FILE, *[h["file"] for h in module["handouts"]]]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "base_modules",
                        help="folder to write the module folders into (default: the repo's base_modules/)")
    args = parser.parse_args()
    for module in MODULES:
        for path in build_module(module, args.out):
            print(path)


if __name__ == "__main__":
    main()
