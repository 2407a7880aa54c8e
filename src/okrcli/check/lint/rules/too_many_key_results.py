"""OKR104 too-many-key-results: more key results than anyone will track."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives
from okrcli.check.lint.rules._examples import DEPLOY_KEY_RESULTS, PLATFORM_YAML, platform_file
from okrcli.check.places import Place


def check(context: RuleContext) -> Iterator[Problem]:
    maximum = context.limits.max_key_results
    for place in objectives(context):
        count = len(place.objective.key_results)
        if count > maximum:
            extra = Place(place.document, (*place.path, "key_results", maximum), place.objective)
            yield Problem(
                extra.at("id"),
                f"{place.id}: {count} key results; at most {maximum} stay in view",
                "keep the key results that best show the outcome; move tasks to a plan",
            )


_KEY_RESULTS = (
    *DEPLOY_KEY_RESULTS,
    "{id: P-1.3, title: Cut failed changes, start: 12, target: 4}",
    "{id: P-1.4, title: Cut pages per week, start: 20, target: 8}",
    "{id: P-1.5, title: Raise test coverage, start: 60, target: 80}",
    "{id: P-1.6, title: Cut build time, start: 20, target: 10}",
)


RULE = Rule(
    code="OKR104",
    name="too-many-key-results",
    default_level=Level.WARNING,
    summary="An objective has more key results than the maximum (default 5).",
    explanation=(
        "Past five key results an objective becomes a task list: nobody checks in on all of "
        "them, and the few that matter drown. Keep the key results that best show the "
        "outcome and move the rest into the team's plan. The maximum is "
        "`lint.limits.max_key_results`."
    ),
    check=check,
    bad={PLATFORM_YAML: platform_file(key_results=_KEY_RESULTS)},
    good={PLATFORM_YAML: platform_file(key_results=_KEY_RESULTS[:3])},
)
