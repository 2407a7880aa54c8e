"""`okr history` and `okr blame`: a key result (or objective) through its commits."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrcli.history.git import History
    from okrcli.history.timeline import BlameView, TimelineView


def history(root: Path | None, ident: str) -> TimelineView:
    from okrcli.history.timeline import timeline_view

    return timeline_view(_repository(root), ident)


def blame(root: Path | None, ident: str) -> BlameView:
    from okrcli.history.timeline import blame_view

    return blame_view(_repository(root), ident)


def _repository(root: Path | None) -> History:
    from okrcli.history.git import History
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root)
    assert okr_root is not None
    return History(okr_root)
