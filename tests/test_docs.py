"""Documentation is generated or checked, so it cannot go stale."""

from __future__ import annotations

import re

from okrcli.base.codes import CATALOG, reference_markdown
from tests.conftest import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text()


def test_error_reference_is_current() -> None:
    committed = (PROJECT_ROOT / "docs" / "errors.md").read_text()
    assert committed == reference_markdown(), "stale: run `make docs` and commit docs/errors.md"


def test_every_code_is_in_the_reference() -> None:
    committed = (PROJECT_ROOT / "docs" / "errors.md").read_text()
    assert set(re.findall(r"^\| (OKR\d{3}) \|", committed, re.MULTILINE)) == set(CATALOG)


def test_readme_leads_with_the_two_commands() -> None:
    quick_start = README.index("## Quick start")
    assert quick_start < README.index("## File format")
    assert "make run" in README[quick_start:] and "make test" in README[quick_start:]


def test_readme_documents_every_command_and_exit_code() -> None:
    from okrcli.cli.app import commands

    for command in commands.registered_commands:
        assert f"### `okr {command.name}" in README, f"okr {command.name} is not in the README"
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in README


def test_readme_pre_commit_snippet_names_the_hook() -> None:
    assert "id: okr-validate" in README


def test_readme_configuration_example_is_valid() -> None:
    from ruamel.yaml import YAML

    from okrcli.check.lint.registry import default_registry
    from okrcli.model.config import Config

    section = README[README.index("## Configuration") :]
    block = section[section.index("```yaml\n") + 8 : section.index("```\n", 8)]
    config = Config.model_validate(YAML(typ="safe", pure=True).load(block))
    assert config.lint.rules == {"OKR107": "off", "sandbagging": "warning"}
    assert all(default_registry().get(key) is not None for key in config.lint.rules)
