"""`okr validate` and `okr lint`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base.findings import Level

if TYPE_CHECKING:
    from okrcli.check.lint.health import Practice
    from okrcli.check.validation import Validation


def validate(root: Path | None, paths: list[Path] | None, *, strict: bool = False) -> Validation:
    """Check the files at level error (the practice rules at level error included);
    answered from the cache when nothing changed since the last run."""
    from okrcli.check.validation import validate_unchanged
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root, required=paths is None)
    return validate_unchanged(okr_root, paths, strict=strict)


@dataclass(frozen=True)
class LintReport:
    validation: Validation
    practice: Practice


def lint(
    root: Path | None,
    paths: list[Path] | None,
    *,
    strict: bool = False,
    as_of: dt.date | None = None,
) -> LintReport:
    """Validation errors and every practice rule, with check-in history where the root
    is in a git repository; and each team's practice strength."""
    from okrcli.check.lint.health import practice
    from okrcli.check.validation import validate_root
    from okrcli.history.timeline import activity_of
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root, required=paths is None)
    activity = activity_of(okr_root) if okr_root is not None else None
    validation = validate_root(
        okr_root, paths, minimum=Level.INFO, strict=strict, as_of=as_of, activity=activity
    )
    health = practice(
        validation.outcomes,
        validation.documents,
        validation.config.top_level_team,
        len(validation.silenced),
    )
    return LintReport(validation, health)
