"""Findings are values: every problem okrcli reports is a `Finding` with a location.

Computation never prints. Loaders, checks and rules return findings; renderers turn
them into text, JSON, GitHub annotations or a GitLab report.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """How serious a finding is. Only `error` fails `okr validate`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a file, as editors and compilers count them."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Finding:
    location: Location
    level: Level
    code: str
    message: str
    hint: str | None = None
    related: tuple[Location, ...] = ()
    """Other places the problem involves (the other uses of a duplicate id); renderers
    name them after the message, "(also at ...)"."""

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        loc = self.location
        return (loc.path, loc.line, loc.col, self.level.rank, self.code)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key)


def count_by_level(findings: list[Finding]) -> dict[Level, int]:
    counts = dict.fromkeys(Level, 0)
    for finding in findings:
        counts[finding.level] += 1
    return counts


def to_data(finding: Finding) -> list[object]:
    """A finding as plain JSON data (for the cache)."""
    loc = finding.location
    related = [[other.path, other.line, other.col] for other in finding.related]
    return [
        loc.path, loc.line, loc.col, finding.level.value, finding.code, finding.message,
        finding.hint, related,
    ]  # fmt: skip


def from_data(row: object) -> Finding:
    """The finding `to_data` wrote; TypeError or ValueError for anything else."""
    if not isinstance(row, list) or len(row) != 8:
        raise TypeError("not a finding")
    path, line, col, level, code, message, hint, related = row
    if not all(isinstance(x, str) for x in (path, code, message)) or not isinstance(related, list):
        raise TypeError("not a finding")
    if hint is not None and not isinstance(hint, str):
        raise TypeError("not a hint")
    return Finding(
        _location([path, line, col]),
        Level(level),
        code,
        message,
        hint,
        tuple(_location(other) for other in related),
    )


def _location(row: object) -> Location:
    if not isinstance(row, list) or len(row) != 3:
        raise TypeError("not a location")
    path, line, col = row
    if not isinstance(path, str) or not all(
        isinstance(n, int) and not isinstance(n, bool) for n in (line, col)
    ):
        raise TypeError("not a location")
    return Location(path, line, col)
