"""A validation (or lint) result in the format asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from okrcli.render.escape import plain
from okrcli.render.findings import (
    Summary,
    finding_payload,
    render_github,
    render_gitlab,
    render_json,
    render_text,
)
from okrcli.render.formats import LintFormat, ValidateFormat
from okrcli.render.text import fmt_score

if TYPE_CHECKING:
    from okrcli.check.lint.health import Practice
    from okrcli.check.validation import Validation


def render_validation(
    result: Validation,
    output_format: ValidateFormat,
    quiet: bool,
    color: bool,
    health: Practice | None = None,
) -> str:
    """`health` (from `okr lint`) adds silenced findings, team strength and coverage."""
    summary = _summary(result)
    match output_format:
        case ValidateFormat.json:
            # The rules are loaded only here: the names of their codes are in the JSON.
            from okrcli.check.lint.registry import code_name

            extra = None if health is None else _health_payload(result, health)
            return render_json(result.findings, summary, code_name, extra)
        case ValidateFormat.gitlab:
            return render_gitlab(result.findings)
        case ValidateFormat.github:
            text = render_github(result.findings, summary)
        case ValidateFormat.text:
            text = render_text(result.findings, summary, color=color)
            if quiet:
                return "".join(text.splitlines(keepends=True)[:-1])
        case _:
            assert_never(output_format)
    return text + ("" if health is None else "".join(f"{line}\n" for line in health_lines(health)))


def earlier_note(count: int) -> str:
    """The one line `okr validate --hook` says of errors it does not block on."""
    errors = "1 error was" if count == 1 else f"{count} errors were"
    return (
        f"okr: note: {errors} already there in files this commit does not change "
        "(not blocking it; `okr validate` lists them)"
    )


def render_lint(
    result: Validation, health: Practice, output_format: LintFormat, quiet: bool, color: bool
) -> str:
    return render_validation(result, ValidateFormat(output_format.value), quiet, color, health)


def health_lines(health: Practice) -> list[str]:
    lines = []
    if health.silenced:
        lines.append(f"silenced by `# okr: disable`: {health.silenced}")
    by_period: dict[str, list[str]] = {}
    for team in health.strengths:
        by_period.setdefault(str(team.period), []).append(f"{team.team} {fmt_score(team.strength)}")
    lines += [f"strength {period}: {' · '.join(teams)}" for period, teams in by_period.items()]
    lines += [
        f"alignment coverage {c.period}: {c.share:.0%} {c.verdict} "
        f"({c.covered} of {c.team_objectives} team objectives)"
        for c in health.coverage
        if c.share is not None
    ]
    return [plain(line) for line in lines]


def _health_payload(result: Validation, health: Practice) -> dict[str, object]:
    from okrcli.check.lint.registry import code_name

    payload: dict[str, object] = {}
    payload["silenced"] = [finding_payload(f, code_name) for f in result.silenced]
    payload["strength"] = [
        {"period": str(t.period), "team": t.team, "strength": t.strength, "rules": t.rules}
        for t in health.strengths
    ]
    payload["alignment_coverage"] = [
        {
            "period": str(c.period),
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
