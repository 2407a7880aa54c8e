"""Practice health of a lint run: a strength figure per team and alignment coverage.

Pure: computed from a `Validation`; `okr lint` renders it after the findings.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrcli.alignment import Coverage, alignment_coverage
from okrcli.rules import strength
from okrcli.validate import Validation


@dataclass(frozen=True)
class TeamStrength:
    period: str
    team: str
    strength: float | None
    """(rules passed + half the rules that only warned) / rules evaluated."""
    rules: int


@dataclass(frozen=True)
class Practice:
    strengths: list[TeamStrength]
    coverage: list[Coverage]
    silenced: int


def practice(validation: Validation) -> Practice:
    strengths = [
        TeamStrength(period, team, strength(outcomes), len(outcomes))
        for (period, team), outcomes in sorted(validation.outcomes.items())
    ]
    periods = {period for period, _ in validation.outcomes}
    documents = [d for d in validation.documents if d.okr.period in periods]
    coverage = alignment_coverage(documents, validation.config.top_level_team)
    return Practice(strengths, coverage, len(validation.silenced))
