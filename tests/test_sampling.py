"""The moderation sample rules: table by series, highest and lowest (non-zero) marks, absent learners,
Sport video, assessors, the planning aid, and the CSV download."""
import csv
import doctest
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run
from calculators import mark_sheet, moderation_sample, sample_size, spreadsheet
from calculators.moderation_sample import csv_cell


def learner(learner_id, mark, **extra):
    return {"id": learner_id, "name": f"Learner {learner_id}", "mark": mark, **extra}


def cohort(marks, **extra):
    """Learners L1, L2, ... with these marks, in sheet order."""
    return [learner(f"L{number}", mark, **extra) for number, mark in enumerate(marks, start=1)]


def sample(learners, selected=None, series="2026-06", subject="standard", **extra):
    answer = run("moderation-sample", {"series": series, "learners": learners, "selected": selected,
                                       "subject": subject, **extra})
    assert answer["ok"], answer
    return answer


def reasons(answer):
    return {row["id"]: row["reasons"] for row in answer["sample"]}


def codes(answer):
    return [warning["code"] for warning in answer["warnings"]]


# ---------------------------------------------------------------- sample size by series

SIZES = [
    # series, cohort, size, whole cohort
    ("2025-06", 1, 1, True), ("2025-06", 10, 10, True), ("2025-06", 11, 10, False),
    ("2025-06", 100, 10, False), ("2025-06", 101, 15, False), ("2025-06", 200, 15, False),
    ("2025-06", 201, 20, False), ("2025-06", 10000, 20, False), ("2023-01", 15, 10, False),
    ("2026-01", 10, 10, True), ("2026-01", 11, 11, True), ("2026-01", 15, 15, True),
    ("2026-01", 16, 15, False), ("2026-01", 100, 15, False), ("2026-01", 101, 20, False),
    ("2026-01", 200, 20, False), ("2026-01", 201, 25, False), ("2030-06", 5000, 25, False),
]


@pytest.mark.parametrize("series, size_of_cohort, size, whole", SIZES)
def test_sample_size_follows_the_table_in_force_for_the_series(series, size_of_cohort, size, whole):
    answer = run("sample-size", {"cohort": size_of_cohort, "series": series})
    assert (answer["size"], answer["all"]) == (size, whole)


def test_the_2025_06_series_uses_the_guide_and_2026_01_the_later_notice():
    old = run("sample-size", {"cohort": 150, "series": "2025-06"})
    new = run("sample-size", {"cohort": 150, "series": "2026-01"})
    assert old["table"]["id"] == "qa-guide-2023-24"
    assert old["source"].startswith("Pearson, BTEC Tech Awards QA centre guide")
    assert new["table"]["id"] == "notice-2026" and new["source"].startswith("Later notice N1")
    assert "20 October 2025" in new["table"]["why"]


@pytest.mark.parametrize("value, message", [
    (0, "1 or more"), (-3, "1 or more"), (12.5, "whole number"), ("12.5", "whole number"),
    ("twelve", "number"), (10**9, "10,000 or fewer"), ("1e9", "number"), (True, "number"),
    (None, "Enter the number"), ("  ", "Enter the number"), ([], "number"),
])
def test_a_bad_cohort_gets_a_message_beside_the_cohort_field(value, message):
    answer = run("sample-size", {"cohort": value, "series": "2026-01"})
    assert not answer["ok"] and list(answer["errors"]) == ["cohort"]
    assert message in answer["errors"]["cohort"]


@pytest.mark.parametrize("value", ["2026-03", "", None, 2026, "2019-01", "June"])
def test_a_bad_series_gets_a_message_beside_the_series_field_and_keeps_the_cohort_valid(value):
    answer = run("sample-size", {"cohort": 20, "series": value})
    assert not answer["ok"] and list(answer["errors"]) == ["series"]


# ---------------------------------------------------------------- highest and lowest non-zero

def test_highest_and_lowest_non_zero_marks_are_added_when_the_selection_lacks_them():
    marks = [30, 58, 0, 12, 40] + [25] * 15  # cohort 20: sample 15 from 2026
    answer = sample(cohort(marks), selected=["L1", "L5"])
    assert reasons(answer)["L2"] == ["highest"]
    assert reasons(answer)["L4"] == ["lowest-non-zero"]
    assert "L3" not in reasons(answer), "a zero mark is never the lowest non-zero"
    assert answer["sample_count"] == 4


