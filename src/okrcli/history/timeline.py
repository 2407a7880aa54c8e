"""Key results over time, from the commits that changed them: timelines, blame, and the
activity (last check-in, value history) that staleness, forecasts and time-in-band use.

A check-in is a commit that changes a key result's value (`current`, `done` or a
checklist item); the commit message is its note.
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from okrcli.base.errors import OkrError
from okrcli.model.activity import Activity, LateChange
from okrcli.model.period import (
    Calendar,
    Identity,
    Period,
    in_view,
    resolve_id,
    split_ref,
)
from okrcli.score.compare import KeyResultState, key_result_states

if TYPE_CHECKING:
    from okrcli.history.git import History, LogEntry
    from okrcli.read.documents import Document
    from okrcli.score.compare import ObjectiveState


@dataclass(frozen=True)
class Point:
    """A key result as one commit left it."""

    commit: str
    date: dt.datetime
    author: str
    message: str
    state: KeyResultState
    changed: tuple[str, ...]
    """Fields this commit changed; all of them where it added the key result."""
    before: KeyResultState | None = None
    """The key result as the commit's first parent had it (None where it added it)."""
    noted: bool = False
    """A check-in that changed no value: an empty commit with a note."""

    @property
    def is_checkin(self) -> bool:
        from okrcli.model.kinds import KIND_MODELS

        fields = KIND_MODELS[self.state.kind].checkin_fields
        changed = bool(set(self.changed) & set(fields)) and "kind" not in self.changed
        return self.noted or changed


@dataclass
class Timeline:
    id: str
    period: Period
    points: list[Point] = field(default_factory=list)

    @property
    def added(self) -> dt.datetime | None:
        return self.points[0].date if self.points else None

    @property
    def checkins(self) -> list[Point]:
        return [p for p in self.points[1:] if p.is_checkin]


def timelines(history: History, ids: Iterable[str] | None = None) -> dict[Identity, Timeline]:
    """Every key result's timeline by (period, id) (or those whose id is in `ids`, in
    whatever period), from one walk of the root's log. Each change is a point of the
    commit that made it: a change merged from a branch is the branch commit's."""
    wanted = set(ids) if ids is not None else None
    result: dict[Identity, Timeline] = {}
    changes = changes_by_commit(history, wanted, lambda docs: key_result_states(docs, wanted))
    for entry, key, state, parents in changes:
        changed = _changed(parents, state)
        if changed:
            point = _point(entry, state, changed, parents[0])
            result.setdefault(key, Timeline(key[1], key[0])).points.append(point)
    noted = history.noted_checkins()
    for key, entry in noted:
        timeline = result.get(key)
        if timeline is not None and (wanted is None or key[1] in wanted):
            _insert_noted(timeline, entry, history.commit_order)
    return result


def _insert_noted(timeline: Timeline, entry: LogEntry, order: dict[str, int]) -> None:
    """A check-in that changed nothing, after the points its commit comes after, with
    the state they left."""
    place = order.get(entry.sha, len(order))
    at = sum(1 for point in timeline.points if order.get(point.commit, -1) < place)
    state = timeline.points[max(at - 1, 0)].state
    point = replace(_point(entry, state, (), state), noted=True)
    timeline.points.insert(at, point)


State = TypeVar("State")


def changes_by_commit(
    history: History,
    wanted: set[str] | None,
    states_of: Callable[[list[Document]], dict[Identity, State]],
) -> Iterator[tuple[LogEntry, Identity, State, list[State | None]]]:
    """For every commit (parents first) and every state it holds in the files it
    changed: the state, and the same identity's state in each of its parents. A field
    that equals a parent's came from that parent: a merge is credited only with what
    it changed against every side, as `git blame` credits lines.

    Each commit's states are its first parent's, updated with what it changed; a
    parent's are handed on (not copied) to its last child, and dropped then. The files
    are read one commit at a time, and each commit's documents dropped once its states
    are known, so memory holds states, not every version of every file."""
    entries = history.walk_entries()
    children = collections.Counter(p for entry in entries for p in entry.parents)
    after: dict[str, dict[Identity, State]] = {}
    for entry, documents in history.walk(wanted):
        inherited = _inherited(entry.parents, after, children)
        parents = [after.get(p, {}) for p in entry.parents] or [{}]
        parents[0] = inherited  # the first parent's, unchanged so far
        states = states_of(documents)
        for key, state in states.items():
            yield entry, key, state, [parent.get(key) for parent in parents]
        for parent in entry.parents[1:]:
            children[parent] -= 1
            if children[parent] <= 0:
                after.pop(parent, None)
        inherited.update(states)
        after[entry.sha] = inherited


