"""Positions in a source file, kept for every key and value down to the leaves.

`YamlPath` names a place in a document the way pydantic's error `loc` does: a tuple of
mapping keys and sequence indexes. `Marks` maps such paths to 1-based (line, column)
so that every finding, from the YAML reader to cross-file checks, can point at the
offending key or value.
"""

from __future__ import annotations

import re
from collections.abc import Callable

YamlPath = tuple[str | int, ...]
Position = tuple[int, int]
PositionMap = dict[YamlPath, Position]


class Marks:
    """Where each key and value of one document starts (1-based line, column).

    Marks read from the cache are decoded on first use (`Marks.later`): most runs locate
    nothing, and decoding them was a fifth of a warm `okr status` and a quarter of `okr
    history`."""

    __slots__ = ("_decode", "_keys", "_values")

    def __init__(
        self,
        keys: PositionMap | None = None,
        values: PositionMap | None = None,
    ) -> None:
        self._keys = keys if keys is not None else {}
        self._values = values if values is not None else {}
        self._decode: Callable[[], tuple[PositionMap, PositionMap]]
        self._decode = _decoded

    @classmethod
    def later(cls, decode: Callable[[], tuple[PositionMap, PositionMap]]) -> Marks:
        """Marks that `decode` gives when they are first used."""
        marks = cls()
        marks._decode = decode
        return marks

    def _ready(self) -> None:
        if self._decode is not _decoded:
            self._keys, self._values = self._decode()
            self._decode = _decoded

    @property
    def keys(self) -> PositionMap:
        self._ready()
        return self._keys

    @property
    def values(self) -> PositionMap:
        self._ready()
        return self._values

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Marks):
            return NotImplemented
        return (self.keys, self.values) == (other.keys, other.values)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass it replaces

    def __repr__(self) -> str:
        return f"Marks(keys={self.keys!r}, values={self.values!r})"

    def value(self, path: YamlPath) -> Position:
        """The value at `path`, or the nearest enclosing value that exists."""
        for depth in range(len(path), -1, -1):
            found = self.values.get(path[:depth])
            if found is not None:
                return found
        return (1, 1)

    def key(self, path: YamlPath) -> Position:
        """The key that introduces `path`; the value's position where there is no key."""
        found = self.keys.get(path)
        return found if found is not None else self.value(path)

    def has(self, path: YamlPath) -> bool:
        return path in self.values


def _decoded() -> tuple[PositionMap, PositionMap]:
    """The decoder of marks that are decoded already (never called)."""
    raise AssertionError("marks decoded twice")


# The line breaks YAML readers count (ruamel's among them): a lone CR counts as one.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def line_col_of_offset(text: str, offset: int) -> Position:
    """1-based line and column of a character offset in `text`, as the YAML parser counts."""
    offset = max(0, min(offset, len(text)))
    line, line_start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line += 1
        line_start = match.end()
    return (line, offset - line_start + 1)
