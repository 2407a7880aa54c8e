"""What history says about one key result, reduced to what the views and rules need:
when it was added, when it was checked in, and its values over time; and the one
staleness test that `okr status` and rule OKR118 share. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrcli.model.kinds.base import KeyResultBase
    from okrcli.model.period import Period


@dataclass(frozen=True)
class LateChange:
    """A commit that changed a value or target of a key result whose period was closed."""

    day: dt.date
    commit: str
    author: str
    fields: tuple[str, ...]
    closed: dt.date


@dataclass(frozen=True)
class Activity:
    added: dt.date
    checkins: tuple[dt.date, ...]
    values: tuple[tuple[dt.date, float], ...]
    """(day, current) at the addition and at every check-in that set a number."""
    late_changes: tuple[LateChange, ...] = ()
    """Changes to values or targets made while its period was closed."""

    def last_checkin(self, as_of: dt.date) -> dt.date | None:
        seen = [day for day in self.checkins if day <= as_of]
        return max(seen) if seen else None

    def is_stale(self, as_of: dt.date, after_days: int) -> bool:
        """No check-in (or, never checked in, no addition) for more than `after_days`."""
        if self.added > as_of:
            return False
        reference = self.last_checkin(as_of) or self.added
        return (as_of - reference).days > after_days


def is_outdated(
    key_result: KeyResultBase,
    activity: Activity,
    period: Period,
    as_of: dt.date,
    after_days: int,
) -> bool:
    """A key result of the running period, not finished, that nobody checked in on for
    more than `after_days`. Kinds that follow a due date are expected to stay silent
    until it."""
    if not period.running_on(as_of) or key_result.finished():
        return False
    if key_result.schedule == "due-date" and as_of <= (key_result.due or period.end):
        return False
    return activity.is_stale(as_of, after_days)
