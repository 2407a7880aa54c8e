"""Small text helpers every view shares: scores, bars, percentages, markdown cells."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from okrcli.base.numbers import show_number
from okrcli.render.escape import markdown, plain
from okrcli.score.results import Grade, GradeCount, KeyResultResult, PeriodResult, Status

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


def decimals(value: float | None) -> int:
    """How many decimals `value` was written with (`99.5` 1, `400` 0)."""
    text = show_number(value)
    return len(text.split(".", 1)[1]) if "." in text and "e" not in text else 0


def _places(value: float, target: float | None, written: tuple[float | None, ...]) -> int:
    """Decimals to show a computed `value` with: as many as the values it comes from
    were written with, at least two significant digits, and enough that a value short
    of the target does not read as the target (`99.47`, not `99.5`); four at most."""
    places = max(decimals(number) for number in written)
    if value:
        places = max(places, 1 - math.floor(math.log10(abs(value))))
    while places < 4 and target is not None and value != target == round(value, places):
        places += 1
    return min(places, 4)


def projection_text(
    kr: KeyResultResult, escape: Callable[[str], str] = plain, *, against: bool = False
) -> str:
    """`projected 408 ms` (`against` adds `against a target of 400 ms`): the forecast
    at the precision its values are written with, and their unit (user text, through
    `escape`)."""
    forecast = kr.history.forecast if kr.history else None
    if forecast is None:
        return ""
    facts = kr.facts
    places = _places(forecast, facts.target, (facts.start, facts.target, facts.current))
    unit = f" {escape(facts.unit)}" if facts.unit else ""
    text = f"projected {show_number(round(forecast, places))}{unit}"
    if against and facts.target is not None:
        text += f" against a target of {show_number(facts.target)}{unit}"
    return text


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
    Status.OVERDUE: "⏰",
    Status.OUTDATED: "⚪",
    Status.ACHIEVED: "🏁",
    Status.MISSED: "❌",
    Status.DROPPED: "⏸️",
}
_GRADE_ICON = {Grade.GREEN: "🟢", Grade.YELLOW: "🟡", Grade.RED: "🔴"}


def status_text(status: Status, grade: Grade) -> str:
    """A status in words; once a period has ended, with the grade band: `ended · yellow`,
    `achieved · green`, `missed · red`."""
    if status in (Status.ENDED, Status.ACHIEVED, Status.MISSED):
        return f"{status.value} · {grade.value}"
    return status.value


def md_status(status: Status, grade: Grade) -> str:
    icon = _GRADE_ICON[grade] if status is Status.ENDED else _STATUS_ICON[status]
    return f"{icon} {status_text(status, grade)}"


def override_note(kr: KeyResultResult, escape: Callable[[str], str] = plain) -> str:
    """`graded 0.60 (computed 0.58): why`, for a grade recorded over the computed score;
    the reason (user text) passed through `escape`."""
    if kr.override_reason is None or kr.final_score is None:
        return ""
    computed = kr.computed_score
    was = f" (computed {fmt_score(computed)})" if computed is not None else ""
    return f"graded {fmt_score(kr.final_score)}{was}: {escape(kr.override_reason)}"


def dropped_note(kr: KeyResultResult, escape: Callable[[str], str] = plain) -> str:
    return f"dropped: {escape(kr.dropped)}" if kr.dropped is not None else ""


def grades_text(grades: GradeCount) -> str:
    """`3 green, 1 yellow, 0 red`."""
    return f"{grades.green} green, {grades.yellow} yellow, {grades.red} red"


def period_state(result: PeriodResult) -> str:
    """`closed 2026-10-01; final grades`, `ended 2026-09-30; graded`, `42% elapsed`."""
    if result.closed is not None:
        return f"closed {result.closed.isoformat()}; final grades"
    if result.ended:
        return f"ended {result.period.end.isoformat()}; graded"
    return f"{result.elapsed:.0%} of the period elapsed"


def files_note(files_at: tuple[str, dt.datetime] | None) -> str:
    """Where the files came from when they are not the working tree's."""
    if files_at is None:
        return ""
    commit, date = files_at
    return f"files as of commit {commit[:12]} ({date.date().isoformat()})"
