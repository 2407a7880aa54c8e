"""`okr history` and `okr blame`: a key result (or objective) through its commits."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrcli.history.git import History
    from okrcli.history.timeline import BlameView, TimelineView
    from okrcli.model.period import Period


def history(root: Path | None, ref: str, period: str | None = None) -> TimelineView:
    """The timeline of `ref` (an id, or PERIOD/ID), in `period` when it is given."""
    from okrcli.history.timeline import timeline_view

    repository = _repository(root)
    return timeline_view(repository, ref, _asked(repository, period))


def blame(root: Path | None, ref: str, period: str | None = None) -> BlameView:
    from okrcli.history.timeline import blame_view

    repository = _repository(root)
    return blame_view(repository, ref, _asked(repository, period))


def _repository(root: Path | None) -> History:
    from okrcli.history.git import History
    from okrcli.read.config import root_calendar
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root)
    assert okr_root is not None
    return History(okr_root, root_calendar(okr_root))


def _asked(repository: History, period: str | None) -> Period | None:
    from okrcli.api.progress import parse_period

    return parse_period(period, repository.calendar) if period is not None else None
