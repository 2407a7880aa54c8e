"""OKR118 stale-key-result: a key result nobody has checked in on lately."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import key_results
from okrcli.model.activity import is_outdated


def check(context: RuleContext) -> Iterator[Problem]:
    if context.activity is None:
        return  # not in a git repository: no history to judge by
    for place in key_results(context):
        kr = place.key_result
        found = context.activity.get((place.period, place.id))
        if kr is None or found is None:
            continue
        if is_outdated(kr, found, place.period, context.as_of, context.stale_after_days):
            last = found.last_checkin(context.as_of)
            since = f"since {last.isoformat()}" if last else f"since it was added on {found.added}"
            yield Problem(
                place.at("id"),
                f"{place.id}: no check-in {since}",
                "check in (`okr checkin ID VALUE`), even when nothing moved: say so",
            )


RULE = Rule(
    code="OKR118",
    name="stale-key-result",
    default_level=Level.WARNING,
    summary="A key result has not been checked in for longer than `stale_after_days` (14).",
    explanation=(
        "A key result nobody updates must not stay green: its score is old news. In okrcli "
        "a check-in is a commit that changes the value (`okr checkin`). Key results of the "
        "running period that are not done and have had no check-in for longer than "
        "`status.stale_after_days` are flagged (milestones and baselines only once their "
        "due date has passed). Needs git history; outside a repository the rule is quiet, "
        "so its examples show the file and not the history."
    ),
    check=check,
    needs_history=True,
)