def test_highest_and_lowest_already_selected_are_not_added_again():
    answer = sample(cohort([30, 58, 0, 12, 40] + [25] * 15), selected=["L2", "L4", "L5"])
    assert reasons(answer) == {"L2": ["selected", "highest"], "L4": ["selected", "lowest-non-zero"],
                               "L5": ["selected"]}


def test_a_tie_on_the_highest_mark_is_met_by_any_selected_learner_on_that_mark():
    answer = sample(cohort([58, 10, 58, 20] + [30] * 16), selected=["L3", "L2"])
    assert reasons(answer)["L3"] == ["selected", "highest"]
    assert "L1" not in reasons(answer)
    assert "tie-highest" not in codes(answer)


def test_a_tie_on_the_highest_mark_with_none_selected_adds_the_first_on_the_sheet_and_says_so():
    answer = sample(cohort([30, 58, 10, 58] + [30] * 16), selected=["L3"])
    assert reasons(answer)["L2"] == ["highest"] and "L4" not in reasons(answer)
    assert "tie-highest" in codes(answer)


def test_a_tie_on_the_lowest_non_zero_mark_adds_one_learner():
    answer = sample(cohort([30, 4, 0, 4, 50] + [30] * 16), selected=["L5"])
    assert reasons(answer)["L2"] == ["lowest-non-zero"] and "L4" not in reasons(answer)
    assert "tie-lowest-non-zero" in codes(answer)


def test_before_the_2024_06_series_the_lowest_mark_could_be_zero():
    answer = sample(cohort([30, 4, 0, 50] + [30] * 16), selected=["L1"], series="2024-01")
    assert reasons(answer)["L3"] == ["lowest"]
    assert answer["extremes_rule"]["lowest_non_zero"] is False


def test_an_all_zero_cohort_has_no_lowest_non_zero_mark_and_says_so():
    answer = sample(cohort([0] * 20), selected=["L1", "L2"])
    assert reasons(answer) == {"L1": ["selected", "highest"], "L2": ["selected", "highest"]}
    assert "no-non-zero-mark" in codes(answer)


def test_absent_learners_are_never_the_highest_or_lowest():
    learners = cohort([30, 40, 20] + [25] * 17)
    learners[1] = learner("L2", 59, absent=True)
    answer = sample(learners, selected=["L1"])
    assert "L2" not in reasons(answer)
    assert reasons(answer)["L1"] == ["selected", "highest"]


# ---------------------------------------------------------------- absent learners

def test_an_absent_selected_learner_is_replaced_by_the_nearest_mark_to_their_own():
    learners = cohort([10, 20, 33, 36, 50, 60] + [5] * 14)
    learners[0] = learner("L1", 35, absent=True)
    answer = sample(learners, selected=["L1", "L5"])
    assert reasons(answer)["L4"] == ["replacement"]
    assert next(row for row in answer["sample"] if row["id"] == "L4")["replaces"] == "L1"
    assert "L1" not in reasons(answer)
    assert "replaced" in codes(answer)


def test_an_absent_learner_without_a_mark_is_replaced_near_the_middle_mark():
    learners = cohort([10, 20, 30, 40, 50] + [60] * 2 + [1] * 13)
    learners.append(learner("ABS1", "ABS"))
    answer = sample(learners, selected=["ABS1"])
    replacement = next(row for row in answer["sample"] if "replacement" in row["reasons"])
    assert replacement["mark"] == 1  # 13 learners on 1 mark: the median of this cohort is 1
    assert "middle mark" in replacement["why"]


@pytest.mark.parametrize("order, chosen", [(["B", "A"], "B"), (["A", "B"], "A")])
def test_equally_near_replacements_go_to_the_one_higher_up_the_sheet(order, chosen):
    near = {"A": learner("A", 44), "B": learner("B", 40)}  # both 2 away from 42
    learners = [learner("H", 59)] + [near[key] for key in order] + [learner("GONE", 42, absent=True)] + cohort([5] * 16)
    answer = sample(learners, selected=["GONE", "H"])
    assert reasons(answer)[chosen] == ["replacement"]


