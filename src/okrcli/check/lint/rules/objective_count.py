"""OKR101 too-many-objectives: more objectives than a team can focus on."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import is_top_level
from okrcli.check.lint.rules._examples import PLATFORM_YAML, team_file


def check(context: RuleContext) -> Iterator[Problem]:
    limits = context.limits
    for document in context.documents:
        top = is_top_level(document, context)
        limit = limits.max_objectives_top_level if top else limits.max_objectives
        count = len(document.okr.objectives)
        if count <= limit:
            continue
        first_extra = [p for p in context.index.of(document) if p.key_result is None][limit]
        yield Problem(
            first_extra.at("id"),
            f"team `{document.okr.team}` has {count} objectives in {document.okr.period}; "
            f"at most {limit} keep it focused",
            "merge related objectives or move the least important to a later quarter",
        )


_OBJECTIVES = [
    f"  - {{id: P-{number}, title: {title}, standalone: Our own bar this quarter.}}\n"
    for number, title in enumerate(
        (
            "Make deploys boringly reliable",
            "Make the product feel fast",
            "Spend less on cloud",
            "Make on-call humane",
        ),
        start=1,
    )
]


RULE = Rule(
    code="OKR101",
    name="too-many-objectives",
    default_level=Level.WARNING,
    summary="A team has more objectives in a period than it can focus on.",
    explanation=(
        "OKRs are a tool for focus: a team that chases many objectives at once spreads "
        "itself thin and finishes none of them well. Keep three objectives or fewer per "
        "team and quarter (five for the top-level team; `lint.limits.max_objectives` and "
        "`max_objectives_top_level`). Merge objectives that serve the same change, or "
        "move the least important one to a later quarter."
    ),
    check=check,
    bad={PLATFORM_YAML: team_file("".join(_OBJECTIVES))},
    good={PLATFORM_YAML: team_file("".join(_OBJECTIVES[:3]))},
)
