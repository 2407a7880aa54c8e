"""Turn pydantic validation errors into located findings with a hint each.

pydantic reports a `loc` such as `('objectives', 0, 'key_results', 2, 'metric', 'taget')`:
data keys and indexes, mixed with union tags. `data_path` keeps the parts that exist in
the document, so the path finds its mark in `Marks`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

from okrcli.base import codes
from okrcli.base.findings import Finding, Level, Location
from okrcli.base.suggest import did_you_mean, suggest
from okrcli.read.positions import YamlPath

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from pydantic_core import ErrorDetails

    from okrcli.read.folder import YamlDocument


@dataclass(frozen=True)
class _Source:
    document: YamlDocument
    path: str
    root: type[BaseModel]

    @property
    def data(self) -> Any:
        return self.document.data

    def model_at(self, where: YamlPath) -> type[BaseModel] | None:
        return model_at(self.root, self.data, where)


def findings_from_validation_error(
    error: ValidationError, document: YamlDocument, path: str, root: type[BaseModel]
) -> list[Finding]:
    """Located findings for `error`, raised validating `document` against model `root`."""
    source = _Source(document, path, root)
    seen: set[tuple[str, int, int]] = set()
    findings = []
    details = error.errors()
    misspelt = _misspelt_keys(details, source)
    for detail in details:
        if detail["type"] == "missing" and _place(detail, source.data) in misspelt:
            continue  # the unknown-key finding already says "did you mean ...?"
        finding = _finding(detail, source)
        key = (finding.code, finding.location.line, finding.location.col)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    return findings


def _place(detail: ErrorDetails, data: Any) -> YamlPath:
    return data_path(data, detail["loc"])


def _misspelt_keys(details: list[ErrorDetails], source: _Source) -> set[YamlPath]:
    """Missing keys for which an unknown key nearby is the likely misspelling."""
    found: set[YamlPath] = set()
    for detail in details:
        if detail["type"] != "extra_forbidden":
            continue
        where = _place(detail, source.data)
        model = source.model_at(where[:-1])
        if model is None:
            continue
        close = suggest(str(where[-1]), list(model.model_fields))
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


def _finding(detail: ErrorDetails, source: _Source) -> Finding:
    where = data_path(source.data, detail["loc"])
    kind = detail["type"]
    subject = _subject(source.data, where)
    if kind == "missing":
        return _missing(where, source, subject)
    if kind == "extra_forbidden":
        return _unknown_key(where, source, subject)
    if kind == "unknown_kind":
        return _unknown_kind(where, source, subject)
    position = source.document.marks.value(where)
    message, hint = _describe_invalid(detail, _last_key(where))
    return _make(source.path, position, codes.INVALID_VALUE, f"{subject}{message}", hint)


def _missing(where: YamlPath, source: _Source, subject: str) -> Finding:
    key = str(where[-1])
    parent = where[:-1]
    model = source.model_at(parent)
    message = f"{subject}{_what(model)} needs `{key}`"
    hints = getattr(model, "missing_hints", {})
    hint = hints.get(key, f"add `{key}:`")
    position = source.document.marks.value(parent)
    return _make(source.path, position, codes.MISSING_KEY, message, hint)


def _unknown_key(where: YamlPath, source: _Source, subject: str) -> Finding:
    key = str(where[-1])
    model = source.model_at(where[:-1])
    allowed = sorted(model.model_fields) if model is not None else []
    close = did_you_mean(key, allowed)
    if close:
        hint = close
    elif allowed:
        hint = "allowed keys here: " + ", ".join(allowed)
    else:
        hint = "remove the key; see the file format in README.md"
    message = f"{subject}unknown key `{key}` in {_what(model)}"
    return _make(source.path, source.document.marks.key(where), codes.UNKNOWN_KEY, message, hint)


def _unknown_kind(where: YamlPath, source: _Source, subject: str) -> Finding:
    from okrcli.model.kinds import KR_KINDS

    kind_path = (*where, "kind")
    value = _value_at(source.data, kind_path)
    hint = did_you_mean(str(value), KR_KINDS) or "use one of: " + ", ".join(KR_KINDS)
    message = f"{subject}unknown key result kind `{value}`"
    position = source.document.marks.value(kind_path)
    return _make(source.path, position, codes.UNKNOWN_KIND, message, hint)


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
        hint = did_you_mean(str(value), choices) or f"use {expected}"
        return f"{label} must be {expected}, not {_show(value)}", hint
    if kind == "fiscal_calendar":
        return (
            f"{label} {_show(value)} is a fiscal period, but okrcli.yaml sets no fiscal calendar",
            "add `calendar: {fiscal_year_start: 2}` (the month the fiscal year starts) to "
            "okrcli.yaml at the OKR root, or use calendar labels such as 2027-Q1",
        )
    if kind == "string_too_short":
        return f"{label} must not be empty", "write some text, or remove the key"
    if kind == "too_short":
        return f"{label} needs at least one entry", "add an entry, or remove the key"
    message = f"{label}: {detail['msg'].lower()} (got {_show(value)})"
    if kind == "finite_number" or (key not in _RANGE_HINTS and isinstance(value, float | int)):
        return message, _RANGE_HINTS.get(key, _NUMBER_HINT)
    return message, _RANGE_HINTS.get(key, "see the file format in README.md")


_RANGE_HINTS = {
    "period": "a period looks like 2027, 2027-H1 or 2027-Q1, with a year from 1900 to 2999",
    "confidence": "confidence is a number from 0.0 (no chance) to 1.0 (certain)",
    "weight": "weight is a number above 0 and at most 1000; the default is 1",
}
_NUMBER_HINT = "numbers are finite and at most 10^15 in size"


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
    "period": "a period looks like 2027, 2027-H1 or 2027-Q1 (FY27-Q1 with a fiscal calendar)",
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


def model_at(root: type[BaseModel], data: Any, where: YamlPath) -> type[BaseModel] | None:
    """The model that describes the mapping at `where`, found from `root`'s field types."""
    annotation: Any = root
    node = data
    for part in where:
        model = _as_model(annotation, node)
        if isinstance(part, str) and model is not None and part in model.model_fields:
            annotation = model.model_fields[part].annotation
            node = node.get(part) if isinstance(node, dict) else None
        elif isinstance(part, int):
            annotation = _item_type(annotation)
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        else:
            return None
    return _as_model(annotation, node)


