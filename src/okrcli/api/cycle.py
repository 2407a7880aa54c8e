"""`okr close`, `okr reopen` and `okr plan`: the end of a period and the start of the next.

Each validates the root first and writes nothing on any error. Closing and reopening
edit the period's files under the root's edit lock (as check-ins do), after checking
that none changed since they were read; with `commit`, exactly those files are
committed. Planning creates new files and never replaces one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base.errors import ExitCode, OkrError

if TYPE_CHECKING:
    from okrcli.base.findings import Finding
    from okrcli.check.validation import Validation
    from okrcli.edit.closing import Closed, Decision, FileEdit
    from okrcli.edit.planning import PlannedFile
    from okrcli.history.git import History
    from okrcli.model.okr_file import Objective
    from okrcli.model.period import Period
    from okrcli.read.documents import Document

AskReflection = Callable[["Objective", float], "str | None"]
"""Asks the user for an objective's reflection (given its score); None: none given."""


@dataclass(frozen=True)
class CloseRequest:
    root: Path | None
    period: str
    grades: Mapping[str, float] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)
    reflections: Mapping[str, str] = field(default_factory=dict)
    decisions: Mapping[str, Decision] = field(default_factory=dict)
    early: bool = False
    """Close a period that is still running (or has not started)."""
    commit: bool = False
    tag: bool = False
    """Add the annotated tag `okr/PERIOD` to the close commit."""
    day: dt.date | None = None
    """The close date; default today."""


@dataclass(frozen=True)
class CloseOutcome:
    period: Period
    day: dt.date
    closed: Closed
    files: list[Path]
    commit: str | None
    tag: str | None
    subject: str
    """The commit message's subject (`okr: close 2026-Q3 (score 0.74)`)."""


def close(request: CloseRequest, ask: AskReflection | None = None) -> CloseOutcome:
    """Record the period's grades, reflections and decisions, and the close date.
    `ask` is called for each objective that has no reflection yet (interactive use)."""
    from okrcli.edit.closing import Closing
    from okrcli.edit.closing import close as close_files

    if request.tag and not request.commit:
        raise OkrError("--tag tags the close commit: add --commit")
    root, validation = _valid_root(request.root)
    period, documents = _period_files(validation, request.period)
    closed_on = documents[0].okr.closed
    if closed_on is not None:
        raise OkrError(
            f"{period} was closed on {closed_on}",
            f"to change its grades, reopen it first: `okr reopen {period}`",
            exit_code=ExitCode.FINDINGS,
        )
    today = request.day or dt.date.today()
    _check_ended(period, today, request.early)
    reflections = dict(request.reflections)
    if ask is not None:
        reflections |= _asked(documents, request, ask)
    closing = Closing(
        period, today, request.grades, request.reasons, reflections, request.decisions
    )
    closed = close_files(documents, closing)
    history = _history_for(root, request.commit, [e.file for e in closed.edits])
    tag = f"okr/{period}" if request.tag else None
    if history is not None and tag is not None:
        history.check_can_tag(tag)
    message = _close_message(period, closed)
    sha = _write(root, closed.edits, history, message)
    if history is not None and tag is not None:
        history.tag(tag, message[0])
    files = [e.file for e in closed.edits]
    return CloseOutcome(period, today, closed, files, sha, tag, message[0])


@dataclass(frozen=True)
class ReopenOutcome:
    period: Period
    closed_on: dt.date
    files: list[Path]
    commit: str | None


def reopen(
    root_option: Path | None, label: str, *, commit: bool = False, reason: str | None = None
) -> ReopenOutcome:
    """Remove the period's closed state and the computed grades (overrides stay)."""
    from okrcli.edit.closing import reopen as reopen_files

    root, validation = _valid_root(root_option)
    period, documents = _period_files(validation, label)
    closed_on = documents[0].okr.closed
    if closed_on is None:
        raise OkrError(f"{period} is not closed", f"close it with `okr close {period}`")
    edits = reopen_files(documents)
    history = _history_for(root, commit, [e.file for e in edits])
    subject = f"okr: reopen {period} (closed on {closed_on})"
    sha = _write(root, edits, history, (subject, reason))
    return ReopenOutcome(period, closed_on, [e.file for e in edits], sha)


