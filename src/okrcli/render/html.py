"""`okr report --format html`: one self-contained page to look at in a review meeting,
keep as a CI artifact, publish on GitHub Pages or attach to an e-mail.

The page is rendered by Jinja2 from `templates/report.html.j2` with autoescape on, and
every string passes `escape.html_text` first (the engine's `finalize`): user text is
text, whatever it holds. Charts are inline SVG, drawn here from the data that
`history/charts.py` computed (this module only decides where a value goes on the page);
the CSS and the one small script are inline, and the page's Content-Security-Policy
allows nothing else, so opening it fetches nothing. Jinja2 is imported only here, only
for this format.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrcli.base.numbers import show_number
from okrcli.render.escape import html_text
from okrcli.render.text import (
    dropped_note,
    files_note,
    fmt_confidence,
    fmt_score,
    grades_text,
    override_note,
    period_state,
    projection_text,
    status_text,
)
from okrcli.score.results import KeyResultResult, ObjectiveResult, PeriodResult, Status

if TYPE_CHECKING:
    from jinja2 import Environment

    from okrcli.api.progress import ReportView
    from okrcli.history.charts import ChartPoint, DefinitionMark, KeyResultChart, ObjectiveChart
    from okrcli.history.git import Revision
    from okrcli.history.timeline import FieldChange
    from okrcli.model.period import Period
    from okrcli.score.compare import KeyResultState, ObjectiveState

TEMPLATES = Path(__file__).resolve().parent / "templates"

# The drawing area of every chart (SVG user units; the page scales it to its width).
WIDTH, HEIGHT = 420, 200
LEFT, RIGHT, TOP, BOTTOM = 44.0, 410.0, 20.0, 176.0


def report_html(view: ReportView) -> str:
    """The report as one HTML document."""
    from okrcli.score.attention import needs_attention

    environment = page_environment()
    style = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    page = environment.get_template("report.html.j2").render(
        view=view,
        result=view.result,
        detail=view.detail,
        attention=needs_attention(view.result),
        style=_trusted(style),
        style_hash=source_hash(style),
        script=_trusted(script),
        script_hash=source_hash(script),
    )
    return page.rstrip("\n") + "\n"


def source_hash(text: str) -> str:
    """The Content-Security-Policy source that allows this inline style or script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"sha256-{base64.b64encode(digest).decode('ascii')}"


@cache
def page_environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    environment.globals.update(
        fmt_score=fmt_score,
        fmt_number=show_number,
        fmt_confidence=fmt_confidence,
        status_text=status_text,
        progress=_progress,
        kr_note=_kr_note,
        point_value=point_value,
        changes_text=_changes_text,
        kr_plot=key_result_plot,
        objective_plot=objective_plot,
        kr_anchor=kr_anchor,
        objective_anchor=objective_anchor,
        team_anchor=team_anchor,
        kr_figures=_kr_figures,
        objective_chart=_objective_chart,
        team_counts=_team_counts,
        grade_count=_grade_count,
        summary_parts=_summary_parts,
        period_line=_period_line,
        changes=_changes,
        findings=_findings,
        closed_notes=_closed_notes,
        percent=_percent,
        state_class=_state_class,
    )
    return environment


def _finalize(value: object) -> object:
    """What every `{{ ... }}` writes: user strings cleaned (autoescape then escapes
    them); okrcli's own CSS and script (marked safe) as they are; no value as nothing."""
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return html_text(value)
    return value


def _trusted(text: str) -> Any:
    """okrcli's own CSS and script, written as they are (never user text)."""
    from markupsafe import Markup

    return Markup(text)


# ---- anchors and small texts -------------------------------------------------------------


def kr_anchor(period: object, ident: str) -> str:
    """Ids are `[A-Za-z][A-Za-z0-9_.-]*` and periods `2026-Q4`: valid in an HTML id."""
    return f"kr-{period}-{ident}"


def objective_anchor(period: object, ident: str) -> str:
    return f"o-{period}-{ident}"


def team_anchor(team: str) -> str:
    return f"team-{team}"


def _percent(share: float) -> str:
    """A share as the width of a bar 100 wide (`43.0`), clamped to the bar."""
    return f"{max(0.0, min(1.0, share)) * 100:.1f}"


