"""The output formats commands offer, as enums typer turns into `--format` choices.

Kept free of imports so that the CLI can name the choices without loading a renderer.
"""

from __future__ import annotations

from enum import StrEnum


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


class StatusFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"


class TreeFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class ReportFormat(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"


class DiffFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class BlameFormat(StrEnum):
    table = "table"
    json = "json"


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class SyncFormat(StrEnum):
    text = "text"
    json = "json"
