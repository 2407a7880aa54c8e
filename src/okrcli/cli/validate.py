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

Without PATHS, checks every file under the OKR root. With PATHS (as pre-commit passes
them), checks those files while still resolving ids and alignment against the root.

Exit codes: 0 clean, 1 errors found, 2 usage error.

Examples:

  okr validate

  okr validate okrs/2026-Q4/platform.yaml

  okr validate --format github      # annotations in a GitHub Actions step

  okr validate --format gitlab > gl-code-quality-report.json

  okr validate --strict               # practice-rule warnings fail too
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
) -> None:
    from okrcli.api.validation import validate as check_files
    from okrcli.render.terminal import use_color
    from okrcli.render.validation import render_validation

    files = expand_paths(paths) if paths else None
    result = check_files(root, files, strict=strict)
    color = output_format is ValidateFormat.text and use_color()
    emit(render_validation(result, output_format, quiet, color), color=color)
    raise typer.Exit(ExitCode.OK if result.ok else ExitCode.FINDINGS)
