"""The matching semantics, pinned one rule at a time over plain text."""

from curriculum_kit.formats.terms import Term
from curriculum_kit.ooxml.matcher import Kept, Matcher, carry_case, fold_case, splice
from curriculum_kit.ooxml.trie import trie_pattern


def replace(text: str, *rows: tuple, barriers=()) -> str:
    matcher = Matcher([Term(*row) for row in rows])
    matches, _ = matcher.scan(text, list(barriers))
    return splice(text, matches)


def misses(text: str, *rows: tuple, barriers=(), kinds=None) -> list[tuple[str, str]]:
    _, found = Matcher([Term(*row) for row in rows]).scan(text, list(barriers), kinds or {})
    return [(text[m.start:m.end], m.reason) for m in found]


def test_whole_words_only():
    assert replace("CWS and CWSX and XCWS, CWS.", ("CWS", "DCFS")) == "DCFS and CWSX and XCWS, DCFS."
    # a footnote's mark typed as a superscript digit is not part of the word; a digit is
    assert replace("CWS¹ and CWS₂ and CWS2", ("CWS", "DCFS")) == "DCFS¹ and DCFS₂ and CWS2"
    assert replace("social worker2", ("social worker", "SW")) == "social worker2"
    assert replace("(social worker)", ("social worker", "SW")) == "(SW)"


def test_an_apostrophe_as_word_types_it_is_the_one_the_term_list_holds():
    assert replace("your children’s social worker", ("children's social worker", "CSW")) == "your CSW"
    assert replace("the Children’s Social Worker", ("Children's Social Worker", "CSW", "exact")) == "the CSW"
    assert replace("the children's ward", ("children’s ward", "youth ward")) == "the youth ward"
    assert replace("a Co\u2011Facilitator", ("Co-Facilitator", "Co-Trainer", "exact")) == "a Co-Trainer"
    expansion = ("social worker", "children's social worker")  # already adapted, however the ' is typed
    assert replace("Call your children’s social worker", expansion) == "Call your children’s social worker"


def test_addresses_and_file_names_are_left_alone_as_near_misses():
    rows = [("CalWORKs", "Employment Services"), ("child", "youth"), ("word", "term")]
    reason = "inside a web or e-mail address or a file name"
    for text, found in [("https://www.cdss.ca.gov/CalWORKs/apply", "CalWORKs"), ("CalWORKs@alder.ca.gov", "CalWORKs"),
                        ("www.example.org/maternal_child_health", "child"), ("see CalWORKs_handbook.pdf", "CalWORKs"),
                        ("blogs.msdn.com/b/office/word/", "word"), ("child.pdf", "child"), ("@CalWORKs", "CalWORKs")]:
        assert replace(text, *rows) == text, text
        assert misses(text, *rows) == [(found, reason)], text
    # a slash alone, or a full stop that ends a sentence, makes no address
    assert replace("the CWS/CalWORKs liaison and a child/family plan for a child.", ("CWS", "DCFS"), *rows) == \
        "the DCFS/Employment Services liaison and a youth/family plan for a youth."


def test_scripts_written_without_spaces_match_inside_a_sentence():
    rows = [("児童福祉サービス", "子ども家庭サービス"), ("研修", "トレーニング"), ("CWS", "DCFS")]
    assert replace("児童福祉サービスの研修です。CWSの研修", *rows) == "子ども家庭サービスのトレーニングです。DCFSのトレーニング"
    assert misses("児童福祉サービスの研修です。", *rows) == []
    assert replace("CWSX", *rows) == "CWSX"  # in Latin letters a longer word stays one


def test_term_with_capitals_matches_exactly():
    assert replace("CWS cws Cws", ("CWS", "DCFS")) == "DCFS cws Cws"
    assert replace("CalWORKs CALWORKS", ("CalWORKs", "WorkFirst")) == "WorkFirst CALWORKS"


def test_lowercase_auto_term_carries_case():
    rows = ("social worker", "children's social worker")
    assert replace("a social worker", rows) == "a children's social worker"
    assert replace("Social worker here", rows) == "Children's social worker here"
    assert replace("SOCIAL WORKER", rows) == "CHILDREN'S SOCIAL WORKER"
    assert replace("sOCIAL worker", rows) == "children's social worker"


def test_exact_case_mode_turns_carrying_off():
    assert replace("case plan, Case Plan", ("case plan", "family plan", "exact")) == "family plan, Case Plan"


def test_exact_case_row_wins_for_its_spelling_and_its_lowercase_row_covers_the_rest():
    rows = [("labbie", "technician"), ("Labbie", "Lab Technician")]
    assert replace("Labbie, labbie, LABBIE, LabBie", *rows) == "Lab Technician, technician, TECHNICIAN, Technician"
    assert replace("Labbie, labbie", *reversed(rows)) == "Lab Technician, technician"  # row order does not matter
    exact_lowercase = [("case plan", "service plan"), ("case plan", "family plan", "exact")]
    assert replace("case plan, Case plan", *exact_lowercase) == "family plan, Service plan"


