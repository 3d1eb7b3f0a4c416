"""The deadline calculator: every rule's days, working days by nation, warnings, coverage.

Day 0 is the start date; calendar deadlines never move off a weekend or bank holiday.
"""
from datetime import date, timedelta

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import bank_holidays, run
from calculators.dates import NATIONS, is_working_day
from calculators.deadline import rule_table


def basis_for(rule):
    """The 30-day appeal asks which date was entered; these tests enter the day it arrived."""
    return {"start_basis": "received"} if rule_table()[rule].get("asks_start_basis") else {}

CALENDAR_RULES = [
    # rule, start, deadline, why this case matters
    ("romm-service-1", "2025-08-21", "2025-08-31", "ends on the last day of a month"),
    ("romm-service-1", "2024-02-20", "2024-03-01", "passes 29 February in a leap year"),
    ("romm-service-1", "2025-02-20", "2025-03-02", "no 29 February in 2025"),
    ("romm-service-2", "2024-12-20", "2025-01-09", "crosses the year end"),
    ("romm-service-2", "2024-02-29", "2024-03-20", "starts on 29 February"),
    ("romm-priority-service-2", "2025-08-14", "2025-08-29", "results-day request"),
    ("romm-priority-service-2", "2023-12-25", "2024-01-09", "Christmas is counted like any day"),
    ("appeal-after-review", "2024-01-31", "2024-03-01", "30 days from 31 January in a leap year"),
    ("appeal-after-review", "2025-01-31", "2025-03-02", "30 days from 31 January otherwise"),
    ("appeal-malpractice", "2025-12-25", "2026-01-08", "crosses the year end"),
    ("appeal-special-consideration", "2028-02-15", "2028-02-29", "lands on 29 February"),
]


@pytest.mark.parametrize("rule, start, expected, why", CALENDAR_RULES)
def test_calendar_deadline_counts_the_start_date_as_day_zero(rule, start, expected, why):
    result = run("deadline", {"rule": rule, "date": start, **basis_for(rule)})
    assert result["ok"], result
    assert result["deadline"] == expected, why
    assert result["day_kind"] == "calendar"


@pytest.mark.parametrize("rule, days", [
    ("romm-service-1", 10), ("romm-service-2", 20), ("romm-priority-service-2", 15),
    ("appeal-after-review", 30), ("appeal-malpractice", 14), ("appeal-special-consideration", 14),
])
def test_each_post_results_rule_has_its_published_number_of_days(rule, days):
    result = run("deadline", {"rule": rule, "date": "2025-09-01", **basis_for(rule)})
    assert result["days"] == days
    assert result["source"].startswith("Pearson, Post-results services")


def test_deadline_on_a_sunday_is_not_moved_and_says_sunday():
    result = run("deadline", {"rule": "romm-service-1", "date": "2024-08-22"})
    assert result["deadline"] == "2024-09-01"
    assert result["weekday"] == "Sunday"
    assert result["deadline_text"] == "Sunday 1 September 2024"


@pytest.mark.parametrize("typed", ["1/9/2024", "01/09/2024", "2024-09-01", "1 September 2024", "1 Sept 2024",
                                   "1.9.2024"])
def test_dates_typed_the_uk_way_are_understood(typed):
    assert run("deadline", {"rule": "romm-service-1", "date": typed})["deadline"] == "2024-09-11"


@pytest.mark.parametrize("typed, message_part", [
    ("", "Enter the date"),
    ("   ", "Enter the date"),
    ("31/02/2025", "does not exist"),
    ("2025-13-01", "month"),
    ("tomorrow", "for example"),
    ("1/1/1066", "year"),
    ("20/8/26", "Enter the year in full"),  # the century is not guessed
    ("20.8.26", "Enter the year in full"),
])
def test_a_bad_date_gets_a_message_on_the_date_field(typed, message_part):
    result = run("deadline", {"rule": "romm-service-1", "date": typed})
    assert result["ok"] is False
    assert message_part in result["errors"]["date"]
    assert "rule" not in result["errors"]


