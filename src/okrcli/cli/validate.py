"""`okr validate`: check OKR files and report every problem at its line and column."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.base.errors import ExitCode
from okrcli.cli.options import (
    NoCacheOption,
    PathsArgument,
    QuietOption,
    RootOption,
    emit,
    expand_paths,
)
from okrcli.render.formats import ValidateFormat

HELP = """\
Check OKR files; report each problem at its path:line:col.

Each problem reads `path:line:col: error[CODE]: message`, with a hint.

Without PATHS, checks every file under the OKR root. With PATHS, checks those files
while still resolving ids and alignment against the root.

--hook is the pre-commit hook's mode: PATHS are the commit's files (none when it only
deletes). It fails on errors in them and on errors the commit causes anywhere else (an
id renamed, removed or deleted that another file aligns to or carries from); errors
that were already there in files the commit does not change are counted, not blocking.

Exit codes: 0 clean, 1 errors found, 2 usage error.

Examples:

  okr validate

  okr validate okrs/2026-Q4/platform.yaml

  okr validate --format github      # annotations in a GitHub Actions step

  okr validate --format gitlab > gl-code-quality-report.json

  okr validate --strict               # practice-rule warnings fail too

  okr validate --hook okrs/2026-Q4/company.yaml   # as the hook runs it
"""


def validate(
    paths: PathsArgument = None,
    root: RootOption = None,
    cache_off: NoCacheOption = False,
    output_format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.text,
    quiet: QuietOption = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Practice-rule warnings fail too (see `okr lint`)."),
    ] = False,
    hook: Annotated[
        bool,
        typer.Option("--hook", help="Check a commit: its files and what it breaks elsewhere."),
    ] = False,
) -> None:
    from okrcli.api.validation import validate as check_files
    from okrcli.api.validation import validate_change
    from okrcli.render.terminal import use_color
    from okrcli.render.validation import earlier_note, render_validation

    color = output_format is ValidateFormat.text and use_color()
    if hook:
        change = validate_change(root, [p for p in paths or [] if p.exists()], strict=strict)
        emit(render_validation(change.validation, output_format, quiet, color), color=color)
        if change.earlier and output_format in (ValidateFormat.text, ValidateFormat.github):
            typer.echo(earlier_note(change.earlier), err=True)
        raise typer.Exit(ExitCode.OK if change.validation.ok else ExitCode.FINDINGS)
    files = expand_paths(paths) if paths else None
    result = check_files(root, files, strict=strict)
    emit(render_validation(result, output_format, quiet, color), color=color)
    raise typer.Exit(ExitCode.OK if result.ok else ExitCode.FINDINGS)
