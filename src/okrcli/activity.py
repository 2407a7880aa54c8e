"""What history says about a key result, reduced to what status needs: when it was
added and checked in, and its values over time. Pure: staleness, a linear forecast and
the share of time spent inside a band are functions of these and a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MIN_CHECKINS_FOR_FORECAST = 3


@dataclass(frozen=True)
class Activity:
    added: dt.date
    checkins: tuple[dt.date, ...]
    values: tuple[tuple[dt.date, float], ...]
    """(day, current) at the addition and at every check-in that set a number."""

    def last_checkin(self, as_of: dt.date) -> dt.date | None:
        seen = [day for day in self.checkins if day <= as_of]
        return max(seen) if seen else None

    def is_stale(self, as_of: dt.date, after_days: int) -> bool:
        """No check-in (or, never checked in, no addition) for more than `after_days`."""
        if self.added > as_of:
            return False
        reference = self.last_checkin(as_of) or self.added
        return (as_of - reference).days > after_days


def forecast(
    values: tuple[tuple[dt.date, float], ...], start: dt.date, as_of: dt.date, end: dt.date
) -> float | None:
    """The value a least-squares line through this period's values projects for `end`;
    None with fewer than three check-ins to fit."""
    points = [(day, value) for day, value in values if start <= day <= as_of]
    if len(points) < MIN_CHECKINS_FOR_FORECAST + 1:
        return None
    xs = [float((day - start).days) for day, _ in points]
    ys = [value for _, value in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return mean_y + slope * ((end - start).days - mean_x)


def misses(projected: float, start: float, target: float) -> bool:
    """Whether a projected value falls short of the target, in the metric's direction."""
    return projected < target if target > start else projected > target


def time_in_band(
    values: tuple[tuple[dt.date, float], ...],
    low: float | None,
    high: float | None,
    start: dt.date,
    as_of: dt.date,
) -> float | None:
    """Share of the days from the first known value (or the period start) to `as_of`
    on which the value, as last recorded, lay inside [low, high]."""
    if not values or as_of < start:
        return None
    days_in = days_known = 0
    day = max(start, values[0][0])
    while day <= as_of:
        known = [value for when, value in values if when <= day]
        if known:
            days_known += 1
            value = known[-1]
            days_in += (low is None or value >= low) and (high is None or value <= high)
        day += dt.timedelta(days=1)
    return days_in / days_known if days_known else None
