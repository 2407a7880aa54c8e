"""OKR117 plan-not-proof: a committed objective measured only by tasks done."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.findings import Level
from okrcli.rules import Problem, Rule, RuleContext
from okrcli.rules._common import objectives

_TASK_KINDS = frozenset(("checklist", "milestone"))


def check(context: RuleContext) -> Iterator[Problem]:
    for place in objectives(context):
        objective = place.objective
        kinds = {kr.kind for kr in objective.key_results}
        if objective.type == "committed" and kinds and kinds <= _TASK_KINDS:
            yield Problem(
                place.at("type"),
                f"{place.id}: committed objective measured only by milestones and checklists",
                "add a metric that shows the work made a difference: a plan, not proof",
            )


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
    bad={
        "2026-Q4/platform.yaml": """\
period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: P-1
    title: Make deploys boringly reliable
    type: committed
    standalone: Reliability is our own bar this quarter.
    key_results:
      - {id: P-1.1, title: Publish the deploy runbook, kind: milestone}
      - id: P-1.2
        title: Every service deploys through the pipeline
        kind: checklist
        items: [{title: api}, {title: web}]
""",
    },
    good={
        "2026-Q4/platform.yaml": """\
period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: P-1
    title: Make deploys boringly reliable
    type: committed
    standalone: Reliability is our own bar this quarter.
    key_results:
      - {id: P-1.1, title: Publish the deploy runbook, kind: milestone}
      - {id: P-1.2, title: Raise deploy success rate, start: 92, target: 99}
""",
    },
)
