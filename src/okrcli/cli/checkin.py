"""`okr checkin`: record a key result's new value, optionally as a commit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.base.errors import OkrError
from okrcli.cli.options import PeriodOption, RootOption

if TYPE_CHECKING:
    from okrcli.history.git import Authorship

HELP = """\
Record a check-in: set a key result's value (or confidence) in its file.

The edit keeps every comment, blank line, key order, quote and indentation: `git diff`
shows only the changed line. The file is validated before it is written; on any error
nothing is written. VALUE is a number (metric, maintain, baseline; a negative one needs
no `--`), done/not-done (milestone), or for a checklist give --item TITLE (VALUE
defaults to done).

With --commit, exactly the check-in is committed, with a message like `okr: PLAT-1.1
96.1 -> 97.2` and the note as its body: other staged changes stay staged, and other
uncommitted changes in the same file stay uncommitted. A value the file has already
writes nothing ("unchanged"); with --commit and --note it is recorded as an empty
commit carrying the note, so "nothing moved" counts as a check-in. --date and --author
back-fill a missed check-in (the commit's author and date; you stay its committer).

Examples:

  okr checkin PLAT-1.1 97.2

  okr checkin PLAT-1.1 97.2 --confidence 0.8 --note "rollback fixed" --commit

  okr checkin PLAT-1.1 96.1 --note "no change: vendor outage" --commit

  okr checkin PLAT-1.1 95.8 --date 2026-11-13 --author "Sam <s@x.io>" --commit

  okr checkin PLAT-2.3 done

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
    commit: Annotated[bool, typer.Option("--commit", help="Commit exactly this check-in.")] = False,
    date: Annotated[
        dt.datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M"],
            help="Back-fill: the day (YYYY-MM-DD[THH:MM], UTC) the check-in was made.",
            show_default=False,
        ),
    ] = None,
    author: Annotated[
        str | None,
        typer.Option(
            "--author", help='Back-fill: who made it, "Name <email>".', show_default=False
        ),
    ] = None,
    period: PeriodOption = None,
    root: RootOption = None,
) -> None:
    from okrcli.api.checkin import checkin as record
    from okrcli.edit.checkin import Checkin
    from okrcli.render.escape import plain
    from okrcli.render.paths import display_path

    if value is not None and value.startswith("--"):
        raise OkrError(f"no such option: {value}", "`okr checkin --help` lists the options")
    by = _authorship(author, date)
    request = Checkin(key_result, value, confidence, item)
    outcome = record(root, request, commit=commit, note=note, period=period, by=by)
    subject = plain(outcome.result.subject)
    shown = plain(display_path(outcome.result.file))
    typer.echo(f"{shown}: {subject.removeprefix('okr: ')}")
    if outcome.commit is not None:
        typer.echo(f"committed {outcome.commit[:12]}: {subject}")
    elif outcome.result.unchanged:
        typer.echo("nothing written; to record that nothing moved, add --note and --commit")


def _authorship(author: str | None, date: dt.datetime | None) -> Authorship | None:
    """`--author` and `--date`, checked: an author is `Name <email>`."""
    import re

    from okrcli.history.git import Authorship

    if author is None and date is None:
        return None
    if author is not None and not re.fullmatch(r"[^<>\n]+ <[^<>\s]+>", author.strip()):
        raise OkrError(f'--author {author!r}: expected "Name <email>"')
    when = date.replace(hour=date.hour or 12, tzinfo=dt.UTC) if date is not None else None
    return Authorship(author.strip() if author else None, when)
