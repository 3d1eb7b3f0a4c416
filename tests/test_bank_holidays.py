"""The committed bank-holiday table matches the `holidays` package it was generated from."""
from datetime import date

import holidays
import pytest

from build_tools import bank_holidays as generator
from calculators import bank_holidays, rules

TABLE = rules.load("bank_holidays")


@pytest.mark.parametrize("nation, subdivision", [("england-and-wales", "ENG"), ("england-and-wales", "WLS"),
                                                 ("scotland", "SCT"), ("northern-ireland", "NIR")])
def test_the_table_lists_exactly_the_librarys_holidays_for_each_nation(nation, subdivision):
    library = holidays.UK(subdiv=subdivision, years=range(TABLE["first_year"], TABLE["last_year"] + 1))
    table = {date.fromisoformat(day): name for day, name in TABLE["holidays"][nation].items()}
    assert table == dict(library)


def test_the_table_says_when_it_was_generated_and_the_last_year_it_covers():
    generated = date.fromisoformat(TABLE["generated"])
    assert TABLE["last_year"] == generated.year + 1
    assert bank_holidays.last_year() == TABLE["last_year"]
    assert TABLE["generator"] == f"holidays {holidays.__version__}"


def test_regenerating_with_the_same_date_gives_the_committed_file():
    committed = (rules.RULES_DIR / "bank_holidays.toml").read_text(encoding="utf-8")
    assert generator.render(date.fromisoformat(TABLE["generated"]), TABLE["last_year"]) == committed


@pytest.mark.parametrize("day, nation, name_part", [
    (date(2026, 1, 2), "scotland", "New Year"),
    (date(2025, 12, 1), "scotland", "Andrew"),
    (date(2026, 3, 17), "northern-ireland", "Patrick"),
    (date(2027, 7, 12), "northern-ireland", "Boyne"),
    (date(2025, 4, 21), "england-and-wales", "Easter Monday"),
    (date(2024, 12, 26), "northern-ireland", "Boxing"),
])
def test_each_nations_own_days_are_bank_holidays(day, nation, name_part):
    assert name_part in bank_holidays.holiday_name(day, nation)


@pytest.mark.parametrize("day, nation", [
    (date(2026, 1, 2), "england-and-wales"), (date(2025, 12, 1), "northern-ireland"),
    (date(2026, 3, 17), "scotland"), (date(2027, 7, 12), "england-and-wales"), (date(2025, 4, 21), "scotland"),
])
def test_another_nations_days_are_not_bank_holidays(day, nation):
    assert bank_holidays.holiday_name(day, nation) is None


def test_years_outside_the_table_are_unknown_not_holiday_free():
    assert bank_holidays.known(date(TABLE["last_year"], 12, 31))
    assert not bank_holidays.known(date(TABLE["last_year"] + 1, 1, 1))
    assert not bank_holidays.known(date(TABLE["first_year"] - 1, 12, 31))


def test_the_table_still_covers_this_year():
    # Fails once the year it covers has passed: run `python -m build_tools.bank_holidays` and commit.
    assert bank_holidays.last_year() >= date.today().year


# Years in which a bank holiday was moved or added by proclamation: the regular rules cannot know them.
ONE_OFF_YEARS = {"england-and-wales": {2002, 2011, 2012, 2020, 2022, 2023},
                 "scotland": {2002, 2011, 2012, 2020, 2022, 2023, 2026},
                 "northern-ireland": {2002, 2011, 2012, 2020, 2022, 2023}}


@pytest.mark.parametrize("nation, subdivision", [("england-and-wales", "ENG"), ("scotland", "SCT"),
                                                 ("northern-ireland", "NIR")])
def test_the_regular_rules_give_every_years_bank_holidays_but_one_off_days(nation, subdivision):
    for year in range(2000, 2101):
        if year in ONE_OFF_YEARS[nation]:
            continue
        assert set(bank_holidays.regular(year, nation)) == set(holidays.UK(subdiv=subdivision, years=[year])), year


def test_christmas_is_a_bank_holiday_in_years_after_the_table():
    later = TABLE["last_year"] + 3
    assert bank_holidays.holiday_name(date(later, 12, 25), "england-and-wales") or \
        date(later, 12, 25).weekday() >= 5
    assert bank_holidays.holiday_name(date(2030, 12, 25), "scotland") == "Christmas Day"
    assert bank_holidays.holiday_name(date(2032, 12, 27), "northern-ireland") == "Christmas Day (observed)"


def test_a_weekend_holiday_moves_to_the_next_weekday_that_is_not_already_a_holiday():
    # 2033: 1 January is a Saturday and 2 January a Sunday (Scotland has both).
    assert bank_holidays.holiday_name(date(2033, 1, 3), "scotland") == "New Year's Day (observed)"
    assert bank_holidays.holiday_name(date(2033, 1, 4), "scotland") == "New Year Holiday (observed)"
    assert bank_holidays.holiday_name(date(2033, 1, 4), "england-and-wales") is None
    assert bank_holidays.holiday_name(date(2034, 7, 12), "northern-ireland") == "Battle of the Boyne"


def test_easter_is_worked_out_for_any_year():
    assert bank_holidays.easter_sunday(2030) == date(2030, 4, 21)
    assert bank_holidays.holiday_name(date(2030, 4, 22), "england-and-wales") == "Easter Monday"
    assert bank_holidays.holiday_name(date(2030, 4, 22), "scotland") is None
