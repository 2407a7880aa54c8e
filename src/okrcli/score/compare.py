"""Pure: two snapshots of OKR documents -> what changed, scored.

Ids are the identity: a key result that moved to another file is the same key result.
Scores here do not depend on the date (a key result's score is a function of its
values), so a diff is the same whenever it is computed.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal, TypeVar

from okrcli.score.scoring import objective_score

if TYPE_CHECKING:
    from okrcli.model.kinds import Facts, KeyResultBase
    from okrcli.model.period import Identity, Period
    from okrcli.read.documents import Document

Change = Literal["added", "removed", "changed", "unchanged"]
MID_PERIOD_AFTER = dt.timedelta(days=14)

_KR_FIELDS: tuple[str, ...] = (
    *("kind", "title", "start", "target", "current", "min", "max", "done", "items"),
    *("weight", "owner", "confidence", "due", "dropped", "final_score"),
)
_OBJECTIVE_FIELDS = ("title", "type", "owner", "aligns_to", "standalone", "carried_from")


@dataclass(frozen=True)
class KeyResultState:
    id: str
    objective: str
    team: str
    period: Period
    kind: str
    title: str
    score: float
    values: dict[str, object]
    """Every field of `_KR_FIELDS` as written (owner after inheritance)."""
    facts: Facts
    closed: dt.date | None = None
    """When its period was closed (`closed:` in its file), if it was."""

    @property
    def start(self) -> float | None:
        return _number(self.values.get("start"))

    @property
    def target(self) -> float | None:
        return _number(self.values.get("target"))

    @property
    def current(self) -> float | None:
        return _number(self.values.get("current"))


@dataclass(frozen=True)
class ObjectiveState:
    id: str
    team: str
    period: Period
    title: str
    type: str
    score: float
    values: dict[str, object]


class _ScoreDelta:
    """`score_delta` for a change whose sides carry a score."""

    before: KeyResultState | ObjectiveState | None
    after: KeyResultState | ObjectiveState | None

    @property
    def score_delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after.score - self.before.score


@dataclass(frozen=True)
class KeyResultChange(_ScoreDelta):
    id: str
    change: Change
    before: KeyResultState | None
    after: KeyResultState | None
    fields: tuple[str, ...] = ()
    target_change: Literal["raised", "eased"] | None = None
    mid_period: bool = False


@dataclass(frozen=True)
class ObjectiveChange(_ScoreDelta):
    id: str
    change: Change
    before: ObjectiveState | None
    after: ObjectiveState | None
    fields: tuple[str, ...] = ()
    mid_period: bool = False


@dataclass(frozen=True)
class TeamScores:
    period: Period
    team: str
    before: float | None
    after: float | None


@dataclass
class Diff:
    key_results: list[KeyResultChange] = field(default_factory=list)
    objectives: list[ObjectiveChange] = field(default_factory=list)
    teams: list[TeamScores] = field(default_factory=list)

    @property
    def eased(self) -> list[KeyResultChange]:
        return [kr for kr in self.key_results if kr.target_change == "eased"]


# ---- states ---------------------------------------------------------------------------


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def key_result_states(
    documents: Iterable[Document], only: set[str] | None = None
) -> dict[Identity, KeyResultState]:
    """Every key result's state by its (period, id) (or those whose id is in `only`)."""
    states = {}
    for document in documents:
        for objective in document.okr.objectives:
            owner = objective.owner or document.okr.owner
            for kr in objective.key_results:
                if only is not None and kr.id not in only:
                    continue
                states[document.okr.period, kr.id] = KeyResultState(
                    id=kr.id,
                    objective=objective.id,
                    team=document.okr.team,
                    period=document.okr.period,
                    kind=kr.kind,
                    title=kr.title,
                    score=kr.recorded_score() if document.okr.closed else kr.score(),
                    values=_values(kr, owner),
                    facts=kr.facts(),
                    closed=document.okr.closed,
                )
    return states


