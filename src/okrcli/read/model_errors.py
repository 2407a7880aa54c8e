"""Turn pydantic validation errors into located findings with a hint each.

pydantic reports a `loc` such as `('objectives', 0, 'key_results', 2, 'metric', 'taget')`:
data keys and indexes, mixed with union tags. `data_path` keeps the parts that exist in
the document, so the path finds its mark in `Marks`.
"""

from __future__ import annotations

import functools
import re
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
    text: str = ""

    def line(self, number: int) -> str:
        """The source line `number` (1-based), or "" where the text is not known."""
        lines = self.text.split("\n")
        return lines[number - 1] if 0 < number <= len(lines) else ""

    @property
    def data(self) -> Any:
        return self.document.data

    def model_at(self, where: YamlPath) -> type[BaseModel] | None:
        return model_at(self.root, self.data, where)


def findings_from_validation_error(
    error: ValidationError,
    document: YamlDocument,
    path: str,
    root: type[BaseModel],
    text: str = "",
) -> list[Finding]:
    """Located findings for `error`, raised validating `document` (read from `text`)
    against model `root`."""
    source = _Source(document, path, root, text)
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
            elif last and part not in _union_tags():
                path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
    return tuple(path)


@functools.cache
def _union_tags() -> frozenset[str]:
    """The tags of the tagged unions (a kind, `sql source`): in an error's `loc`, never
    a key of the data (a check of the whole mapping ends its `loc` with the tag)."""
    from okrcli.model.kinds import KR_KINDS
    from okrcli.model.sources import SOURCE_TYPES

    return frozenset((*KR_KINDS, *(f"{tag} source" for tag in SOURCE_TYPES)))


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
    if kind == "unknown_source":
        return _unknown_source(where, source, subject)
    position = source.document.marks.value(where)
    line = source.line(position[0])
    message, hint = _describe_invalid(detail, _last_key(where), line)
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
        hint = "remove the key (`okr explain OKR021` lists the keys of each place)"
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


def _unknown_source(where: YamlPath, source: _Source, subject: str) -> Finding:
    """`source:` with none of the type keys, or several: say which it has."""
    from okrcli.model.sources import SOURCE_TYPES

    value = _value_at(source.data, where)
    listed = ", ".join(f"`{key}:`" for key in SOURCE_TYPES)
    if not isinstance(value, dict):
        message = f"{subject}`source` must be a mapping with one of {listed}, not {_show(value)}"
        hint = "e.g. `source: {file: metrics.json, select: rate}`"
    else:
        present = [f"`{key}:`" for key in SOURCE_TYPES if key in value]
        found = " and ".join(present) if present else "none of them"
        message = f"{subject}a source has exactly one of {listed}; this one has {found}"
        close = [did_you_mean(str(key), SOURCE_TYPES) for key in value if key not in SOURCE_TYPES]
        hint = next((c for c in close if c), None) or (
            "split it: one key result, one source" if present else "add the key of its type"
        )
    position = source.document.marks.key(where)
    return _make(source.path, position, codes.INVALID_VALUE, message, hint)


_TYPE_NAMES = {
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}
_BOUNDS = {
    "greater_than": ("gt", "above"),
    "greater_than_equal": ("ge", "at least"),
    "less_than": ("lt", "below"),
    "less_than_equal": ("le", "at most"),
}


