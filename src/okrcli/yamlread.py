"""The one module that parses YAML for reading.

`read_yaml(raw)` turns the bytes of a file into plain Python data (dict, list, str,
int, float, bool, None, date) plus the `Marks` of every key and value, or into the
findings that explain why it cannot. Callers never see a parser object, so a faster
C-based reader can replace this one without touching them.

Parsing follows YAML 1.2 as ruamel.yaml's round-trip loader does (`yes`/`no` stay
strings). Hazards are refused before anything walks the tree: tags, anchors and
aliases (alias expansion bombs), nesting beyond `MAX_DEPTH`, files beyond
`MAX_FILE_BYTES`, invalid UTF-8, unresolved merge conflicts and duplicate keys.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from okrcli import codes
from okrcli.findings import Finding, Level, Location
from okrcli.source import Marks, Position, YamlPath, line_col_of_offset

if TYPE_CHECKING:
    # ruamel.yaml loads only for files the fast reader declines: a clean file never
    # pays for importing it (about 80 ms).
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32

_CORE = "tag:yaml.org,2002:"
_CONFLICT_MARKER = re.compile(r"^(<{7}|>{7})(?: |$)|^={7}$", re.MULTILINE)


@dataclass
class YamlDocument:
    data: Any
    marks: Marks


@dataclass
class ReadResult:
    document: YamlDocument | None
    findings: list[Finding] = field(default_factory=list)


class _Refused(Exception):
    """A hazard found while walking the node tree; stops the walk at once."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


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
    fast = _fast_read(text)
    if fast is not None:
        return ReadResult(fast)
    # Anything the fast reader declines (a hazard, an error, no libyaml) is judged here,
    # so findings are the same whichever reader saw the file first.
    from ruamel.yaml.error import YAMLError

    try:
        node = _compose(text)
    except RecursionError:
        return ReadResult(None, [_too_deep(path, _deep_position(text))])
    except YAMLError as error:
        return ReadResult(None, [_syntax_finding(error, text, path)])
    if node is None:
        return _fail(
            path, (1, 1), codes.EMPTY_FILE, "file is empty", "start with `period:` and `team:`"
        )
    if _kind(node) != "mapping":
        what = "a list" if _kind(node) == "sequence" else "a single value"
        return _fail(
            path,
            _node_position(node),
            codes.NOT_A_MAPPING,
            f"the file holds {what}; an OKR file is a mapping with `period`, `team` "
            "and `objectives`",
            "see `okr init` for an example",
        )
    return _build(cast("MappingNode", node), path)


def size_finding(size: int, path: str) -> Finding | None:
    """The size cap, checked before a file is read into memory."""
    if size <= MAX_FILE_BYTES:
        return None
    return _finding(
        path,
        (1, 1),
        codes.TOO_LARGE,
        f"file is {size:,} bytes; okrcli reads files up to {MAX_FILE_BYTES:,} bytes",
        "split the file: one file per team and period keeps them small",
    )


def _fail(path: str, pos: Position, code: str, message: str, hint: str | None) -> ReadResult:
    return ReadResult(None, [_finding(path, pos, code, message, hint)])


def _finding(path: str, pos: Position, code: str, message: str, hint: str | None) -> Finding:
    return Finding(Location(path, pos[0], pos[1]), Level.ERROR, code, message, hint)


def _decode(raw: bytes, path: str) -> str | Finding:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return _finding(
            path,
            (line, col),
            codes.ENCODING,
            f"invalid UTF-8 (byte 0x{raw[error.start]:02x})",
            "save the file as UTF-8",
        )


def _conflict_markers(text: str, path: str) -> list[Finding]:
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []
    return [
        _finding(
            path,
            line_col_of_offset(text, match.start()),
            codes.MERGE_CONFLICT,
            f"unresolved merge conflict marker `{match.group(0).strip()}`",
            "resolve the conflict, keep one side, and remove the marker lines",
        )
        for match in _CONFLICT_MARKER.finditer(text)
    ]


def _compose(text: str) -> Node | None:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    constructor, _parser = yaml.get_constructor_parser(io.StringIO(text))
    with warnings.catch_warnings():
        # e.g. ReusedAnchorWarning: anchors are refused with a finding of our own.
        warnings.simplefilter("ignore")
        node: Node | None = constructor.composer.get_single_node()
    return node