def _values(kr: KeyResultBase, inherited_owner: str | None) -> dict[str, object]:
    raw = kr.model_dump()
    values: dict[str, object] = {name: raw.get(name) for name in _KR_FIELDS}
    values["owner"] = kr.owner or inherited_owner
    values["current"] = kr.effective_current()
    if values["items"] is not None:
        values["items"] = [(item["title"], item["done"]) for item in raw["items"]]
    return values


def objective_states(documents: Iterable[Document]) -> dict[Identity, ObjectiveState]:
    states = {}
    for document in documents:
        for objective in document.okr.objectives:
            score = objective_score(objective, closed=document.okr.closed is not None)
            raw = objective.model_dump()
            values = {name: raw.get(name) for name in _OBJECTIVE_FIELDS}
            values["owner"] = objective.owner or document.okr.owner
            states[document.okr.period, objective.id] = ObjectiveState(
                id=objective.id,
                team=document.okr.team,
                period=document.okr.period,
                title=objective.title,
                type=objective.type,
                score=score,
                values=values,
            )
    return states


# ---- the diff -------------------------------------------------------------------------


def diff_documents(
    before: Iterable[Document], after: Iterable[Document], *, include_unchanged: bool = False
) -> Diff:
    before_docs, after_docs = list(before), list(after)
    old_objectives, new_objectives = objective_states(before_docs), objective_states(after_docs)
    key_results = [
        _classify_target(KeyResultChange(*row))
        for row in _compare(
            key_result_states(before_docs), key_result_states(after_docs), include_unchanged
        )
    ]
    objectives = [
        ObjectiveChange(*row) for row in _compare(old_objectives, new_objectives, include_unchanged)
    ]
    return Diff(key_results, objectives, _team_scores(old_objectives, new_objectives))


_State = TypeVar("_State", KeyResultState, ObjectiveState)


def _compare(
    before: Mapping[Identity, _State], after: Mapping[Identity, _State], include_unchanged: bool
) -> Iterator[tuple[str, Change, _State | None, _State | None, tuple[str, ...]]]:
    """(id, change, before, after, changed fields) for every (period, id) on either side."""
    for key in sorted(before.keys() | after.keys()):
        ident = key[1]
        old, new = before.get(key), after.get(key)
        if old is None:
            yield ident, "added", None, new, ()
        elif new is None:
            yield ident, "removed", old, None, ()
        else:
            fields = tuple(name for name in old.values if old.values[name] != new.values.get(name))
            if old.score != new.score and not fields:
                fields = ("score",)  # an objective whose key results moved
            if fields or include_unchanged:
                yield ident, "changed" if fields else "unchanged", old, new, fields


def _classify_target(change: KeyResultChange) -> KeyResultChange:
    """`raised`: the target moved away from the start (harder); `eased`: toward it."""
    old, new = change.before, change.after
    if (  # pragma: no mutate: `and` for `or` is equivalent: only a changed one has fields
        change.change != "changed"
    ) or "target" not in change.fields:
        return change
    if old is None or new is None:  # pragma: no mutate: a "changed" change has both sides
        return change
    return replace(change, target_change=target_direction(old, new))


def target_direction(old: KeyResultState, new: KeyResultState) -> Literal["raised", "eased"] | None:
    """How a target moved: `raised` away from the start (harder), `eased` toward it;
    None where either has no target or start."""
    if old.start is None or new.target is None or old.target is None:
        return None
    if new.target == old.target:
        return None
    # Equivalent mutants below: only the sign of `moved` is read, and a metric whose
    # target equals its start cannot be scored (so has no state).
    direction = 1.0 if old.target >= old.start else -1.0  # pragma: no mutate: sign; start!=target
    moved = (new.target - old.target) * direction  # pragma: no mutate: only its sign is read
    return (
        "raised"
        if moved > 0  # pragma: no mutate: never 0 (the targets differ), so `>=` is the same
        else "eased"
    )


def _team_scores(
    before: dict[Identity, ObjectiveState], after: dict[Identity, ObjectiveState]
) -> list[TeamScores]:
    def means(states: dict[Identity, ObjectiveState]) -> dict[tuple[Period, str], float]:
        groups: dict[tuple[Period, str], list[float]] = {}
        for state in states.values():
            groups.setdefault((state.period, state.team), []).append(state.score)
        return {key: statistics.fmean(scores) for key, scores in groups.items()}

    old, new = means(before), means(after)
    return [
        TeamScores(period, team, old.get((period, team)), new.get((period, team)))
        for period, team in sorted(old.keys() | new.keys())
        if old.get((period, team)) != new.get((period, team))
    ]


