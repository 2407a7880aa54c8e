"""Periods as teams keep them: years, halves and quarters, on the calendar or on a fiscal
calendar. A validated type: files, results and views hold a `Period`, never a string
to parse again. Pure, no I/O.

Labels (one syntax, documented in the README):

    2027        the calendar year 2027          FY27        fiscal year 27
    2027-H1     its first half                   FY27-H2     the second half of FY27
    2027-Q3     its third quarter                FY27-Q1     the first quarter of FY27

A fiscal year starts in the month `calendar.fiscal_year_start` of okrcli.yaml and is
named after the calendar year in which it ends (`fiscal_year_named_by: end`, as GitLab
and Sourcegraph do: with a February start, FY21 is 2020-02-01..2021-01-31) or begins
(`start`). Fiscal labels need that setting; calendar labels always work.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import total_ordering
from typing import Literal

PERIOD_PATTERN = r"^(FY[0-9]{2}|[0-9]{4})(-(H[12]|Q[1-4]))?$"
_LABEL = re.compile(r"^(?:FY(?P<fy>\d{2})|(?P<year>\d{4}))(?:-(?P<part>H[12]|Q[1-4]))?$")
MIN_YEAR, MAX_YEAR = 1900, 2999
"""Calendar years okrcli accepts: every date computation stays far inside Python's range.
Fiscal years are FY00 to FY99 (2000 to 2099)."""

Kind = Literal["year", "half", "quarter"]
_MONTHS = {"year": 12, "half": 6, "quarter": 3}
_RANK = {"quarter": 0, "half": 1, "year": 2}


@dataclass(frozen=True)
class Calendar:
    """How fiscal labels map to dates (okrcli.yaml `calendar:`)."""

    fiscal_year_start: int | None = None
    """The month (1-12) a fiscal year starts in; None: no fiscal labels."""
    fiscal_year_named_by: Literal["end", "start"] = "end"

    def fiscal_start(self, name: int) -> dt.date:
        """The first day of the fiscal year with the four-digit `name`."""
        month = self.fiscal_year_start or 1
        if self.fiscal_year_named_by == "start" or month == 1:
            return dt.date(name, month, 1)
        return dt.date(name - 1, month, 1)


GREGORIAN = Calendar()


@total_ordering
@dataclass(frozen=True)
class Period:
    kind: Kind
    year: int
    """The calendar year, or for a fiscal label the fiscal year's four-digit name."""
    number: int = 0
    """The half (1-2) or quarter (1-4); 0 for a year."""
    fiscal: bool = False
    calendar: Calendar = field(default=GREGORIAN, compare=False, hash=False, repr=False)

    # ---- labels -------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, calendar: Calendar = GREGORIAN) -> Period | None:
        """The period `text` names, or None (not a label, a year out of range, or a
        fiscal label without a fiscal calendar)."""
        match = _LABEL.match(text)
        if match is None:
            return None
        fiscal = match["fy"] is not None
        if fiscal and calendar.fiscal_year_start is None:
            return None
        year = 2000 + int(match["fy"]) if fiscal else int(match["year"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        part = match["part"]
        if part is None:
            return cls("year", year, 0, fiscal, calendar)
        kind: Kind = "half" if part[0] == "H" else "quarter"
        return cls(kind, year, int(part[1]), fiscal, calendar)

    @staticmethod
    def has_form(text: str) -> bool:
        """Whether `text` looks like a period label, whatever its year or calendar."""
        return _LABEL.match(text) is not None

    @staticmethod
    def is_fiscal_label(text: str) -> bool:
        return text.startswith("FY")

    def __str__(self) -> str:
        name = f"FY{self.year % 100:02d}" if self.fiscal else f"{self.year}"
        if self.kind == "year":
            return name
        return f"{name}-{'H' if self.kind == 'half' else 'Q'}{self.number}"

    # ---- dates --------------------------------------------------------------------

    @property
    def start(self) -> dt.date:
        first = self.calendar.fiscal_start(self.year) if self.fiscal else dt.date(self.year, 1, 1)
        return _add_months(first, _MONTHS[self.kind] * max(self.number - 1, 0))

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        return _add_months(self.start, _MONTHS[self.kind]) - dt.timedelta(days=1)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def running_on(self, day: dt.date) -> bool:
        """Whether the period is under way on `day` (its last day counts as ended)."""
        return self.start <= day < self.end

    def ended_by(self, day: dt.date) -> bool:
        return day >= self.end

    # ---- relations ----------------------------------------------------------------

    def enclosing(self) -> list[Period]:
        """The periods that contain this one, nearest first: a quarter's half and year,
        a half's year (same calendar)."""
        year = Period("year", self.year, 0, self.fiscal, self.calendar)
        if self.kind == "quarter":
            half = Period("half", self.year, (self.number + 1) // 2, self.fiscal, self.calendar)
            return [half, year]
        if self.kind == "half":
            return [year]
        return []

    def next(self) -> Period:
        """The period of the same kind that follows this one."""
        count = {"year": 1, "half": 2, "quarter": 4}[self.kind]
        if self.kind == "year" or self.number == count:
            number = 0 if self.kind == "year" else 1
            return Period(self.kind, self.year + 1, number, self.fiscal, self.calendar)
        return Period(self.kind, self.year, self.number + 1, self.fiscal, self.calendar)

    def previous(self) -> Period:
        """The period of the same kind before this one."""
        count = {"year": 1, "half": 2, "quarter": 4}[self.kind]
        if self.kind == "year":
            return Period("year", self.year - 1, 0, self.fiscal, self.calendar)
        if self.number == 1:
            return Period(self.kind, self.year - 1, count, self.fiscal, self.calendar)
        return Period(self.kind, self.year, self.number - 1, self.fiscal, self.calendar)

    def with_calendar(self, calendar: Calendar) -> Period:
        return Period(self.kind, self.year, self.number, self.fiscal, calendar)

    # ---- order: by start, then shortest first ---------------------------------------

    def _key(self) -> tuple[dt.date, int, bool]:
        return (self.start, _RANK[self.kind], self.fiscal)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()


def quarter_containing(day: dt.date, calendar: Calendar = GREGORIAN) -> Period:
    """The quarter `day` falls in: a fiscal quarter when a fiscal calendar is set."""
    if calendar.fiscal_year_start is None:
        return Period("quarter", day.year, (day.month - 1) // 3 + 1)
    for name in (day.year, day.year + 1, day.year - 1):
        year = Period("year", name, 0, True, calendar)
        if year.contains(day):
            offset = (day.year - year.start.year) * 12 + day.month - year.start.month
            return Period("quarter", name, offset // 3 + 1, True, calendar)
    raise ValueError(f"no fiscal year contains {day}")  # unreachable: one of three does


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


Identity = tuple[Period, str]
"""What an objective or key result is: ids are unique within a period, so the same id in
two periods names two different ones."""


def in_view(known: list[Period], asked: Period | None, day: dt.date) -> Period | None:
    """The period a command shows: the one asked for, else the shortest period running
    on `day` that has files, else the latest (the one ending last; of those ending
    together, the shortest)."""
    if asked is not None:
        return asked
    running = [p for p in known if p.contains(day)]
    if running:
        return min(running, key=lambda p: (_RANK[p.kind], p.start))
    if not known:
        return None
    return max(known, key=lambda p: (p.end, -_RANK[p.kind]))


def resolve_id(ident: str, candidates: list[Period], view: Period | None) -> Period:
    """Which period's `ident` a command means: the period in view when the id is there,
    else the one period that has it; an OkrError (exit 2) when several do, listing the
    qualified choices, or when none does."""
    from okrcli.base.errors import OkrError

    if view is not None and view in candidates:
        return view
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise OkrError(f"no objective or key result `{ident}`")
    choices = ", ".join(f"{period}/{ident}" for period in sorted(candidates))
    raise OkrError(
        f"`{ident}` is in {len(candidates)} periods: {choices}",
        "name one: PERIOD/ID, or --period PERIOD",
    )


def split_ref(ref: str, calendar: Calendar = GREGORIAN) -> tuple[Period | None, str]:
    """`2026-Q3/PLAT-1` -> (2026-Q3, PLAT-1); `PLAT-1` -> (None, PLAT-1). An OkrError
    (exit 2) for a period part that is not a period."""
    label, slash, ident = ref.rpartition("/")
    if not slash:
        return None, ref
    period = Period.parse(label, calendar)
    if period is None:
        from okrcli.base.errors import OkrError

        raise OkrError(
            f"`{label}` in `{ref}` is not a period",
            "write PERIOD/ID, e.g. 2026-Q3/PLAT-1 (periods: 2027, 2027-H1, 2027-Q1)",
        )
    return period, ident
