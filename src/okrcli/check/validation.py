"""`validate_root`: load an OKR root, run the checks and the practice rules, and return
what was found.

The library call behind `okr validate` (rules at level error), `okr lint` (all levels)
and every command that reads files. It never starts git: rules that judge history get
the check-in activity from the caller.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base import codes
from okrcli.base.errors import ExitCode, OkrError
from okrcli.base.findings import Finding, Level, sorted_findings
from okrcli.read.documents import Document, ReadFile
from okrcli.read.files import discover, shown_path

if TYPE_CHECKING:
    from collections.abc import Mapping

    from okrcli.check.lint.engine import LintRun, TeamKey
    from okrcli.check.places import PlaceIndex
    from okrcli.check.references import Unloaded
    from okrcli.model.activity import Activity
    from okrcli.model.config import Config
    from okrcli.model.period import Calendar, Identity, Period
    from okrcli.read.config import LoadedConfig


@dataclass
class Validation:
    root: Path | None
    files: list[str]
    documents: list[Document]
    loaded_config: Config | None
    """None where the run was answered from the cache (nothing needed it)."""
    findings: list[Finding] = field(default_factory=list)
    silenced: list[Finding] = field(default_factory=list)
    """Rule findings silenced by `# okr: disable=...`, kept so that output can say so."""
    outcomes: dict[TeamKey, list[Level | None]] = field(default_factory=dict)
    """Per (period, team) reported on: the worst level each rule evaluated raised."""
    activity: Mapping[Identity, Activity] | None = None
    """Check-in activity read from git for the rules (lint only), kept for the views."""
    known_counts: Counts | None = None
    """Counts remembered from an earlier run (the documents themselves were not loaded)."""

    @property
    def ok(self) -> bool:
        return not any(f.level is Level.ERROR for f in self.findings)

    @property
    def config(self) -> Config:
        if self.loaded_config is None:
            from okrcli.model.config import Config

            self.loaded_config = Config()
        return self.loaded_config

    @property
    def counts(self) -> Counts:
        if self.known_counts is not None:
            return self.known_counts
        documents = self.documents
        return Counts(
            periods=len({d.okr.period for d in documents}),
            teams=len({d.okr.team for d in documents}),
            objectives=sum(len(d.okr.objectives) for d in documents),
            key_results=sum(len(o.key_results) for d in documents for o in d.okr.objectives),
        )


class InvalidFilesError(OkrError):
    """OKR files have errors, so a view of them would be wrong (exit 1). The CLI prints
    the findings as `okr validate` would."""

    def __init__(self, validation: Validation) -> None:
        super().__init__(
            "the OKR files have errors", exit_code=ExitCode.FINDINGS, findings=validation.findings
        )
        self.validation = validation


@dataclass(frozen=True)
class Counts:
    periods: int
    teams: int
    objectives: int
    key_results: int


@dataclass(frozen=True)
class RootFiles:
    """Everything one validation reads, read once: what is validated is exactly what
    the cache key was computed from."""

    root: Path | None
    files: list[ReadFile]
    discovery: list[Finding]
    """Places below the root that look like OKR files but cannot be read safely."""
    config: ReadFile | None
    selected: list[Path] | None
    """The files named on the command line (absolute), or None for the whole root."""


def gather(root: Path | None, paths: list[Path] | None = None) -> RootFiles:
    from okrcli.read.config import config_file
    from okrcli.read.documents import read_files

    root_files, discovery = discover(root) if root is not None else ([], [])
    selected = [p.absolute() for p in paths] if paths is not None else None
    known = {f.absolute() for f in root_files}
    settings = config_file(root)
    if settings is not None:
        known.add(settings.absolute())  # checked as configuration, not as an OKR file
    # A file named on the command line is read even outside the root; one inside it
    # that is not where OKR files live has its finding (OKR016) already.
    misplaced = {Path(f.location.path) for f in discovery if f.code == codes.MISPLACED_FILE}
    extra = [p for p in selected or [] if p not in known and p not in misplaced]
    files = read_files(root_files + extra, root)
    config = read_files([settings], root)[0] if settings is not None else None
    return RootFiles(root, files, discovery, config, selected)


def validate_unchanged(
    root: Path | None, paths: list[Path] | None = None, *, strict: bool = False
) -> Validation:
    """`validate_root` at level error, answered from the cache when not one of the files
    (nor the configuration, nor okrcli) changed since the run that filled it. Used by
    `okr validate`, which needs only the findings and the counts."""
    from okrcli.read import cache

    if not cache.enabled():
        return validate_root(root, paths, strict=strict)
    gathered = gather(root, paths)
    folder = cache.folder_for(root or Path.cwd())
    entry = cache.key(_NAMESPACE, _key_parts(gathered, strict))
    hit = _from_cache(cache.get(folder, _NAMESPACE, entry), root)
    if hit is not None:
        return hit
    result = validate_gathered(gathered, strict=strict)
    cache.put(folder, _NAMESPACE, entry, _to_cache(result))
    return result


_NAMESPACE = "validation"


def _key_parts(gathered: RootFiles, strict: bool) -> list[bytes | str]:
    parts: list[bytes | str] = [f"paths={gathered.selected is not None} strict={strict}"]
    for path in gathered.selected or []:
        parts.append(f"selected {shown_path(path)}")
    parts += _content_parts(gathered)
    for finding in gathered.discovery:
        parts.append(f"discovery {finding.location.path} {finding.code} {finding.message}")
    return parts


def _content_parts(gathered: RootFiles) -> list[bytes | str]:
    """Every file as shown and its bytes, the configuration's too."""
    return _file_parts([*gathered.files, *([gathered.config] if gathered.config else [])])