def mark_mid_period(diff: Diff, introduced: Mapping[Identity, dt.datetime]) -> Diff:
    """Flag added key results and objectives introduced after their period's first two
    weeks (`introduced`: when the commit that added each was made)."""

    def late(ident: str, period: Period) -> bool:
        when = introduced.get((period, ident))
        if when is None:
            return False
        return when.date() > period.start + MID_PERIOD_AFTER

    diff.key_results = [
        replace(c, mid_period=late(c.id, c.after.period))
        if c.change == "added" and c.after is not None
        else c
        for c in diff.key_results
    ]
    diff.objectives = [
        replace(c, mid_period=late(c.id, c.after.period))
        if c.change == "added" and c.after is not None
        else c
        for c in diff.objectives
    ]
    return diff


# ---- quarter to quarter ---------------------------------------------------------------


@dataclass(frozen=True)
class PeriodObjective:
    """An objective of a period comparison: of the later period (carried over or new),
    or of the earlier one (dropped), with its title and score."""

    id: str
    title: str
    score: float
    change: Literal["carried", "new", "dropped"]
    carried_from: str | None = None
    """For a carried objective: the earlier period's objective it continues."""


@dataclass(frozen=True)
class TeamQuarters:
    team: str
    score_from: float | None
    score_to: float | None
    carried: tuple[tuple[str, str], ...]
    """(objective in the earlier period, objective in the later one)."""
    new: tuple[str, ...]
    dropped: tuple[str, ...]
    objectives: tuple[PeriodObjective, ...] = ()
    """The later period's objectives (carried, then new), then the dropped ones."""


def compare_periods(earlier: Iterable[Document], later: Iterable[Document]) -> list[TeamQuarters]:
    """Per team: each period's score at its end, objectives carried over (the later
    period's `carried_from`), new and dropped. Ids are per period: the same id in both
    is not by itself a carry-over."""
    old = {state.id: state for state in objective_states(earlier).values()}
    new = {state.id: state for state in objective_states(later).values()}
    carried_pairs = [
        (source, state.id)
        for state in new.values()
        if (source := _carried_from(state, old)) is not None
    ]
    carried_old = {source for source, _ in carried_pairs}
    teams = sorted({s.team for s in old.values()} | {s.team for s in new.values()})
    result = []
    for team in teams:
        team_old = [s for s in old.values() if s.team == team]
        team_new = [s for s in new.values() if s.team == team]
        pairs = tuple((a, b) for a, b in carried_pairs if new[b].team == team)
        carried_new = {b for _, b in pairs}
        new_ids = tuple(s.id for s in team_new if s.id not in carried_new)
        dropped = tuple(s.id for s in team_old if s.id not in carried_old)
        result.append(
            TeamQuarters(
                team=team,
                score_from=_mean([s.score for s in team_old]),
                score_to=_mean([s.score for s in team_new]),
                carried=pairs,
                new=new_ids,
                dropped=dropped,
                objectives=(
                    *(_period_objective(new[b], "carried", a) for a, b in pairs),
                    *(_period_objective(new[i], "new") for i in new_ids),
                    *(_period_objective(old[i], "dropped") for i in dropped),
                ),
            )
        )
    return result


def _period_objective(
    state: ObjectiveState,
    change: Literal["carried", "new", "dropped"],
    carried_from: str | None = None,
) -> PeriodObjective:
    return PeriodObjective(state.id, state.title, state.score, change, carried_from)


def _carried_from(state: ObjectiveState, earlier: Mapping[str, ObjectiveState]) -> str | None:
    """The earlier period's objective that `state` continues, when it names one there."""
    ref = state.values.get("carried_from")
    if not isinstance(ref, str):
        return None
    label, _, ident = ref.rpartition("/")
    source = earlier.get(ident)
    if source is None or (label and label != str(source.period)):
        return None
    return ident


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None