def test_an_unknown_rule_and_a_bad_date_are_both_reported():
    result = run("deadline", {"rule": "romm-service-9", "date": "32/1/2025"})
    assert set(result["errors"]) == {"rule", "date"}


EVERY_RULE = [
    # rule, days, day kind, where the citation starts
    ("romm-service-1", 10, "calendar", "Pearson, Post-results services"),
    ("romm-service-2", 20, "calendar", "Pearson, Post-results services"),
    ("romm-priority-service-2", 15, "calendar", "Pearson, Post-results services"),
    ("romm-service-3", 35, "calendar", "Later notice N2"),
    ("appeal-after-review", 30, "calendar", "Pearson, Post-results services"),
    ("appeal-malpractice", 14, "calendar", "Pearson, Post-results services"),
    ("appeal-special-consideration", 14, "calendar", "Pearson, Post-results services"),
    ("appeal-administrative-decision", 14, "calendar", "Later notice N3"),
    ("appeal-hearing-request", 14, "calendar", "Later notice N3"),
    ("appeal-preliminary-outcome", 42, "calendar", "Pearson, Post-results services"),
    ("appeal-hearing-outcome", 70, "calendar", "Pearson, Post-results services"),
    ("evidence-retention", 84, "calendar", "Pearson, BTEC Tech Awards QA centre guide"),
    ("appeal-acknowledgement", 2, "working", "Pearson, Post-results services"),
    ("annotations", 5, "working", "Pearson, Post-results services"),
    ("fast-track-approval", 5, "working", "Pearson, BTEC Tech Awards QA centre guide"),
]


def test_the_rules_data_has_exactly_the_rules_the_calculator_is_tested_for():
    assert set(rule_table()) == {rule for rule, *_ in EVERY_RULE}


@pytest.mark.parametrize("rule, days, kind, cited", EVERY_RULE)
def test_every_rule_counts_its_published_days_and_cites_its_source(rule, days, kind, cited):
    result = run("deadline", {"rule": rule, "date": "2025-09-03", **basis_for(rule)})
    assert result["ok"], result
    assert (result["days"], result["day_kind"]) == (days, kind)
    assert result["source"].startswith(cited)
    if kind == "calendar":
        assert result["deadline"] == (date(2025, 9, 3) + timedelta(days=days)).isoformat()


def test_evidence_is_kept_12_weeks_after_certificates_arrive_across_29_february():
    result = run("deadline", {"rule": "evidence-retention", "date": "2024-01-15"})
    assert (result["deadline"], result["weeks"]) == ("2024-04-08", 12)


def test_review_of_moderation_ends_35_days_after_the_moderator_received_the_sample():
    assert run("deadline", {"rule": "romm-service-3", "date": "2025-05-20"})["deadline"] == "2025-06-24"


