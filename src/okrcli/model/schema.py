"""The JSON Schema of the OKR file format, generated from the models, as draft-07.

pydantic emits draft 2020-12 with `$defs`; yaml-language-server and many editors read
draft-07 and below, so the definitions move to `definitions` and `$schema` says draft-07.
The pydantic-only `discriminator` keyword is dropped (draft-07 validators ignore it, but
editors flag it as unknown).
"""

from __future__ import annotations

import json
from typing import Any

from okrcli.model.okr_file import OkrFile

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def okr_file_schema() -> dict[str, Any]:
    generated = OkrFile.model_json_schema(ref_template="#/definitions/{model}")
    definitions = generated.pop("$defs", {})
    schema: dict[str, Any] = {"$schema": DRAFT_07, **generated}
    schema["definitions"] = definitions
    cleaned: dict[str, Any] = _with_date_patterns(_drop_key(schema, "discriminator"))
    return cleaned


DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _with_date_patterns(value: Any) -> Any:
    """`format: date` is advice to many validators; the pattern makes `2026-12-15
    17:00` or `12/15/2026` fail in the editor as they fail in `okr validate`."""
    if isinstance(value, dict):
        updated = {k: _with_date_patterns(v) for k, v in value.items()}
        if updated.get("format") == "date" and "pattern" not in updated:
            updated["pattern"] = DATE_PATTERN
        return updated
    if isinstance(value, list):
        return [_with_date_patterns(item) for item in value]
    return value


def _drop_key(value: Any, unwanted: str) -> Any:
    if isinstance(value, dict):
        return {k: _drop_key(v, unwanted) for k, v in value.items() if k != unwanted}
    if isinstance(value, list):
        return [_drop_key(item, unwanted) for item in value]
    return value


def schema_text() -> str:
    return json.dumps(okr_file_schema(), indent=2, sort_keys=False) + "\n"
