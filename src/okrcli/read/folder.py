"""YAML events -> plain data and `Marks`, or the findings that say why not.

One fold for both parsers (`okrcli.read.events`): libyaml's C parser reads every file
first; ruamel.yaml's parser is asked only where libyaml reports a syntax error, so its
wording of the error is the one users see. Whichever parser produced the events, the
same code decides what the data is and which hazards to refuse: anchors and aliases
(expansion bombs), tags other than the core ones, nesting beyond `MAX_DEPTH`, keys that
are not plain words, duplicate keys, values that look like dates or numbers but are
not. Iterative: no recursion, whatever the nesting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from okrcli.base import codes
from okrcli.base.findings import Finding, Level, Location
from okrcli.read.positions import Marks, Position, YamlPath
from okrcli.read.scalars import CORE_TAG, SCALAR_KINDS, construct, resolve_plain

MAX_DEPTH = 32


@dataclass
class YamlDocument:
    data: Any
    marks: Marks


@dataclass
class Folded:
    document: YamlDocument | None
    findings: list[Finding] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def error(path: str, pos: Position, code: str, message: str, hint: str | None) -> Finding:
    return Finding(Location(path, pos[0], pos[1]), Level.ERROR, code, message, hint)


def too_deep(path: str, pos: Position) -> Finding:
    return error(
        path,
        pos,
        codes.TOO_DEEP,
        f"nesting deeper than {MAX_DEPTH} levels",
        "OKR files need about six levels; flatten or remove this structure",
    )


def position(event: Any) -> Position:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def fold(events: Iterable[Any], path: str) -> Folded:
    """Fold one parser's events. Every event is consumed, so a syntax error anywhere in
    the file surfaces (as the parser's exception) before any hazard is reported; of the
    hazards, the first in document order is reported, duplicate keys all together.

    Nesting too deep is the exception: reading stops there, since parsers slow down (or
    give up) on deep nesting, and the nesting is the problem to report."""
    folder = _Folder(path)
    for event in events:
        folder.feed(event)
        if folder.refusal is not None and folder.refusal.code == codes.TOO_DEEP:
            break
    return folder.result()


_START = ("MappingStartEvent", "SequenceStartEvent")
_FRAMING = frozenset(
    ("StreamStartEvent", "StreamEndEvent", "DocumentStartEvent", "DocumentEndEvent")
)


@dataclass
class _Open:
    """A mapping or sequence being read, and in a mapping the key waiting for its value."""

    container: Any
    path: YamlPath
    skipping: bool = False
    key: Any = None
    """The path of the key waiting for its value (`_DUPLICATE` for a repeated key)."""
    key_event: Any = None


_END = ("MappingEndEvent", "SequenceEndEvent")


class _Folder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.marks = Marks()
        self.duplicates: list[Finding] = []
        self.refusal: Finding | None = None
        self.root: Any = None
        self.documents = 0
        self.nodes_at_top = 0
        self.extra_document: Finding | None = None
        self.stack: list[_Open] = []
        self.key_marks = self.marks.keys  # the dicts themselves: one lookup per node
        self.value_marks = self.marks.values

    # ---- events -------------------------------------------------------------------

    def feed(self, event: Any) -> None:
        name = type(event).__name__
        if name not in _FRAMING:  # most events: a node, or a mapping's or list's end
            if self.refusal is None and self.documents == 1:
                try:
                    self._node(event, name)
                except _Refused as refused:
                    self.refusal = refused.finding
            return  # else drain: only a syntax error later on could change the outcome
        if name == "DocumentStartEvent":
            self.documents += 1
            if self.documents == 2 and self.extra_document is None:
                self.extra_document = error(
                    self.path,
                    position(event),
                    codes.SYNTAX,
                    "YAML syntax error: but found another document "
                    "(expected a single document in the stream)",
                    "check the indentation and quoting around this place",
                )
            return

    def _node(self, event: Any, name: str) -> None:
        if name in _END:
            self.stack.pop()
            return
        if name == "AliasEvent":
            raise _Refused(self._alias_finding(event, f"*{event.anchor}"))
        if not self.stack:
            self.nodes_at_top += 1
            self.root = self._value(event, name, (), None)
            if name in _START:
                self.stack.append(_Open(self.root, ()))
            return
        parent = self.stack[-1]
        if parent.skipping:
            if name in _START:
                self.stack.append(_Open(None, parent.path, skipping=True))
            return
        container = parent.container
        if isinstance(container, dict) and parent.key is None:
            parent.key = self._key(event, name, container, parent.path)
            parent.key_event = event
            return
        if isinstance(container, dict):
            here, key_event = parent.key, parent.key_event
            parent.key = parent.key_event = None
            if here is _DUPLICATE:  # reported once; its value is not read
                if name in _START:
                    self.stack.append(_Open(None, parent.path, skipping=True))
                return
            value = self._value(event, name, here, key_event)
            container[here[-1]] = value
        else:
            here = (*parent.path, len(container))
            value = self._value(event, name, here, None)
            container.append(value)
        if name in _START:
            self.stack.append(_Open(value, here))

    # ---- nodes --------------------------------------------------------------------

    def _value(self, event: Any, name: str, where: YamlPath, key_event: Any) -> Any:
        if event.anchor is not None or event.tag is not None or len(where) >= MAX_DEPTH:
            self._check(event, name, where)
        if name == "ScalarEvent":
            self.value_marks[where] = self._value_position(event, key_event)
            return self._scalar(event)
        mark = event.start_mark
        self.value_marks[where] = (mark.line + 1, mark.column + 1)
        return {} if name == "MappingStartEvent" else []

    def _check(self, event: Any, name: str, where: YamlPath) -> None:
        if event.anchor is not None:
            raise _Refused(self._alias_finding(event, f"&{event.anchor}"))
        if not _standard_tag(event, name):
            raise _Refused(
                error(
                    self.path,
                    position(event),
                    codes.TAG,
                    f"YAML tag `{_short_tag(str(event.tag))}` is not allowed",
                    "remove the tag; OKR files hold plain strings, numbers, dates and lists",
                )
            )
        if len(where) + 1 > MAX_DEPTH:  # the top-level mapping is the first level
            raise _Refused(too_deep(self.path, position(event)))

    def _alias_finding(self, event: Any, shown: str) -> Finding:
        return error(
            self.path,
            position(event),
            codes.ALIAS,
            f"YAML anchors and aliases are not supported (`{shown}`)",
            "write the value out in full at each place",
        )

    def _key(self, event: Any, name: str, mapping: dict[str, Any], where: YamlPath) -> Any:
        """The key's path (one tuple for the key's mark and its value's: a document's marks
        were most of its memory), or `_DUPLICATE`."""
        if name != "ScalarEvent":
            raise _Refused(
                error(
                    self.path,
                    position(event),
                    codes.SYNTAX,
                    "a mapping key must be a plain word, not a list or mapping",
                    "keys are plain words such as `title` or `target`",
                )
            )
        if event.tag is not None and event.tag not in ("!", CORE_TAG + "str"):
            raise _Refused(
                error(
                    self.path,
                    position(event),
                    codes.TAG,
                    f"YAML tag `{_short_tag(str(event.tag))}` is not allowed",
                    "remove the tag; OKR files hold plain strings, numbers, dates and lists",
                )
            )
        self._no_plain_tab(event)
        key = str(event.value)
        child = (*where, key)
        if key in mapping:
            self.duplicates.append(self._duplicate(mapping, where, key, position(event)))
            return _DUPLICATE
        mapping[key] = None
        mark = event.start_mark
        self.key_marks[child] = (mark.line + 1, mark.column + 1)
        return child

    def _duplicate(
        self, mapping: dict[str, Any], where: YamlPath, key: str, here: Position
    ) -> Finding:
        """A key twice in one mapping; after a list of mappings it is most often a key of
        that list's last entry, indented too little: then say so, with the column."""
        first = self.marks.keys[(*where, key)]
        entry = _last_entry_keys(mapping, where, first, self.marks)
        if entry is not None:
            name, column = entry
            return error(
                self.path,
                here,
                codes.DUPLICATE_KEY,
                f"`{key}` is indented like the keys of this mapping (where `{key}` is on line "
                f"{first[0]} already), below the entries of `{name}`",
                f"if it belongs to the last entry of `{name}` above, indent it to column "
                f"{column}; else keep one of the two",
            )
        return error(
            self.path,
            here,
            codes.DUPLICATE_KEY,
            f"duplicate key `{key}` (first defined at line {first[0]})",
            "keep one of them",
        )

    @staticmethod
    def _value_position(event: Any, key_event: Any) -> Position:
        """Where a scalar is. An empty value (`title:`) is placed just after the colon,
        whichever parser read it (ruamel.yaml places it at the start of the next line)."""
        if key_event is not None and event.value == "" and not event.style:
            return (key_event.end_mark.line + 1, key_event.end_mark.column + 2)
        mark = event.start_mark
        return (mark.line + 1, mark.column + 1)

    def _scalar(self, event: Any) -> Any:
        text = str(event.value)
        self._no_plain_tab(event)
        tag = event.tag
        if tag is None or tag == "!":
            kind = resolve_plain(text) if event.implicit[0] else "str"
        else:
            kind = str(tag)[len(CORE_TAG) :]
        if kind == "str" and event.style == ">":
            return text.replace("\a", "")  # ruamel.yaml marks fold points with \a
        try:
            return construct(kind, text)
        except (ValueError, OverflowError, IndexError):
            raise _Refused(self._bad_scalar(event, kind)) from None

    def _no_plain_tab(self, event: Any) -> None:
        """YAML allows a tab inside an unquoted value, but ruamel.yaml (the editor of
        `okr checkin`) does not: refuse it, so that every file okrcli reads it can edit."""
        if "\t" in event.value and not event.style:
            raise _Refused(
                error(
                    self.path,
                    position(event),
                    codes.TAB,
                    "tab character inside an unquoted value",
                    "replace the tab with spaces, or put the value in quotes",
                )
            )

    def _bad_scalar(self, event: Any, kind: str) -> Finding:
        if kind == "timestamp":
            message = f"`{event.value}` looks like a date but is not a real one"
            hint = "dates are YYYY-MM-DD with a real month and day; quote other text"
        elif kind == "bool":
            message = f"`{event.value}` is tagged `!!bool` but is not true or false"
            hint = "write true or false, without the tag"
        else:
            message = f"`{event.value}` looks like a number but is not one"
            hint = "write a plain number such as 42 or 0.5, or quote the text"
        return error(self.path, position(event), codes.INVALID_VALUE, message, hint)

    # ---- the outcome ----------------------------------------------------------------

    def result(self) -> Folded:
        if self.extra_document is not None:
            return Folded(None, [self.extra_document])
        if self.refusal is not None:
            return Folded(None, [self.refusal])
        if self.duplicates:
            return Folded(None, self.duplicates)
        if self.nodes_at_top == 0:
            return Folded(
                None,
                [
                    error(
                        self.path,
                        (1, 1),
                        codes.EMPTY_FILE,
                        "file is empty",
                        "start with `period:` and `team:`",
                    )
                ],
            )
        if not isinstance(self.root, dict):
            what = "a list" if isinstance(self.root, list) else "a single value"
            return Folded(
                None,
                [
                    error(
                        self.path,
                        self.marks.values[()],
                        codes.NOT_A_MAPPING,
                        f"the file holds {what}; an OKR file is a mapping with `period`, "
                        "`team` and `objectives`",
                        "see `okr init` for an example",
                    )
                ],
            )
        return Folded(YamlDocument(self.root, self.marks))


_DUPLICATE = object()


def _standard_tag(event: Any, name: str) -> bool:
    tag = event.tag
    if tag is None or tag == "!":
        return True
    tag = str(tag)
    if not tag.startswith(CORE_TAG):
        return False
    kind = tag[len(CORE_TAG) :]
    if name == "MappingStartEvent":
        return kind == "map"
    if name == "SequenceStartEvent":
        return kind == "seq"
    return kind in SCALAR_KINDS


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(CORE_TAG) :] if tag.startswith(CORE_TAG) else tag


def _last_entry_keys(
    mapping: dict[str, Any], where: YamlPath, first: Position, marks: Marks
) -> tuple[str, int] | None:
    """(name, key column) of a list of mappings in `mapping` that starts after `first`:
    the place a dedented key most likely belongs to."""
    for name, value in reversed(list(mapping.items())):
        if not isinstance(value, list) or not value or not isinstance(value[-1], dict):
            continue
        start = marks.keys.get((*where, name))
        if start is None or start < first:
            return None
        last = len(value) - 1
        columns = [pos[1] for path, pos in marks.keys.items() if path[:-1] == (*where, name, last)]
        return (name, min(columns)) if columns else None
    return None
