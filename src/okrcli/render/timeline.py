"""Timelines and blame as a rich table (with sparklines), JSON or CSV."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, assert_never

from okrcli.render.escape import csv_text, json_text, plain
from okrcli.render.formats import BlameFormat, HistoryFormat
from okrcli.render.layout import Cell, Column, fit, keep, show
from okrcli.render.text import FORMAT_VERSION, fmt_number, fmt_score

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from okrcli.history.timeline import (
        Blame,
        BlameView,
        FieldChange,
        TimelineRow,
        TimelineView,
    )
    from okrcli.render.terminal import Terminal

_TICKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """Scores 0.0-1.0 as block characters, one per value."""
    return "".join(
        _TICKS[min(len(_TICKS) - 1, max(0, round(v * (len(_TICKS) - 1))))] for v in values
    )


def render_history(view: TimelineView, output_format: HistoryFormat, terminal: Terminal) -> str:
    match output_format:
        case HistoryFormat.table:
            return terminal.render(lambda console: timeline_table(view, console))
        case HistoryFormat.json:
            return timeline_json(view)
        case HistoryFormat.csv:
            return timeline_csv(view)
        case _:
            assert_never(output_format)


def render_blame(view: BlameView, output_format: BlameFormat, terminal: Terminal) -> str:
    match output_format:
        case BlameFormat.table:
            return terminal.render(lambda console: blame_table(view.id, view.entries, console))
        case BlameFormat.json:
            return blame_json(view.id, view.entries)
        case _:
            assert_never(output_format)


def _payload(row: TimelineRow) -> dict[str, Any]:
    return {
        "commit": row.commit,
        "date": row.date.isoformat(),
        "author": row.author,
        "current": row.current,
        "done": row.done,
        "score": row.score,
        "confidence": row.confidence,
        "changed": list(row.changed),
        "message": row.message,
        "note": row.note,
        "definition": [
            {
                "field": change.field,
                "before": _json_value(change.before),
                "after": _json_value(change.after),
                "direction": change.direction,
            }
            for change in row.definition
        ],
    }


def _json_value(value: object) -> object:
    return value if value is None or isinstance(value, int | float | str | bool) else str(value)


def definition_text(row: TimelineRow) -> str:
    """`target 500 -> 550 (eased)`, for each change of what the key result is measured
    against."""
    return changes_text(row.definition)


def changes_text(changes: tuple[FieldChange, ...]) -> str:
    return "; ".join(
        f"{change.field} {_shown(change.before)} -> {_shown(change.after)}"
        + (f" ({change.direction})" if change.direction else "")
        for change in changes
    )


def _shown(value: object) -> str:
    """A value as people read it: numbers as `fmt_number` writes them, a checklist's
    items as `search (done), web (not done)`, never a Python repr."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt_number(value)
    if isinstance(value, bool):
        return "done" if value else "not done"
    if isinstance(value, list | tuple):
        return ", ".join(_item(item) for item in value)
    return str(value)


def _item(item: object) -> str:
    if isinstance(item, list | tuple) and len(item) == 2:
        title, done = item
        return f"{title} ({'done' if done else 'not done'})"
    return _shown(item)


def timeline_json(view: TimelineView) -> str:
    payload = {
        "format_version": FORMAT_VERSION,
        "id": view.id,
        "kind": view.kind,
        "points": [_payload(row) for row in view.rows],
    }
    return json_text(payload) + "\n"


_CSV_COLUMNS = (
    "commit",
    "date",
    "author",
    "current",
    "score",
    "confidence",
    "message",
    "note",
    "definition",
)


def timeline_csv(view: TimelineView) -> str:
    rows = []
    for row in view.rows:
        payload = _payload(row) | {"definition": definition_text(row)}
        rows.append(["" if payload[c] is None else payload[c] for c in _CSV_COLUMNS])
    return csv_text(_CSV_COLUMNS, rows)