def _file_parts(files: list[ReadFile]) -> list[bytes | str]:
    parts: list[bytes | str] = []
    for item in files:
        parts.append(item.shown)
        parts.append(item.raw if isinstance(item.raw, bytes) else f"unread {item.raw.message}")
    return parts


def _to_cache(result: Validation) -> dict[str, object]:
    from okrcli.base.findings import to_data

    counts = result.counts
    return {
        "files": result.files,
        "findings": [to_data(f) for f in result.findings],
        "counts": [counts.periods, counts.teams, counts.objectives, counts.key_results],
    }


def _from_cache(value: object, root: Path | None) -> Validation | None:
    from okrcli.base.findings import from_data

    try:
        if not isinstance(value, dict):
            return None
        files, rows, counts = value["files"], value["findings"], value["counts"]
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            return None
        findings = [from_data(row) for row in rows]
        numbers = [n for n in counts if isinstance(n, int) and not isinstance(n, bool)]
        if len(numbers) != 4:
            return None
    except (TypeError, ValueError, KeyError):
        return None
    return Validation(root, files, [], None, findings, known_counts=Counts(*numbers))


def validate_root(
    root: Path | None,
    paths: list[Path] | None = None,
    *,
    minimum: Level = Level.ERROR,
    strict: bool = False,
    as_of: dt.date | None = None,
    activity: Mapping[Identity, Activity] | None = None,
    shown_closed: Period | None = None,
) -> Validation:
    """Validate all of `root`, or only `paths` while resolving references against the root.

    Practice rules run down to `minimum` (error: `okr validate`; info: `okr lint`), with
    `activity` for the rules that judge check-ins. Files given in `paths` that lie outside
    the root are validated too. Closed periods are history: the rules that coach a
    running period leave them out, unless one is `shown_closed`.
    """
    return validate_gathered(
        gather(root, paths),
        minimum=minimum,
        strict=strict,
        as_of=as_of,
        activity=activity,
        shown_closed=shown_closed,
    )


def validate_gathered(
    gathered: RootFiles,
    *,
    minimum: Level = Level.ERROR,
    strict: bool = False,
    as_of: dt.date | None = None,
    activity: Mapping[Identity, Activity] | None = None,
    shown_closed: Period | None = None,
) -> Validation:
    from okrcli.check.lint.engine import unknown_rules
    from okrcli.check.lint.registry import default_registry
    from okrcli.check.places import PlaceIndex
    from okrcli.read.config import load_config
    from okrcli.read.documents import load_read

    root = gathered.root
    loaded_config = load_config(root, gathered.config.raw if gathered.config else None)
    calendar = loaded_config.config.calendar.calendar()
    loaded = load_read(gathered.files, calendar)
    index = PlaceIndex(loaded.documents)
    findings = [
        *loaded_config.findings,
        *unknown_rules(loaded_config, default_registry()),
        *gathered.discovery,
        *loaded.findings,
        *_checked(
            gathered, calendar, index, unloaded_files(gathered.files, loaded.documents, calendar)
        ),
        *_unknown_top_level_team(loaded_config, loaded.documents),
    ]
    run = lint(index, loaded_config.config, minimum, strict, activity, as_of, shown_closed)
    findings += run.findings
    unread = [f.location.path for f in gathered.discovery if f.code == codes.MISPLACED_FILE]
    result = Validation(
        root,
        [*loaded.files, *unread],
        loaded.documents,
        loaded_config.config,
        findings,
        run.silenced,
        run.outcomes,
        activity,
    )
    if gathered.selected is not None:
        _keep_only(result, {shown_path(p) for p in gathered.selected})
    result.findings = sorted_findings(result.findings)
    return result


