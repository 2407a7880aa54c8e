"""`okr schema`: a draft-07 schema generated from the models, committed for editors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from okrcli.model.schema import DRAFT_07, schema_text
from tests.conftest import GOOD_FILE, PROJECT_ROOT, SAMPLE_ROOT, Cli

COMMITTED = PROJECT_ROOT / "schema" / "okr-file-v1.schema.json"


def as_json_data(value: Any) -> Any:
    """YAML dates become strings, as JSON Schema tools see them."""
    if isinstance(value, dict):
        return {key: as_json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_data(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(COMMITTED.read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text() == schema_text(), "stale: run `make schema` and commit it"


def test_schema_is_draft_07_without_2020_12_keywords() -> None:
    text = COMMITTED.read_text()
    schema = json.loads(text)
    assert schema["$schema"] == DRAFT_07
    assert "$defs" not in text
    assert "prefixItems" not in text
    assert "discriminator" not in text
    assert set(schema["definitions"]) >= {"Objective", "MetricKeyResult", "ChecklistItem"}


@pytest.mark.parametrize("path", sorted(SAMPLE_ROOT.glob("*/*.yaml")), ids=lambda p: p.name)
def test_bundled_files_validate_against_the_schema(path: Path) -> None:
    data = as_json_data(YAML(typ="safe", pure=True).load(path.read_text()))
    assert list(validator().iter_errors(data)) == []


def test_schema_rejects_what_the_models_reject() -> None:
    data = as_json_data(YAML(typ="safe", pure=True).load(GOOD_FILE))
    assert list(validator().iter_errors(data)) == []
    data["objectives"][0]["key_results"][0]["taget"] = 3
    errors = list(validator().iter_errors(data))
    assert errors, "an unknown key must fail the schema too"
    data = as_json_data(YAML(typ="safe", pure=True).load(GOOD_FILE))
    data["objectives"][0]["key_results"][1]["kind"] = "milstone"
    assert list(validator().iter_errors(data))


def test_schema_command_prints_and_writes(cli: Cli) -> None:
    code, out = cli("schema")
    assert code == 0
    assert json.loads(out)["$schema"] == DRAFT_07
    code, _ = cli("schema", "--output", "s.json")
    assert code == 0
    assert (cli.cwd / "s.json").read_text() == out


def test_schema_output_refuses_a_link_and_an_unwritable_path(cli: Cli) -> None:
    """`--output` writes as the HTML report does: atomically, never through a link (a
    checkout's links are a pull request's choice), an error with a hint, not a traceback."""
    target = cli.cwd / "elsewhere.json"
    target.write_text("keep")
    (cli.cwd / "s.json").symlink_to(target)
    result = cli.run("schema", "--output", "s.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "okr: error: s.json is a symbolic link; nothing written"
    assert target.read_text() == "keep"
    result = cli.run("schema", "--output", "missing/s.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "okr: error: cannot write missing/s.json: No such file or directory",
        "  hint: give a file in a folder that exists and that you can write to",
    ]
