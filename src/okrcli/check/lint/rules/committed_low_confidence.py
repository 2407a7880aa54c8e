"""OKR115 committed-low-confidence: a commitment its owners do not believe in."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import key_results
from okrcli.check.lint.rules._examples import PLATFORM_YAML, ROLLBACK_KR, platform_file, with_fields


def check(context: RuleContext) -> Iterator[Problem]:
    floor = context.limits.committed_min_confidence
    for place in key_results(context):
        kr = place.key_result
        assert kr is not None
        if place.objective.type != "committed" or kr.confidence is None:
            continue
        if kr.confidence < floor:
            yield Problem(
                place.at("confidence"),
                f"{kr.id}: confidence {kr.confidence:g} in a committed objective (below {floor:g})",
                "a commitment is expected to reach 1.0: find the help it needs, rescope "
                "it, or make the objective aspirational",
            )


def _platform(target: int, confidence: float) -> dict[str, str]:
    """The platform file; the examples differ in the first key result's target and confidence."""
    deploy_success = "\n".join(
        (
            "id: P-1.1",
            "title: Raise deploy success rate",
            "start: 92",
            f"target: {target}",
            f"confidence: {confidence}",
        )
    )
    rollback = with_fields(ROLLBACK_KR, "confidence: 0.8")
    return {PLATFORM_YAML: platform_file("type: committed", key_results=(deploy_success, rollback))}


RULE = Rule(
    code="OKR115",
    name="committed-low-confidence",
    default_level=Level.WARNING,
    summary="A committed objective has a key result with confidence below 0.7.",
    explanation=(
        "Committed objectives are promises the team expects to keep in full (score 1.0). A "
        "key result its owner gives less than 0.7 confidence is a promise at risk from the "
        "start: say so early, get help, rescope, or make the objective aspirational. The "
        "floor is `lint.limits.committed_min_confidence`."
    ),
    check=check,
    bad=_platform(target=99, confidence=0.4),
    good=_platform(target=97, confidence=0.8),
)