@dataclass(frozen=True)
class PlanRequest:
    root: Path | None
    period: str | None = None
    """The period to plan; default: the one after `source`."""
    source: str | None = None
    """The period it continues (`--from`); default: the one before `period`, else the
    latest period with files."""
    carry: frozenset[str] = frozenset()
    drop: frozenset[str] = frozenset()
    everything: bool = False
    commit: bool = False


@dataclass(frozen=True)
class PlanOutcome:
    period: Period
    source: Period
    written: list[PlannedFile]
    existing: list[PlannedFile]
    """Files that exist already: left as they are."""
    to_fill_in: list[Finding]
    """What `okr lint` asks of the new files: the team's part of the plan."""
    commit: str | None


def plan(request: PlanRequest) -> PlanOutcome:
    """Write the new period's files from the source period's decisions (by default, from
    their scores: keep what was not achieved)."""
    from okrcli.api.newfiles import check_new_files
    from okrcli.check.places import places
    from okrcli.edit.atomic import edit_lock, write_new
    from okrcli.edit.planning import Planning
    from okrcli.edit.planning import plan as plan_files

    root, validation = _valid_root(request.root)
    period, source = _plan_periods(validation, request)
    documents = [d for d in validation.documents if d.okr.period == source]
    planning = Planning(period, source, request.carry, request.drop, request.everything)
    existing = {
        d.file: {p.id for p in places(d)} for d in validation.documents if d.okr.period == period
    }
    planned = plan_files(documents, root, planning, existing)
    if not planned:
        raise OkrError(
            f"nothing of {source} is carried into {period}",
            "every objective was achieved or dropped; carry one with --carry ID, "
            "or start the period with `okr init`",
        )
    new = [p for p in planned if not p.exists]
    to_fill_in = check_new_files(root, [(p.file, p.text) for p in new], "planned")
    history = _history_for(root, request.commit, [p.file for p in new])
    sha = None
    with edit_lock(root):
        for planned_file in new:
            write_new(planned_file.file, planned_file.text)
        if history is not None and new:
            subject = f"okr: plan {period} from {source}"
            sha = history.commit_files([p.file for p in new], subject, None)
    return PlanOutcome(period, source, new, [p for p in planned if p.exists], to_fill_in, sha)


# ---- shared steps -------------------------------------------------------------------------


def _valid_root(root_option: Path | None) -> tuple[Path, Validation]:
    from okrcli.check.validation import InvalidFilesError, validate_root
    from okrcli.read.root import resolve_root

    root = resolve_root(root_option)
    assert root is not None
    validation = validate_root(root)
    if not validation.ok:
        raise InvalidFilesError(validation)
    return root, validation


def _period_files(validation: Validation, label: str) -> tuple[Period, list[Document]]:
    from okrcli.api.progress import known_period, parse_period

    calendar = validation.config.calendar.calendar()
    period = known_period(validation.documents, parse_period(label, calendar), label)
    return period, [d for d in validation.documents if d.okr.period == period]


def _check_ended(period: Period, today: dt.date, early: bool) -> None:
    if early or period.end < today:
        return
    when = "runs until" if period.start <= today else "starts on"
    day = period.end if period.start <= today else period.start
    raise OkrError(
        f"{period} {when} {day}: a period is closed when it has ended",
        f"to grade it now, add --early: `okr close {period} --early`",
    )


def _asked(documents: list[Document], request: CloseRequest, ask: AskReflection) -> dict[str, str]:
    from okrcli.score.scoring import objective_score

    answers = {}
    for document in documents:
        for objective in document.okr.objectives:
            if objective.id in request.reflections or objective.reflection is not None:
                continue
            answer = ask(objective, objective_score(objective))
            if answer and answer.strip():
                answers[objective.id] = answer.strip()
    return answers


