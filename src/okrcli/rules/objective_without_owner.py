"""OKR110 objective-without-owner: an objective nobody owns."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.findings import Level
from okrcli.rules import Problem, Rule, RuleContext
from okrcli.rules._common import objectives


def check(context: RuleContext) -> Iterator[Problem]:
    for place in objectives(context):
        if place.objective.owner is None and place.document.okr.owner is None:
            yield Problem(
                place.at("id"),
                f"{place.id}: objective has no owner (none on it, none on the file)",
                "add `owner:` to the objective, or to the file for all of its objectives",
            )


RULE = Rule(
    code="OKR110",
    name="objective-without-owner",
    default_level=Level.WARNING,
    summary="An objective has no owner, on itself or inherited from the file.",
    explanation=(
        "An objective that belongs to everyone belongs to no one: nobody runs the "
        "check-ins or raises the alarm when it slips. Name one owner per objective, or one "
        "for the whole file with a top-level `owner:`, which objectives inherit."
    ),
    check=check,
    bad={
        "2026-Q4/platform.yaml": """\
period: 2026-Q4
team: platform
objectives:
  - id: P-1
    title: Make deploys boringly reliable
    standalone: Reliability is our own bar this quarter.
    key_results:
      - {id: P-1.1, title: Raise deploy success rate, start: 92, target: 99, owner: sam}
      - {id: P-1.2, title: Cut rollback time, start: 30, target: 5, owner: sam}
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
    standalone: Reliability is our own bar this quarter.
    key_results:
      - {id: P-1.1, title: Raise deploy success rate, start: 92, target: 99, owner: sam}
      - {id: P-1.2, title: Cut rollback time, start: 30, target: 5, owner: sam}
""",
    },
)
