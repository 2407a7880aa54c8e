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
    write_output,
)
from okrcli.render.formats import ReportFormat

if TYPE_CHECKING:
    from okrcli.base.findings import Finding

HELP = """\
Write the progress report for CI: period summary, team table, objectives at risk,
overdue key results, check-ins and validation findings, as GitHub-flavoured markdown.

With --github the report also goes to the job summary ($GITHUB_STEP_SUMMARY), and the
findings become workflow annotations on stderr: stdout stays the markdown alone.

--format html writes one self-contained page (nothing loaded from the network) with a
burn-up chart of every key result from its check-ins in git, each objective's score
over time, the alignment tree, the changes since --since and the closed periods'
grades and reflections: for review meetings, CI artifacts and GitHub Pages.

Exit codes: 0 ok; 1 invalid files, or the period score is below --fail-under.

Examples:

  okr report > okr-report.md

  okr report --github > okr-report.md   # job summary and annotations too

  okr report --since HEAD~5             # with the last 5 commits' changes

  okr report --fail-under 0.4 --period 2026-Q4

  okr report --format html --output okr-report.html
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
            help="Also append the report to $GITHUB_STEP_SUMMARY and print the findings "
            "as workflow annotations on stderr (stdout stays pure markdown).",
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
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to FILE (replaced at once) instead of stdout.",
            dir_okay=False,
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
    html = output_format is ReportFormat.html
    view = build_report(request, since, detail=html)
    warn(list(view.result.warnings))
    text = render_report(view, output_format)
    if github and output_format is ReportFormat.markdown:
        _to_github(text, view.findings)
    if output is None:
        emit(text)
    else:
        write_output(output, text)
    score = view.result.score or 0.0
    if fail_under is not None and score < fail_under:
        from okrcli.render.escape import plain
        from okrcli.render.text import fmt_number

        line = f"okr: period score {score:.2f} is below --fail-under {fmt_number(fail_under)}"
        typer.echo(plain(line), err=True)
        raise typer.Exit(ExitCode.FINDINGS)


def _to_github(markdown: str, findings: list[Finding]) -> None:
    from okrcli.render.findings import github_annotations
    from okrcli.render.report import truncate_for_step_summary

    # Workflow commands go to stderr: the runner reads them there as on stdout, and
    # stdout stays the report alone (`okr report --github > report.md`).
    annotations = github_annotations(findings)
    if annotations:
        typer.echo(annotations, nl=False, err=True)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        typer.echo("okr: GITHUB_STEP_SUMMARY is not set; the report goes to stdout only", err=True)
        return
    with Path(summary).open("a", encoding="utf-8") as handle:
        handle.write(truncate_for_step_summary(markdown))
