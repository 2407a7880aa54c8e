"""Renderings of a scored period: JSON, CSV, GitHub-flavoured markdown and rich tables.

All take the same `PeriodResult`; none computes a score. Scores are unrounded in JSON
and CSV, rounded to two places for people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, assert_never

from okrcli.render.escape import csv_text, json_text, markdown, plain
from okrcli.render.formats import StatusFormat
from okrcli.render.paths import display_path
from okrcli.render.text import (
    FORMAT_VERSION,
    TABLE_BAR_WIDTH,
    bar,
    dropped_note,
    files_note,
    fmt_confidence,
    fmt_number,
    fmt_score,
    md_cell,
    md_status,
    override_note,
    period_state,
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


def history_note(kr: KeyResultResult) -> str:
    """What history adds: the last check-in (or pending) and time in band."""
    history = kr.history
    if history is None:
        return ""
    last = history.last_checkin
    parts = [f"checked in {last.isoformat()}" if last else "pending"]
    if history.time_in_band is not None:
        parts.append(f"{history.time_in_band:.0%} of days in band")
    if history.forecast is not None:
        parts.append(f"projected {fmt_number(round(history.forecast, 2))}")
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
    }


# ---- CSV ----------------------------------------------------------------------------

CSV_COLUMNS = (
    "period",
    "team",
    "objective_id",
    "objective_title",
    "objective_type",
    "objective_score",
    "objective_status",
    "key_result_id",
    "key_result_title",
    "kind",
    "score",
    "status",
    "start",
    "current",
    "target",
    "unit",
    "confidence",
    "owner",
    "due",
    "last_checkin",
    "trending_off_track",
    "final_score",
    "override_reason",
    "dropped",
    "objective_decision",
    "objective_reflection",
)


def status_csv(result: PeriodResult) -> str:
    """One row per key result, with its objective's columns repeated."""
    return csv_text(
        CSV_COLUMNS,
        (
            (
                str(objective.period),
                objective.team,
                objective.id,
                objective.title,
                objective.type,
                objective.score,
                objective.status.value,
                kr.id,
                kr.title,
                kr.kind,
                kr.score,
                kr.status.value,
                _blank(kr.facts.start),
                _blank(kr.facts.current),
                _blank(kr.facts.target),
                kr.facts.unit or "",
                _blank(kr.confidence),
                kr.owner or "",
                kr.due.isoformat(),
                kr.last_checkin.isoformat() if kr.last_checkin else "",
                "yes" if kr.trending_off_track else "",
                _blank(kr.final_score),
                kr.override_reason or "",
                kr.dropped or "",
                objective.decision or "",
                objective.reflection or "",
            )
            for objective in result.objectives
            for kr in objective.key_results
        ),
    )


def _blank(value: float | None) -> str | float:
    return "" if value is None else value


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
        parts.append(f"grades {grades.green} green, {grades.yellow} yellow, {grades.red} red")
    if committed.count:
        word = "achieved" if result.ended else "at 1.0"
        parts.append(f"committed {word}: {committed.at_target}/{committed.count}")
    if aspirational.count:
        parts.append(
            f"aspirational average {fmt_score(aspirational.average)} ({aspirational.verdict})"
        )
    return parts


def status_markdown(result: PeriodResult) -> str:
    lines = [f"## OKR status {result.period}", "", *summary_lines(result)]
    for team in result.teams:
        lines += ["", f"### {md_cell(team.team)} — {fmt_score(team.score)}", ""]
        lines += [
            "| Objective / key result | Progress | Score | Current / target | Status "
            "| Confidence | Owner |",
            "| --- | --- | ---: | --- | --- | ---: | --- |",
        ]
        for objective in team.objectives:
            lines.append(_md_objective_row(objective))
            lines.extend(_md_key_result_row(kr) for kr in objective.key_results)
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


def _md_objective_row(objective: ObjectiveResult) -> str:
    title = f"**{md_cell(objective.id)}** {md_cell(objective.title)} _{objective.type}_"
    return (
        f"| {title} | `{bar(objective.score)}` | **{fmt_score(objective.score)}** | "
        f"| {md_status(objective.status, objective.grade)} | "
        f"| {md_cell(objective.owner or '')} |"
    )


def _with_note(text: str, note: str) -> str:
    return f"{text} ({note})" if note else text


def _trend(kr: KeyResultResult) -> str:
    return " ↘ _trending off-track (projection)_" if kr.trending_off_track else ""


def _md_key_result_row(kr: KeyResultResult) -> str:
    # The progress text is okrcli's words (`>= 99.9`) around an escaped unit.
    note = dropped_note(kr, markdown) or override_note(kr, markdown) or history_note(kr)
    progress = _with_note(progress_text(kr, markdown), note).strip()
    return (
        f"| ↳ {md_cell(kr.id)} {md_cell(kr.title)} | `{bar(kr.score)}` | {fmt_score(kr.score)} "
        f"| {progress} "
        f"| {md_status(kr.status, kr.grade)}{_trend(kr)} "
        f"| {fmt_confidence(kr.confidence)} | {md_cell(kr.owner or '')} |"
    )


