"""OKR121 no-objectives: a team file with no objectives."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base.findings import Level, Location
from okrcli.check.lint.engine import Problem, Rule, RuleContext
from okrcli.check.lint.rules._examples import PLATFORM_YAML, platform_file


def check(context: RuleContext) -> Iterator[Problem]:
    for document in context.documents:
        if document.okr.objectives:
            continue
        where = ("objectives",) if ("objectives",) in document.marks.values else ("team",)
        line, col = document.marks.value(where)
        okr = document.okr
        yield Problem(
            Location(document.path, line, col),
            f"team `{okr.team}` has no objectives in {okr.period}",
            "add the team's objectives, or delete the file if the team sets none this period",
        )


RULE = Rule(
    code="OKR121",
    name="no-objectives",
    default_level=Level.WARNING,
    summary="A team file has no objectives.",
    explanation=(
        "An empty team file looks like a team with nothing to do: every view shows it with "
        "no objectives, and its practice strength would say everything is fine. Add the "
        "team's objectives, or delete the file when the team sets none this period."
    ),
    check=check,
    bad={PLATFORM_YAML: "period: 2026-Q4\nteam: platform\nowner: dana\nobjectives: []\n"},
    good={PLATFORM_YAML: platform_file()},
)
