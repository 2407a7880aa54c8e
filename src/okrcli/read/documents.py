"""OKR files -> validated documents and findings. Never prints.

`load_file` reads one file: YAML (`okrcli.read.reader`), then the pydantic models, with
every pydantic error mapped back to the line and column of the offending key or value
(`okrcli.read.model_errors`). Documents and findings name their file by its absolute
path; the renderers decide how to show it.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrcli.base.findings import Finding, Level, Location
from okrcli.model.period import GREGORIAN, Calendar
from okrcli.read.files import read_bounded
from okrcli.read.files import shown_path as shown_path  # re-exported: documents name files by it

if TYPE_CHECKING:
    from okrcli.model.okr_file import OkrFile
    from okrcli.read.positions import Marks, PositionMap


@dataclass(frozen=True)
class Directive:
    """A `# okr: ...` comment: its text after `okr:`, and whether the comment stands
    alone on its line. What a directive means is up to its reader (the linter reads
    `disable=`)."""

    text: str
    alone: bool


@dataclass(frozen=True)
class Document:
    """One valid OKR file: where it is, its model, and where each value sits."""

    path: str
    """The file's absolute path, as findings name it."""
    file: Path
    okr: OkrFile
    marks: Marks
    directives: Mapping[int, Directive] = field(default_factory=dict)

    @cached_property
    def objective_lines(self) -> tuple[int, ...]:
        """The line each objective starts on, in file order."""
        return tuple(
            self.marks.value(("objectives", index))[0] for index in range(len(self.okr.objectives))
        )


_DIRECTIVE = re.compile(r"#\s*okr:\s*(.*)$")


def find_directives(text: str) -> dict[int, Directive]:
    """Line number -> the `# okr: ...` comment on it."""
    if "okr:" not in text:
        return {}
    found: dict[int, Directive] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _DIRECTIVE.search(line)
        if match is not None:
            found[number] = Directive(match.group(1), alone=line.lstrip().startswith("#"))
    return found


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReadFile:
    """One file as read: its bytes, or the finding that says why it could not be read."""

    file: Path
    shown: str
    raw: bytes | Finding


def read_files(files: list[Path], root: Path | None = None) -> list[ReadFile]:
    """Each file's bytes, read once and safely (`okrcli.read.files.read_bounded`)."""
    return [ReadFile(file, shown_path(file), read_bounded(file, root)) for file in files]


def load_files(
    files: list[Path], root: Path | None = None, calendar: Calendar = GREGORIAN
) -> LoadResult:
    return load_read(read_files(files, root), calendar)


def load_read(read: list[ReadFile], calendar: Calendar = GREGORIAN) -> LoadResult:
    """Documents and findings of files already read: what is validated is exactly the
    bytes that were read (and hashed, where the caller keys a cache by them)."""
    result = LoadResult()
    with _no_collection():
        for item in read:
            result.files.append(item.shown)
            if isinstance(item.raw, Finding):
                result.findings.append(item.raw)
                continue
            document, findings = parse_document(item.raw, item.file, item.shown, calendar)
            result.findings.extend(findings)
            if document is not None:
                result.documents.append(document)
    return result


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """Loading allocates millions of small objects that all stay alive (the documents):
    the cyclic garbage collector, triggered by allocations, would scan them again and
    again for nothing (a fifth of the CPU at 1,000 files, more at 10,000). Reference
    counting still frees what is dropped; the collector runs again afterwards."""
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def parse_document(
    raw: bytes, file: Path, shown: str, calendar: Calendar = GREGORIAN
) -> tuple[Document | None, list[Finding]]:
    """Bytes of one OKR file -> a validated document, or the findings saying why not;
    through the cache (`okrcli.read.cache`) when it is on. The calendar (okrcli.yaml)
    gives fiscal period labels their dates; the cache keeps what does not depend on it
    (the calendar's name is part of the key, since it decides what is valid)."""
    from okrcli.read import cache

    if not cache.enabled():
        document, findings, _ = _parse(raw, file, shown, calendar)
        return document, findings
    folder = cache.folder_for(file.parent)
    entry = document_key(raw, calendar)
    hit = _from_cache(cache.get(folder, _NAMESPACE, entry), file, shown, calendar)
    if hit is not None:
        return hit
    document, findings, marks = _parse(raw, file, shown, calendar)
    cache.put(folder, _NAMESPACE, entry, _to_cache(document, marks, findings))
    return document, findings


_NAMESPACE = "document"


def document_key(raw: bytes, calendar: Calendar = GREGORIAN) -> str:
    """The cache key of a file's parse: its bytes and the calendar that reads its period
    (which decides whether a fiscal label is valid)."""
    from okrcli.read import cache

    return cache.key(_NAMESPACE, [raw, repr(calendar)])