# ---- rich tables --------------------------------------------------------------------

_STATUS_STYLE = {
    Status.DONE: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "bold red",
    Status.OUTDATED: "magenta",
    Status.ENDED: "",
    Status.ACHIEVED: "bold green",
    Status.MISSED: "bold red",
    Status.DROPPED: "dim",
}
_GRADE_STYLE = {"green": "green", "yellow": "yellow", "red": "red"}


def status_table(result: PeriodResult, console: Console) -> None:
    """Print one rich table per team. User text is passed as `Text`, never as markup."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"OKR status {result.period}", style="bold"))
    console.print(Text(" · ".join(_plain_summary(result))))
    for team in result.teams:
        table = Table(
            title=Text(f"{team.team}  {fmt_score(team.score)}", style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            expand=console.width < 120,
        )
        # Narrow terminals (and 80-column logs) drop the bar and the confidence: the
        # score says the first; JSON, CSV and markdown keep both.
        narrow = console.width < 100
        tracked = any(kr.tracked for o in result.objectives for kr in o.key_results)
        columns = [
            c
            for c in _TABLE_COLUMNS
            if not (narrow and c[0] in _WIDE_ONLY) and (tracked or c[0] != "Checked in")
        ]
        for name, options in columns:
            table.add_column(name, **options)
        keep = [index for index, column in enumerate(_TABLE_COLUMNS) if column in columns]
        for objective in team.objectives:
            cells = _objective_cells(objective)
            table.add_row(*(cells[index] for index in keep), style="bold")
            for kr in objective.key_results:
                cells = _key_result_cells(kr)
                table.add_row(*(cells[index] for index in keep))
        console.print(table)
        _print_reflections(team.objectives, console)
    if not result.teams:
        console.print(Text("No objectives match."))
    if any(kr.trending_off_track for o in result.objectives for kr in o.key_results):
        console.print(Text(f"{_TREND} trending off-track: a projection from the check-ins"))


_TREND = "↘"
_WIDE_ONLY = ("Progress", "Conf.")

# Titles take the room that is left; short columns never wrap.
_TABLE_COLUMNS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("Objective / key result", {"ratio": 1, "min_width": 24}),
    ("Progress", {"no_wrap": True}),
    ("Score", {"justify": "right", "no_wrap": True}),
    ("Current / target", {"max_width": 16}),
    ("Status", {"no_wrap": True}),
    ("Conf.", {"justify": "right", "no_wrap": True}),
    ("Owner", {"no_wrap": True, "max_width": 10, "overflow": "ellipsis"}),
    ("Checked in", {"no_wrap": True}),
)


def _band_note(kr: KeyResultResult) -> str:
    band = kr.history.time_in_band if kr.history else None
    return f", {band:.0%} in band" if band is not None else ""


def _checked_in(kr: KeyResultResult) -> str:
    if not kr.tracked:
        return ""
    return kr.last_checkin.strftime("%b %d") if kr.last_checkin else "pending"


def _print_reflections(objectives: tuple[ObjectiveResult, ...], console: Console) -> None:
    """Below a team's table: overridden grades and dropped key results with their
    reasons, then each objective's reflection and decision."""
    from rich.text import Text

    for o in objectives:
        for kr in o.key_results:
            note = dropped_note(kr) or override_note(kr)
            if note:
                console.print(Text(f"  {plain(kr.id)} {note}", style="dim"))
    for o in objectives:
        if o.reflection is None and o.decision is None:
            continue
        line = Text(f"  {plain(o.id)}")
        if o.decision:
            line.append(f" → {o.decision}", style="bold")
        line.append(": " + (plain(o.reflection) if o.reflection else "no reflection yet"))
        console.print(line)


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


def _objective_cells(objective: ObjectiveResult) -> list[Any]:
    from rich.text import Text

    label = Text(plain(f"{objective.id} {objective.title}"))
    label.append(f" ({objective.type})", style="dim")
    return [
        label,
        Text(bar(objective.score, TABLE_BAR_WIDTH), style=_GRADE_STYLE[objective.grade.value]),
        Text(fmt_score(objective.score)),
        Text(""),
        Text(
            status_text(objective.status, objective.grade),
            style=_STATUS_STYLE[objective.status],
        ),
        Text(""),
        Text(plain(objective.owner or "")),
        Text(""),
    ]


def _key_result_cells(kr: KeyResultResult) -> list[Any]:
    from rich.text import Text

    return [
        Text(plain(f"  {kr.id} {kr.title}")),
        Text(bar(kr.score, TABLE_BAR_WIDTH), style=_GRADE_STYLE[kr.grade.value]),
        Text(fmt_score(kr.score) + ("*" if kr.override_reason else "")),
        Text(progress_text(kr) + _band_note(kr)),
        Text(
            status_text(kr.status, kr.grade) + (f" {_TREND}" if kr.trending_off_track else ""),
            style=_STATUS_STYLE[kr.status] or _GRADE_STYLE[kr.grade.value],
        ),
        Text(fmt_confidence(kr.confidence)),
        Text(plain(kr.owner or "")),
        Text(_checked_in(kr)),
    ]
