"""OKR106 long-objective: an objective nobody can remember."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives, words
from okrcli.check.lint.rules._examples import PLATFORM_YAML, RELIABLE_DEPLOYS, platform_file


def check(context: RuleContext) -> Iterator[Problem]:
    limit = context.limits.max_objective_words
    for place in objectives(context):
        count = len(words(place.objective.title))
        if count > limit:
            yield Problem(
                place.at("title"),
                f"{place.id}: objective title has {count} words; at most {limit} are memorable",
                "keep the headline short; move the detail into `description`",
            )


RULE = Rule(
    code="OKR106",
    name="long-objective",
    default_level=Level.WARNING,
    summary="An objective title is longer than the limit (default 18 words).",
    explanation=(
        "People should be able to say their objectives from memory. A long title usually "
        "packs several objectives or a plan into one line. Keep the headline short and "
        "put the context in `description`. The limit is `lint.limits.max_objective_words`."
    ),
    check=check,
    bad={
        PLATFORM_YAML: platform_file(
            title="Make deploys fast and safe so a team can ship any day of the week "
            "without fear or waits",
        ),
    },
    good={
        PLATFORM_YAML: platform_file(
            "description: Every team can ship on any day of the week without fear or waiting.",
            title=RELIABLE_DEPLOYS,
        ),
    },
)
