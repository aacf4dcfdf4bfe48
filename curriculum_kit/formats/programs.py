"""The two Linkages programs and the many ways people write their names.

Contacts, org charts and sign-in sheets are typed by people: "CWS", "Child Welfare",
"CW", "CalWORKs", "Cal Works" all occur. One mapping serves every reader.
"""

from __future__ import annotations

import re

CWS = "cws"
CALWORKS = "calworks"
BOTH = "both"
PROGRAMS = (CWS, CALWORKS)
PROGRAM_LABELS = {CWS: "Child Welfare Services", CALWORKS: "CalWORKs", BOTH: "Both programs"}

_ALIASES = {
    CWS: {"cws", "cw", "childwelfare", "childwelfareservices", "childwelfareservice",
          "childrenandfamilyservices", "cfs", "familyandchildrensservices", "childrensservices"},
    CALWORKS: {"calworks", "calwork", "calw", "calworksprogram", "welfaretowork", "wtw",
               "employmentservices", "employmentandeligibilityservices", "employmentandeligibility",
               "eligibilityservices", "cashaid"},
    BOTH: {"both", "joint", "linkages", "all", "cwscalworks", "cwsandcalworks",
           "calworkscws", "calworksandcws"},
}
_LOOKUP = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}


def normalize_program(text: str, extra: dict[str, str] | None = None) -> str | None:
    """The program key ('cws', 'calworks' or 'both') for a spelling, or None if unknown.

    ``extra`` maps further spellings (e.g. a county's short names such as 'DCFS') to keys.
    """
    squeezed = re.sub(r"[^a-z]", "", text.lower())
    if extra:
        for alias, key in extra.items():
            if re.sub(r"[^a-z]", "", alias.lower()) == squeezed:
                return key
    return _LOOKUP.get(squeezed)
