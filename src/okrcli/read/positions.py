"""Positions in a source file, kept for every key and value down to the leaves.

`YamlPath` names a place in a document the way pydantic's error `loc` does: a tuple of
mapping keys and sequence indexes. `Marks` maps such paths to 1-based (line, column)
so that every finding, from the YAML reader to cross-file checks, can point at the
offending key or value.
"""

from __future__ import annotations

import re
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
