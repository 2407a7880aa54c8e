"""Each practice rule: its bad example flagged at the exact place, its good example clean,
its level set by configuration, and one finding silenced inline."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from okrcli.base import codes
from okrcli.base.findings import Finding, Level
from okrcli.check.lint.engine import Rule
from okrcli.check.lint.registry import default_registry
from okrcli.check.validation import Validation, validate_root
from okrcli.render.paths import display_path
from tests.conftest import write_files

RULES = [rule for rule in default_registry().rules() if not rule.needs_history]
HISTORY_RULES = [rule for rule in default_registry().rules() if rule.needs_history]

# Where each rule's `bad` example is flagged: file below okrs/, line, column.
EXPECTED: dict[str, tuple[str, int, int]] = {
    "OKR101": ("2026-Q4/platform.yaml", 8, 10),  # the fourth objective's id
    "OKR102": ("2026-Q4/platform.yaml", 5, 9),  # the objective's id
    "OKR103": ("2026-Q4/platform.yaml", 5, 9),
    "OKR104": ("2026-Q4/platform.yaml", 14, 14),  # the sixth key result's id
    "OKR105": ("2026-Q4/platform.yaml", 6, 12),  # the title
    "OKR106": ("2026-Q4/platform.yaml", 6, 12),
    "OKR107": ("2026-Q4/growth.yaml", 6, 12),
    "OKR108": ("2026-Q4/growth.yaml", 9, 28),  # the key result's title
    "OKR109": ("2026-Q4/growth.yaml", 12, 17),  # the target
    "OKR110": ("2026-Q4/platform.yaml", 4, 9),
    "OKR111": ("2026-Q4/platform.yaml", 8, 14),
    "OKR112": ("2026-Q4/platform.yaml", 5, 9),
    "OKR113": ("2026-Q4/platform.yaml", 1, 9),  # the period of the first team file
    "OKR114": ("2026-Q4/platform.yaml", 7, 17),  # the standalone reason
    "OKR115": ("2026-Q4/platform.yaml", 14, 21),  # the confidence
    "OKR116": ("2026-Q4/growth.yaml", 5, 9),
    "OKR117": ("2026-Q4/platform.yaml", 7, 11),  # the type
    "OKR119": ("2026-Q3/platform.yaml", 6, 9),  # the objective's id
    "OKR121": ("2026-Q4/platform.yaml", 4, 13),  # the empty list
}


def run(
    tmp_path: Path, files: Mapping[str, str], config: str | None = None, strict: bool = False
) -> Validation:
    root = write_files(tmp_path / "okrs", dict(files))
    root.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (root / "okrcli.yaml").write_text(config)
    return validate_root(root, minimum=Level.INFO, strict=strict)


def of(rule: Rule, findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code == rule.code]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_every_rule_has_an_expected_location() -> None:
    assert set(EXPECTED) == {rule.code for rule in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_is_flagged_at_its_place(tmp_path: Path, rule: Rule) -> None:
    result = run(tmp_path, rule.bad)
    path, line, col = EXPECTED[rule.code]
    (finding,) = of(rule, result.findings)
    location = finding.location
    assert (display_path(location.path), location.line, location.col) == (
        f"okrs/{path}",
        line,
        col,
    )
    assert finding.level is rule.default_level
    assert finding.message
    assert finding.hint


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_example_is_clean(tmp_path: Path, rule: Rule) -> None:
    result = run(tmp_path, rule.good)
    assert of(rule, result.findings) == []
    assert not [f for f in result.findings if f.code.startswith("OKR0")], "examples must be valid"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_configured_level_overrides_the_default(tmp_path: Path, rule: Rule) -> None:
    turned_off = run(tmp_path / "off", rule.bad, f"lint:\n  rules:\n    {rule.code}: off\n")
    assert of(rule, turned_off.findings) == []
    by_name = run(tmp_path / "named", rule.bad, f"lint:\n  rules:\n    {rule.name}: info\n")
    assert [f.level for f in of(rule, by_name.findings)] == [Level.INFO]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_inline_disable_silences_one_finding(tmp_path: Path, rule: Rule) -> None:
    path, line, _ = EXPECTED[rule.code]
    lines = rule.bad[path].splitlines()
    lines[line - 1] += f"  # okr: disable={rule.code} -- agreed in review"
    files = {**rule.bad, path: "\n".join(lines) + "\n"}
    result = run(tmp_path, files)
    assert of(rule, result.findings) == []
    assert [f.code for f in result.silenced] == [rule.code]


def test_disable_on_the_objective_covers_its_key_results(tmp_path: Path) -> None:
    rule = default_registry().get("OKR115")
    assert rule is not None
    text = rule.bad["2026-Q4/platform.yaml"].replace(
        "  - id: P-1\n", "  # okr: disable=committed-low-confidence\n  - id: P-1\n"
    )
    result = run(tmp_path, {"2026-Q4/platform.yaml": text})
    assert of(rule, result.findings) == []
    assert len(result.silenced) == 1


def test_strict_raises_warnings_to_errors(tmp_path: Path) -> None:
    rule = default_registry().get("OKR105")
    assert rule is not None
    assert [f.level for f in of(rule, run(tmp_path / "a", rule.bad, strict=True).findings)] == [
        Level.ERROR
    ]
    strict_config = run(tmp_path / "b", rule.bad, "lint:\n  strict: true\n")
    assert [f.level for f in of(rule, strict_config.findings)] == [Level.ERROR]
    assert not strict_config.ok


def test_info_rules_stay_info_under_strict(tmp_path: Path) -> None:
    rule = default_registry().get("OKR107")
    assert rule is not None
    assert [f.level for f in of(rule, run(tmp_path, rule.bad, strict=True).findings)] == [
        Level.INFO
    ]


def test_validate_runs_only_error_level_rules(tmp_path: Path) -> None:
    no_krs = default_registry().get("OKR102")
    number = default_registry().get("OKR105")
    assert no_krs is not None and number is not None
    root = write_files(tmp_path / "okrs", dict(no_krs.bad))
    assert [f.code for f in validate_root(root).findings] == ["OKR102"]
    root = write_files(tmp_path / "other", dict(number.bad))
    assert validate_root(root).findings == []


def test_unknown_rule_in_config_is_a_located_error(tmp_path: Path) -> None:
    result = run(tmp_path, {}, "lint:\n  rules:\n    OKR999: off\n    too-many-objective: off\n")
    assert [(f.location.line, f.location.col, f.code) for f in result.findings] == [
        (3, 5, codes.UNKNOWN_RULE),
        (4, 5, codes.UNKNOWN_RULE),
    ]
    assert result.findings[1].hint == "did you mean `too-many-objectives`?"


def test_limits_are_configurable(tmp_path: Path) -> None:
    rule = default_registry().get("OKR101")
    assert rule is not None
    relaxed = run(tmp_path, rule.bad, "lint:\n  limits:\n    max_objectives: 4\n")
    assert of(rule, relaxed.findings) == []


def test_rules_docs_are_current() -> None:
    from okrcli.check.lint.docs import rules_markdown
    from tests.conftest import PROJECT_ROOT

    committed = (PROJECT_ROOT / "docs" / "rules.md").read_text()
    assert committed == rules_markdown(default_registry()), "stale: run `make docs`"


def test_codes_and_names_are_unique_and_stable_in_form() -> None:
    every = default_registry().rules()
    assert len({r.code for r in every}) == len({r.name for r in every}) == len(every)
    assert [r.code for r in HISTORY_RULES] == ["OKR118", "OKR120"]
    for rule in RULES:
        assert rule.code.startswith("OKR1") and len(rule.code) == 6
        assert rule.name == rule.name.lower() and " " not in rule.name
        assert rule.bad and rule.good and rule.explanation and rule.summary
    for rule in HISTORY_RULES:
        assert rule.explanation and rule.summary
