"""Reading a calculator's inputs from JSON, one plain-English message per field.

Messages follow the GOV.UK pattern: say what to do ("Enter the date ..."), not what went
wrong inside the program. A calculator collects every field's problem before it stops, so
the page can show them all at once and keep everything the user typed.
"""
from __future__ import annotations

import math
import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
EARLIEST_YEAR = 2000
LATEST_YEAR = 2100


class InvalidInput(Exception):
    """Raised by a calculator with {field: message}; the door turns it into an answer."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def parse_date(text: str) -> date:
    """Read a date the way people in UK centres type it.

    Accepts 2025-08-27, 27/8/2025, 27-08-2025, 27.8.2025, "27 August 2025" and "27 Aug 2025".
    Day comes before month (UK order). Raises ValueError with a message for the user.

    >>> parse_date("29/2/2024")
    datetime.date(2024, 2, 29)
    """
    cleaned = text.strip().lower().replace(",", " ")
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned)
    numeric = re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", cleaned)
    words = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?\s+(\d{4})", cleaned)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif numeric:
        day, month, year = (int(part) for part in numeric.groups())
    elif words and words.group(2) in MONTHS:
        day, month, year = int(words.group(1)), MONTHS[words.group(2)], int(words.group(3))
    elif re.fullmatch(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2}", cleaned):
        # 20/8/26: the century is not guessed, since a wrong one would give a date far off.
        raise ValueError("Enter the year in full, for example 27/8/2025, not 27/8/25")
    else:
        raise ValueError("Enter the date as day, month and year, for example 27/8/2025")
    if not 1 <= month <= 12:
        raise ValueError("The month must be between 1 and 12")
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValueError(f"The year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("That date does not exist: check the day and the month") from None


class Form:
    """Reads the fields of one calculator's inputs and gathers the errors.

    Each reader returns the value, or None after recording a message for that field.
    Call `finish()` once all fields are read: it raises InvalidInput if any failed.
    """

    def __init__(self, inputs: object):
        if not isinstance(inputs, dict):
            raise InvalidInput({"inputs": "The calculator needs its answers as named fields"})
        self.inputs = inputs
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def text(self, field: str, *, required_message: str | None = None, default: str | None = None) -> str | None:
        value = self.inputs.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if default is not None:
                return default
            if required_message:
                self.fail(field, required_message)
            return None
        if not isinstance(value, str):
            self.fail(field, "Enter this as text")
            return None
        return value.strip()

    def date(self, field: str, *, required_message: str) -> date | None:
        text = self.text(field, required_message=required_message)
        if text is None:
            return None
        try:
            return parse_date(text)
        except ValueError as problem:
            self.fail(field, str(problem))
            return None

    def choice(self, field: str, choices: dict[str, str], *, required_message: str,
               default: str | None = None) -> str | None:
        value = self.text(field, required_message=required_message, default=default)
        if value is None:
            return None
        if value not in choices:
            listed = ", ".join(f"{label} ({key})" for key, label in choices.items())
            self.fail(field, f"Choose one of: {listed}")
            return None
        return value

    def whole_number(self, field: str, *, label: str, minimum: int, maximum: int,
                     required_message: str) -> int | None:
        value = self.inputs.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.fail(field, required_message)
            return None
        if isinstance(value, bool):
            self.fail(field, f"{label} must be a number")
            return None
        if isinstance(value, str):
            text = value.strip().replace(",", "")
            if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
                if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+)", text):
                    self.fail(field, f"{label} must be a whole number")
                else:
                    self.fail(field, f"{label} must be a number, like 24")
                return None
            value = int(text.split(".")[0])
        elif isinstance(value, float):
            if not math.isfinite(value) or value != int(value):
                self.fail(field, f"{label} must be a whole number")
                return None
            value = int(value)
        elif not isinstance(value, int):
            self.fail(field, f"{label} must be a number, like 24")
            return None
        if value < minimum:
            self.fail(field, f"{label} must be {minimum} or more")
            return None
        if value > maximum:
            self.fail(field, f"{label} must be {maximum:,} or fewer")
            return None
        return value

    def series(self, field: str, *, required_message: str):
        """A BTEC Tech Awards series ("2026-01" or "2026-06"), as calculators.series.Series."""
        from .series import Series

        value = self.inputs.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.fail(field, required_message)
            return None
        try:
            return Series.parse(value)
        except ValueError as problem:
            self.fail(field, str(problem))
            return None

    def finish(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors)
