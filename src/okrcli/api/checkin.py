"""`okr checkin`: record a key result's new value, optionally as a commit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrcli.check.validation import Validation
    from okrcli.edit.checkin import Checkin, CheckinResult
    from okrcli.read.documents import Document


@dataclass(frozen=True)
class CheckinOutcome:
    result: CheckinResult
    commit: str | None
    """The new commit's sha, with `commit=True`."""


def checkin(
    root: Path | None,
    request: Checkin,
    *,
    commit: bool = False,
    note: str | None = None,
    period: str | None = None,
) -> CheckinOutcome:
    """Validate the root, edit the key result's file, and commit it when asked. Anything
    that would stop the commit is checked before the file is edited.

    The edit and the commit happen under the root's edit lock (`edit_lock`): check-ins
    running at once wait for each other, each edits the file as the previous one left
    it, and their commits do not collide on git's index. Validating the root and
    drafting the edit (where the refusals come from) happen before the lock; the file
    is read again inside it, and what is written is this check-in applied to what it
    says then."""
    from okrcli.check.validation import validate_root
    from okrcli.edit.atomic import edit_lock
    from okrcli.edit.checkin import (
        apply_check_in,
        draft_check_in,
        find_key_result,
        writable_target,
    )
    from okrcli.history.git import History
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root)
    assert okr_root is not None
    validation = validate_root(okr_root)
    documents = validation.documents
    if not validation.ok:
        _found_despite_errors(validation, request.key_result)
    request = _resolved(request, validation, period)
    document = find_key_result(documents, request.key_result, request.period).document
    _refuse_closed(document, request.key_result)
    file = document.file
    history = History(okr_root) if commit else None
    draft = draft_check_in(documents, request, root=okr_root)
    with edit_lock(okr_root):
        if history is not None:
            history.check_can_commit(writable_target(file, okr_root))
        result = apply_check_in(draft)
        if history is None:
            return CheckinOutcome(result, None)
        sha = history.commit_file(result.file, result.subject, note)
    return CheckinOutcome(result, sha)


def _refuse_closed(document: Document, ident: str) -> None:
    """A closed period's grades are final: a check-in would contradict them."""
    from okrcli.base.errors import ExitCode, OkrError

    closed, period = document.okr.closed, document.okr.period
    if closed is not None:
        raise OkrError(
            f"{period} was closed on {closed}: {ident} has its final grade",
            f"to change it, reopen the period first: `okr reopen {period}`",
            exit_code=ExitCode.FINDINGS,
        )


def _resolved(request: Checkin, validation: Validation, asked: str | None) -> Checkin:
    """The request with its key result's period: PERIOD/ID, else the period in view
    (`--period`, else the one running today) when the id is there, else the one period
    that has it; exit 2 listing the choices when several do."""
    import datetime as dt
    from dataclasses import replace

    from okrcli.api.progress import parse_period
    from okrcli.check.places import places
    from okrcli.model.period import in_view, resolve_id, split_ref
    from okrcli.score.scoring import periods_of

    calendar = validation.config.calendar.calendar()
    period, ident = split_ref(request.key_result, calendar)
    if period is None:
        candidates = sorted(
            {p.period for d in validation.documents for p in places(d) if p.id == ident}
        )
        if candidates:
            view = in_view(
                periods_of(validation.documents),
                parse_period(asked, calendar) if asked is not None else None,
                dt.date.today(),
            )
            period = resolve_id(ident, candidates, view)
    return replace(request, key_result=ident, period=period)


def _found_despite_errors(validation: Validation, ident: str) -> None:
    """A key result in a file that does not load: say why, rather than `no such id`."""
    from okrcli.base.errors import ExitCode, OkrError
    from okrcli.base.findings import Level
    from okrcli.edit.checkin import find_key_result

    try:
        find_key_result(validation.documents, ident)
    except OkrError:
        errors = [f for f in validation.findings if f.level is Level.ERROR]
        raise OkrError(
            f"{ident} was not found, and some OKR files have errors:",
            exit_code=ExitCode.FINDINGS,
            findings=errors,
        ) from None
