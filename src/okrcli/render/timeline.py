"""Timelines and blame as a rich table (with sparklines), JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from okrcli.render.findings import FORMAT_VERSION
from okrcli.render.progress import fmt_number, fmt_score

if TYPE_CHECKING:
    from rich.console import Console

    from okrcli.timeline import Blame, ObjectivePoint, Point

_TICKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """Scores 0.0-1.0 as block characters, one per value."""
    return "".join(
        _TICKS[min(len(_TICKS) - 1, max(0, round(v * (len(_TICKS) - 1))))] for v in values
    )


Row = dict[str, Any]


def key_result_rows(points: list[Point]) -> list[Row]:
    return [
        {
            "commit": p.commit,
            "date": p.date.isoformat(),
            "author": p.author,
            "current": p.state.current,
            "done": p.state.values.get("done"),
            "score": p.state.score,
            "confidence": p.state.values.get("confidence"),
            "changed": list(p.changed) if len(p.changed) < len(p.state.values) else ["added"],
            "message": p.message,
        }
        for p in points
    ]


def objective_rows(points: list[ObjectivePoint]) -> list[Row]:
    return [
        {
            "commit": p.commit,
            "date": p.date.isoformat(),
            "author": p.author,
            "current": None,
            "done": None,
            "score": p.score,
            "confidence": None,
            "changed": [],
            "message": p.message,
        }
        for p in points
    ]


def timeline_json(ident: str, kind: str, rows: list[Row]) -> str:
    payload = {"format_version": FORMAT_VERSION, "id": ident, "kind": kind, "points": rows}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


_CSV_COLUMNS = ("commit", "date", "author", "current", "score", "confidence", "message")


def timeline_csv(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for row in rows:
        writer.writerow(["" if row[c] is None else row[c] for c in _CSV_COLUMNS])
    return buffer.getvalue()


def timeline_table(ident: str, rows: list[Row], expected: list[float], console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    scores = [float(row["score"]) for row in rows]
    console.print(Text(f"{ident}: {len(rows)} change(s)", style="bold"))
    if rows:
        console.print(Text(f"score     {sparkline(scores)}  {fmt_score(scores[-1])}"))
        console.print(Text(f"expected  {sparkline(expected)}  {fmt_score(expected[-1])}"))
    table = Table(show_lines=False)
    for name in ("Date", "Commit", "Author", "Value", "Score", "Conf.", "Note"):
        table.add_column(name, no_wrap=name not in ("Note",), ratio=1 if name == "Note" else None)
    for row in rows:
        value = (
            "done"
            if row["done"]
            else fmt_number(row["current"])
            if row["done"] is None
            else "not done"
        )
        confidence = row["confidence"]
        table.add_row(
            Text(row["date"][:10]),
            Text(row["commit"][:8]),
            Text(row["author"]),
            Text(value),
            Text(fmt_score(row["score"])),
            Text("-" if confidence is None else f"{confidence:.0%}"),
            Text(str(row["message"]).split("\n", 1)[0]),
        )
    console.print(table)


def blame_table(ident: str, entries: list[Blame], console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"{ident}: who set what", style="bold"), title_justify="left")
    for name in ("Field", "Value", "Commit", "Author", "Date"):
        table.add_column(name)
    for entry in entries:
        table.add_row(
            Text(entry.field),
            Text(str(entry.value)),
            Text(entry.commit[:8]),
            Text(entry.author),
            Text(entry.date.date().isoformat()),
        )
    console.print(table)


def blame_json(ident: str, entries: list[Blame]) -> str:
    payload = {
        "format_version": FORMAT_VERSION,
        "id": ident,
        "fields": [
            {
                "field": e.field,
                "value": e.value if isinstance(e.value, int | float | str | bool) else str(e.value),
                "commit": e.commit,
                "author": e.author,
                "date": e.date.isoformat(),
            }
            for e in entries
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
