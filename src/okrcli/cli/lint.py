"""`okr lint`: the practice rules, with the validation errors first."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.base.errors import ExitCode, OkrError
from okrcli.cli.options import (
    AsOfOption,
    NoCacheOption,
    PathsArgument,
    QuietOption,
    RootOption,
    day,
    emit,
    expand_paths,
    warn,
)
from okrcli.render.formats import LintFormat

HELP = """\
Coach good OKRs: check the practice rules (too many objectives, activity key results,
numbers in objectives, missing owners, unaligned goals, doubtful commitments...).

Validation errors come first. Levels and limits are set in okrcli.yaml at the OKR root;
`# okr: disable=CODE` on a line (or on an objective's line) silences one finding.
Closed periods (`okr close`) are history: only their missing reflections and changes
made after the close are reported, unless --period names one.
Exit codes: 0 no errors (warnings and infos do not fail), 1 errors, 2 usage error.

Examples:

  okr lint

  okr lint --strict                  # warnings fail too

  okr lint --period 2026-Q3          # a closed period (left out by default)

  okr lint --explain OKR108          # why a rule exists and how to fix it

  okr lint --list-rules
"""


def lint(
    paths: PathsArgument = None,
    root: RootOption = None,
    cache_off: NoCacheOption = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Raise every warning to an error.")
    ] = False,
    output_format: Annotated[
        LintFormat, typer.Option("--format", "-f", help="Output format.")
    ] = LintFormat.text,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain", metavar="CODE", help="Explain one rule and exit.", show_default=False
        ),
    ] = None,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="List every rule and exit.")
    ] = False,
    quiet: QuietOption = False,
    as_of: AsOfOption = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Only this period's files; a closed period is left out unless named here.",
            show_default=False,
        ),
    ] = None,
) -> None:
    if explain is not None:
        emit(_explain(explain))
        return
    if list_rules:
        emit(_list_rules())
        return
    from okrcli.api.validation import lint as run_lint
    from okrcli.render.terminal import use_color
    from okrcli.render.validation import render_lint

    files = expand_paths(paths) if paths else None
    report = run_lint(root, files, strict=strict, as_of=day(as_of), period=period)
    color = output_format is LintFormat.text and use_color()
    warn(list(report.warnings))
    text = render_lint(report.validation, report.practice, output_format, quiet, color)
    emit(text, color=color)
    raise typer.Exit(ExitCode.OK if report.validation.ok else ExitCode.FINDINGS)


def _explain(code: str) -> str:
    from okrcli.check.lint.docs import explain
    from okrcli.check.lint.registry import default_registry

    rule = default_registry().get(code)
    if rule is None:
        raise OkrError(f"no rule {code!r}; `okr lint --list-rules` lists them")
    return explain(rule)


def _list_rules() -> str:
    from okrcli.check.lint.registry import default_registry

    lines = []
    for rule in default_registry().rules():
        level = rule.default_level.value if rule.default_level is not None else "off"
        lines.append(f"{rule.code}  {rule.name:<26} {level:<8} {rule.summary}\n")
    return "".join(lines)
