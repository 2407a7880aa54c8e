"""Planning the next period from the last one's decisions (`okr plan`).

Kept and modified objectives are carried into the new period's files, one per team,
with `carried_from: OLD_PERIOD/ID` and the same ids; each metric key result starts at
its last value; check-in state is cleared (current values, confidence, done items,
recorded grades, reflections); key results that were finished (a done milestone or
checklist, a recorded baseline, a metric at its target) and dropped ones are left out
unless asked for. Nothing is written over an existing file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrcli.base.errors import OkrError
from okrcli.edit.roundtrip import new_document_text

if TYPE_CHECKING:
    from okrcli.model.kinds import KeyResultBase
    from okrcli.model.okr_file import Objective
    from okrcli.model.period import Period
    from okrcli.read.documents import Document


@dataclass(frozen=True)
class Planning:
    period: Period
    """The period to plan."""
    source: Period
    """The period it continues."""
    carry: frozenset[str] = frozenset()
    """Objectives to carry whatever their decision."""
    drop: frozenset[str] = frozenset()
    """Objectives to leave behind whatever their decision."""
    everything: bool = False
    """Also the key results that were finished."""


@dataclass
class PlannedFile:
    file: Path
    team: str
    text: str
    carried: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    """Key results left behind (finished or dropped), as `ID (why)`."""
    exists: bool = False
    """The file is there already: it is left alone (and `text` is empty)."""


HEADER = """\
# OKRs of team `{team}` for {period}, planned from {source} by `okr plan`.
# Carried objectives keep their ids; metrics start where they ended. Review the titles
# and targets, align to this period's goals, and add what is new.
"""


def plan(
    documents: list[Document],
    root: Path,
    planning: Planning,
    existing: Mapping[Path, set[str]] | None = None,
) -> list[PlannedFile]:
    """The files of the planned period, one per team of the source period that carries
    at least one objective; nothing is written. `existing` are the planned period's
    files already there (with their ids): they are left alone (`PlannedFile.exists`),
    and `aligns_to` is kept where it names an id the period will have."""
    _check_names(documents, planning)
    there = existing or {}
    carried_ids = {o.id for d in documents for o in d.okr.objectives if _carried(o, planning, d)}
    new = [d for d in documents if _target(d, root, planning) not in there]
    written = [o for d in new for o in d.okr.objectives if o.id in carried_ids]
    known = {o.id for o in written} | {kr.id for o in written for kr in _kept(o, planning)}
    known |= {ident for ids in there.values() for ident in ids}
    files = []
    for document in documents:
        planned = _plan_file(document, root, planning, carried_ids, known)
        if planned is not None and planned.file in there:
            planned = replace(planned, exists=True, text="")
        if planned is not None:
            files.append(planned)
    return files


def _target(document: Document, root: Path, planning: Planning) -> Path:
    return root / str(planning.period) / document.file.name


def _plan_file(
    document: Document, root: Path, planning: Planning, carried_ids: set[str], known: set[str]
) -> PlannedFile | None:
    okr = document.okr
    planned = PlannedFile(_target(document, root, planning), okr.team, "")
    objectives = []
    for objective in okr.objectives:
        if objective.id not in carried_ids:
            continue
        objectives.append(_objective(objective, planning, known, planned))
        planned.carried.append(objective.id)
    if not objectives:
        return None
    data: dict[str, Any] = {"period": str(planning.period), "team": okr.team}
    if okr.owner is not None:
        data["owner"] = okr.owner
    data["objectives"] = objectives
    header = HEADER.format(team=okr.team, period=planning.period, source=planning.source)
    planned.text = header + new_document_text(data)
    return planned


def _carried(objective: Objective, planning: Planning, document: Document) -> bool:
    if objective.id in planning.drop:
        return False
    if objective.id in planning.carry:
        return True
    decision = objective.decision or _default_decision(objective, document)
    return decision in ("keep", "modify")


def _default_decision(objective: Objective, document: Document) -> str:
    """Without `okr close`: keep what was not achieved by its score."""
    from okrcli.score.scoring import objective_score

    score = objective_score(objective, closed=document.okr.closed is not None)
    bar = 1.0 if objective.type == "committed" else 0.7
    return "drop" if score >= bar - 1e-9 else "keep"


def _objective(
    objective: Objective, planning: Planning, known: set[str], planned: PlannedFile
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": objective.id, "title": objective.title}
    if objective.owner is not None:
        data["owner"] = objective.owner
    if objective.type != "aspirational":
        data["type"] = objective.type
    aligned = objective.aligns_to
    if aligned is not None and aligned in known:
        data["aligns_to"] = aligned  # its goal is carried too (same id), or is there
    elif objective.standalone is not None:
        data["standalone"] = objective.standalone
    if objective.description is not None:
        data["description"] = objective.description
    data["carried_from"] = f"{planning.source}/{objective.id}"
    kept = _kept(objective, planning)
    planned.left_out += [
        f"{kr.id} ({_left_behind(kr, planning)})" for kr in objective.key_results if kr not in kept
    ]
    data["key_results"] = [_key_result(kr) for kr in kept]
    return data


def _kept(objective: Objective, planning: Planning) -> list[KeyResultBase]:
    """The key results carried; all but the dropped where every one was finished (an
    objective needs key results)."""
    kept: list[KeyResultBase] = [
        kr for kr in objective.key_results if _left_behind(kr, planning) is None
    ]
    return kept or [kr for kr in objective.key_results if kr.dropped is None]


def _left_behind(key_result: KeyResultBase, planning: Planning) -> str | None:
    if key_result.dropped is not None:
        return "dropped"
    if not planning.everything and key_result.finished():
        return "finished"
    return None


def _key_result(key_result: KeyResultBase) -> dict[str, Any]:
    """A key result as the new period starts it: its definition, no check-in state."""
    from okrcli.model.kinds import DEFAULT_KIND

    data: dict[str, Any] = {"id": key_result.id, "title": key_result.title}
    if key_result.kind != DEFAULT_KIND:
        data["kind"] = key_result.kind
    data |= key_result.planned_fields()
    if key_result.weight != 1.0:
        data["weight"] = key_result.weight
    for name in ("owner", "description"):
        value = getattr(key_result, name)
        if value is not None:
            data[name] = value
    return {name: _written(value) for name, value in data.items()}


def _written(value: object) -> object:
    """A number as people write it: 96 rather than 96.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _check_names(documents: list[Document], planning: Planning) -> None:
    known = {o.id for d in documents for o in d.okr.objectives}
    for ident in sorted(planning.carry | planning.drop):
        if ident not in known:
            raise OkrError(f"--carry/--drop: no objective `{ident}` in {planning.source}")
    both = planning.carry & planning.drop
    if both:
        raise OkrError(f"{', '.join(sorted(both))}: both --carry and --drop")
