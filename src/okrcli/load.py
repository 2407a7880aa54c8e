"""Read OKR files into validated documents and findings. Never prints.

`load_file` reads one file: YAML (via `okrcli.yamlread`), then the pydantic models, with
every pydantic error mapped back to the line and column of the offending key or value.
`discover` lists the OKR files below a root.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrcli import codes
from okrcli.findings import Finding, Level, Location

if TYPE_CHECKING:
    from okrcli.model import OkrFile
    from okrcli.rules import Rule
    from okrcli.source import Marks

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Disable:
    """A `# okr: disable=CODE[,CODE]` comment: which rules, and whether the comment
    stands alone on its line (then it also speaks for the objective just below)."""

    rules: frozenset[str]
    alone: bool


@dataclass(frozen=True)
class Document:
    """One valid OKR file: its display path, its model and where each value sits."""

    path: str
    file: Path
    okr: OkrFile
    marks: Marks
    disables: Mapping[int, Disable] = field(default_factory=dict)

    def silences(self, rule: Rule, line: int) -> bool:
        """Whether `# okr: disable=` on `line`, or on the objective around it, names `rule`."""
        names = {rule.code, rule.name}
        here = self.disables.get(line)
        if here is not None and names & here.rules:
            return True
        start = self._objective_start(line)
        if start is None:
            return False
        own = self.disables.get(start)
        above = self.disables.get(start - 1)
        return bool(
            (own is not None and names & own.rules)
            or (above is not None and above.alone and names & above.rules)
        )

    def _objective_start(self, line: int) -> int | None:
        starts = [
            self.marks.value(("objectives", index))[0] for index in range(len(self.okr.objectives))
        ]
        before = [start for start in starts if start <= line]
        return max(before) if before else None


# `# okr: disable=OKR101,too-many-objectives` -- anything after the list is a free remark.
_DISABLE = re.compile(r"#\s*okr:\s*disable=([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)")


def _rule_token(text: str) -> str:
    """Codes compare upper-case (`okr101` is OKR101); rule names as written."""
    token = text.strip()
    return token.upper() if token[:3].upper() == "OKR" else token


def find_disables(text: str) -> dict[int, Disable]:
    """Line number -> the rules a `# okr: disable=...` comment on it names."""
    if "okr:" not in text:
        return {}
    found: dict[int, Disable] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _DISABLE.search(line)
        if match is not None:
            parts = match.group(1).split(",")
            rules = frozenset(_rule_token(part) for part in parts if part.strip())
            found[number] = Disable(rules, alone=line.lstrip().startswith("#"))
    return found


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def discover(root: Path) -> list[Path]:
    """OKR files: `<root>/<folder>/<name>.yaml` (or .yml), sorted for stable output."""
    found = [
        child
        for folder in root.iterdir()
        if folder.is_dir() and not folder.name.startswith(".")
        for child in folder.iterdir()
        if child.suffix in YAML_SUFFIXES and child.is_file()
    ]
    return sorted(found)


def display_path(file: Path, cwd: Path | None = None) -> str:
    """The path as the user would type it: relative to the working directory when below it."""
    from okrcli.root import git_top_level

    here = cwd or Path.cwd()
    absolute = file.absolute()
    if absolute.is_relative_to(here):
        return os.path.relpath(absolute, here)
    top = git_top_level(here)
    if top is not None and absolute.is_relative_to(top):
        return os.path.relpath(absolute, here)  # `../okrs/...`, as git shows it
    return str(absolute)


def load_files(files: list[Path]) -> LoadResult:
    result = LoadResult()
    for file in files:
        shown = display_path(file)
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
    from okrcli.yamlread import size_finding

    try:
        too_large = size_finding(file.stat().st_size, shown)
        if too_large is not None:
            return [too_large]
        return file.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        message = f"cannot read file: {reason}"
        hint = "check that the file exists and that you may read it"
        return [Finding(Location(shown), Level.ERROR, codes.UNREADABLE, message, hint)]


def parse_document(raw: bytes, file: Path, shown: str) -> tuple[Document | None, list[Finding]]:
    """Bytes of one OKR file -> a validated document, or the findings saying why not;
    through the cache of parsed files (`okrcli.cache`) when it is on."""
    from okrcli import cache

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
        return ("document", document.okr, document.marks, dict(document.disables))
    rows: list[_CachedFinding] = [
        (f.location.line, f.location.col, f.level.value, f.code, f.message, f.hint)
        for f in findings
    ]
    return ("findings", rows)


def _from_cache(
    hit: tuple[Any, ...], file: Path, shown: str
) -> tuple[Document | None, list[Finding]]:
    if hit[0] == "document":
        _, okr, marks, disables = hit
        return Document(shown, file, okr, marks, disables), []
    findings = [
        Finding(Location(shown, line, col), Level(level), code, message, hint)
        for line, col, level, code, message, hint in hit[1]
    ]
    return None, findings


def _parse(raw: bytes, file: Path, shown: str) -> tuple[Document | None, list[Finding]]:
    from okrcli.yamlread import read_yaml

    read = read_yaml(raw, shown)
    if read.document is None:
        return None, read.findings
    from pydantic import ValidationError

    from okrcli.model import OkrFile
    from okrcli.modelerrors import findings_from_validation_error

    try:
        okr = OkrFile.model_validate(read.document.data)
    except ValidationError as error:
        return None, findings_from_validation_error(error, read.document, shown, OkrFile)
    disables = find_disables(raw.decode("utf-8", errors="replace"))
    return Document(shown, file, okr, read.document.marks, disables), []
