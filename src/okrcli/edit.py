"""Round-trip edits of OKR files: change one value, keep everything else.

ruamel.yaml's round-trip mode makes the edit. Its output can still differ from the file
in places the edit never touched (the indentation of a folded string, how `null` is
written), so only the lines the edit changed are carried over into the original text:
afterwards `git diff` shows just those. The edited text is validated before it is
written, and written atomically (temporary file in the same folder, fsync, replace),
keeping the file's mode; a file changed by someone else in between is not overwritten.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


class EditError(Exception):
    """The edit could not be made; nothing was written."""


def round_trip_edit(text: str, change: Callable[[Any], None]) -> str:
    """Apply `change` to the round-trip document of `text`; return the new text."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, indent, sequence_offset = load_yaml_guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    yaml.indent(mapping=indent, sequence=indent, offset=sequence_offset)

    def dump(document: Any) -> str:
        out = io.StringIO()
        yaml.dump(document, out)
        return out.getvalue()

    base = dump(yaml.load(text))
    edited_document = yaml.load(text)
    change(edited_document)
    return transplant(text, base, dump(edited_document))


def transplant(original: str, base: str, edited: str) -> str:
    """Carry the line changes from `base` to `edited` over into `original`, where `base`
    is `original` after a round trip. Falls back to `edited` when they cannot be placed."""
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
        result[span[0] : span[1]] = e_lines[e1:e2]
    return "".join(result)


def _line_map(base: list[str], original: list[str]) -> dict[int, int]:
    """Base line index -> original line index, for lines the round trip left alone."""
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, base, original, autojunk=False)
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


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(file: Path, text: str, expected_hash: str) -> None:
    """Replace `file` with `text` unless its content no longer hashes to `expected_hash`."""
    mode = file.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).chmod(mode)
        if content_hash(file.read_bytes()) != expected_hash:
            raise EditError(f"{file} changed while okr was editing it; nothing written, try again")
        Path(temporary).replace(file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
