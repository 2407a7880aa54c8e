"""The `okr` command: a typer app whose commands import the core only when they run."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from okrcli import __version__
from okrcli.cli import checkin as checkin_cmd
from okrcli.cli import demo as demo_cmd
from okrcli.cli import diff as diff_cmd
from okrcli.cli import init as init_cmd
from okrcli.cli import lint as lint_cmd
from okrcli.cli import report as report_cmd
from okrcli.cli import schema as schema_cmd
from okrcli.cli import status as status_cmd
from okrcli.cli import timeline as timeline_cmd
from okrcli.cli import tree as tree_cmd
from okrcli.cli import validate as validate_cmd
from okrcli.cli.options import EXIT_INTERNAL, EXIT_OK

app = typer.Typer(
    name="okr",
    help="Keep your team's OKRs as YAML files in git: validate, score, diff and check in.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"okr {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Show the version and exit.",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Keep your team's OKRs as YAML files in git: validate, score, diff and check in.

    Files live at okrs/<period>/<team>.yaml. Start with `okr init`, check with
    `okr validate`.
    """


app.command("status", help=status_cmd.HELP)(status_cmd.status)
app.command("tree", help=tree_cmd.HELP)(tree_cmd.tree)
app.command("report", help=report_cmd.HELP)(report_cmd.report)
app.command("diff", help=diff_cmd.HELP)(diff_cmd.diff)
app.command("checkin", help=checkin_cmd.HELP)(checkin_cmd.checkin)
app.command("history", help=timeline_cmd.HISTORY_HELP)(timeline_cmd.history)
app.command("blame", help=timeline_cmd.BLAME_HELP)(timeline_cmd.blame)
app.command("demo", help=demo_cmd.HELP)(demo_cmd.demo)
app.command("validate", help=validate_cmd.HELP)(validate_cmd.validate)
app.command("lint", help=lint_cmd.HELP)(lint_cmd.lint)
app.command("schema", help=schema_cmd.HELP)(schema_cmd.schema)
app.command("init", help=init_cmd.HELP)(init_cmd.init)


def _internal_error(error: Exception) -> int:
    if os.environ.get("OKR_DEBUG"):
        import traceback

        traceback.print_exception(error)
    typer.echo(
        f"okr: internal error: {type(error).__name__}: {error}\n"
        "This is a bug in okrcli; please report it (set OKR_DEBUG=1 to see the traceback).",
        err=True,
    )
    return EXIT_INTERNAL


def main() -> None:
    """The `okr` entry point: typer maps usage errors to exit 2; bugs become exit 3."""
    try:
        app(prog_name="okr")
    except Exception as error:  # the one place bugs become exit 3
        sys.exit(_internal_error(error))
