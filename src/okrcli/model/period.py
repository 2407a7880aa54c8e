"""Periods: `2026-Q4` <-> dates. A validated type: files, results and views hold a
`Period`, never a string to parse again. Pure, no I/O."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PERIOD_PATTERN = r"^[0-9]{4}-Q[1-4]$"
_PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")
MIN_YEAR, MAX_YEAR = 1900, 2999
"""Periods okrcli accepts: every date computation stays far inside Python's range."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str) -> Period | None:
        """The period `text` names, or None (not of the form, or a year out of range)."""
        match = _PERIOD.match(text)
        if match is None or not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
            return None
        return cls(int(match.group(1)), int(match.group(2)))

    @staticmethod
    def has_form(text: str) -> bool:
        """Whether `text` looks like a period, whatever its year."""
        return _PERIOD.match(text) is not None

    @classmethod
    def containing(cls, day: dt.date) -> Period:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        following = self.next()
        return following.start - dt.timedelta(days=1)

    def next(self) -> Period:
        if self.quarter == 4:
            return Period(self.year + 1, 1)
        return Period(self.year, self.quarter + 1)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def running_on(self, day: dt.date) -> bool:
        """Whether the period is under way on `day` (its last day counts as ended)."""
        return self.start <= day < self.end

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"
