"""The rule engine: rules slot in with a code and a level; levels, strictness, strength."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from okrcli.base.findings import Level, Location
from okrcli.check.lint.engine import (
    Problem,
    Registry,
    Rule,
    RuleContext,
    configured_levels,
    run_rules,
    strength,
)
from okrcli.check.places import PlaceIndex, places
from okrcli.model.config import LintLimits, LintSettings
from okrcli.model.period import Period
from okrcli.read.documents import load_files
from tests.conftest import GOOD_FILE, write_files


def no_description(context: RuleContext) -> Iterator[Problem]:
    for document in context.documents:
        for place in places(document):
            if place.key_result is None and place.objective.description is None:
                yield Problem(place.at("title"), f"{place.id}: no description", "add one")


def rule(level: Level | None) -> Rule:
    return Rule(
        "OKR900", "needs-description", level, "Objectives describe why.", "...", no_description
    )


@pytest.fixture
def context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RuleContext:
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    documents = load_files([Path("okrs/2026-Q4/platform.yaml")]).documents
    return RuleContext(PlaceIndex(documents), LintLimits())


def test_rule_findings_get_code_level_and_location(context: RuleContext, tmp_path: Path) -> None:
    registry = Registry([rule(Level.WARNING)])
    (finding,) = run_rules(context, registry).findings
    assert finding.code == "OKR900"
    assert finding.level is Level.WARNING
    shown = str((tmp_path / "okrs/2026-Q4/platform.yaml").absolute())
    assert finding.location == Location(shown, 7, 12)
    assert finding.message == "PLAT-1: no description"


def test_configured_level_overrides_the_default(context: RuleContext) -> None:
    registry = Registry([rule(Level.WARNING)])
    (finding,) = run_rules(context, registry, levels={"OKR900": Level.ERROR}).findings
    assert finding.level is Level.ERROR
    assert run_rules(context, registry, levels={"OKR900": None}).findings == []


def test_levels_from_settings_by_code_or_name_then_strict() -> None:
    registry = Registry([rule(Level.WARNING)])
    by_name = LintSettings(rules={"needs-description": "info"})
    assert configured_levels(registry, by_name) == {"OKR900": Level.INFO}
    assert configured_levels(registry, LintSettings(rules={"OKR900": "off"})) == {"OKR900": None}
    assert configured_levels(registry, strict=True) == {"OKR900": Level.ERROR}


def test_minimum_level_filters_rules(context: RuleContext) -> None:
    registry = Registry([rule(Level.WARNING)])
    assert run_rules(context, registry, minimum=Level.ERROR).findings == []
    assert len(run_rules(context, registry, minimum=Level.WARNING).findings) == 1


def test_off_by_default_rule_does_not_run(context: RuleContext) -> None:
    registry = Registry([rule(None)])
    assert run_rules(context, registry).findings == []


def test_codes_are_unique() -> None:
    registry = Registry([rule(Level.INFO)])
    with pytest.raises(ValueError, match="OKR900"):
        registry.register(rule(Level.INFO))


def test_outcomes_record_the_worst_level_per_team(context: RuleContext) -> None:
    registry = Registry([rule(Level.WARNING)])
    run = run_rules(context, registry)
    assert run.outcomes == {(Period("quarter", 2026, 4), "platform"): [Level.WARNING]}


def test_strength_counts_passes_and_half_the_warnings() -> None:
    assert strength([None, None, Level.WARNING, Level.ERROR]) == pytest.approx(2.5 / 4)
    assert strength([Level.INFO]) == 1.0
    assert strength([]) is None
