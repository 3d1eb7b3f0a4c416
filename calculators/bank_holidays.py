"""UK bank holidays by nation, read from the generated table rules/bank_holidays.toml.

The table is made at build time by build_tools/bank_holidays.py and covers `first_year()` to
`last_year()`. Outside those years a bank holiday is unknown, not absent: callers check `known()`
and warn rather than treat every weekday as a working day without saying so.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from . import rules



@lru_cache(maxsize=None)
def _days(nation: str) -> dict[date, str]:
    listed = rules.load("bank_holidays")["holidays"][nation]
    return {date.fromisoformat(day): name for day, name in listed.items()}


def holiday_name(day: date, nation: str) -> str | None:
    """The bank holiday's name on `day` in `nation`, or None.

    >>> holiday_name(date(2025, 12, 1), "scotland")
    "Saint Andrew's Day (observed)"
    """
    return _days(nation).get(day)


def first_year() -> int:
    return rules.load("bank_holidays")["first_year"]


def last_year() -> int:
    return rules.load("bank_holidays")["last_year"]


def generated() -> str:
    return rules.load("bank_holidays")["generated"]


def known(day: date) -> bool:
    return first_year() <= day.year <= last_year()
