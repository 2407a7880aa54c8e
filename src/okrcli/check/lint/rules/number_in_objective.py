"""OKR105 number-in-objective: a number in an objective is a key result in disguise."""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives
from okrcli.check.lint.rules._examples import PLATFORM_YAML, ROLLBACK_KR, platform_file

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?:19|20|21)\d\d")


def check(context: RuleContext) -> Iterator[Problem]:
    for place in objectives(context):
        numbers = [n for n in _NUMBER.findall(place.objective.title) if not _YEAR.fullmatch(n)]
        if numbers:
            yield Problem(
                place.at("title"),
                f"{place.id}: objective title holds a number ({numbers[0]})",
                "say the change in words; put the number in a key result",
            )


_KEY_RESULTS = (
    "{id: P-1.1, title: Raise deploy success rate, start: 92, target: 99.9}",
    ROLLBACK_KR,
)


RULE = Rule(
    code="OKR105",
    name="number-in-objective",
    default_level=Level.WARNING,
    summary="An objective title contains a number (other than a four-digit year).",
    explanation=(
        "An objective names a qualitative change that inspires; key results carry the "
        "numbers that measure it. A number in the objective (`Reach 99.9% uptime`) is a "
        "key result in disguise, and leaves the objective without its why. Say the "
        "change in words and move the number into a key result. Years such as 2027 are "
        "allowed."
    ),
    check=check,
    bad={
        PLATFORM_YAML: platform_file(title="Reach 99.9% deploy success", key_results=_KEY_RESULTS)
    },
    good={
        PLATFORM_YAML: platform_file(
            title="Make deploys boringly reliable before 2027", key_results=_KEY_RESULTS
        ),
    },
)
