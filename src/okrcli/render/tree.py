"""The alignment tree as text (rich), markdown (nested list) or JSON."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, assert_never

from okrcli.render.escape import json_text, plain
from okrcli.render.formats import TreeFormat
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
    o = node.objective
    via = f" (via {node.via})" if node.via else ""
    state = status_text(o.status, o.grade)
    label = f"{o.id} {o.title} [{_where(o, period)}] {fmt_score(o.score)} {state}"
    return f"{label}{via}{_stale(o)}{_decision(o)}"


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
    """Outdated key results under an objective: its score may be old news."""
    count = sum(kr.status is Status.OUTDATED for kr in objective.key_results)
    return f", {count} outdated" if count else ""


def tree_text(result: PeriodResult, roots: list[AlignmentNode], console: Console) -> None:
    from rich.text import Text
    from rich.tree import Tree

    closed = f", closed {result.closed.isoformat()}" if result.closed else ""
    heading = f"Alignment {result.period} (score {fmt_score(result.score)}{closed})"
    top = Tree(Text(heading, style="bold"))
    pending = [(top, root) for root in roots]
    while pending:
        parent, node = pending.pop(0)
        label = Text(plain(_label(node, result.period)))
        for note in _reviewed(node.objective):
            label.append("\n" + plain(note), style="dim")
        branch = parent.add(label)
        pending.extend((branch, child) for child in node.children)
    console.print(top)


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
        "outdated_key_results": [kr.id for kr in o.key_results if kr.status is Status.OUTDATED],
        "decision": o.decision,
        "reflection": o.reflection,
        "via": node.via,
        "children": [_node_payload(child) for child in node.children],
    }
