"""`okr report`: the CI report step, markdown to stdout."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.base.errors import ExitCode
from okrcli.cli.options import (
    AsOfOption,
    NoCacheOption,
    NoHistoryOption,
    PeriodOption,
    RootOption,
    TeamOption,
    day,
    emit,
    warn,
)
from okrcli.render.formats import ReportFormat

if TYPE_CHECKING:
    from okrcli.base.findings import Finding

HELP = """\
Write the progress report for CI: period summary, team table, objectives at risk and
validation findings, as GitHub-flavoured markdown.

Exit codes: 0 ok; 1 invalid files, or the period score is below --fail-under.

Examples:

  okr report > okr-report.md

  okr report --github                 # also to the job summary, with annotations

  okr report --fail-under 0.5 --period 2026-Q4
"""


def report(
    period: PeriodOption = None,
    team: TeamOption = None,
    as_of: AsOfOption = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.markdown,
    github: Annotated[
        bool,
        typer.Option(
            "--github",
            help="Also append the report to $GITHUB_STEP_SUMMARY and print annotations.",
        ),
    ] = False,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0.0,
            max=1.0,
            help="Exit 1 when the period score is below this (0.0-1.0).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Add the changes since REV (a revision, day or period), eased targets first.",
            show_default=False,
        ),
    ] = None,
    no_history: NoHistoryOption = False,
    cache_off: NoCacheOption = False,
    root: RootOption = None,
) -> None:
    from okrcli.api.progress import ViewRequest
    from okrcli.api.progress import report as build_report
    from okrcli.render.report import render_report

    request = ViewRequest(root, period, team, None, day(as_of), not no_history)
    view = build_report(request, since)
    warn(list(view.result.warnings))
    text = render_report(view, output_format)
    if github and output_format is ReportFormat.markdown:
        _to_github(text, view.findings)
    emit(text)
    score = view.result.score or 0.0
    if fail_under is not None and score < fail_under:
        from okrcli.render.escape import plain

        line = f"okr: period score {score:.2f} is below --fail-under {fail_under}"
        typer.echo(plain(line), err=True)
        raise typer.Exit(ExitCode.FINDINGS)


def _to_github(markdown: str, findings: list[Finding]) -> None:
    from okrcli.render.findings import github_annotations
    from okrcli.render.report import truncate_for_step_summary

    annotations = github_annotations(findings)
    if annotations:
        emit(annotations)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        typer.echo("okr: GITHUB_STEP_SUMMARY is not set; the report goes to stdout only", err=True)
        return
    with Path(summary).open("a", encoding="utf-8") as handle:
        handle.write(truncate_for_step_summary(markdown))
