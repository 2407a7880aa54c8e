"""`okr checkin`: record a key result's new value, optionally as a commit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base.errors import OkrError
from okrcli.edit.checkin import write_draft

if TYPE_CHECKING:
    from okrcli.check.validation import Validation
    from okrcli.edit.checkin import Checkin, CheckinResult, Draft
    from okrcli.history.git import Authorship, History
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
    by: Authorship | None = None,
) -> CheckinOutcome:
    """Validate the root, edit the key result's file, and commit it when asked. Anything
    that would stop the commit is checked before the file is edited.

    The edit and the commit happen under the root's edit lock (`edit_lock`): check-ins
    running at once wait for each other, each edits the file as the previous one left
    it, and their commits do not collide on git's index. Validating the root and
    drafting the edit (where the refusals come from) happen before the lock; the file
    is read again inside it, and what is written is this check-in applied to what it
    says then.

    A check-in that changes nothing writes nothing; with `commit` and a `note` it is an
    empty commit carrying the note (and an `Okr-Check-in:` trailer, so that staleness
    counts it). `by` back-fills the commit's author and date."""
    from okrcli.check.validation import validate_root
    from okrcli.edit.atomic import edit_lock
    from okrcli.edit.checkin import draft_check_in, find_key_result, refresh, writable_target
    from okrcli.history.git import History
    from okrcli.read.root import resolve_root

    if by is not None and not commit:
        raise OkrError("--author and --date back-fill a commit: add --commit")
    okr_root = resolve_root(root)
    assert okr_root is not None
    validation = validate_root(okr_root)
    documents = validation.documents
    if not validation.ok:
        _found_despite_errors(validation, request.key_result)
    request = _resolved(request, validation, period)
    document = find_key_result(documents, request.key_result, request.period).document
    _refuse_closed(document, request.key_result)
    history = History(okr_root) if commit else None
    draft = draft_check_in(documents, request, root=okr_root)
    with edit_lock(okr_root):
        if history is not None:
            history.check_can_commit(writable_target(document.file, okr_root))
        fresh = refresh(draft)
        if history is None:
            return CheckinOutcome(write_draft(fresh), None)
        return _committed(history, fresh, note, by)


def _committed(
    history: History, draft: Draft, note: str | None, by: Authorship | None
) -> CheckinOutcome:
    """Write the check-in and commit exactly it: the file's other uncommitted changes
    (staged or not) stay uncommitted, as they were."""
    if draft.unchanged:
        if note is None:
            return CheckinOutcome(write_draft(draft), None)
        from okrcli.history.git import CHECKIN_TRAILER

        ident = f"{draft.place.period}/{draft.place.id}"
        body = f"{note}\n\n{CHECKIN_TRAILER}: {ident}"
        return CheckinOutcome(write_draft(draft), history.commit_files([], draft.subject, body, by))
    head, staged = history.versions(draft.written)
    if head is None or (head == draft.raw and staged in (None, head)):
        result = write_draft(draft)
        return CheckinOutcome(result, history.commit_file(result.file, result.subject, note, by))
    committed = _applied(head, draft, "as committed")
    index = _applied(staged, draft, "as staged") if staged not in (None, head) else committed
    sha = history.commit_content(draft.written, committed, draft.subject, note, by)
    result = write_draft(draft)
    history.stage_content(draft.written, index)
    return CheckinOutcome(result, sha)


def _applied(raw: bytes | None, draft: Draft, version: str) -> bytes:
    """The check-in applied to another version of the file; refused (nothing changed
    yet) where it does not apply there."""
    from okrcli.base.errors import ExitCode, OkrError
    from okrcli.edit.checkin import check_in_text, file_label

    assert raw is not None
    try:
        return check_in_text(raw, draft.file, draft.request).encode("utf-8")
    except OkrError:
        label = file_label(draft.file)
        raise OkrError(
            f"{draft.request.key_result} cannot be checked in on {label} {version}: the "
            "file has uncommitted changes to it; nothing written",
            "commit those changes first, or check in without --commit",
            exit_code=ExitCode.FINDINGS,
        ) from None


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
