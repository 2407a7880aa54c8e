"""OKR102 no-key-results: an objective without key results cannot be measured."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives
from okrcli.check.lint.rules._examples import DEPLOY_SUCCESS_KR, PLATFORM_YAML, platform_file


def check(context: RuleContext) -> Iterator[Problem]:
    for place in objectives(context):
        if not place.objective.key_results:
            yield Problem(
                place.at("id"),
                f"{place.id}: objective has no key results",
                "add two to five key results that show the objective is reached",
            )


RULE = Rule(
    code="OKR102",
    name="no-key-results",
    default_level=Level.ERROR,
    summary="An objective has no key results.",
    explanation=(
        "Key results are how an objective is measured; without them it is a wish. Add two "
        "to five key results, each a measurable outcome that shows the objective is met. "
        "This rule is an error by default, so `okr validate` and the pre-commit hook "
        "reject it."
    ),
    check=check,
    bad={PLATFORM_YAML: platform_file(key_results=())},
    good={
        PLATFORM_YAML: platform_file(
            key_results=(
                DEPLOY_SUCCESS_KR,
                "{id: P-1.2, title: Cut rollback time, start: 30, target: 5, unit: min}",
            ),
        ),
    },
)
