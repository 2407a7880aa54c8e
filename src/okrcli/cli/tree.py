"""`okr tree`: the alignment tree of a period, with scores and statuses."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.cli.options import (
    AsOfOption,
    NoCacheOption,
    NoHistoryOption,
    PeriodOption,
    RootOption,
    day,
    emit,
    warn,
)
from okrcli.render.formats import TreeFormat

HELP = """\
Show how objectives align: top-level objectives down to the team objectives that
support them, each with its score and status.

Examples:

  okr tree

  okr tree --period 2026-Q3 --format markdown
"""


def tree(
    period: PeriodOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        TreeFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TreeFormat.text,
    no_history: NoHistoryOption = False,
    cache_off: NoCacheOption = False,
    root: RootOption = None,
) -> None:
    from okrcli.api.progress import ViewRequest
    from okrcli.api.progress import tree as aligned
    from okrcli.render.terminal import Terminal
    from okrcli.render.tree import render_tree

    request = ViewRequest(root, period, None, None, day(as_of), not no_history)
    terminal = Terminal.detect()
    view = aligned(request)
    warn(list(view.result.warnings))
    emit(render_tree(view, output_format, terminal), color=terminal.color)
