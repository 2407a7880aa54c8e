"""The fast read path: PyYAML's C parser (libyaml) emits events with line/column marks,
and a loop (no recursion) folds them into plain data and `Marks`.

It reads only clean files and declines anything else (returns None): syntax errors,
anchors, aliases, tags other than the core ones, duplicate keys, too deep nesting, a
top level that is not one mapping. The round-trip reader then produces the finding, so
both readers report the same. Plain scalars resolve by YAML 1.2, with the regular
expressions of ruamel.yaml's own resolver table (`yes`/`no` stay strings).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from okrcli.source import Marks, YamlPath

if TYPE_CHECKING:
    from okrcli.yamlread import YamlDocument

_CORE = "tag:yaml.org,2002:"
_SCALAR_KINDS = frozenset(("str", "null", "bool", "int", "float", "timestamp"))


class _Decline(Exception):
    """The fast path will not read this document; the round-trip reader will."""


@cache
def _loader() -> Any:
    try:
        import yaml
    except ImportError:
        return None
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    return yaml


# YAML 1.2 plain-scalar resolution as ruamel.yaml's round-trip loader does it (its 1.2
# table, written out here so that a clean file never imports ruamel.yaml). Tried in
# order; the first match wins. tests/test_readers_agree.py holds both readers together.
_RESOLUTION: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bool", re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")),
    ("float", re.compile(
        r"""(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?
            |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
            |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))\Z""", re.X)),
    ("int", re.compile(
        r"""(?=[-+0-9])  # ruamel looks up int resolvers by these first characters only
        (?:[-+]?0b[0-1_]+
            |[-+]?0o?[0-7_]+
            |[-+]?[0-9_]+
            |[-+]?0x[0-9a-fA-F_]+)\Z""", re.X)),
    ("merge", re.compile(r"<<\Z")),
    ("null", re.compile(r"(?:~|null|Null|NULL|)\Z")),
    ("timestamp", re.compile(
        r"""(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
            |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}
             (?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)\Z""", re.X)),
    ("value", re.compile(r"=\Z")),
)  # fmt: skip


def resolve_plain(value: str) -> str:
    """The core kind (`int`, `bool`, `str`...) of a plain scalar, by YAML 1.2."""
    for kind, pattern in _RESOLUTION:
        if pattern.match(value):
            return kind
    return "str"


def read(text: str, max_depth: int) -> YamlDocument | None:
    """A `YamlDocument` of `text`, or None when the round-trip reader should decide."""
    from okrcli.yamlread import YamlDocument

    yaml = _loader()
    if yaml is None:
        return None
    try:
        data, marks = _Folder(max_depth).fold(_events(yaml, text))
    except (_Decline, yaml.YAMLError, ValueError, IndexError, OverflowError, TypeError):
        return None
    return YamlDocument(data, marks)


def _events(yaml: Any, text: str) -> Iterator[Any]:
    loader = yaml.CSafeLoader(text)
    end = yaml.StreamEndEvent
    try:
        while True:
            event = loader.get_event()
            yield event
            if type(event) is end:
                return
    finally:
        loader.dispose()


class _Folder:
    def __init__(self, max_depth: int) -> None:
        import yaml

        self.max_depth = max_depth
        self.marks = Marks()
        self.scalar = yaml.ScalarEvent
        self.starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        self.ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)

    def fold(self, events: Iterator[Any]) -> tuple[Any, Marks]:
        """Stream, one document holding one mapping; anything else declines."""
        kinds = [type(next(events)).__name__, type(next(events)).__name__]
        if kinds != ["StreamStartEvent", "DocumentStartEvent"]:
            raise _Decline
        first = next(events)
        if type(first).__name__ != "MappingStartEvent":
            raise _Decline
        root = self._container(first, ())
        assert isinstance(root, dict)
        self._body(events, root)
        tail = [type(event).__name__ for event in events]
        if tail != ["DocumentEndEvent", "StreamEndEvent"]:
            raise _Decline
        return root, self.marks

    def _container(self, event: Any, path: YamlPath) -> dict[str, Any] | list[Any]:
        self._check_node(event, path)
        kind = type(event).__name__
        expected = "map" if kind == "MappingStartEvent" else "seq"
        if event.tag is not None and event.tag != _CORE + expected:
            raise _Decline
        self.marks.values[path] = _position(event)
        return {} if kind == "MappingStartEvent" else []

    def _check_node(self, event: Any, path: YamlPath) -> None:
        if event.anchor is not None or len(path) + 1 > self.max_depth:
            raise _Decline

    def _body(self, events: Iterator[Any], root: dict[str, Any]) -> None:
        # A stack of (container, its path, the pending key of a mapping or None).
        stack: list[tuple[Any, YamlPath, list[str | None]]] = [(root, (), [None])]
        scalar, starts, ends = self.scalar, self.starts, self.ends
        for event in events:
            kind = type(event)
            container, path, pending = stack[-1]
            if kind in ends:
                stack.pop()
                if not stack:
                    return
                continue
            if kind is not scalar and kind not in starts:
                raise _Decline  # an alias
            if isinstance(container, dict) and pending[0] is None:
                pending[0] = self._key(event, container, path)
                continue
            if isinstance(container, dict):
                key = pending[0]
                assert key is not None
                here: YamlPath = (*path, key)
                value = container[key] = self._value(event, here)
                pending[0] = None
            else:
                here = (*path, len(container))
                value = self._value(event, here)
                container.append(value)
            if kind in starts:
                stack.append((value, here, [None]))
        raise _Decline

    def _key(self, event: Any, mapping: dict[str, Any], path: YamlPath) -> str:
        if type(event) is not self.scalar or event.anchor is not None:
            raise _Decline
        if event.tag is not None and event.tag not in ("!", _CORE + "str"):
            raise _Decline
        key = str(event.value)
        if key in mapping:
            raise _Decline  # a duplicate key
        self.marks.keys[(*path, key)] = _position(event)
        return key

    def _value(self, event: Any, path: YamlPath) -> Any:
        if type(event) in self.starts:
            return self._container(event, path)
        self._check_node(event, path)
        self.marks.values[path] = _position(event)
        return self._scalar(event)

    def _scalar(self, event: Any) -> Any:
        value = str(event.value)
        tag = event.tag
        if tag is None or tag == "!":
            kind = resolve_plain(value) if event.implicit[0] else "str"
        elif tag.startswith(_CORE) and tag[len(_CORE) :] in _SCALAR_KINDS:
            kind = tag[len(_CORE) :]
        else:
            raise _Decline
        if kind == "str":
            return value
        if kind == "null":
            return None
        if kind == "bool":
            return value.lower() == "true"
        if kind == "int":
            return _integer(value)
        if kind == "float":
            return _float(value)
        if kind == "timestamp" and _DATE.match(value):
            import datetime as dt

            return dt.date.fromisoformat(value)
        raise _Decline  # a time of day, `<<`, `=`: the round-trip reader decides


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _integer(text: str) -> int:
    """YAML 1.2 integers as ruamel.yaml builds them: `_` ignored, 0b/0o/0x bases, and a
    leading zero is still decimal."""
    digits = text.replace("_", "")
    sign = -1 if digits[:1] == "-" else 1
    digits = digits.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)


def _float(text: str) -> float:
    digits = text.replace("_", "")
    lowered = digits.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(digits)


def _position(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)
