"""Burn-up charts as data, from git: each key result's values over time with the line it
is expected to follow, its forecast, its band and the changes of what it is measured
against; each objective's score over time with its expected line.

Pure: computed from timelines already read (`timeline.timelines`) and the scored
period, so one walk of the log serves the status and the charts. `render/html.py`
draws them; it computes no value, only where a value goes on the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from okrcli.history.timeline import FieldChange, Point, Timeline, any_eased, key_result_row
from okrcli.score.results import Status

if TYPE_CHECKING:
    from okrcli.model.activity import Activity
    from okrcli.model.kinds import Facts
    from okrcli.model.period import Identity, Period
    from okrcli.score.compare import KeyResultState
    from okrcli.score.results import KeyResultResult, ObjectiveResult, PeriodResult

Measure = Literal["value", "score"]
"""What a chart's vertical axis shows: the key result's own value (a metric, a band held)
or its score, 0.0-1.0 (milestones, checklists, baselines, judgements)."""

Dated = tuple[dt.date, float]


@dataclass(frozen=True)
class ChartPoint:
    """A key result as one commit left it: its addition, or a check-in."""

    commit: str
    date: dt.datetime
    author: str
    value: float | None
    """In the chart's measure; None where nothing is recorded yet (a baseline)."""
    score: float
    confidence: float | None
    kind: str
    facts: Facts
    note: str
    """What the commit says of this key result (its lines of a team's check-in, or the
    body); else its subject."""
    checkin: bool
    """False for the point where the key result was added."""
    changes: tuple[FieldChange, ...] = ()
    """Changes of what it is measured against made in the same commit."""

    @property
    def eased(self) -> bool:
        return any_eased(self.changes)


@dataclass(frozen=True)
class DefinitionMark:
    """A commit that changed what the key result is measured against: its target, start,
    band, kind or weight. They move the score without a check-in."""

    date: dt.datetime
    commit: str
    author: str
    changes: tuple[FieldChange, ...]

    @property
    def eased(self) -> bool:
        return any_eased(self.changes)


@dataclass(frozen=True)
class KeyResultChart:
    id: str
    period: Period
    kind: str
    measure: Measure
    unit: str | None
    as_of: dt.date
    due: dt.date
    points: tuple[ChartPoint, ...]
    """The addition, then every check-in, oldest first, up to the as-of day."""
    expected: tuple[Dated, ...]
    """The line to follow, from the period start to the due date: start to target for a
    metric, 0 to 1 for a score on a line; empty for a due date or a band."""
    targets: tuple[Dated, ...]
    """The target as it stood from each day on (a step line; a metric's only)."""
    forecast: tuple[Dated, ...]
    """The least-squares line through the values to the due date, where the status read
    its forecast; empty without one."""
    band: tuple[float | None, float | None] | None
    """A maintained band (min, max) as it stands; None for other kinds."""
    marks: tuple[DefinitionMark, ...]

    @property
    def checkins(self) -> tuple[ChartPoint, ...]:
        return tuple(point for point in self.points if point.checkin)


@dataclass(frozen=True)
class ScorePoint:
    commit: str
    date: dt.datetime
    author: str
    score: float


@dataclass(frozen=True)
class ObjectiveChart:
    id: str
    period: Period
    as_of: dt.date
    points: tuple[ScorePoint, ...]
    """The objective's score after every commit that changed it, oldest first."""
    expected: tuple[Dated, ...]
    """The weighted mean of its key results' expected progress, over the period."""


@dataclass(frozen=True)
class Charts:
    key_results: dict[Identity, KeyResultChart]
    objectives: dict[Identity, ObjectiveChart]


def period_charts(
    result: PeriodResult,
    timelines: Mapping[Identity, Timeline],
    activity: Mapping[Identity, Activity],
    order: Mapping[str, int],
) -> Charts:
    """The charts of every key result of `result` that has a timeline, and of every
    objective that has one such key result. `order` is the log's commit order (parents
    first): an objective's score is followed through its key results' commits in it."""
    key_results: dict[Identity, KeyResultChart] = {}
    objectives: dict[Identity, ObjectiveChart] = {}
    for objective in result.objectives:
        period = objective.period
        found = {
            kr.id: timelines[period, kr.id]
            for kr in objective.key_results
            if (period, kr.id) in timelines
        }
        for kr in objective.key_results:
            if kr.id in found:
                chart = key_result_chart(
                    kr, found[kr.id], activity.get((period, kr.id)), result.as_of
                )
                key_results[period, kr.id] = chart
        if found:
            objectives[period, objective.id] = objective_chart(
                objective, found, order, result.as_of
            )
    return Charts(key_results, objectives)


# ---- key results ---------------------------------------------------------------------


def measure_of(kind: str, facts: Facts) -> Measure:
    """A metric and a band show their values; every other kind its score."""
    from okrcli.model.kinds import KIND_MODELS

    schedule = KIND_MODELS[kind].schedule
    if schedule == "band" or (facts.start is not None and facts.target is not None):
        return "value"
    return "score"


