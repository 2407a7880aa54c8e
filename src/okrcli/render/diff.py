"""A diff as a rich table, pull-request markdown, or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, assert_never

from okrcli.history.changes import QuarterDiff, RevisionDiff
from okrcli.render.escape import json_text, md_code, plain
from okrcli.render.formats import DiffFormat
from okrcli.render.paths import display_path
from okrcli.render.text import FORMAT_VERSION, fmt_score, md_cell
from okrcli.score.compare import (
    Diff,
    KeyResultChange,
    KeyResultState,
    ObjectiveChange,
    TeamQuarters,
)

if TYPE_CHECKING:
    from rich.console import Console

    from okrcli.history.git import InvalidFile, Revision
    from okrcli.render.terminal import Terminal


def render_diff(
    result: RevisionDiff | QuarterDiff, output_format: DiffFormat, terminal: Terminal
) -> str:
    if isinstance(result, QuarterDiff):
        return _render_quarters(result, output_format)
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


def _render_quarters(result: QuarterDiff, output_format: DiffFormat) -> str:
    match output_format:
        case DiffFormat.json:
            return quarters_json(result.before, result.after, result.teams)
        case DiffFormat.table | DiffFormat.markdown:
            return quarters_markdown(result.earlier, result.later, result.teams)
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


def _value(state: KeyResultState | None) -> str:
    from okrcli.model.kinds import describe_change

    if state is None:
        return "-"
    return describe_change(state.kind, state.facts)


def _delta(value: float | None) -> str:
    return "" if value is None or value == 0 else f"{value:+.2f}"


def _score_move(before: float | None, after: float | None) -> str:
    return f"{fmt_score(before)} -> {fmt_score(after)}"


def _kr_note(change: KeyResultChange) -> str:
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
            f"| {md_cell(t.team)} | {t.period} | {_score_move(t.before, t.after)} |"
            for t in diff.teams
        ]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _label(revision: Revision) -> str:
    return md_code(revision.label) + (f" ({revision.commit[:12]})" if revision.commit else "")


def _md_kr_row(change: KeyResultChange) -> str:
    state = change.after or change.before
    title = md_cell(state.title) if state else ""
    value = f"{md_cell(_value(change.before))} -> {md_cell(_value(change.after))}"
    score = _score_move(*_scores(change))
    delta = _delta(change.score_delta)
    note = md_cell(_kr_note(change))
    if change.target_change == "eased":
        note = f"**{note}**"
    return (
        f"| **{md_cell(change.id)}** {title} | {md_cell(change.change)} | {value} "
        f"| {score} {delta} | {note} |"
    )


def _scores(change: KeyResultChange | ObjectiveChange) -> tuple[float | None, float | None]:
    return (
        change.before.score if change.before else None,
        change.after.score if change.after else None,
    )


def _md_objective_row(change: ObjectiveChange) -> str:
    state = change.after or change.before
    title = md_cell(state.title) if state else ""
    note = "added mid-period" if change.mid_period else _objective_fields(change)
    return (
        f"| **{md_cell(change.id)}** {title} | {md_cell(change.change)} "
        f"| {_score_move(*_scores(change))} {_delta(change.score_delta)} | {md_cell(note)} |"
    )


def _objective_fields(change: ObjectiveChange) -> str:
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


# ---- rich table -----------------------------------------------------------------------


def diff_table(diff: Diff, before: Revision, after: Revision, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text(plain(f"OKR changes: {before.label} -> {after.label}"), style="bold"))
    if not diff.key_results and not diff.objectives:
        console.print(Text("No changes."))
        return
    table = Table(title=Text("Key results", style="bold"), title_justify="left")
    for name in ("Key result", "Change", "Value", "Score", "Note"):
        table.add_column(name, ratio=1 if name in ("Key result", "Note") else None)
    for change in ordered(diff):
        style = "bold red" if change.target_change == "eased" else ""
        table.add_row(
            Text(plain(change.id)),
            Text(plain(change.change)),
            Text(plain(f"{_value(change.before)} -> {_value(change.after)}")),
            Text(f"{_score_move(*_scores(change))} {_delta(change.score_delta)}".strip()),
            Text(plain(_kr_note(change)), style=style),
        )
    console.print(table)
    if diff.objectives:
        objectives = Table(title=Text("Objectives", style="bold"), title_justify="left")
        for name in ("Objective", "Change", "Score", "Note"):
            objectives.add_column(name)
        for objective in diff.objectives:
            note = "added mid-period" if objective.mid_period else _objective_fields(objective)
            move = f"{_score_move(*_scores(objective))} {_delta(objective.score_delta)}"
            objectives.add_row(
                Text(plain(objective.id)),
                Text(plain(objective.change)),
                Text(move.strip()),
                Text(plain(note)),
            )
        console.print(objectives)


# ---- quarter to quarter ---------------------------------------------------------------


def quarters_markdown(earlier: str, later: str, teams: list[TeamQuarters]) -> str:
    earlier, later = md_cell(earlier), md_cell(later)
    lines = [
        f"## {earlier} -> {later}",
        "",
        f"| Team | {earlier} score | {later} score | Carried over | New | Dropped |",
        "| --- | ---: | ---: | --- | --- | --- |",
    ]
    for t in teams:
        carried = ", ".join(
            md_cell(a) if a == b else f"{md_cell(a)} -> {md_cell(b)}" for a, b in t.carried
        )
        new, dropped = md_cell(", ".join(t.new)), md_cell(", ".join(t.dropped))
        lines.append(
            f"| {md_cell(t.team)} | {fmt_score(t.score_from)} | {fmt_score(t.score_to)} "
            f"| {carried} | {new} | {dropped} |"
        )
    return "\n".join(lines) + "\n"


def quarters_json(earlier: Revision, later: Revision, teams: list[TeamQuarters]) -> str:
    payload = {
        "format_version": FORMAT_VERSION,
        "from": _revision(earlier),
        "to": _revision(later),
        "teams": [
            {
                "team": t.team,
                "score_from": t.score_from,
                "score_to": t.score_to,
                "carried": [{"from": a, "to": b} for a, b in t.carried],
                "new": list(t.new),
                "dropped": list(t.dropped),
            }
            for t in teams
        ],
    }
    return json_text(payload) + "\n"