def _describe_invalid(detail: ErrorDetails, key: str, line: str) -> tuple[str, str]:
    """The message and hint of a value of the wrong type or range, in the file's terms:
    the value as written, never a Python type name."""
    kind = detail["type"]
    value = detail["input"]
    label = f"`{key}`" if key else "the value"
    if kind == "string_type" and value is None:
        return f"{label} is empty", _empty_text_hint(key, line)
    if kind in _TYPE_NAMES:
        message = f"{label} must be {_TYPE_NAMES[kind]}, not {_show(value)}"
        return message, _type_hint(kind, key, value)
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        bound = detail.get("ctx", {}).get(name)
        message = f"{label} must be {words} {_number(bound)}, not {_show(value)}"
        return message, _RANGE_HINTS.get(key, _NUMBER_HINT)
    if kind == "string_pattern_mismatch":
        return f"{label} {_show(value)} is not in the right form", _pattern_hint(key, value)
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        choices = [part.strip(" '") for part in expected.replace(" or ", ",").split(",")]
        listed = " or ".join(f"`{choice}`" for choice in choices)
        hint = did_you_mean(str(value), choices) or f"write one of {listed}"
        return f"{label} must be {listed}, not {_show(value)}", hint
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
    if kind in ("value_error", "period_range"):  # the model's own check, in its words
        said = str(detail["msg"]).removeprefix("Value error, ")
        shown = "" if isinstance(value, dict | list) else f" {_show(value)}"
        return f"{label}{shown}: {said}", _RANGE_HINTS.get(key, _EXPLAIN_HINT)
    if kind == "finite_number":
        return f"{label} must be a finite number, not {_show(value)}", _NUMBER_HINT
    return f"{label} cannot be {_show(value)}", _RANGE_HINTS.get(key, _EXPLAIN_HINT)


_OKR_VARIABLES = (
    "reference only variables named OKR_... (`${OKR_STATS_TOKEN}`), set by the job that "
    "runs okr sync"
)
_RANGE_HINTS = {
    "period": "a period looks like 2027, 2027-H1 or 2027-Q1, with a year from 1900 to 2999",
    "confidence": "confidence is a number from 0.0 (no chance) to 1.0 (certain), e.g. 0.7",
    "weight": "weight is a number above 0 and at most 1000; the default is 1",
    "final_score": "a grade is a number from 0.0 to 1.0",
    "current": "numbers are finite and at most 10^15 in size",
    "timeout": "a source's timeout is in seconds: above 0 and at most 300 (default 10)",
    "row": "a CSV row counts from 1, the first row below the header; or write `row: last`",
    "round": "the decimal places to keep, from 0 to 12",
    "select": "a JMESPath expression: `rate`, `data.signups`, `items[-1].value` "
    "(see `okr explain source`)",
    "sql": "a source only reads: `SELECT ...` or `WITH ... SELECT ...`",
    "source": "`okr explain source` lists what each type of source needs",
    "database": "a SQLite file relative to the repository's top folder, e.g. data/metrics.db",
    "file": "a file relative to the repository's top folder, e.g. metrics/latency.json",
    "http": _OKR_VARIABLES,
    "headers": _OKR_VARIABLES,
}
_NUMBER_HINT = "numbers are finite and at most 10^15 in size"
_EXPLAIN_HINT = "`okr explain OKR022` describes the values each key takes"
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _type_hint(kind: str, key: str, value: Any) -> str:
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing"):
        return _number_hint(key, value)
    if kind in ("bool_type", "bool_parsing"):
        return _bool_hint(key, value)
    if kind == "string_type":
        if isinstance(value, dict | list):
            return f"write the text on the same line, after `{key}: `"
        return f'put it in quotes: {key}: "{_as_written(value)}"'
    if kind.startswith("date"):
        return _date_hint(key, value)
    if kind == "list_type":
        return "start each entry on its own line with `- `"
    return _EXPLAIN_HINT


def _number_hint(key: str, value: Any) -> str:
    """`45%`: drop the `%`; `1,200`: no separators; `"99"`: no quotes; `70%` as a
    confidence: 0.7."""
    text = str(value).strip() if isinstance(value, str) else ""
    if text.endswith("%") and _NUMBER.match(text[:-1].strip()):
        number = text[:-1].strip()
        if key == "confidence":
            return f"confidence is 0.0-1.0: write {key}: {_number(float(number) / 100)}"
        return f"write the number without `%` (the unit goes in `unit:`): {key}: {number}"
    if "," in text and _NUMBER.match(text.replace(",", "")):
        return f"write numbers without thousands separators: {key}: {text.replace(',', '')}"
    if _NUMBER.match(text):
        return f"write the number without quotes: {key}: {text}"
    return _RANGE_HINTS.get(key, f"write a number, such as {key}: 42")


