"""OKR103 single-key-result: one key result rarely captures an objective."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives
from okrcli.check.lint.rules._examples import DEPLOY_SUCCESS_KR, PLATFORM_YAML, platform_file


def check(context: RuleContext) -> Iterator[Problem]:
    minimum = context.limits.min_key_results
    for place in objectives(context):
        count = len(place.objective.key_results)
        if 0 < count < minimum:
            yield Problem(
                place.at("id"),
                f"{place.id}: {count} key result; at least {minimum} keep the objective honest",
                "add a key result that checks the first from another side (quality, cost)",
            )


RULE = Rule(
    code="OKR103",
    name="single-key-result",
    default_level=Level.WARNING,
    summary="An objective has fewer key results than the minimum (default 2).",
    explanation=(
        "A single key result turns the objective into that one number, and one number is "
        "easy to game: shipping faster can hurt quality. A second key result that looks "
        "from another side (quality, cost, satisfaction) keeps the objective honest. "
        "The minimum is `lint.limits.min_key_results`."
    ),
    check=check,
    bad={PLATFORM_YAML: platform_file(key_results=(DEPLOY_SUCCESS_KR,))},
    good={
        PLATFORM_YAML: platform_file(
            key_results=(
                DEPLOY_SUCCESS_KR,
                "{id: P-1.2, title: Cut rollback time, start: 30, target: 5, unit: min}",
            ),
        ),
    },
)
