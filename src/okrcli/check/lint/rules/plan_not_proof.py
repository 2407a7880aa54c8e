"""OKR117 plan-not-proof: a committed objective measured only by tasks done."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives
from okrcli.check.lint.rules._examples import PLATFORM_YAML, platform_file


def check(context: RuleContext) -> Iterator[Problem]:
    for place in objectives(context):
        objective = place.objective
        results = objective.key_results
        proof = any(kr.measures_outcome for kr in results)
        if objective.type == "committed" and results and not proof:
            yield Problem(
                place.at("type"),
                f"{place.id}: committed objective measured only by milestones and checklists",
                "add a metric that shows the work made a difference: a plan, not proof",
            )


def _platform(second_key_result: str) -> dict[str, str]:
    """The platform file; the examples differ in the second key result."""
    runbook = "{id: P-1.1, title: Publish the deploy runbook, kind: milestone}"
    return {
        PLATFORM_YAML: platform_file("type: committed", key_results=(runbook, second_key_result))
    }


RULE = Rule(
    code="OKR117",
    name="plan-not-proof",
    default_level=Level.INFO,
    summary="A committed objective has only checklist and milestone key results.",
    explanation=(
        "Milestones and checklists say the work was done, not that it worked: they are a "
        "plan, not proof. A committed objective measured only by them can reach 1.0 while "
        "nothing improves. Add at least one metric of the outcome."
    ),
    check=check,
    bad=_platform(
        "\n".join(
            (
                "id: P-1.2",
                "title: Every service deploys through the pipeline",
                "kind: checklist",
                "items: [{title: api}, {title: web}]",
            )
        )
    ),
    good=_platform("{id: P-1.2, title: Raise deploy success rate, start: 92, target: 99}"),
)
