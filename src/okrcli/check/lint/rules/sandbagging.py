"""OKR116 sandbagging: an aspirational objective everyone is sure to reach."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import objectives
from okrcli.check.lint.rules._examples import GROWTH_YAML, growth_file


def check(context: RuleContext) -> Iterator[Problem]:
    ceiling = context.limits.sandbagging_confidence
    for place in objectives(context):
        if place.objective.type != "aspirational":
            continue
        known = [kr.confidence for kr in place.objective.key_results if kr.confidence is not None]
        if known and sum(known) / len(known) > ceiling:
            average = sum(known) / len(known)
            yield Problem(
                place.at("id"),
                f"{place.id}: aspirational objective with average confidence {average:.2f}",
                "raise the targets until reaching them feels like a stretch (about 0.5)",
            )


def _growth(*key_results: str) -> dict[str, str]:
    """The growth file; the examples differ in the key results' targets and confidences."""
    text = growth_file(
        title="New customers find their way on their own",
        standalone="Activation is our own bar this quarter.",
        key_results=key_results,
    )
    return {GROWTH_YAML: text}


RULE = Rule(
    code="OKR116",
    name="sandbagging",
    default_level=Level.INFO,
    summary="An aspirational objective's key results average above 0.9 confidence.",
    explanation=(
        "Aspirational objectives should stretch the team: scoring about 0.7 is a good "
        "result. When the owners are more than 90% sure of every key result, the targets "
        "are probably too safe. The ceiling is `lint.limits.sandbagging_confidence`."
    ),
    check=check,
    bad=_growth(
        "{id: G-1.1, title: Raise week-one activation, start: 31, target: 32, confidence: 0.95}",
        "{id: G-1.2, title: Cut time to first value, start: 6, target: 5.5, confidence: 0.95}",
    ),
    good=_growth(
        "{id: G-1.1, title: Raise week-one activation, start: 31, target: 40, confidence: 0.5}",
        "{id: G-1.2, title: Cut time to first value, start: 6, target: 2, confidence: 0.6}",
    ),
)
