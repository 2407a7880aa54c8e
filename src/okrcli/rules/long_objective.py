"""OKR106 long-objective: an objective nobody can remember."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.findings import Level
from okrcli.rules import Problem, Rule, RuleContext
from okrcli.rules._common import objectives, words


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
        "2026-Q4/platform.yaml": """\
period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: P-1
    title: Make deploys fast and safe so a team can ship any day of the week without fear or waits
    standalone: Reliability is our own bar this quarter.
    key_results:
      - {id: P-1.1, title: Raise deploy success rate, start: 92, target: 99}
      - {id: P-1.2, title: Cut rollback time, start: 30, target: 5}
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
    description: Every team can ship on any day of the week without fear or waiting.
    standalone: Reliability is our own bar this quarter.
    key_results:
      - {id: P-1.1, title: Raise deploy success rate, start: 92, target: 99}
      - {id: P-1.2, title: Cut rollback time, start: 30, target: 5}
""",
    },
)
