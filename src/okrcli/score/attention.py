"""What a report asks its readers to look at: the objectives behind their time line (or
missed, once the period has ended), the key results past their due date, and the
check-ins missing or projecting a miss. Computed once; the markdown, JSON and HTML
reports show it."""

from __future__ import annotations

from dataclasses import dataclass

from okrcli.score.results import KeyResultResult, ObjectiveResult, PeriodResult, Status

Pair = tuple[ObjectiveResult, KeyResultResult]

_AT_RISK = (Status.AT_RISK, Status.OFF_TRACK)


@dataclass(frozen=True)
class Attention:
    at_risk: tuple[ObjectiveResult, ...]
    """Behind their time line (or missed), the furthest behind first."""
    missed: tuple[ObjectiveResult, ...]
    """Below their bar once the period has ended, the lowest first."""
    overdue: tuple[Pair, ...]
    """Past their due date and not done, the most overdue first."""
    tracked: bool
    """Whether any key result is followed by check-ins (the three lists below)."""
    outdated: tuple[Pair, ...]
    never: tuple[Pair, ...]
    """Never checked in (and not already listed as outdated)."""
    trending: tuple[Pair, ...]
    """Checked in, with a projection that misses the target."""

    @property
    def checked_in(self) -> bool:
        """Every followed key result checked in lately and on course."""
        return not (self.outdated or self.never or self.trending)


def at_risk(result: PeriodResult) -> tuple[ObjectiveResult, ...]:
    """Objectives behind their time line, the furthest behind first."""
    behind = [o for o in result.objectives if o.status in _AT_RISK or o.missed]
    return tuple(sorted(behind, key=lambda o: (o.score - o.expected, o.id)))


def needs_attention(result: PeriodResult) -> Attention:
    pairs = [(o, kr) for o in result.objectives for kr in o.key_results]
    tracked = [(o, kr) for o, kr in pairs if kr.tracked]
    outdated = [(o, kr) for o, kr in tracked if kr.status is Status.OUTDATED]
    return Attention(
        at_risk=at_risk(result),
        missed=tuple(
            sorted((o for o in result.objectives if o.missed), key=lambda o: (o.score, o.id))
        ),
        overdue=tuple(
            sorted(
                ((o, kr) for o, kr in pairs if kr.status is Status.OVERDUE),
                key=lambda pair: (pair[1].due, pair[1].id),
            )
        ),
        tracked=bool(tracked),
        outdated=tuple(outdated),
        never=tuple(
            (o, kr) for o, kr in tracked if kr.last_checkin is None and (o, kr) not in outdated
        ),
        trending=tuple((o, kr) for o, kr in tracked if kr.trending_off_track),
    )
