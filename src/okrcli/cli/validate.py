"""`okr validate`: check OKR files and report every problem at its line and column."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.cli.options import EXIT_FINDINGS, EXIT_OK, RootOption, resolve_root, usage_error

if TYPE_CHECKING:
    from okrcli.render.findings import Summary
    from okrcli.validate import Validation


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


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
"""


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to check (default: the whole OKR root).", show_default=False
        ),
    ] = None,
    root: RootOption = None,
    output_format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.text,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only findings, no summary line.")
    ] = False,
) -> None:
    files = _expand(paths) if paths else None
    okr_root = resolve_root(root, required=files is None)
    from okrcli.cli.options import use_color
    from okrcli.validate import validate_root

    result = validate_root(okr_root, files)
    color = output_format is ValidateFormat.text and use_color()
    typer.echo(_render(result, output_format, quiet, color), nl=False, color=color)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_FINDINGS)


def _expand(paths: list[Path]) -> list[Path]:
    from okrcli.load import YAML_SUFFIXES

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            usage_error(f"no such file or folder: {path}")
    return files


def _render(result: Validation, output_format: ValidateFormat, quiet: bool, color: bool) -> str:
    from okrcli.render import findings as render

    summary = _summary(result)
    if output_format is ValidateFormat.json:
        return render.render_json(result.findings, summary, _code_name)
    if output_format is ValidateFormat.github:
        return render.render_github(result.findings, summary)
    if output_format is ValidateFormat.gitlab:
        return render.render_gitlab(result.findings)
    text = render.render_text(result.findings, summary, color=color)
    if quiet:
        text = "".join(text.splitlines(keepends=True)[:-1])
    return text


def _summary(result: Validation) -> Summary:
    from okrcli.render.findings import Summary

    documents = result.documents
    return Summary(
        files=len(result.files),
        documents=len(documents),
        periods=len({d.okr.period for d in documents}),
        teams=len({d.okr.team for d in documents}),
        objectives=sum(len(d.okr.objectives) for d in documents),
        key_results=sum(len(o.key_results) for d in documents for o in d.okr.objectives),
    )


def _code_name(code: str) -> str:
    from okrcli.codes import CATALOG
    from okrcli.rules import REGISTRY

    info = CATALOG.get(code)
    if info is not None:
        return info.name
    rule = REGISTRY.get(code)
    return rule.name if rule is not None else code
