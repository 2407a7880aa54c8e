"""Scores and statuses: the one computation that every view renders.

Pure functions of the validated documents, the as-of date and the thresholds. The
rules are documented in the README ("Scoring"); tests pin each with worked numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, TypedDict

from okrcli.periods import Period

if TYPE_CHECKING:
    from okrcli.activity import Activity
    from okrcli.configmodel import StatusThresholds
    from okrcli.load import Document
    from okrcli.model import AnyKeyResult, Objective

# Scores are compared with the time line; float noise must not flip a status.
_EPSILON = 1e-9


class Status(StrEnum):
    DONE = "done"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    OUTDATED = "outdated"
    """Not checked in for too long: whatever its score says, nobody knows."""


class Grade(StrEnum):
    """Google's grade bands: below 0.4 red, below 0.7 yellow, else green."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


def grade(score: float) -> Grade:
    if score < 0.4 - _EPSILON:
        return Grade.RED
    if score < 0.7 - _EPSILON:
        return Grade.YELLOW
    return Grade.GREEN


@dataclass(frozen=True)
class KeyResultResult:
    id: str
    title: str
    kind: str
    score: float
    expected: float
    status: Status
    weight: float
    owner: str | None
    due: dt.date
    confidence: float | None
    start: float | None = None
    target: float | None = None
    current: float | None = None
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    done: bool | None = None
    items_done: int | None = None
    items_total: int | None = None
    tracked: bool = False
    """History was available: the fields below are known."""
    last_checkin: dt.date | None = None
    """None while tracked: never checked in ("pending")."""
    forecast: float | None = None
    """A projection of the value at the due date, from at least three check-ins."""
    trending_off_track: bool = False
    time_in_band: float | None = None

    @property
    def grade(self) -> Grade:
        return grade(self.score)


@dataclass(frozen=True)
class ObjectiveResult:
    id: str
    title: str
    team: str
    period: str
    type: str
    owner: str | None
    aligns_to: str | None
    score: float
    expected: float
    status: Status
    missed: bool
    key_results: tuple[KeyResultResult, ...]
    path: str

    @property
    def grade(self) -> Grade:
        return grade(self.score)


@dataclass(frozen=True)
class TeamResult:
    team: str
    score: float
    objectives: tuple[ObjectiveResult, ...]


@dataclass(frozen=True)
class CommittedSummary:
    count: int
    at_target: int

    @property
    def share(self) -> float | None:
        return self.at_target / self.count if self.count else None


@dataclass(frozen=True)
class AspirationalSummary:
    count: int
    average: float | None

    @property
    def verdict(self) -> str | None:
        """Above 0.85 targets were probably too safe; 0.6-0.85 healthy; below, investigate."""
        if self.average is None:
            return None
        if self.average > 0.85 + _EPSILON:
            return "too safe"
        if self.average >= 0.6 - _EPSILON:
            return "healthy"
        return "investigate"


@dataclass(frozen=True)
class PeriodResult:
    period: str
    as_of: dt.date
    elapsed: float
    ended: bool
    score: float | None
    teams: tuple[TeamResult, ...]
    committed: CommittedSummary
    aspirational: AspirationalSummary

    @property
    def objectives(self) -> tuple[ObjectiveResult, ...]:
        return tuple(o for team in self.teams for o in team.objectives)


# ---- one key result -------------------------------------------------------------


def key_result_score(key_result: AnyKeyResult) -> float:
    """0.0-1.0 by kind; see the README for the rule of each kind."""
    from okrcli import model

    match key_result:
        case model.MetricKeyResult():
            current = key_result.current if key_result.current is not None else key_result.start
            return _clamp((current - key_result.start) / (key_result.target - key_result.start))
        case model.MilestoneKeyResult():
            return 1.0 if key_result.done else 0.0
        case model.ChecklistKeyResult():
            return sum(item.done for item in key_result.items) / len(key_result.items)
        case model.MaintainKeyResult():
            return 1.0 if _in_band(key_result.current, key_result.min, key_result.max) else 0.0
        case _:
            return 1.0 if key_result.current is not None else 0.0  # baseline


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _in_band(current: float | None, low: float | None, high: float | None) -> bool:
    if current is None:
        return False
    return (low is None or current >= low) and (high is None or current <= high)


