"""UK bank holidays by nation: the proclaimed table for recent years, the regular rules for others.

rules/bank_holidays.toml is made at build time by build_tools/bank_holidays.py from GOV.UK's data
and covers `first_year()` to `last_year()`, one-off days included (the 2022 State Funeral, the 2023
Coronation). The regular holidays follow fixed rules, so for any other year they are worked out
here: New Year's Day (and 2 January in Scotland), St Patrick's Day (Northern Ireland), Good Friday,
Easter Monday (not in Scotland), the early May and spring bank holidays, the Battle of the Boyne
(Northern Ireland), the summer bank holiday (first Monday of August in Scotland, last elsewhere),
St Andrew's Day (Scotland, since 2006), Christmas Day and Boxing Day. A fixed-date holiday at a weekend moves
to the next weekday that is not already a holiday: Christmas on a Saturday and Boxing Day on a
Sunday give Monday 27 and Tuesday 28 December. Only one-off days are unknown outside the table,
so callers check `known()` and warn about those alone.

>>> holiday_name(date(2030, 12, 2), "scotland")
"Saint Andrew's Day (observed)"
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from . import rules

ENGLAND_AND_WALES = "england-and-wales"
ST_ANDREWS_FROM = 2006  # first kept in 2006, as the holidays package (the table's generator) has it


@lru_cache(maxsize=None)
def _days(nation: str) -> dict[date, str]:
    listed = rules.load("bank_holidays")["holidays"][nation]
    return {date.fromisoformat(day): name for day, name in listed.items()}


def holiday_name(day: date, nation: str) -> str | None:
    """The bank holiday's name on `day` in `nation`, or None.

    >>> holiday_name(date(2025, 12, 1), "scotland")
    "Saint Andrew's Day (observed)"
    """
    if known(day):
        return _days(nation).get(day)
    return regular(day.year, nation).get(day)


def first_year() -> int:
    return rules.load("bank_holidays")["first_year"]


def last_year() -> int:
    return rules.load("bank_holidays")["last_year"]


def generated() -> str:
    return rules.load("bank_holidays")["generated"]


def known(day: date) -> bool:
    """Whether every bank holiday of the day's year is known here, one-off days included."""
    return first_year() <= day.year <= last_year()


def easter_sunday(year: int) -> date:
    """Easter Day in the Gregorian calendar (the anonymous algorithm, as in Meeus).

    >>> easter_sunday(2027), easter_sunday(2038)
    (datetime.date(2027, 3, 28), datetime.date(2038, 4, 25))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own letters)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _monday(year: int, month: int, which: int) -> date:
    """The first (which=1) or last (which=-1) Monday of a month."""
    if which == 1:
        first = date(year, month, 1)
        return first + timedelta(days=(7 - first.weekday()) % 7)
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=last.weekday())


@lru_cache(maxsize=None)
def regular(year: int, nation: str) -> dict[date, str]:
    """The regular bank holidays of one year in one nation, by rule (no one-off days)."""
    scotland, northern_ireland = nation == "scotland", nation == "northern-ireland"
    easter = easter_sunday(year)
    moving = {easter - timedelta(days=2): "Good Friday",
              _monday(year, 5, 1): "May Day", _monday(year, 5, -1): "Spring Bank Holiday"}
    if not scotland:
        moving[easter + timedelta(days=1)] = "Easter Monday"
    moving[_monday(year, 8, 1 if scotland else -1)] = "Summer Bank Holiday" if scotland else "Late Summer Bank Holiday"
    fixed = [(date(year, 1, 1), "New Year's Day")]
    if scotland:
        fixed.append((date(year, 1, 2), "New Year Holiday"))
        if year >= ST_ANDREWS_FROM:
            fixed.append((date(year, 11, 30), "Saint Andrew's Day"))
    if northern_ireland:
        fixed += [(date(year, 3, 17), "Saint Patrick's Day"), (date(year, 7, 12), "Battle of the Boyne")]
    fixed += [(date(year, 12, 25), "Christmas Day"), (date(year, 12, 26), "Boxing Day")]
    days = {**moving, **dict(fixed)}
    for day, name in sorted(fixed):
        if day.weekday() < 5:
            continue
        instead = day
        while instead.weekday() >= 5 or instead in days:
            instead += timedelta(days=1)
        days[instead] = f"{name} (observed)"
    return dict(sorted(days.items()))
