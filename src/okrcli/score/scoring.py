"""Scores and statuses: the one computation that every view renders.

Pure functions of the validated documents, the as-of date and the thresholds. The
rules are documented in the README ("Scoring"); tests pin each with worked numbers.
What a kind scores and which schedule it follows comes from the kind itself
(`okrcli.model.kinds`).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from okrcli.base.numbers import EPSILON
from okrcli.model.period import Identity, Period, in_view
from okrcli.score.results import (
    AspirationalSummary,
    CommittedSummary,
    History,
    KeyResultResult,
    ObjectiveResult,
    PeriodResult,
    Status,
    TeamResult,
)
from okrcli.score.schedule import elapsed, expected_and_status, line_status

if TYPE_CHECKING:
    from okrcli.model.activity import Activity
    from okrcli.model.config import StatusThresholds
    from okrcli.model.kinds import KeyResultBase
    from okrcli.model.okr_file import Objective
    from okrcli.read.documents import Document


def score_key_result(
    key_result: KeyResultBase,
    owner: str | None,
    period: Period,
    as_of: dt.date,
    thresholds: StatusThresholds,
    activity: Activity | None = None,
    closed: dt.date | None = None,
) -> KeyResultResult:
    """A key result scored as of `as_of`. Once its period is `closed` its grade is the
    one recorded then; a dropped key result is shown with its reason and counts nowhere."""
    score = key_result.recorded_score() if closed is not None else key_result.score()
    due = key_result.due or period.end
    expected, status = expected_and_status(
        key_result.schedule, score, due, period, as_of, thresholds
    )
    if closed is not None and status is not Status.DONE:
        status = Status.ENDED  # closed early: graded, no longer tracked
    if key_result.dropped is not None:
        status = Status.DROPPED
    result = KeyResultResult(
        id=key_result.id,
        title=key_result.title,
        kind=key_result.kind,
        score=score,
        expected=expected,
        status=status,
        weight=key_result.weight,
        owner=key_result.owner or owner,
        due=due,
        confidence=key_result.confidence,
        facts=key_result.facts(),
        dated=key_result.due is not None or key_result.schedule == "due-date",
        dropped=key_result.dropped,
        final_score=key_result.final_score if closed is not None else None,
        override_reason=key_result.override_reason if closed is not None else None,
        computed_score=key_result.score() if closed and key_result.override_reason else None,
        source=key_result.synced_from.kind if key_result.synced_from is not None else None,
    )
    if activity is None or status is Status.DROPPED:
        return result
    return _with_history(result, key_result, activity, period, as_of, thresholds)


def _with_history(
    result: KeyResultResult,
    key_result: KeyResultBase,
    activity: Activity,
    period: Period,
    as_of: dt.date,
    thresholds: StatusThresholds,
) -> KeyResultResult:
    """Staleness, the forecast and time in band: what history adds to a key result."""
    from okrcli.model.activity import is_outdated
    from okrcli.score.activity import forecast, misses, time_in_band

    status = result.status
    # Overdue outranks outdated: a missed deadline is the more serious news.
    if status not in (Status.DONE, Status.OVERDUE) and is_outdated(
        key_result, activity, period, as_of, thresholds.stale_after_days
    ):
        status = Status.OUTDATED
    facts = result.facts
    projected = None
    has_line = (
        facts.start is not None  # pragma: no mutate: a kind has both (metric) or neither
        and facts.target is not None
    )
    if has_line and period.running_on(as_of) and status is not Status.DONE:
        projected = forecast(activity.values, period.start, as_of, result.due)
    trending = (
        projected is not None
        and facts.start is not None
        and facts.target is not None
        and misses(projected, facts.start, facts.target)
    )
    band = None
    if key_result.schedule == "band":
        band = time_in_band(
            activity.values, facts.minimum, facts.maximum, period.start, min(as_of, period.end)
        )
    history = History(activity.last_checkin(as_of), projected, trending, band)
    return replace(result, status=status, history=history)


# ---- objectives, teams, periods ---------------------------------------------------


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float:
    """Mean of (value, weight) pairs; 0.0 when there are none."""
    items = list(pairs)
    if not items:
        return 0.0
    values, weights = zip(
        *items,
        strict=True,  # pragma: no mutate: every item is a pair, so strict never fails
    )
    return statistics.fmean(values, weights)


def objective_score(objective: Objective, closed: bool = False) -> float:
    """The weighted mean of the objective's key results (the dropped ones left out; of
    a closed period, their recorded grades)."""
    return weighted_mean(
        (kr.recorded_score() if closed else kr.score(), kr.weight)
        for kr in objective.key_results
        if kr.dropped is None
    )


def score_objective(
    objective: Objective,
    document: Document,
    as_of: dt.date,
    thresholds: StatusThresholds,
    activity: Mapping[Identity, Activity] | None = None,
) -> ObjectiveResult:
    period, closed = document.okr.period, document.okr.closed
    owner = objective.owner or document.okr.owner
    found = activity or {}
    key_results = tuple(
        score_key_result(kr, owner, period, as_of, thresholds, found.get((period, kr.id)), closed)
        for kr in objective.key_results
    )
    counted = [kr for kr in key_results if kr.status is not Status.DROPPED]
    score = weighted_mean((kr.score, kr.weight) for kr in counted)
    expected = weighted_mean((kr.expected, kr.weight) for kr in counted)
    graded = period.ended_by(as_of) or closed is not None
    achieved = _achieved(objective.type, score) if graded and counted else None
    if achieved is not None:
        status = Status.ACHIEVED if achieved else Status.MISSED
    elif counted:
        status = line_status(score, expected, thresholds)
    else:
        status = Status.OFF_TRACK
    return ObjectiveResult(
        id=objective.id,
        title=objective.title,
        team=document.okr.team,
        period=period,
        type=objective.type,
        owner=owner,
        aligns_to=objective.aligns_to,
        score=score,
        expected=expected,
        status=status,
        achieved=achieved,
        key_results=key_results,
        path=document.path,
        reflection=objective.reflection,
        decision=objective.decision,
    )


def _achieved(kind: str, score: float) -> bool:
    """Committed objectives are achieved at 1.0; aspirational ones from 0.7, the green
    band (about 0.7 is a good result for an ambitious goal)."""
    bar = 1.0 if kind == "committed" else 0.7
    return score >= bar - EPSILON


def periods_of(documents: Iterable[Document]) -> list[Period]:
    return sorted({document.okr.period for document in documents})


def default_period(documents: Iterable[Document], as_of: dt.date) -> Period | None:
    """The shortest period running on `as_of` that has files, else the latest."""
    return in_view(periods_of(documents), None, as_of)


@dataclass(frozen=True)
class Selection:
    """Which objectives a view shows; scores are always computed from whole objectives."""

    period: Period
    team: str | None = None
    owner: str | None = None


def score_period(
    documents: Iterable[Document],
    selection: Selection,
    as_of: dt.date,
    thresholds: StatusThresholds,
    activity: Mapping[Identity, Activity] | None = None,
) -> PeriodResult:
    period = selection.period
    in_period = [d for d in documents if d.okr.period == period]
    closed = min((d.okr.closed for d in in_period if d.okr.closed is not None), default=None)
    everything = [
        score_objective(objective, document, as_of, thresholds, activity)
        for document in in_period
        for objective in document.okr.objectives
    ]
    shown = [o for o in (_select(o, selection) for o in everything) if o is not None]
    return PeriodResult(
        period=period,
        as_of=as_of,
        elapsed=elapsed(period.start, period.end, as_of),
        ended=period.ended_by(as_of) or closed is not None,
        closed=closed,
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
    return replace(objective, key_results=owned)


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _teams(objectives: list[ObjectiveResult]) -> tuple[TeamResult, ...]:
    by_team: dict[str, list[ObjectiveResult]] = {}
    for objective in objectives:
        by_team.setdefault(objective.team, []).append(objective)
    return tuple(
        TeamResult(team, statistics.fmean(o.score for o in members), tuple(members))
        for team, members in sorted(by_team.items())
    )


def _committed(objectives: list[ObjectiveResult]) -> CommittedSummary:
    committed = [o for o in objectives if o.type == "committed"]
    return CommittedSummary(len(committed), sum(o.score >= 1.0 - EPSILON for o in committed))


def _aspirational(objectives: list[ObjectiveResult]) -> AspirationalSummary:
    scores = [o.score for o in objectives if o.type == "aspirational"]
    return AspirationalSummary(len(scores), _mean(scores))
