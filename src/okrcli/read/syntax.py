"""YAML syntax errors in the words of the person who made them.

A parser says where it gave up (`mapping values are not allowed here`, `expected <block
end>, but found '?'`); people need the cause, which is often a line or a column
earlier: a quote never closed, `target:99` without its space, a `: ` inside a title, a
value that starts with a character YAML reserves, a line indented one space off. Each
check here looks at the text around the parser's position and, when it recognises the
mistake, says what it is, where it starts, and the fix, in the file's own terms. When
none recognises it, the caller keeps a plain message without the parser's jargon.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from okrcli.read.positions import Position


@dataclass(frozen=True)
class Explained:
    position: Position
    message: str
    hint: str


@dataclass(frozen=True)
class _Line:
    number: int
    """1-based."""
    text: str

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def blank(self) -> bool:
        stripped = self.text.strip()
        return not stripped or stripped.startswith("#")

    @property
    def item(self) -> bool:
        """A list item: `- ...`."""
        return self.text.lstrip(" ").startswith("- ") or self.text.strip() == "-"

    @property
    def key_column(self) -> int:
        """0-based column where this line's key starts (after `- ` for an item)."""
        return self.indent + 2 if self.item else self.indent

    @property
    def key(self) -> str | None:
        match = _KEY.match(self.text[self.key_column :])
        return match.group(1) if match else None

    @property
    def value(self) -> tuple[int, str] | None:
        """(0-based column, text) of the value after `key: `, comments included."""
        match = _KEY.match(self.text[self.key_column :])
        if match is None:
            return None
        start = self.key_column + match.end()
        rest = self.text[start:]
        return start + len(rest) - len(rest.lstrip(" ")), rest.strip(" ")


_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?= |$)\s*")
_BARE_KEY = re.compile(r"^(\s*(?:- )?)([A-Za-z_][A-Za-z0-9_-]*):(\S.*)$")
# A character YAML reserves at the start of a plain value: how to name it, what YAML
# makes of it.
_RESERVED = {
    "%": ("`%`", "which YAML reads as a directive"),
    "@": ("`@`", "which YAML reserves"),
    "`": ("a backtick", "which YAML reserves"),
    "*": ("`*`", "which YAML reads as an alias (a reference to an anchor)"),
}


def explain(text: str, position: Position, problem: str) -> Explained | None:
    """The mistake behind a syntax error the parser reported at `position` (1-based
    line and column), or None where none of the known mistakes fits."""
    # YAML's line breaks, and no others (the parser counts lines by these).
    parts = re.split(r"\r\n|\r|\n", text)
    lines = [_Line(number, line) for number, line in enumerate(parts, start=1)]
    if not 0 < position[0] <= len(lines):
        return None
    for check in _CHECKS:
        found = check(lines, position, problem)
        if found is not None:
            return found
    return None


def _unclosed_quote(lines: list[_Line], position: Position, problem: str) -> Explained | None:
    """A value that opens a quote and does not close it on its line, up to the error."""
    for line in lines[: position[0]]:
        value = line.value
        if value is None or line.blank or value[1][:1] not in ("'", '"'):
            continue
        column, said = value
        quote = said[0]
        closing = _closing_quote(said)
        if closing is None:
            fixed = f"{line.key}: {said.rstrip()}{quote}"
            return Explained(
                (line.number, column + 1),
                f"the quote that opens the value of `{line.key}` is never closed",
                f"close it at the end of the value: {fixed}",
            )
        after = said[closing + 1 :].strip()
        if after and not after.startswith("#"):
            return _text_after_quote(line, column, said, quote, closing)
    return None


def _closing_quote(said: str) -> int | None:
    """Where the quoted text that `said` opens ends, or None if it does not end."""
    quote, at = said[0], 1
    while at < len(said):
        char = said[at]
        if quote == '"' and char == "\\":
            at += 2
            continue
        if char == quote:
            if quote == "'" and said[at + 1 : at + 2] == "'":
                at += 2  # '' is a quote inside single quotes
                continue
            return at
        at += 1
    return None


def _text_after_quote(line: _Line, column: int, said: str, quote: str, closing: int) -> Explained:
    inner = said[1:closing]
    if quote == "'":
        whole = said.rstrip().rstrip("'")[1:]
        return Explained(
            (line.number, column + closing + 1),
            f"the apostrophe after `{inner}` ends the quoted value of `{line.key}`",
            f"inside single quotes write an apostrophe twice: {line.key}: "
            f"'{whole.replace(chr(39), chr(39) * 2)}' (or use double quotes)",
        )
    return Explained(
        (line.number, column + closing + 1),
        f"the quoted value of `{line.key}` ends here, and more text follows it",
        'put the whole value in the quotes; a quote inside double quotes is written \\"',
    )


def _missing_space(lines: list[_Line], position: Position, problem: str) -> Explained | None:
    """`target:99`: a key and its value without the space YAML needs between them."""
    for line in reversed(lines[max(0, position[0] - 2) : position[0]]):
        match = _BARE_KEY.match(line.text)
        if match is None or ": " in line.text or line.blank:
            continue
        prefix, key, value = match.groups()
        if value.startswith(("/", "//")):
            continue  # a URL, not a key
        return Explained(
            (line.number, len(prefix) + len(key) + 2),
            f"a space is missing after `{key}:`",
            f"write a space between the key and its value: {key}: {value}",
        )
    return None


