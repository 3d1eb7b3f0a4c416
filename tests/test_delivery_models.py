"""The guide's five example delivery models (QA guide, Appendix 2) laid out for a start year,
and the "cohort-plan" calculator that checks a plan as the user edits it."""
import pytest

from calculators import cohort_plan as delivery_models, run

MODELS = ["two-year", "two-year-long-external", "two-year-resit", "two-year-co-delivered-resit", "three-year-resit"]
START_YEARS = [2023, 2024, 2025, 2026, 2027]


def test_the_data_holds_the_guides_five_models():
    assert [model["id"] for model in delivery_models.models()] == MODELS


@pytest.mark.parametrize("start_year", START_YEARS)
@pytest.mark.parametrize("model", MODELS)
def test_every_model_is_valid_as_the_guide_draws_it(model, start_year):
    result = run("cohort-plan", {"subject": "standard", "model": model, "start_year": start_year})
    assert result["ok"] and result["laid_out"]
    assert result["problems"] == [], result["problems"]
    assert result["valid"] is True
    assert result["notes"] == [], "no model uses the first December/January series"


# Series for a September 2025 start, straight from the guide's tables: an assessment in
# January-April is moderated in May/June, one in September-December in December/January.
LAYOUTS_2025 = {
    "two-year": [(1, "2026-06", "first"), (2, "2027-01", "first"), (3, "2027-06", "first")],
    "two-year-long-external": [(1, "2026-06", "first"), (2, "2027-01", "first"), (3, "2027-06", "first")],
    "two-year-resit": [(1, "2026-06", "first"), (2, "2027-01", "first"), (3, "2027-01", "first"),
                       (3, "2027-06", "resit")],
    "two-year-co-delivered-resit": [(1, "2026-06", "first"), (2, "2026-06", "first"), (3, "2027-01", "first"),
                                    (3, "2027-06", "resit")],
    "three-year-resit": [(1, "2026-06", "first"), (2, "2027-06", "first"), (3, "2028-01", "first"),
                         (3, "2028-06", "resit")],
}


@pytest.mark.parametrize("model, expected", LAYOUTS_2025.items())
def test_each_model_places_each_component_in_the_guides_series(model, expected):
    laid_out = delivery_models.layout(model, 2025)
    assert [(row["component"], row["series"], row["kind"]) for row in laid_out] == expected


@pytest.mark.parametrize("model, expected_valid", [
    ("two-year", True), ("two-year-long-external", True), ("two-year-resit", False),
    ("two-year-co-delivered-resit", False), ("three-year-resit", False)])
def test_creative_subjects_fit_only_the_models_without_a_january_external(model, expected_valid):
    result = run("cohort-plan", {"subject": "creative", "model": model, "start_year": 2025})
    assert result["valid"] is expected_valid
    assert {problem["code"] for problem in result["problems"]} <= {"series-not-available"}


@pytest.mark.parametrize("model", MODELS)
def test_art_and_design_fits_no_model_with_a_december_january_assessment(model):
    result = run("cohort-plan", {"subject": "art-and-design", "model": model, "start_year": 2025})
    uses_january = any(row["series"].endswith("-01") for row in delivery_models.layout(model, 2025))
    assert result["valid"] is not uses_january


def test_terms_carry_calendar_years():
    terms = delivery_models.terms("two-year-co-delivered-resit", 2025)
    assert [term["when"] for term in terms] == [
        "September to December 2025", "January to April 2026", "May to July 2026",
        "September 2026 to January 2027", "January 2027", "March to May 2027", "May 2027"]


def test_the_timeline_runs_from_year_one_to_the_last_series():
    result = run("cohort-plan", {"subject": "standard", "model": "three-year-resit", "start_year": "2025"})
    assert [column["code"] for column in result["timeline"]] == [
        "2026-01", "2026-06", "2027-01", "2027-06", "2028-01", "2028-06"]


def plan_with(*rows, subject="standard", model="two-year-resit", start_year=2025):
    return run("cohort-plan", {"subject": subject, "model": model, "start_year": start_year,
                               "attempts": [{"component": c, "series": s} for c, s in rows]})


def test_an_edit_into_a_retake_after_the_terminal_external_shows_the_terminal_rule_and_out_again():
    # The 2-year model without a resit, plus a component 1 retake after the external.
    broken = plan_with((1, "2026-06"), (2, "2027-01"), (3, "2027-01"), (1, "2027-06"))
    assert [problem["code"] for problem in broken["problems"]] == ["terminal-rule"]
    assert broken["laid_out"] is False
    mended = plan_with((1, "2026-06"), (2, "2027-01"), (3, "2027-01"), (1, "2027-06"), (3, "2027-06"))
    assert mended["valid"] is True


def test_the_timeline_grows_to_cover_an_edited_attempt_outside_the_programme():
    result = plan_with((1, "2026-06"), (2, "2027-01"), (3, "2028-06"), model="two-year")
    assert result["timeline"][-1]["code"] == "2028-06"


def test_an_internal_assessment_in_the_first_december_january_series_gets_a_note():
    result = plan_with((1, "2026-01"), (2, "2027-01"), (3, "2027-06"), model="two-year")
    assert [note["code"] for note in result["notes"]] == ["early-first-series"]
    assert result["valid"] is True, "a note is advice, not a broken rule"


BAD_PLANS = [
    ("no model", {"subject": "standard", "start_year": 2025}, "model", "Choose a delivery model"),
    ("unknown model", {"subject": "standard", "model": "four-year", "start_year": 2025}, "model", "Choose one of"),
    ("no start year", {"subject": "standard", "model": "two-year"}, "start_year", "Enter the year"),
    ("start year before the 2022 qualification",
     {"subject": "standard", "model": "two-year", "start_year": 2021}, "start_year", "from 2022 (first teaching"),
    ("start year too far ahead", {"subject": "standard", "model": "two-year", "start_year": 2099},
     "start_year", "to 2037"),
    ("fractional start year", {"subject": "standard", "model": "two-year", "start_year": "2025.5"},
     "start_year", "whole number"),
    ("start year as words", {"subject": "standard", "model": "two-year", "start_year": "next year"},
     "start_year", "must be a number"),
    ("edited rows not a list", {"subject": "standard", "model": "two-year", "start_year": 2025, "attempts": {}},
     "attempts", "list of rows"),
    ("edited row with a bad series",
     {"subject": "standard", "model": "two-year", "start_year": 2025, "attempts": [{"component": 1, "series": "soon"}]},
     "attempts-0-series", "Row 1"),
]


@pytest.mark.parametrize("why, inputs, field, message", BAD_PLANS, ids=[case[0] for case in BAD_PLANS])
def test_bad_plan_inputs_get_a_message_beside_the_right_field(why, inputs, field, message):
    result = run("cohort-plan", inputs)
    assert result["ok"] is False
    assert message in result["errors"][field]
