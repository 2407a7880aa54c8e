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
    # Guessed from sequences (`  - id:` is indent 4, offset 2); a mapping nested in a
    # mapping (and a block scalar's text) goes two columns in, as in the files.
    mapping = indent - sequence_offset if indent - sequence_offset >= 2 else indent
    yaml.indent(mapping=mapping, sequence=indent, offset=sequence_offset)

    def dump(document: Any) -> str:
        out = io.StringIO()
        yaml.dump(document, out)
        return out.getvalue()

    base = dump(yaml.load(source))
    edited_document = yaml.load(source)
    change(edited_document)
    edited = dump(edited_document)
    result = _faithful(source, base, edited)
    return result.replace("\n", "\r\n") if crlf else result


def _faithful(source: str, base: str, edited: str) -> str:
    """The edit carried into the original text, checked: it must hold exactly the data
    of ruamel.yaml's own output. Carrying single characters keeps a line's spacing, but
    can misplace them in a dense flow line (`[{a: 1}, {b: 2}]`); then the changed lines
    are taken whole, and failing that, ruamel.yaml's output."""
    wanted = _data(edited)
    for carry in (True, False):
        result = transplant(source, base, edited, carry=carry)
        if _data(result) == wanted:
            return result
    return edited


def _data(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError:
        return _UNREADABLE


_UNREADABLE = object()


def transplant(original: str, base: str, edited: str, *, carry: bool = True) -> str:
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
            _carry(o_lines, b_lines, span[0] + k, b1 + k, line, carry) if b1 + k < b2
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


def _carry(
    original: list[str], base: list[str], o_index: int, b_index: int, edited: str, carry: bool
) -> str:
    """The edited line written over the original one: only the characters the edit
    changed change, even where the round trip also respaced the line (`- {` vs `-   {`);
    without `carry`, the edited line whole, at the original's indentation."""
    old, was, new = original[o_index].lstrip(" "), base[b_index].lstrip(" "), edited.lstrip(" ")
    carried = _carry_characters(old, was, new) if carry else None
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


def append_key(mapping: Any, key: str, value: object) -> None:
    """Set `key` in a round-trip mapping; a new key goes at the end, and the blank lines
    and comment lines that followed the old last entry follow the new one (ruamel.yaml
    keeps them with the last value, so the key would land below them)."""
    if key in mapping:
        mapping[key] = value
        return
    detach = _trailing_lines(mapping)
    mapping[key] = value
    moved = detach() if detach is not None else ""
    if moved:
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        # A value's comment starts with the end of its own line.
        mapping.ca.items[key] = [None, None, CommentToken("\n" + moved, CommentMark(0)), None]


def _trailing_lines(node: Any) -> Callable[[], str] | None:
    """What follows the last line of `node` (blank lines, comment lines), as a function
    that detaches it and returns its text; looked for in the deepest last value first.
    ruamel.yaml keeps it in the comment slot of the last entry, or, after a flow
    collection, at the end of the enclosing sequence."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not isinstance(node, CommentedMap | CommentedSeq) or not node:
        return None
    last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
    deeper = _trailing_lines(node[last])
    if deeper is not None:
        return deeper
    slots = node.ca.items.get(last)
    slot = 2 if isinstance(node, CommentedMap) else 0
    if slots and slots[slot] is not None:
        head, newline, rest = slots[slot].value.partition("\n")
        if rest:
            return lambda: _split_token(slots, slot, head + newline, rest)
    end = getattr(node.ca, "end", None)
    if end:
        return lambda: _take_end(node)
    return None


def _split_token(slots: list[Any], slot: int, kept: str, moved: str) -> str:
    """Keep the end-of-line comment on its line; hand over the lines after it."""
    if kept.strip():
        slots[slot].value = kept
    else:
        slots[slot] = None
    return moved


def _take_end(node: Any) -> str:
    text = "".join(token.value for token in node.ca.end)
    node.ca.end = []
    return text


PROSE_WIDTH = 72
"""Where prose written into a file wraps: with its indentation, under 80 columns."""


def prose(text: str, width: int = PROSE_WIDTH) -> object:
    """`text` to write as a value: a folded block scalar (`>-`) wrapped at `width` when
    it is long, else as it is. Text that folding would change (line breaks, runs of
    spaces, spaces at either end) is never folded."""
    import textwrap

    from ruamel.yaml.scalarstring import FoldedScalarString

    foldable = "\n" not in text and "  " not in text and text == text.strip()
    if len(text) <= width or not foldable:
        return text
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    folded = FoldedScalarString(text)
    positions, offset = [], 0
    for line in lines[:-1]:
        offset += len(line)
        positions.append(offset)  # the space the line ends at
        offset += 1
    folded.fold_pos = positions
    return folded


def remove_key(mapping: Any, key: str) -> None:
    """Remove `key` from a round-trip mapping, keeping the blank lines and comment lines
    that followed it (ruamel.yaml keeps them with the last value: removing the last key
    would remove them too). Its own end-of-line comment goes with it."""
    if key not in mapping:
        return
    last = list(mapping)[-1] == key
    slots = mapping.ca.items.pop(key, None)
    del mapping[key]
    token = slots[2] if slots else None
    if not last or token is None or not mapping:
        return
    _, _, rest = token.value.partition("\n")
    if rest:
        _attach_trailing(mapping, rest)


def _attach_trailing(node: Any, text: str) -> None:
    """Put `text` (whole lines) after the last line of `node`, where ruamel.yaml writes
    it from: the comment slot of the deepest last entry, or, after a flow collection in
    a sequence, the end of that sequence."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    def block(value: Any) -> bool:
        return isinstance(value, CommentedMap | CommentedSeq) and bool(value)

    while True:
        last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        value = node[last]
        if block(value) and not value.fa.flow_style():
            node = value
            continue
        break
    if isinstance(node, CommentedSeq) and block(value):
        if node.ca.comment is None:
            node.ca.comment = [None, None]  # the representer appends the end to it
        node.ca.end = [CommentToken(text, CommentMark(0))]
        return
    slot = 2 if isinstance(node, CommentedMap) else 0
    slots = node.ca.items.setdefault(last, [None, None, None, None])
    if slots[slot] is None:
        slots[slot] = CommentToken("\n" + text, CommentMark(0))
    else:
        slots[slot].value += text


def new_document_text(data: dict[str, Any]) -> str:
    """A new OKR file's YAML for `data`, laid out as the bundled files are (two-space
    mappings, list items indented under their key, no re-wrapped lines)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
