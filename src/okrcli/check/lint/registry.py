"""The rules okrcli ships, one module each (`okr lint --explain CODE` shows their docs),
and the short name of any finding's code."""

from __future__ import annotations

from functools import cache

from okrcli.base.codes import CATALOG
from okrcli.check.lint.engine import Registry
from okrcli.check.lint.rules import (
    activity_key_result,
    changed_after_close,
    committed_low_confidence,
    direction_mismatch,
    key_result_without_owner,
    long_objective,
    missing_reflection,
    no_key_results,
    no_objectives,
    no_top_level_objectives,
    number_in_objective,
    objective_count,
    objective_without_owner,
    output_verb_objective,
    plan_not_proof,
    sandbagging,
    stale_key_result,
    too_few_key_results,
    too_many_key_results,
    unaligned_objective,
    weak_standalone,
)

BUILTIN_RULES = (
    objective_count.RULE,
    no_key_results.RULE,
    too_few_key_results.RULE,
    too_many_key_results.RULE,
    number_in_objective.RULE,
    long_objective.RULE,
    output_verb_objective.RULE,
    activity_key_result.RULE,
    direction_mismatch.RULE,
    objective_without_owner.RULE,
    key_result_without_owner.RULE,
    unaligned_objective.RULE,
    no_top_level_objectives.RULE,
    weak_standalone.RULE,
    committed_low_confidence.RULE,
    sandbagging.RULE,
    plan_not_proof.RULE,
    stale_key_result.RULE,
    missing_reflection.RULE,
    changed_after_close.RULE,
    no_objectives.RULE,
)


@cache
def default_registry() -> Registry:
    """The rules okrcli ships (imported on first use: `okr --help` never loads them)."""
    return Registry(BUILTIN_RULES)


def code_name(code: str) -> str:
    """The short name of a validation code or a rule code (`OKR021` -> `unknown-key`)."""
    info = CATALOG.get(code)
    if info is not None:
        return info.name
    rule = default_registry().get(code)
    return rule.name if rule is not None else code