_HISTORY_COLUMNS = (
    Column("Date"),
    Column("Commit"),
    Column("Author", wraps=True, min_width=10, drop=2),
    Column("Value", wraps=True, min_width=8, whole=12),
    Column("Score", right=True),
    Column("Conf.", right=True, drop=1),
    Column("Note", wraps=True, min_width=24, min_share=0.3, fill=2),
)


def timeline_table(view: TimelineView, console: Console) -> None:
    from rich.text import Text

    rows, expected = view.rows, view.expected
    scores = [row.score for row in rows]
    console.print(Text(plain(f"{view.id}: {len(rows)} change(s)"), style="bold"))
    if rows:
        console.print(Text(f"score     {sparkline(scores)}  {fmt_score(scores[-1])}"))
        console.print(Text(f"expected  {sparkline(expected)}  {fmt_score(expected[-1])}"))
    cells: list[list[Cell | None]] = [
        [
            Cell(Text(row.date.isoformat()[:10])),
            Cell(Text(row.commit[:8])),
            Cell(Text(plain(row.author))),
            Cell(Text(keep(_value(row)))),
            Cell(Text(fmt_score(row.score))),
            Cell(Text("-" if row.confidence is None else f"{row.confidence:.0%}")),
            Cell(_note_cell(row)),
        ]
        for row in rows
    ]
    layout = fit(_HISTORY_COLUMNS, cells, console.width)
    console.print()
    show(console, layout, cells)
    note = layout.dropped_note(console.width)
    if note:
        console.print(Text(note, style="dim"))


# `92 -> 92.59` in a commit message or a change stays on one line.
_MOVE = re.compile(r"(\S+) (->|→) (\S+)")


def _note_cell(row: TimelineRow) -> Text:
    """The subject; below it what the commit changed in the definition (an eased target
    in yellow) and its note. A value and the one it became stay on one line."""
    from rich.text import Text

    cell = Text(_glued(plain(_subject(row.message))))
    changed = definition_text(row)
    if changed:
        from okrcli.history.timeline import any_eased

        eased = any_eased(row.definition)
        cell.append("\n" + _glued(plain(changed)), style="yellow" if eased else "cyan")
    if row.note:
        cell.append("\n" + _glued(plain(row.note)), style="dim")
    return cell


def _glued(text: str) -> str:
    return _MOVE.sub(lambda match: keep(match.group(0)), text)


def _subject(message: str) -> str:
    """A commit message's subject: its first line, as git shows it."""
    return message.split("\n", 1)[0]


def _value(row: TimelineRow) -> str:
    if row.done is None:
        return fmt_number(row.current)
    return "done" if row.done else "not done"


_BLAME_COLUMNS = (
    Column("Field"),
    Column("Value", wraps=True, min_width=16, min_share=0.3, fill=2),
    Column("Commit"),
    Column("Author", wraps=True, min_width=10),
    Column("Date"),
)


def blame_table(ident: str, entries: list[Blame], console: Console) -> None:
    from rich.text import Text

    console.print(Text(plain(f"{ident}: who set what"), style="bold"))
    rows: list[list[Cell | None]] = [
        [
            Cell(Text(plain(entry.field))),
            Cell(Text(plain(_shown(entry.value)))),
            Cell(Text(entry.commit[:8])),
            Cell(Text(plain(entry.author))),
            Cell(Text(entry.date.date().isoformat())),
        ]
        for entry in entries
    ]
    layout = fit(_BLAME_COLUMNS, rows, console.width)
    show(console, layout, rows)


def blame_json(ident: str, entries: list[Blame]) -> str:
    payload = {
        "format_version": FORMAT_VERSION,
        "id": ident,
        "fields": [
            {
                "field": e.field,
                "value": (
                    e.value if isinstance(e.value, int | float | str | bool) else _shown(e.value)
                ),
                "commit": e.commit,
                "author": e.author,
                "date": e.date.isoformat(),
            }
            for e in entries
        ],
    }
    return json_text(payload) + "\n"