def test_carry_case_rules():
    assert carry_case("Social Worker", "children's social worker") == "Children's Social Worker"  # a title
    assert carry_case("Child Welfare Services", "department of children and family services") == \
        "Department of Children and Family Services"
    assert carry_case("Case Plan", "DCFS plan of care") == "DCFS Plan of Care"
    assert carry_case("Social worker", "children's social worker") == "Children's social worker"  # a sentence
    assert carry_case("ER", "hotline") == "HOTLINE"
    assert carry_case("E", "hotline") == "Hotline"  # one letter is not ALL CAPS
    assert carry_case("Er", "hotline") == "Hotline"
    assert carry_case("er", "Hotline") == "Hotline"


def test_leftmost_then_longest():
    rows = [("child welfare", "CW"), ("child welfare services", "DCFS"), ("welfare services", "WS")]
    assert replace("child welfare services", *rows) == "DCFS"
    assert replace("the welfare services child welfare", *rows) == "the WS CW"


def test_a_very_long_term_matches():
    long = "the county's " * 400  # 5,200 characters: one literal, no nesting
    assert replace(f"[{long.strip()}]", (long.strip(), "it")) == "[it]"


def test_terms_nested_past_the_regex_parser_still_match_leftmost_longest():
    """300 terms, each the last plus a word, nest a trie too deep for Python's regex parser;
    the flat alternation that stands in must give the same matches as a shallow trie."""
    deep = [(" ".join(["ward"] * n), f"W{n}") for n in range(1, 301)]
    text = "ward ward ward, ward-" + " ".join(["ward"] * 299) + " wards"
    expected = "W3, W1-W299 wards"
    assert replace(text, *deep) == expected
    assert "(?:" not in trie_pattern([term for term, _ in deep])  # the flat stand-in
    assert replace(text, *deep[:3], deep[298]) == expected  # a trie of four


EXPANSIONS = [("CCR", "Continuum of Care Reform (CCR)"),
              ("Department of Social Services", "California Department of Social Services"),
              ("social worker", "children's social worker"), ("WTW", "WorkBridge (WTW)"), ("CWS", "CWS")]


def test_an_expansion_never_doubles_text_that_already_reads_as_its_replacement():
    text = ("CCR and Continuum of Care Reform (CCR); the Department of Social Services, the California "
            "Department of Social Services; a social worker, Children's social worker, CHILDREN'S SOCIAL WORKER; "
            "WTW, WorkBridge (WTW); CWS")
    once = replace(text, *EXPANSIONS)
    assert once == ("Continuum of Care Reform (CCR) and Continuum of Care Reform (CCR); the California Department "
                    "of Social Services, the California Department of Social Services; a children's social worker, "
                    "Children's social worker, CHILDREN'S SOCIAL WORKER; WorkBridge (WTW), WorkBridge (WTW); CWS")
    assert replace(once, *EXPANSIONS) == once


def test_text_already_adapted_across_a_line_break_tab_or_no_break_space_is_left_alone():
    """A reader reads a line break between the words of a replacement as a space: the place is
    already adapted ('CalWORKs' at a slide line's end above '(Welfare-to-Work)')."""
    rows = [("CalWORKs", "CalWORKs (Welfare-to-Work)"), ("social worker", "children's social worker")]
    for text in ["CalWORKs\n(Welfare-to-Work) program", "CalWORKs\t(Welfare-to-Work)", "CalWORKs\u00a0(Welfare-to-Work)",
                 "Children's\nSocial Worker Orientation", "Children\u2019s\u00a0social worker"]:
        assert replace(text, *rows) == text, repr(text)
    assert replace("CalWORKs\nprogram", *rows) == "CalWORKs (Welfare-to-Work)\nprogram"


def test_a_term_split_by_an_optional_hyphen_is_a_near_miss():
    rows = [("CalWORKs", "WorkFirst"), ("social worker", "caseworker")]
    text = "Cal\u00adWORKs and a so\u00adcial worker, CalWORKs\u00ad and CalWORKs"
    assert replace(text, *rows) == "Cal\u00adWORKs and a so\u00adcial worker, WorkFirst\u00ad and WorkFirst"
    assert misses(text, *rows) == [("Cal\u00adWORKs", "split by an optional hyphen"),
                                   ("so\u00adcial worker", "split by an optional hyphen")]


def test_an_exact_case_expansion_keeps_only_text_in_its_exact_case():
    rows = [("CCR", "Continuum of Care Reform (CCR)")]
    assert replace("continuum of care reform (CCR)", *rows) == "continuum of care reform (Continuum of Care Reform (CCR))"
    assert replace("Continuum of Care Reform (CCR)s", *rows) == "Continuum of Care Reform (CCR)s"  # ')' ends the word
    rows = [("Social Services", "County Social Services")]
    assert replace("County Social Servicesx Social Services", *rows) == "County Social Servicesx County Social Services"