def _to_cache(
    document: Document | None, marks: Marks | None, findings: list[Finding]
) -> dict[str, Any]:
    """Plain data, path-free: the same content in another file (or at another revision)
    hits too."""
    if document is not None and marks is not None:
        return {
            "document": document.okr.model_dump_json(),
            # One string, parsed only when a finding needs a position: as JSON lists in the
            # entry, every hit built (and kept) thousands of lists it never used.
            "marks": json.dumps(
                [
                    [[list(path), *position] for path, position in marks.keys.items()],
                    [[list(path), *position] for path, position in marks.values.items()],
                ],
                separators=(",", ":"),
            ),
            "directives": [[line, d.text, d.alone] for line, d in document.directives.items()],
        }
    return {
        "findings": [
            [f.location.line, f.location.col, f.level.value, f.code, f.message, f.hint]
            for f in findings
        ]
    }


def _from_cache(
    value: Any, file: Path, shown: str, calendar: Calendar
) -> tuple[Document | None, list[Finding]] | None:
    """What a cached value stands for, or None when it is not exactly what okrcli
    writes (then the file is parsed afresh). A document is validated by the models again."""
    try:
        if isinstance(value, dict) and "document" in value:
            return _document_from_cache(value, file, shown, calendar), []
        if isinstance(value, dict) and "findings" in value:
            return None, [_finding_from_cache(row, shown) for row in value["findings"]]
    except (TypeError, ValueError, KeyError, IndexError):
        return None
    return None


def _document_from_cache(
    value: dict[str, Any], file: Path, shown: str, calendar: Calendar
) -> Document:
    from okrcli.model.okr_file import OkrFile
    from okrcli.read.positions import Marks

    text = value["document"]
    if not isinstance(text, str):
        raise TypeError("document")
    # a pydantic ValidationError is a ValueError
    okr = OkrFile.model_validate_json(text, context={"calendar": calendar})
    marks_text = value["marks"]
    if not isinstance(marks_text, str):
        raise TypeError("marks")
    marks = Marks.later(partial(_cached_marks, marks_text))
    directives = {
        _whole(line): Directive(_text(text_), _flag(alone))
        for line, text_, alone in value["directives"]
    }
    return Document(shown, file, okr, marks, directives)


def _cached_marks(text: str) -> tuple[PositionMap, PositionMap]:
    """The marks of a cache entry, decoded when a finding first needs a position. The
    entry is okrcli's own (in a folder only its owner writes, under a key of its bytes and
    code); should it still be damaged, the findings point at the file's first line rather
    than fail."""
    try:
        key_rows, value_rows = json.loads(text)
        return _marks(key_rows), _marks(value_rows)
    except (TypeError, ValueError, RecursionError):
        return {}, {}


_PATH_PART_TYPES = frozenset({str, int})


def _marks(rows: Any) -> PositionMap:
    """Marks from a cache entry, each part checked. Exact type tests (JSON gives exact
    `str`, `int` and `bool`, and a bool is no position): a warm run checks two million
    parts at 1,000 files, and this is a third of the cost of isinstance calls."""
    found: PositionMap = {}
    for path, line, col in rows:
        if (
            type(path) is not list
            or type(line) is not int
            or type(col) is not int
            or not _PATH_PART_TYPES.issuperset(map(type, path))
        ):
            raise TypeError("mark")
        found[tuple(path)] = (line, col)
    return found


def _finding_from_cache(row: Any, shown: str) -> Finding:
    line, col, level, code, message, hint = row
    if hint is not None:
        hint = _text(hint)
    return Finding(
        Location(shown, _whole(line), _whole(col)), Level(level), _text(code), _text(message), hint
    )


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _whole(value: Any) -> int:
    if not _is_whole(value):
        raise TypeError("not a whole number")
    return int(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("not true or false")
    return value


def _parse(
    raw: bytes, file: Path, shown: str, calendar: Calendar
) -> tuple[Document | None, list[Finding], Marks | None]:
    """The document (or the findings), and the marks read with it. The document keeps
    its bytes, not its marks: they are read again when a finding first needs a position.
    Marks were a third of a document's memory (38 of 115 KB for a 4.6 KB file), and most
    files have no finding."""
    from okrcli.read.reader import read_yaml

    read = read_yaml(raw, shown)
    if read.document is None:
        return None, read.findings, None
    from pydantic import ValidationError

    from okrcli.model.okr_file import OkrFile
    from okrcli.read.model_errors import findings_from_validation_error
    from okrcli.read.positions import Marks

    try:
        okr = OkrFile.model_validate(read.document.data, context={"calendar": calendar})
    except ValidationError as problem:
        text = raw.decode("utf-8", errors="replace")
        found = findings_from_validation_error(problem, read.document, shown, OkrFile, text)
        return None, found, None
    directives = find_directives(raw.decode("utf-8", errors="replace"))
    later = Marks.later(partial(_marks_read_again, raw, shown))
    return Document(shown, file, okr, later, directives), [], read.document.marks


def _marks_read_again(raw: bytes, shown: str) -> tuple[PositionMap, PositionMap]:
    """The marks of a document's bytes, read again (as they were the first time: the
    bytes are the document's own)."""
    from okrcli.read.reader import read_yaml

    document = read_yaml(raw, shown).document
    if document is None:  # cannot be: these bytes made a document
        return {}, {}
    return document.marks.keys, document.marks.values
