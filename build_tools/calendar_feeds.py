"""Subscribable calendar feeds of the key dates, written into the built site under calendars/.

Addresses are stable so that a centre subscribes once and sees later rule changes:
- calendars/key-dates-<academic year>-<nation>.ics, e.g. key-dates-2024-25-scotland.ics, for every
  academic year the planner covers;
- calendars/key-dates-current-<nation>.ics: the academic year the site was built in and the next.
Each feed holds every subject's dates, naming the subjects where a date applies to only some.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from calculators import key_dates
from calculators.dates import NATIONS
from calculators.series import AcademicYear

FOLDER = "calendars"


def feeds(today: date) -> dict[str, str]:
    """{file name: iCalendar text}; `today` decides what "current" means."""
    current = min(max(AcademicYear.of(today).first_year, key_dates.FIRST_YEAR), key_dates.LAST_YEAR - 1)
    written = {}
    for nation, nation_name in NATIONS.items():
        for year in range(key_dates.FIRST_YEAR, key_dates.LAST_YEAR + 1):
            label = key_dates.academic_year_label(year)
            written[f"key-dates-{label}-{nation}.ics"] = key_dates.feed(
                [year], nation, name=f"BTEC Tech Awards key dates {label} ({nation_name})")
        written[f"key-dates-current-{nation}.ics"] = key_dates.feed(
            [current, current + 1], nation, name=f"BTEC Tech Awards key dates, this year and next ({nation_name})")
    return written


def publish(site: Path, today: date | None = None) -> None:
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in feeds(today or date.today()).items():
        (folder / name).write_bytes(text.encode("utf-8"))