def _history_for(root: Path, commit: bool, files: list[Path]) -> History | None:
    """The root's history when the edit is to be committed, checked before any edit."""
    if not commit:
        return None
    from okrcli.history.git import History

    history = History(root)
    for file in files:
        history.check_can_commit(file)
    return history


def _write(
    root: Path, edits: list[FileEdit], history: History | None, message: tuple[str, str | None]
) -> str | None:
    """Write every edit, under the root's edit lock, only if none of the files changed
    since it was read; then commit them when asked."""
    from okrcli.edit.atomic import edit_lock
    from okrcli.edit.closing import check_unchanged, write_all

    with edit_lock(root):
        check_unchanged(edits)
        write_all(edits)
        if history is None:
            return None
        return history.commit_files([e.file for e in edits], *message)


def _close_message(period: Period, closed: Closed) -> tuple[str, str | None]:
    score = f" (score {closed.score:.2f})" if closed.score is not None else ""
    lines = [f"{ident}: {decision}" for ident, decision in closed.decisions.items()]
    return f"okr: close {period}{score}", "Decisions for the next period:\n" + "\n".join(lines)


def _plan_periods(validation: Validation, request: PlanRequest) -> tuple[Period, Period]:
    """The period to plan and the one it continues, both named or one derived."""
    from okrcli.api.progress import known_period, parse_period
    from okrcli.score.scoring import periods_of

    calendar = validation.config.calendar.calendar()
    known = periods_of(validation.documents)
    if request.source is not None:
        source = known_period(
            validation.documents, parse_period(request.source, calendar), request.source
        )
    elif request.period is not None:
        source = parse_period(request.period, calendar).previous()
        if source not in known:
            raise OkrError(
                f"no OKR files for {source}, the period before {request.period}",
                "name the period to plan from: --from PERIOD",
            )
    elif known:
        source = max(known, key=lambda p: (p.end, p.start))
    else:
        raise OkrError("no OKR files found under the OKR root; start with `okr init`")
    period = parse_period(request.period, calendar) if request.period else source.next()
    if period.start <= source.start:
        raise OkrError(f"{period} does not come after {source}: plan a later period")
    return period, source


def read_reflections(file: Path) -> dict[str, str]:
    """`--reflections FILE`: a YAML mapping of objective ids to what was learned, read
    as safely as an OKR file; OkrError (exit 1) at the place that is wrong."""
    from okrcli.base.codes import INVALID_VALUE, NOT_A_MAPPING
    from okrcli.base.findings import Finding, Level, Location
    from okrcli.read.files import read_bounded, shown_path
    from okrcli.read.reader import read_yaml

    shown = shown_path(file)
    if not file.is_file():
        raise OkrError(f"no such file: {shown}")
    raw = read_bounded(file)
    if isinstance(raw, Finding):
        raise OkrError(raw.message, raw.hint, exit_code=ExitCode.FINDINGS, findings=[raw])
    read = read_yaml(raw, shown)
    if read.document is None:
        raise OkrError(
            f"{shown} is not readable YAML", exit_code=ExitCode.FINDINGS, findings=read.findings
        )
    data, marks = read.document.data, read.document.marks
    hint = "write one line per objective: `ACME-1: what was learned`"
    if not isinstance(data, dict):
        location = Location(shown, 1, 1)
        problem = Finding(
            location, Level.ERROR, NOT_A_MAPPING, "expected a mapping of ids to text", hint
        )
        raise OkrError(
            "--reflections: not a mapping of ids to text",
            exit_code=ExitCode.FINDINGS,
            findings=[problem],
        )
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            line, col = marks.value((key,))
            location = Location(shown, line, col)
            message = f"the reflection of {key} is not text"
            problem = Finding(location, Level.ERROR, INVALID_VALUE, message, hint)
            raise OkrError(
                "--reflections: a reflection is not text",
                exit_code=ExitCode.FINDINGS,
                findings=[problem],
            )
    return {str(key): value.strip() for key, value in data.items()}
