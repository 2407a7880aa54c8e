"""`okr status`, `okr tree` and `okr report`: a period scored, as a table, a tree or a
CI report. Invalid files stop them with the findings of `okr validate`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base.errors import OkrError
from okrcli.base.findings import Level

if TYPE_CHECKING:
    from collections.abc import Mapping

    from okrcli.base.findings import Finding
    from okrcli.check.validation import Validation
    from okrcli.history.changes import RevisionDiff
    from okrcli.model.activity import Activity
    from okrcli.model.period import Period
    from okrcli.score.alignment import AlignmentNode
    from okrcli.score.results import PeriodResult


@dataclass(frozen=True)
class ViewRequest:
    """What a progress view shows: which root, period, team and owner, as of which day,
    and whether git history (staleness, forecasts) is read."""

    root: Path | None = None
    period: str | None = None
    team: str | None = None
    owner: str | None = None
    as_of: dt.date | None = None
    history: bool = True


def status(request: ViewRequest) -> PeriodResult:
    return _scored(request, Level.ERROR)[1]


@dataclass(frozen=True)
class TreeView:
    result: PeriodResult
    roots: list[AlignmentNode]


def tree(request: ViewRequest) -> TreeView:
    from okrcli.score.alignment import alignment_tree

    validation, result = _scored(request, Level.ERROR)
    return TreeView(result, alignment_tree(result.objectives, validation.config.top_level_team))


@dataclass(frozen=True)
class ReportView:
    result: PeriodResult
    findings: list[Finding]
    """Every finding of `okr lint`: warnings and infos of the practice rules."""
    changes: RevisionDiff | None


def report(request: ViewRequest, since: str | None = None) -> ReportView:
    validation, result = _scored(request, Level.INFO)
    changes = None
    if since is not None:
        from okrcli.history.changes import diff_revisions

        assert validation.root is not None
        changes = diff_revisions(validation.root, since, None)
    return ReportView(result, validation.findings, changes)


def _scored(request: ViewRequest, minimum: Level) -> tuple[Validation, PeriodResult]:
    from okrcli.check.validation import InvalidFilesError, validate_root
    from okrcli.read.root import resolve_root
    from okrcli.score.scoring import Selection, score_period

    root = resolve_root(request.root)
    assert root is not None
    activity = _activity(root) if request.history else None
    validation = validate_root(root, minimum=minimum, as_of=request.as_of, activity=activity)
    if not validation.ok:
        raise InvalidFilesError(validation)
    day = request.as_of or dt.date.today()
    period = _period(validation, request.period, day)
    selection = Selection(period, request.team, request.owner)
    result = score_period(validation.documents, selection, day, validation.config.status, activity)
    return validation, result


def _activity(root: Path) -> Mapping[str, Activity] | None:
    from okrcli.history.timeline import activity_of

    return activity_of(root)


def _period(validation: Validation, asked: str | None, day: dt.date) -> Period:
    from okrcli.model.period import Period
    from okrcli.score.scoring import default_period, periods_of

    if asked is None:
        chosen = default_period(validation.documents, day)
        if chosen is None:
            raise OkrError("no OKR files found under the OKR root; start with `okr init`")
        return chosen
    parsed = Period.parse(asked)
    if parsed is None:
        raise OkrError(
            f"period {asked!r} is not of the form YYYY-Qn, e.g. 2026-Q4",
            "a period is a year from 1900 to 2999 and its quarter: 2026-Q4",
        )
    known = periods_of(validation.documents)
    if parsed not in known:
        listed = ", ".join(str(period) for period in known)
        raise OkrError(f"no OKR files for {asked}; periods found: {listed}")
    return parsed