def _keep_only(result: Validation, shown: set[str]) -> None:
    """Report on the selected files only (references were resolved against all)."""
    result.findings = [f for f in result.findings if f.location.path in shown]
    result.silenced = [f for f in result.silenced if f.location.path in shown]
    result.files = [f for f in result.files if f in shown]
    teams = {(d.okr.period, d.okr.team) for d in result.documents if d.path in shown}
    result.outcomes = {team: o for team, o in result.outcomes.items() if team in teams}


def _checked(
    gathered: RootFiles, calendar: Calendar, index: PlaceIndex, unloaded: Unloaded
) -> list[Finding]:
    """`check_all`, answered from the cache when no file (nor the calendar, nor okrcli)
    changed since a run that filled it: the structure and reference checks are a
    function of the files and the calendar alone, and a tenth of a warm `okr status`,
    `lint` or `report` on 1,000 files. The documents are still loaded: the views need
    them."""
    from okrcli.base.findings import from_data, to_data
    from okrcli.read import cache

    if not cache.enabled():
        return check_all(index, unloaded)
    folder = cache.folder_for(gathered.root or Path.cwd())
    # Keyed by the calendar used, not by `gathered.config`: files read from a commit
    # without okrcli.yaml (`--as-of`, the findings at HEAD) are loaded with the working
    # tree's calendar, and okrcli.yaml's other settings do not touch these checks.
    entry = cache.key(_CHECKS, [repr(calendar), *_file_parts(gathered.files)])
    stored = cache.get(folder, _CHECKS, entry)
    if isinstance(stored, list):
        try:
            return [from_data(row) for row in stored]
        except (TypeError, ValueError):
            pass  # not an entry okrcli wrote: checked again, and rewritten
    found = check_all(index, unloaded)
    cache.put(folder, _CHECKS, entry, [to_data(finding) for finding in found])
    return found


_CHECKS = "checks"


def check_all(index: PlaceIndex, unloaded: Unloaded | None = None) -> list[Finding]:
    """The structure checks of every document, then the references across them;
    references into a period with a file that did not load (`unloaded`) are held back,
    with one note per such file."""
    from okrcli.check.references import (
        HeldBack,
        alignment,
        carried_from,
        closed_state,
        duplicate_ids,
    )
    from okrcli.check.structure import check_document

    findings: list[Finding] = []
    for document in index.documents:
        findings.extend(check_document(document, index.of(document)))
    held = HeldBack(unloaded or {})
    findings.extend(duplicate_ids(index))
    findings.extend(alignment(index, held))
    findings.extend(carried_from(index, held))
    findings.extend(held.notes())
    findings.extend(closed_state(index))
    return findings


def _unknown_top_level_team(loaded: LoadedConfig, documents: list[Document]) -> list[Finding]:
    """`top_level_team` set to a team no file has: alignment coverage and the company
    rules would silently judge nothing."""
    from okrcli.base.findings import Location
    from okrcli.base.suggest import did_you_mean

    team = loaded.top_level_team
    teams = sorted({document.okr.team for document in documents})
    if team is None or team in teams or not documents or loaded.marks is None:
        return []
    line, col = loaded.marks.value(("top_level_team",))
    listed = ", ".join(teams)
    hint = did_you_mean(team, teams) or f"use one of the teams: {listed}"
    message = f"top_level_team `{team}` names no team of the OKR files"
    location = Location(loaded.path or "okrcli.yaml", line, col)
    return [Finding(location, Level.ERROR, codes.UNKNOWN_TEAM, message, hint)]


def unloaded_files(
    files: list[ReadFile], documents: list[Document], calendar: Calendar
) -> Unloaded:
    """The files that did not load, by the period their folder names."""
    from okrcli.model.period import Period

    loaded = {document.path for document in documents}
    found: dict[Period, list[str]] = {}
    for item in files:
        if item.shown in loaded:
            continue
        period = Period.parse(item.file.parent.name, calendar)
        if period is not None:
            found.setdefault(period, []).append(item.shown)
    return found


def lint(
    index: PlaceIndex,
    config: Config,
    minimum: Level = Level.INFO,
    strict: bool = False,
    activity: Mapping[Identity, Activity] | None = None,
    as_of: dt.date | None = None,
    shown_closed: Period | None = None,
) -> LintRun:
    """Run the practice rules with the root's configured levels and limits."""
    from okrcli.check.lint.engine import RuleContext, configured_levels, run_rules
    from okrcli.check.lint.registry import default_registry

    registry = default_registry()
    levels = configured_levels(registry, config.lint, strict=strict)
    context = RuleContext(
        index,
        config.lint.limits,
        config.top_level_team,
        activity=activity,
        as_of=as_of or dt.date.today(),
        stale_after_days=config.status.stale_after_days,
        shown_closed=shown_closed,
    )
    return run_rules(context, registry, levels, minimum)