WORKING_DAYS = [
    # rule, start, nation, deadline, why
    ("appeal-acknowledgement", "2025-08-29", "england-and-wales", "2025-09-02", "a weekend is skipped"),
    ("appeal-acknowledgement", "2025-09-06", "england-and-wales", "2025-09-09",
     "a Saturday start counts Monday as day 1"),
    ("appeal-acknowledgement", "2025-08-22", "england-and-wales", "2025-08-27", "late summer bank holiday"),
    ("appeal-acknowledgement", "2025-08-22", "scotland", "2025-08-27", "Pearson's late summer holiday, not Scotland's"),
    ("appeal-acknowledgement", "2025-08-22", "northern-ireland", "2025-08-27", "late summer bank holiday"),
    ("appeal-acknowledgement", "2025-12-31", "england-and-wales", "2026-01-05", "New Year's Day"),
    ("appeal-acknowledgement", "2025-12-31", "scotland", "2026-01-05", "Scotland's 2 January does not stop Pearson"),
    ("appeal-acknowledgement", "2025-12-31", "northern-ireland", "2026-01-05", "New Year's Day"),
    ("fast-track-approval", "2025-12-22", "england-and-wales", "2025-12-31", "Christmas and Boxing Day"),
    ("fast-track-approval", "2025-12-29", "england-and-wales", "2026-01-06", "New Year's Day only"),
    ("fast-track-approval", "2025-12-29", "scotland", "2026-01-06", "only 1 January: Pearson's holidays"),
    ("appeal-acknowledgement", "2025-04-17", "england-and-wales", "2025-04-23", "Good Friday and Easter Monday"),
    ("appeal-acknowledgement", "2025-04-17", "scotland", "2025-04-23", "Pearson keeps Easter Monday"),
    ("appeal-acknowledgement", "2025-04-17", "northern-ireland", "2025-04-23", "Good Friday and Easter Monday"),
    ("appeal-acknowledgement", "2026-11-27", "england-and-wales", "2026-12-01",
     "St Andrew's Day is not a holiday here"),
    ("appeal-acknowledgement", "2026-11-27", "scotland", "2026-12-01", "St Andrew's Day does not stop Pearson"),
    ("appeal-acknowledgement", "2026-03-16", "england-and-wales", "2026-03-18", "17 March is not a holiday here"),
    ("appeal-acknowledgement", "2026-03-16", "northern-ireland", "2026-03-18",
     "St Patrick's Day does not stop Pearson"),
    ("annotations", "2027-07-07", "england-and-wales", "2027-07-14", "12 July is not a holiday here"),
    ("annotations", "2027-07-07", "northern-ireland", "2027-07-14", "the Boyne does not stop Pearson"),
    ("fast-track-approval", "2024-02-26", "england-and-wales", "2024-03-04", "29 February is a working day"),
]


@pytest.mark.parametrize("rule, start, nation, expected, why", WORKING_DAYS)
def test_pearsons_working_days_skip_weekends_and_england_and_wales_bank_holidays_wherever_the_centre_is(
        rule, start, nation, expected, why):
    result = run("deadline", {"rule": rule, "date": start, "nation": nation})
    assert result["ok"], result
    assert result["deadline"] == expected, why
    assert result["warnings"] == []


def test_the_nation_defaults_to_england_and_wales():
    result = run("deadline", {"rule": "appeal-acknowledgement", "date": "2025-12-31"})
    assert (result["nation"], result["deadline"]) == ("england-and-wales", "2026-01-05")


CALENDAR_WARNINGS = [
    # rule, start, nation, deadline, warning codes
    ("romm-service-1", "2024-08-22", "england-and-wales", "2024-09-01", ["weekend"]),
    ("romm-service-1", "2025-12-15", "england-and-wales", "2025-12-25", ["bank-holiday"]),
    ("romm-service-1", "2025-12-15", "scotland", "2025-12-25", ["bank-holiday"]),
    ("romm-service-1", "2025-12-15", "northern-ireland", "2025-12-25", ["bank-holiday"]),
    ("romm-service-1", "2025-12-23", "scotland", "2026-01-02", ["bank-holiday"]),
    ("romm-service-1", "2025-12-23", "england-and-wales", "2026-01-02", []),
    ("appeal-malpractice", "2026-11-16", "scotland", "2026-11-30", ["bank-holiday", "act-by"]),
    ("appeal-malpractice", "2026-11-16", "england-and-wales", "2026-11-30", []),
    ("romm-service-1", "2026-03-07", "northern-ireland", "2026-03-17", ["bank-holiday"]),
    ("romm-service-1", "2026-03-07", "scotland", "2026-03-17", []),
    ("appeal-malpractice", "2027-06-28", "northern-ireland", "2027-07-12", ["bank-holiday", "act-by"]),
    ("romm-service-2", "2025-03-31", "england-and-wales", "2025-04-20", ["weekend"]),
    ("romm-service-2", "2025-04-01", "england-and-wales", "2025-04-21", ["bank-holiday"]),
    ("romm-service-2", "2025-04-01", "scotland", "2025-04-21", []),
    # Boxing Day at a weekend: the Monday after is the bank holiday (see test_dates).
    ("romm-service-2", "2026-12-06", "england-and-wales", "2026-12-26", ["weekend"]),
]


