"""What changed between two points in history: the library call behind `okr diff` and
`okr report --since`. Reads through `okrcli.history`, compares with `okrcli.diff`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from okrcli.history.git import History, HistoryError, InvalidFile, Revision
from okrcli.model.period import GREGORIAN, Calendar, Period
from okrcli.score.compare import (
    Diff,
    TeamQuarters,
    compare_periods,
    diff_documents,
    mark_mid_period,
)


@dataclass
class RevisionDiff:
    before: Revision
    after: Revision
    diff: Diff
    invalid: list[InvalidFile]
    shallow: bool
    warnings: list[str]
    """What the reader must know about the history read (commit dates out of range)."""


PeriodState = Literal["closed", "ended", "running", "upcoming"]
"""Where a compared period stood in the state read for it: its scores are final only
once it had ended (or was closed)."""


@dataclass
class QuarterDiff:
    earlier: str
    later: str
    before: Revision
    after: Revision
    teams: list[TeamQuarters]
    invalid: list[InvalidFile]
    shallow: bool
    warnings: list[str]
    states: tuple[PeriodState, PeriodState] = ("ended", "ended")
    """Where the earlier and the later period stood in the state read for each: a
    period read before its end (the latest commit of one still running) is `running`."""


def is_period_comparison(
    before: str | None, after: str | None, calendar: Calendar = GREGORIAN
) -> bool:
    """Whether both sides name periods (`okr diff 2026-Q3 2026-Q4`, `okr diff 2026 2027`)."""
    return (
        before is not None
        and after is not None
        and Period.parse(before, calendar) is not None
        and Period.parse(after, calendar) is not None
    )


def diff_revisions(
    root: Path,
    before: str | None = "HEAD",
    after: str | None = None,
    *,
    everything: bool = False,
    calendar: Calendar = GREGORIAN,
) -> RevisionDiff:
    """Diff the OKR root between two revisions (default: HEAD -> the working tree)."""
    history = History(root, calendar)
    old_revision, new_revision = history.resolve(before), history.resolve(after)
    if everything:  # unchanged key results are wanted too: read both sides whole
        old, new = history.snapshot(old_revision), history.snapshot(new_revision)
    else:
        old, new = history.changed_snapshots(old_revision, new_revision)
    diff = diff_documents(old.documents, new.documents, include_unchanged=everything)
    added = [(c.after.period, c.id) for c in diff.key_results if c.after and c.change == "added"]
    added += [(c.after.period, c.id) for c in diff.objectives if c.after and c.change == "added"]
    introduced = history.introduced(added, old_revision, new_revision)
    dates = {key: rev.date for key, rev in introduced.items() if rev.date is not None}
    mark_mid_period(diff, dates)
    return RevisionDiff(
        old_revision,
        new_revision,
        diff,
        old.invalid + new.invalid,
        history.shallow,
        history.warnings,
    )


def diff_periods(
    root: Path, earlier: str, later: str, calendar: Calendar = GREGORIAN
) -> QuarterDiff:
    """Each period's state at its end (a running one: its latest): scores, objectives
    carried over, new and dropped."""
    history = History(root, calendar)
    closed = _closed_at_head(history, earlier), _closed_at_head(history, later)
    old_revision = _period_end(history, earlier, closed[0])
    new_revision = _period_end(history, later, closed[1])
    old, new = history.snapshot(old_revision), history.snapshot(new_revision)
    teams = compare_periods(
        [d for d in old.documents if d.okr.period == Period.parse(earlier, calendar)],
        [d for d in new.documents if d.okr.period == Period.parse(later, calendar)],
    )
    return QuarterDiff(
        earlier,
        later,
        old_revision,
        new_revision,
        teams,
        old.invalid + new.invalid,
        history.shallow,
        history.warnings,
        (
            _state(history, earlier, old_revision, closed[0] is not None),
            _state(history, later, new_revision, closed[1] is not None),
        ),
    )


def _state(history: History, label: str, revision: Revision, closed: bool) -> PeriodState:
    """Closed, or as the day of the state read says: a state from before the period's
    end holds scores so far, not final ones."""
    if closed:
        return "closed"
    period = Period.parse(label, history.calendar)
    assert period is not None  # pragma: no mutate: both sides were parsed as periods
    day = revision.date.date() if revision.date is not None else dt.date.today()
    if period.ended_by(day):
        return "ended"
    return "running" if period.start <= day else "upcoming"


def _closed_at_head(history: History, label: str) -> Revision | None:
    try:
        head = history.resolve("HEAD")
    except HistoryError:
        return None  # no commit yet
    period = Period.parse(label, history.calendar)
    closed = {d.okr.closed for d in history.snapshot(head).documents if d.okr.period == period}
    if len(closed) != 1 or None in closed:
        return None
    (day,) = closed
    return Revision(f"{label} (closed {day})", head.commit, head.date)


def _period_end(history: History, period: str, closed: Revision | None) -> Revision:
    """The state at the period's end: as HEAD has it once the period is closed (`closed`:
    its grades are final), else at the last commit on or before its last day; when no
    commit is that old (the OKRs came into git later), the current HEAD, labelled so."""
    if closed is not None:
        return closed
    try:
        return history.resolve(period)
    except HistoryError:
        head = history.resolve("HEAD")
        return Revision(f"{period} (HEAD: no commit at its end)", head.commit, head.date)
