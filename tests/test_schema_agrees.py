"""The editor and the validator agree: every bad input of the test suite is rejected (or
accepted) alike by `okr validate` and by a JSON Schema validator with the published
schema, except where a rule needs more than one file's shape (documented below)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from okrcli.base import codes
from okrcli.check.validation import validate_root
from tests.conftest import write_files
from tests.test_findings_located import SCHEMA_CASES, SEMANTIC_CASES
from tests.test_mistakes import BASE, MISTAKES
from tests.test_schema import as_json_data, validator

# The codes of problems a JSON Schema can state: a file's own keys, types and values.
SHAPE_CODES = {codes.MISSING_KEY, codes.UNKNOWN_KEY, codes.INVALID_VALUE, codes.UNKNOWN_KIND}

# Where they cannot agree, and why (the schema sees one file's data, as JSON). None
# today: add one only with the reason it is unavoidable.
EXCEPTIONS: dict[str, str] = {}

PLAT = "okrs/2026-Q4/platform.yaml"


def _cases() -> list[tuple[str, str]]:
    cases = [(name, BASE.replace(old, new, 1)) for name, old, new, _ in MISTAKES]
    cases += [(name, content) for name, content, _, _ in SCHEMA_CASES]
    cases += [(name, files[PLAT]) for name, files, _, _ in SEMANTIC_CASES if PLAT in files]
    return cases


@pytest.mark.parametrize(("name", "text"), _cases(), ids=[name for name, _ in _cases()])
def test_the_schema_and_the_validator_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str
) -> None:
    try:
        data = YAML(typ="safe", pure=True).load(text)
    except (YAMLError, ValueError):
        return  # not YAML (or an impossible date): an editor and okr both refuse it
    monkeypatch.chdir(tmp_path)
    root = write_files(tmp_path / "okrs", {"2026-Q4/platform.yaml": text})
    found = [f for f in validate_root(root).findings if f.code in codes.CATALOG]
    if any(f.code not in SHAPE_CODES for f in found):
        return  # a check across fields or files: beyond one file's schema by nature
    okr_rejects = bool(found)
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER  # as editors check `format: date`
    schema = jsonschema.Draft7Validator(validator().schema, format_checker=checker)
    schema_rejects = bool(list(schema.iter_errors(as_json_data(data))))
    if name in EXCEPTIONS:
        assert okr_rejects != schema_rejects, f"{name} agrees now: drop its exception"
        return
    assert okr_rejects == schema_rejects, (name, [f.message for f in found])
