"""`okr checkin`: record a key result's new value, optionally as a commit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrcli.check.validation import Validation
    from okrcli.edit.checkin import Checkin, CheckinResult


@dataclass(frozen=True)
class CheckinOutcome:
    result: CheckinResult
    commit: str | None
    """The new commit's sha, with `commit=True`."""


def checkin(
    root: Path | None, request: Checkin, *, commit: bool = False, note: str | None = None
) -> CheckinOutcome:
    """Validate the root, edit the key result's file, and commit it when asked. Anything
    that would stop the commit is checked before the file is edited."""
    from okrcli.check.validation import validate_root
    from okrcli.edit.checkin import check_in, find_key_result
    from okrcli.history.git import History
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root)
    assert okr_root is not None
    validation = validate_root(okr_root)
    documents = validation.documents
    if not validation.ok:
        _found_despite_errors(validation, request.key_result)
    history = None
    if commit:
        history = History(okr_root)
        history.check_can_commit(find_key_result(documents, request.key_result).document.file)
    result = check_in(documents, request)
    if history is None:
        return CheckinOutcome(result, None)
    sha = history.commit_file(result.file, result.subject, note)
    return CheckinOutcome(result, sha)


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
