"""OKR107 output-verb-objective: an objective that names a deliverable, not a change."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives, words
from okrcli.check.lint.rules._examples import GROWTH_YAML, growth_file

OUTPUT_VERBS = frozenset(
    "launch build ship implement create develop deliver release deploy write complete "
    "finish design install introduce add publish hold host migrate rewrite redesign "
    "refactor roll set".split()
)


def check(context: RuleContext) -> Iterator[Problem]:
    for place in objectives(context):
        title_words = words(place.objective.title)
        first = title_words[0].lower() if title_words else ""
        if first in OUTPUT_VERBS:
            yield Problem(
                place.at("title"),
                f"{place.id}: objective starts with the output verb `{first}`",
                "name the change the output should bring (`Make ...`, `Customers ...`)",
            )


def _growth(title: str) -> dict[str, str]:
    """The growth file; the examples differ in the objective's title."""
    text = growth_file(
        title=title,
        standalone="Activation is our own bar this quarter.",
        key_results=(
            '{id: G-1.1, title: Raise week-one activation, start: 31, target: 40, unit: "%"}',
            "{id: G-1.2, title: Cut time to first value, start: 6, target: 2, unit: days}",
        ),
    )
    return {GROWTH_YAML: text}


RULE = Rule(
    code="OKR107",
    name="output-verb-objective",
    default_level=Level.INFO,
    summary="An objective starts with an output verb (launch, build, ship, implement...).",
    explanation=(
        "`Launch the new onboarding` names a deliverable: it is done when shipped, whether "
        "or not anything got better. An objective names the change the work should bring "
        "(`New customers find their way on their own`), and the launch becomes one key "
        "result or just the plan. Information only: sometimes the launch is the point."
    ),
    check=check,
    bad=_growth("Launch the new onboarding flow"),
    good=_growth("New customers find their way on their own"),
)
