"""The one place expected failures become output and an exit code.

Every command is registered through `handled`: an `OkrError` prints `okr: error: ...`,
its hint and its findings on stderr and exits with its code; invalid OKR files print
the findings as `okr validate` does (JSON where the command was asked for JSON). Any
other exception is a bug: `main` turns it into exit 3.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, ParamSpec

import typer

from okrcli.base.errors import ExitCode, OkrError

P = ParamSpec("P")


def handled(command: Callable[P, None]) -> Callable[P, None]:
    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except OkrError as error:
            _report(error, wants_json=str(kwargs.get("output_format", "")) == "json")
            raise typer.Exit(int(error.exit_code)) from None

    return run


def _report(error: OkrError, *, wants_json: bool) -> None:
    from okrcli.check.validation import InvalidFilesError

    if isinstance(error, InvalidFilesError):
        from okrcli.render.formats import ValidateFormat
        from okrcli.render.validation import render_validation

        chosen = ValidateFormat.json if wants_json else ValidateFormat.text
        text = render_validation(error.validation, chosen, quiet=False, color=False)
        typer.echo(text, nl=False)
        return
    from okrcli.render.escape import plain

    # Messages quote user text (ids, paths, values): one line each, no workflow command.
    typer.echo(f"okr: error: {plain(error.message)}", err=True)
    if error.hint:
        typer.echo(f"  hint: {plain(error.hint)}", err=True)
    if error.findings:
        from okrcli.render.findings import message, where

        for finding in error.findings:
            line = f"{where(finding.location)}: {finding.level.value}[{finding.code}]: "
            typer.echo(plain(line + message(finding)), err=True)
            if finding.hint:
                typer.echo(f"  hint: {plain(finding.hint)}", err=True)


def internal_error(error: BaseException) -> int:
    if os.environ.get("OKR_DEBUG"):
        import traceback

        traceback.print_exception(error)
    from okrcli.render.escape import plain

    typer.echo(
        f"okr: internal error: {type(error).__name__}: {plain(str(error))}\n"
        "This is a bug in okrcli; please report it (set OKR_DEBUG=1 to see the traceback).",
        err=True,
    )
    return int(ExitCode.INTERNAL)


def run_guarded(app: Callable[..., Any]) -> int:
    """Run the typer app; typer maps usage errors to exit 2; bugs become exit 3."""
    try:
        app(prog_name="okr")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    except Exception as error:  # the one place bugs become exit 3
        return internal_error(error)
    return 0
