"""A validation result in the format asked for: the one place that picks the renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrcli.render.findings import (
    Summary,
    finding_payload,
    render_github,
    render_gitlab,
    render_json,
    render_text,
)
from okrcli.render.formats import ValidateFormat
from okrcli.render.progress import fmt_score
from okrcli.rules import code_name
from okrcli.validate import Validation

if TYPE_CHECKING:
    from okrcli.health import Practice


def render_validation(
    result: Validation,
    output_format: ValidateFormat,
    quiet: bool,
    color: bool,
    health: Practice | None = None,
) -> str:
    """`health` (from `okr lint`) adds silenced findings, team strength and coverage."""
    summary = _summary(result)
    if output_format is ValidateFormat.json:
        extra = None if health is None else _health_payload(result, health)
        return render_json(result.findings, summary, code_name, extra)
    if output_format is ValidateFormat.gitlab:
        return render_gitlab(result.findings)
    if output_format is ValidateFormat.github:
        text = render_github(result.findings, summary)
    else:
        text = render_text(result.findings, summary, color=color)
        if quiet:
            return "".join(text.splitlines(keepends=True)[:-1])
    return text + ("" if health is None else "".join(f"{line}\n" for line in health_lines(health)))


def health_lines(health: Practice) -> list[str]:
    lines = []
    if health.silenced:
        lines.append(f"silenced by `# okr: disable`: {health.silenced}")
    by_period: dict[str, list[str]] = {}
    for team in health.strengths:
        by_period.setdefault(team.period, []).append(f"{team.team} {fmt_score(team.strength)}")
    lines += [f"strength {period}: {' · '.join(teams)}" for period, teams in by_period.items()]
    lines += [
        f"alignment coverage {c.period}: {c.share:.0%} {c.verdict} "
        f"({c.covered} of {c.team_objectives} team objectives)"
        for c in health.coverage
        if c.share is not None
    ]
    return lines


def _health_payload(result: Validation, health: Practice) -> dict[str, object]:
    payload: dict[str, object] = {}
    payload["silenced"] = [finding_payload(f, code_name) for f in result.silenced]
    payload["strength"] = [
        {"period": t.period, "team": t.team, "strength": t.strength, "rules": t.rules}
        for t in health.strengths
    ]
    payload["alignment_coverage"] = [
        {
            "period": c.period,
            "team_objectives": c.team_objectives,
            "covered": c.covered,
            "share": c.share,
            "verdict": c.verdict,
        }
        for c in health.coverage
    ]
    return payload


def _summary(result: Validation) -> Summary:
    counts = result.counts
    return Summary(
        files=len(result.files),
        periods=counts.periods,
        teams=counts.teams,
        objectives=counts.objectives,
        key_results=counts.key_results,
    )