def test_a_replacement_is_never_someone_already_in_the_sample():
    learners = [learner("A", 30, absent=True), learner("B", 30), learner("C", 31)] + cohort([5] * 17)
    answer = sample(learners, selected=["A", "B"])
    assert reasons(answer)["C"] == ["highest"]  # C is the highest, added first; the replacement must be someone else
    replacement = [row for row in answer["sample"] if "replacement" in row["reasons"]]
    assert len(replacement) == 1 and replacement[0]["id"] not in ("B", "C")


def test_absent_learners_in_a_whole_cohort_sample_are_reported_not_replaced():
    learners = cohort([10, 20, 30])
    learners.append(learner("L4", "abs"))
    answer = sample(learners)
    assert answer["all"] and set(reasons(answer)) == {"L1", "L2", "L3"}
    assert "nothing-to-upload" in codes(answer)


# ---------------------------------------------------------------- Sport

def sport_cohort(total, with_video):
    return [learner(f"S{n}", 10 + n % 40, video=n <= with_video) for n in range(1, total + 1)]


def test_sport_samples_only_learners_with_video():
    answer = sample(sport_cohort(60, 25), subject="sport")
    assert answer["planning"] and answer["sample"]
    assert all(int(row["id"][1:]) <= 25 for row in answer["sample"])
    assert "sport-video" not in codes(answer)


def test_in_sport_the_learners_entered_are_the_centres_choice_not_the_awarding_bodys():
    # The guide: the sample is picked by Pearson's system "with the exception of Sport", where
    # the centre selects it from learners with video.
    chosen = [f"S{n}" for n in range(1, 11)]
    why = {row["id"]: row["why"] for row in sample(sport_cohort(40, 25), subject="sport", selected=chosen)["sample"]}
    assert why["S5"] == "chosen by the centre"
    why = {row["id"]: row["why"] for row in sample(sport_cohort(40, 25), selected=chosen)["sample"]}
    assert why["S5"] == "ticked by the awarding body"
    sized = [w["message"] for w in sample(sport_cohort(40, 25), subject="sport", selected=chosen)["warnings"]
             if w["code"] == "selection-size"]
    assert sized and "are chosen, but the table gives" in sized[0] and "from learners with video" in sized[0]


def test_sport_warns_when_fewer_than_20_learners_have_video():
    assert "sport-video" in codes(sample(sport_cohort(30, 19), subject="sport"))
    assert "sport-video" not in codes(sample(sport_cohort(30, 20), subject="sport"))


def test_sport_cohort_under_20_needs_every_learner_on_video():
    assert "sport-video" in codes(sample(sport_cohort(12, 11), subject="sport"))
    assert "sport-video" not in codes(sample(sport_cohort(12, 12), subject="sport"))


def test_sport_replaces_a_chosen_learner_without_video():
    learners = sport_cohort(30, 25)
    answer = sample(learners, selected=["S30", "S1"], subject="sport")
    assert "S30" not in reasons(answer)
    assert any("replacement" in value for value in reasons(answer).values())


def test_sport_highest_without_video_is_reported_and_the_highest_with_video_is_used():
    learners = sport_cohort(30, 25)
    learners[29] = learner("S30", 59, video=False)
    answer = sample(learners, selected=["S1"], subject="sport")
    assert "sport-highest-no-video" in codes(answer)
    assert "S30" not in reasons(answer)


# ---------------------------------------------------------------- assessors, selection checks

def test_more_than_one_assessor_reminds_about_internal_standardisation():
    learners = cohort([10, 20] + [30] * 18)
    for index, each in enumerate(learners):
        each["assessor"] = "Ms Shah" if index % 2 else "ms shah "
    assert "internal-standardisation" not in codes(sample(learners))
    learners[0]["assessor"] = "Mr Jones"
    answer = sample(learners)
    assert "internal-standardisation" in codes(answer)
    assert "Internal Standardisation Following Assessment" in answer["warnings"][-1]["message"]


def test_a_selection_of_the_wrong_size_and_unknown_ids_are_flagged():
    answer = sample(cohort([10, 20, 30] * 10), selected="L1, L2\nNOPE")
    assert {"selection-size", "unknown-selected"} <= set(codes(answer))


