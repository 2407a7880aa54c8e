"""`okr history` and `okr blame`: a key result (or objective) through its commits."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.cli.options import PeriodOption, RootOption, emit, warn
from okrcli.render.formats import BlameFormat, HistoryFormat

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
    ident: Annotated[
        str,
        typer.Argument(metavar="ID", help="Key result or objective id, or PERIOD/ID."),
    ],
    output_format: Annotated[
        HistoryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = HistoryFormat.table,
    period: PeriodOption = None,
    root: RootOption = None,
) -> None:
    from okrcli.api.timelines import history as timeline_of
    from okrcli.render.terminal import Terminal
    from okrcli.render.timeline import render_history

    view = timeline_of(root, ident, period)
    warn(view.warnings)
    terminal = Terminal.detect()
    emit(render_history(view, output_format, terminal), color=terminal.color)


def blame(
    ident: Annotated[str, typer.Argument(metavar="KR_ID", help="Key result id, or PERIOD/ID.")],
    output_format: Annotated[
        BlameFormat, typer.Option("--format", "-f", help="Output format.")
    ] = BlameFormat.table,
    period: PeriodOption = None,
    root: RootOption = None,
) -> None:
    from okrcli.api.timelines import blame as blame_of
    from okrcli.render.terminal import Terminal
    from okrcli.render.timeline import render_blame

    view = blame_of(root, ident, period)
    warn(view.warnings)
    terminal = Terminal.detect()
    emit(render_blame(view, output_format, terminal), color=terminal.color)
