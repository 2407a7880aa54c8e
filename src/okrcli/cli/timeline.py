"""`okr history` and `okr blame`: a key result (or objective) through its commits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from okrcli.cli.options import RootOption, resolve_root, usage_error
from okrcli.render.formats import BlameFormat, HistoryFormat

if TYPE_CHECKING:
    from pathlib import Path

    from okrcli.history import History

HISTORY_HELP = """\
Show the timeline of a key result or objective from the commits that changed it: date,
commit, author, value, score, confidence and the commit message as the note, with a
sparkline of the score beside the expected line.

Examples:

  okr history PLAT-1.1

  okr history PLAT-1 --format csv > plat-1.csv
"""

BLAME_HELP = """\
Show, per field of a key result (current, target, start, owner, confidence...), the
commit, author and date that last set it.

Examples:

  okr blame PLAT-1.1
"""


def history(
    ident: Annotated[str, typer.Argument(metavar="ID", help="Key result or objective id.")],
    output_format: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = HistoryFormat.table,
    root: RootOption = None,
) -> None:
    from okrcli.render import timeline as render
    from okrcli.timeline import objective_timeline, timelines

    repository = _history(root)
    found = timelines(repository, [ident]).get(ident)
    if found is not None:
        rows, kind, due = render.key_result_rows(found.points), "key_result", found.points[-1]
        expected = _expected(rows, due.state.period, due.state.values.get("due"))
    else:
        points = objective_timeline(repository, ident)
        if not points:
            _unknown(repository, ident)
        rows, kind = render.objective_rows(points), "objective"
        expected = _expected(rows, _period_of(repository, ident), None)
    if output_format is HistoryFormat.json:
        typer.echo(render.timeline_json(ident, kind, rows), nl=False)
    elif output_format is HistoryFormat.csv:
        typer.echo(render.timeline_csv(rows), nl=False)
    else:
        from okrcli.cli.options import make_console

        render.timeline_table(ident, rows, expected, make_console())


def blame(
    ident: Annotated[str, typer.Argument(metavar="KR_ID", help="Key result id.")],
    output_format: Annotated[
        BlameFormat, typer.Option("--format", "-f", help="Output format.")
    ] = BlameFormat.table,
    root: RootOption = None,
) -> None:
    from okrcli.render import timeline as render
    from okrcli.timeline import blame as blame_fields
    from okrcli.timeline import timelines

    repository = _history(root)
    found = timelines(repository, [ident]).get(ident)
    if found is None:
        _unknown(repository, ident)
    entries = blame_fields(found)
    if output_format is BlameFormat.json:
        typer.echo(render.blame_json(ident, entries), nl=False)
    else:
        from okrcli.cli.options import make_console

        render.blame_table(ident, entries, make_console())


def _history(root_option: Path | None) -> History:
    from okrcli.history import History, HistoryError

    root = resolve_root(root_option)
    assert root is not None
    try:
        return History(root)
    except HistoryError as error:
        usage_error(str(error))


def _unknown(repository: History, ident: str) -> NoReturn:
    import difflib

    from okrcli.checks import places

    known = [
        p.id for d in repository.snapshot(repository.resolve(None)).documents for p in places(d)
    ]
    close = difflib.get_close_matches(ident, known, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    usage_error(f"no committed key result or objective `{ident}`{hint}")


def _expected(rows: list[dict[str, object]], period: str | None, due: object) -> list[float]:
    """The time line at each point's date: the share of the period (to `due`) elapsed."""
    import datetime as dt

    from okrcli.periods import Period
    from okrcli.scoring import elapsed

    parsed = Period.parse(period or "")
    if parsed is None:
        return [0.0 for _ in rows]
    end = due if isinstance(due, dt.date) else parsed.end
    return [
        elapsed(parsed.start, end, dt.date.fromisoformat(str(row["date"])[:10])) for row in rows
    ]


def _period_of(repository: History, ident: str) -> str | None:
    documents = repository.snapshot(repository.resolve("HEAD")).documents
    for document in documents:
        if any(o.id == ident for o in document.okr.objectives):
            return document.okr.period
    return None
