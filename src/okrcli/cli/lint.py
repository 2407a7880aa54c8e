"""`okr lint`: the practice rules, with the validation errors first."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from okrcli.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    NoCacheOption,
    PathsArgument,
    QuietOption,
    RootOption,
    expand_paths,
    no_cache,
    resolve_root,
    usage_error,
)
from okrcli.cli.scored import AsOfOption


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


HELP = """\
Coach good OKRs: check the practice rules (too many objectives, activity key results,
numbers in objectives, missing owners, unaligned goals, doubtful commitments...).

Validation errors come first. Levels and limits are set in okrcli.yaml at the OKR root;
`# okr: disable=CODE` on a line (or on an objective's line) silences one finding.
Exit codes: 0 no errors (warnings and infos do not fail), 1 errors, 2 usage error.

Examples:

  okr lint

  okr lint --strict                  # warnings fail too

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
) -> None:
    if explain is not None:
        _explain(explain)
    if list_rules:
        _list_rules()
    no_cache(cache_off)
    files = expand_paths(paths) if paths else None
    okr_root = resolve_root(root, required=files is None)
    from okrcli.cli.options import use_color
    from okrcli.findings import Level
    from okrcli.health import practice
    from okrcli.render.formats import ValidateFormat
    from okrcli.render.validation import render_validation
    from okrcli.validate import validate_root

    day = as_of.date() if as_of is not None else None
    result = validate_root(okr_root, files, minimum=Level.INFO, strict=strict, as_of=day)
    chosen = ValidateFormat(output_format.value)
    color = chosen is ValidateFormat.text and use_color()
    text = render_validation(result, chosen, quiet=quiet, color=color, health=practice(result))
    typer.echo(text, nl=False, color=color)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_FINDINGS)


def _explain(code: str) -> None:
    from okrcli.rules import default_registry
    from okrcli.rules.docs import explain

    rule = default_registry().get(code)
    if rule is None:
        usage_error(f"no rule {code!r}; `okr lint --list-rules` lists them")
    typer.echo(explain(rule), nl=False)
    raise typer.Exit(EXIT_OK)


def _list_rules() -> None:
    from okrcli.rules import default_registry

    for rule in default_registry().rules():
        level = rule.default_level.value if rule.default_level is not None else "off"
        typer.echo(f"{rule.code}  {rule.name:<26} {level:<8} {rule.summary}")
    raise typer.Exit(EXIT_OK)