def elapsed(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """Share of the days from `start` to `end` (inclusive) that have passed by the end of
    `as_of`, clamped to 0.0-1.0."""
    total = (end - start).days + 1
    passed = (as_of - start).days + 1
    return _clamp(passed / total) if total > 0 else 1.0


def line_status(score: float, expected: float, thresholds: StatusThresholds) -> Status:
    """Status of a score against the time line: how far behind `expected` it is."""
    if score >= 1.0 - _EPSILON:
        return Status.DONE
    if score <= _EPSILON and expected >= thresholds.stalled_after - _EPSILON:
        return Status.OFF_TRACK
    gap = expected - score
    if gap <= thresholds.on_track_gap + _EPSILON:
        return Status.ON_TRACK
    if gap <= thresholds.at_risk_gap + _EPSILON:
        return Status.AT_RISK
    return Status.OFF_TRACK


def _expected_and_status(
    key_result: AnyKeyResult,
    score: float,
    period: Period,
    as_of: dt.date,
    thresholds: StatusThresholds,
) -> tuple[float, Status]:
    due = key_result.due or period.end
    if key_result.kind in ("milestone", "baseline"):
        return _due_date_status(score, due, as_of, thresholds)
    if key_result.kind == "maintain":
        if score < 1.0:
            return 1.0, Status.OFF_TRACK
        return 1.0, Status.DONE if as_of >= period.end else Status.ON_TRACK
    expected = elapsed(period.start, due, as_of)
    return expected, line_status(score, expected, thresholds)


def _due_date_status(
    score: float, due: dt.date, as_of: dt.date, thresholds: StatusThresholds
) -> tuple[float, Status]:
    """Done/not-done key results follow their due date rather than a line."""
    expected = 1.0 if as_of > due else 0.0
    if score >= 1.0:
        return expected, Status.DONE
    days_left = (due - as_of).days
    if days_left < 0:
        return expected, Status.OFF_TRACK
    if days_left <= thresholds.due_soon_days:
        return expected, Status.AT_RISK
    return expected, Status.ON_TRACK


def score_key_result(
    key_result: AnyKeyResult,
    owner: str | None,
    period: Period,
    as_of: dt.date,
    thresholds: StatusThresholds,
    activity: Activity | None = None,
) -> KeyResultResult:
    score = key_result_score(key_result)
    expected, status = _expected_and_status(key_result, score, period, as_of, thresholds)
    result = KeyResultResult(
        id=key_result.id,
        title=key_result.title,
        kind=key_result.kind,
        score=score,
        expected=expected,
        status=status,
        weight=key_result.weight,
        owner=key_result.owner or owner,
        due=key_result.due or period.end,
        confidence=key_result.confidence,
        **_kind_fields(key_result),
    )
    if activity is None:
        return result
    return _with_history(result, activity, period, as_of, thresholds)


def _with_history(
    result: KeyResultResult,
    activity: Activity,
    period: Period,
    as_of: dt.date,
    thresholds: StatusThresholds,
) -> KeyResultResult:
    """Staleness, the forecast and time in band: what history adds to a key result."""
    from okrcli.activity import forecast, misses, time_in_band

    running = period.start <= as_of < period.end
    status = result.status
    # Done/not-done key results follow their due date: silence before it is expected.
    waits_for_due = result.kind in ("milestone", "baseline") and as_of <= result.due
    stale = activity.is_stale(as_of, thresholds.stale_after_days)
    if running and status is not Status.DONE and stale and not waits_for_due:
        status = Status.OUTDATED
    projected = None
    if result.kind == "metric" and running and status is not Status.DONE:
        projected = forecast(activity.values, period.start, as_of, result.due)
    trending = (
        projected is not None
        and result.start is not None
        and result.target is not None
        and misses(projected, result.start, result.target)
    )
    band = None
    if result.kind == "maintain":
        band = time_in_band(
            activity.values, result.minimum, result.maximum, period.start, min(as_of, period.end)
        )
    return replace(
        result,
        status=status,
        tracked=True,
        last_checkin=activity.last_checkin(as_of),
        forecast=projected,
        trending_off_track=trending,
        time_in_band=band,
    )


class _KindFields(TypedDict, total=False):
    start: float
    target: float
    current: float | None
    unit: str | None
    minimum: float | None
    maximum: float | None
    done: bool
    items_done: int
    items_total: int


def _kind_fields(key_result: AnyKeyResult) -> _KindFields:
    from okrcli import model

    match key_result:
        case model.MetricKeyResult():
            current = key_result.current if key_result.current is not None else key_result.start
            return _KindFields(
                start=key_result.start,
                target=key_result.target,
                current=current,
                unit=key_result.unit,
            )
        case model.MilestoneKeyResult():
            return _KindFields(done=key_result.done)
        case model.ChecklistKeyResult():
            done = sum(item.done for item in key_result.items)
            return _KindFields(items_done=done, items_total=len(key_result.items))
        case model.MaintainKeyResult():
            return _KindFields(
                current=key_result.current,
                minimum=key_result.min,
                maximum=key_result.max,
                unit=key_result.unit,
            )
        case _:
            return _KindFields(current=key_result.current, unit=key_result.unit)


# ---- objectives, teams, periods ---------------------------------------------------


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float:
    """Mean of (value, weight) pairs; 0.0 when there are none."""
    items = list(pairs)
    total = sum(weight for _, weight in items)
    return sum(value * weight for value, weight in items) / total if total > 0 else 0.0


def score_objective(
    objective: Objective,
    document: Document,
    as_of: dt.date,
    thresholds: StatusThresholds,
    activity: Mapping[str, Activity] | None = None,
) -> ObjectiveResult:
    period = Period.parse(document.okr.period)
    assert period is not None  # the model's pattern guarantees it
    owner = objective.owner or document.okr.owner
    key_results = tuple(
        score_key_result(kr, owner, period, as_of, thresholds, (activity or {}).get(kr.id))
        for kr in objective.key_results
    )
    score = weighted_mean((kr.score, kr.weight) for kr in key_results)
    expected = weighted_mean((kr.expected, kr.weight) for kr in key_results)
    ended = as_of >= period.end
    return ObjectiveResult(
        id=objective.id,
        title=objective.title,
        team=document.okr.team,
        period=document.okr.period,
        type=objective.type,
        owner=owner,
        aligns_to=objective.aligns_to,
        score=score,
        expected=expected,
        status=line_status(score, expected, thresholds) if key_results else Status.OFF_TRACK,
        missed=objective.type == "committed" and ended and score < 1.0 - _EPSILON,
        key_results=key_results,
        path=document.path,
    )


def periods_of(documents: Iterable[Document]) -> list[str]:
    return sorted({document.okr.period for document in documents})


def default_period(documents: Iterable[Document], as_of: dt.date) -> str | None:
    """The period containing `as_of` when there are files for it, else the latest."""
    known = periods_of(documents)
    current = str(Period.containing(as_of))
    if current in known:
        return current
    return known[-1] if known else None


@dataclass(frozen=True)
class Selection:
    """Which objectives a view shows; scores are always computed from whole objectives."""

    period: str
    team: str | None = None
    owner: str | None = None


def score_period(
    documents: Iterable[Document],
    selection: Selection,
    as_of: dt.date,
    thresholds: StatusThresholds,
    activity: Mapping[str, Activity] | None = None,
) -> PeriodResult:
    period = Period.parse(selection.period)
    assert period is not None
    in_period = [d for d in documents if d.okr.period == selection.period]
    everything = [
        score_objective(objective, document, as_of, thresholds, activity)
        for document in in_period
        for objective in document.okr.objectives
    ]
    shown = [o for o in (_select(o, selection) for o in everything) if o is not None]
    return PeriodResult(
        period=selection.period,
        as_of=as_of,
        elapsed=elapsed(period.start, period.end, as_of),
        ended=as_of >= period.end,
        score=_mean([o.score for o in shown]),
        teams=_teams(shown),
        committed=_committed(shown),
        aspirational=_aspirational(shown),
    )


def _select(objective: ObjectiveResult, selection: Selection) -> ObjectiveResult | None:
    if selection.team is not None and objective.team != selection.team:
        return None
    if selection.owner is None or objective.owner == selection.owner:
        return objective
    owned = tuple(kr for kr in objective.key_results if kr.owner == selection.owner)
    if not owned:
        return None
    return ObjectiveResult(**{**objective.__dict__, "key_results": owned})


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _teams(objectives: list[ObjectiveResult]) -> tuple[TeamResult, ...]:
    by_team: dict[str, list[ObjectiveResult]] = {}
    for objective in objectives:
        by_team.setdefault(objective.team, []).append(objective)
    return tuple(
        TeamResult(team, sum(o.score for o in members) / len(members), tuple(members))
        for team, members in sorted(by_team.items())
    )


def _committed(objectives: list[ObjectiveResult]) -> CommittedSummary:
    committed = [o for o in objectives if o.type == "committed"]
    return CommittedSummary(len(committed), sum(o.score >= 1.0 - _EPSILON for o in committed))


def _aspirational(objectives: list[ObjectiveResult]) -> AspirationalSummary:
    scores = [o.score for o in objectives if o.type == "aspirational"]
    return AspirationalSummary(len(scores), _mean(scores))