def test_kept_places_are_listed_and_other_terms_inside_them_left_alone():
    matcher = Matcher([Term(*row) for row in [*EXPANSIONS, ("Care Reform", "CR")]])
    kept: list[Kept] = []
    text = "Continuum of Care Reform (CCR) and Care Reform"
    matches, misses = matcher.scan(text, kept=kept)
    assert splice(text, matches) == "Continuum of Care Reform (CCR) and CR"
    assert [(text[k.start:k.end], k.term.term) for k in kept] == [("Continuum of Care Reform (CCR)", "CCR")]
    assert misses == []


def test_a_row_replacing_its_term_by_itself_keeps_every_place():
    kept: list[Kept] = []
    matches, _ = Matcher([Term("CWS", "CWS")]).scan("CWS and CWS", kept=kept)
    assert matches == [] and [(k.start, k.end) for k in kept] == [(0, 3), (8, 11)]


def test_no_chaining():
    assert replace("CWS then DCFS", ("CWS", "DCFS"), ("DCFS", "X")) == "DCFS then X"


def test_barriers_are_never_crossed():
    text = "Child Welfare Services"
    assert replace(text, ("Child Welfare Services", "DCFS"), barriers=[6]) == text
    # a barrier at the edge of a match does not stop it
    assert replace(text, ("Child Welfare Services", "DCFS"), barriers=[0, 22]) == "DCFS"


def test_near_misses_say_why():
    assert misses("two social workers", ("social worker", "SW")) == [
        ("social worker", "followed by 's' (a longer word such as a plural)")]
    assert misses("social\nworker", ("social worker", "SW")) == [("social\nworker", "split by a line break")]
    assert misses("social\tworker", ("social worker", "SW")) == [("social\tworker", "split by a tab")]
    assert misses("CALWORKS", ("CalWORKs", "X")) == [("CALWORKS", "differs in case ('CALWORKS')")]
    assert misses("Child Welfare", ("Child Welfare", "X"), barriers=[5], kinds={5: "a hyperlink edge"}) == [
        ("Child Welfare", "split by a hyperlink edge")]
    # inside a longer word on both sides is not worth reporting; a real match is not a miss
    assert misses("XCWSX CWS", ("CWS", "X")) == []
    # an exact-case acronym at the start of a word of another case is another word ('ER' in 'Error')
    assert misses("Error in the ErrorLog", ("ER", "Emergency Response", "exact")) == []
    assert misses("two ERs", ("ER", "Emergency Response", "exact")) == [
        ("ER", "followed by 's' (a longer word such as a plural)")]


def test_a_no_break_space_inside_a_term_is_a_near_miss_unless_the_term_has_it_too():
    """Web text and Ctrl+Shift+Space put U+00A0 between words: reported, never silently missed."""
    assert misses("a social\u00a0worker, a social\u202fworker", ("social worker", "SW")) == [
        ("social\u00a0worker", "split by a no-break space"), ("social\u202fworker", "split by a no-break space")]
    assert replace("social\u00a0worker and social worker", ("social\u00a0worker", "SW")) == "SW and SW"


def test_near_misses_covered_by_a_match_are_dropped():
    rows = [("social worker", "SW"), ("social workers", "SWs")]
    assert misses("social workers", *rows) == []


def test_fold_case_keeps_offsets():
    text = "İstanbul CWS"
    assert len(fold_case(text)) == len(text)
    assert replace("İ social worker", ("social worker", "SW")) == "İ SW"


def test_a_long_list_found_by_first_words_matches_exactly_as_one_trie():
    """Lists from LONG_LIST needles on are sought by their first words (prepared faster):
    every match, near miss and place already adapted must be the same."""
    import random

    words = ["social", "worker", "Social", "CWS", "cws", "case", "casework", "plan", "(sw)", "family",
             "team", "Team", "x-ray", "child", "İ", "welfare"]
    rng = random.Random(7)
    for _ in range(300):
        rows = {}
        for _ in range(rng.randint(1, 12)):
            term = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
            replacement = rng.choice([f"{term} (X)", "the " + term, "Y", term.upper()])
            row = Term(term, replacement, rng.choice(["auto", "exact"]))
            rows[row.key] = row
        for first, second in rng.sample([(a, b) for a in words for b in words], rng.choice([0, 30])):
            row = Term(f"family {first} {second}", "F")  # a big group of one first word: sought by a regex
            rows[row.key] = row
        text = " ".join(rng.choice(words + ["s", "\t", "\n", ",", "the", "(X)"]) for _ in range(60))
        barriers = sorted(rng.sample(range(len(text)), 5))
        results = []
        for long_list in (10 ** 6, 1):
            kept: list[Kept] = []
            matches, found_misses = Matcher(list(rows.values()), long_list).scan(text, barriers, {}, kept)
            results.append((matches, found_misses, kept))
        assert results[0] == results[1], (list(rows.values()), text)
