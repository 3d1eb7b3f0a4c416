"""Assessment series for the BTEC Tech Awards: two a year.

A series is named by the month its results window is known by: "YYYY-01" is the
December/January series (marks and sample due 15 December of the year before), and
"YYYY-06" is the May/June series. So "2026-01" is the series whose marks are due
in December 2025 and whose external assessment is sat in January 2026.

>>> Series.parse("2026-01").label
'December 2025/January 2026'
>>> Series.parse("2025-06") < Series.parse("2026-01")
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

EARLIEST_YEAR = 2023
LATEST_YEAR = 2040


@dataclass(frozen=True, order=True)
class Series:
    year: int
    month: int  # 1 for December/January, 6 for May/June

    @classmethod
    def parse(cls, text: object) -> "Series":
        """Read "2026-01" or "2026-06" (also "Jan 2026", "June 2026"); ValueError with a message otherwise."""
        if not isinstance(text, str) or not text.strip():
            raise ValueError("Enter the series, for example 2026-01 for December 2025/January 2026")
        cleaned = text.strip().lower()
        match = re.fullmatch(r"(\d{4})\s*-\s*(\d{1,2})", cleaned)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
        else:
            named = re.fullmatch(r"(jan|january|june|jun|may|may/june|december/january)\s+(\d{4})", cleaned)
            if not named:
                raise ValueError("Enter the series as year and month, for example 2026-01 or 2026-06")
            year, month = int(named.group(2)), 1 if named.group(1).startswith(("jan", "dec")) else 6
        if month not in (1, 6):
            raise ValueError("There are two series a year: use -01 (December/January) or -06 (May/June)")
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise ValueError(f"The series year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
        return cls(year, month)

    @classmethod
    def read(cls, text: object) -> "Series":
        """A series as centres write it, beside what parse reads: "Summer 2026" and "May/June 2026",
        "Dec 2025" (the December/January series is named by its January: 2026-01), "Jan 26",
        "6/2026", "Dec 2025/Jan 2026", or a date in the series' months (15/05/2026). ValueError
        with a message otherwise.

        >>> [Series.read(text).code for text in ("Summer 2026", "Dec 2025", "Jan 26", "6/2025")]
        ['2026-06', '2026-01', '2026-01', '2025-06']
        """
        if not isinstance(text, str):
            return cls.parse(text)
        cleaned = " ".join(text.lower().replace(",", " ").split())
        month_only = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4})", cleaned)
        if month_only and 1 <= int(month_only.group(1)) <= 12:
            cleaned = f"01/{month_only.group(1)}/{month_only.group(2)}"
        numeric = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", cleaned)
        iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned)
        if numeric or iso:
            day, month, year = ((int(part) for part in numeric.groups()) if numeric
                                else reversed([int(part) for part in iso.groups()]))
            try:
                return cls.of_day(date(year, month, day))
            except ValueError as problem:
                raise ValueError(str(problem) if "neither" in str(problem)
                                 else "That date does not exist: check the day and the month") from None
        month_year = re.fullmatch(r"(summer|may|june|jun|dec|december|jan|january|may/june|dec/jan|"
                                  r"december/january)\.?\s*'?(\d{2}|\d{4})", cleaned)
        if month_year:
            year = int(month_year.group(2)) + (2000 if len(month_year.group(2)) == 2 else 0)
            winter = month_year.group(1).startswith(("dec", "jan"))
            year += 1 if month_year.group(1) in ("dec", "december") else 0
            cleaned = f"{year}-{'01' if winter else '06'}"
        spanning = re.fullmatch(r"(?:dec|december)\s*(\d{4})\s*/\s*(?:jan|january)\s*(\d{4})", cleaned)
        if spanning:
            cleaned = f"{spanning.group(2)}-01"
        other = re.fullmatch(r"(feb|mar|apr|jul|aug|sep|oct|nov|autumn|spring|winter)[a-z]*\.?\s*'?(\d{2}|\d{4})",
                             cleaned)
        if other:
            raise ValueError(f"There is no “{text.strip()[:20]}” series: the two a year are December/January "
                             "(for example Jan 2026) and May/June (for example Summer 2026)")
        return cls.parse(cleaned)

    @classmethod
    def of_day(cls, day: date) -> "Series":
        """The series a date in its months belongs to: December and January, or May and June."""
        if day.month == 12:
            return cls.parse(f"{day.year + 1}-01")
        if day.month in (1, 5, 6):
            return cls.parse(f"{day.year}-{'01' if day.month == 1 else '06'}")
        raise ValueError(f"{day.strftime('%d/%m/%Y')} is a date in neither December/January nor May/June")

    @property
    def code(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"December {self.year - 1}/January {self.year}" if self.month == 1 else f"May/June {self.year}"

    @property
    def is_january(self) -> bool:
        return self.month == 1

    @property
    def first_day(self) -> date:
        """The first day of the series' first month: 1 December for December/January, 1 May for
        May/June. A rule dated by day is asked about a series on this day."""
        return date(self.year - 1, 12, 1) if self.month == 1 else date(self.year, 5, 1)

    def next(self) -> "Series":
        return Series(self.year, 6) if self.month == 1 else Series(self.year + 1, 1)

    def previous(self) -> "Series":
        return Series(self.year - 1, 6) if self.month == 1 else Series(self.year, 1)


@dataclass(frozen=True, order=True)
class AcademicYear:
    """A school year, September to August: "2024-25" runs from 1 September 2024 to 31 August 2025.

    Months September to December fall in its first calendar year, January to August in its second,
    and its two series are December/January and May/June of the second calendar year.

    >>> year = AcademicYear.parse("2024/25")
    >>> year.label, year.on(12, 15).isoformat(), year.on(5, 15).isoformat(), [s.code for s in year.series]
    ('2024-25', '2024-12-15', '2025-05-15', ['2025-01', '2025-06'])
    >>> AcademicYear.of(date(2025, 8, 31)).label, AcademicYear.of(date(2025, 9, 1)).label
    ('2024-25', '2025-26')
    """
    first_year: int

    FIRST_MONTH = 9

    @classmethod
    def parse(cls, text: str) -> "AcademicYear":
        """ "2024-25" (also "2024/25", "2024-2025", "2024 to 2025"); ValueError with a message otherwise."""
        match = re.fullmatch(r"(\d{4})\s*(?:-|/|to|–)\s*(\d{2}|\d{4})", text.strip().lower())
        if not match:
            raise ValueError("Enter the academic year like 2024-25")
        first, second = int(match.group(1)), int(match.group(2))
        if second % 100 != (first + 1) % 100 or (second >= 1000 and second != first + 1):
            raise ValueError("The two years must follow each other, like 2024-25")
        return cls(first)

    @classmethod
    def of(cls, day: date) -> "AcademicYear":
        return cls(day.year if day.month >= cls.FIRST_MONTH else day.year - 1)

    @property
    def label(self) -> str:
        return f"{self.first_year}-{(self.first_year + 1) % 100:02d}"

    def year_of(self, month: int) -> int:
        """The calendar year in which `month` (1 to 12) falls in this academic year."""
        return self.first_year if month >= self.FIRST_MONTH else self.first_year + 1

    def on(self, month: int, day: int) -> date:
        return date(self.year_of(month), month, day)

    @property
    def first_day(self) -> date:
        return date(self.first_year, self.FIRST_MONTH, 1)

    @property
    def last_day(self) -> date:
        return date(self.first_year + 1, self.FIRST_MONTH, 1) - timedelta(days=1)

    @property
    def series(self) -> tuple[Series, Series]:
        return Series(self.first_year + 1, 1), Series(self.first_year + 1, 6)