def _inherited(
    parents: tuple[str, ...], after: dict[str, dict[Identity, State]], children: Counter[str]
) -> dict[Identity, State]:
    """The first parent's states, to update: taken over by its last child, else a copy."""
    if not parents:
        return {}
    first = parents[0]
    children[first] -= 1
    if children[first] <= 0:
        return after.pop(first, {})
    return dict(after.get(first, {}))


def _changed(parents: list[KeyResultState | None], new: KeyResultState) -> tuple[str, ...]:
    """The fields that differ from every parent's (all of them where no parent had the
    key result), and `closed` where the period was closed or reopened."""
    olds = [old for old in parents if old is not None]
    if not olds:
        return tuple(new.values)
    if any(old.values == new.values and old.closed == new.closed for old in olds):
        return ()  # as one parent left it: most key results of a changed file (a C compare)
    changed = [
        name for name in new.values if all(old.values.get(name) != new.values[name] for old in olds)
    ]
    reclosed = all(old.closed != new.closed for old in olds)
    return (*changed, *(["closed"] if reclosed else []))


def _point(
    entry: LogEntry,
    state: KeyResultState,
    changed: tuple[str, ...],
    before: KeyResultState | None,
) -> Point:
    message = entry.subject + (f"\n\n{entry.body}" if entry.body else "")
    return Point(entry.sha, entry.date, entry.author, message, state, changed, before)


@dataclass(frozen=True)
class Blame:
    field: str
    value: object
    commit: str
    author: str
    date: dt.datetime


def blame(timeline: Timeline) -> list[Blame]:
    """Per field, the commit that last set it (its value as of the last commit)."""
    last: dict[str, Point] = {}
    for point in timeline.points:
        for name in point.changed:
            last[name] = point
    if not timeline.points:
        return []
    final = timeline.points[-1].state
    return [
        Blame(name, final.values.get(name), p.commit, p.author, p.date)
        for name, p in last.items()
        if final.values.get(name) is not None
    ]


# ---- activity: what status needs from history -------------------------------------------


def activity(history: History) -> dict[Identity, Activity]:
    """Every key result's check-in activity: from the cache when HEAD's is there (the
    activity depends on HEAD's history alone, so HEAD's commit and the root are its key),
    else from one walk of the log, then cached. A warm `okr status` reads no old file."""
    from okrcli.read import cache

    head = history.head_commit() if cache.enabled() else None
    if head is None:
        return _walked_activity(history)
    folder = cache.folder_for(history.root)
    entry = cache.key(_ACTIVITY, [head, history.root_in_repo, repr(history.calendar)])
    known = _activity_from_cache(cache.get(folder, _ACTIVITY, entry), history)
    if known is not None:
        return known
    found = _walked_activity(history)
    cache.put(folder, _ACTIVITY, entry, _activity_to_cache(found, history.warnings))
    return found


_ACTIVITY = "activity"


def _activity_to_cache(found: dict[Identity, Activity], warnings: list[str]) -> dict[str, Any]:
    rows = [
        [
            str(period),
            ident,
            a.added.isoformat(),
            [day.isoformat() for day in a.checkins],
            [[day.isoformat(), value] for day, value in a.values],
            [
                [c.day.isoformat(), c.commit, c.author, list(c.fields), c.closed.isoformat()]
                for c in a.late_changes
            ],
        ]
        for (period, ident), a in found.items()
    ]
    return {"activity": rows, "warnings": list(warnings)}


def _activity_from_cache(value: Any, history: History) -> dict[Identity, Activity] | None:
    """The activity a cached value stands for, or None when it is not exactly what
    okrcli writes (then the history is walked afresh). The walk's warnings are told
    again."""
    try:
        if not isinstance(value, dict):
            return None
        found = dict(_cached_row(row, history.calendar) for row in value["activity"])
        warnings = [str(w) for w in value["warnings"]]
    except (TypeError, ValueError, KeyError, IndexError):
        return None
    history.warnings.extend(w for w in warnings if w not in history.warnings)
    return found


