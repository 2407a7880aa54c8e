"""OKR113 no-top-level-objectives: team objectives with no company objectives above."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from okrcli.base.findings import Level, Location
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._common import is_top_level
from okrcli.check.lint.rules._examples import COMPANY, COMPANY_YAML, PLATFORM_YAML, platform_file

if TYPE_CHECKING:
    from okrcli.model.period import Period


def check(context: RuleContext) -> Iterator[Problem]:
    top_objectives: dict[Period, int] = {}
    team_files: dict[Period, list[str]] = {}
    for document in context.documents:
        period = document.okr.period
        if is_top_level(document, context):
            top_objectives[period] = top_objectives.get(period, 0) + len(document.okr.objectives)
        elif document.okr.objectives:
            team_files.setdefault(period, []).append(document.path)
    if not top_objectives:
        return  # no top-level team anywhere: a team keeping its own OKRs is left alone
    by_path = {document.path: document for document in context.documents}
    for period, paths in sorted(team_files.items()):
        if any(top_objectives.get(p, 0) for p in (period, *period.enclosing())):
            continue  # company goals for this period, or for its half or year
        first = by_path[min(paths)]
        line, col = first.marks.value(("period",))
        yield Problem(
            Location(first.path, line, col),
            f"{period} has team objectives but no `{context.top_level_team}` objectives",
            f"add {period}/{context.top_level_team}.yaml with the goals teams align to, "
            "or set `top_level_team` in okrcli.yaml",
        )


_Q3_COMPANY = COMPANY.replace("2026-Q4", "2026-Q3").replace("ACME-", "Q3-")


RULE = Rule(
    code="OKR113",
    name="no-top-level-objectives",
    default_level=Level.WARNING,
    summary="A period has team objectives but no top-level (company) objective.",
    explanation=(
        "Team objectives align to the goals of the top-level team (`top_level_team` in "
        "okrcli.yaml, default `company`). Without top-level objectives for the period, "
        "teams set goals in isolation. Top-level objectives of an enclosing period (the "
        "half or year) count for its quarters. Reported once per period, at the first team "
        "file, "
        "when the root has top-level objectives in some other period: a team that keeps "
        "its own OKRs without a top-level team is left alone."
    ),
    check=check,
    bad={
        "2026-Q3/company.yaml": _Q3_COMPANY,
        PLATFORM_YAML: platform_file(standalone="Company goals are not written yet."),
    },
    good={
        "2026-Q3/company.yaml": _Q3_COMPANY,
        COMPANY_YAML: COMPANY,
        PLATFORM_YAML: platform_file("aligns_to: ACME-1", standalone=None),
    },
)
