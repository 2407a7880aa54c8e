"""`okr diff`: what changed between two revisions, days or periods."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrcli.history.changes import QuarterDiff, RevisionDiff


def diff(
    root: Path | None, before: str | None, after: str | None, *, everything: bool = False
) -> RevisionDiff | QuarterDiff:
    """Two periods compare the periods (each at its end); anything else two revisions
    (default: HEAD -> the working tree)."""
    from okrcli.history.changes import diff_quarters, diff_revisions, is_quarter_comparison
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root)
    assert okr_root is not None
    if before is not None and after is not None and is_quarter_comparison(before, after):
        return diff_quarters(okr_root, before, after)
    return diff_revisions(okr_root, before or "HEAD", after, everything=everything)
