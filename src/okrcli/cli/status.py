"""`okr status`: progress tables per team for one period."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.cli.options import NoCacheOption, RootOption, no_cache
from okrcli.cli.scored import AsOfOption, NoHistoryOption, OwnerOption, PeriodOption, TeamOption
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
    from okrcli.cli.scored import score, validated
    from okrcli.render import progress

    no_cache(cache_off)
    validation = validated(root, as_json=output_format is StatusFormat.json)
    result = score(validation, period, team, owner, as_of, no_history)
    if output_format is StatusFormat.table:
        from okrcli.cli.options import make_console

        progress.status_table(result, make_console())
    elif output_format is StatusFormat.markdown:
        typer.echo(progress.status_markdown(result), nl=False)
    elif output_format is StatusFormat.json:
        typer.echo(progress.status_json(result), nl=False)
    else:
        typer.echo(progress.status_csv(result), nl=False)
