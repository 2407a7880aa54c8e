"""Bytes of a YAML file -> plain data (dict, list, str, int, float, bool, None, date)
plus the `Marks` of every key and value, or the findings that explain why not.

Callers never see a parser object. Parsing follows YAML 1.2 as ruamel.yaml's
round-trip loader does (`yes`/`no` stay strings). Before any parser runs, files beyond
`MAX_FILE_BYTES`, invalid UTF-8 and unresolved merge conflicts are refused; the hazards
inside the YAML are refused by `okrcli.read.folder`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from okrcli.base import codes
from okrcli.base.findings import Finding
from okrcli.read.events import libyaml, libyaml_events, ruamel_events
from okrcli.read.files import MAX_FILE_BYTES, too_large
from okrcli.read.folder import MAX_DEPTH, YamlDocument, error, fold, too_deep
from okrcli.read.positions import Position, line_col_of_offset
from okrcli.read.syntax import explain

_CONFLICT_MARKER = re.compile(r"^(<{7}|>{7})(?: |$)|^={7}$", re.MULTILINE)


@dataclass
class ReadResult:
    document: YamlDocument | None
    findings: list[Finding] = field(default_factory=list)


def read_yaml(raw: bytes, path: str) -> ReadResult:
    """Parse one YAML file's bytes; never raises for any input."""
    too_large = size_finding(len(raw), path)
    if too_large is not None:
        return ReadResult(None, [too_large])
    text_or_finding = _decode(raw, path)
    if isinstance(text_or_finding, Finding):
        return ReadResult(None, [text_or_finding])
    text = text_or_finding
    conflicts = _conflict_markers(text, path)
    if conflicts:
        return ReadResult(None, conflicts)
    yaml = libyaml()
    if yaml is not None:
        try:
            folded = fold(libyaml_events(yaml, text), path)
        except Exception as problem:  # any parser failure: ruamel.yaml words it, unless
            deep = _flow_too_deep(text) if "nesting depth" in str(problem) else None
            if deep is not None:  # libyaml gave up on nesting: ruamel.yaml is not asked
                return ReadResult(None, [too_deep(path, deep)])
        else:
            if folded.document is not None and "\t" in text and not _ruamel_reads(text):
                return _read_with_ruamel(text, path)  # tabs libyaml takes and the editor not
            return ReadResult(folded.document, folded.findings)
    return _read_with_ruamel(text, path)


def _ruamel_reads(text: str) -> bool:
    """Whether ruamel.yaml, the editor of `okr checkin`, parses `text`: checked for the
    few files with tabs, where it is stricter than libyaml and YAML itself."""
    try:
        for _ in ruamel_events(text):
            pass
    except Exception:  # its own syntax errors, and its bugs on odd input alike
        return False
    return True


def _flow_too_deep(text: str) -> Position | None:
    """Where flow brackets first nest deeper than `MAX_DEPTH` (the top-level mapping
    counts as one level), or None."""
    depth = 1
    for offset, char in enumerate(text):
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line_col_of_offset(text, offset)
        elif char in "]}":
            depth -= 1
    return None


def _read_with_ruamel(text: str, path: str) -> ReadResult:
    try:
        folded = fold(ruamel_events(text), path)
    except RecursionError:
        return ReadResult(None, [_syntax_finding(None, text, path)])
    except Exception as problem:  # the parser's own bugs on odd input are syntax errors too
        return ReadResult(None, [_syntax_finding(problem, text, path)])
    return ReadResult(folded.document, folded.findings)


def size_finding(size: int, path: str) -> Finding | None:
    """The size cap, for bytes that did not come through `read_bounded` (git blobs)."""
    return too_large(path, size) if size > MAX_FILE_BYTES else None


def _decode(raw: bytes, path: str) -> str | Finding:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        before = raw[: problem.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return error(
            path,
            (line, col),
            codes.ENCODING,
            f"invalid UTF-8 (byte 0x{raw[problem.start]:02x})",
            "save the file as UTF-8",
        )


def _conflict_markers(text: str, path: str) -> list[Finding]:
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []
    return [
        error(
            path,
            line_col_of_offset(text, match.start()),
            codes.MERGE_CONFLICT,
            f"unresolved merge conflict marker `{match.group(0).strip()}`",
            "resolve the conflict, keep one side, and remove the marker lines",
        )
        for match in _CONFLICT_MARKER.finditer(text)
    ]


def _syntax_finding(problem: Any, text: str, path: str) -> Finding:
    """A ruamel.yaml error as a finding at its place (a tab in the indentation before
    it is named as the cause). Exceptions that are not YAML errors (the parser's own
    bugs on odd input) are reported as invalid YAML at the start of the file."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    if not isinstance(problem, YAMLError):
        problem = None
    pos = _error_position(problem, text)
    tab = _first_indent_tab(text, up_to_line=pos[0])
    if tab is not None:
        return error(
            path,
            tab,
            codes.TAB,
            "tab character in indentation",
            "YAML indents with spaces only; replace the tab with spaces",
        )
    if isinstance(problem, ReaderError):
        char = problem.character
        code_point = char if isinstance(char, int) else ord(str(char)[:1] or "\0")
        return error(
            path,
            pos,
            codes.SYNTAX,
            f"control character U+{code_point:04X} is not allowed in an OKR file",
            "delete it (it is invisible in most editors: retype the line)",
        )
    said = ""
    if isinstance(problem, MarkedYAMLError):
        said = f"{problem.problem or ''} {problem.context or ''}"
    found = explain(text, pos, said)
    if found is not None:
        return error(path, found.position, codes.SYNTAX, found.message, found.hint)
    return error(
        path,
        pos,
        codes.SYNTAX,
        "this line is not valid YAML",
        "check its indentation (spaces, in line with the keys it belongs with) and quote "
        "any value that holds `: `, ` #` or starts with a special character",
    )


def _error_position(problem: Any, text: str) -> Position:
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    if isinstance(problem, ReaderError):
        return line_col_of_offset(text, problem.position)
    if isinstance(problem, MarkedYAMLError):
        mark = problem.problem_mark or problem.context_mark
        if mark is not None:
            return (mark.line + 1, mark.column + 1)
    return (1, 1)


def _first_indent_tab(text: str, up_to_line: int) -> Position | None:
    if "\t" not in text:
        return None
    for number, line in enumerate(text.splitlines()[:up_to_line], start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return (number, indent.index("\t") + 1)
    return None
