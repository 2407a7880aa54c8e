"""`okr report`: the CI report step, markdown to stdout."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.cli.options import EXIT_FINDINGS, NoCacheOption, RootOption, no_cache
from okrcli.cli.scored import AsOfOption, NoHistoryOption, PeriodOption, TeamOption
from okrcli.render.formats import ReportFormat

if TYPE_CHECKING:
    from okrcli.changes import RevisionDiff
    from okrcli.validate import Validation

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
    from okrcli.cli.scored import score, validated
    from okrcli.render import report as render

    no_cache(cache_off)
    validation = validated(
        root, as_json=output_format is ReportFormat.json, with_lint=True, as_of=as_of
    )
    result = score(validation, period, team, None, as_of, no_history)
    findings = validation.findings
    changes = _changes_since(validation, since) if since is not None else None
    if output_format is ReportFormat.json:
        typer.echo(render.report_json(result, findings, changes), nl=False)
    else:
        markdown = render.report_markdown(result, findings, changes)
        if github:
            _to_github(markdown, validation)
        typer.echo(markdown, nl=False)
    if fail_under is not None and (result.score or 0.0) < fail_under:
        typer.echo(
            f"okr: period score {result.score or 0.0:.2f} is below --fail-under {fail_under}",
            err=True,
        )
        raise typer.Exit(EXIT_FINDINGS)


def _changes_since(validation: Validation, since: str) -> RevisionDiff:
    from okrcli.changes import diff_revisions
    from okrcli.cli.options import usage_error
    from okrcli.history import HistoryError

    assert validation.root is not None
    try:
        return diff_revisions(validation.root, since, None)
    except HistoryError as error:
        usage_error(str(error))


def _to_github(markdown: str, validation: Validation) -> None:
    from okrcli.render.findings import github_annotations
    from okrcli.render.report import truncate_for_step_summary

    annotations = github_annotations(validation.findings)
    if annotations:
        typer.echo(annotations, nl=False)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        typer.echo("okr: GITHUB_STEP_SUMMARY is not set; the report goes to stdout only", err=True)
        return
    with Path(summary).open("a", encoding="utf-8") as handle:
        handle.write(truncate_for_step_summary(markdown))