def _cached_row(row: list[Any], calendar: Calendar) -> tuple[Identity, Activity]:
    label, ident, added, checkins, values, late = row
    period = Period.parse(str(label), calendar)
    if period is None or not isinstance(ident, str):
        raise ValueError("not a period and id")
    day = dt.date.fromisoformat
    return (period, ident), Activity(
        added=day(added),
        checkins=tuple(day(d) for d in checkins),
        values=tuple((day(d), _finite(v)) for d, v in values),
        late_changes=tuple(
            LateChange(day(d), str(c), str(a), tuple(str(f) for f in fields), day(closed))
            for d, c, a, fields, closed in late
        ),
    )


def _finite(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("not a number")
    return float(value)


def _walked_activity(history: History) -> dict[Identity, Activity]:
    return activity_of(timelines(history))


def activity_of(found_timelines: dict[Identity, Timeline]) -> dict[Identity, Activity]:
    """What status needs from each timeline; from timelines read already (one walk of the
    log serves both the activity and the charts of `okr report --format html`)."""
    found = {}
    for key, timeline in found_timelines.items():
        if timeline.added is None:
            continue
        checkins = timeline.checkins
        values = tuple(
            (p.date.date(), p.state.current)
            for p in [timeline.points[0], *checkins]
            if p.state.current is not None
        )
        found[key] = Activity(
            added=timeline.added.date(),
            checkins=tuple(p.date.date() for p in checkins),
            values=values,
            late_changes=_late_changes(timeline.points),
        )
    return found


# What grading rests on: a change to one of these after the close rewrites the grade.
_GRADED_FIELDS = ("start", "target", "current", "min", "max", "done", "items")


def _late_changes(points: list[Point]) -> tuple[LateChange, ...]:
    """The commits that changed a graded field while the period stayed closed (the
    commit before already had `closed:`, and so does this one)."""
    found = []
    for before, point in itertools.pairwise(points):
        closed = before.state.closed
        fields = tuple(name for name in point.changed if name in _GRADED_FIELDS)
        if closed is not None and point.state.closed is not None and fields:
            found.append(LateChange(point.date.date(), point.commit, point.author, fields, closed))
    return tuple(found)


@dataclass(frozen=True)
class ObjectivePoint:
    commit: str
    date: dt.datetime
    author: str
    message: str
    score: float
    period: Period


def objective_timelines(history: History, ident: str) -> dict[Period, list[ObjectivePoint]]:
    """Per period that has an objective `ident`: its score at every commit that changed
    it (or one of its key results)."""
    from okrcli.score.compare import objective_states

    def states_of(documents: list[Document]) -> dict[Identity, ObjectiveState]:
        return {key: state for key, state in objective_states(documents).items() if key[1] == ident}

    found: dict[Period, list[ObjectivePoint]] = {}
    for entry, (period, _), state, parents in changes_by_commit(history, {ident}, states_of):
        if all(old is None or old.score != state.score for old in parents):
            message = entry.subject + (f"\n\n{entry.body}" if entry.body else "")
            found.setdefault(period, []).append(
                ObjectivePoint(entry.sha, entry.date, entry.author, message, state.score, period)
            )
    return found


# ---- the views of `okr history` and `okr blame` ----------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    """One point of a timeline as the views show it."""

    commit: str
    date: dt.datetime
    author: str
    current: float | None
    done: bool | None
    score: float
    confidence: float | None
    changed: tuple[str, ...]
    """The fields the commit changed (`added` where it added the key result)."""
    message: str
    note: str = ""
    """The commit body: why (an `okr checkin --note`), without okr's trailer."""
    definition: tuple[FieldChange, ...] = ()
    """Changes of what the key result is measured against (target, start, band, kind,
    weight): they move the score without a check-in."""


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object
    direction: str | None = None
    """For a target: `raised` (away from the start) or `eased` (toward it)."""


def any_eased(changes: tuple[FieldChange, ...]) -> bool:
    """Whether a target among `changes` was eased (moved toward the start)."""
    return any(change.direction == "eased" for change in changes)


# What a key result is measured against: a change to one moves its score by itself.
DEFINITION_FIELDS = ("target", "start", "min", "max", "kind", "weight")


@dataclass(frozen=True)
class TimelineView:
    id: str
    period: Period
    kind: str
    """`key_result` or `objective`."""
    rows: list[TimelineRow]
    expected: list[float]
    """The time line at each row's date: the share of the period (to the due date) that
    had elapsed."""
    warnings: list[str]
    """What the reader must know about the history read (commit dates out of range)."""


def timeline_view(history: History, ref: str, asked: Period | None = None) -> TimelineView:
    """The timeline of a key result, else of an objective's score. `ref` is an id (in the
    period in view, else the one period that has it) or PERIOD/ID; OkrError if it names
    nothing in any commit, or an id several periods have and none was chosen."""
    period, ident = split_ref(ref, history.calendar)
    key_results = {p: t for (p, i), t in timelines(history, [ident]).items() if i == ident}
    if key_results:
        chosen = period or resolve_id(ident, sorted(key_results), _view(history, asked))
        found = key_results.get(chosen)
        if found is not None:
            due = found.points[-1].state.values.get("due")
            end = due if isinstance(due, dt.date) else chosen.end
            rows = [key_result_row(point) for point in found.points]
            expected = _expected(rows, chosen, end)
            return TimelineView(ident, chosen, "key_result", rows, expected, history.warnings)
    objectives = objective_timelines(history, ident)
    if objectives:
        chosen = period or resolve_id(ident, sorted(objectives), _view(history, asked))
        points = objectives.get(chosen)
        if points:
            rows = [
                TimelineRow(p.commit, p.date, p.author, None, None, p.score, None, (), p.message)
                for p in points
            ]
            expected = _expected(rows, chosen, chosen.end)
            return TimelineView(ident, chosen, "objective", rows, expected, history.warnings)
    raise unknown_id(history, ref)


def _view(history: History, asked: Period | None) -> Period | None:
    """The period a history command is about: the one asked for, else the one in view
    for today in the working tree."""
    from okrcli.score.scoring import periods_of

    if asked is not None:
        return asked
    working = history.snapshot(history.resolve(None)).documents
    return in_view(periods_of(working), None, dt.date.today())


def key_result_row(point: Point) -> TimelineRow:
    state = point.state
    added = len(point.changed) >= len(state.values)
    confidence = state.values.get("confidence")
    done = state.values.get("done")
    return TimelineRow(
        point.commit,
        point.date,
        point.author,
        state.current,
        done if isinstance(done, bool) else None,
        state.score,
        float(confidence) if isinstance(confidence, int | float) else None,
        ("added",) if added else point.changed,
        point.message,
        note(point.message, state.id),
        () if added else _definition(point),
    )


def note(message: str, ident: str) -> str:
    """What a commit's body says of key result `ident`: the lines that name it when
    some do (a team's weekly check-in, one line per key result), else the whole body;
    without okr's own trailer."""
    from okrcli.history.git import CHECKIN_TRAILER

    body = message.partition("\n")[2]
    lines = [line for line in body.splitlines() if not line.startswith(f"{CHECKIN_TRAILER}: ")]
    named = [
        line for line in lines if re.search(rf"(?<![\w.-]){re.escape(ident)}(?![\w-]|\.\w)", line)
    ]
    return "\n".join(named or lines).strip()


def _definition(point: Point) -> tuple[FieldChange, ...]:
    from okrcli.score.compare import target_direction

    before = point.before
    if before is None:
        return ()
    changes = []
    for name in DEFINITION_FIELDS:
        if name in point.changed:
            old, new = before.values.get(name), point.state.values.get(name)
            direction = target_direction(before, point.state) if name == "target" else None
            changes.append(FieldChange(name, old, new, direction))
    return tuple(changes)


def _expected(rows: list[TimelineRow], period: Period, end: dt.date) -> list[float]:
    from okrcli.score.schedule import elapsed

    return [elapsed(period.start, end, row.date.date()) for row in rows]


@dataclass(frozen=True)
class BlameView:
    id: str
    period: Period
    entries: list[Blame]
    warnings: list[str]


def blame_view(history: History, ref: str, asked: Period | None = None) -> BlameView:
    period, ident = split_ref(ref, history.calendar)
    found = timelines(history, [ident])
    candidates = sorted(p for p, i in found if i == ident)
    if period is None and candidates:
        period = resolve_id(ident, candidates, _view(history, asked))
    timeline = found.get((period, ident)) if period is not None else None
    if timeline is None:
        if objective_timelines(history, ident):
            raise OkrError(
                f"{ident} is an objective: `okr blame` shows who set a key result's fields",
                f"`okr history {ident}` shows the objective's score over time",
            )
        raise unknown_id(history, ref)
    return BlameView(ident, timeline.period, blame(timeline), history.warnings)


def unknown_id(history: History, ref: str) -> OkrError:
    from okrcli.base.suggest import suggest
    from okrcli.check.places import places

    ident = ref.rpartition("/")[2]
    working = history.snapshot(history.resolve(None)).documents
    known = sorted({place.id for document in working for place in places(document)})
    close = suggest(ident, known, limit=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return OkrError(f"no committed key result or objective `{ref}`{hint}")