def _unwrap(annotation: Any) -> list[Any]:
    """The plain alternatives of an annotation: `Annotated` and `| None` removed."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, UnionType):
        return [alt for arg in get_args(annotation) for alt in _unwrap(arg) if alt is not NoneType]
    return [annotation]


def _item_type(annotation: Any) -> Any:
    for alternative in _unwrap(annotation):
        if get_origin(alternative) is list:
            return get_args(alternative)[0]
    return None


def _as_model(annotation: Any, node: Any) -> type[BaseModel] | None:
    from pydantic import BaseModel

    models = [
        alt for alt in _unwrap(annotation) if isinstance(alt, type) and issubclass(alt, BaseModel)
    ]
    if len(models) <= 1:
        return models[0] if models else None
    kind = node.get("kind") if isinstance(node, dict) else None
    return next((model for model in models if _kind_matches(model, kind)), None)


def _kind_matches(model: type[BaseModel], kind: Any) -> bool:
    """In a union tagged by `kind`: the member named, or the default when none is named."""
    field = model.model_fields.get("kind")
    if field is None:
        return False
    if kind is None:
        return field.default is not None and field.default in get_args(field.annotation)
    return kind in get_args(field.annotation)


def _what(model: type[BaseModel] | None) -> str:
    return str(getattr(model, "noun", "this mapping"))


def _subject(data: Any, where: YamlPath) -> str:
    """`PLAT-1.1: ` for errors inside an objective or key result that has an id."""
    for depth in (4, 2):
        if len(where) >= depth:
            ident = _value_at(data, (*where[:depth], "id"))
            if isinstance(ident, str) and ident:
                return f"{ident}: "
    return ""
