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

from okrcli.base.errors import ExitCode, OkrError
from okrcli.base.findings import Finding, Level, sorted_findings
from okrcli.read.documents import Document, load_files, shown_path
from okrcli.read.files import discover

if TYPE_CHECKING:
    from collections.abc import Mapping

    from okrcli.check.lint.engine import LintRun, TeamKey
    from okrcli.check.places import PlaceIndex
    from okrcli.model.activity import Activity
    from okrcli.model.config import Config


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
    activity: Mapping[str, Activity] | None = None
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


def validate_unchanged(
    root: Path | None, paths: list[Path] | None = None, *, strict: bool = False
) -> Validation:
    """`validate_root` at level error, answered from the cache when not one of the files
    (nor the configuration, nor okrcli) changed since the run that filled it: the key is
    a hash of every file's path and bytes. Used by `okr validate`, which needs only the
    findings and the counts."""
    import hashlib

    from okrcli import __version__
    from okrcli.read import cache
    from okrcli.read.config import CONFIG_FILENAME

    if not cache.enabled():
        return validate_root(root, paths, strict=strict)
    files = sorted({*(discover(root) if root is not None else []), *(paths or [])})
    digest = hashlib.sha256(f"validate\0{__version__}\0{paths is not None}\0{strict}".encode())
    extra = [root / CONFIG_FILENAME] if root is not None else []
    for file in [*files, *extra]:
        digest.update(shown_path(file).encode() + b"\0")
        digest.update(file.read_bytes() if file.is_file() else b"-")
        digest.update(b"\0")
    folder, entry = cache.folder_for(root or Path.cwd()), digest.hexdigest()
    hit = cache.get(folder, entry)
    if hit is not None:
        shown, findings, counts = hit
        return Validation(root, shown, [], None, findings, known_counts=counts)
    result = validate_root(root, paths, strict=strict)
    cache.put(folder, entry, (result.files, result.findings, result.counts))
    return result


def validate_root(
    root: Path | None,
    paths: list[Path] | None = None,
    *,
    minimum: Level = Level.ERROR,
    strict: bool = False,
    as_of: dt.date | None = None,
    activity: Mapping[str, Activity] | None = None,
) -> Validation:
    """Validate all of `root`, or only `paths` while resolving references against the root.

    Practice rules run down to `minimum` (error: `okr validate`; info: `okr lint`), with
    `activity` for the rules that judge check-ins. Files given in `paths` that lie outside
    the root are validated too.
    """
    from okrcli.check.lint.engine import unknown_rules
    from okrcli.check.lint.registry import default_registry
    from okrcli.check.places import PlaceIndex
    from okrcli.read.config import CONFIG_FILENAME, load_config

    loaded_config = load_config(root)
    root_files = discover(root) if root is not None else []
    selected = [p.absolute() for p in paths] if paths is not None else None
    known = {f.absolute() for f in root_files}
    if root is not None:
        known.add((root / CONFIG_FILENAME).absolute())  # checked as configuration, above
    extra = [p for p in selected or [] if p not in known]
    loaded = load_files(root_files + extra)
    index = PlaceIndex(loaded.documents)
    findings = [
        *loaded_config.findings,
        *unknown_rules(loaded_config, default_registry()),
        *loaded.findings,
        *check_all(index),
    ]
    run = lint(index, loaded_config.config, minimum, strict, activity, as_of)
    findings += run.findings
    result = Validation(
        root,
        loaded.files,
        loaded.documents,
        loaded_config.config,
        findings,
        run.silenced,
        run.outcomes,
        activity,
    )
    if selected is not None:
        _keep_only(result, {shown_path(p) for p in selected})
    result.findings = sorted_findings(result.findings)
    return result


def _keep_only(result: Validation, shown: set[str]) -> None:
    """Report on the selected files only (references were resolved against all)."""
    result.findings = [f for f in result.findings if f.location.path in shown]
    result.silenced = [f for f in result.silenced if f.location.path in shown]
    result.files = [f for f in result.files if f in shown]
    teams = {(d.okr.period, d.okr.team) for d in result.documents if d.path in shown}
    result.outcomes = {team: o for team, o in result.outcomes.items() if team in teams}


def check_all(index: PlaceIndex) -> list[Finding]:
    """The structure checks of every document, then the references across them."""
    from okrcli.check.references import alignment, duplicate_ids
    from okrcli.check.structure import check_document

    findings: list[Finding] = []
    for document in index.documents:
        findings.extend(check_document(document, index.of(document)))
    findings.extend(duplicate_ids(index))
    findings.extend(alignment(index))
    return findings


def lint(
    index: PlaceIndex,
    config: Config,
    minimum: Level = Level.INFO,
    strict: bool = False,
    activity: Mapping[str, Activity] | None = None,
    as_of: dt.date | None = None,
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
    )
    return run_rules(context, registry, levels, minimum)
