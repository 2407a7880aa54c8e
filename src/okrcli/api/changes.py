"""`okr diff`: what changed between two revisions, days or periods."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrcli.history.changes import QuarterDiff, RevisionDiff


def diff(
    root: Path | None, before: str | None, after: str | None, *, everything: bool = False
) -> RevisionDiff | QuarterDiff:
    """Two periods compare the periods (each at its end; one still running at its
    latest, marked so); anything else two revisions (default: HEAD -> the working
    tree)."""
    from okrcli.history.changes import diff_periods, diff_revisions, is_period_comparison
    from okrcli.read.config import root_calendar
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root)
    assert okr_root is not None
    calendar = root_calendar(okr_root)
    if before is not None and after is not None and is_period_comparison(before, after, calendar):
        return diff_periods(okr_root, before, after, calendar)
    return diff_revisions(
        okr_root, before or "HEAD", after, everything=everything, calendar=calendar
    )
