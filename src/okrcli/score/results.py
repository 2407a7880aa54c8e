"""The results of scoring, as every view receives them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from okrcli.base.numbers import EPSILON

if TYPE_CHECKING:
    from okrcli.model.kinds import Facts
    from okrcli.model.period import Period


class Status(StrEnum):
    DONE = "done"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    OVERDUE = "overdue"
    """Past its due date and not done. Outranks `outdated`: a deadline missed is news
    whether or not anyone checked in."""
    OUTDATED = "outdated"
    """Not checked in for too long: whatever its score says, nobody knows."""
    ENDED = "ended"
    """A key result of a period that has ended: graded, no longer tracked."""
    ACHIEVED = "achieved"
    """An objective of an ended period that reached its bar (committed 1.0, else 0.7)."""
    MISSED = "missed"
    """An objective of an ended period that did not."""
    DROPPED = "dropped"
    """A key result dropped during its period: shown with its reason, counted nowhere."""


class Grade(StrEnum):
    """Google's grade bands: below 0.4 red, below 0.7 yellow, else green."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


def grade(score: float) -> Grade:
    if score < 0.4 - EPSILON:
        return Grade.RED
    if score < 0.7 - EPSILON:
        return Grade.YELLOW
    return Grade.GREEN


@dataclass(frozen=True)
class History:
    """What git history adds to a key result."""

    last_checkin: dt.date | None = None
    """None: never checked in ("pending")."""
    forecast: float | None = None
    """A projection of the value at the due date, from at least three check-ins."""
    trending_off_track: bool = False
    time_in_band: float | None = None


@dataclass(frozen=True)
class KeyResultResult:
    id: str
    title: str
    kind: str
    score: float
    expected: float
    status: Status
    weight: float
    owner: str | None
    due: dt.date
    confidence: float | None
    facts: Facts
    dated: bool = False
    """Whether the due date matters to the reader: set in the file (`due:`), or the kind
    follows one (a milestone or baseline is due at the period end). Views show it then."""
    dropped: str | None = None
    """Why it was dropped, for a dropped key result."""
    final_score: float | None = None
    """The grade recorded when the period was closed."""
    override_reason: str | None = None
    """Why the recorded grade differs from the computed score."""
    computed_score: float | None = None
    """The computed score, where a recorded grade overrides it."""
    history: History | None = None
    """None where history was not read (outside git, or `--no-history`)."""
    source: str | None = None
    """The type of its `source:` (`sql`, `prometheus`, `http`, `file`, `command`) where
    `okr sync` fetches its value: not to be checked in by hand."""

    @property
    def grade(self) -> Grade:
        return grade(self.score)

    @property
    def tracked(self) -> bool:
        return self.history is not None

    @property
    def last_checkin(self) -> dt.date | None:
        return self.history.last_checkin if self.history is not None else None

    @property
    def trending_off_track(self) -> bool:
        return self.history is not None and self.history.trending_off_track


@dataclass(frozen=True)
class ObjectiveResult:
    id: str
    title: str
    team: str
    period: Period
    type: str
    owner: str | None
    aligns_to: str | None
    score: float
    expected: float
    status: Status
    achieved: bool | None
    """Once the period has ended: committed objectives at 1.0, aspirational ones from 0.7
    (the green band); None while it runs."""
    key_results: tuple[KeyResultResult, ...]
    path: str
    reflection: str | None = None
    decision: str | None = None

    @property
    def missed(self) -> bool:
        return self.achieved is False

    @property
    def grade(self) -> Grade:
        return grade(self.score)


@dataclass(frozen=True)
class TeamResult:
    team: str
    score: float
    objectives: tuple[ObjectiveResult, ...]


@dataclass(frozen=True)
class CommittedSummary:
    count: int
    at_target: int

    @property
    def share(self) -> float | None:
        return self.at_target / self.count if self.count else None


@dataclass(frozen=True)
class AspirationalSummary:
    count: int
    average: float | None

    @property
    def verdict(self) -> str | None:
        """Above 0.85 targets were probably too safe; 0.6-0.85 healthy; below, investigate."""
        if self.average is None:
            return None
        if self.average > 0.85 + EPSILON:
            return "too safe"
        if self.average >= 0.6 - EPSILON:
            return "healthy"
        return "investigate"


@dataclass(frozen=True)
class GradeCount:
    green: int = 0
    yellow: int = 0
    red: int = 0


def count_grades(scores: list[float]) -> GradeCount:
    grades = [grade(score) for score in scores]
    return GradeCount(
        grades.count(Grade.GREEN), grades.count(Grade.YELLOW), grades.count(Grade.RED)
    )


@dataclass(frozen=True)
class PeriodResult:
    period: Period
    as_of: dt.date
    elapsed: float
    ended: bool
    score: float | None
    teams: tuple[TeamResult, ...]
    committed: CommittedSummary
    aspirational: AspirationalSummary
    closed: dt.date | None = None
    """The day the period was closed (`okr close`), when it was."""
    files_at: tuple[str, dt.datetime] | None = None
    """(commit, date) when the files were read from history (`--as-of` a past day);
    None for the working tree."""
    warnings: tuple[str, ...] = ()
    """What the reader must know about the history read (a shallow clone)."""

    @property
    def objectives(self) -> tuple[ObjectiveResult, ...]:
        return tuple(o for team in self.teams for o in team.objectives)

    @property
    def objective_grades(self) -> GradeCount:
        return count_grades([o.score for o in self.objectives])

    @property
    def key_result_grades(self) -> GradeCount:
        return count_grades([kr.score for o in self.objectives for kr in o.key_results])