def _state_class(status: Status) -> str:
    return f"st-{status.value}"


def _progress(kr: KeyResultResult) -> str:
    """`96.1 / 99.5 %`, `3/6 items`; a recorded value the words leave out is added
    (`recorded: 14.2 %`): the page is the text equivalent of its charts."""
    from okrcli.render.status import progress_text

    text = progress_text(kr, _same)
    current = kr.facts.current
    if current is not None and show_number(current) not in text:
        unit = f" {kr.facts.unit}" if kr.facts.unit else ""
        text += f": {show_number(current)}{unit}"
    return text


def _same(text: str) -> str:
    return text


def _kr_note(kr: KeyResultResult) -> str:
    """Why it was dropped, its judged grade, or what history adds (last check-in, time
    in band, projection)."""
    from okrcli.render.status import history_note

    return dropped_note(kr, _same) or override_note(kr, _same) or history_note(kr, _same)


def _changes_text(changes: tuple[FieldChange, ...]) -> str:
    from okrcli.render.timeline import changes_text

    return changes_text(changes)


def point_value(point: ChartPoint, chart: KeyResultChart) -> str:
    """A point's value as people read it: `175.71 USD k`, `3/6 items`, `done`."""
    from okrcli.model.kinds import describe

    if chart.measure == "value" and point.value is not None:
        unit = f" {chart.unit}" if chart.unit else ""
        return f"{show_number(point.value)}{unit}"
    return describe(point.kind, point.facts)


def _period_line(result: PeriodResult) -> str:
    source = files_note(result.files_at)
    return f"As of {result.as_of.isoformat()} · {period_state(result)}" + (
        f" · {source}" if source else ""
    )


def _summary_parts(result: PeriodResult) -> list[tuple[str, str, str]]:
    """(key, label, value) of the period summary: score, the committed and aspirational
    split, and once ended the grade distribution."""
    parts = [("score", "Period score", fmt_score(result.score))]
    committed, aspirational = result.committed, result.aspirational
    if committed.count:
        word = "Committed achieved" if result.ended else "Committed at 1.0"
        parts.append(("committed", word, f"{committed.at_target}/{committed.count}"))
    if aspirational.count:
        average = f"{fmt_score(aspirational.average)} ({aspirational.verdict})"
        parts.append(("aspirational", "Aspirational average", average))
    if result.ended and result.objectives:
        parts.append(("grades", "Objective grades", grades_text(result.objective_grades)))
    objectives = result.objectives
    key_results = sum(len(o.key_results) for o in objectives)
    parts.append(("objectives", "Objectives", f"{len(objectives)} ({key_results} key results)"))
    return parts


def _team_counts(objectives: Sequence[ObjectiveResult]) -> list[tuple[str, int]]:
    """How many objectives are in each state, the states that occur, in order."""
    counts = dict.fromkeys(Status, 0)
    for objective in objectives:
        counts[objective.status] += 1
    return [(status.value, count) for status, count in counts.items() if count]


def _grade_count(objectives: Sequence[ObjectiveResult]) -> str:
    from okrcli.score.results import count_grades

    return grades_text(count_grades([o.score for o in objectives]))


def _kr_figures(
    view: ReportView, objective: ObjectiveResult
) -> list[tuple[KeyResultChart, KeyResultResult]]:
    """The charts of the objective's key results that have one, in its order."""
    charts = view.detail.charts if view.detail is not None else None
    if charts is None:
        return []
    found = (
        (charts.key_results.get((objective.period, kr.id)), kr) for kr in objective.key_results
    )
    return [(chart, kr) for chart, kr in found if chart is not None]


def _objective_chart(view: ReportView, objective: ObjectiveResult) -> ObjectiveChart | None:
    charts = view.detail.charts if view.detail is not None else None
    return charts.objectives.get((objective.period, objective.id)) if charts else None


def _closed_notes(objectives: Iterable[ObjectiveResult]) -> list[tuple[str, str]]:
    """(key result id, note): the judged grades and dropped key results."""
    return [
        (kr.id, note)
        for o in objectives
        for kr in o.key_results
        for note in [dropped_note(kr, _same) or override_note(kr, _same)]
        if note
    ]