def _bool_hint(key: str, value: Any) -> str:
    word = str(value).strip().lower() if isinstance(value, str) else ""
    if word in ("yes", "y", "on"):
        return f"YAML 1.2 reads `{value}` as text: write {key}: true"
    if word in ("no", "n", "off"):
        return f"YAML 1.2 reads `{value}` as text: write {key}: false"
    return f"write {key}: true or {key}: false"


def _date_hint(key: str, value: Any) -> str:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return f"drop the time: {key}: {value.date().isoformat()}"
    text = str(value).strip() if value is not None else ""
    timed = re.match(r"^(\d{4}-\d{2}-\d{2})[ T]\d", text)
    if timed:
        return f"drop the time: {key}: {timed.group(1)}"
    written = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$", text)
    if written:
        first, second, year = (int(part) for part in written.groups())
        month, day = (first, second) if "/" in text else (second, first)
        return f"write dates as YYYY-MM-DD: {key}: {year:04d}-{month:02d}-{day:02d}"
    return f"write the date as YYYY-MM-DD, e.g. {key}: 2026-12-15"


def _empty_text_hint(key: str, line: str) -> str:
    """A title left empty, or cut short by a `#` that YAML reads as a comment."""
    after = line.split(f"{key}:", 1)[1].strip() if f"{key}:" in line else ""
    if after.startswith("#"):
        return (
            f'the text after `#` is a comment for YAML: put the {key} in quotes: {key}: "{after}"'
        )
    return f"write the text after `{key}: `, or remove the key"


_PATTERN_HINTS = {
    "id": "ids start with a letter, then letters, digits, `_`, `.` or `-` (e.g. PLAT-1.2)",
    "aligns_to": "ids start with a letter, then letters, digits, `_`, `.` or `-` (e.g. ACME-2)",
    "period": "a period looks like 2027, 2027-H1 or 2027-Q1 (FY27-Q1 with a fiscal calendar)",
    "team": "a team slug uses lower-case letters, digits and `-` (e.g. platform)",
    "carried_from": "write the period and the id: PERIOD/ID, e.g. 2026-Q3/PLAT-1",
    "url_env": "name a variable that starts with OKR_ (e.g. OKR_METRICS_URL) and set it "
    "where okr sync runs",
    "server_env": "name a variable that starts with OKR_ (e.g. OKR_PROMETHEUS_URL) and set "
    "it where okr sync runs",
    "http": "an http:// or https:// URL, e.g. https://stats.example/api/signups",
    "server": "an http:// or https:// URL, e.g. http://prometheus.internal:9090",
}


def _pattern_hint(key: str, value: Any) -> str:
    text = str(value)
    if key in ("id", "aligns_to") and " " in text.strip():
        return f"use `-` instead of spaces: {key}: {'-'.join(text.split())}"
    if key == "period" and re.match(r"^\d{4}[QqHh]\d$", text):
        return f"put a `-` before the quarter or half: {key}: {text[:4]}-{text[4:].upper()}"
    if key == "team" and text.lower() != text and re.match(r"^[a-z0-9-]+$", text.lower()):
        return f"write the team in lower case: {key}: {text.lower()}"
    return _PATTERN_HINTS.get(key, _EXPLAIN_HINT)


def _show(value: Any) -> str:
    """A value as the person wrote it, in backticks; never a Python repr."""
    import datetime as dt

    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.datetime):
        return f"`{value.isoformat(' ', 'minutes')}`"
    if isinstance(value, str) and _LOOKS_TYPED.match(value.strip()):
        return f'`"{value}"`'  # a number, date or word in quotes: show the quotes
    return f"`{_as_written(value)}`"


_LOOKS_TYPED = re.compile(
    r"^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|\d{4}-\d{2}-\d{2}|true|false|null)$"
)


def _as_written(value: Any) -> str:
    import datetime as dt

    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float | int):
        return _number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _number(value: Any) -> str:
    """A number as written: `70`, `0.7`, `1200`, never `1200.0`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


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
    chosen = next((model for model in models if _kind_matches(model, kind)), None)
    if chosen is None and isinstance(node, dict):  # a union tagged by a key (`source:`)
        tagged = [model for model in models if getattr(model, "tag", None) in node]
        chosen = tagged[0] if len(tagged) == 1 else None
    return chosen


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