def test_ticked_candidate_numbers_with_leading_zeros_match_a_sheet_that_stores_them_as_numbers():
    """A workbook cell formatted 0000 shows 0042 but holds 42; the awarding body's ticks say 0042."""
    learners = [learner(str(number), mark) for number, mark in zip(range(40, 70), [10, 20, 30] * 10, strict=True)]
    answer = sample(learners, selected="0042 0051 9999")
    assert {"42", "51"} <= {row["id"] for row in answer["sample"] if "selected" in row["reasons"]}
    zeros = next(found for found in answer["warnings"] if found["code"] == "leading-zeros")
    assert "0042 is 42, 0051 is 51" in zeros["message"] and not zeros["changes_answer"]  # the match is made
    assert "9999" in next(found for found in answer["warnings"] if found["code"] == "unknown-selected")["message"]
    assert "The sheet stores these candidate numbers as numbers" in zeros["message"]


def test_ticks_typed_without_the_zeros_the_sheet_has_say_so_and_not_that_the_sheet_lost_them():
    learners = [learner(f"{number:04d}", mark) for number, mark in zip(range(40, 70), [10, 20, 30] * 10, strict=True)]
    zeros = next(found for found in sample(learners, selected="42 51")["warnings"] if found["code"] == "leading-zeros")
    assert "42 is 0042" in zeros["message"] and "typed without the zeros the sheet has" in zeros["message"]
    assert "stores these candidate numbers as numbers" not in zeros["message"]


UCI_SHEET = "UCI\tCand No\tName\tMark\n" + "".join(
    f"12345A{n:07d}\t{1001 + n}\tLearner {n}\t{n % 50}\n" for n in range(40))


def unknown_ticks(answer):
    return next(found["message"] for found in answer["warnings"] if found["code"] == "unknown-selected")


def test_ticks_found_only_in_another_column_of_the_sheet_say_which_column_to_choose():
    answer = run("moderation-sample", {"series": "2026-06", "marks": UCI_SHEET, "column_id": "0",
                                       "selected": "1002 1003 1010"})
    assert answer["ok"] and unknown_ticks(answer) == (
        "3 ticked ids not on the mark sheet: 1002, 1003, 1010. They match the column “Cand No” (B): "
        "choose it as the learner id under “Columns in your sheet”.")
    chosen = run("moderation-sample", {"series": "2026-06", "marks": UCI_SHEET, "column_id": "1",
                                       "selected": "1002 1003 1010"})
    assert "unknown-selected" not in codes(chosen)
    assert {"1002", "1003", "1010"} <= {row["id"] for row in chosen["sample"] if "selected" in row["reasons"]}


@pytest.mark.parametrize("selected", ["1002 1003 9999", "12345A0000001 1002"],
                         ids=["one tick in no column", "some ticks in the id column"])
def test_ticks_not_all_in_one_other_column_are_only_asked_to_be_checked(selected):
    answer = run("moderation-sample", {"series": "2026-06", "marks": UCI_SHEET, "column_id": "0",
                                       "selected": selected})
    assert unknown_ticks(answer).endswith(". Check the ids.")


def test_a_column_without_a_heading_is_named_by_its_letter():
    sheet = "".join(f"U{n}\t{1001 + n}\t{n}\n" for n in range(30))
    answer = run("moderation-sample", {"series": "2026-06", "marks": sheet, "column_id": "0", "column_mark": "2",
                                       "selected": "1001 1002"})
    assert "They match column B: choose it as the learner id" in unknown_ticks(answer)


def test_a_typed_number_that_could_be_two_sheet_ids_is_not_guessed():
    learners = [learner("042", 10), learner("42", 20)] + cohort([30] * 18)
    answer = sample(learners, selected="0042")
    assert "leading-zeros" not in codes(answer) and "unknown-selected" in codes(answer)


def test_ticks_read_from_the_learners_count_as_the_selection():
    learners = cohort([10, 20, 30] * 10)
    learners[4]["selected"] = "Y"
    answer = sample(learners)
    assert not answer["planning"] and reasons(answer)["L5"][0] == "selected"


# ---------------------------------------------------------------- the planning aid

def test_the_planning_aid_is_labelled_and_reproducible_from_its_seed():
    learners = cohort([n % 50 for n in range(150)])
    first = sample(learners, seed=42)
    again = sample(learners, seed="42")
    other = sample(learners, seed=43)
    assert first["planning"] and first["seed"] == 42
    assert first["sample"] == again["sample"] != other["sample"]
    assert sum("planning" in row["reasons"] for row in first["sample"]) == 20


def test_without_a_seed_the_planning_aid_picks_one_from_the_learners_and_shows_it():
    learners = cohort([n % 50 for n in range(150)])
    first = sample(learners)
    assert isinstance(first["seed"], int)
    assert sample(learners, seed=first["seed"])["sample"] == first["sample"]


