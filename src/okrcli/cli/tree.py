"""`okr tree`: the alignment tree of a period, with scores and statuses."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.cli.options import NoCacheOption, RootOption, no_cache
from okrcli.cli.scored import AsOfOption, NoHistoryOption, PeriodOption
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
    from okrcli.alignment import alignment_tree
    from okrcli.cli.scored import score, validated
    from okrcli.render import tree as render

    no_cache(cache_off)
    validation = validated(root, as_json=output_format is TreeFormat.json)
    result = score(validation, period, None, None, as_of, no_history)
    roots = alignment_tree(result.objectives, validation.config.top_level_team)
    if output_format is TreeFormat.text:
        from okrcli.cli.options import make_console

        render.tree_text(result, roots, make_console())
    elif output_format is TreeFormat.markdown:
        typer.echo(render.tree_markdown(result, roots), nl=False)
    else:
        typer.echo(render.tree_json(result, roots), nl=False)
