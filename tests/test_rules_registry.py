"""The rule registry: rules slot in with a code and a level; validate runs the errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from okrcli.checks import places
from okrcli.findings import Level, Location
from okrcli.load import Document, load_files
from okrcli.rules import Problem, Registry, Rule, run_rules
from tests.conftest import GOOD_FILE, write_files


def no_description(documents: list[Document]) -> Iterator[Problem]:
    for document in documents:
        for place in places(document):
            if place.key_result is None and place.objective.description is None:
                yield Problem(place.at("title"), f"{place.id}: no description", "add one")


def rule(level: Level | None) -> Rule:
    return Rule(
        "OKR900", "needs-description", level, "Objectives describe why.", "...", no_description
    )


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Document]:
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    return load_files([Path("okrs/2026-Q4/platform.yaml")]).documents


def test_rule_findings_get_code_level_and_location(documents: list[Document]) -> None:
    registry = Registry()
    registry.register(rule(Level.WARNING))
    (finding,) = run_rules(documents, registry)
    assert finding.code == "OKR900"
    assert finding.level is Level.WARNING
    assert finding.location == Location("okrs/2026-Q4/platform.yaml", 7, 12)
    assert finding.message == "PLAT-1: no description"


def test_configured_level_overrides_the_default(documents: list[Document]) -> None:
    registry = Registry()
    registry.register(rule(Level.WARNING))
    (finding,) = run_rules(documents, registry, levels={"OKR900": Level.ERROR})
    assert finding.level is Level.ERROR
    assert run_rules(documents, registry, levels={"OKR900": None}) == []


def test_minimum_level_filters_rules(documents: list[Document]) -> None:
    registry = Registry()
    registry.register(rule(Level.WARNING))
    assert run_rules(documents, registry, minimum=Level.ERROR) == []
    assert len(run_rules(documents, registry, minimum=Level.WARNING)) == 1


def test_off_by_default_rule_does_not_run(documents: list[Document]) -> None:
    registry = Registry()
    registry.register(rule(None))
    assert run_rules(documents, registry) == []


def test_codes_are_unique() -> None:
    registry = Registry()
    registry.register(rule(Level.INFO))
    with pytest.raises(ValueError, match="OKR900"):
        registry.register(rule(Level.INFO))