def _syntax_finding(error: YAMLError, text: str, path: str) -> Finding:
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    pos = _error_position(error, text)
    tab = _first_indent_tab(text, up_to_line=pos[0])
    if tab is not None:
        return _finding(
            path,
            tab,
            codes.TAB,
            "tab character in indentation",
            "YAML indents with spaces only; replace the tab with spaces",
        )
    if isinstance(error, MarkedYAMLError):
        problem = error.problem or "invalid YAML"
        if error.context:
            problem = f"{problem} ({error.context})"
    else:
        problem = str(error).splitlines()[0] if str(error) else "invalid YAML"
    if isinstance(error, ReaderError):
        char = error.character
        code_point = char if isinstance(char, int) else ord(str(char)[:1] or "\0")
        problem = f"control character U+{code_point:04X} is not allowed"
    return _finding(
        path,
        pos,
        codes.SYNTAX,
        f"YAML syntax error: {problem}",
        "check the indentation and quoting around this place",
    )


def _error_position(error: YAMLError, text: str) -> Position:
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    if isinstance(error, ReaderError):
        return line_col_of_offset(text, error.position)
    if isinstance(error, MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
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


def _too_deep(path: str, pos: Position) -> Finding:
    return _finding(
        path,
        pos,
        codes.TOO_DEEP,
        f"nesting deeper than {MAX_DEPTH} levels",
        "OKR files need about six levels; flatten or remove this structure",
    )


def _deep_position(text: str) -> Position:
    """Where nesting first passes MAX_DEPTH; the parser's events are not recursive."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    depth = 0
    try:
        for event in YAML(typ="rt", pure=True).parse(io.StringIO(text)):
            name = type(event).__name__
            if name in ("MappingStartEvent", "SequenceStartEvent"):
                depth += 1
                if depth > MAX_DEPTH:
                    return (event.start_mark.line + 1, event.start_mark.column + 1)
            elif name in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
    except YAMLError:
        pass
    return (1, 1)


def _node_position(node: Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _build(root: MappingNode, path: str) -> ReadResult:
    """Walk the node tree without recursion into plain data and marks."""
    builder = _Builder(path)
    try:
        data = builder.build(root)
    except _Refused as refused:
        return ReadResult(None, [refused.finding])
    if builder.findings:
        return ReadResult(None, builder.findings)
    return ReadResult(YamlDocument(data, builder.marks))


_Assign = Callable[[Any], None]


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.marks = Marks()
        self.findings: list[Finding] = []
        from ruamel.yaml import YAML

        self._constructor: Any = YAML(typ="rt", pure=True).constructor

    def build(self, root: Node) -> Any:
        result: list[Any] = [None]

        def assign_root(value: Any) -> None:
            result[0] = value

        self.marks.values[()] = _node_position(root)
        stack: list[tuple[Node, YamlPath, _Assign]] = [(root, (), assign_root)]
        while stack:
            node, where, assign = stack.pop()
            self._refuse_hazards(node, where)
            if _kind(node) == "mapping":
                assign(self._mapping(cast("MappingNode", node), where, stack))
            elif _kind(node) == "sequence":
                assign(self._sequence(cast("SequenceNode", node), where, stack))
            else:
                assign(self._checked_scalar(node))
        return result[0]

    def _refuse_hazards(self, node: Node, where: YamlPath) -> None:
        pos = _node_position(node)
        if getattr(node, "anchor", None):
            raise _Refused(
                _finding(
                    self.path,
                    pos,
                    codes.ALIAS,
                    f"YAML anchors and aliases are not supported (`&{node.anchor}`)",
                    "write the value out in full at each place",
                )
            )
        if not _standard_tag(node):
            raise _Refused(
                _finding(
                    self.path,
                    pos,
                    codes.TAG,
                    f"YAML tag `{_short_tag(str(node.tag))}` is not allowed",
                    "remove the tag; OKR files hold plain strings, numbers, dates and lists",
                )
            )
        if len(where) + 1 > MAX_DEPTH:  # the top-level mapping is the first level
            raise _Refused(_too_deep(self.path, pos))

    def _mapping(
        self, node: MappingNode, where: YamlPath, stack: list[tuple[Node, YamlPath, _Assign]]
    ) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        children: list[tuple[Node, YamlPath, _Assign]] = []
        for key_node, value_node in node.value:
            if _kind(key_node) != "scalar":
                raise _Refused(
                    _finding(
                        self.path,
                        _node_position(key_node),
                        codes.SYNTAX,
                        "a mapping key must be a plain word, not a list or mapping",
                        "keys are plain words such as `title` or `target`",
                    )
                )
            key = str(key_node.value)
            child = (*where, key)
            key_pos = _node_position(key_node)
            if key in mapping:
                first = self.marks.keys[child]
                self.findings.append(
                    _finding(
                        self.path,
                        key_pos,
                        codes.DUPLICATE_KEY,
                        f"duplicate key `{key}` (first defined at line {first[0]})",
                        "keep one of them",
                    )
                )
                continue
            mapping[key] = None
            self.marks.keys[child] = key_pos
            self.marks.values[child] = _value_position(key_node, value_node)
            children.append((value_node, child, _setter(mapping, key)))
        stack.extend(reversed(children))  # popped in document order
        return mapping

    def _sequence(
        self, node: SequenceNode, where: YamlPath, stack: list[tuple[Node, YamlPath, _Assign]]
    ) -> list[Any]:
        items: list[Any] = [None] * len(node.value)
        children: list[tuple[Node, YamlPath, _Assign]] = []
        for index, item_node in enumerate(node.value):
            child = (*where, index)
            self.marks.values[child] = _node_position(item_node)
            children.append((item_node, child, _setter(items, index)))
        stack.extend(reversed(children))  # popped in document order
        return items

    def _checked_scalar(self, node: Node) -> Any:
        try:
            return self._scalar(node)
        # 2026-13-45 looks like a date, 0x_ like a number: ruamel's constructors then fail
        # with ValueError, IndexError and the like. Any such failure is this value's fault.
        except Exception:
            raise _Refused(self._bad_scalar(node)) from None

    def _bad_scalar(self, node: Node) -> Finding:
        if _scalar_kind(node) == "date":
            message = f"`{node.value}` looks like a date but is not a real one"
            hint = "dates are YYYY-MM-DD with a real month and day; quote other text"
        else:
            message = f"`{node.value}` looks like a number but is not one"
            hint = "write a plain number such as 42 or 0.5, or quote the text"
        return _finding(self.path, _node_position(node), codes.INVALID_VALUE, message, hint)

    def _scalar(self, node: Node) -> Any:
        kind = str(node.tag)[len(_CORE) :]
        if kind == "str":
            # ruamel's round-trip composer marks fold points of `>` scalars with \a.
            folded = getattr(node, "style", None) == ">"
            return str(node.value).replace("\a", "") if folded else str(node.value)
        if kind == "null":
            return None
        if kind == "bool":
            return str(node.value).lower() == "true"
        if kind == "int":
            return int(self._constructor.construct_yaml_int(node))
        if kind == "float":
            return float(self._constructor.construct_yaml_float(node))
        return _plain_timestamp(self._constructor.construct_yaml_timestamp(node))


def _value_position(key_node: Node, value_node: Node) -> Position:
    """Where a mapping value starts. An empty value (`title:`) is placed just after the
    colon, as libyaml does, not at the start of the next line as ruamel.yaml does."""
    empty = _kind(value_node) == "scalar" and value_node.value == ""
    if empty and not getattr(value_node, "style", None):
        return (key_node.end_mark.line + 1, key_node.end_mark.column + 2)
    return _node_position(value_node)


def _kind(node: Node) -> str:
    """`mapping`, `sequence` or `scalar` (checked without importing the node classes)."""
    return str(getattr(node, "id", ""))


def _setter(container: Any, slot: Any) -> _Assign:
    def assign(value: Any) -> None:
        container[slot] = value

    return assign


_SCALAR_TAGS = frozenset(("str", "null", "bool", "int", "float", "timestamp"))


def _standard_tag(node: Node) -> bool:
    tag = str(node.tag)
    if not tag.startswith(_CORE):
        return False
    kind = tag[len(_CORE) :]
    if _kind(node) == "mapping":
        return kind == "map"
    if _kind(node) == "sequence":
        return kind == "seq"
    return kind in _SCALAR_TAGS


def _scalar_kind(node: Node) -> str:
    kind = str(node.tag)[len(_CORE) :]
    return "date" if kind == "timestamp" else kind


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _plain_timestamp(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime):
        return dt.datetime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            value.tzinfo,
        )
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    raise TypeError(f"unexpected timestamp value {value!r}")


# ---- the fast reader: libyaml's C parser, events folded into data without recursion ----


def _fast_read(text: str) -> YamlDocument | None:
    """The document of a clean file through PyYAML's C parser, or None to let the
    round-trip reader decide (errors, hazards, or no libyaml on this machine)."""
    from okrcli import fastyaml

    return fastyaml.read(text, MAX_DEPTH)