@dataclass(frozen=True)
class ChangeRow:
    """A key result's or objective's change since `--since`, in the words of `okr diff`."""

    id: str
    title: str
    change: str
    value: str
    score: str
    delta: float | None
    note: str
    eased: bool


@dataclass(frozen=True)
class ChangesShown:
    before: Revision
    after: Revision
    eased: int
    key_results: list[ChangeRow]
    objectives: list[ChangeRow]
    teams: list[tuple[str, str, str]]


def _changes(view: ReportView) -> ChangesShown | None:
    """The changes since `--since`, eased targets first, as `okr diff` words them."""
    if view.changes is None:
        return None
    from okrcli.render.diff import (
        change_note,
        objective_change_note,
        ordered,
        score_move,
        side_scores,
        value_text,
    )

    diff = view.changes.diff
    key_results = [
        ChangeRow(
            id=c.id,
            title=_title(c.after or c.before),
            change=c.change,
            value=f"{value_text(c.before)} -> {value_text(c.after)}",
            score=score_move(*side_scores(c)),
            delta=c.score_delta,
            note=change_note(c),
            eased=c.target_change == "eased",
        )
        for c in ordered(diff)
    ]
    objectives = [
        ChangeRow(
            id=c.id,
            title=_title(c.after or c.before),
            change=c.change,
            value="",
            score=score_move(*side_scores(c)),
            delta=c.score_delta,
            note="added mid-period" if c.mid_period else objective_change_note(c),
            eased=False,
        )
        for c in diff.objectives
    ]
    return ChangesShown(
        before=view.changes.before,
        after=view.changes.after,
        eased=len(diff.eased),
        key_results=key_results,
        objectives=objectives,
        teams=[(t.team, str(t.period), score_move(t.before, t.after)) for t in diff.teams],
    )


def _title(state: KeyResultState | ObjectiveState | None) -> str:
    return state.title if state is not None else ""


def _findings(view: ReportView) -> list[dict[str, str]]:
    from okrcli.render.findings import message, where

    return [
        {
            "where": where(f.location),
            "level": f.level.value,
            "code": f.code,
            "message": message(f),
            "hint": f.hint or "",
        }
        for f in view.findings
    ]


# ---- charts: where each value goes ---------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Line:
    kind: str
    """`actual`, `expected`, `target` or `forecast`: its CSS class and its legend."""
    points: str
    """SVG polyline points: `x,y x,y ...`."""


@dataclass(frozen=True)
class Marker:
    """A vertical line at a day: the due date, the as-of day, a change of definition."""

    kind: str
    x: float
    label: str
    title: str


@dataclass(frozen=True)
class Dot:
    kind: str
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Band:
    y: float
    height: float
    label: str


@dataclass(frozen=True)
class Plot:
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    lines: tuple[Line, ...]
    markers: tuple[Marker, ...]
    dots: tuple[Dot, ...]
    band: Band | None
    summary: str
    """The chart in one sentence: its text equivalent for screen readers."""
    width: int = WIDTH
    height: int = HEIGHT
    left: float = LEFT
    right: float = RIGHT
    top: float = TOP
    bottom: float = BOTTOM


@dataclass(frozen=True)
class _Scale:
    start: dt.date
    end: dt.date
    low: float
    high: float
    left: float = LEFT
    """Where the plot starts: right of the widest tick label."""

    def x(self, when: dt.date | dt.datetime) -> float:
        days = (self.end - self.start).days + 1
        offset = float(((when.date() if isinstance(when, dt.datetime) else when) - self.start).days)
        if isinstance(when, dt.datetime):
            offset += (when.hour * 3600 + when.minute * 60 + when.second) / 86400
        share = max(0.0, min(1.0, offset / days))
        return round(self.left + share * (RIGHT - self.left), 1)

    def y(self, value: float) -> float:
        span = self.high - self.low
        share = (value - self.low) / span if span else 0.5
        share = max(-0.05, min(1.05, share))  # a wild projection stays near the frame
        return round(BOTTOM - share * (BOTTOM - TOP), 1)


def nice_ticks(low: float, high: float, count: int = 4) -> tuple[float, float, list[float]]:
    """A range that holds [low, high] and ends on round ticks (1, 2, 2.5 or 5 times a
    power of ten), and the ticks."""
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / count
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw - 1e-12)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    ticks = []
    at = first
    while at <= last + step * 1e-6:
        ticks.append(round(at, 10))
        at += step
    return first, last, ticks


