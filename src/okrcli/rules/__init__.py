"""The practice-rule registry: each rule has a stable code, a default level and a check.

A rule's `check` receives every loaded document and yields `Problem`s (where and what);
the engine stamps each with the rule's code and its configured level, so one rule
serves `okr validate` (rules at level error) and `okr lint` (all levels) alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okrcli.findings import Finding, Level, Location

if TYPE_CHECKING:
    from okrcli.load import Document


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    hint: str | None = None


Check = Callable[[list["Document"]], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    default_level: Level | None
    """None means the rule is off unless configured."""
    summary: str
    explanation: str
    check: Check


class Registry:
    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(self, rule: Rule) -> Rule:
        if rule.code in self._rules:
            raise ValueError(f"rule code {rule.code} is registered twice")
        self._rules[rule.code] = rule
        return rule

    def get(self, code: str) -> Rule | None:
        return self._rules.get(code)

    def rules(self) -> list[Rule]:
        return sorted(self._rules.values(), key=lambda rule: rule.code)


REGISTRY = Registry()


def run_rules(
    documents: list[Document],
    registry: Registry = REGISTRY,
    levels: Mapping[str, Level | None] | None = None,
    minimum: Level = Level.INFO,
) -> list[Finding]:
    """Run every enabled rule whose level is at least `minimum` (error ranks highest)."""
    configured = levels or {}
    findings: list[Finding] = []
    for rule in registry.rules():
        level = configured.get(rule.code, rule.default_level)
        if level is None or level.rank > minimum.rank:
            continue
        findings.extend(
            Finding(problem.location, level, rule.code, problem.message, problem.hint)
            for problem in rule.check(documents)
        )
    return findings


def code_name(code: str, registry: Registry = REGISTRY) -> str:
    """The short name of a validation code or a rule code (`OKR021` -> `unknown-key`)."""
    from okrcli.codes import CATALOG

    info = CATALOG.get(code)
    if info is not None:
        return info.name
    rule = registry.get(code)
    return rule.name if rule is not None else code