@pytest.mark.parametrize("rule, start, nation, expected, codes", CALENDAR_WARNINGS)
def test_a_calendar_deadline_on_a_weekend_or_bank_holiday_is_not_moved_but_warned(rule, start, nation, expected, codes):
    result = run("deadline", {"rule": rule, "date": start, "nation": nation})
    assert result["deadline"] == expected
    assert [warning["code"] for warning in result["warnings"]] == codes
    assert all(warning["message"] for warning in result["warnings"])


def test_the_bank_holiday_warning_names_the_holiday_and_the_nation():
    result = run("deadline", {"rule": "appeal-malpractice", "date": "2026-11-16", "nation": "scotland"})
    assert "Scotland" in result["warnings"][0]["message"] and "Andrew" in result["warnings"][0]["message"]


@pytest.mark.parametrize("rule, start", [("romm-service-1", f"{bank_holidays.last_year() + 1}-03-01"),
                                         ("appeal-acknowledgement", f"{bank_holidays.last_year()}-12-31")])
def test_past_the_bank_holiday_table_the_calculator_says_holidays_are_unknown(rule, start):
    codes = [warning["code"] for warning in run("deadline", {"rule": rule, "date": start})["warnings"]]
    assert "bank-holidays-unknown" in codes


COVERAGE = [
    # rule, qualification, offered
    ("romm-priority-service-2", "btec-tech-awards", False),
    ("romm-priority-service-2", "btec-firsts", False),
    ("romm-priority-service-2", "edexcel-functional-skills", False),
    ("romm-priority-service-2", "btec-technicals", False),
    ("romm-priority-service-2", "btec-nationals", True),
    ("romm-priority-service-2", "edexcel-gcse", True),
    ("romm-service-1", "btec-tech-awards", True),
    ("romm-service-2", "btec-tech-awards", True),
    ("romm-service-2", "edexcel-functional-skills", True),
    ("romm-service-3", "btec-tech-awards", True),
    ("romm-priority-service-2", "edexcel-maths-awards-l3", True),
    ("romm-priority-service-2", "edexcel-maths-awards-l1-l2", False),
    ("romm-service-1", "edexcel-maths-awards-l1-l2", True),
    ("appeal-after-review", "edexcel-gcse", True),
]


@pytest.mark.parametrize("rule, qualification, offered", COVERAGE)
def test_a_review_service_is_refused_for_a_qualification_it_does_not_cover(rule, qualification, offered):
    result = run("deadline", {"rule": rule, "date": "2025-08-14", "qualification": qualification, **basis_for(rule)})
    assert result["ok"] is offered
    if not offered:
        assert set(result["errors"]) == {"qualification"}
        assert "not offered" in result["errors"]["qualification"]


def test_priority_service_2_covers_only_gcse_igcse_level_3_edexcel_and_btec_nationals():
    from calculators import rules
    covered = set(rules.entry("deadlines", "deadline", "romm-priority-service-2")["covers"])
    assert covered == {"edexcel-gcse", "edexcel-international-gcse", "edexcel-aea", "edexcel-as-a-level",
                       "edexcel-maths-awards-l3", "core-maths", "btec-nationals"}
    headings = {entry["id"]: entry["heading"] for entry in rules.table("deadlines", "qualification")}
    assert not any(key.endswith("-units") for key in headings), "a list heading is not a qualification"


def test_service_3_outside_the_tech_awards_says_what_the_sources_cover_not_that_it_is_not_offered():
    message = run("deadline", {"rule": "romm-service-3", "date": "2025-08-14",
                               "qualification": "edexcel-gcse"})["errors"]["qualification"]
    assert "not offered" not in message
    assert "describe" in message and "BTEC Level 2 Tech Awards" in message and "JCQ" in message


