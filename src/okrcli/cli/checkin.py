"""`okr checkin`: record a key result's new value, optionally as a commit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from okrcli.cli.options import EXIT_FINDINGS, RootOption, resolve_root, usage_error

if TYPE_CHECKING:
    from okrcli.validate import Validation

HELP = """\
Record a check-in: set a key result's value (or confidence) in its file.

The edit keeps every comment, blank line, key order, quote and indentation: `git diff`
shows only the changed line. The file is validated before it is written; on any error
nothing is written. VALUE is a number (metric, maintain, baseline), done/not-done
(milestone), or for a checklist give --item TITLE (VALUE defaults to done).

With --commit, exactly that file is committed (other staged changes stay staged) with
a message like `okr: PLAT-1.1 96.1 -> 97.2` and the note as its body.

Examples:

  okr checkin PLAT-1.1 97.2

  okr checkin PLAT-1.1 97.2 --confidence 0.8 --note "rollback fix landed" --commit

  okr checkin PLAT-1.2 done

  okr checkin PLAT-1.3 --item search
"""


def checkin(
    key_result: Annotated[str, typer.Argument(metavar="KR_ID", help="Key result id.")],
    value: Annotated[
        str | None, typer.Argument(metavar="[VALUE]", help="The new value.", show_default=False)
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-m", help="Why: the commit body.", show_default=False)
    ] = None,
    confidence: Annotated[
        float | None,
        typer.Option("--confidence", help="New confidence, 0.0-1.0.", show_default=False),
    ] = None,
    item: Annotated[
        str | None,
        typer.Option("--item", help="Checklist item to mark done.", show_default=False),
    ] = None,
    commit: Annotated[bool, typer.Option("--commit", help="Commit exactly this file.")] = False,
    root: RootOption = None,
) -> None:
    from okrcli.checkin import Checkin, CheckinRefused, CheckinUsageError, check_in, find_key_result
    from okrcli.history import History, HistoryError
    from okrcli.validate import validate_root

    okr_root = resolve_root(root)
    assert okr_root is not None
    validation = validate_root(okr_root)
    documents = validation.documents
    request = Checkin(key_result, value, confidence, item)
    if not validation.ok:
        _broken_file(validation, key_result)
    try:
        history = None
        if commit:
            history = History(okr_root)
            history.check_can_commit(find_key_result(documents, key_result).document.file)
        result = check_in(documents, request)
    except CheckinUsageError as error:
        usage_error(str(error))
    except (CheckinRefused, HistoryError) as error:
        _refused(error)
    typer.echo(f"{result.path}: {result.subject.removeprefix('okr: ')}")
    if history is not None:
        try:
            sha = history.commit_file(result.file, result.subject, note)
        except HistoryError as error:
            _refused(error)
        typer.echo(f"committed {sha[:12]}: {result.subject}")


def _broken_file(validation: Validation, key_result: str) -> None:
    """A key result in a file that does not load: say why, rather than `no such id`."""
    from okrcli.checkin import CheckinUsageError, find_key_result

    try:
        find_key_result(validation.documents, key_result)
    except CheckinUsageError:
        typer.echo(
            f"okr: error: {key_result} was not found, and some OKR files have errors:", err=True
        )
        for finding in validation.findings:
            typer.echo(
                f"{finding.location}: {finding.level.value}[{finding.code}]: {finding.message}",
                err=True,
            )
        raise typer.Exit(EXIT_FINDINGS) from None


def _refused(error: Exception) -> NoReturn:
    from okrcli.checkin import CheckinRefused

    typer.echo(f"okr: error: {error}", err=True)
    if isinstance(error, CheckinRefused):
        for finding in error.findings:
            typer.echo(
                f"{finding.location}: {finding.level.value}[{finding.code}]: {finding.message}",
                err=True,
            )
    raise typer.Exit(EXIT_FINDINGS)
