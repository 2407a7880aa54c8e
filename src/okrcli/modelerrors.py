"""Turn pydantic validation errors into located findings with a hint each.

pydantic reports a `loc` such as `('objectives', 0, 'key_results', 2, 'metric', 'taget')`:
data keys and indexes, mixed with union tags. `data_path` keeps the parts that exist in
the document, so the path finds its mark in `Marks`.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from okrcli import codes
from okrcli.findings import Finding, Level, Location
from okrcli.source import YamlPath

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from pydantic_core import ErrorDetails

    from okrcli.yamlread import YamlDocument


def findings_from_validation_error(
    error: ValidationError, document: YamlDocument, path: str
) -> list[Finding]:
    seen: set[tuple[str, int, int]] = set()
    findings = []
    details = error.errors()
    misspelt = _misspelt_keys(details, document.data)
    for detail in details:
        if detail["type"] == "missing" and _place(detail, document.data) in misspelt:
            continue  # the unknown-key finding already says "did you mean ...?"
        finding = _finding(detail, document, path)
        key = (finding.code, finding.location.line, finding.location.col)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    return findings


def _place(detail: ErrorDetails, data: Any) -> YamlPath:
    return data_path(data, detail["loc"])


def _misspelt_keys(details: list[ErrorDetails], data: Any) -> set[YamlPath]:
    """Missing keys for which an unknown key nearby is the likely misspelling."""
    found: set[YamlPath] = set()
    for detail in details:
        if detail["type"] != "extra_forbidden":
            continue
        where = _place(detail, data)
        model = model_at(data, where[:-1])
        if model is None:
            continue
        close = difflib.get_close_matches(str(where[-1]), list(model.model_fields), n=1, cutoff=0.6)
        if close:
            found.add((*where[:-1], close[0]))
    return found


def data_path(data: Any, loc: tuple[int | str, ...]) -> YamlPath:
    """The part of a pydantic `loc` that names places in `data` (union tags dropped)."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                node = node[part]
                path.append(part)
            elif last:
                path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
    return tuple(path)


def _finding(detail: ErrorDetails, document: YamlDocument, path: str) -> Finding:
    where = data_path(document.data, detail["loc"])
    kind = detail["type"]
    subject = _subject(document.data, where)
    if kind == "missing":
        return _missing(where, document, path, subject)
    if kind == "extra_forbidden":
        return _unknown_key(where, document, path, subject)
    if kind == "unknown_kind":
        return _unknown_kind(where, document, path, subject)
    line, col = document.marks.value(where)
    key = _last_key(where)
    message, hint = _describe_invalid(detail, key)
    return _make(path, (line, col), codes.INVALID_VALUE, f"{subject}{message}", hint)


def _missing(where: YamlPath, document: YamlDocument, path: str, subject: str) -> Finding:
    key = str(where[-1])
    parent = where[:-1]
    model = model_at(document.data, parent)
    what = _what(model)
    message = f"{subject}{what} needs `{key}`"
    hint = f"add `{key}:`"
    if model is not None and model.__name__ == "MetricKeyResult" and key in ("start", "target"):
        hint = "a metric needs `start` and `target`; for done/not done use `kind: milestone`"
    return _make(path, document.marks.value(parent), codes.MISSING_KEY, message, hint)


def _unknown_key(where: YamlPath, document: YamlDocument, path: str, subject: str) -> Finding:
    key = str(where[-1])
    model = model_at(document.data, where[:-1])
    allowed = sorted(model.model_fields) if model is not None else []
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean `{close[0]}`?"
    elif allowed:
        hint = "allowed keys here: " + ", ".join(allowed)
    else:
        hint = "remove the key; see the file format in README.md"
    message = f"{subject}unknown key `{key}` in {_what(model)}"
    return _make(path, document.marks.key(where), codes.UNKNOWN_KEY, message, hint)


def _unknown_kind(where: YamlPath, document: YamlDocument, path: str, subject: str) -> Finding:
    from okrcli.model import KR_KINDS

    kind_path = (*where, "kind")
    value = _value_at(document.data, kind_path)
    close = difflib.get_close_matches(str(value), KR_KINDS, n=1, cutoff=0.6)
    hint = f"did you mean `{close[0]}`?" if close else "use one of: " + ", ".join(KR_KINDS)
    message = f"{subject}unknown key result kind `{value}`"
    position = document.marks.value(kind_path)
    return _make(path, position, codes.UNKNOWN_KIND, message, hint)


