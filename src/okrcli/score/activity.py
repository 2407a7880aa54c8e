"""What a key result's history projects: a linear forecast of its value, whether that
misses the target, and the share of time spent inside a band. Pure."""

from __future__ import annotations

import datetime as dt
import statistics

MIN_CHECKINS_FOR_FORECAST = 3


def forecast(
    values: tuple[tuple[dt.date, float], ...], start: dt.date, as_of: dt.date, end: dt.date
) -> float | None:
    """The value a least-squares line through this period's values projects for `end`;
    None with fewer than three check-ins to fit."""
    line = forecast_line(values, start, as_of, end)
    return line[1][1] if line is not None else None


def forecast_line(
    values: tuple[tuple[dt.date, float], ...], start: dt.date, as_of: dt.date, end: dt.date
) -> tuple[tuple[dt.date, float], tuple[dt.date, float]] | None:
    """The least-squares line through this period's values (up to `as_of`), from the
    first value's day to `end`, where it reads the forecast; None with fewer than three
    check-ins to fit."""
    points = [(day, value) for day, value in values if start <= day <= as_of]
    if len(points) < MIN_CHECKINS_FOR_FORECAST + 1:
        return None
    xs = [float((day - start).days) for day, _ in points]
    ys = [value for _, value in points]
    try:
        slope, _ = statistics.linear_regression(xs, ys)
    except statistics.StatisticsError:  # every value on one day: no line to fit
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)

    def at(day: dt.date) -> float:
        return mean_y + slope * ((day - start).days - mean_x)

    first = points[0][0]
    return (first, at(first)), (end, at(end))


def misses(projected: float, start: float, target: float) -> bool:
    """Whether a projected value falls short of the target, in the metric's direction."""
    return (
        projected < target
        if target > start  # pragma: no mutate: target == start has no score, never gets here
        else projected > target
    )


def time_in_band(
    values: tuple[tuple[dt.date, float], ...],
    low: float | None,
    high: float | None,
    start: dt.date,
    as_of: dt.date,
) -> float | None:
    """Share of the days from the first known value (or the period start) to `as_of`
    on which the value, as last recorded, lay inside [low, high]."""
    from okrcli.model.kinds.maintain import in_band

    if not values or as_of < start:
        return None
    days_in = days_known = 0
    day = max(start, values[0][0])
    index = 0
    latest: float | None = None  # pragma: no mutate: set on the first day, before it is read
    while day <= as_of:
        while index < len(values) and values[index][0] <= day:
            latest = values[index][1]
            index += 1
        if latest is not None:
            days_known += 1
            days_in += in_band(latest, low, high)
        day += dt.timedelta(days=1)
    return days_in / days_known if days_known else None
