"""OKR111 key-result-without-owner: a key result nobody checks in on."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import key_results
from okrcli.check.lint.rules._examples import DEPLOY_SUCCESS_KR, PLATFORM_YAML, platform_file


def check(context: RuleContext) -> Iterator[Problem]:
    for place in key_results(context):
        assert place.key_result is not None
        inherited = place.objective.owner or place.document.okr.owner
        if place.key_result.owner is None and inherited is None:
            yield Problem(
                place.at("id"),
                f"{place.id}: key result has no owner (none on it, its objective or the file)",
                "add `owner:` to the key result, its objective or the file",
            )


# Only the second key result names an owner.
_KEY_RESULTS = (
    DEPLOY_SUCCESS_KR,
    "{id: P-1.2, title: Cut rollback time, start: 30, target: 5, owner: sam}",
)


RULE = Rule(
    code="OKR111",
    name="key-result-without-owner",
    default_level=Level.WARNING,
    summary="A key result has no owner, on itself or inherited.",
    explanation=(
        "Check-ins happen when someone is responsible for the number. A key result inherits "
        "its owner from its objective, and the objective from the file; when none of them "
        "names one, nobody will update it."
    ),
    check=check,
    bad={PLATFORM_YAML: platform_file(key_results=_KEY_RESULTS, owner=None)},
    good={PLATFORM_YAML: platform_file("owner: dana", key_results=_KEY_RESULTS, owner=None)},
)
