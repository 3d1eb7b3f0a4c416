"""The calendar-day post-results deadlines: day 0 is the start date, nothing moves off a weekend."""
import pytest

from calculators import run

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
    result = run("deadline", {"rule": rule, "date": start})
    assert result["ok"], result
    assert result["deadline"] == expected, why
    assert result["day_kind"] == "calendar"


@pytest.mark.parametrize("rule, days", [
    ("romm-service-1", 10), ("romm-service-2", 20), ("romm-priority-service-2", 15),
    ("appeal-after-review", 30), ("appeal-malpractice", 14), ("appeal-special-consideration", 14),
])
def test_each_post_results_rule_has_its_published_number_of_days(rule, days):
    result = run("deadline", {"rule": rule, "date": "2025-09-01"})
    assert result["days"] == days
    assert result["source"].startswith("Pearson, Post-results services")


def test_deadline_on_a_sunday_is_not_moved_and_says_sunday():
    result = run("deadline", {"rule": "romm-service-1", "date": "2024-08-22"})
    assert result["deadline"] == "2024-09-01"
    assert result["weekday"] == "Sunday"
    assert result["deadline_text"] == "Sunday 1 September 2024"


@pytest.mark.parametrize("typed", ["1/9/2024", "01/09/2024", "2024-09-01", "1 September 2024", "1 Sept 2024", "1.9.2024"])
def test_dates_typed_the_uk_way_are_understood(typed):
    assert run("deadline", {"rule": "romm-service-1", "date": typed})["deadline"] == "2024-09-11"


@pytest.mark.parametrize("typed, message_part", [
    ("", "Enter the date"),
    ("   ", "Enter the date"),
    ("31/02/2025", "does not exist"),
    ("2025-13-01", "month"),
    ("tomorrow", "for example"),
    ("1/1/1066", "year"),
])
def test_a_bad_date_gets_a_message_on_the_date_field(typed, message_part):
    result = run("deadline", {"rule": "romm-service-1", "date": typed})
    assert result["ok"] is False
    assert message_part in result["errors"]["date"]
    assert "rule" not in result["errors"]


def test_an_unknown_rule_and_a_bad_date_are_both_reported():
    result = run("deadline", {"rule": "romm-service-9", "date": "32/1/2025"})
    assert set(result["errors"]) == {"rule", "date"}
