"""`okr diff`: what changed between two revisions, scored."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.cli.options import RootOption, emit
from okrcli.render.formats import DiffFormat

HELP = """\
Show what changed in the OKRs between two points in history, with scores.

FROM and TO are git revisions (HEAD~3, a tag, a branch, a sha), days (YYYY-MM-DD: the
last commit on or before that day) or periods (YYYY-Qn: the state at the period's end).
FROM defaults to HEAD, TO to the working tree, like `git diff`. Two periods compare the
quarters: each one's score at its end, objectives carried over, new and dropped.

Examples:

  okr diff                        # uncommitted changes

  okr diff HEAD~5                 # five commits and the uncommitted edits

  okr diff 2026-11-01 2026-11-15 --format markdown

  okr diff 2026-Q3 2026-Q4
"""


def diff(
    before: Annotated[str | None, typer.Argument(metavar="[FROM]", show_default=False)] = None,
    after: Annotated[str | None, typer.Argument(metavar="[TO]", show_default=False)] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Include unchanged key results and objectives.")
    ] = False,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DiffFormat.table,
    root: RootOption = None,
) -> None:
    from okrcli.api.changes import diff as compare
    from okrcli.render.diff import diff_warnings, render_diff
    from okrcli.render.terminal import Terminal

    result = compare(root, before, after, everything=everything)
    for warning in diff_warnings(result):
        typer.echo(warning, err=True)
    terminal = Terminal.detect()
    emit(render_diff(result, output_format, terminal), color=terminal.color)
