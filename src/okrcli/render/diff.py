"""A diff as a rich table, pull-request markdown, or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, assert_never

from okrcli.history.changes import QuarterDiff, RevisionDiff
from okrcli.render.escape import json_text, md_code, plain
from okrcli.render.formats import DiffFormat
from okrcli.render.layout import Cell, Column, fit, keep, show
from okrcli.render.paths import display_path
from okrcli.render.text import FORMAT_VERSION, fmt_score, md_cell
from okrcli.score.compare import (
    Diff,
    KeyResultChange,
    KeyResultState,
    ObjectiveChange,
    ObjectiveState,
    PeriodObjective,
    TeamScores,
)

if TYPE_CHECKING:
    from rich.console import Console

    from okrcli.history.git import InvalidFile, Revision
    from okrcli.render.terminal import Terminal


def render_diff(
    result: RevisionDiff | QuarterDiff, output_format: DiffFormat, terminal: Terminal
) -> str:
    if isinstance(result, QuarterDiff):
        return _render_quarters(result, output_format, terminal)
    match output_format:
        case DiffFormat.table:
            return terminal.render(
                lambda console: diff_table(result.diff, result.before, result.after, console)
            )
        case DiffFormat.markdown:
            return diff_markdown(result.diff, result.before, result.after)
        case DiffFormat.json:
            return diff_json(result.diff, result.before, result.after, result.invalid)
        case _:
            assert_never(output_format)


def _render_quarters(result: QuarterDiff, output_format: DiffFormat, terminal: Terminal) -> str:
    match output_format:
        case DiffFormat.json:
            return quarters_json(result)
        case DiffFormat.markdown:
            return quarters_markdown(result)
        case DiffFormat.table:
            return terminal.render(lambda console: quarters_table(result, console))
        case _:
            assert_never(output_format)


def diff_warnings(result: RevisionDiff | QuarterDiff) -> list[str]:
    """What the reader of a diff must know: a shallow clone, files skipped as invalid."""
    # Notes on the history read (dates out of range), where the result carries them.
    # A shallow clone is one of them (`History.warnings`).
    lines = [f"okr: warning: {note}" for note in result.warnings]
    for item in result.invalid:
        finding = item.finding
        where = f"{display_path(finding.location.path)}:{finding.location.line}"
        lines.append(
            f"okr: warning: skipped {display_path(item.path)} at {item.revision}: "
            f"{where}:{finding.location.col}: {finding.message}"
        )
    return [plain(line) for line in lines]


def value_text(state: KeyResultState | None) -> str:
    from okrcli.model.kinds import describe_change

    if state is None:
        return "-"
    return describe_change(state.kind, state.facts)


def _delta(value: float | None) -> str:
    return "" if value is None or value == 0 else f"{value:+.2f}"


def score_move(before: float | None, after: float | None) -> str:
    return f"{fmt_score(before)} -> {fmt_score(after)}"


def change_note(change: KeyResultChange) -> str:
    notes = []
    if change.target_change == "eased":
        notes.append("target eased")
    elif change.target_change == "raised":
        notes.append("target raised")
    if change.mid_period:
        notes.append("added mid-period")
    shown = ("current", "done", "items", "target" if change.target_change else "")
    other = [f for f in change.fields if f not in shown]
    if other and change.change == "changed":
        notes.append("changed: " + ", ".join(other))
    return "; ".join(notes)


def ordered(diff: Diff) -> list[KeyResultChange]:
    """Eased targets first: they are the changes a reviewer must not miss."""
    return sorted(diff.key_results, key=lambda c: (c.target_change != "eased", c.id))


# ---- markdown -------------------------------------------------------------------------


def diff_markdown(diff: Diff, before: Revision, after: Revision, heading: str = "##") -> str:
    lines = [f"{heading} OKR changes: {_label(before)} -> {_label(after)}", ""]
    if not diff.key_results and not diff.objectives:
        return "\n".join([*lines, "_No changes._"]) + "\n"
    if diff.eased:
        lines += [
            f"**{len(diff.eased)} eased target(s)**: easing needs a reason; git keeps the "
            "original.",
            "",
        ]
    if diff.key_results:
        lines += [
            "| Key result | Change | Value | Score | Note |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [_md_kr_row(c) for c in ordered(diff)]
        lines.append("")
    if diff.objectives:
        lines += ["| Objective | Change | Score | Note |", "| --- | --- | --- | --- |"]
        lines += [_md_objective_row(c) for c in diff.objectives]
        lines.append("")
    if diff.teams:
        lines += ["| Team | Period | Score |", "| --- | --- | --- |"]
        lines += [
            f"| {md_cell(t.team)} | {t.period} | {score_move(t.before, t.after)} |"
            for t in diff.teams
        ]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _label(revision: Revision) -> str:
    return md_code(revision.label) + (f" ({revision.commit[:12]})" if revision.commit else "")


def _md_kr_row(change: KeyResultChange) -> str:
    state = change.after or change.before
    title = md_cell(state.title) if state else ""
    value = f"{md_cell(value_text(change.before))} -> {md_cell(value_text(change.after))}"
    score = score_move(*side_scores(change))
    delta = _delta(change.score_delta)
    note = md_cell(change_note(change))
    if change.target_change == "eased":
        note = f"**{note}**"
    return (
        f"| **{md_cell(change.id)}** {title} | {md_cell(change.change)} | {value} "
        f"| {score} {delta} | {note} |"
    )


def side_scores(
    change: KeyResultChange | ObjectiveChange,
) -> tuple[float | None, float | None]:
    """The score before and after the change (None where the item was not there)."""
    return (
        change.before.score if change.before else None,
        change.after.score if change.after else None,
    )


def _md_objective_row(change: ObjectiveChange) -> str:
    state = change.after or change.before
    title = md_cell(state.title) if state else ""
    note = "added mid-period" if change.mid_period else objective_change_note(change)
    return (
        f"| **{md_cell(change.id)}** {title} | {md_cell(change.change)} "
        f"| {score_move(*side_scores(change))} {_delta(change.score_delta)} | {md_cell(note)} |"
    )


def objective_change_note(change: ObjectiveChange) -> str:
    """What changed besides the score (the score column shows that)."""
    fields = [f for f in change.fields if f != "score"]
    return "changed: " + ", ".join(fields) if fields else ""


# ---- JSON -----------------------------------------------------------------------------


def diff_json(diff: Diff, before: Revision, after: Revision, invalid: list[InvalidFile]) -> str:
    payload = diff_payload(diff, before, after, invalid)
    return json_text(payload) + "\n"


def diff_payload(
    diff: Diff, before: Revision, after: Revision, invalid: list[InvalidFile]
) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "from": _revision(before),
        "to": _revision(after),
        "key_results": [_kr_payload(c) for c in ordered(diff)],
        "objectives": [_objective_payload(c) for c in diff.objectives],
        "teams": [
            {"period": str(t.period), "team": t.team, "before": t.before, "after": t.after}
            for t in diff.teams
        ],
        "invalid": [
            {"path": display_path(i.path), "revision": i.revision, "line": i.finding.location.line,
             "col": i.finding.location.col, "code": i.finding.code, "message": i.finding.message}
            for i in invalid
        ],
    }  # fmt: skip


def _revision(revision: Revision) -> dict[str, Any]:
    return {
        "label": revision.label,
        "commit": revision.commit,
        "date": revision.date.isoformat() if revision.date else None,
    }


def _kr_state(state: KeyResultState | None) -> dict[str, Any] | None:
    if state is None:
        return None
    values = dict(state.values)
    if values.get("due") is not None:
        values["due"] = str(values["due"])
    return {"score": state.score, "team": state.team, "period": str(state.period), **values}


def _kr_payload(change: KeyResultChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "change": change.change,
        "fields": list(change.fields),
        "target_change": change.target_change,
        "mid_period": change.mid_period,
        "score_delta": change.score_delta,
        "before": _kr_state(change.before),
        "after": _kr_state(change.after),
    }


def _objective_payload(change: ObjectiveChange) -> dict[str, Any]:
    def state(side: Any) -> dict[str, Any] | None:
        if side is None:
            return None
        return {"score": side.score, "team": side.team, "period": str(side.period), **side.values}

    return {
        "id": change.id,
        "change": change.change,
        "fields": list(change.fields),
        "mid_period": change.mid_period,
        "score_delta": change.score_delta,
        "before": state(change.before),
        "after": state(change.after),
    }


# ---- tables ---------------------------------------------------------------------------

# Titles wrap under their id; values and scores break only between before and after.
_KR_COLUMNS = (
    Column("Key result", wraps=True, min_width=24, min_share=0.3, fill=2),
    Column("Change"),
    Column("Value", wraps=True, min_width=10, whole=16),
    Column("Score", wraps=True, min_width=12, whole=12),
    Column("Note", wraps=True, min_width=12),
)
_OBJECTIVE_COLUMNS = (
    Column("Objective", wraps=True, min_width=24, min_share=0.3, fill=2),
    Column("Change"),
    Column("Score", wraps=True, min_width=12, whole=12),
    Column("Note", wraps=True, min_width=12),
)
_TEAM_COLUMNS = (Column("Team", wraps=True, min_width=12), Column("Period"), Column("Score"))


def diff_table(diff: Diff, before: Revision, after: Revision, console: Console) -> None:
    """Key results (eased targets first), objectives and team scores, each a table with
    its ids and titles; what does not fit the width wraps inside its column."""
    from rich.text import Text

    console.print(Text(plain(f"OKR changes: {before.label} -> {after.label}"), style="bold"))
    if not diff.key_results and not diff.objectives:
        console.print(Text("No changes."))
        return
    if diff.eased:
        console.print(
            Text(
                f"{len(diff.eased)} eased target(s): easing needs a reason; "
                "git keeps the original.",
                style="bold red",
            )
        )
    sections = [
        ("Key results", _KR_COLUMNS, [_kr_cells(c) for c in ordered(diff)]),
        ("Objectives", _OBJECTIVE_COLUMNS, [_objective_cells(c) for c in diff.objectives]),
        ("Teams", _TEAM_COLUMNS, [_team_cells(t) for t in diff.teams]),
    ]
    for title, columns, rows in sections:
        if rows:
            _print_section(console, title, columns, rows)


def _print_section(
    console: Console, title: str, columns: tuple[Column, ...], rows: list[list[Cell | None]]
) -> None:
    from rich.text import Text

    layout = fit(columns, rows, console.width)
    console.print()
    console.print(Text(title, style="bold"))
    show(console, layout, rows)
    note = layout.dropped_note(console.width)
    if note:
        console.print(Text(note, style="dim"))


def _titled(ident: str, state: KeyResultState | ObjectiveState | None) -> Cell:
    """`PLAT-3.1 Cut monthly cloud spend...`: the id, its title wrapping under it."""
    from rich.text import Text

    label = Text(plain(ident), style="bold")
    if state is not None:
        label.append(" " + plain(state.title))
    return Cell(label, hang=2)


def _moves(before: str, after: str) -> str:
    """`182 / 140 -> 171 / 150`, breakable only before the arrow."""
    return f"{keep(before)} {keep('-> ' + after)}"


def _kr_cells(change: KeyResultChange) -> list[Cell | None]:
    from rich.text import Text

    state = change.after or change.before
    style = "bold red" if change.target_change == "eased" else ""
    return [
        _titled(change.id, state),
        Cell(Text(plain(change.change))),
        Cell(Text(plain(_moves(value_text(change.before), value_text(change.after))))),
        Cell(Text(_score_cell(change))),
        Cell(Text(plain(change_note(change)), style=style)),
    ]


def _score_cell(change: KeyResultChange | ObjectiveChange) -> str:
    before, after = side_scores(change)
    delta = _delta(change.score_delta)
    return _moves(fmt_score(before), fmt_score(after)) + (f" {delta}" if delta else "")


def _objective_cells(change: ObjectiveChange) -> list[Cell | None]:
    from rich.text import Text

    note = "added mid-period" if change.mid_period else objective_change_note(change)
    return [
        _titled(change.id, change.after or change.before),
        Cell(Text(plain(change.change))),
        Cell(Text(_score_cell(change))),
        Cell(Text(plain(note))),
    ]


def _team_cells(team: TeamScores) -> list[Cell | None]:
    from rich.text import Text

    return [
        Cell(Text(plain(team.team))),
        Cell(Text(str(team.period))),
        Cell(Text(score_move(team.before, team.after))),
    ]


# ---- period to period ----------------------------------------------------------------

_RUNNING = {"running": "running", "upcoming": "not started"}


def _side(label: str, state: str) -> str:
    """`2026-Q4`, or `2026-Q4 (running)` where its scores are not final."""
    return f"{label} ({_RUNNING[state]})" if state in _RUNNING else label


def _running_note(result: QuarterDiff) -> str:
    """What the reader must know when a period was not over in the state read: `2026-Q4
    had not ended at 2026-11-20 (the state read): its scores are so far, not final.`"""
    sides = zip(
        (result.earlier, result.later), result.states, (result.before, result.after), strict=True
    )
    notes = [
        f"{label} had not {'started' if state == 'upcoming' else 'ended'}"
        + (f" at {revision.date.date().isoformat()}" if revision.date else "")
        for label, state, revision in sides
        if state in _RUNNING
    ]
    if not notes:
        return ""
    return f"{' and '.join(notes)} (the state read): its scores are so far, not final."


def _carried_text(pairs: tuple[tuple[str, str], ...]) -> list[str]:
    return [a if a == b else f"{a} -> {b}" for a, b in pairs]


def quarters_markdown(result: QuarterDiff) -> str:
    earlier, later = md_cell(result.earlier), md_cell(result.later)
    first, second = (
        md_cell(_side(lab, st))
        for lab, st in zip((result.earlier, result.later), result.states, strict=True)
    )
    lines = [f"## {earlier} -> {later}", ""]
    note = _running_note(result)
    lines += [f"_{md_cell(note)}_", ""] if note else []
    lines += [
        f"| Team | {first} score | {second} score | Carried over | New | Dropped |",
        "| --- | ---: | ---: | --- | --- | --- |",
    ]
    for t in result.teams:
        carried = ", ".join(md_cell(text) for text in _carried_text(t.carried))
        new, dropped = md_cell(", ".join(t.new)), md_cell(", ".join(t.dropped))
        lines.append(
            f"| {md_cell(t.team)} | {fmt_score(t.score_from)} | {fmt_score(t.score_to)} "
            f"| {carried} | {new} | {dropped} |"
        )
    objectives = [(t.team, o) for t in result.teams for o in t.objectives]
    if objectives:
        lines += ["", "| Objective | Team | Change | Score |", "| --- | --- | --- | ---: |"]
        lines += [
            f"| **{md_cell(o.id)}** {md_cell(o.title)} | {md_cell(team)} "
            f"| {md_cell(_objective_change(o, result))} | {fmt_score(o.score)} |"
            for team, o in objectives
        ]
    return "\n".join(lines) + "\n"


def _objective_change(objective: PeriodObjective, result: QuarterDiff) -> str:
    """`carried from 2026-Q3/PLAT-1`, `new`, `dropped (2026-Q3)`."""
    if objective.change == "carried":
        return f"carried from {result.earlier}/{objective.carried_from}"
    if objective.change == "dropped":
        return f"dropped ({result.earlier})"
    return "new"


_QUARTER_OBJECTIVES = (
    Column("Objective", wraps=True, min_width=24, min_share=0.3, fill=2),
    Column("Team"),
    Column("Change", wraps=True, min_width=10, whole=16),
    Column("Score", right=True),
)


def quarters_table(result: QuarterDiff, console: Console) -> None:
    """Per team each period's score (a running one marked so) and what was carried
    over, new and dropped; then each objective with its title."""
    from rich.text import Text

    first, second = (
        _side(lab, st)
        for lab, st in zip((result.earlier, result.later), result.states, strict=True)
    )
    console.print(Text(plain(f"OKR periods: {result.earlier} -> {result.later}"), style="bold"))
    note = _running_note(result)
    if note:
        console.print(Text(plain(note), style="yellow"))
    columns = (
        Column("Team", wraps=True, min_width=10),
        Column(plain(first), right=True),
        Column(plain(second), right=True),
        Column("Carried over", wraps=True, min_width=10, weight=2),
        Column("New", wraps=True, min_width=10, weight=2),
        Column("Dropped", wraps=True, min_width=10, weight=2),
    )
    rows: list[list[Cell | None]] = [
        [
            Cell(Text(plain(t.team))),
            Cell(Text(fmt_score(t.score_from))),
            Cell(Text(fmt_score(t.score_to))),
            Cell(Text(plain(", ".join(keep(text) for text in _carried_text(t.carried))))),
            Cell(Text(plain(", ".join(t.new)))),
            Cell(Text(plain(", ".join(t.dropped)))),
        ]
        for t in result.teams
    ]
    _print_section(console, "Teams", columns, rows)
    objectives: list[list[Cell | None]] = [
        [
            Cell(Text(plain(o.id), style="bold").append(" " + plain(o.title)), hang=2),
            Cell(Text(plain(t.team))),
            Cell(Text(plain(_objective_change(o, result)))),
            Cell(Text(fmt_score(o.score))),
        ]
        for t in result.teams
        for o in t.objectives
    ]
    if objectives:
        _print_section(console, "Objectives", _QUARTER_OBJECTIVES, objectives)


def quarters_json(result: QuarterDiff) -> str:
    payload = {
        "format_version": FORMAT_VERSION,
        "from": _revision(result.before) | {"state": result.states[0]},
        "to": _revision(result.after) | {"state": result.states[1]},
        "teams": [
            {
                "team": t.team,
                "score_from": t.score_from,
                "score_to": t.score_to,
                "carried": [{"from": a, "to": b} for a, b in t.carried],
                "new": list(t.new),
                "dropped": list(t.dropped),
                "objectives": [
                    {
                        "id": o.id,
                        "title": o.title,
                        "score": o.score,
                        "change": o.change,
                        "carried_from": o.carried_from,
                    }
                    for o in t.objectives
                ],
            }
            for t in result.teams
        ],
    }
    return json_text(payload) + "\n"
