"""OKR120 changed-after-close: a value or target of a closed period changed in a later
commit."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import key_results


def check(context: RuleContext) -> Iterator[Problem]:
    if context.activity is None:
        return  # not in a git repository: no history to judge by
    for place in key_results(context):
        found = context.activity.get((place.period, place.id))
        if found is None or place.document.okr.closed is None:
            continue
        for change in found.late_changes:
            fields = ", ".join(change.fields)
            yield Problem(
                place.at("id"),
                f"{place.id}: {fields} changed on {change.day} in commit {change.commit[:12]} "
                f"by {change.author}, after {place.period} was closed on {change.closed}",
                f"a closed period's grades are final: revert the change, or `okr reopen "
                f"{place.period}` and close it again",
            )


RULE = Rule(
    code="OKR120",
    name="changed-after-close",
    default_level=Level.WARNING,
    summary="A key result's value or target changed in a commit made after its period was closed.",
    explanation=(
        "Closing a period records its grades; a check-in or a new target afterwards makes "
        "the files disagree with the grades that were reported, and nobody notices. `okr "
        "checkin` refuses closed periods, so such a change was made by hand: this rule "
        "names the commit and its author. Revert it, or reopen the period (`okr reopen`), "
        "change it, and close it again. Needs git history; outside a repository the rule "
        "is quiet."
    ),
    check=check,
    needs_history=True,
    judges_closed=True,
)
