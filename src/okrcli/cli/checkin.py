"""`okr checkin`: record a key result's new value, optionally as a commit."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.cli.options import PeriodOption, RootOption

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
    key_result: Annotated[
        str,
        typer.Argument(metavar="KR_ID", help="Key result id, or PERIOD/ID (2026-Q3/PLAT-1.1)."),
    ],
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
    period: PeriodOption = None,
    root: RootOption = None,
) -> None:
    from okrcli.api.checkin import checkin as record
    from okrcli.edit.checkin import Checkin
    from okrcli.render.escape import plain
    from okrcli.render.paths import display_path

    request = Checkin(key_result, value, confidence, item)
    outcome = record(root, request, commit=commit, note=note, period=period)
    subject = plain(outcome.result.subject)
    shown = plain(display_path(outcome.result.file))
    typer.echo(f"{shown}: {subject.removeprefix('okr: ')}")
    if outcome.commit is not None:
        typer.echo(f"committed {outcome.commit[:12]}: {subject}")
