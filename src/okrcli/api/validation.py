"""`okr validate` and `okr lint`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base.findings import Level

if TYPE_CHECKING:
    from okrcli.base.findings import Finding
    from okrcli.check.lint.health import Practice
    from okrcli.check.validation import Validation
    from okrcli.history.git import History
    from okrcli.model.period import Calendar, Period


def validate(root: Path | None, paths: list[Path] | None, *, strict: bool = False) -> Validation:
    """Check the files at level error (the practice rules at level error included);
    answered from the cache when nothing changed since the last run."""
    from okrcli.check.validation import validate_unchanged
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root, required=paths is None)
    return validate_unchanged(okr_root, paths, strict=strict)


@dataclass(frozen=True)
class ChangeCheck:
    """`okr validate --hook`: what a commit breaks."""

    validation: Validation
    """The findings that block the commit: in the files it changes, or new anywhere
    (a reference it breaks in a file it does not touch)."""
    earlier: int
    """Errors that were there before, in files the commit does not change."""


def validate_change(root: Path | None, paths: list[Path], *, strict: bool = False) -> ChangeCheck:
    """Check the whole root as a commit leaves it: what the commit's files (`paths`, as
    pre-commit passes them; none for a commit that only deletes) hold, and every error it
    causes elsewhere (a renamed, removed or deleted id that another file aligns to or
    carries from). Errors already at HEAD in files the commit does not change do not
    block it: they are counted."""
    from okrcli.check.validation import validate_unchanged
    from okrcli.read.files import shown_path
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root)
    assert okr_root is not None
    now = validate_unchanged(okr_root, strict=strict)  # from the cache when nothing changed
    before = {_same(f) for f in _findings_at_head(okr_root, strict)}
    changed = {shown_path(path.absolute()) for path in paths}
    blocking, earlier = [], 0
    for finding in now.findings:
        if finding.location.path in changed or _same(finding) not in before:
            blocking.append(finding)
        elif finding.level is Level.ERROR:
            earlier += 1
    now.findings = blocking
    return ChangeCheck(now, earlier)


def _same(finding: Finding) -> tuple[str, str, str]:
    """A finding's identity across two states of the root (lines move in changed files
    only, and those are judged whole)."""
    return (finding.location.path, finding.code, finding.message)


def _findings_at_head(root: Path, strict: bool) -> list[Finding]:
    """The findings of the root as HEAD has it; none outside git or before the first
    commit (then everything is new). Cached by HEAD's commit: the hook of the next commit
    on the same HEAD reads no git objects."""
    from okrcli.base.findings import from_data, to_data
    from okrcli.check.validation import RootFiles, validate_gathered
    from okrcli.history.git import History, HistoryError
    from okrcli.read import cache
    from okrcli.read.config import config_file
    from okrcli.read.files import read_bounded

    try:
        history = History(root)
        head = history.resolve("HEAD")
    except HistoryError:
        return []
    if head.commit is None:
        return []
    folder = cache.folder_for(root) if cache.enabled() else None
    # The working tree's okrcli.yaml is part of the key: HEAD's files are judged with it
    # where HEAD has none (`load_config`), so a calendar changed there changes them.
    settings = config_file(root)
    working = read_bounded(settings, root) if settings is not None else b"absent"
    configured = working if isinstance(working, bytes) else f"unread {working.message}"
    parts = [head.commit, history.root_in_repo, f"strict={strict}", configured]
    entry = cache.key(_HEAD_NAMESPACE, parts)
    known = cache.get(folder, _HEAD_NAMESPACE, entry)
    if isinstance(known, list):
        try:
            return [from_data(row) for row in known]
        except (TypeError, ValueError, KeyError):
            pass  # a broken entry is a miss
    files, config = history.files_at(head.commit)
    found = validate_gathered(RootFiles(root, files, [], config, None), strict=strict).findings
    cache.put(folder, _HEAD_NAMESPACE, entry, [to_data(f) for f in found])
    return found


_HEAD_NAMESPACE = "head-findings"


@dataclass(frozen=True)
class LintReport:
    validation: Validation
    practice: Practice
    warnings: tuple[str, ...] = ()
    """What the reader must know about the history read (a shallow clone)."""


def lint(
    root: Path | None,
    paths: list[Path] | None,
    *,
    strict: bool = False,
    as_of: dt.date | None = None,
    period: str | None = None,
) -> LintReport:
    """Validation errors and every practice rule, with check-in history where the root
    is in a git repository; and each team's practice strength. Closed periods are left
    out of the rules that coach a running period, unless `period` names one; with
    `period`, only its files are reported on."""
    from okrcli.check.lint.health import practice
    from okrcli.check.validation import validate_root
    from okrcli.history.timeline import activity as activity_in
    from okrcli.read.config import root_calendar
    from okrcli.read.root import resolve_root

    okr_root = resolve_root(root, required=paths is None)
    calendar = root_calendar(okr_root)
    history = _history(okr_root, calendar) if okr_root is not None else None
    found = history is not None and not history.shallow
    activity = activity_in(history) if found and history is not None else None
    shown = _period(period, calendar)
    validation = validate_root(
        okr_root,
        paths,
        minimum=Level.INFO,
        strict=strict,
        as_of=as_of,
        activity=activity,
        shown_closed=shown,
    )
    if shown is not None:
        from okrcli.api.progress import known_period

        assert period is not None
        known_period(validation.documents, shown, period)
        _keep_period(validation, shown)
    health = practice(
        validation.outcomes,
        validation.documents,
        validation.config.top_level_team,
        len(validation.silenced),
    )
    warnings = tuple(history.warnings) if history is not None else ()
    return LintReport(validation, health, warnings)


def _history(root: Path, calendar: Calendar) -> History | None:
    from okrcli.history.git import History, HistoryError

    try:
        return History(root, calendar)
    except HistoryError:
        return None


def _period(label: str | None, calendar: Calendar) -> Period | None:
    from okrcli.api.progress import parse_period

    return parse_period(label, calendar) if label is not None else None


def _keep_period(validation: Validation, period: Period) -> None:
    """Report on the files of `period` only (findings outside any OKR file stay)."""
    others = {d.path for d in validation.documents if d.okr.period != period}
    validation.findings = [f for f in validation.findings if f.location.path not in others]
    validation.silenced = [f for f in validation.silenced if f.location.path not in others]
    validation.files = [f for f in validation.files if f not in others]
    validation.outcomes = {key: o for key, o in validation.outcomes.items() if key[0] == period}
