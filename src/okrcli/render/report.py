"""The CI report: period summary, team table, objectives at risk and findings.

Markdown renders as GitHub-flavoured tables for a step summary or a pull-request
comment; JSON carries the same content as `okr status --format json` plus findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, assert_never

from okrcli.base.findings import Finding
from okrcli.render.escape import json_text, md_code
from okrcli.render.findings import finding_payload, message, where
from okrcli.render.formats import ReportFormat
from okrcli.render.status import progress_text, status_payload, summary_lines
from okrcli.render.text import (
    dropped_note,
    fmt_score,
    md_cell,
    md_status,
    override_note,
    projection_text,
)
from okrcli.score.results import (
    ObjectiveResult,
    PeriodResult,
    Status,
    TeamResult,
    count_grades,
)

if TYPE_CHECKING:
    from okrcli.api.progress import ReportView
    from okrcli.history.changes import RevisionDiff
    from okrcli.score.attention import Attention, Pair


def render_report(view: ReportView, output_format: ReportFormat) -> str:
    match output_format:
        case ReportFormat.markdown:
            return report_markdown(view.result, view.findings, view.changes)
        case ReportFormat.json:
            return report_json(view.result, view.findings, view.changes)
        case ReportFormat.html:
            from okrcli.render.html import report_html

            return report_html(view)
        case _:
            assert_never(output_format)


# GitHub caps a step summary at 1 MiB; stay well below it.
STEP_SUMMARY_LIMIT = 1_000_000


def report_markdown(
    result: PeriodResult, findings: Sequence[Finding], changes: RevisionDiff | None = None
) -> str:
    from okrcli.score.attention import needs_attention

    attention = needs_attention(result)
    lines = [f"# OKR report {result.period}", "", *summary_lines(result), ""]
    lines += ["## Teams", "", *_team_table(result.teams, result.ended), ""]
    if result.ended:
        lines += ["## Missed objectives", "", *_missed_table(attention.missed), ""]
        lines += _review_section(result)
    else:
        lines += ["## Objectives at risk", "", *_risk_table(attention.at_risk), ""]
        lines += _overdue_section(attention.overdue)
    lines += _checkin_section(result, attention)
    if changes is not None:
        from okrcli.render.diff import diff_markdown

        lines += [diff_markdown(changes.diff, changes.before, changes.after).rstrip("\n"), ""]
    lines += ["## Validation", "", *_findings_list(findings)]
    return "\n".join(lines) + "\n"


def _team_table(teams: tuple[TeamResult, ...], ended: bool) -> list[str]:
    if not teams:
        return ["_No objectives in this period._"]
    if ended:
        return _graded_team_table(teams)
    rows = [
        "| Team | Score | Objectives | Done | On track | At risk | Off track |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for team in teams:
        counts = dict.fromkeys(Status, 0)
        for objective in team.objectives:
            counts[objective.status] += 1
        rows.append(
            f"| {md_cell(team.team)} | {fmt_score(team.score)} | {len(team.objectives)} "
            f"| {counts[Status.DONE]} | {counts[Status.ON_TRACK]} | {counts[Status.AT_RISK]} "
            f"| {counts[Status.OFF_TRACK]} |"
        )
    return rows


def _graded_team_table(teams: tuple[TeamResult, ...]) -> list[str]:
    rows = [
        "| Team | Score | Objectives | Achieved | Missed | Green | Yellow | Red |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for team in teams:
        grades = count_grades([o.score for o in team.objectives])
        achieved = sum(o.achieved is True for o in team.objectives)
        rows.append(
            f"| {md_cell(team.team)} | {fmt_score(team.score)} | {len(team.objectives)} "
            f"| {achieved} | {len(team.objectives) - achieved} "
            f"| {grades.green} | {grades.yellow} | {grades.red} |"
        )
    return rows


def _missed_table(objectives: Sequence[ObjectiveResult]) -> list[str]:
    if not objectives:
        return ["_None: every objective reached its bar (committed 1.0, aspirational 0.7)._"]
    rows = [
        "| Objective | Team | Type | Score | Grade | Owner |",
        "| --- | --- | --- | ---: | --- | --- |",
    ]
    rows += [
        f"| **{md_cell(o.id)}** {md_cell(o.title)} | {md_cell(o.team)} | {o.type} "
        f"| {fmt_score(o.score)} | {o.grade.value} | {md_cell(o.owner or '')} |"
        for o in objectives
    ]
    return rows


def _review_section(result: PeriodResult) -> list[str]:
    """The review of a closed period: each objective's reflection and decision, and the
    grades that were judged rather than computed, and the key results dropped."""
    if result.closed is None:
        return []
    lines = ["## Review", "", "| Objective | Team | Score | Decision | Reflection |"]
    lines.append("| --- | --- | ---: | --- | --- |")
    lines += [
        f"| **{md_cell(o.id)}** {md_cell(o.title)} | {md_cell(o.team)} | {fmt_score(o.score)} "
        f"| {o.decision or ''} | {md_cell(o.reflection) if o.reflection else '_none yet_'} |"
        for o in result.objectives
    ]
    notes = [
        f"- **{md_cell(kr.id)}** {note}"
        for o in result.objectives
        for kr in o.key_results
        for note in [dropped_note(kr, md_cell) or override_note(kr, md_cell)]
        if note
    ]
    if notes:
        lines += ["", "Judged grades and dropped key results:", "", *notes]
    return [*lines, ""]


def _risk_table(objectives: Sequence[ObjectiveResult]) -> list[str]:
    if not objectives:
        return ["_None: every objective is on track or done._"]
    rows = [
        "| Objective | Team | Score | Expected | Status | Owner |",
        "| --- | --- | ---: | ---: | --- | --- |",
    ]
    for o in objectives:
        rows.append(
            f"| **{md_cell(o.id)}** {md_cell(o.title)} | {md_cell(o.team)} "
            f"| {fmt_score(o.score)} | {fmt_score(o.expected)} | {md_status(o.status, o.grade)} "
            f"| {md_cell(o.owner or '')} |"
        )
    return rows


def _overdue_section(overdue: tuple[Pair, ...]) -> list[str]:
    """Key results past their due date and not done: deadlines missed, the most
    overdue first."""
    if not overdue:
        return []
    lines = ["## Overdue key results", "", "| Key result | Team | Due | Progress | Owner |"]
    lines.append("| --- | --- | --- | --- | --- |")
    lines += [
        f"| **{md_cell(kr.id)}** {md_cell(kr.title)} | {md_cell(o.team)} | {kr.due.isoformat()} "
        f"| {progress_text(kr, md_cell)} | {md_cell(kr.owner or '')} |"
        for o, kr in overdue
    ]
    return [*lines, ""]


def _checkin_section(result: PeriodResult, attention: Attention) -> list[str]:
    """Key results nobody checked in on lately or at all, and projections that miss
    the target. Never "all on course" while one was never checked in."""
    if not attention.tracked:
        return []
    outdated, never, trending = attention.outdated, attention.never, attention.trending
    lines = ["## Check-ins", ""]
    if attention.checked_in:
        closing = "checked in" if result.ended else "checked in and on course"
        return [
            *lines,
            f"_Every key result was {closing}._"
            if result.ended
            else f"_Every key result is {closing}._",
            "",
        ]
    if never:
        lines += [
            "| Never checked in | Team | Owner |",
            "| --- | --- | --- |",
        ]
        lines += [
            f"| **{md_cell(kr.id)}** {md_cell(kr.title)} | {md_cell(o.team)} "
            f"| {md_cell(kr.owner or '')} |"
            for o, kr in never
        ]
        lines.append("")
    if outdated:
        lines += [
            "| Not checked in lately | Team | Last check-in | Owner |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| **{md_cell(kr.id)}** {md_cell(kr.title)} | {md_cell(o.team)} "
            f"| {kr.last_checkin.isoformat() if kr.last_checkin else 'pending'} "
            f"| {md_cell(kr.owner or '')} |"
            for o, kr in outdated
        ]
        lines.append("")
    if trending:
        lines += ["Trending off-track (a projection from the check-ins):", ""]
        lines += [
            f"- **{md_cell(kr.id)}** {md_cell(kr.title)}: "
            f"{projection_text(kr, md_cell, against=True)}"
            for _, kr in trending
        ]
        lines.append("")
    return lines


def _findings_list(findings: Sequence[Finding]) -> list[str]:
    if not findings:
        return ["_No findings._"]
    return [
        f"- {md_code(where(f.location))} **{f.level.value}[{f.code}]** {md_cell(message(f))}"
        + (f" — {md_cell(f.hint)}" if f.hint else "")
        for f in findings
    ]


def report_json(
    result: PeriodResult, findings: Sequence[Finding], changes: RevisionDiff | None = None
) -> str:
    payload: dict[str, Any] = status_payload(result)
    if changes is not None:
        from okrcli.render.diff import diff_payload

        payload["changes"] = diff_payload(
            changes.diff, changes.before, changes.after, changes.invalid
        )
    from okrcli.score.attention import at_risk

    payload["at_risk"] = [o.id for o in at_risk(result)]
    from okrcli.check.lint.registry import code_name

    payload["findings"] = [finding_payload(f, code_name) for f in findings]
    return json_text(payload) + "\n"


def truncate_for_step_summary(markdown: str, limit: int = STEP_SUMMARY_LIMIT) -> str:
    """Cut at a line boundary below `limit` bytes, with a note saying so."""
    if len(markdown.encode()) <= limit:
        return markdown
    note = "\n\n_Report truncated to fit GitHub's step summary; the job log has all of it._\n"
    budget = limit - len(note.encode())
    kept: list[str] = []
    used = 0
    for line in markdown.splitlines(keepends=True):
        size = len(line.encode())
        if used + size > budget:
            break
        kept.append(line)
        used += size
    return "".join(kept).rstrip("\n") + note