def _month_ticks(scale: _Scale) -> tuple[Tick, ...]:
    """The first of each month in the period, labelled `Oct`."""
    ticks = []
    day = dt.date(scale.start.year, scale.start.month, 1)
    if day < scale.start:
        day = _next_month(day)
    while day <= scale.end:
        ticks.append(Tick(scale.x(day), day.strftime("%b")))
        day = _next_month(day)
    return tuple(ticks)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _points(scale: _Scale, pairs: Iterable[tuple[dt.date | dt.datetime, float]]) -> str:
    return " ".join(f"{scale.x(when)},{scale.y(value)}" for when, value in pairs)


def _y_axis(values: list[float], score: bool) -> tuple[float, float, list[float]]:
    """The value range and its ticks: 0 to 1 for a score, else round numbers around the
    values."""
    if score:
        return 0.0, 1.0, [0.0, 0.25, 0.5, 0.75, 1.0]
    return nice_ticks(min(values), max(values))


def _scale(period: Period, low: float, high: float, ticks: list[float]) -> _Scale:
    """The period across, [low, high] up; the plot starts right of its widest tick
    label (`99.975` needs more room than `12`), about 8 units a character."""
    widest = max((len(show_number(tick)) for tick in ticks), default=1)
    return _Scale(period.start, period.end, low, high, max(LEFT, 12.0 + 8.0 * widest))


def _y_ticks(scale: _Scale, ticks: list[float]) -> tuple[Tick, ...]:
    return tuple(Tick(scale.y(tick), show_number(tick)) for tick in ticks)


def key_result_plot(chart: KeyResultChart, kr: KeyResultResult) -> Plot:
    """A key result's burn-up: its values (or score) at its addition and each check-in,
    the expected line, the target as it stood, the forecast, the band, the due date,
    the as-of day and every change of what it is measured against."""
    values = [p.value for p in chart.points if p.value is not None]
    values += [v for _, v in (*chart.expected, *chart.targets, *chart.forecast)]
    values += [b for b in chart.band or () if b is not None]
    low, high, ticks = _y_axis(values or [0.0, 1.0], chart.measure == "score")
    scale = _scale(chart.period, low, high, ticks)
    lines = []
    if chart.expected:
        lines.append(Line("expected", _points(scale, _held(chart.expected, chart.period.end))))
    if chart.targets:
        lines.append(Line("target", _points(scale, _steps(chart.targets, chart.period.end))))
    if chart.forecast:
        lines.append(Line("forecast", _points(scale, chart.forecast)))
    actual = [(p.date, p.value) for p in chart.points if p.value is not None]
    if len(actual) > 1:
        lines.append(Line("actual", _points(scale, actual)))
    dots = tuple(
        Dot(
            "checkin" if point.checkin else "added",
            scale.x(point.date),
            scale.y(point.value),
            _point_label(point, chart),
        )
        for point in chart.points
        if point.value is not None
    )
    return Plot(
        x_ticks=_month_ticks(scale),
        y_ticks=_y_ticks(scale, ticks),
        lines=tuple(lines),
        markers=(*_day_markers(chart, scale), *(_mark(mark, scale) for mark in chart.marks)),
        dots=dots,
        band=_band(chart, scale),
        summary=_kr_summary(chart, kr),
        left=scale.left,
    )


def _held(line: tuple[tuple[dt.date, float], ...], end: dt.date) -> list[tuple[dt.date, float]]:
    """The expected line, held level from its due date to the period end."""
    points = list(line)
    if points and points[-1][0] < end:
        points.append((end, points[-1][1]))
    return points


def _steps(steps: tuple[tuple[dt.date, float], ...], end: dt.date) -> list[tuple[dt.date, float]]:
    """The target as a step line: each value from its day until the next."""
    points: list[tuple[dt.date, float]] = []
    for index, (day, value) in enumerate(steps):
        until = steps[index + 1][0] if index + 1 < len(steps) else end
        points += [(day, value), (until, value)]
    return points


