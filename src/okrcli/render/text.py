"""Small text helpers every view shares: scores, bars, percentages, markdown cells."""

from __future__ import annotations

from okrcli.base.numbers import show_number
from okrcli.render.escape import markdown
from okrcli.score.results import Status

BAR_WIDTH = 10
TABLE_BAR_WIDTH = 6
FORMAT_VERSION = 1
"""The version of every JSON output's shape (`format_version`)."""


def bar(score: float, width: int = BAR_WIDTH) -> str:
    filled = round(score * width)
    return "█" * filled + "░" * (width - filled)


def fmt_score(score: float | None) -> str:
    return "-" if score is None else f"{score:.2f}"


def fmt_number(value: float | None) -> str:
    return show_number(value)


def fmt_confidence(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def md_cell(text: str) -> str:
    """User text in a markdown cell or list item (`escape.markdown`), trimmed."""
    return markdown(text).strip()


_STATUS_ICON = {
    Status.DONE: "✅",
    Status.ON_TRACK: "🟢",
    Status.AT_RISK: "🟡",
    Status.OFF_TRACK: "🔴",
    Status.OUTDATED: "⚪",
}


def md_status(status: Status) -> str:
    return f"{_STATUS_ICON[status]} {status.value}"
