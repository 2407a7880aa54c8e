"""The practice rules: a registry of rules, each with a stable code, a default level, its
documentation (why, how to fix, a bad and a good example) and a check.

A rule's `check` receives a `RuleContext` (every loaded document, the limits) and yields
`Problem`s: where and what. The engine stamps each with the rule's code and configured
level, drops those silenced by `# okr: disable=CODE`, and records which rules each team
passed, so one rule serves `okr validate` (error level) and `okr lint` (all) alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from okrcli.findings import Finding, Level, Location

if TYPE_CHECKING:
    from okrcli.activity import Activity
    from okrcli.configmodel import LintLimits, LintSettings
    from okrcli.load import Document


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class RuleContext:
    documents: list[Document]
    limits: LintLimits
    top_level_team: str = "company"
    activity: Mapping[str, Activity] | None = None
    """Check-in activity from git; None outside a repository (history rules stay quiet)."""
    as_of: dt.date = field(default_factory=dt.date.today)
    stale_after_days: int = 14


Check = Callable[[RuleContext], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    default_level: Level | None
    """None means the rule is off unless configured."""
    summary: str
    explanation: str
    """Why it matters and how to fix it (markdown)."""
    check: Check
    bad: Mapping[str, str] = field(default_factory=dict)
    """Example files (path below the OKR root -> text) that the rule flags."""
    good: Mapping[str, str] = field(default_factory=dict)
    """The same example, fixed."""
    needs_history: bool = False
    """Judges git history (check-ins), so file examples cannot show it."""


class Registry:
    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            self.register(rule)

    def register(self, rule: Rule) -> Rule:
        if rule.code in self._rules:
            raise ValueError(f"rule code {rule.code} is registered twice")
        self._rules[rule.code] = rule
        return rule

    def get(self, code_or_name: str) -> Rule | None:
        """A rule by its code (`OKR101`) or its name (`too-many-objectives`)."""
        found = self._rules.get(code_or_name.upper())
        if found is not None:
            return found
        return next((r for r in self._rules.values() if r.name == code_or_name), None)

    def rules(self) -> list[Rule]:
        return sorted(self._rules.values(), key=lambda rule: rule.code)


@cache
def default_registry() -> Registry:
    """The rules okrcli ships (imported on first use: `okr --help` never loads them)."""
    from okrcli.rules.builtin import BUILTIN_RULES

    return Registry(BUILTIN_RULES)


Levels = Mapping[str, Level | None]


def configured_levels(
    registry: Registry, settings: LintSettings | None = None, *, strict: bool = False
) -> dict[str, Level | None]:
    """Each rule's level: its default, then the configuration, then strict mode."""
    levels: dict[str, Level | None] = {r.code: r.default_level for r in registry.rules()}
    if settings is not None:
        for key, value in settings.rules.items():
            rule = registry.get(key)
            if rule is not None:  # unknown keys are reported by the config check
                levels[rule.code] = None if value == "off" else Level(value)
    if strict or (settings is not None and settings.strict):
        levels = {c: Level.ERROR if lv is Level.WARNING else lv for c, lv in levels.items()}
    return levels


@dataclass
class LintRun:
    findings: list[Finding] = field(default_factory=list)
    silenced: list[Finding] = field(default_factory=list)
    outcomes: dict[tuple[str, str], list[Level | None]] = field(default_factory=dict)
    """Per (period, team): one entry per rule evaluated, the worst level it raised
    there (None: passed)."""


def run_rules(
    context: RuleContext,
    registry: Registry | None = None,
    levels: Levels | None = None,
    minimum: Level = Level.INFO,
) -> LintRun:
    """Run every enabled rule whose level is at least `minimum` (error ranks highest)."""
    chosen = registry or default_registry()
    configured = levels if levels is not None else configured_levels(chosen)
    by_path = {document.path: document for document in context.documents}
    run = LintRun()
    for rule in chosen.rules():
        level = configured.get(rule.code, rule.default_level)
        if level is None or level.rank > minimum.rank:
            continue
        worst: dict[tuple[str, str], Level] = {}
        for problem in rule.check(context):
            finding = Finding(problem.location, level, rule.code, problem.message, problem.hint)
            document = by_path.get(finding.location.path)
            if document is not None and document.silences(rule, finding.location.line):
                run.silenced.append(finding)
                continue
            run.findings.append(finding)
            if document is not None:
                worst[(document.okr.period, document.okr.team)] = level
        for team in {(d.okr.period, d.okr.team) for d in context.documents}:
            run.outcomes.setdefault(team, []).append(worst.get(team))
    return run


def strength(outcomes: list[Level | None]) -> float | None:
    """(rules passed + half the rules that only warned) / rules evaluated; an info
    finding is coaching and counts as a pass."""
    if not outcomes:
        return None
    credit = {None: 1.0, Level.INFO: 1.0, Level.WARNING: 0.5, Level.ERROR: 0.0}
    return sum(credit[level] for level in outcomes) / len(outcomes)


def code_name(code: str, registry: Registry | None = None) -> str:
    """The short name of a validation code or a rule code (`OKR021` -> `unknown-key`)."""
    from okrcli.codes import CATALOG

    info = CATALOG.get(code)
    if info is not None:
        return info.name
    rule = (registry or default_registry()).get(code)
    return rule.name if rule is not None else code
