"""Renderings of a scored period: JSON, CSV, GitHub-flavoured markdown and rich tables.

All take the same `PeriodResult`; none computes a score. Scores are unrounded in JSON
and CSV, rounded to two places for people.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, assert_never

from okrcli.render.escape import csv_text, json_text, markdown, plain
from okrcli.render.formats import StatusFormat
from okrcli.render.layout import Cell, Column, fit, keep, paragraph, print_lines, show
from okrcli.render.paths import display_path
from okrcli.render.text import (
    FORMAT_VERSION,
    TABLE_BAR_WIDTH,
    bar,
    dropped_note,
    files_note,
    fmt_confidence,
    fmt_score,
    grades_text,
    md_cell,
    md_status,
    override_note,
    period_state,
    projection_text,
    status_text,
)
from okrcli.score.results import GradeCount, KeyResultResult, ObjectiveResult, PeriodResult, Status

if TYPE_CHECKING:
    from rich.console import Console

    from okrcli.render.terminal import Terminal


def render_status(result: PeriodResult, output_format: StatusFormat, terminal: Terminal) -> str:
    match output_format:
        case StatusFormat.table:
            return terminal.render(lambda console: status_table(result, console))
        case StatusFormat.markdown:
            return status_markdown(result)
        case StatusFormat.json:
            return status_json(result)
        case StatusFormat.csv:
            return status_csv(result)
        case _:
            assert_never(output_format)


def progress_text(kr: KeyResultResult, escape: Callable[[str], str] = plain) -> str:
    """`96.1 / 99.5 %`, `3/6 items`, `done`: the state of a key result in words, its
    unit (the one piece of user text) passed through `escape`."""
    from okrcli.model.kinds import describe

    facts = kr.facts if kr.facts.unit is None else replace(kr.facts, unit=escape(kr.facts.unit))
    return describe(kr.kind, facts)


def history_note(kr: KeyResultResult, escape: Callable[[str], str] = plain) -> str:
    """What history adds: the last check-in (or pending), time in band, and the
    projection with its unit (user text, through `escape`)."""
    history = kr.history
    if history is None:
        return ""
    last = history.last_checkin
    parts = [f"checked in {last.isoformat()}" if last else "pending"]
    if history.time_in_band is not None:
        parts.append(f"{history.time_in_band:.0%} of days in band")
    if history.forecast is not None:
        parts.append(projection_text(kr, escape))
    return "; ".join(parts)


# ---- JSON ---------------------------------------------------------------------------


def status_json(result: PeriodResult) -> str:
    return json_text(status_payload(result)) + "\n"


def status_payload(result: PeriodResult) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "as_of": result.as_of.isoformat(),
        "period": str(result.period),
        "elapsed": result.elapsed,
        "ended": result.ended,
        "closed": result.closed.isoformat() if result.closed else None,
        "files_at": _files_at(result),
        "score": result.score,
        "committed": {
            "count": result.committed.count,
            "at_target": result.committed.at_target,
            "share": result.committed.share,
        },
        "aspirational": {
            "count": result.aspirational.count,
            "average": result.aspirational.average,
            "verdict": result.aspirational.verdict,
        },
        "grades": {
            "objectives": _grades(result.objective_grades),
            "key_results": _grades(result.key_result_grades),
        },
        "teams": [{"team": t.team, "score": t.score} for t in result.teams],
        "objectives": [_objective_payload(o) for o in result.objectives],
    }


def _files_at(result: PeriodResult) -> dict[str, str] | None:
    if result.files_at is None:
        return None
    commit, date = result.files_at
    return {"commit": commit, "date": date.isoformat()}


def _grades(count: GradeCount) -> dict[str, int]:
    return {"green": count.green, "yellow": count.yellow, "red": count.red}


def _objective_payload(objective: ObjectiveResult) -> dict[str, Any]:
    return {
        "id": objective.id,
        "title": objective.title,
        "team": objective.team,
        "period": str(objective.period),
        "type": objective.type,
        "owner": objective.owner,
        "aligns_to": objective.aligns_to,
        "score": objective.score,
        "expected": objective.expected,
        "status": objective.status.value,
        "grade": objective.grade.value,
        "achieved": objective.achieved,
        "missed": objective.missed,
        "reflection": objective.reflection,
        "decision": objective.decision,
        "path": display_path(objective.path),
        "key_results": [_key_result_payload(kr) for kr in objective.key_results],
    }


def _key_result_payload(kr: KeyResultResult) -> dict[str, Any]:
    facts, history = kr.facts, kr.history
    return {
        "id": kr.id,
        "title": kr.title,
        "kind": kr.kind,
        "score": kr.score,
        "expected": kr.expected,
        "status": kr.status.value,
        "grade": kr.grade.value,
        "weight": kr.weight,
        "owner": kr.owner,
        "due": kr.due.isoformat(),
        "confidence": kr.confidence,
        "start": facts.start,
        "target": facts.target,
        "current": facts.current,
        "unit": facts.unit,
        "min": facts.minimum,
        "max": facts.maximum,
        "done": facts.done,
        "items_done": facts.items_done,
        "items_total": facts.items_total,
        "last_checkin": kr.last_checkin.isoformat() if kr.last_checkin else None,
        "pending": kr.tracked and kr.last_checkin is None,
        "forecast": history.forecast if history else None,
        "trending_off_track": kr.trending_off_track,
        "time_in_band": history.time_in_band if history else None,
        "dropped": kr.dropped,
        "final_score": kr.final_score,
        "override_reason": kr.override_reason,
        "source": kr.source,
    }


# ---- CSV ----------------------------------------------------------------------------

CSV_COLUMNS = (
    "period",
    "as_of",
    "team",
    "objective_id",
    "objective_title",
    "objective_type",
    "objective_owner",
    "objective_aligns_to",
    "objective_score",
    "objective_expected",
    "objective_status",
    "objective_grade",
    "objective_achieved",
    "objective_missed",
    "objective_decision",
    "objective_reflection",
    "objective_path",
    "key_result_id",
    "key_result_title",
    "kind",
    "score",
    "expected",
    "status",
    "grade",
    "weight",
    "owner",
    "due",
    "confidence",
    "start",
    "current",
    "target",
    "unit",
    "min",
    "max",
    "done",
    "items_done",
    "items_total",
    "last_checkin",
    "pending",
    "forecast",
    "trending_off_track",
    "time_in_band",
    "dropped",
    "final_score",
    "override_reason",
    "source",
)
"""Every field of the JSON contract that fits a row: the view's, the objective's
(prefixed) and the key result's. Booleans are `true`/`false`; no value is empty."""


