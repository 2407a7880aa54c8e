"""OKR114 weak-standalone: `standalone` without a real reason."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives, words
from okrcli.check.lint.rules._examples import PLATFORM_YAML, platform_file


def check(context: RuleContext) -> Iterator[Problem]:
    minimum = context.limits.min_standalone_words
    for place in objectives(context):
        reason = place.objective.standalone
        if reason is not None and len(words(reason)) < minimum:
            yield Problem(
                place.at("standalone"),
                f"{place.id}: `standalone` reason `{reason}` is too short to explain anything",
                f"say in {minimum} words or more why this goal supports no company goal",
            )


def _platform(standalone: str) -> dict[str, str]:
    """The platform file; the examples differ in the `standalone` reason."""
    text = platform_file(
        title="Make the build pleasant again",
        standalone=standalone,
        key_results=(
            "{id: P-1.1, title: Cut median build time, start: 20, target: 8, unit: min}",
            '{id: P-1.2, title: Cut flaky test rate, start: 6, target: 1, unit: "%"}',
        ),
    )
    return {PLATFORM_YAML: text}


RULE = Rule(
    code="OKR114",
    name="weak-standalone",
    default_level=Level.WARNING,
    summary="A `standalone` reason is shorter than the minimum (default 3 words).",
    explanation=(
        "`standalone` is the honest way to say a team goal supports no company goal, and "
        "the reason is what reviewers read. `standalone: yes` or `standalone: tech debt` "
        "says nothing; `Pay down the migration debt that slows every release` does. The "
        "minimum is `lint.limits.min_standalone_words`."
    ),
    check=check,
    bad=_platform("tech debt"),
    good=_platform("Slow and flaky builds cost every team an hour a day."),
)