_TYPE_NAMES = {
    "float_type": "a number",
    "int_type": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}


def _describe_invalid(detail: ErrorDetails, key: str) -> tuple[str, str]:
    kind = detail["type"]
    value = detail["input"]
    label = f"`{key}`" if key else "value"
    if kind in _TYPE_NAMES:
        message = f"{label} must be {_TYPE_NAMES[kind]}, not {_show(value)}"
        return message, _type_hint(kind, value)
    if kind == "string_pattern_mismatch":
        return f"{label} {_show(value)} has the wrong form", _pattern_hint(key)
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        choices = [part.strip(" '") for part in expected.replace(" or ", ",").split(",")]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else f"use {expected}"
        return f"{label} must be {expected}, not {_show(value)}", hint
    if kind == "string_too_short":
        return f"{label} must not be empty", "write some text, or remove the key"
    if kind == "too_short":
        return f"{label} needs at least one entry", "add an entry, or remove the key"
    message = f"{label}: {detail['msg'].lower()} (got {_show(value)})"
    return message, _RANGE_HINTS.get(key, "see the file format in README.md")


_RANGE_HINTS = {
    "confidence": "confidence is a number from 0.0 (no chance) to 1.0 (certain)",
    "weight": "weight is a number above 0; the default is 1",
}


def _type_hint(kind: str, value: Any) -> str:
    if isinstance(value, str) and kind in ("float_type", "int_type"):
        return "write the number without quotes"
    if kind == "string_type" and not isinstance(value, (dict, list)):
        return "put the text in quotes"
    if kind == "date_type":
        return "write the date unquoted as YYYY-MM-DD"
    if kind == "bool_type":
        return "use true or false (unquoted)"
    if kind == "list_type":
        return "start each entry on its own line with `- `"
    return "see the file format in README.md"


_PATTERN_HINTS = {
    "id": "ids start with a letter, then letters, digits, `_`, `.` or `-` (e.g. PLAT-1.2)",
    "aligns_to": "ids start with a letter, then letters, digits, `_`, `.` or `-` (e.g. ACME-2)",
    "period": "a period looks like 2026-Q4",
    "team": "a team slug uses lower-case letters, digits and `-` (e.g. platform)",
}


def _pattern_hint(key: str) -> str:
    return _PATTERN_HINTS.get(key, "see the file format in README.md")


def _show(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return repr(value)
    return f"{value!r} ({type(value).__name__})"


def _make(
    path: str, position: tuple[int, int], code: str, message: str, hint: str | None
) -> Finding:
    line, col = position
    return Finding(Location(path, line, col), Level.ERROR, code, message, hint)


def _last_key(where: YamlPath) -> str:
    keys = [part for part in where if isinstance(part, str)]
    return keys[-1] if keys else ""


def _value_at(data: Any, where: YamlPath) -> Any:
    node = data
    for part in where:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node


def model_at(data: Any, where: YamlPath) -> type[BaseModel] | None:
    """Which model describes the mapping at `where` in an OKR file."""
    from okrcli import model

    shape = tuple("#" if isinstance(part, int) else part for part in where)
    if shape == ():
        return model.OkrFile
    if shape == ("objectives", "#"):
        return model.Objective
    if shape == ("objectives", "#", "key_results", "#"):
        kind = _value_at(data, (*where, "kind"))
        return model.KEY_RESULT_MODELS.get(kind if isinstance(kind, str) else "metric")
    if shape == ("objectives", "#", "key_results", "#", "items", "#"):
        return model.ChecklistItem
    return None


def _what(model: type[BaseModel] | None) -> str:
    names = {
        "OkrFile": "the file",
        "Objective": "an objective",
        "MetricKeyResult": "a metric key result",
        "MilestoneKeyResult": "a milestone key result",
        "ChecklistKeyResult": "a checklist key result",
        "MaintainKeyResult": "a maintain key result",
        "BaselineKeyResult": "a baseline key result",
        "ChecklistItem": "a checklist item",
    }
    return names.get(model.__name__, "this mapping") if model is not None else "this mapping"


def _subject(data: Any, where: YamlPath) -> str:
    """`PLAT-1.1: ` for errors inside an objective or key result that has an id."""
    for depth in (4, 2):
        if len(where) >= depth:
            ident = _value_at(data, (*where[:depth], "id"))
            if isinstance(ident, str) and ident:
                return f"{ident}: "
    return ""