def key_result_chart(
    kr: KeyResultResult, timeline: Timeline, activity: Activity | None, as_of: dt.date
) -> KeyResultChart:
    """`kr`'s burn-up chart from its timeline, up to the end of `as_of`."""
    period = timeline.period
    points = [p for p in timeline.points if p.date.date() <= as_of]
    measure = measure_of(kr.kind, kr.facts)
    shown = [_chart_point(p, measure, checkin=i > 0) for i, p in enumerate(points)]
    kept = tuple(p for i, p in enumerate(shown) if i == 0 or p.checkin)
    marks = tuple(
        DefinitionMark(p.date, p.commit, p.author, p.changes) for p in shown[1:] if p.changes
    )
    return KeyResultChart(
        id=kr.id,
        period=period,
        kind=kr.kind,
        measure=measure,
        unit=kr.facts.unit,
        as_of=as_of,
        due=kr.due,
        points=kept,
        expected=_expected_line(kr, measure, period),
        targets=_targets(points, period) if measure == "value" else (),
        forecast=_forecast(kr, activity, period, as_of),
        band=(kr.facts.minimum, kr.facts.maximum) if _has_band(kr) else None,
        marks=marks,
    )


def _chart_point(point: Point, measure: Measure, *, checkin: bool) -> ChartPoint:
    row = key_result_row(point)
    state = point.state
    value = state.current if measure == "value" else state.score
    return ChartPoint(
        commit=point.commit,
        date=point.date,
        author=point.author,
        value=value,
        score=state.score,
        confidence=row.confidence,
        kind=state.kind,
        facts=state.facts,
        note=row.note or point.message.split("\n", 1)[0],
        checkin=checkin and point.is_checkin,
        changes=row.definition,
    )


def _has_band(kr: KeyResultResult) -> bool:
    from okrcli.model.kinds import KIND_MODELS

    return KIND_MODELS[kr.kind].schedule == "band"


def _expected_line(kr: KeyResultResult, measure: Measure, period: Period) -> tuple[Dated, ...]:
    """From the period start to the due date: the metric's start to its target, or a
    score from 0 to 1; nothing for a kind that follows a due date or holds a band."""
    from okrcli.model.kinds import KIND_MODELS

    if KIND_MODELS[kr.kind].schedule != "line":
        return ()
    facts = kr.facts
    if measure == "value" and facts.start is not None and facts.target is not None:
        return (period.start, facts.start), (kr.due, facts.target)
    return (period.start, 0.0), (kr.due, 1.0)


def _targets(points: list[Point], period: Period) -> tuple[Dated, ...]:
    """The target from each day it was set (the first from the key result's addition,
    or the period start if that came before)."""
    steps: list[Dated] = []
    for point in points:
        target = point.state.target
        if target is None or (steps and steps[-1][1] == target):
            continue
        day = max(period.start, point.date.date())
        steps.append((day, target))
    return tuple(steps)


def _forecast(
    kr: KeyResultResult, activity: Activity | None, period: Period, as_of: dt.date
) -> tuple[Dated, ...]:
    """The line the status read its forecast from; only where it did."""
    from okrcli.score.activity import forecast_line

    if activity is None or kr.history is None or kr.history.forecast is None:
        return ()
    line = forecast_line(activity.values, period.start, as_of, kr.due)
    return line if line is not None else ()


# ---- objectives ----------------------------------------------------------------------


def objective_chart(
    objective: ObjectiveResult,
    timelines: Mapping[str, Timeline],
    order: Mapping[str, int],
    as_of: dt.date,
) -> ObjectiveChart:
    """The objective's score after each commit that changed one of its key results:
    the weighted mean of their scores then (the dropped left out), as `okr status`
    computes it. Its key results are the ones it has now."""
    from okrcli.score.scoring import weighted_mean

    changes = sorted(
        (
            (order.get(point.commit, len(order)), point.date, point.state.id, point)
            for timeline in timelines.values()
            for point in timeline.points
            if point.date.date() <= as_of
        ),
        key=lambda change: (change[0], change[1]),
    )
    states: dict[str, KeyResultState] = {}
    points: list[ScorePoint] = []
    for index, (_, _, ident, point) in enumerate(changes):
        states[ident] = point.state
        following = changes[index + 1] if index + 1 < len(changes) else None
        if following is not None and following[3].commit == point.commit:
            continue  # the commit's other key results first
        score = weighted_mean(
            (state.score, _weight(state)) for state in states.values() if _counted(state)
        )
        if not points or points[-1].score != score:
            points.append(ScorePoint(point.commit, point.date, point.author, score))
    return ObjectiveChart(
        objective.id,
        objective.period,
        as_of,
        tuple(points),
        _objective_expected(objective),
    )


def _weight(state: KeyResultState) -> float:
    weight = state.values.get("weight")
    return float(weight) if isinstance(weight, int | float) else 1.0


def _counted(state: KeyResultState) -> bool:
    return state.values.get("dropped") is None


def _objective_expected(objective: ObjectiveResult) -> tuple[Dated, ...]:
    """The objective's expected progress on the days where it bends: the period's start
    and end, and each key result's due date and the day after (a milestone is expected
    done only once its due date has passed)."""
    from okrcli.model.kinds import KIND_MODELS
    from okrcli.score.schedule import expected_progress
    from okrcli.score.scoring import weighted_mean

    period = objective.period
    counted = [kr for kr in objective.key_results if kr.status is not Status.DROPPED]
    days = {period.start, period.end}
    for kr in counted:
        days |= {kr.due, kr.due + dt.timedelta(days=1)}
    shown = sorted(day for day in days if period.start <= day <= period.end)
    return tuple(
        (
            day,
            weighted_mean(
                (expected_progress(KIND_MODELS[kr.kind].schedule, kr.due, period, day), kr.weight)
                for kr in counted
            ),
        )
        for day in shown
    )
