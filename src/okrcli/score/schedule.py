"""Expected progress and status by a kind's schedule (`KeyResultBase.schedule`): along a
line, by a due date, or inside a band."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from okrcli.base.numbers import EPSILON, clamp
from okrcli.score.results import Status

if TYPE_CHECKING:
    from okrcli.model.config import StatusThresholds
    from okrcli.model.kinds.base import Schedule
    from okrcli.model.period import Period


def elapsed(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """Share of the days from `start` to `end` (inclusive) that have passed by the end of
    `as_of`, clamped to 0.0-1.0."""
    total = (end - start).days + 1
    passed = (as_of - start).days + 1
    return clamp(passed / total) if total > 0 else 1.0


def line_status(score: float, expected: float, thresholds: StatusThresholds) -> Status:
    """Status of a score against the time line: how far behind `expected` it is."""
    if score >= 1.0 - EPSILON:
        return Status.DONE
    if score <= EPSILON and expected >= thresholds.stalled_after - EPSILON:
        return Status.OFF_TRACK
    gap = expected - score
    if gap <= thresholds.on_track_gap + EPSILON:
        return Status.ON_TRACK
    if gap <= thresholds.at_risk_gap + EPSILON:
        return Status.AT_RISK
    return Status.OFF_TRACK


def expected_and_status(
    schedule: Schedule,
    score: float,
    due: dt.date,
    period: Period,
    as_of: dt.date,
    thresholds: StatusThresholds,
) -> tuple[float, Status]:
    """Expected progress and status by `schedule`. Past its due date and not done, a
    key result is overdue (a band is held, never due). Once the period has ended a key
    result is graded, not tracked: done, or ended (its grade says how it went)."""
    expected, status = _tracked(schedule, score, due, period, as_of, thresholds)
    if period.ended_by(as_of):
        return expected, Status.DONE if score >= 1.0 - EPSILON else Status.ENDED
    return expected, status


def expected_progress(schedule: Schedule, due: dt.date, period: Period, as_of: dt.date) -> float:
    """The progress a key result on `schedule` is expected to have made by `as_of`: the
    share of its line elapsed, all of it once a due date has passed, all of it for a band
    (holding it is the whole job)."""
    if schedule == "due-date":
        return 1.0 if as_of > due else 0.0
    if schedule == "band":
        return 1.0
    return elapsed(period.start, due, as_of)


def _tracked(
    schedule: Schedule,
    score: float,
    due: dt.date,
    period: Period,
    as_of: dt.date,
    thresholds: StatusThresholds,
) -> tuple[float, Status]:
    expected = expected_progress(schedule, due, period, as_of)
    if schedule == "due-date":
        return expected, _due_date_status(score, due, as_of, thresholds)
    if schedule == "band":
        return expected, Status.ON_TRACK if score >= 1.0 else Status.OFF_TRACK
    if as_of > due and score < 1.0 - EPSILON:
        return expected, Status.OVERDUE
    return expected, line_status(score, expected, thresholds)


def _due_date_status(
    score: float, due: dt.date, as_of: dt.date, thresholds: StatusThresholds
) -> Status:
    """Done/not-done key results follow their due date rather than a line."""
    if score >= 1.0:
        return Status.DONE
    days_left = (due - as_of).days
    if days_left < 0:
        return Status.OVERDUE
    if days_left <= thresholds.due_soon_days:
        return Status.AT_RISK
    return Status.ON_TRACK
