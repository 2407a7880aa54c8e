"""The alignment tree of a period: top-level objectives down to the objectives that
support them. Pure: built from scored objectives, rendered elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    """Roots first from the top-level team, then the rest in team order.

    A root is an objective that aligns to nothing known in the period (standalone, or
    the top of the tree). Validation has ruled out cycles and unknown ids already.
    """
    owner_of = {kr.id: o.id for o in objectives for kr in o.key_results}
    ids = {o.id for o in objectives}
    nodes = {o.id: AlignmentNode(o) for o in objectives}
    roots: list[AlignmentNode] = []
    for objective in objectives:
        node = nodes[objective.id]
        parent_id, via = _parent(objective.aligns_to, ids, owner_of)
        if parent_id is None or parent_id == objective.id:
            roots.append(node)
        else:
            node.via = via
            nodes[parent_id].children.append(node)
    roots.sort(key=lambda n: (n.objective.team != top_level_team, n.objective.team))
    return roots


def _parent(
    aligns_to: str | None, ids: set[str], owner_of: dict[str, str]
) -> tuple[str | None, str | None]:
    if aligns_to is None:
        return None, None
    if aligns_to in ids:
        return aligns_to, None
    if aligns_to in owner_of:
        return owner_of[aligns_to], aligns_to
    return None, None