def test_service_3s_conditions_are_in_its_caveat():
    note = run("deadline", {"rule": "romm-service-3", "date": "2025-08-14"})["note"]
    assert "adjusted" in note and "results day" in note and "every learner has their results" in note


def test_the_coverage_message_suggests_the_services_that_are_offered():
    message = run("deadline", {"rule": "romm-priority-service-2", "date": "2025-08-14",
                               "qualification": "btec-tech-awards"})["errors"]["qualification"]
    assert "Service 2: review of marking" in message and "BTEC Level 2 Tech Awards" in message


@pytest.mark.parametrize("basis, phrase", [("received", "reached you"),
                                           ("letter-date", "printed on the outcome letter")])
def test_appeal_after_review_says_which_date_it_counted_from(basis, phrase):
    result = run("deadline", {"rule": "appeal-after-review", "date": "2025-08-20", "start_basis": basis})
    assert result["start_basis"] == basis
    assert result["warnings"][0]["code"] == "start-basis" and phrase in result["warnings"][0]["message"]
    assert result["deadline"] == "2025-09-19"


@pytest.mark.parametrize("field, value", [("nation", "wales"), ("qualification", "gcse"), ("start_basis", "posted")])
def test_an_unknown_choice_is_refused_on_its_own_field(field, value):
    result = run("deadline", {"rule": "appeal-after-review", "date": "2025-08-20", **basis_for("appeal-after-review"),
                              field: value})
    assert set(result["errors"]) == {field}


def test_the_calendar_file_holds_one_all_day_event_on_the_deadline():
    result = run("deadline", {"rule": "romm-service-2", "date": "2025-08-14", "nation": "scotland"})
    parsed = icalendar.Calendar.from_ical(result["calendar"])
    [event] = parsed.walk("VEVENT")
    assert event.decoded("DTSTART") == date(2025, 9, 3)
    assert event.decoded("DTEND") == date(2025, 9, 4)
    assert "Source: Pearson, Post-results services" in str(event["DESCRIPTION"])
    assert str(event["UID"]) == run("deadline", {"rule": "romm-service-2", "date": "14/8/2025",
                                                 "nation": "scotland"})["calendar"].split("UID:")[1].split("\r\n")[0]


@settings(max_examples=200, deadline=None)
@given(rule=st.sampled_from([rule for rule, *_ in EVERY_RULE]),
       start=st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 11, 30)),
       nation=st.sampled_from(list(NATIONS)))
def test_a_deadline_is_after_its_start_and_a_working_deadline_is_a_working_day(rule, start, nation):
    result = run("deadline", {"rule": rule, "date": start.isoformat(), "nation": nation, **basis_for(rule)})
    due = date.fromisoformat(result["deadline"])
    assert due > start
    if result["day_kind"] == "working":
        pearson = "england-and-wales"
        assert is_working_day(due, pearson)
        assert sum(is_working_day(start + timedelta(days=n), pearson)
                   for n in range(1, (due - start).days + 1)) == result["days"]


ANY_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                        lambda children: st.lists(children, max_size=3), max_leaves=8)


@settings(max_examples=200, deadline=None)
@given(fields=st.dictionaries(st.sampled_from(["rule", "date", "nation", "qualification", "start_basis"]),
                              ANY_JSON | st.sampled_from(["romm-priority-service-2", "btec-tech-awards", "scotland",
                                                          "letter-date", "2027-12-31", "annotations"])))
def test_the_deadline_door_never_raises_whatever_the_fields_hold(fields):
    result = run("deadline", fields)
    assert result["ok"] or all(isinstance(message, str) and message for message in result["errors"].values())


