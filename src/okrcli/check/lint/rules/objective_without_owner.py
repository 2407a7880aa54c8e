"""OKR110 objective-without-owner: an objective nobody owns."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives
from okrcli.check.lint.rules._examples import (
    DEPLOY_KEY_RESULTS,
    PLATFORM_YAML,
    platform_file,
    with_fields,
)


def check(context: RuleContext) -> Iterator[Problem]:
    for place in objectives(context):
        if place.objective.owner is None and place.document.okr.owner is None:
            yield Problem(
                place.at("id"),
                f"{place.id}: objective has no owner (none on it, none on the file)",
                "add `owner:` to the objective, or to the file for all of its objectives",
            )


# Both key results name an owner, which does not make one for the objective.
_KEY_RESULTS = tuple(with_fields(key_result, "owner: sam") for key_result in DEPLOY_KEY_RESULTS)


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
    bad={PLATFORM_YAML: platform_file(key_results=_KEY_RESULTS, owner=None)},
    good={PLATFORM_YAML: platform_file(key_results=_KEY_RESULTS, owner="dana")},
)
