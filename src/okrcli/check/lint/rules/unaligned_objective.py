"""OKR112 unaligned-objective: a team objective that supports no company goal."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import is_top_level, objectives
from okrcli.check.lint.rules._examples import COMPANY, COMPANY_YAML, PLATFORM_YAML, platform_file


def check(context: RuleContext) -> Iterator[Problem]:
    periods_with_top = {d.okr.period for d in context.documents if is_top_level(d, context)}
    for place in objectives(context):
        document = place.document
        period = document.okr.period
        has_top = any(p in periods_with_top for p in (period, *period.enclosing()))
        if is_top_level(document, context) or not has_top:
            continue
        if place.objective.aligns_to is None and place.objective.standalone is None:
            yield Problem(
                place.at("id"),
                f"{place.id}: objective neither aligns to a `{context.top_level_team}` goal "
                "nor says why it stands alone",
                "add `aligns_to: <id>` of the goal it supports, or `standalone: <why>`",
            )


RULE = Rule(
    code="OKR112",
    name="unaligned-objective",
    default_level=Level.WARNING,
    summary="A team objective has neither `aligns_to` nor `standalone` while the period has "
    "top-level objectives.",
    explanation=(
        "Alignment shows how a team's work moves the company's goals, and makes gaps "
        "visible: a company objective nobody supports, or team work that supports nothing. "
        "Point each team objective at the objective or key result it serves with "
        "`aligns_to`, or say why it stands alone with `standalone:` (some work is "
        "legitimately the team's own: health, hiring, debt)."
    ),
    check=check,
    bad={COMPANY_YAML: COMPANY, PLATFORM_YAML: platform_file(standalone=None)},
    good={
        COMPANY_YAML: COMPANY,
        PLATFORM_YAML: platform_file("aligns_to: ACME-1", standalone=None),
    },
)
