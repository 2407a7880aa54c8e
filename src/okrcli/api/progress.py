"""`okr status`, `okr tree` and `okr report`: a period scored, as a table, a tree or a
CI report. Invalid files stop them with the findings of `okr validate`.

`--as-of` a past day reads the files as they were at the last commit on or before that
day (first parent), so values, targets and key results are that day's; today (the
default) reads the working tree. `--no-history` reads no git at all: `--as-of` then only
moves the day today's files are judged against.
"""

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
    from okrcli.check.validation import RootFiles, Validation
    from okrcli.history.changes import RevisionDiff
    from okrcli.history.charts import Charts
    from okrcli.history.git import History
    from okrcli.history.timeline import Timeline
    from okrcli.model.activity import Activity
    from okrcli.model.period import Calendar, Identity, Period
    from okrcli.read.documents import Document
    from okrcli.score.alignment import AlignmentNode
    from okrcli.score.results import PeriodResult


@dataclass(frozen=True)
class ViewRequest:
    """What a progress view shows: which root, period, team and owner, as of which day,
    and whether git history (the past, staleness, forecasts) is read."""

    root: Path | None = None
    period: str | None = None
    team: str | None = None
    owner: str | None = None
    as_of: dt.date | None = None
    history: bool = True


def status(request: ViewRequest) -> PeriodResult:
    return _scored(request, Level.ERROR).result


@dataclass(frozen=True)
class TreeView:
    result: PeriodResult
    roots: list[AlignmentNode]


def tree(request: ViewRequest) -> TreeView:
    """The period's alignment tree, with the objectives of the periods that enclose it
    (its half and year) that its objectives align to: the cascade across periods."""
    scored = _scored(request, Level.ERROR)
    return TreeView(scored.result, _alignment(scored))


def _alignment(scored: _Scored) -> list[AlignmentNode]:
    from okrcli.score.alignment import alignment_tree
    from okrcli.score.scoring import Selection, periods_of, score_period

    result, validation = scored.result, scored.validation
    known = periods_of(validation.documents)
    objectives = list(result.objectives)
    for period in result.period.enclosing():
        if period in known:
            enclosing = score_period(
                validation.documents,
                Selection(period),
                result.as_of,
                validation.config.status,
                scored.activity,
            )
            objectives = list(enclosing.objectives) + objectives
    top = validation.config.top_level_team
    return alignment_tree(tuple(objectives), top)


@dataclass(frozen=True)
class ReportDetail:
    """What the HTML report shows beyond the CI report."""

    charts: Charts | None
    """Burn-up charts from git; None where history was not read (outside git,
    `--no-history`, a shallow clone)."""
    alignment: list[AlignmentNode]
    closed: tuple[PeriodResult, ...]
    """The other closed periods, the latest first: their grades and reflections."""


@dataclass(frozen=True)
class ReportView:
    result: PeriodResult
    findings: list[Finding]
    """The findings of `okr lint` in the period's files (warnings and infos of the
    practice rules), and those outside any OKR file."""
    changes: RevisionDiff | None
    detail: ReportDetail | None = None
    """For `--format html` only: charts, the alignment tree and the closed periods."""


def report(request: ViewRequest, since: str | None = None, *, detail: bool = False) -> ReportView:
    """The CI report; with `detail`, also what the HTML report draws (charts from the
    same walk of the log that the status read)."""
    scored = _scored(request, Level.INFO, keep_timelines=detail)
    changes = None
    if since is not None:
        from okrcli.history.changes import diff_revisions

        root = scored.validation.root
        assert root is not None
        changes = diff_revisions(root, since, None, calendar=scored.calendar)
    period = scored.result.period
    others = {d.path for d in scored.validation.documents if d.okr.period != period}
    findings = [f for f in scored.validation.findings if f.location.path not in others]
    extra = _detail(scored, request) if detail else None
    return ReportView(scored.result, findings, changes, extra)


def _detail(scored: _Scored, request: ViewRequest) -> ReportDetail:
    charts = None
    if scored.timelines is not None and scored.activity is not None:
        from okrcli.history.charts import period_charts

        assert scored.history is not None
        order = scored.history.commit_order
        charts = period_charts(scored.result, scored.timelines, scored.activity, order)
    return ReportDetail(charts, _alignment(scored), _closed_periods(scored, request))


def _closed_periods(scored: _Scored, request: ViewRequest) -> tuple[PeriodResult, ...]:
    """Every other closed period with the view's team and owner, the latest first, as
    recorded when it was closed."""
    from okrcli.score.scoring import Selection, periods_of, score_period

    documents, shown = scored.validation.documents, scored.result.period
    closed = {d.okr.period for d in documents if d.okr.closed is not None} - {shown}
    results = []
    for period in reversed(periods_of(documents)):
        if period in closed:
            selection = Selection(period, request.team, request.owner)
            thresholds = scored.validation.config.status
            result = score_period(documents, selection, scored.result.as_of, thresholds)
            if result.objectives:
                results.append(result)
    return tuple(results)


@dataclass(frozen=True)
class _Scored:
    validation: Validation
    result: PeriodResult
    activity: Mapping[Identity, Activity] | None
    calendar: Calendar
    history: History | None = None
    timelines: dict[Identity, Timeline] | None = None
    """Kept when asked for (the HTML report's charts); else None."""


