"""The fourth sample module, as the academy publishes modules: without any curriculum-kit marker.

"Supportive Services for Linkages Families" is a nuts-and-bolts module that follows the
orientation (lesson 2). Its guide, deck and handout carry no ``{{ck:...}}`` marker, no
program section and no optional section: curriculum-kit places the county's cover, title
slide, contacts, org chart and stories by itself (docs/formats.md, "Placement without
markers"). Its deck opens with the academy's own title slide and closes with a
"Questions and Evaluation" slide, as academy decks do. Original sample content.
"""

from __future__ import annotations

SUPPORTIVE_SERVICES = {
    "id": "supportive-services",
    "title": "Supportive Services for Linkages Families",
    "version": "1.0.0",
    "level": "nuts-and-bolts",
    "prerequisites": ["linkages-orientation"],
    "duration_minutes": 180,
    "programs": ["cws", "calworks"],
    "refresh_months": 36,
    "new_hire_core": False,
    "markers": False,
    "description": "A half-day nuts-and-bolts module on the CalWORKs supportive services that make a Child Welfare Services case plan doable: child care, transportation and ancillary expenses. Social workers, eligibility workers and employment services workers learn who can approve what, how a case plan activity becomes part of the Welfare-to-Work plan, and how to keep a parent's services running through a removal or a reunification.",
    "optional_sections": {},
    "start": (9, 0),
    "introduction": [
        "A case plan asks a parent to attend classes, counseling, visits and treatment. A Welfare-to-Work plan asks the same parent for participation hours. Neither plan works if the parent has no child care for the younger children and no way to get across the county. CalWORKs supportive services pay for exactly these things, but only when the workers of both programs know they exist and ask for them in time.",
        "This module follows the Linkages Orientation. It assumes participants know the roles of the social worker, the eligibility worker and the employment services worker, and it turns to the practical question every Linkages family asks: who pays for the bus pass, the child care and the work boots, and what happens to them when the family's situation changes?",
        "The module is co-trained by one trainer from Child Welfare Services and one from CalWORKs Employment Services, to a room that mixes both programs.",
    ],
    "callout": ("Before you train", [
        "Ask your county's CalWORKs program for the current supportive services rates and forms.",
        "Invite a child care resource and referral agency representative for segment 3, if possible.",
        "Print one Quick Reference handout per participant.",
    ]),
    "objectives": {
        "Knowledge": [
            "Name the CalWORKs supportive services: child care, transportation and ancillary expenses.",
            "Explain how a case plan activity can become a Welfare-to-Work activity with supportive services.",
        ],
        "Skills": [
            "Prepare a referral that gives the employment services worker what is needed to approve services.",
            "Identify the changes that must be reported when children leave or return home.",
        ],
        "Values": [
            "Treat child care and transportation as part of child safety and reunification, not as extras.",
        ],
    },
    "segments": [
        {"title": "Welcome and Time to Connect", "minutes": 20, "method": "Large group and pairs", "lead": "Both",
            "purpose": "Open the session as a joint training and connect participants across the two programs (lesson 8).",
            "materials": ["Sign-in sheet", "Name tents in two colors"],
            "steps": [
                "Both trainers welcome participants and introduce themselves and their program.",
                "Pairs from different programs share one time a family could not get to a service, and why.",
                "Present the agenda and the learning objectives.",
            ],
            "timing": [("Welcome", 5, "Both"), ("Paired introductions", 10, "Both"), ("Agenda and objectives", 5, "CWS")],
            "cws_note": "Name a service in your case plans that parents most often miss because of transportation.",
            "calworks_note": "Name the supportive service your unit approves most often, and the one it approves least.",
        },
        {"title": "What Supportive Services Pay For", "minutes": 40, "method": "Presentation and questions", "lead": "CalWORKs",
            "purpose": "Give both programs the same picture of child care, transportation and ancillary expenses under CalWORKs.",
            "materials": ["Quick Reference handout", "'Supportive services' slides"],
            "steps": [
                "Describe the three kinds of supportive services and who approves them: the employment services worker.",
                "Explain that services follow an approved Welfare-to-Work activity, and that many case plan activities can be approved as such activities.",
                "Walk through the stages of CalWORKs child care and how a family moves from one stage to the next.",
                "Take questions from CWS participants.",
            ],
            "timing": [("Three kinds of services", 15, "CalWORKs"), ("Activities and approval", 15, "CalWORKs"), ("Questions", 10, "Both")],
            "cws_note": "Ask which case plan activities your county's Welfare-to-Work program usually approves.",
            "calworks_note": "Be concrete about forms and time frames; social workers need to know how long an approval takes.",
        },
        {"break": "Break", "minutes": 15},
        {"title": "When the Family Changes", "minutes": 45, "method": "Scenario in mixed groups", "lead": "Both",
            "purpose": "Practice what both programs must do when children are removed, placed with a relative or return home.",
            "materials": ["Scenario: the Nguyen family (Appendix A)", "Flip chart"],
            "steps": [
                "Read the Nguyen family scenario aloud.",
                "Mixed tables list what changes for the family's cash aid, child care and transportation at each turn of the case.",
                "Each table names the one phone call between workers that would have saved the family the most trouble.",
                "Large-group debrief.",
            ],
            "timing": [("Scenario reading", 5, "CWS"), ("Table work", 25, "Both"), ("Debrief", 15, "Both")],
            "cws_note": "Remind participants that a parent in Family Reunification may keep services needed to reunify.",
            "calworks_note": "Explain what the eligibility worker must know, and by when, when a child leaves the home.",
        },
        {"title": "Making the Referral Work", "minutes": 45, "method": "Skill practice", "lead": "CWS",
            "purpose": "Practice a referral from the social worker that the employment services worker can act on the same week.",
            "materials": ["Quick Reference handout", "Referral practice cards"],
            "steps": [
                "Show what a complete referral contains: the activity, its schedule, the children's ages and the parent's consent.",
                "In pairs from both programs, participants write a referral for a practice card and trade it.",
                "The partner from the other program marks what is missing, then the pair rewrites it together.",
            ],
            "timing": [("A complete referral", 10, "CWS"), ("Writing and trading", 25, "Both"), ("Share-out", 10, "Both")],
            "cws_note": "Stress consent: share what the family agreed to share, not the allegations.",
            "calworks_note": "Say which missing detail most often delays an approval in your unit.",
        },
        {"title": "Questions and Evaluation", "minutes": 15, "method": "Large group", "lead": "Both",
            "purpose": "Answer remaining questions, name one change each participant will make and collect evaluations.",
            "materials": ["Evaluation forms"],
            "steps": [
                "Take remaining questions and chart those to follow up.",
                "Each participant names one referral or call they will make differently.",
                "Distribute and collect the evaluations.",
            ],
            "timing": [("Questions", 5, "Both"), ("Commitments", 5, "Both"), ("Evaluation", 5, "CalWORKs")],
            "cws_note": "Thank the CalWORKs participants for the questions that helped the room.",
            "calworks_note": "Thank the CWS participants for the questions that helped the room.",
        },
    ],
    "appendices": [
        ("Appendix A: Scenario — The Nguyen Family", [
            ("p", "Linh Nguyen, 31, has two children, Kevin (8) and An (3). She receives CalWORKs cash aid and works twenty hours a week at a bakery as her Welfare-to-Work activity; An goes to a licensed child care center paid by CalWORKs child care."),
            ("p", "After a hotline report, both children are placed with Linh's sister across the county. Linh's case plan asks for a parenting class, counseling and three visits a week. She has no car, and the bus ride to her sister's home takes ninety minutes each way."),
            ("bullets", [
                "What happens to Linh's cash aid and to An's child care when the children leave the home?",
                "Which of Linh's case plan activities could be approved as Welfare-to-Work activities?",
                "Who should call whom in the first week, and what should they share?",
            ]),
        ]),
    ],
    "references": [],
    "materials": [("Referral practice cards", "1 set per pair")],
    "handouts": [{
        "file": "handout-supportive-services-quick-reference.docx",
        "title": "Supportive Services Quick Reference",
        "use": "Segments 2 and 4. Participants keep it at their desk.",
        "blocks": [
            ("p", "CalWORKs supportive services help a parent take part in approved activities. A social worker cannot approve them, but can ask for them in a referral the employment services worker can act on."),
            ("table", ["Service", "What it pays for", "Who approves"], [
                ("Child care", "Care for children under 13 while the parent is in an approved activity", "Employment services worker"),
                ("Transportation", "Bus passes, mileage or other travel to approved activities", "Employment services worker"),
                ("Ancillary expenses", "Books, tools, uniforms and fees an activity requires", "Employment services worker"),
            ]),
            ("h2", "A complete referral names"),
            ("bullets", ["The activity and its weekly schedule", "The ages of the children who need care",
                         "The parent's signed consent to share information", "A phone number the social worker answers"]),
        ],
    }],
    "slides": [
        {"kind": "title", "title": "Supportive Services for Linkages Families",
         "subtitle": "Child care, transportation and ancillary expenses — Regional Training Academy", "notes": [
            "Both trainers: welcome participants as they arrive and point them to mixed tables."]},
        {"kind": "agenda", "title": "Agenda", "notes": [
            "CalWORKs co-facilitator: walk through the morning and point out the break."]},
        {"kind": "bullets", "title": "Learning Objectives", "bullets": [
            "Name the three CalWORKs supportive services",
            "Turn a case plan activity into an approved activity",
            "Write a referral the other program can act on",
            "Report the changes that matter when children move"], "notes": [
            "CWS co-facilitator: read the objectives and ask which one matters most to each table."]},
        {"kind": "bullets", "title": "Time to Connect", "bullets": [
            "Find a partner from the other program",
            "Share one time a family could not get to a service",
            "What stood in the way? Who could have helped?"], "notes": [
            "Both trainers: give pairs ten minutes; collect two or three examples for the flip chart."]},
        {"kind": "bullets", "title": "What Supportive Services Pay For", "bullets": [
            "Child care for children under 13",
            "Transportation to approved activities",
            "Ancillary expenses: books, tools, uniforms, fees",
            "All approved by the employment services worker"], "notes": [
            "CalWORKs co-facilitator: give one local example of each service."]},
        {"kind": "bullets", "title": "When the Family Changes", "bullets": [
            "Children removed: report to the eligibility worker the same week",
            "Children placed with a relative: who now needs child care?",
            "Reunification: restart services before the children come home"], "notes": [
            "Both trainers: introduce the Nguyen family scenario (guide, Appendix A)."]},
        {"kind": "bullets", "title": "Making the Referral Work", "bullets": [
            "The activity and its schedule", "The children's ages", "The parent's consent",
            "A phone number that is answered"], "notes": [
            "CWS co-facilitator: show a complete referral, then start the paired practice."]},
        {"kind": "bullets", "title": "Questions and Evaluation", "bullets": [
            "What will you do differently in your next referral?",
            "Please complete the evaluation form"], "notes": [
            "Both trainers: take final questions and collect the evaluations."]},
    ],
}
