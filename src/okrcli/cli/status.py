"""`okr status`: progress tables per team for one period."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.cli.options import (
    AsOfOption,
    NoCacheOption,
    NoHistoryOption,
    OwnerOption,
    PeriodOption,
    RootOption,
    TeamOption,
    day,
    emit,
    warn,
)
from okrcli.render.formats import StatusFormat

HELP = """\
Show each team's objectives and key results with score, progress and status.

Scores run from 0.0 to 1.0; status compares a score with the share of the period
elapsed (done, on-track, at-risk, off-track). Confidence is shown beside the score,
never mixed into it.

Examples:

  okr status

  okr status --team platform --as-of 2026-11-15

  okr status --period 2026-Q3 --format markdown

  okr status --format json | jq '.objectives[] | {id, score, status}'
"""


def status(
    period: PeriodOption = None,
    team: TeamOption = None,
    owner: OwnerOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StatusFormat.table,
    no_history: NoHistoryOption = False,
    cache_off: NoCacheOption = False,
    root: RootOption = None,
) -> None:
    from okrcli.api.progress import ViewRequest
    from okrcli.api.progress import status as scored
    from okrcli.render.status import render_status
    from okrcli.render.terminal import Terminal

    request = ViewRequest(root, period, team, owner, day(as_of), not no_history)
    terminal = Terminal.detect()
    result = scored(request)
    warn(list(result.warnings))
    emit(render_status(result, output_format, terminal), color=terminal.color)
