"""OKR109 direction-mismatch: the title says one direction, the numbers the other."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import key_results, words
from okrcli.check.lint.rules._examples import GROWTH_YAML, growth_file
from okrcli.model.kinds import MetricKeyResult

DOWN_VERBS = frozenset(
    "reduce cut lower decrease shrink drop minimize minimise eliminate halve shorten "
    "trim slash".split()
)
UP_VERBS = frozenset(
    "increase raise grow boost lift double triple expand maximize maximise".split()
)


def check(context: RuleContext) -> Iterator[Problem]:
    for place in key_results(context):
        kr = place.key_result
        if not isinstance(kr, MetricKeyResult):
            continue
        title_words = words(kr.title)
        verb = title_words[0].lower() if title_words else ""
        goes_up = kr.target > kr.start
        if (verb in DOWN_VERBS and goes_up) or (verb in UP_VERBS and not goes_up):
            numbers = f"{kr.start:g} -> {kr.target:g}"
            yield Problem(
                place.at("target"),
                f"{kr.id}: title says `{verb}` but the target goes "
                f"{'up' if goes_up else 'down'} ({numbers})",
                "swap start and target, or reword the title",
            )


def _growth(start: int, target: int) -> dict[str, str]:
    """The growth file; the examples differ in the churn key result's start and target."""
    churn = "\n".join(
        (
            "id: G-1.1",
            "title: Reduce monthly churn",
            f"start: {start}",
            f"target: {target}",
            'unit: "%"',
        )
    )
    retention = '{id: G-1.2, title: Raise net revenue retention, start: 98, target: 104, unit: "%"}'
    text = growth_file(
        title="Keep the customers we win",
        standalone="Retention is our own bar this quarter.",
        key_results=(churn, retention),
    )
    return {GROWTH_YAML: text}


RULE = Rule(
    code="OKR109",
    name="direction-mismatch",
    default_level=Level.WARNING,
    summary="A metric's title says one direction while its numbers go the other.",
    explanation=(
        "`Reduce churn` with `start: 2` and `target: 3` scores progress as churn rises. "
        "Usually start and target were swapped. okrcli reads the direction from the "
        "numbers (target below start is a decreasing metric), so make the title and the "
        "numbers agree."
    ),
    check=check,
    bad=_growth(start=2, target=3),
    good=_growth(start=3, target=2),
)
