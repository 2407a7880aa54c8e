"""OKR files -> validated documents and findings. Never prints.

`load_file` reads one file: YAML (`okrcli.read.reader`), then the pydantic models, with
every pydantic error mapped back to the line and column of the offending key or value
(`okrcli.read.model_errors`). Documents and findings name their file by its absolute
path; the renderers decide how to show it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrcli.base import codes
from okrcli.base.findings import Finding, Level, Location

if TYPE_CHECKING:
    from okrcli.model.okr_file import OkrFile
    from okrcli.read.positions import Marks


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


def shown_path(file: Path) -> str:
    """The path findings and documents carry: absolute, so that renderers can show it
    relative to wherever the user is."""
    return str(file.absolute())


def load_files(files: list[Path]) -> LoadResult:
    result = LoadResult()
    for file in files:
        shown = shown_path(file)
        result.files.append(shown)
        document, findings = load_file(file, shown)
        result.findings.extend(findings)
        if document is not None:
            result.documents.append(document)
    return result


def load_file(file: Path, shown: str) -> tuple[Document | None, list[Finding]]:
    raw = read_limited(file, shown)
    if isinstance(raw, list):
        return None, raw
    return parse_document(raw, file, shown)


def read_limited(file: Path, shown: str) -> bytes | list[Finding]:
    """The file's bytes, or a finding when it is unreadable or over the size cap."""
    from okrcli.read.reader import size_finding

    try:
        too_large = size_finding(file.stat().st_size, shown)
        if too_large is not None:
            return [too_large]
        return file.read_bytes()
    except OSError as problem:
        reason = problem.strerror or str(problem)
        message = f"cannot read file: {reason}"
        hint = "check that the file exists and that you may read it"
        return [Finding(Location(shown), Level.ERROR, codes.UNREADABLE, message, hint)]


def parse_document(raw: bytes, file: Path, shown: str) -> tuple[Document | None, list[Finding]]:
    """Bytes of one OKR file -> a validated document, or the findings saying why not;
    through the cache of parsed files (`okrcli.read.cache`) when it is on."""
    from okrcli.read import cache

    if not cache.enabled():
        return _parse(raw, file, shown)
    folder, entry = cache.folder_for(file.parent), cache.key(raw)
    hit = cache.get(folder, entry)
    if hit is not None:
        return _from_cache(hit, file, shown)
    document, findings = _parse(raw, file, shown)
    cache.put(folder, entry, _to_cache(document, findings))
    return document, findings


_CachedFinding = tuple[int, int, str, str, str, str | None]


def _to_cache(document: Document | None, findings: list[Finding]) -> tuple[Any, ...]:
    """Path-free: the same content in another file (or at another revision) hits too."""
    if document is not None:
        return ("document", document.okr, document.marks, dict(document.directives))
    rows: list[_CachedFinding] = [
        (f.location.line, f.location.col, f.level.value, f.code, f.message, f.hint)
        for f in findings
    ]
    return ("findings", rows)


def _from_cache(
    hit: tuple[Any, ...], file: Path, shown: str
) -> tuple[Document | None, list[Finding]]:
    if hit[0] == "document":
        _, okr, marks, directives = hit
        return Document(shown, file, okr, marks, directives), []
    findings = [
        Finding(Location(shown, line, col), Level(level), code, message, hint)
        for line, col, level, code, message, hint in hit[1]
    ]
    return None, findings


def _parse(raw: bytes, file: Path, shown: str) -> tuple[Document | None, list[Finding]]:
    from okrcli.read.reader import read_yaml

    read = read_yaml(raw, shown)
    if read.document is None:
        return None, read.findings
    from pydantic import ValidationError

    from okrcli.model.okr_file import OkrFile
    from okrcli.read.model_errors import findings_from_validation_error

    try:
        okr = OkrFile.model_validate(read.document.data)
    except ValidationError as problem:
        return None, findings_from_validation_error(problem, read.document, shown, OkrFile)
    directives = find_directives(raw.decode("utf-8", errors="replace"))
    return Document(shown, file, okr, read.document.marks, directives), []
