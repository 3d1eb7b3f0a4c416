"""Calendar and working-day arithmetic: day 0 is the start, working days skip weekends and bank holidays."""
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.dates import NATIONS
from calculators.dates import (add_calendar_days, add_working_days, day_warnings, is_working_day, long_date)

NATION = st.sampled_from(list(NATIONS))
KNOWN_DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 1))


@pytest.mark.parametrize("start, days, expected", [
    (date(2024, 2, 28), 1, date(2024, 2, 29)),
    (date(2023, 2, 28), 1, date(2023, 3, 1)),
    (date(2024, 2, 29), 365, date(2025, 2, 28)),
    (date(2025, 12, 31), 1, date(2026, 1, 1)),
])
def test_calendar_days_count_every_day_including_29_february(start, days, expected):
    assert add_calendar_days(start, days) == expected


def test_zero_working_days_is_the_start_date_itself():
    assert add_working_days(date(2025, 12, 25), 0, "england-and-wales") == date(2025, 12, 25)


@pytest.mark.parametrize("nation, expected", [("england-and-wales", date(2025, 12, 30)),
                                              ("scotland", date(2025, 12, 30)),
                                              ("northern-ireland", date(2025, 12, 30))])
def test_two_working_days_from_christmas_eve_skip_christmas_boxing_day_and_the_weekend(nation, expected):
    assert add_working_days(date(2025, 12, 24), 2, nation) == expected


@given(start=KNOWN_DAYS, days=st.integers(min_value=1, max_value=10), nation=NATION)
def test_working_days_end_on_a_working_day_with_exactly_n_working_days_after_the_start(start, days, nation):
    due = add_working_days(start, days, nation)
    assert is_working_day(due, nation)
    between = [start + timedelta(days=n) for n in range(1, (due - start).days + 1)]
    assert sum(is_working_day(day, nation) for day in between) == days


@given(start=KNOWN_DAYS, days=st.integers(min_value=0, max_value=10), nation=NATION)
def test_working_days_are_never_fewer_calendar_days_than_asked(start, days, nation):
    assert add_working_days(start, days, nation) >= add_calendar_days(start, days)


@pytest.mark.parametrize("day, text", [(date(2024, 9, 1), "Sunday 1 September 2024"),
                                       (date(2024, 2, 29), "Thursday 29 February 2024")])
def test_a_long_date_always_carries_its_weekday(day, text):
    assert long_date(day) == text


@pytest.mark.parametrize("day, nation, codes", [
    (date(2025, 9, 3), "england-and-wales", []),
    (date(2025, 9, 6), "england-and-wales", ["weekend"]),
    (date(2026, 1, 2), "scotland", ["bank-holiday"]),
    (date(2026, 12, 26), "northern-ireland", ["weekend"]),  # Boxing Day; its bank holiday is the Monday
    (date(2040, 3, 1), "scotland", ["bank-holidays-unknown"]),
])
def test_day_warnings_flag_weekends_bank_holidays_and_unknown_years(day, nation, codes):
    assert [warning["code"] for warning in day_warnings(day, nation)] == codes


@pytest.mark.parametrize("day, named, substitute", [
    (date(2026, 12, 26), "Boxing Day", "Monday 28 December 2026"),
    (date(2027, 12, 25), "Christmas Day", "Monday 27 December 2027"),
    (date(2027, 12, 26), "Boxing Day", "Tuesday 28 December 2027"),  # after Christmas Day's Monday
    (date(2028, 1, 1), "New Year's Day", "expected substitute day, Monday 3 January 2028"),  # not yet proclaimed
])
def test_a_holiday_at_a_weekend_is_not_called_a_bank_holiday_its_substitute_day_is(day, named, substitute):
    # GOV.UK's bank holiday is the substitute weekday; the weekend day itself is not one.
    [weekend, *_] = day_warnings(day, "england-and-wales")
    if "expected" not in substitute:
        substitute = "substitute day, " + substitute
    assert f"It is {named}, but the bank holiday is the {substitute}." in weekend["message"]
    assert "bank-holiday" not in [warning["code"] for warning in day_warnings(day, "england-and-wales")]
