"""Calendar arithmetic for deadlines, and dates written the way people read them.

Day 0 is the date the count starts from (for example the day Pearson receives a request).
Day 1 is the next day. So "within 10 calendar days of 1 September" ends on 11 September.
Adding days never lands on a date that does not exist: 29 February 2024 + 365 days is
28 February 2025, because every day in between is counted.
"""
from __future__ import annotations

from datetime import date, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def add_calendar_days(start: date, days: int) -> date:
    """The date `days` calendar days after `start` (start is day 0).

    >>> add_calendar_days(date(2024, 2, 20), 10)
    datetime.date(2024, 3, 1)
    """
    return start + timedelta(days=days)


def weekday_name(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def long_date(day: date) -> str:
    """ "Sunday 1 September 2024": the weekday always goes with the date. """
    return f"{weekday_name(day)} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5
