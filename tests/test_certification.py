"""The "certification" and "after-january" calculators: the guide's rules on retakes, resits,
the terminal rule and what counts (QA guide: Resubmission and retakes, External Assessment,
Certification; later notice N6), and the bad inputs of issue 8."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import certification as certification_module
from calculators import cohort_certification, run


def path(subject, *attempts):
    rows = []
    for attempt in attempts:
        component, series, *ums = attempt
        rows.append({"component": component, "series": series, **({"ums": ums[0]} if ums else {})})
    return run("certification", {"subject": subject, "attempts": rows})


def codes(result):
    return [problem["code"] for problem in result["problems"]]


GOOD_2025 = [(1, "2025-06"), (2, "2026-01"), (3, "2026-06")]


# --- problem codes, table-driven: (why, subject, attempts, expected codes) ---------------------
PROBLEM_CASES = [
    ("a standard 2-year path is valid", "standard", GOOD_2025, []),
    ("art and design has no January internal series", "art-and-design",
     [(1, "2025-06"), (2, "2026-01"), (3, "2026-06")], ["series-not-available"]),
    ("art and design has no January external", "art-and-design",
     [(1, "2025-06"), (2, "2025-06"), (3, "2026-01")], ["series-not-available"]),
    ("creative externals are May/June only", "creative",
     [(1, "2025-06"), (2, "2026-01"), (3, "2026-01")], ["series-not-available"]),
    ("creative internals may use December/January", "creative", GOOD_2025, []),
    ("no external before January 2024", "standard",
     [(1, "2023-01"), (2, "2023-06"), (3, "2023-06")], ["series-not-available"]),
    ("no creative external before May/June 2024", "creative",
     [(1, "2023-06"), (2, "2024-01"), (3, "2024-01")], ["series-not-available"]),
    ("the first standard external was January 2024", "standard",
     [(1, "2023-06"), (2, "2023-06"), (3, "2024-01")], []),
    ("the first creative external was May/June 2024", "creative",
     [(1, "2023-06"), (2, "2024-01"), (3, "2024-06")], []),
    ("a component twice in one series", "standard",
     [(1, "2025-06"), (1, "2025-06"), (2, "2026-01"), (3, "2026-06")], ["same-series"]),
    ("the external twice in one series", "standard",
     [(1, "2025-06"), (2, "2026-01"), (3, "2026-06"), (3, "2026-06")], ["same-series"]),
    ("one retake of an internal component is allowed", "standard",
     [(1, "2025-06"), (1, "2026-01"), (2, "2026-01"), (3, "2026-06")], []),
    ("a second retake of an internal component is not", "standard",
     [(1, "2025-01"), (1, "2025-06"), (1, "2026-01"), (2, "2026-01"), (3, "2026-06")], ["retake-limit"]),
    ("one resit of the external is allowed", "standard",
     [(1, "2025-06"), (2, "2025-06"), (3, "2026-01"), (3, "2026-06")], []),
    ("a second resit of the external is not", "standard",
     [(1, "2024-06"), (2, "2024-06"), (3, "2025-01"), (3, "2025-06"), (3, "2026-01")], ["resit-limit"]),
    ("creative subjects have no resit on programme", "creative",
     [(1, "2024-06"), (2, "2025-01"), (3, "2025-06"), (3, "2026-06")], ["resit-limit"]),
    ("a retake after the terminal external breaks the terminal rule", "standard",
     [(1, "2025-06"), (2, "2025-06"), (3, "2026-01"), (1, "2026-06")], ["terminal-rule"]),
    ("a retake after the external with a later resit keeps the terminal rule", "standard",
     [(1, "2025-06"), (2, "2025-06"), (3, "2026-01"), (1, "2026-06"), (3, "2026-06")], []),
    ("a retake in the same series as the external keeps the terminal rule", "standard",
     [(1, "2025-06"), (2, "2025-06"), (1, "2026-01"), (3, "2026-01")], []),
    ("a first internal attempt after the only external breaks the terminal rule", "standard",
     [(1, "2025-06"), (3, "2026-01"), (2, "2026-06")], ["terminal-rule"]),
    ("no external at all", "standard", [(1, "2025-06"), (2, "2026-01")], ["external-missing"]),
    ("an internal component missing", "standard", [(1, "2025-06"), (3, "2026-06")], ["component-missing"]),
]


@pytest.mark.parametrize("why, subject, attempts, expected", PROBLEM_CASES, ids=[case[0] for case in PROBLEM_CASES])
def test_each_rule_gives_its_problem_code(why, subject, attempts, expected):
    result = path(subject, *attempts)
    assert result["ok"] is True
    assert codes(result) == expected
    assert result["valid"] is (expected == [])


@pytest.mark.parametrize("why, subject, attempts, expected",
                         [case for case in PROBLEM_CASES if case[3]],
                         ids=[case[0] for case in PROBLEM_CASES if case[3]])
def test_every_problem_says_what_to_do_and_cites_its_rule(why, subject, attempts, expected):
    for problem in path(subject, *attempts)["problems"]:
        assert problem["message"].endswith(".") and problem["todo"].endswith(".")
        assert problem["source"].startswith("Pearson, BTEC Tech Awards QA centre guide")


def test_the_terminal_rule_problem_says_to_enter_the_external_again_when_a_resit_is_left():
    result = path("standard", (1, "2025-06"), (2, "2025-06"), (3, "2026-01"), (1, "2026-06"))
    [problem] = result["problems"]
    assert problem["component"] == 1 and problem["series"] == "2026-06"
    assert "Enter the external again in May/June 2026 (2026-06) or later" in problem["todo"]


def test_the_terminal_rule_problem_says_to_move_the_retake_when_no_resit_is_left():
    result = path("standard", (1, "2025-01"), (2, "2025-06"), (3, "2025-06"), (3, "2026-01"), (1, "2026-06"))
    [problem] = result["problems"]
    assert problem["code"] == "terminal-rule"
    assert "no resit of the external left" in problem["todo"]
    assert "December 2025/January 2026 or earlier" in problem["todo"]


def test_a_series_not_available_problem_names_the_next_series_the_subject_has():
    [problem] = path("art-and-design", (1, "2025-06"), (2, "2026-01"), (3, "2026-06"))["problems"]
    assert "May/June 2026 (2026-06)" in problem["todo"]
    assert "Art and Design Practice has no December/January series" in problem["message"]


def test_an_attempt_carries_only_its_first_problem():
    result = path("art-and-design", (1, "2025-06"), (2, "2025-06"), (3, "2026-06"), (1, "2027-01"))
    assert codes(result) == ["series-not-available"]
    assert [attempt["problem"] for attempt in result["attempts"]] == [None, None, None, "series-not-available"]


# --- what counts ---------------------------------------------------------------------------

def test_the_best_ums_of_an_internal_component_counts_even_when_the_retake_is_lower():
    result = path("standard", (1, "2025-06", 40), (1, "2026-01", 35), (2, "2026-01", 50), (3, "2026-06", 60))
    assert result["counts"]["1"] == {**result["counts"]["1"], "series": "2025-06", "ums": 40, "pending": []}


def test_the_best_ums_of_an_internal_component_counts_when_the_retake_is_higher():
    result = path("standard", (1, "2025-06", 40), (1, "2026-01", 45), (2, "2026-01", 50), (3, "2026-06", 60))
    assert (result["counts"]["1"]["series"], result["counts"]["1"]["ums"]) == ("2026-01", 45)


def test_a_planned_retake_is_pending_beside_the_best_mark_so_far():
    result = path("standard", (1, "2025-06", 40), (1, "2026-01"), (2, "2026-01", 50), (3, "2026-06"))
    assert result["counts"]["1"]["ums"] == 40 and result["counts"]["1"]["pending"] == ["2026-01"]
    assert result["counts"]["3"] == {**result["counts"]["3"], "series": "2026-06", "ums": None, "pending": ["2026-06"]}


def test_the_external_counts_the_last_sitting_even_when_it_is_lower():
    result = path("standard", (1, "2025-06", 40), (2, "2025-06", 50), (3, "2026-01", 70), (3, "2026-06", 55))
    assert result["certification_series"] == "2026-06"
    assert (result["counts"]["3"]["series"], result["counts"]["3"]["ums"]) == ("2026-06", 55)


def test_a_retake_that_breaks_the_terminal_rule_does_not_count():
    result = path("standard", (1, "2025-06", 40), (2, "2025-06", 50), (3, "2026-01", 70), (1, "2026-06", 58))
    assert result["counts"]["1"]["ums"] == 40


# --- the January options -------------------------------------------------------------------

def test_a_january_sitting_with_a_later_resit_shows_both_options():
    result = path("standard", (1, "2025-06", 40), (2, "2025-06", 50), (3, "2026-01", 70), (3, "2026-06", 55))
    options = {option["id"]: option for option in result["options"]}
    assert list(options) == ["claim-after-resit", "claim-now-recertificate"]
    wait = options["claim-after-resit"]
    assert (wait["performance_tables"]["ums"], wait["learner_uses"]["ums"], wait["can_go_back"]) == (55, 55, False)
    both = options["claim-now-recertificate"]
    assert both["performance_tables"] == {"series": "2026-01", "ums": 70, "text": "December 2025/January 2026"}
    # The learner keeps both certificates and uses the higher: 40 + 50 + 70 against 40 + 50 + 55.
    assert both["learner_uses"] == {"series": "2026-01", "ums": None, "text": (
        "the December 2025/January 2026 certificate, the higher: 160 UMS in all against 145 "
        "(the grades may still be the same)")}
    assert result["options_note"] is None
    # The post-results page and the guide differ on a claimed grade (reference/sources): said here.
    assert "declined before a resit entry" in both["warning"] and "check with Pearson" in both["warning"]


def test_the_higher_certificate_is_the_higher_whole_not_the_higher_external():
    # Component 2 retaken in May/June 2026 with the resit: the later certificate has the lower
    # external (40 against 45) but the higher total (40 + 70 + 40 = 150 against 40 + 50 + 45 = 135).
    result = path("standard", (1, "2025-06", 40), (2, "2026-01", 50), (3, "2026-01", 45), (2, "2026-06", 70),
                  (3, "2026-06", 40))
    assert result["valid"], result["problems"]
    both = {option["id"]: option for option in result["options"]}["claim-now-recertificate"]
    assert both["learner_uses"]["series"] == "2026-06"
    assert both["learner_uses"]["text"].endswith("150 UMS in all against 135 (the grades may still be the same)")
    assert both["performance_tables"]["series"] == "2026-01", "the first certification still counts for the centre"


def test_certificates_of_equal_totals_are_either_and_an_unknown_ums_leaves_it_open():
    equal = path("standard", (1, "2025-06", 40), (2, "2025-06", 50), (3, "2026-01", 45), (3, "2026-06", 45))
    both = {option["id"]: option for option in equal["options"]}["claim-now-recertificate"]
    assert both["learner_uses"] == {"series": None, "ums": None, "text": "either certificate: both add up to 135 UMS"}
    unknown = path("standard", (1, "2025-06", 40), (2, "2025-06", 50), (3, "2026-01", 45), (3, "2026-06", None))
    both = {option["id"]: option for option in unknown["options"]}["claim-now-recertificate"]
    assert both["learner_uses"]["text"] == "whichever of the two certificates is higher"


def test_a_resit_in_a_later_january_gets_no_options_the_guide_does_not_give_and_says_so():
    # The guide sets the options out for a January sitting and a resit in May (Certification).
    result = path("standard", (1, "2025-06", 40), (2, "2025-06", 50), (3, "2026-01", 45), (3, "2027-01", 50))
    assert result["options"] == []
    assert "resit is in December 2026/January 2027, which it does not cover: ask Pearson" in result["options_note"]


def test_a_january_sitting_without_a_resit_is_claimed_in_the_late_window():
    result = path("standard", (1, "2025-06"), (2, "2025-06"), (3, "2026-01"))
    assert [option["id"] for option in result["options"]] == ["claim-january"]


def test_a_may_june_only_path_has_no_january_options():
    assert path("standard", *GOOD_2025)["options"] == []


# --- the after-January question flow -------------------------------------------------------

def flow(**answers):
    return run("after-january", answers)


FLOW_CASES = [
    ("asks the subject first", {}, "subject", None),
    ("creative subjects have no January external", {"subject": "creative"}, None, "no-january-external"),
    ("art and design has no January external", {"subject": "art-and-design"}, None, "no-january-external"),
    ("asks the series next", {"subject": "standard"}, "series", None),
    ("asks whether it was the first sitting", {"subject": "standard", "series": "2026-01"}, "first", None),
    ("a learner who has already resat claims on January",
     {"subject": "standard", "series": "2026-01", "first": "no"}, None, "claim-january"),
    ("asks whether the learner is happy", {"subject": "standard", "series": "2026-01", "first": "yes"}, "happy", None),
    ("a happy learner claims now",
     {"subject": "standard", "series": "2026-01", "first": "yes", "happy": "yes"}, None, "claim-january"),
    ("asks about the resit",
     {"subject": "standard", "series": "2026-01", "first": "yes", "happy": "no"}, "resit", None),
    ("an unhappy learner who will not resit claims on January",
     {"subject": "standard", "series": "2026-01", "first": "yes", "happy": "no", "resit": "no"}, None, "claim-january"),
    ("an unhappy learner who will resit sees the two options",
     {"subject": "standard", "series": "2026-01", "first": "yes", "happy": "no", "resit": "yes"}, None, "options"),
    ("answers the route no longer asks are ignored",
     {"subject": "standard", "series": "2026-01", "first": "yes", "happy": "yes", "resit": "maybe"},
     None, "claim-january"),
]


@pytest.mark.parametrize("why, answers, expected_next, expected_outcome", FLOW_CASES,
                         ids=[case[0] for case in FLOW_CASES])
def test_the_january_flow_asks_one_question_at_a_time(why, answers, expected_next, expected_outcome):
    result = flow(**answers)
    assert result["ok"] is True
    assert result["next"] == expected_next
    assert (result["outcome"] or {}).get("id") == expected_outcome


def test_the_resit_question_names_the_may_june_series_after_the_january_one():
    assert flow(subject="standard", series="Jan 2027", first="yes", happy="no")["question"]["text"] == \
        "Will the learner resit the external in May/June 2027?"


def test_both_options_show_their_consequences_side_by_side():
    outcome = flow(subject="standard", series="2026-01", first="yes", happy="no", resit="yes")["outcome"]
    wait, both = outcome["options"]
    assert wait["id"] == "claim-after-resit" and wait["performance_tables"]["series"] == "2026-06"
    assert "even if it is lower" in wait["warning"] and wait["can_go_back"] is False
    assert both["id"] == "claim-now-recertificate" and both["performance_tables"]["series"] == "2026-01"
    assert both["learner_uses"]["text"] == "whichever of the two certificates is higher"
    assert outcome["sources"] == ["Pearson, BTEC Tech Awards QA centre guide 2023–24: "
                                  "Certification: options after a January sitting"]


def test_check_your_answers_lists_each_question_asked_with_its_answer():
    answers = flow(subject="standard", series="2026-01", first="yes", happy="no", resit="yes")["answers"]
    assert [(row["field"], row["answer"], row["answer_text"]) for row in answers] == [
        ("subject", "standard", "Subjects with a written external exam"),
        ("series", "2026-01", "December 2025/January 2026"),
        ("first", "yes", "Yes"), ("happy", "no", "No"), ("resit", "yes", "Yes")]


FLOW_ERRORS = [
    ("a blank answer to the question just shown", {"at": "happy", "subject": "standard", "series": "2026-01",
                                                   "first": "yes", "happy": " "}, "happy", "Select yes if"),
    ("a May/June series is not a January sitting", {"subject": "standard", "series": "2026-06"}, "series",
     "Enter a December/January series"),
    ("a January before the first external", {"subject": "standard", "series": "2023-01"}, "series", "2024-01 or later"),
    ("a series that does not exist", {"subject": "standard", "series": "2026-03"}, "series", "two series a year"),
    ("an answer that is not yes or no", {"subject": "standard", "series": "2026-01", "first": "perhaps"}, "first",
     "Select yes if"),
    ("an unknown subject", {"subject": "maths"}, "subject", "Select the type of subject"),
    ("a number for a subject", {"subject": 3}, "subject", "Select the type of subject"),
]


@pytest.mark.parametrize("why, answers, field, message", FLOW_ERRORS, ids=[case[0] for case in FLOW_ERRORS])
def test_the_january_flow_rejects_bad_answers_beside_the_question(why, answers, field, message):
    result = flow(**answers)
    assert result["ok"] is False and list(result["errors"]) == [field]
    assert message in result["errors"][field]


# --- bad inputs at the door (issue 8) ------------------------------------------------------

BAD_INPUTS = [
    ("not a dictionary", [], "inputs", "named fields"),
    ("no subject", {"attempts": [{"component": 1, "series": "2025-06"}]}, "subject", "Choose the type of subject"),
    ("whitespace subject", {"subject": "   ", "attempts": []}, "subject", "Choose the type of subject"),
    ("unknown subject", {"subject": "<script>", "attempts": []}, "subject", "Choose one of"),
    ("attempts missing", {"subject": "standard"}, "attempts", "Add at least one"),
    ("attempts empty", {"subject": "standard", "attempts": []}, "attempts", "Add at least one"),
    ("attempts not a list", {"subject": "standard", "attempts": 12}, "attempts", "list of rows"),
    ("attempts as text without colons", {"subject": "standard", "attempts": "C1 2025-06"}, "attempts",
     "component:series:UMS"),
    ("attempts as blank text", {"subject": "standard", "attempts": "  "}, "attempts", "Add at least one"),
    ("attempts as text, a bad series", {"subject": "standard", "attempts": "1:2025-03"}, "attempts-0-series",
     "two series a year"),
    ("attempts as text, a bad UMS", {"subject": "standard", "attempts": "1:2025-06:abs"}, "attempts-0-ums",
     "must be a number"),
    ("far too many attempts", {"subject": "standard", "attempts": [{"component": 1, "series": "2025-06"}] * 100_000},
     "attempts", "20 assessments or fewer"),
    ("a row that is not a row", {"subject": "standard", "attempts": ["C1"]}, "attempts-0-component", "Row 1"),
    ("component 4", {"subject": "standard", "attempts": [{"component": 4, "series": "2025-06"}]},
     "attempts-0-component", "Choose component 1, 2 or 3"),
    ("component true", {"subject": "standard", "attempts": [{"component": True, "series": "2025-06"}]},
     "attempts-0-component", "Choose component 1, 2 or 3"),
    ("component 1.5", {"subject": "standard", "attempts": [{"component": 1.5, "series": "2025-06"}]},
     "attempts-0-component", "Choose component 1, 2 or 3"),
    ("series missing", {"subject": "standard", "attempts": [{"component": 1}]},
     "attempts-0-series", "Enter the series"),
    ("series in March", {"subject": "standard", "attempts": [{"component": 1, "series": "2025-03"}]},
     "attempts-0-series", "two series a year"),
    ("series far in the future", {"subject": "standard", "attempts": [{"component": 1, "series": "2999-06"}]},
     "attempts-0-series", "between 2023 and 2040"),
    ("series as a number", {"subject": "standard", "attempts": [{"component": 1, "series": 202506}]},
     "attempts-0-series", "Enter the series"),
    ("UMS abs", {"subject": "standard", "attempts": [{"component": 1, "series": "2025-06", "ums": "abs"}]},
     "attempts-0-ums", "must be a number"),
    ("UMS dash", {"subject": "standard", "attempts": [{"component": 1, "series": "2025-06", "ums": "-"}]},
     "attempts-0-ums", "must be a number"),
    ("UMS 12.5", {"subject": "standard", "attempts": [{"component": 1, "series": "2025-06", "ums": "12.5"}]},
     "attempts-0-ums", "whole number"),
    ("UMS 1e9", {"subject": "standard", "attempts": [{"component": 1, "series": "2025-06", "ums": "1e9"}]},
     "attempts-0-ums", "must be a number"),
    ("UMS enormous", {"subject": "standard", "attempts": [{"component": 1, "series": "2025-06", "ums": 10**12}]},
     "attempts-0-ums", "1,000 or fewer"),
    ("UMS negative", {"subject": "standard", "attempts": [{"component": 1, "series": "2025-06", "ums": -3}]},
     "attempts-0-ums", "0 or more"),
    ("UMS formula",
     {"subject": "standard", "attempts": [{"component": 1, "series": "2025-06", "ums": "=HYPERLINK(1)"}]},
     "attempts-0-ums", "must be a number"),
]


@pytest.mark.parametrize("why, inputs, field, message", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_inputs_get_a_message_beside_the_right_field(why, inputs, field, message):
    result = run("certification", inputs)
    assert result["ok"] is False
    assert message in result["errors"][field]


def test_a_bad_row_keeps_the_messages_of_every_other_row():
    result = run("certification", {"subject": "standard", "attempts": [
        {"component": 1, "series": "2025-06"}, {"component": 9, "series": "2025-06"},
        {"component": 3, "series": "June 2025", "ums": "x"}]})
    assert set(result["errors"]) == {"attempts-1-component", "attempts-2-ums"}
    assert result["errors"]["attempts-1-component"].startswith("Choose component")


def test_form_fields_as_text_are_read_like_numbers():
    result = run("certification", {"subject": "standard", "attempts": [
        {"component": "1", "series": " 2025-06 ", "ums": " 40 "}, {"component": "2", "series": "Jan 2026", "ums": ""},
        {"component": "3", "series": "June 2026"}]})
    assert result["valid"] is True and result["counts"]["1"]["ums"] == 40


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
ROW = st.fixed_dictionaries({}, optional={
    "component": st.one_of(st.integers(-1, 5), st.sampled_from(["1", "2", "3", " 3 ", "x"]), JSON),
    "series": st.one_of(st.sampled_from(["2024-01", "2024-06", "2025-01", "2025-06", "2026-01", "2026-06",
                                         "2023-06", "2040-06", "2025-03"]), JSON),
    "ums": st.one_of(st.none(), st.integers(-5, 2000), st.text(max_size=5), JSON),
})


def assert_answer(result):
    assert result["ok"] in (True, False)
    json.dumps(result)
    if not result["ok"]:
        assert all(isinstance(message, str) and message for message in result["errors"].values())


@settings(max_examples=300, deadline=None)
@given(subject=st.sampled_from(["standard", "creative", "art-and-design", "", None, 7]),
       attempts=st.one_of(st.lists(ROW, max_size=8), JSON))
def test_certification_run_never_raises(subject, attempts):
    result = run("certification", {"subject": subject, "attempts": attempts})
    assert_answer(result)
    if result["ok"]:
        assert result["valid"] is (result["problems"] == [])


@settings(max_examples=300, deadline=None)
@given(answers=st.dictionaries(st.sampled_from(["subject", "series", "first", "happy", "resit", "at"]),
                               st.one_of(st.sampled_from(["standard", "creative", "yes", "no", "2026-01", "2025-06",
                                                          "happy", ""]), JSON), max_size=6))
def test_after_january_run_never_raises(answers):
    result = run("after-january", answers)
    assert_answer(result)
    if result["ok"]:
        assert (result["next"] is None) == (result["outcome"] is not None)


@settings(max_examples=200, deadline=None)
@given(inputs=JSON)
def test_every_certification_calculator_answers_arbitrary_json(inputs):
    for name in ("certification", "after-january", "cohort-plan"):
        assert_answer(run(name, inputs))


# --- the rows as the page address carries them (issue 14) ----------------------------------

def test_rows_written_as_component_series_ums_give_the_same_answer_as_a_list():
    as_list = run("certification", {"subject": "standard", "attempts": [
        {"component": 1, "series": "2025-06", "ums": 45}, {"component": 2, "series": "2026-01"},
        {"component": 3, "series": "2026-06", "ums": ""}]})
    as_text = run("certification", {"subject": "standard", "attempts": "1:2025-06:45,2:2026-01,3:2026-06:"})
    assert as_text == as_list and as_text["ok"]


def test_a_row_left_blank_in_the_address_is_reported_on_its_own_series_field():
    result = run("certification", {"subject": "standard", "attempts": "1:2025-06,2::,3:2026-06"})
    assert list(result["errors"]) == ["attempts-1-series"]


def test_the_address_form_is_read_by_a_doctest_that_says_what_it_means():
    import doctest
    assert doctest.testmod(certification_module).failed == 0


# --- what next: the after-January questions, where they apply ------------------------------

JANUARY_THEN_RESIT = [(1, "2025-06"), (2, "2026-01"), (3, "2026-01"), (3, "2026-06")]


def test_a_path_with_january_options_links_on_to_the_after_january_questions_filled_in():
    [step] = path("standard", *JANUARY_THEN_RESIT)["next"]
    assert step["calculator"] == "after-january"
    assert step["inputs"] == {"subject": "standard", "series": "2026-01", "first": "yes"}
    flow_answer = run("after-january", step["inputs"])
    assert flow_answer["ok"] and flow_answer["next"] == "happy", "the flow asks only what the path does not say"


def test_a_terminal_rule_problem_after_a_january_external_does_not_link_to_claiming_on_january():
    # The learner must sit the external again after the late assessment; the after-January
    # questions would offer a claim on January, which the terminal rule rules out.
    result = path("standard", (1, "2025-06"), (3, "2026-01"), (2, "2026-06"))
    assert "terminal-rule" in [problem["code"] for problem in result["problems"]]
    assert result["next"] == [] and result["options"] == []


def test_a_creative_external_entered_in_january_links_to_what_the_flow_says_for_that_subject():
    result = path("art-and-design", (1, "2025-06"), (2, "2026-06"), (3, "2026-01"))
    assert [step["inputs"] for step in result["next"]] == [{"subject": "art-and-design"}]
    assert run("after-january", result["next"][0]["inputs"])["outcome"]["id"] == "no-january-external"


def test_a_path_with_no_january_sitting_has_no_next_step():
    assert path("standard", (1, "2025-06"), (2, "2026-06"), (3, "2026-06"))["next"] == []


def test_no_option_to_claim_on_january_is_offered_while_a_later_assessment_breaks_the_terminal_rule():
    result = path("standard", (1, "2025-06"), (3, "2026-01", 20), (2, "2026-06", 30))
    assert codes(result) == ["terminal-rule"]
    assert result["options"] == [] and "put the terminal rule problem above right first" in result["options_note"]


@pytest.mark.parametrize("written, code", [
    ("Summer 2025", "2025-06"), ("May/June 2025", "2025-06"), ("6/2025", "2025-06"), ("Jan 26", "2026-01"),
    ("Dec 2025", "2026-01"), ("15/05/2025", "2025-06"), ("2025-06", "2025-06"),
])
def test_a_series_is_read_as_centres_write_it_as_the_cohort_check_reads_it(written, code):
    result = run("certification", {"subject": "standard", "attempts": [{"component": 1, "series": written}]})
    assert [attempt["series"] for attempt in result["attempts"]] == [code]
    assert cohort_certification.read_series(written)[0].code == code


def test_a_bad_ums_says_which_row_as_a_bad_series_does():
    result = run("certification", {"subject": "standard", "attempts": "1:2025-06:abc,3:March 2026"})
    assert result["errors"]["attempts-0-ums"].startswith("Row 1: UMS must be")
    assert result["errors"]["attempts-1-series"].startswith("Row 2: ")


@pytest.mark.parametrize("written", ["Nov 2025", "March 26", "Winter 2026"])
def test_a_month_with_no_series_says_which_two_series_there_are(written):
    # "Winter 2026" could be either December/January: not guessed.
    result = run("certification", {"subject": "standard", "attempts": [{"component": 1, "series": written}]})
    assert "the two a year are December/January (for example Jan 2026) and May/June" in \
        result["errors"]["attempts-0-series"]