# Issue 8's catalogue at the door: each bad value gets one message on its own field, and the
# field that was fine is left alone.
@pytest.mark.parametrize("inputs, field", [
    ({"rule": "romm-service-1", "date": "2101-01-01"}, "date"),
    ({"rule": "romm-service-1", "date": "1999-12-31"}, "date"),
    ({"rule": "romm-service-1", "date": "2025-02-29"}, "date"),
    ({"rule": "romm-service-1", "date": "0/1/2025"}, "date"),
    ({"rule": "romm-service-1", "date": 20250101}, "date"),
    ({"rule": "romm-service-1", "date": ["2025-01-01"]}, "date"),
    ({"rule": "romm-service-1", "date": None}, "date"),
    ({"rule": "romm-service-1"}, "date"),
    ({"rule": 7, "date": "2025-01-01"}, "rule"),
    ({"rule": "  ", "date": "2025-01-01"}, "rule"),
    ({"date": "2025-01-01"}, "rule"),
    ({"rule": "romm-service-1", "date": "2025-01-01", "nation": "wales"}, "nation"),
])
def test_each_bad_value_is_refused_on_its_own_field_only(inputs, field):
    result = run("deadline", inputs)
    assert result["ok"] is False
    assert list(result["errors"]) == [field], result["errors"]


@pytest.mark.parametrize("start, nation, expected, holiday", [
    ("2026-11-26", "scotland", "2026-11-30", "Andrew"),
    ("2026-03-13", "northern-ireland", "2026-03-17", "Patrick"),
])
def test_a_pearson_working_day_that_is_a_bank_holiday_where_the_centre_is_is_kept_and_warned(
        start, nation, expected, holiday):
    result = run("deadline", {"rule": "appeal-acknowledgement", "date": start, "nation": nation})
    assert result["deadline"] == expected
    [warning] = [each for each in result["warnings"] if each["code"] == "centre-bank-holiday"]
    assert holiday in warning["message"] and "working day before" in warning["message"]
    assert result["counted_on"] == "england-and-wales"


def test_an_appeal_acknowledgement_in_later_years_skips_christmas():
    # 2031 is past the proclaimed table: the regular holidays still count.
    assert run("deadline", {"rule": "appeal-acknowledgement", "date": "2031-12-24"})["deadline"] == "2031-12-30"


def test_the_30_day_appeal_asks_which_date_was_entered_and_assumes_neither():
    result = run("deadline", {"rule": "appeal-after-review", "date": "2025-08-20"})
    assert set(result["errors"]) == {"start_basis"} and "safer" in result["errors"]["start_basis"]


def test_the_30_day_appeal_says_it_counts_from_the_letter_when_the_letter_date_is_chosen():
    result = run("deadline", {"rule": "appeal-after-review", "date": "2025-08-20", "start_basis": "letter-date"})
    assert result["starts"] == "the review outcome letter is dated"
    unfolded = result["calendar"].replace("\r\n ", "")
    assert "the day the review outcome letter is dated" in unfolded and "reaches the centre" not in unfolded
    received = run("deadline", {"rule": "appeal-after-review", "date": "2025-08-20", "start_basis": "received"})
    assert received["starts"] == "the review outcome reaches the centre"


def test_an_appeal_against_an_administrative_decision_is_due_14_calendar_days_after_its_outcome():
    result = run("deadline", {"rule": "appeal-administrative-decision", "date": "2025-09-01"})
    assert (result["deadline"], result["days"], result["day_kind"]) == ("2025-09-15", 14, "calendar")
    assert result["source"].startswith("Later notice N3")


@pytest.mark.parametrize("closing, expected", [("2026-01-20", "2026-01-20"), ("2025-11-01", "2025-12-25")])
def test_keeping_learner_work_runs_to_the_later_of_12_weeks_and_the_post_results_closing_date(closing, expected):
    result = run("deadline", {"rule": "evidence-retention", "date": "2025-10-02", "closing_date": closing})
    assert result["deadline"] == expected
    assert result["warnings"][0]["code"] == "later-of-two"


def test_keeping_learner_work_without_a_closing_date_is_12_weeks():
    assert run("deadline", {"rule": "evidence-retention", "date": "2025-10-02"})["deadline"] == "2025-12-25"


