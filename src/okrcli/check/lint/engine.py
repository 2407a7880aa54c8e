"""The rule engine: rules with a stable code, a default level, documentation (why, how to
fix, a bad and a good example) and a check; levels from configuration; silencing by
`# okr: disable=CODE`; and which rules each team passed.

A rule's `check` receives a `RuleContext` (the documents and their places, the limits,
check-in activity) and yields `Problem`s: where and what. The engine stamps each with the
rule's code and configured level, so one rule serves `okr validate` (error level) and
`okr lint` (all levels) alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from okrcli.base import codes
from okrcli.base.findings import Finding, Level, Location
from okrcli.base.suggest import did_you_mean
from okrcli.check.places import PlaceIndex

if TYPE_CHECKING:
    from okrcli.model.activity import Activity
    from okrcli.model.config import LintLimits, LintSettings
    from okrcli.model.period import Identity, Period
    from okrcli.read.config import LoadedConfig
    from okrcli.read.documents import Document


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class RuleContext:
    index: PlaceIndex
    limits: LintLimits
    top_level_team: str = "company"
    activity: Mapping[Identity, Activity] | None = None
    """Check-in activity from git; None outside a repository (history rules stay quiet)."""
    as_of: dt.date = field(default_factory=dt.date.today)
    stale_after_days: int = 14
    shown_closed: Period | None = None
    """A closed period asked for by name (`--period`): its findings are reported too."""

    @property
    def documents(self) -> list[Document]:
        return self.index.documents


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
    judges_closed: bool = False
    """Judges closed periods (their reflections, changes after the close). The other
    rules coach a running period: a closed one is history, left out unless asked for."""


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

    def names(self) -> list[str]:
        return [name for rule in self.rules() for name in (rule.code, rule.name)]


Levels = Mapping[str, Level | None]


def configured_levels(
    registry: Registry, settings: LintSettings | None = None, *, strict: bool = False
) -> dict[str, Level | None]:
    """Each rule's level: its default, then the configuration, then strict mode."""
    levels: dict[str, Level | None] = {r.code: r.default_level for r in registry.rules()}
    if settings is not None:
        for key, value in settings.rules.items():
            rule = registry.get(key)
            if rule is not None:  # unknown keys are reported by `unknown_rules`
                levels[rule.code] = None if value == "off" else Level(value)
    if strict or (settings is not None and settings.strict):
        levels = {c: Level.ERROR if lv is Level.WARNING else lv for c, lv in levels.items()}
    return levels


def unknown_rules(loaded: LoadedConfig, registry: Registry) -> Iterator[Finding]:
    """Levels set in okrcli.yaml for rules that do not exist: likely a typo that silently
    does nothing."""
    if loaded.marks is None or loaded.path is None:
        return
    for key in loaded.rule_names:
        if registry.get(key) is not None:
            continue
        line, col = loaded.marks.key(("lint", "rules", key))
        hint = did_you_mean(key, registry.names()) or "`okr lint --list-rules` lists them"
        message = f"unknown rule `{key}` in `lint.rules`"
        location = Location(loaded.path, line, col)
        yield Finding(location, Level.ERROR, codes.UNKNOWN_RULE, message, hint)


# ---- silencing ----------------------------------------------------------------------

# `# okr: disable=OKR101,too-many-objectives` -- anything after the list is a free remark.
_DISABLE = re.compile(r"disable=([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)")


@dataclass(frozen=True)
class _Disable:
    rules: frozenset[str]
    alone: bool
    """The comment stands alone on its line: it also speaks for the objective below."""


def _rule_token(text: str) -> str:
    """Codes compare upper-case (`okr101` is OKR101); rule names as written."""
    token = text.strip()
    return token.upper() if token[:3].upper() == "OKR" else token


class Silencer:
    """Which findings `# okr: disable=...` comments silence: on the finding's line, on
    the line of the objective around it, or alone on the line just above that."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self._documents = {document.path: document for document in documents}
        self._disables = {path: _disables(d) for path, d in self._documents.items()}

    def document(self, path: str) -> Document | None:
        return self._documents.get(path)

    def silences(self, rule: Rule, location: Location) -> bool:
        document = self._documents.get(location.path)
        disables = self._disables.get(location.path)
        if document is None or not disables:
            return False
        names = {rule.code, rule.name}
        here = disables.get(location.line)
        if here is not None and names & here.rules:
            return True
        start = _objective_start(document, location.line)
        if start is None:
            return False
        own, above = disables.get(start), disables.get(start - 1)
        return bool(
            (own is not None and names & own.rules)
            or (above is not None and above.alone and names & above.rules)
        )


def _disables(document: Document) -> dict[int, _Disable]:
    found: dict[int, _Disable] = {}
    for line, directive in document.directives.items():
        match = _DISABLE.match(directive.text)
        if match is not None:
            parts = match.group(1).split(",")
            rules = frozenset(_rule_token(part) for part in parts if part.strip())
            found[line] = _Disable(rules, directive.alone)
    return found


def _objective_start(document: Document, line: int) -> int | None:
    """The start line of the objective that `line` lies in (binary search)."""
    import bisect

    starts = document.objective_lines
    at = bisect.bisect_right(starts, line)
    return starts[at - 1] if at else None


# ---- running the rules ----------------------------------------------------------------


TeamKey = tuple["Period", str]


@dataclass
class LintRun:
    findings: list[Finding] = field(default_factory=list)
    silenced: list[Finding] = field(default_factory=list)
    outcomes: dict[TeamKey, list[Level | None]] = field(default_factory=dict)
    """Per (period, team): one entry per rule evaluated, the worst level it raised
    there (None: passed)."""


def run_rules(
    context: RuleContext,
    registry: Registry,
    levels: Levels | None = None,
    minimum: Level = Level.INFO,
) -> LintRun:
    """Run every enabled rule whose level is at least `minimum` (error ranks highest)."""
    configured = levels if levels is not None else configured_levels(registry)
    silencer = Silencer(context.documents)
    closed = {d.path for d in context.documents if _left_out(d, context)}
    teams = {(d.okr.period, d.okr.team) for d in context.documents if d.path not in closed}
    run = LintRun()
    for rule in registry.rules():
        level = configured.get(rule.code, rule.default_level)
        if level is None or level.rank > minimum.rank:
            continue
        worst: dict[TeamKey, Level] = {}
        for problem in rule.check(context):
            if problem.location.path in closed and not rule.judges_closed:
                continue
            finding = Finding(problem.location, level, rule.code, problem.message, problem.hint)
            if silencer.silences(rule, finding.location):
                run.silenced.append(finding)
                continue
            run.findings.append(finding)
            document = silencer.document(finding.location.path)
            if document is not None:
                worst[(document.okr.period, document.okr.team)] = level
        for team in teams:
            run.outcomes.setdefault(team, []).append(worst.get(team))
    return run


def _left_out(document: Document, context: RuleContext) -> bool:
    """A file of a closed period that was not asked for by name."""
    period = document.okr.period
    return document.okr.closed is not None and period != context.shown_closed


def strength(outcomes: list[Level | None]) -> float | None:
    """(rules passed + half the rules that only warned) / rules evaluated; an info
    finding is coaching and counts as a pass."""
    if not outcomes:
        return None
    credit = {None: 1.0, Level.INFO: 1.0, Level.WARNING: 0.5, Level.ERROR: 0.0}
    return sum(credit[level] for level in outcomes) / len(outcomes)
