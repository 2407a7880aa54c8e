"""OKR108 activity-key-result: a key result that counts activity, not impact."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import key_results, lower_words
from okrcli.check.lint.rules._examples import GROWTH_YAML, growth_file
from okrcli.model.kinds import MetricKeyResult

ACTIVITY_WORDS = frozenset(
    "calls meetings tickets emails posts demos visits tasks commits prs webinars events "
    "interviews sessions workshops trainings articles messages outreach touchpoints "
    "presentations hours".split()
)
IMPACT_WORDS = frozenset(
    "revenue arr mrr conversion retention churn satisfaction csat nps adoption activation "
    "latency errors error uptime availability cost costs spend rate rates time response "
    "resolution deflection quality growth active usage share margin profit savings "
    "signups sign-ups customers users renewals renewal win pipeline".split()
)


def check(context: RuleContext) -> Iterator[Problem]:
    for place in key_results(context):
        if not isinstance(place.key_result, MetricKeyResult):
            continue  # a milestone that mentions tickets counts nothing
        title = place.key_result.title
        found = lower_words(title)
        activity = sorted(found & ACTIVITY_WORDS)
        if activity and not found & IMPACT_WORDS and "%" not in title:
            yield Problem(
                place.at("title"),
                f"{place.id}: key result counts activity (`{activity[0]}`), not its impact",
                "measure what the activity should change (conversion, churn, satisfaction)",
            )


def _growth(first_key_result: str) -> dict[str, str]:
    """The growth file; the examples differ in the first key result."""
    annual_share = '{id: G-1.2, title: Raise annual plan share, start: 18, target: 30, unit: "%"}'
    text = growth_file(
        title="Make annual plans the obvious choice",
        standalone="Revenue quality is our own bar this quarter.",
        key_results=(first_key_result, annual_share),
    )
    return {GROWTH_YAML: text}


RULE = Rule(
    code="OKR108",
    name="activity-key-result",
    default_level=Level.WARNING,
    summary="A metric counts activity (calls, meetings, tickets...) with no impact word.",
    explanation=(
        "`Make 200 sales calls` can be hit while nothing improves. A key result measures an "
        "outcome: what the calls should change (`Raise demo-to-paid conversion`). A title "
        "that counts activity and names no impact (revenue, conversion, churn, "
        "satisfaction, time, rate, a %...) is flagged."
    ),
    check=check,
    bad=_growth("{id: G-1.1, title: Make more sales calls, start: 120, target: 200}"),
    good=_growth(
        '{id: G-1.1, title: Raise call-to-annual conversion, start: 4, target: 8, unit: "%"}'
    ),
)