def _scored(request: ViewRequest, minimum: Level, *, keep_timelines: bool = False) -> _Scored:
    from okrcli.check.validation import InvalidFilesError, gather, validate_gathered
    from okrcli.read.config import root_calendar
    from okrcli.read.root import resolve_root
    from okrcli.score.scoring import Selection, score_period

    root = resolve_root(request.root)
    assert root is not None
    today = dt.date.today()
    day = request.as_of or today
    calendar = root_calendar(root)
    history = _history(root, calendar) if request.history else None
    past = request.history and day < today
    if past and history is None:
        raise OkrError(
            f"--as-of {day.isoformat()} reads the files as they were on that day from git, "
            f"and {root} is not in a git repository",
            "add --no-history to judge today's files as of that day",
        )
    if past and history is not None:
        files, snapshot = _files_of_the_day(history, root, day)
    else:
        files, snapshot = gather(root), None
    # The HTML report's charts need every timeline; other views need only the activity,
    # which HEAD's cache answers without walking the log.
    timelines = _timelines(history) if keep_timelines else None
    activity = _activity_of(timelines) if keep_timelines else _activity(history)
    asked = parse_period(request.period, calendar) if request.period is not None else None
    validation = validate_gathered(
        files, minimum=minimum, as_of=day, activity=activity, shown_closed=asked
    )
    if not validation.ok:
        raise InvalidFilesError(validation)
    calendar = validation.config.calendar.calendar()
    period = _period(validation, request.period, day, calendar)
    _check_selection(validation.documents, period, request)
    selection = Selection(period, request.team, request.owner)
    result = score_period(validation.documents, selection, day, validation.config.status, activity)
    if snapshot is not None:
        from dataclasses import replace

        result = replace(result, files_at=snapshot)
    if history is not None and history.warnings:
        from dataclasses import replace

        result = replace(result, warnings=tuple(history.warnings))
    return _Scored(validation, result, activity, calendar, history, timelines)


def _check_selection(documents: list[Document], period: Period, request: ViewRequest) -> None:
    """`--team` and `--owner` name someone of the period: a typo must not look like a
    team with nothing to report (exit 2, with the closest names)."""
    in_period = [d for d in documents if d.okr.period == period]
    teams = sorted({d.okr.team for d in in_period})
    if request.team is not None and request.team not in teams:
        _no_such("team", request.team, teams, period)
    owners = sorted(_owners(in_period))
    if request.owner is not None and request.owner not in owners:
        _no_such("owner", request.owner, owners, period)


def _owners(documents: list[Document]) -> set[str]:
    found = set()
    for document in documents:
        okr = document.okr
        found |= {okr.owner} if okr.owner else set()
        for objective in okr.objectives:
            found |= {objective.owner} if objective.owner else set()
            found |= {kr.owner for kr in objective.key_results if kr.owner}
    return found


def _no_such(what: str, name: str, names: list[str], period: Period) -> None:
    from okrcli.base.suggest import did_you_mean

    listed = ", ".join(names) if names else "none"
    raise OkrError(
        f"no {what} `{name}` in {period}; {what}s there: {listed}",
        did_you_mean(name, names),
    )


def _history(root: Path, calendar: Calendar) -> History | None:
    """The root's git history, or None outside a repository (nothing to read)."""
    from okrcli.history.git import History, HistoryError

    try:
        return History(root, calendar)
    except HistoryError:
        return None


def _files_of_the_day(
    history: History, root: Path, day: dt.date
) -> tuple[RootFiles, tuple[str, dt.datetime]]:
    """The files as they were at the last commit on or before `day` (first parent)."""
    from okrcli.check.validation import RootFiles

    revision = history.resolve(day.isoformat())
    assert revision.commit is not None and revision.date is not None
    files, config = history.files_at(revision.commit)
    return RootFiles(root, files, [], config, None), (revision.commit, revision.date)


def _timelines(history: History | None) -> dict[Identity, Timeline] | None:
    """Every key result's timeline; None outside git, and in a shallow clone (where it
    would be wrong: the first fetched commit looks like every key result's start)."""
    from okrcli.history.timeline import timelines

    return timelines(history) if history is not None and not history.shallow else None


def _activity(history: History | None) -> Mapping[Identity, Activity] | None:
    """The check-in activity (HEAD's from the cache); None where `_timelines` is None."""
    from okrcli.history.timeline import activity

    return activity(history) if history is not None and not history.shallow else None


def _activity_of(
    found: dict[Identity, Timeline] | None,
) -> Mapping[Identity, Activity] | None:
    """The check-in activity of the timelines."""
    from okrcli.history.timeline import activity_of

    return activity_of(found) if found is not None else None


def parse_period(text: str, calendar: Calendar) -> Period:
    """A period named on the command line; OkrError (exit 2) with the accepted forms."""
    from okrcli.model.period import Period

    parsed = Period.parse(text, calendar)
    if parsed is not None:
        return parsed
    hint = "periods look like 2027, 2027-H1 or 2027-Q1, with a year from 1900 to 2999"
    if Period.has_form(text) and Period.is_fiscal_label(text):
        hint = "fiscal periods (FY27-Q1) need `calendar: {fiscal_year_start: MONTH}` in okrcli.yaml"
    raise OkrError(f"{text!r} is not a period", hint)


def _period(validation: Validation, asked: str | None, day: dt.date, calendar: Calendar) -> Period:
    from okrcli.score.scoring import default_period

    if asked is None:
        chosen = default_period(validation.documents, day)
        if chosen is None:
            raise OkrError("no OKR files found under the OKR root; start with `okr init`")
        return chosen
    return known_period(validation.documents, parse_period(asked, calendar), asked)


def known_period(documents: list[Document], period: Period, asked: str) -> Period:
    """`period` (named `asked` on the command line) if some file is of it; else OkrError
    (exit 2) listing the periods there are."""
    from okrcli.base.suggest import did_you_mean
    from okrcli.score.scoring import periods_of

    known = periods_of(documents)
    if period not in known:
        listed = ", ".join(str(each) for each in known)
        close = did_you_mean(asked, [str(each) for each in known])
        raise OkrError(f"no OKR files for {asked}; periods found: {listed}", close)
    return period
