"""Positions in a source file, kept for every key and value down to the leaves.

`YamlPath` names a place in a document the way pydantic's error `loc` does: a tuple of
mapping keys and sequence indexes. `Marks` maps such paths to 1-based (line, column)
so that every finding, from the YAML reader to cross-file checks, can point at the
offending key or value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

YamlPath = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass
class Marks:
    """Where each key and value of one document starts (1-based line, column)."""

    keys: dict[YamlPath, Position] = field(default_factory=dict)
    values: dict[YamlPath, Position] = field(default_factory=dict)

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


def line_col_of_offset(text: str, offset: int) -> Position:
    """1-based line and column of a character offset in `text`."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return (line, offset - line_start + 1)