def _colon_in_value(lines: list[_Line], position: Position, problem: str) -> Explained | None:
    """`title: Runbook: publish it`: the second `: ` starts a new key for YAML."""
    if "mapping values are not allowed" not in problem:
        return None
    line = lines[position[0] - 1]
    value = line.value
    if value is None or value[1][:1] in ("'", '"'):
        return None
    column, said = value
    if said.endswith(":") and ": " not in said:
        return Explained(
            (line.number, column + len(said)),
            f"the value of `{line.key}` ends with `:`, which YAML reads as a key",
            f'put the value in quotes: {line.key}: "{_plain_value(said)}"',
        )
    if ": " not in said:
        return None
    return Explained(
        (line.number, column + said.index(": ") + 1),
        f"the value of `{line.key}` contains `: `, which YAML reads as the start of a new key",
        f'put the value in quotes: {line.key}: "{_plain_value(said)}"',
    )


def _reserved_start(lines: list[_Line], position: Position, problem: str) -> Explained | None:
    """A value starting with `%`, `@`, a backtick or `*`, which YAML reserves."""
    for line in reversed(lines[: position[0]]):
        value = line.value
        if value is None or line.blank or not value[1]:
            continue
        column, said = value
        reserved = _RESERVED.get(said[0])
        if reserved is None:
            continue
        name, meaning = reserved
        return Explained(
            (line.number, column + 1),
            f"the value of `{line.key}` starts with {name}, {meaning}",
            f'put the value in quotes: {line.key}: "{_plain_value(said)}"',
        )
    return None


def _indentation(lines: list[_Line], position: Position, problem: str) -> Explained | None:
    """A line indented to a column no key or list item around it uses."""
    at = position[0] - 1
    if at >= len(lines):
        return None
    line = lines[at]
    if line.blank:
        return None
    above = [other for other in lines[:at] if not other.blank]
    if not above:
        return None
    previous = above[-1]
    if line.indent > previous.key_column and not previous.text.rstrip().endswith(":"):
        return _too_far(line, previous)
    if line.item:
        return _item_misplaced(line, above)
    return _key_misplaced(line, above)


def _too_far(line: _Line, previous: _Line) -> Explained:
    if previous.key == "id" and not previous.item:
        return Explained(
            (previous.number, previous.indent + 1),
            "`id:` starts an objective or key result, but the `- ` that starts a list item "
            "is missing",
            f"write `- id:` at column {previous.indent + 1}",
        )
    where = previous.key_column + 1
    return Explained(
        (line.number, line.indent + 1),
        f"`{line.key or line.text.strip()}` is indented to column {line.indent + 1}, "
        f"further than `{previous.key}` above it (column {where})",
        f"indent it like `{previous.key}`: {where - 1} spaces",
    )


def _item_misplaced(line: _Line, above: list[_Line]) -> Explained | None:
    items = [other for other in above if other.item and other.indent != line.indent]
    if not items or any(o.item and o.indent == line.indent for o in above[-3:]):
        return None
    sibling = items[-1]
    return Explained(
        (line.number, line.indent + 1),
        f"this list item starts at column {line.indent + 1}; the items of its list start "
        f"at column {sibling.indent + 1}",
        f"indent `- ` like the item above it: {sibling.indent} spaces",
    )


def _key_misplaced(line: _Line, above: list[_Line]) -> Explained | None:
    key = line.key
    if key is None:
        return None
    item = next((o for o in reversed(above) if o.item and o.indent == line.indent), None)
    if item is not None:
        if key == "id":
            return Explained(
                (line.number, line.indent + 1),
                f"`{key}:` starts a new entry, but the `- ` that starts a list item is missing",
                f"write `- {key}:` at column {line.indent + 1}, like the entries above",
            )
        return Explained(
            (line.number, line.indent + 1),
            f"`{key}` is indented to column {line.indent + 1}, where the list items start; "
            f"it belongs to the entry above, at column {item.key_column + 1}",
            f"indent it like `{item.key}`: {item.key_column} spaces",
        )
    columns = sorted({o.key_column for o in above if o.key_column < line.indent + 2})
    nearest = min(columns, key=lambda c: abs(c - line.indent)) if columns else None
    if nearest is None or nearest == line.indent:
        return None
    sibling = next(o for o in reversed(above) if o.key_column == nearest)
    return Explained(
        (line.number, line.indent + 1),
        f"`{key}` is indented to column {line.indent + 1}; the keys around it start at "
        f"column {nearest + 1}",
        f"indent it like `{sibling.key}`: {nearest} spaces",
    )


def _plain_value(said: str) -> str:
    """A value without a trailing comment, with `"` escaped for double quotes."""
    text = said.split(" #", 1)[0].rstrip()
    return text.replace("\\", "\\\\").replace('"', '\\"')


_Check = Callable[[list[_Line], Position, str], Explained | None]
_CHECKS: tuple[_Check, ...] = (
    _unclosed_quote,
    _missing_space,
    _colon_in_value,
    _reserved_start,
    _indentation,
)
