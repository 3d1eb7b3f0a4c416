"""Calendar and working-day arithmetic for deadlines, and dates written the way people read them.

Day 0 is the date the count starts from (for example the day Pearson receives a request).
Day 1 is the next day. So "within 10 calendar days of 1 September" ends on 11 September.
Adding days never lands on a date that does not exist: 29 February 2024 + 365 days is
28 February 2025, because every day in between is counted.

A working day is a Monday to Friday that is not a bank holiday in the chosen nation. Counting
working days, day 0 is still the start date, whatever day it is: 2 working days from Friday
19 December 2025 is Tuesday 23 December; from Wednesday 24 December 2025 in England it is
Tuesday 30 December, because 25 and 26 December are bank holidays and 27 and 28 a weekend.
"""
from __future__ import annotations

from datetime import date, timedelta

from . import bank_holidays

# The nations with their own bank holidays (rules/bank_holidays.toml has a table for each).
NATIONS = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}
DEFAULT_NATION = "england-and-wales"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def add_calendar_days(start: date, days: int) -> date:
    """The date `days` calendar days after `start` (start is day 0).

    >>> add_calendar_days(date(2024, 2, 20), 10)
    datetime.date(2024, 3, 1)
    """
    return start + timedelta(days=days)


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def is_working_day(day: date, nation: str) -> bool:
    return not is_weekend(day) and bank_holidays.holiday_name(day, nation) is None


def add_working_days(start: date, days: int, nation: str) -> date:
    """The `days`-th working day after `start` in `nation` (start is day 0, whatever it is).

    >>> add_working_days(date(2025, 12, 24), 2, "england-and-wales")
    datetime.date(2025, 12, 30)
    """
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, nation):
            counted += 1
    return day


def weekday_name(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def long_date(day: date) -> str:
    """ "Sunday 1 September 2024": the weekday always goes with the date of a deadline. """
    return f"{weekday_name(day)} {day_month_year(day)}"


def day_month_year(day: date) -> str:
    """ "5 February 2024": when a rule was published or changed (no weekday: it is not a deadline). """
    return f"{day_month(day.month, day.day)} {day.year}"


def day_month(month: int, day: int) -> str:
    """ "15 December": a date the guide gives for every year. """
    return f"{day} {MONTH_NAMES[month - 1]}"


def day_warnings(day: date, nation: str, *, centre_acts: bool = False) -> list[dict]:
    """Why a date may be awkward to act on: a weekend, a bank holiday, or holidays not yet known.

    Each is {"code", "message"}; codes are "weekend", "bank-holiday", "act-by" (when the centre
    must act by the date: the working day before) and "bank-holidays-unknown". The date itself is
    never moved: no source says a deadline moves (later notice N8).
    """
    warnings = []
    nation_name = NATIONS[nation]
    holiday = bank_holidays.holiday_name(day, nation)
    if is_weekend(day):
        # Christmas or New Year's Day at a weekend: GOV.UK's bank holiday is the substitute weekday.
        instead = f" It is {holiday}, but the bank holiday is {substitute_text(day, nation)}." if holiday else ""
        warnings.append({"code": "weekend", "message": f"This date is a {weekday_name(day)}.{instead} "
                         "No source says a date moves when it falls at a weekend, so it is shown as it is."})
        holiday = None
    if holiday:
        warnings.append({"code": "bank-holiday", "message": "This date is a bank holiday in "
                         f"{nation_name} ({holiday}). No source says a date moves because of a bank holiday."})
    if warnings and centre_acts:
        before = working_day_before(day, nation)
        warnings.append({"code": "act-by", "message": f"Send it by {long_date(before)}, the working day before, "
                         "so that it is in on time whichever way the date is read."})
    if not bank_holidays.known(day):
        warnings.append(unknown_holidays_warning(nation))
    return warnings


def substitute_text(day: date, nation: str) -> str:
    """Where a weekend's holiday is taken: the weekday after it that bears its name, "observed"
    (Boxing Day on a Sunday is taken on the Tuesday, after Christmas Day's Monday)."""
    holiday = bank_holidays.holiday_name(day, nation)
    for ahead in range(1, 4):
        later = day + timedelta(days=ahead)
        if bank_holidays.holiday_name(later, nation) == f"{holiday} (observed)":
            # Beyond the years proclaimed, the day is the usual rule's, not yet GOV.UK's.
            expected = "" if bank_holidays.known(later) else "expected "
            return f"the {expected}substitute day, {long_date(later)}"
    return "on a weekday instead"


def working_day_before(day: date, nation: str) -> date:
    before = day - timedelta(days=1)
    while not is_working_day(before, nation):
        before -= timedelta(days=1)
    return before


def past_warning(day: date, today: date) -> dict | None:
    """A date already gone by `today` (the reader's own date, from the browser)."""
    if day >= today:
        return None
    gone = (today - day).days
    return {"code": "past", "message": f"This date has passed: it was {gone} day{'s' if gone != 1 else ''} ago, "
                                        f"on {long_date(day)}."}


def unknown_holidays_warning(nation: str) -> dict:
    return {"code": "bank-holidays-unknown",
            "message": f"The regular bank holidays in {NATIONS[nation]} are allowed for, but one-off bank "
                       f"holidays are known here only from {bank_holidays.first_year()} to "
                       f"{bank_holidays.last_year()}, the years proclaimed so far. Check GOV.UK's list of bank "
                       "holidays nearer the time."}


def centre_holiday_warning(day: date, nation: str) -> dict | None:
    """A Pearson working day that is a bank holiday where the centre is: the centre may be closed."""
    holiday = bank_holidays.holiday_name(day, nation)
    if holiday is None:
        return None
    before = working_day_before(day, nation)
    return {"code": "centre-bank-holiday",
            "message": f"{long_date(day)} is a bank holiday in {NATIONS[nation]} ({holiday}). This calculator counts "
                       "Pearson's working days on England and Wales bank holidays (the sources do not say which "
                       "Pearson keeps), so the date stays as it is. Your centre may be closed that day: look out "
                       f"for it on {long_date(before)}, the working day before, and when you reopen."}
