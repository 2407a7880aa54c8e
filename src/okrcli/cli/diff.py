"""`okr diff`: what changed between two revisions, scored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.cli.options import EXIT_OK, RootOption, resolve_root, usage_error
from okrcli.render.formats import DiffFormat

if TYPE_CHECKING:
    from okrcli.history import InvalidFile

HELP = """\
Show what changed in the OKRs between two points in history, with scores.

FROM and TO are git revisions (HEAD~3, a tag, a branch, a sha), days (YYYY-MM-DD: the
last commit on or before that day) or periods (YYYY-Qn: the state at the period's end).
FROM defaults to HEAD, TO to the working tree, like `git diff`. Two periods compare the
quarters: each one's score at its end, objectives carried over, new and dropped.

Examples:

  okr diff                        # uncommitted changes

  okr diff HEAD~5                 # the last five commits and what is not committed

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
    from okrcli.changes import diff_quarters, diff_revisions, is_quarter_comparison
    from okrcli.history import HistoryError
    from okrcli.render import diff as render

    okr_root = resolve_root(root)
    assert okr_root is not None
    try:
        if is_quarter_comparison(before, after):
            assert before is not None and after is not None
            quarters = diff_quarters(okr_root, before, after)
            _warn(quarters.shallow, quarters.invalid)
            if output_format is DiffFormat.json:
                typer.echo(
                    render.quarters_json(quarters.before, quarters.after, quarters.teams), nl=False
                )
            else:
                typer.echo(render.quarters_markdown(before, after, quarters.teams), nl=False)
            raise typer.Exit(EXIT_OK)
        result = diff_revisions(okr_root, before or "HEAD", after, everything=everything)
    except HistoryError as error:
        usage_error(str(error))
    _warn(result.shallow, result.invalid)
    if output_format is DiffFormat.json:
        typer.echo(
            render.diff_json(result.diff, result.before, result.after, result.invalid), nl=False
        )
    elif output_format is DiffFormat.markdown:
        typer.echo(render.diff_markdown(result.diff, result.before, result.after), nl=False)
    else:
        from okrcli.cli.options import make_console

        render.diff_table(result.diff, result.before, result.after, make_console())


def _warn(shallow: bool, invalid: list[InvalidFile]) -> None:
    if shallow:
        typer.echo(
            "okr: warning: shallow clone: only the fetched history is compared; fetch it all "
            "(`fetch-depth: 0` in actions/checkout)",
            err=True,
        )
    for item in invalid:
        finding = item.finding
        typer.echo(
            f"okr: warning: skipped {item.path} at {item.revision}: {finding.location}: "
            f"{finding.message}",
            err=True,
        )
