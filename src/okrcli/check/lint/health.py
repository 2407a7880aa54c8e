"""Practice health of a lint run: a strength figure per team and alignment coverage.

Pure: computed from a `Validation`; `okr lint` renders it after the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from okrcli.check.lint.engine import strength

if TYPE_CHECKING:
    from collections.abc import Mapping

    from okrcli.base.findings import Level
    from okrcli.check.lint.engine import TeamKey
    from okrcli.model.period import Period
    from okrcli.read.documents import Document


@dataclass(frozen=True)
class TeamStrength:
    period: Period
    team: str
    strength: float | None
    """(rules passed + half the rules that only warned) / rules evaluated."""
    rules: int


@dataclass(frozen=True)
class Coverage:
    """The share of a period's team objectives that align to a goal or say why not."""

    period: Period
    team_objectives: int
    covered: int

    @property
    def share(self) -> float | None:
        return self.covered / self.team_objectives if self.team_objectives else None

    @property
    def verdict(self) -> str | None:
        """90% and up healthy, 80% to 90% watch, below that a gap."""
        share = self.share
        if share is None:
            return None
        if share >= 0.9:
            return "healthy"
        return "watch" if share >= 0.8 else "gap"


@dataclass(frozen=True)
class Practice:
    strengths: list[TeamStrength]
    coverage: list[Coverage]
    silenced: int


def practice(
    outcomes: Mapping[TeamKey, list[Level | None]],
    documents: list[Document],
    top_level_team: str,
    silenced: int,
) -> Practice:
    """Each team's strength from a lint run's outcomes, and the alignment coverage of
    the periods it reported on."""
    strengths = [
        TeamStrength(period, team, strength(levels), len(levels))
        for (period, team), levels in sorted(outcomes.items())
    ]
    periods = {period for period, _ in outcomes}
    in_view = [d for d in documents if d.okr.period in periods]
    coverage = alignment_coverage(in_view, top_level_team)
    return Practice(strengths, coverage, silenced)


def alignment_coverage(documents: list[Document], top_level_team: str) -> list[Coverage]:
    counts: dict[Period, list[int]] = {}
    for document in documents:
        if document.okr.team == top_level_team:
            continue
        tally = counts.setdefault(document.okr.period, [0, 0])
        for objective in document.okr.objectives:
            tally[0] += 1
            tally[1] += objective.aligns_to is not None or objective.standalone is not None
    return [Coverage(period, total, covered) for period, (total, covered) in sorted(counts.items())]
