"""Findings as text, JSON, GitHub workflow annotations or a GitLab Code Quality report.

Each renderer takes findings and returns a string; the CLI decides where it goes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from okrcli.base.findings import Finding, Level, Location, count_by_level
from okrcli.render.escape import annotation_data, annotation_property, json_text, plain
from okrcli.render.paths import display_path
from okrcli.render.text import FORMAT_VERSION

GITHUB_ANNOTATION_LIMIT = 10


@dataclass(frozen=True)
class Summary:
    files: int
    periods: int
    teams: int
    objectives: int
    key_results: int


def where(location: Location) -> str:
    """`okrs/2026-Q4/platform.yaml:14:9`: a location as editors and compilers show it."""
    return f"{display_path(location.path)}:{location.line}:{location.col}"


def message(finding: Finding) -> str:
    """The finding's message, with the other places it involves."""
    if not finding.related:
        return finding.message
    return f"{finding.message} (also at {', '.join(where(other) for other in finding.related)})"


_ANSI = {Level.ERROR: "\x1b[1;31m", Level.WARNING: "\x1b[1;33m", Level.INFO: "\x1b[1;36m"}
_DIM, _RESET = "\x1b[2m", "\x1b[0m"


def render_text(findings: Sequence[Finding], summary: Summary, *, color: bool = False) -> str:
    lines = [text_line(finding, color) for finding in findings]
    lines.append(_summary_line(findings, summary))
    return "\n".join(lines) + "\n"


def text_line(finding: Finding, color: bool) -> str:
    level = finding.level.value
    if color:
        level = f"{_ANSI[finding.level]}{level}{_RESET}"
    line = f"{plain(where(finding.location))}: {level}[{finding.code}]: {plain(message(finding))}"
    if finding.hint:
        hint = f"  hint: {plain(finding.hint)}"
        line += "\n" + (f"{_DIM}{hint}{_RESET}" if color else hint)
    return line


def _summary_line(findings: Sequence[Finding], summary: Summary) -> str:
    counts = count_by_level(list(findings))
    files = _plural(summary.files, "file")
    if not findings:
        return (
            f"ok: {files} valid: {_plural(summary.periods, 'period')}, "
            f"{_plural(summary.teams, 'team')}, {_plural(summary.objectives, 'objective')}, "
            f"{_plural(summary.key_results, 'key result')}"
        )
    parts = [_plural(counts[level], level.value) for level in Level if counts[level]]
    return f"found {', '.join(parts)} in {files}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def render_json(
    findings: Sequence[Finding],
    summary: Summary,
    name_of: Callable[[str], str],
    extra: Mapping[str, object] | None = None,
) -> str:
    counts = count_by_level(list(findings))
    payload = {
        "format_version": FORMAT_VERSION,
        "ok": counts[Level.ERROR] == 0,
        "summary": {
            "files": summary.files,
            "errors": counts[Level.ERROR],
            "warnings": counts[Level.WARNING],
            "infos": counts[Level.INFO],
            "periods": summary.periods,
            "teams": summary.teams,
            "objectives": summary.objectives,
            "key_results": summary.key_results,
        },
        "findings": [finding_payload(f, name_of) for f in findings],
        **(extra or {}),
    }
    return json_text(payload, ensure_ascii=True) + "\n"


def finding_payload(finding: Finding, name_of: Callable[[str], str]) -> dict[str, object]:
    """One finding as JSON: the shape `validate` and `report` share."""
    return {
        "path": display_path(finding.location.path),
        "line": finding.location.line,
        "col": finding.location.col,
        "level": finding.level.value,
        "code": finding.code,
        "name": name_of(finding.code),
        "message": message(finding),
        "hint": finding.hint,
    }


_GITHUB_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def github_annotations(findings: Sequence[Finding]) -> str:
    """Workflow-command lines only, one per finding."""
    return "".join(_github_line(finding) + "\n" for finding in findings)


def render_github(findings: Sequence[Finding], summary: Summary) -> str:
    lines = [_github_line(finding) for finding in findings]
    lines.append(_summary_line(findings, summary))
    counts = count_by_level(list(findings))
    if any(count > GITHUB_ANNOTATION_LIMIT for count in counts.values()):
        lines.append(
            f"note: GitHub shows only {GITHUB_ANNOTATION_LIMIT} annotations per level in a step; "
            "run `okr validate` for the full list"
        )
    return "\n".join(lines) + "\n"


def _github_line(finding: Finding) -> str:
    loc = finding.location
    props = ",".join(
        f"{key}={annotation_property(value)}"
        for key, value in (
            ("file", display_path(loc.path)),
            ("line", str(loc.line)),
            ("col", str(loc.col)),
            ("title", f"{finding.code}"),
        )
    )
    data = annotation_data(message(finding))
    if finding.hint:
        data += "%0A" + annotation_data(f"hint: {finding.hint}")
    return f"::{_GITHUB_LEVEL[finding.level]} {props}::{data}"


_GITLAB_SEVERITY = {Level.ERROR: "major", Level.WARNING: "minor", Level.INFO: "info"}


def render_gitlab(findings: Sequence[Finding]) -> str:
    """A GitLab Code Quality report: a JSON array whose fingerprints survive moved lines."""
    seen: dict[tuple[str, str, str], int] = {}
    report = []
    for finding in findings:
        shown = display_path(finding.location.path)
        identity = (finding.code, shown, message(finding))
        seen[identity] = seen.get(identity, 0) + 1
        digest = hashlib.sha256("\0".join((*identity, str(seen[identity]))).encode()).hexdigest()
        report.append(
            {
                "description": message(finding)
                + (f" (hint: {finding.hint})" if finding.hint else ""),
                "check_name": finding.code,
                "fingerprint": digest,
                "severity": _GITLAB_SEVERITY[finding.level],
                "location": {
                    "path": shown,
                    "lines": {"begin": finding.location.line},
                },
            }
        )
    return json_text(report, ensure_ascii=True) + "\n"