@pytest.mark.parametrize("seed", [-1, 2**32, "abc", 1.5])
def test_a_bad_seed_is_shown_beside_the_seed_field(seed):
    answer = run("moderation-sample", {"series": "2026-06", "learners": cohort([1, 2]), "seed": seed})
    assert list(answer["errors"]) == ["seed"]


# ---------------------------------------------------------------- bad learners keep the rest

@pytest.mark.parametrize("bad, reason", [
    ({"id": "X", "mark": "-"}, "not a mark"), ({"id": "X", "mark": "12.5"}, "whole number"),
    ({"id": "X", "mark": "1e9"}, "not a mark"), ({"id": "X", "mark": 10**9}, "0 to 999"),
    ({"id": "", "mark": 5}, "no learner id"), ({"mark": 5}, "no learner id"), ("L9", "not a learner"),
    ({"id": "L1", "mark": 7}, "also number 1"), ({"id": True, "mark": 7}, "no learner id"),
])
def test_a_learner_that_cannot_be_read_is_reported_and_the_rest_are_kept(bad, reason):
    answer = sample([learner("L1", 10), learner("L2", 20), bad])
    assert answer["cohort"] == 2
    assert answer["problems"][0]["row"] == 3 and reason in answer["problems"][0]["reason"]
    assert "rows-left-out" in codes(answer)


def test_the_word_abs_as_a_mark_means_absent():
    answer = sample([learner("L1", 10), learner("L2", "abs")])
    assert answer["cohort"] == 2 and "L2" not in reasons(answer)


@pytest.mark.parametrize("inputs, field", [
    ({"series": "2026-06", "learners": []}, "learners"),
    ({"series": "2026-06", "learners": "L1"}, "learners"),
    ({"series": "2026-06", "learners": [{"mark": 3}]}, "learners"),
    ({"series": "2026-06", "learners": [{"id": 1}] * 10001}, "learners"),
    ({"series": "2026-06"}, "marks"),
    ({"series": "2026-06", "marks": "   "}, "marks"),
    ({"series": "2026-06", "file": {"name": "a.csv", "data": "%%%"}}, "file"),
    ({"series": "2026-06", "learners": [{"id": 1}], "subject": "art"}, "subject"),
    ({"series": "2026-06", "learners": [{"id": 1}], "selected": {"L1": True}}, "selected"),
])
def test_missing_or_malformed_inputs_get_a_message_on_the_right_field(inputs, field):
    answer = run("moderation-sample", inputs)
    assert not answer["ok"] and field in answer["errors"], answer


def test_names_with_markup_or_formulas_come_back_as_plain_text():
    names = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', '=HYPERLINK("http://x","y")']
    learners = [{"id": f"L{n}", "name": name, "mark": 10 + n} for n, name in enumerate(names)]
    answer = sample(learners)
    assert sorted(row["name"] for row in answer["sample"]) == sorted(names)


# ---------------------------------------------------------------- the CSV download

@pytest.mark.parametrize("value, shown", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"), ("+44", "'+44"), ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("Amy", "Amy"), (45, "45"), (None, ""),
])
def test_no_csv_cell_can_start_a_formula(value, shown):
    assert next(csv.reader(io.StringIO(csv_cell(value), newline="")), [""])[0] == shown


def test_the_csv_download_lists_the_sample_with_reasons_and_no_formula_cells():
    learners = [{"id": "=1+1", "name": "-Amy, \"Jo\"", "mark": 10}, {"id": "L2", "name": "@Ben", "mark": 20}]
    rows = list(csv.reader(io.StringIO(sample(learners)["csv"], newline="")))
    assert rows[0] == ["Moderation sample: May/June 2026"], "the file says which series it is for"
    assert rows[1] == ["Learner id", "Name", "Mark", "Why in the sample"]
    assert [row[:3] for row in rows[2:]] == [["L2", "'@Ben", "20"], ["'=1+1", "'-Amy, \"Jo\"", "10"]]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


