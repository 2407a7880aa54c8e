"""OKR113 no-top-level-objectives: team objectives with no company objectives above."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.findings import Level, Location
from okrcli.rules import Problem, Rule, RuleContext
from okrcli.rules._common import is_top_level
from okrcli.rules._examples import COMPANY


def check(context: RuleContext) -> Iterator[Problem]:
    top_objectives: dict[str, int] = {}
    team_files: dict[str, list[str]] = {}
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
        if top_objectives.get(period, 0):
            continue
        first = by_path[min(paths)]
        line, col = first.marks.value(("period",))
        yield Problem(
            Location(first.path, line, col),
            f"{period} has team objectives but no `{context.top_level_team}` objectives",
            f"add {period}/{context.top_level_team}.yaml with the goals teams align to, "
            "or set `top_level_team` in okrcli.yaml",
        )


RULE = Rule(
    code="OKR113",
    name="no-top-level-objectives",
    default_level=Level.WARNING,
    summary="A period has team objectives but no top-level (company) objective.",
    explanation=(
        "Team objectives align to the goals of the top-level team (`top_level_team` in "
        "okrcli.yaml, default `company`). Without top-level objectives for the period, "
        "teams set goals in isolation. Reported once per period, at the first team file, "
        "when the root has top-level objectives in some other period: a team that keeps "
        "its own OKRs without a top-level team is left alone."
    ),
    check=check,
    bad={
        "2026-Q3/company.yaml": COMPANY.replace("2026-Q4", "2026-Q3").replace("ACME-", "Q3-"),
        "2026-Q4/platform.yaml": """\
period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: P-1
    title: Make deploys boringly reliable
    standalone: Company goals are not written yet.
    key_results:
      - {id: P-1.1, title: Raise deploy success rate, start: 92, target: 99}
      - {id: P-1.2, title: Cut rollback time, start: 30, target: 5}
""",
    },
    good={
        "2026-Q3/company.yaml": COMPANY.replace("2026-Q4", "2026-Q3").replace("ACME-", "Q3-"),
        "2026-Q4/company.yaml": COMPANY,
        "2026-Q4/platform.yaml": """\
period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: P-1
    title: Make deploys boringly reliable
    aligns_to: ACME-1
    key_results:
      - {id: P-1.1, title: Raise deploy success rate, start: 92, target: 99}
      - {id: P-1.2, title: Cut rollback time, start: 30, target: 5}
""",
    },
)