def _day_markers(chart: KeyResultChart, scale: _Scale) -> list[Marker]:
    markers: list[Marker] = []
    if chart.due != chart.period.end or not chart.expected:
        due = chart.due.isoformat()
        markers.append(Marker("due", scale.x(chart.due), "due", f"due {due}"))
    return markers + _as_of(chart.as_of, scale)


def _as_of(day: dt.date, scale: _Scale) -> list[Marker]:
    """The as-of day's line, where it falls in the period."""
    if not scale.start <= day <= scale.end:
        return []
    return [Marker("asof", scale.x(day), "as of", f"as of {day.isoformat()}")]


def _mark(mark: DefinitionMark, scale: _Scale) -> Marker:
    text = _changes_text(mark.changes)
    kind = "eased" if mark.eased else "changed"
    label = "eased" if mark.eased else mark.changes[0].field
    title = f"{text}, {mark.date.date().isoformat()}, {mark.author}"
    return Marker(kind, scale.x(mark.date), label, title)


def _band(chart: KeyResultChart, scale: _Scale) -> Band | None:
    if chart.band is None:
        return None
    low, high = chart.band
    top = scale.y(high) if high is not None else TOP
    bottom = scale.y(low) if low is not None else BOTTOM
    return Band(top, round(bottom - top, 1), _band_label(low, high, chart.unit))


def _band_label(low: float | None, high: float | None, unit: str | None) -> str:
    shown = " to ".join(show_number(b) if b is not None else "any" for b in (low, high))
    return f"band {shown}" + (f" {unit}" if unit else "")


def _point_label(point: ChartPoint, chart: KeyResultChart) -> str:
    """What hovering or focusing a point shows: date, author, value and note."""
    parts = [point.date.date().isoformat(), point.author, point_value(point, chart)]
    if point.changes:
        parts.append(_changes_text(point.changes))
    parts.append(point.note if point.checkin else f"added: {point.note}")
    return " · ".join(part for part in parts if part)


def _kr_summary(chart: KeyResultChart, kr: KeyResultResult) -> str:
    checkins = len(chart.checkins)
    parts = [f"{chart.id}: {checkins} check-in{'' if checkins == 1 else 's'}"]
    valued = [p for p in chart.points if p.value is not None]
    if valued:
        first, last = valued[0], valued[-1]
        parts.append(
            f"from {point_value(first, chart)} on {first.date.date().isoformat()} "
            f"to {point_value(last, chart)} on {last.date.date().isoformat()}"
        )
    if chart.targets:
        parts.append(f"target {show_number(chart.targets[-1][1])}")
    parts += [
        f"{_changes_text(mark.changes)} on {mark.date.date().isoformat()}" for mark in chart.marks
    ]
    if chart.forecast:  # as the key result's row words it
        parts.append(f"{projection_text(kr, _same)} on {chart.due.isoformat()}")
    if chart.band is not None:
        parts.append(_band_label(*chart.band, chart.unit))
    return "; ".join(part for part in parts if part)


def objective_plot(chart: ObjectiveChart) -> Plot:
    """An objective's score over time against its expected progress."""
    low, high, ticks = _y_axis([], score=True)
    scale = _scale(chart.period, low, high, ticks)
    lines = [Line("expected", _points(scale, chart.expected))]
    if len(chart.points) > 1:
        lines.append(Line("actual", _points(scale, ((p.date, p.score) for p in chart.points))))
    dots = tuple(
        Dot(
            "score",
            scale.x(p.date),
            scale.y(p.score),
            f"{p.date.date().isoformat()} · {p.author} · score {fmt_score(p.score)}",
        )
        for p in chart.points
    )
    markers = _as_of(chart.as_of, scale)
    first, last = (chart.points[0], chart.points[-1]) if chart.points else (None, None)
    summary = f"{chart.id} score over time: {len(chart.points)} changes"
    if first is not None and last is not None:
        summary += (
            f", from {fmt_score(first.score)} on {first.date.date().isoformat()} "
            f"to {fmt_score(last.score)} on {last.date.date().isoformat()}"
        )
    return Plot(
        x_ticks=_month_ticks(scale),
        y_ticks=_y_ticks(scale, ticks),
        lines=tuple(lines),
        markers=tuple(markers),
        dots=dots,
        band=None,
        summary=summary,
        left=scale.left,
    )
