"""The alignment tree of a period: top-level objectives down to the objectives that
support them, across the periods that enclose it (a quarter's objectives under its
year's). Pure: built from scored objectives, rendered elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field

from okrcli.model.period import Identity, Period
from okrcli.score.results import ObjectiveResult


@dataclass
class AlignmentNode:
    objective: ObjectiveResult
    via: str | None = None
    """The key result of the parent this objective aligns to, when it names one."""
    children: list[AlignmentNode] = field(default_factory=list)


def alignment_tree(
    objectives: tuple[ObjectiveResult, ...], top_level_team: str
) -> list[AlignmentNode]:
    """Roots first from the longest period (a year before its quarters), then from the
    top-level team, then the rest in team order.

    A root is an objective that aligns to nothing known here (standalone, or the top of
    the tree). Validation has ruled out cycles and unknown ids already.
    """
    owner_of = {(o.period, kr.id): (o.period, o.id) for o in objectives for kr in o.key_results}
    keys = {(o.period, o.id) for o in objectives}
    nodes = {(o.period, o.id): AlignmentNode(o) for o in objectives}
    roots: list[AlignmentNode] = []
    for objective in objectives:
        key = (objective.period, objective.id)
        node = nodes[key]
        parent, via = _parent(objective, keys, owner_of)
        if parent is None or parent == key:
            roots.append(node)
        else:
            node.via = via
            nodes[parent].children.append(node)
    roots.sort(
        key=lambda n: (
            -(n.objective.period.end - n.objective.period.start).days,
            n.objective.team != top_level_team,
            n.objective.team,
        )
    )
    return roots


def _parent(
    objective: ObjectiveResult, keys: set[Identity], owner_of: dict[Identity, Identity]
) -> tuple[Identity | None, str | None]:
    """The objective `objective` aligns to, and the key result named when it is one."""
    ref = objective.aligns_to
    if ref is None:
        return None, None
    label, slash, ident = ref.rpartition("/")
    period = objective.period
    named = Period.parse(label, period.calendar) if slash else None
    for candidate in [named] if slash else [period, *period.enclosing()]:
        if candidate is None:
            continue
        if (candidate, ident) in keys:
            return (candidate, ident), None
        if (candidate, ident) in owner_of:
            return owner_of[(candidate, ident)], ident
    return None, None
