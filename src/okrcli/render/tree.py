"""The alignment tree as text (rich), markdown (nested list) or JSON."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, assert_never

from okrcli.render.escape import json_text, plain
from okrcli.render.formats import TreeFormat
from okrcli.render.layout import Cell, keep, wrap
from okrcli.render.text import (
    FORMAT_VERSION,
    dropped_note,
    fmt_score,
    md_cell,
    md_status,
    override_note,
    status_text,
)
from okrcli.score.alignment import AlignmentNode
from okrcli.score.results import ObjectiveResult, Status

if TYPE_CHECKING:
    from rich.console import Console

    from okrcli.api.progress import TreeView
    from okrcli.model.period import Period
    from okrcli.render.terminal import Terminal
    from okrcli.score.results import PeriodResult


def render_tree(view: TreeView, output_format: TreeFormat, terminal: Terminal) -> str:
    match output_format:
        case TreeFormat.text:
            return terminal.render(lambda console: tree_text(view.result, view.roots, console))
        case TreeFormat.markdown:
            return tree_markdown(view.result, view.roots)
        case TreeFormat.json:
            return tree_json(view.result, view.roots)
        case _:
            assert_never(output_format)


def _where(objective: ObjectiveResult, period: Period) -> str:
    """`company`, or `company, 2026` for an objective of an enclosing period."""
    if objective.period == period:
        return objective.team
    return f"{objective.team}, {objective.period}"


def _label(node: AlignmentNode, period: Period) -> str:
    """The objective's line: its id and title (user text: escaped here), then the parts
    that stay whole when it wraps: `[team]`, `0.26 at-risk`, `(via ACME-1.1)`, `1
    outdated`..."""
    o = node.objective
    via = f" (via {plain(node.via)})" if node.via else ""
    state = f"{fmt_score(o.score)} {status_text(o.status, o.grade)}{via}{_stale(o)}{_decision(o)}"
    pieces = [f"[{plain(_where(o, period))}]", *re.split(r"(?<=,) | (?=\()", state)]
    return f"{plain(o.id)} {plain(o.title)} " + " ".join(keep(piece) for piece in pieces)


def _decision(objective: ObjectiveResult) -> str:
    """`, decided: keep`, for an objective of a closed period."""
    return f", decided: {objective.decision}" if objective.decision else ""


def _reviewed(objective: ObjectiveResult) -> list[str]:
    """Below an objective of a closed period: its judged grades and its reflection
    (user text: the caller escapes it)."""
    notes = [
        f"{kr.id} {note}"
        for kr in objective.key_results
        for note in [dropped_note(kr, _same) or override_note(kr, _same)]
        if note
    ]
    if objective.reflection:
        notes.append(f"reflection: {objective.reflection}")
    return notes


def _same(text: str) -> str:
    return text


def _stale(objective: ObjectiveResult) -> str:
    """Overdue key results under an objective (a deadline missed), and outdated ones (its
    score may be old news)."""
    notes = []
    for status in (Status.OVERDUE, Status.OUTDATED):
        count = sum(kr.status is status for kr in objective.key_results)
        notes += [f", {count} {status.value}"] if count else []
    return "".join(notes)


def tree_text(result: PeriodResult, roots: list[AlignmentNode], console: Console) -> None:
    """The tree with its guides; a label that wraps continues under itself, the guides
    of the levels around it kept, and its score and status stay on one line."""
    from rich.cells import cell_len
    from rich.text import Text

    closed = f", closed {result.closed.isoformat()}" if result.closed else ""
    console.print(
        Text(f"Alignment {result.period} (score {fmt_score(result.score)}{closed})", style="bold")
    )
    for prefix, continued, node in _guided(roots):
        label = Cell(Text(_label(node, result.period)))
        notes = [Cell(Text(plain(note), style="dim")) for note in _reviewed(node.objective)]
        width = console.width - cell_len(continued)
        for number, line in enumerate(wrap(label, width)):
            console.print(Text(prefix if number == 0 else continued).append_text(line))
        for note in notes:
            for line in wrap(note, width):
                console.print(Text(continued).append_text(line))


def _guided(roots: list[AlignmentNode]) -> Iterator[tuple[str, str, AlignmentNode]]:
    """Each node with the guides before its first line and before the lines that
    continue it (its label's continuation, its notes)."""
    stack = [("", root, index == len(roots) - 1) for index, root in enumerate(roots)][::-1]
    while stack:
        guides, node, last = stack.pop()
        yield guides + ("└── " if last else "├── "), guides + ("    " if last else "│   "), node
        inner = guides + ("    " if last else "│   ")
        children = node.children
        stack += [
            (inner, child, index == len(children) - 1) for index, child in enumerate(children)
        ][::-1]


def tree_markdown(result: PeriodResult, roots: list[AlignmentNode]) -> str:
    lines = [f"## Alignment {result.period}", ""]
    for depth, node in _walk(roots):
        o = node.objective
        via = f" (via {md_cell(node.via)})" if node.via else ""
        lines.append(
            f"{'  ' * depth}- **{md_cell(o.id)}** {md_cell(o.title)} · "
            f"{md_cell(_where(o, result.period))} · "
            f"{fmt_score(o.score)} {md_status(o.status, o.grade)}{via}{_stale(o)}{_decision(o)}"
        )
        lines += [f"{'  ' * (depth + 1)}- _{md_cell(note)}_" for note in _reviewed(o)]
    return "\n".join(lines) + "\n"


def _walk(roots: list[AlignmentNode]) -> Iterator[tuple[int, AlignmentNode]]:
    stack = [(0, root) for root in reversed(roots)]
    while stack:
        depth, node = stack.pop()
        yield depth, node
        stack.extend((depth + 1, child) for child in reversed(node.children))


def tree_json(result: PeriodResult, roots: list[AlignmentNode]) -> str:
    payload = {
        "format_version": FORMAT_VERSION,
        "period": str(result.period),
        "as_of": result.as_of.isoformat(),
        "score": result.score,
        "closed": result.closed.isoformat() if result.closed else None,
        "roots": [_node_payload(root) for root in roots],
    }
    return json_text(payload) + "\n"


def _node_payload(node: AlignmentNode) -> dict[str, Any]:
    o = node.objective
    return {
        "id": o.id,
        "title": o.title,
        "team": o.team,
        "period": str(o.period),
        "score": o.score,
        "status": o.status.value,
        "grade": o.grade.value,
        "overdue_key_results": [kr.id for kr in o.key_results if kr.status is Status.OVERDUE],
        "outdated_key_results": [kr.id for kr in o.key_results if kr.status is Status.OUTDATED],
        "decision": o.decision,
        "reflection": o.reflection,
        "via": node.via,
        "children": [_node_payload(child) for child in node.children],
    }
