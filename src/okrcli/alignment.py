"""The alignment tree of a period: top-level objectives down to the objectives that
support them. Pure: built from scored objectives, rendered elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from okrcli.scoring import ObjectiveResult

if TYPE_CHECKING:
    from okrcli.load import Document


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


@dataclass(frozen=True)
class Coverage:
    """The share of a period's team objectives that align to a goal or say why not."""

    period: str
    team_objectives: int
    covered: int

    @property
    def share(self) -> float | None:
        return self.covered / self.team_objectives if self.team_objectives else None

    @property
    def verdict(self) -> str | None:
        """90% and up healthy, 80% to 90% watch, below that a gap."""
        share = self.share
        if share is None:
            return None
        if share >= 0.9:
            return "healthy"
        return "watch" if share >= 0.8 else "gap"


def alignment_coverage(documents: list[Document], top_level_team: str) -> list[Coverage]:
    counts: dict[str, list[int]] = {}
    for document in documents:
        if document.okr.team == top_level_team:
            continue
        tally = counts.setdefault(document.okr.period, [0, 0])
        for objective in document.okr.objectives:
            tally[0] += 1
            tally[1] += objective.aligns_to is not None or objective.standalone is not None
    return [Coverage(period, total, covered) for period, (total, covered) in sorted(counts.items())]
