"""OKR119 missing-reflection: an objective of a closed period says nothing of what was
learned."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives

_CLOSED = """\
period: 2026-Q3
team: platform
owner: dana
closed: 2026-10-02
objectives:
  - id: P-1
    title: Make deploys boringly reliable
    standalone: Reliability is our own bar this quarter.
"""
_KEY_RESULTS = """\
    key_results:
      - {id: P-1.1, title: Raise deploy success rate, start: 92, target: 99, current: 97,
         final_score: 0.71}
"""
_REFLECTION = (
    "    reflection: Flaky integration tests caused most failed deploys; quarantine them "
    "first.\n    decision: modify\n"
)


def check(context: RuleContext) -> Iterator[Problem]:
    for place in objectives(context):
        closed = place.document.okr.closed
        if closed is None or place.objective.reflection is not None:
            continue
        yield Problem(
            place.at("id"),
            f"{place.id}: {place.period} was closed on {closed} without a reflection on "
            "this objective",
            "write what was learned in `reflection:` (or give it to `okr close --reflection`)",
        )


RULE = Rule(
    code="OKR119",
    name="missing-reflection",
    default_level=Level.WARNING,
    summary="An objective of a closed period has no `reflection`.",
    explanation=(
        "The quarterly review is what OKRs exist for: grade honestly, then write down what "
        "was learned, so that the next period's plan rests on it. `okr close` records the "
        "grades and asks for a reflection per objective; this rule lists the objectives "
        "of closed periods still without one. It judges closed periods, so it reports "
        "them even though the other rules leave closed periods out."
    ),
    check=check,
    bad={"2026-Q3/platform.yaml": _CLOSED + _KEY_RESULTS},
    good={"2026-Q3/platform.yaml": _CLOSED + _REFLECTION + _KEY_RESULTS},
    judges_closed=True,
)