# ---------------------------------------------------------------- never raises

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)
LEARNER = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.text(max_size=6), st.integers(), st.none(), st.booleans()),
    "name": st.one_of(st.text(max_size=10), st.none(), st.integers()),
    "mark": st.one_of(st.integers(-5, 1100), st.floats(), st.text(max_size=5), st.none(), st.booleans()),
    "absent": st.one_of(st.booleans(), st.text(max_size=3), st.none()),
    "video": st.one_of(st.booleans(), st.text(max_size=3), st.none()),
    "assessor": st.one_of(st.text(max_size=4), st.none()),
    "selected": st.one_of(st.booleans(), st.text(max_size=3)),
})


def answers_properly(answer):
    assert isinstance(answer, dict)
    assert answer.get("ok") is True or (answer.get("ok") is False and answer["errors"])
    assert "calculator" not in answer.get("errors", {}), answer


@settings(max_examples=300, deadline=None)
@given(learners=st.lists(st.one_of(LEARNER, JSON), max_size=40),
       selected=st.one_of(st.none(), st.text(max_size=20), st.lists(st.one_of(st.text(max_size=4), st.integers()))),
       series=st.sampled_from(["2024-01", "2025-06", "2026-01", "2026-06", "bad"]),
       subject=st.sampled_from(["standard", "sport", "", None]),
       seed=st.one_of(st.none(), st.integers(-2, 2**33), st.text(max_size=4)))
def test_moderation_sample_never_raises_on_any_learners_list(learners, selected, series, subject, seed):
    answers_properly(run("moderation-sample", {"series": series, "learners": learners, "selected": selected,
                                               "subject": subject, "seed": seed}))


@settings(max_examples=200, deadline=None)
@given(inputs=JSON, name=st.sampled_from(["sample-size", "moderation-sample", "mark-sheet"]))
def test_every_sampling_calculator_answers_ok_or_errors_for_any_json(inputs, name):
    answers_properly(run(name, inputs))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_pasted_text_gives_an_answer_or_a_message(text):
    answers_properly(run("moderation-sample", {"series": "2026-06", "marks": text}))
    answers_properly(run("mark-sheet", {"marks": text}))


@pytest.mark.parametrize("module", [moderation_sample, sample_size, mark_sheet, spreadsheet],
                         ids=["moderation_sample", "sample_size", "mark_sheet", "spreadsheet"])
def test_the_worked_examples_in_the_docstrings_hold(module):
    result = doctest.testmod(module)
    assert result.attempted and not result.failed


def test_a_learner_marked_no_evidence_stays_in_the_cohort_and_a_ticked_one_is_replaced_like_an_absent_one():
    sheet = "Candidate No\tName\tMark\n" + "".join(f"{5000 + n}\tL{n}\t{10 + n}\n" for n in range(29)) + \
        "5029\tNed\tNo evidence\n"
    preview = run("mark-sheet", {"marks": sheet})
    assert preview["learners"] == 30 and preview["no_evidence"] == 1 and preview["problem_count"] == 0
    ticked = ["5029", *[str(5000 + n) for n in range(1, 10)]]
    answer = run("moderation-sample", {"series": "2026-06", "marks": sheet, "selected": ticked})
    assert answer["cohort"] == 30
    ids = [row["id"] for row in answer["sample"]]
    assert "5029" not in ids
    [replacement] = [row for row in answer["sample"] if row.get("replaces") == "5029"]
    assert "No evidence" in replacement["why"]


def test_no_evidence_is_read_from_a_list_of_learners_too():
    learners = [{"id": str(n), "mark": n + 5} for n in range(12)] + [{"id": "NE1", "mark": "NE"}]
    answer = run("moderation-sample", {"series": "2026-06", "learners": learners})
    assert answer["cohort"] == 13 and "NE1" not in [row["id"] for row in answer["sample"]]
    assert any(warning["code"] == "nothing-to-upload" and "no evidence" in warning["message"]
               for warning in answer["warnings"])


def test_sport_with_fewer_filmed_learners_than_the_2026_table_asks_for_says_the_sources_do_not_settle_it():
    learners = [{"id": str(n), "mark": n % 50, "video": n < 22} for n in range(210)]
    answer = run("moderation-sample", {"series": "2026-06", "subject": "sport", "learners": learners})
    assert answer["size"] == 25
    [found] = [w for w in answer["warnings"] if w["code"] == "sport-fewer-filmed-than-sample"]
    assert "22 learners have video" in found["message"] and "sample of 25" in found["message"]
    assert "do not say" in found["message"] and "Ask Pearson" in found["message"]
    assert not any(w["code"] == "sport-video" for w in answer["warnings"])  # 22 meets the guide's 20
    before = run("moderation-sample", {"series": "2025-06", "subject": "sport", "learners": learners})
    assert not any(w["code"] == "sport-fewer-filmed-than-sample" for w in before["warnings"])