def test_a_centre_deadline_on_a_weekend_says_to_send_it_the_working_day_before():
    # 30 days from Thursday 10 September 2026 is Saturday 10 October.
    result = run("deadline", {"rule": "appeal-after-review", "date": "2026-09-10", "start_basis": "letter-date"})
    assert result["deadline"] == "2026-10-10"
    [act] = [warning for warning in result["warnings"] if warning["code"] == "act-by"]
    assert "Send it by Friday 9 October 2026" in act["message"]


def test_pearsons_own_completion_date_on_a_weekend_has_no_send_by():
    result = run("deadline", {"rule": "romm-service-1", "date": "2024-08-22"})
    assert [warning["code"] for warning in result["warnings"]] == ["weekend"]


def test_a_deadline_already_past_on_the_readers_today_says_so():
    result = run("deadline", {"rule": "appeal-malpractice", "date": "2026-09-01", "today": "2026-10-01"})
    assert result["warnings"][0]["code"] == "past" and "16 days ago" in result["warnings"][0]["message"]
    fresh = run("deadline", {"rule": "appeal-malpractice", "date": "2026-09-01", "today": "2026-09-15"})
    assert "past" not in [warning["code"] for warning in fresh["warnings"]]


# --- what next (issue 14) ------------------------------------------------------------------

@pytest.mark.parametrize("review, qualification", [
    ("romm-service-1", "btec-tech-awards"), ("romm-service-2", "btec-tech-awards"),
    ("romm-priority-service-2", "edexcel-gcse"), ("romm-service-3", "btec-tech-awards")])
def test_a_reviews_deadline_links_on_to_the_appeal_deadline_with_the_rule_filled_in(review, qualification):
    answer = run("deadline", {"rule": review, "date": "2025-08-21", "nation": "scotland",
                              "qualification": qualification})
    [step] = answer["next"]
    assert step["calculator"] == "deadline"
    assert step["inputs"] == {"rule": "appeal-after-review", "nation": "scotland", "qualification": qualification}
    # The link's inputs are ones the deadline calculator takes: only the date is left to give.
    assert set(run("deadline", step["inputs"])["errors"]) == {"date", "start_basis"}


@pytest.mark.parametrize("rule_id", ["appeal-after-review", "appeal-malpractice", "annotations"])
def test_other_deadlines_have_no_next_step(rule_id):
    assert run("deadline", {"rule": rule_id, "date": "2025-08-21", "start_basis": "letter-date"})["next"] == []


def test_a_review_counted_from_pearsons_receipt_says_the_last_day_to_ask_is_a_fixed_date_per_series():
    """Later notice N4: completion times are counted; request deadlines are published dates."""
    answer = run("deadline", {"rule": "romm-priority-service-2", "date": "20/08/2026", "qualification": "edexcel-gcse"})
    assert answer["ok"] and "fixed date published for each exam series" in answer["note"]
    appeal = run("deadline", {"rule": "appeal-administrative-decision", "date": "20/08/2026"})
    assert "fixed date published" not in appeal.get("note", "")


def test_a_service_offered_for_some_qualifications_says_which_when_none_is_given():
    # The post-results page lists Priority Service 2's qualifications: BTEC Level 3 Nationals are
    # the only BTECs, so a Tech Award centre must not take its date as theirs.
    def unchecked(rule, **more):
        answer = run("deadline", {"rule": rule, "date": "10/12/2026", **more})
        assert answer["ok"], answer
        return [warning["message"] for warning in answer["warnings"] if warning["code"] == "qualification-not-given"]

    [priority] = unchecked("romm-priority-service-2")
    assert "is not offered for" in priority and "BTEC Level 2 Tech Awards" in priority
    assert "BTEC Level 3 Nationals" not in priority and "Edexcel GCSE;" not in priority
    assert unchecked("romm-priority-service-2", qualification="edexcel-gcse") == []
    assert unchecked("romm-service-2") == [], "Service 2 is offered for every qualification listed"
    [moderation] = unchecked("romm-service-3")
    assert moderation.startswith("The sources describe Service 3: review of moderation only for BTEC Level 2 Tech")
    assert unchecked("appeal-after-review", start_basis="letter-date") == []
