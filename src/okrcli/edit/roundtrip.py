"""Round-trip edits of OKR files: change one value, keep everything else.

ruamel.yaml's round-trip mode makes the edit. Its output can still differ from the file
in places the edit never touched (the indentation of a folded string, how `null` is
written), so only the lines the edit changed are carried over into the original text:
afterwards `git diff` shows just those. Writing is `okrcli.edit.atomic`.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Callable
from typing import Any


def round_trip_edit(text: str, change: Callable[[Any], None]) -> str:
    """Apply `change` to the round-trip document of `text`; return the new text."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    crlf = "\r\n" in text
    source = text.replace("\r\n", "\n") if crlf else text
    _, indent, sequence_offset = load_yaml_guess_indent(source)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    yaml.indent(mapping=indent, sequence=indent, offset=sequence_offset)

    def dump(document: Any) -> str:
        out = io.StringIO()
        yaml.dump(document, out)
        return out.getvalue()

    base = dump(yaml.load(source))
    edited_document = yaml.load(source)
    change(edited_document)
    result = transplant(source, base, dump(edited_document))
    return result.replace("\n", "\r\n") if crlf else result


def transplant(original: str, base: str, edited: str) -> str:
    """Carry the line changes from `base` to `edited` over into `original`, where `base`
    is `original` after a round trip. Lines are matched by their content, whatever their
    indentation (a round trip may re-indent lists it did not change); a changed line keeps
    the original's indentation and, where it can, every character the edit left alone.
    Falls back to `edited` when a change cannot be placed."""
    if base == original:
        return edited
    o_lines = original.splitlines(keepends=True)
    b_lines = base.splitlines(keepends=True)
    e_lines = edited.splitlines(keepends=True)
    position = _line_map(b_lines, o_lines)
    result = list(o_lines)
    changes = difflib.SequenceMatcher(None, b_lines, e_lines, autojunk=False).get_opcodes()
    for tag, b1, b2, e1, e2 in reversed(changes):
        if tag == "equal":
            continue
        span = _original_span(b1, b2, position, len(b_lines), len(o_lines))
        if span is None:
            return edited
        anchor = _anchor(b1, b2, position, b_lines, o_lines)
        result[span[0] : span[1]] = [
            _carry(o_lines, b_lines, span[0] + k, b1 + k, line) if b1 + k < b2
            else _reindent(line, anchor)
            for k, line in enumerate(e_lines[e1:e2])
        ]  # fmt: skip
    return "".join(result)


def _strip(line: str) -> str:
    return " ".join(line.split())


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))]


def _line_map(base: list[str], original: list[str]) -> dict[int, int]:
    """Base line index -> original line index, for lines whose content the round trip
    left alone (indentation and spacing aside)."""
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(
        None, [_strip(b) for b in base], [_strip(o) for o in original], autojunk=False
    )
    for tag, b1, b2, o1, _ in matcher.get_opcodes():
        if tag == "equal":
            mapping.update({b1 + k: o1 + k for k in range(b2 - b1)})
    return mapping


def _original_span(
    b1: int, b2: int, position: dict[int, int], base_len: int, original_len: int
) -> tuple[int, int] | None:
    """The original lines that base lines [b1, b2) stand for, found from their
    unchanged neighbours."""
    start = 0 if b1 == 0 else (position[b1 - 1] + 1 if b1 - 1 in position else None)
    end = original_len if b2 == base_len else position.get(b2)
    if start is None or end is None or end - start != b2 - b1:
        return None
    return start, end


_Anchor = tuple[str, str]
"""(indentation in the round trip, indentation in the original) of a neighbouring line."""


def _anchor(
    b1: int, b2: int, position: dict[int, int], base: list[str], original: list[str]
) -> _Anchor:
    for index in (b1 - 1, b2, b1):
        if index in position and 0 <= index < len(base):
            return _indent(base[index]), _indent(original[position[index]])
    return "", ""


def _reindent(line: str, anchor: _Anchor) -> str:
    """A new line, indented like its neighbour is in the original."""
    base_indent, original_indent = anchor
    own = _indent(line)
    if own.startswith(base_indent):
        return original_indent + own[len(base_indent) :] + line.lstrip(" ")
    return line


def _carry(original: list[str], base: list[str], o_index: int, b_index: int, edited: str) -> str:
    """The edited line written over the original one: only the characters the edit
    changed change, even where the round trip also respaced the line (`- {` vs `-   {`)."""
    old, was, new = original[o_index].lstrip(" "), base[b_index].lstrip(" "), edited.lstrip(" ")
    carried = _carry_characters(old, was, new)
    return _indent(original[o_index]) + (carried if carried is not None else new)


def _carry_characters(old: str, was: str, new: str) -> str | None:
    position: dict[int, int] = {}
    for tag, w1, w2, o1, _ in difflib.SequenceMatcher(None, was, old, autojunk=False).get_opcodes():
        if tag == "equal":
            position.update({w1 + k: o1 + k for k in range(w2 - w1)})
    result = old
    changes = difflib.SequenceMatcher(None, was, new, autojunk=False).get_opcodes()
    for tag, w1, w2, n1, n2 in reversed(changes):
        if tag == "equal":
            continue
        start = 0 if w1 == 0 else (position[w1 - 1] + 1 if w1 - 1 in position else None)
        end = len(old) if w2 == len(was) else position.get(w2)
        if start is None or end is None or end < start:
            return None
        result = result[:start] + new[n1:n2] + result[end:]
    return result