@pytest.mark.parametrize("cohort, series, warned", [
    (11, "2025-06", True), (16, "2026-01", True), (201, "2026-06", True),
    (15, "2026-01", False), (150, "2026-01", False), (1, "2025-06", False)])
def test_at_the_bottom_of_a_band_the_answer_says_the_sources_do_not_say_whether_absent_learners_count(
        cohort, series, warned):
    codes = [warning["code"] for warning in run("sample-size", {"cohort": cohort, "series": series})["warnings"]]
    assert ("absent-in-cohort" in codes) is warned


def test_candidate_numbers_keep_their_leading_zeros_when_the_csv_is_opened_in_excel():
    learners = [{"id": f"0{100 + n}", "mark": n + 1} for n in range(5)]
    answer = run("moderation-sample", {"series": "2026-06", "learners": learners})
    first = list(csv.reader(io.StringIO(answer["csv"])))[2]
    assert first[0] == '="0104"'  # highest mark first; a text formula Excel shows as 0104


def test_the_subject_and_component_go_into_the_download_and_its_file_name():
    learners = [{"id": str(n), "mark": n + 1} for n in range(5)]
    answer = run("moderation-sample", {"series": "2026-06", "learners": learners,
                                       "subject_name": "Sport", "component": "Component 1"})
    assert answer["filename"] == "moderation-sample-sport-component-1-2026-06.csv"
    assert list(csv.reader(io.StringIO(answer["csv"])))[0] == ["Moderation sample: Sport, Component 1, May/June 2026"]
    assert answer["title"] == "Moderation sample: Sport, Component 1, May/June 2026"


def test_a_sample_says_when_absent_learners_decide_the_size_because_the_sources_do_not_say_whether_they_count():
    learners = [{"id": str(n), "mark": n + 1} for n in range(15)] + [{"id": "A", "mark": "ABS"}]
    answer = run("moderation-sample", {"series": "2026-06", "learners": learners, "selected": ["1"]})
    [found] = [w for w in answer["warnings"] if w["code"] == "absent-in-cohort"]
    assert "cohort of 16" in found["message"] and "every learner" in found["message"]


def test_a_replaced_no_evidence_learner_cites_where_that_rule_comes_from():
    learners = [{"id": str(n), "mark": n + 1} for n in range(30)] + [{"id": "NE", "mark": "No evidence"}]
    answer = run("moderation-sample", {"series": "2026-06", "learners": learners, "selected": ["NE", "1", "2"]})
    [found] = [w for w in answer["warnings"] if w["code"] == "replaced"]
    assert "notice N1" in found["message"]


def test_without_a_subject_or_component_the_file_is_named_and_headed_by_the_series_alone():
    answer = sample(cohort([5, 6, 7]), subject_name="  ", component="")
    assert answer["filename"] == "moderation-sample-2026-06.csv"
    assert answer["title"] == "Moderation sample: May/June 2026"


@pytest.mark.parametrize("selected, expected", [
    (["L1", "L99"], {"unknown-selected", "selection-size"}),  # L99 is not on the sheet, one tick found
    (["L1", "L2"], {"selection-size"}),                        # fewer ticks than the table's 15
])
def test_ticks_missing_from_the_sheet_or_too_few_are_marked_as_changing_the_answer(selected, expected):
    answer = sample(cohort(range(1, 41)), selected=selected)
    assert {found["code"] for found in answer["warnings"] if found["changes_answer"]} == expected
    assert not [found for found in answer["warnings"] if found["code"] == "internal-standardisation"
                and found["changes_answer"]]


def test_rows_left_out_of_the_cohort_change_the_answer_too():
    answer = run("moderation-sample", {"series": "2026-06", "marks": "id\tmark\nA\t1\nB\t2.5\nC\t3\n"})
    left_out = next(found for found in answer["warnings"] if found["code"] == "rows-left-out")
    assert left_out["changes_answer"] is True


def test_the_sample_size_links_on_to_building_the_sample_with_only_the_series():
    [step] = run("sample-size", {"cohort": 40, "series": "2026-01"})["next"]
    assert step == {"text": step["text"], "calculator": "moderation-sample", "inputs": {"series": "2026-01"}}