def status_csv(result: PeriodResult) -> str:
    """One row per key result, with its objective's columns repeated; the columns
    follow the JSON contract (`status_payload`), so a spreadsheet can rebuild it."""
    rows = []
    for objective in _objective_payloads(result):
        facts = {f"objective_{key}": value for key, value in objective.items()}
        facts["objective_id"], facts["objective_title"] = objective["id"], objective["title"]
        for kr in objective["key_results"]:
            row = {"period": str(result.period), "as_of": result.as_of.isoformat()}
            row |= {"team": objective["team"], **facts, **kr}
            row["key_result_id"], row["key_result_title"] = kr["id"], kr["title"]
            rows.append([_csv_value(row[column]) for column in CSV_COLUMNS])
    return csv_text(CSV_COLUMNS, rows)


def _objective_payloads(result: PeriodResult) -> list[dict[str, Any]]:
    return [_objective_payload(objective) for objective in result.objectives]


def _csv_value(value: object) -> str | float:
    """A JSON value in a CSV cell: numbers as written (`1200`, not `1200.0`; scores
    unrounded), booleans as `true`/`false`, no value as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, int | float):
        return value
    return str(value)


# ---- Markdown -----------------------------------------------------------------------


def summary_lines(result: PeriodResult) -> list[str]:
    parts = [f"**Period score {fmt_score(result.score)}**", *_summary_parts(result)]
    state = period_state(result)
    source = files_note(result.files_at)
    return [
        f"As of {result.as_of.isoformat()} ({state}{'; ' + source if source else ''}).",
        "",
        " · ".join(parts),
    ]


def _summary_parts(result: PeriodResult) -> list[str]:
    """The committed and aspirational split; once ended, with the grade distribution."""
    committed, aspirational = result.committed, result.aspirational
    parts = []
    if result.ended and result.objectives:
        grades = result.objective_grades
        parts.append(f"grades {grades_text(grades)}")
    if committed.count:
        word = "achieved" if result.ended else "at 1.0"
        parts.append(f"committed {word}: {committed.at_target}/{committed.count}")
    if aspirational.count:
        parts.append(
            f"aspirational average {fmt_score(aspirational.average)} ({aspirational.verdict})"
        )
    return parts


def status_markdown(result: PeriodResult) -> str:
    graded = not result.ended  # once ended, the status says the grade: `ended · yellow`
    lines = [f"## OKR status {result.period}", "", *summary_lines(result)]
    for team in result.teams:
        lines += ["", f"### {md_cell(team.team)} — {fmt_score(team.score)}", ""]
        grade, rule = ("| Grade ", "| --- ") if graded else ("", "")
        lines += [
            f"| Objective / key result | Progress | Score {grade}"
            "| Current / target | Status | Due | Confidence | Owner |",
            f"| --- | --- | ---: {rule}| --- | --- | --- | ---: | --- |",
        ]
        for objective in team.objectives:
            lines.append(_md_objective_row(objective, graded))
            lines.extend(_md_key_result_row(kr, graded) for kr in objective.key_results)
        lines += reflection_lines(team.objectives)
    if not result.teams:
        lines += ["", "_No objectives match._"]
    return "\n".join(lines) + "\n"


def reflection_lines(objectives: tuple[ObjectiveResult, ...]) -> list[str]:
    """What was learned and what happens next, per objective of a closed period."""
    shown = [o for o in objectives if o.reflection is not None or o.decision is not None]
    if not shown:
        return []
    lines = ["", "Reflections:", ""]
    for o in shown:
        decision = f" → _{o.decision}_" if o.decision else ""
        said = md_cell(o.reflection) if o.reflection else "_no reflection yet_"
        lines.append(f"- **{md_cell(o.id)}**{decision}: {said}")
    return lines


def _md_objective_row(objective: ObjectiveResult, graded: bool) -> str:
    title = f"**{md_cell(objective.id)}** {md_cell(objective.title)} _{objective.type}_"
    grade = f"| {objective.grade.value} " if graded else ""
    return (
        f"| {title} | `{bar(objective.score)}` | **{fmt_score(objective.score)}** {grade}"
        f"| | {md_status(objective.status, objective.grade)} | | "
        f"| {md_cell(objective.owner or '')} |"
    )


def _with_note(text: str, note: str) -> str:
    return f"{text} ({note})" if note else text


def _trend(kr: KeyResultResult) -> str:
    return " ↘ _trending off-track (projection)_" if kr.trending_off_track else ""


def _synced(kr: KeyResultResult) -> str:
    """Where `okr sync` fetches the value: people should not check it in by hand."""
    return f" · synced from {kr.source}" if kr.source else ""


def _md_key_result_row(kr: KeyResultResult, graded: bool) -> str:
    # The progress text is okrcli's words (`>= 99.9`) around an escaped unit.
    note = dropped_note(kr, markdown) or override_note(kr, markdown) or history_note(kr, markdown)
    progress = _with_note(progress_text(kr, markdown), note).strip() + _synced(kr)
    grade = f"| {kr.grade.value} " if graded else ""
    due = kr.due.isoformat() if kr.dated else ""
    return (
        f"| ↳ {md_cell(kr.id)} {md_cell(kr.title)} | `{bar(kr.score)}` | {fmt_score(kr.score)} "
        f"{grade}| {progress} "
        f"| {md_status(kr.status, kr.grade)}{_trend(kr)} | {due} "
        f"| {fmt_confidence(kr.confidence)} | {md_cell(kr.owner or '')} |"
    )


# ---- tables -------------------------------------------------------------------------

_STATUS_STYLE = {
    Status.DONE: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "bold red",
    Status.OVERDUE: "bold red",
    Status.OUTDATED: "magenta",
    Status.ENDED: "",
    Status.ACHIEVED: "bold green",
    Status.MISSED: "bold red",
    Status.DROPPED: "dim",
}
_GRADE_STYLE = {"green": "green", "yellow": "yellow", "red": "red"}
_TREND = "↘"

# The columns of a team's table. Titles and values wrap (titles take the room that is
# left); the rest never do. What does not fit goes in `drop` order: the bar first (the
# score says it), then the check-in date, confidence, grade, due date and owner.
# JSON, CSV and markdown keep every column.
_TITLE = Column("Objective / key result", wraps=True, min_width=26, min_share=0.3, fill=2)
_COLUMNS = (
    _TITLE,
    Column("Progress", drop=1),
    Column("Score", right=True),
    Column("Grade", drop=5),
    Column("Current / target", wraps=True, min_width=12, whole=16),
    Column("Status"),
    Column("Due", drop=6),
    Column("Conf.", right=True, drop=4),
    Column("Owner", drop=7, max_width=12),
    Column("Checked in", drop=2),
    Column("Source", drop=3),
)


def status_table(result: PeriodResult, console: Console) -> None:
    """Every team's table, laid out together (one set of column widths), then the
    notes: the trend arrow, and which columns did not fit."""
    from rich.text import Text

    console.print(Text(f"OKR status {result.period}", style="bold"))
    console.print(Text(" · ".join(_plain_summary(result))))
    columns = _shown_columns(result)
    rows = {team.team: _team_rows(team.objectives, columns) for team in result.teams}
    layout = fit(columns, [row for team in rows.values() for row in team], console.width)
    for team in result.teams:
        console.print()
        console.print(Text(f"{team.team}  {fmt_score(team.score)}", style="bold"))
        show(console, layout, rows[team.team])
        _print_reflections(team.objectives, console)
    if not result.teams:
        console.print(Text("No objectives match."))
    notes = []
    if any(kr.trending_off_track for o in result.objectives for kr in o.key_results):
        notes.append(f"{_TREND} trending off-track: a projection from the check-ins")
    if result.teams:
        notes.append(layout.dropped_note(console.width))
    if any(notes):
        console.print()
    for note in filter(None, notes):
        console.print(Text(note, style="dim"))


def _shown_columns(result: PeriodResult) -> tuple[Column, ...]:
    """Grades once a period has ended are in the status (`ended · yellow`); check-in
    dates only where history was read; sources only where a key result has one."""
    tracked = any(kr.tracked for o in result.objectives for kr in o.key_results)
    hidden = {"Grade"} if result.ended else set()
    hidden |= set() if tracked else {"Checked in"}
    synced = any(kr.source for o in result.objectives for kr in o.key_results)
    hidden |= set() if synced else {"Source"}
    return tuple(c for c in _COLUMNS if c.name not in hidden)


def _team_rows(
    objectives: tuple[ObjectiveResult, ...], columns: tuple[Column, ...]
) -> list[list[Cell | None]]:
    rows = []
    for objective in objectives:
        cells = _objective_cells(objective)
        rows.append([cells.get(column.name) for column in columns])
        for kr in objective.key_results:
            cells = _key_result_cells(kr)
            rows.append([cells.get(column.name) for column in columns])
    return rows


def _objective_cells(objective: ObjectiveResult) -> dict[str, Cell]:
    from rich.text import Text

    label = Text(plain(f"{objective.id} {objective.title}"), style="bold")
    label.append(f" ({objective.type})", style="dim")
    grade = objective.grade.value
    return {
        "Objective / key result": Cell(label),
        "Progress": Cell(Text(bar(objective.score, TABLE_BAR_WIDTH), style=_GRADE_STYLE[grade])),
        "Score": Cell(Text(fmt_score(objective.score), style="bold")),
        "Grade": Cell(Text(grade, style=_GRADE_STYLE[grade])),
        "Status": Cell(
            Text(
                status_text(objective.status, objective.grade),
                style=_STATUS_STYLE[objective.status],
            )
        ),
        "Owner": Cell(Text(plain(objective.owner or ""))),
    }


def _key_result_cells(kr: KeyResultResult) -> dict[str, Cell]:
    from rich.text import Text

    grade = kr.grade.value
    status = status_text(kr.status, kr.grade) + (f" {_TREND}" if kr.trending_off_track else "")
    return {
        "Objective / key result": Cell(Text(plain(f"{kr.id} {kr.title}")), indent=2),
        "Progress": Cell(Text(bar(kr.score, TABLE_BAR_WIDTH), style=_GRADE_STYLE[grade])),
        "Score": Cell(Text(fmt_score(kr.score) + ("*" if kr.override_reason else ""))),
        "Grade": Cell(Text(grade, style=_GRADE_STYLE[grade])),
        "Current / target": Cell(Text(_value_pieces(progress_text(kr) + _band_note(kr)))),
        "Status": Cell(Text(status, style=_STATUS_STYLE[kr.status] or _GRADE_STYLE[grade])),
        "Due": Cell(Text(kr.due.strftime("%b %d") if kr.dated else "")),
        "Conf.": Cell(Text(fmt_confidence(kr.confidence))),
        "Owner": Cell(Text(plain(kr.owner or ""))),
        "Checked in": Cell(Text(_checked_in(kr))),
        "Source": Cell(Text(f"synced: {kr.source}" if kr.source else "", style="cyan")),
    }


# Where a value may break: after a comma, before a parenthesis or a word of four letters
# or more (`3 / 2` `incidents/month`); never inside a number or before a short unit.
_VALUE_BREAK = re.compile(r"(?<=,) | (?=\()| (?=[^\W\d_][^ ]{3,})")


def _value_pieces(text: str) -> str:
    """A value as pieces a column may break between: `99.96 %` `(>= 99.9),` `100% in`
    `band`; `96.1 / 99.5 %` stays whole."""
    return " ".join(keep(piece) for piece in _VALUE_BREAK.split(text))


def _band_note(kr: KeyResultResult) -> str:
    band = kr.history.time_in_band if kr.history else None
    return f", {keep(f'{band:.0%} in band')}" if band is not None else ""


def _checked_in(kr: KeyResultResult) -> str:
    if not kr.tracked:
        return ""
    return kr.last_checkin.strftime("%b %d") if kr.last_checkin else "pending"


def _print_reflections(objectives: tuple[ObjectiveResult, ...], console: Console) -> None:
    """Below a team's table: overridden grades and dropped key results with their
    reasons, then each objective's reflection and decision."""
    from rich.text import Text

    notes: list[Text] = []
    for o in objectives:
        for kr in o.key_results:
            said = dropped_note(kr) or override_note(kr)
            if said:
                notes.append(Text(f"{plain(kr.id)} {said}", style="dim"))
    for o in objectives:
        if o.reflection is None and o.decision is None:
            continue
        reflection = Text(plain(o.id))
        if o.decision:
            reflection.append(f" → {o.decision}", style="bold")
        reflection.append(": " + (plain(o.reflection) if o.reflection else "no reflection yet"))
        notes.append(reflection)
    if notes:
        console.print()  # apart from the table: a note is not a row
    for note in notes:
        print_lines(console, paragraph(note, console.width, indent=2, hang=2))


def _plain_summary(result: PeriodResult) -> list[str]:
    state = (
        f"closed {result.closed.isoformat()}"
        if result.closed
        else "ended; graded"
        if result.ended
        else f"{result.elapsed:.0%} elapsed"
    )
    source = files_note(result.files_at)
    parts = [f"as of {result.as_of.isoformat()} ({state})"]
    parts += [source] if source else []
    parts.append(f"score {fmt_score(result.score)}")
    return parts + [part.replace("average ", "") for part in _summary_parts(result)]
