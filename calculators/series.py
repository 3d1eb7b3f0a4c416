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

    @property
    def code(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"December {self.year - 1}/January {self.year}" if self.month == 1 else f"May/June {self.year}"

    @property
    def is_january(self) -> bool:
        return self.month == 1

    def next(self) -> "Series":
        return Series(self.year, 6) if self.month == 1 else Series(self.year + 1, 1)

    def previous(self) -> "Series":
        return Series(self.year - 1, 6) if self.month == 1 else Series(self.year, 1)
