"""Key results over time, from the commits that changed them: timelines, blame, and the
activity (last check-in, value history) that staleness, forecasts and time-in-band use.

A check-in is a commit that changes a key result's value (`current`, `done` or a
checklist item); the commit message is its note.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

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


def timelines(
    history: History,
    ids: Iterable[str] | None = None,
    *,
    final: dict[Identity, KeyResultState] | None = None,
) -> dict[Identity, Timeline]:
    """Every key result's timeline by (period, id) (or those whose id is in `ids`, in
    whatever period), from one walk of the root's log. Each change is a point of the
    commit that made it: a change merged from a branch is the branch commit's. `final`
    receives every key result's state as HEAD's history leaves it."""
    wanted = set(ids) if ids is not None else None
    result: dict[Identity, Timeline] = {}
    changes = changes_by_commit(
        history, wanted, lambda docs: key_result_states(docs, wanted), final=final
    )
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
    *,
    final: dict[Identity, State] | None = None,
) -> Iterator[tuple[LogEntry, Identity, State, list[State | None]]]:
    """For every commit (parents first) and every state it holds in the files it
    changed: the state, and the same identity's state in each of its parents. A field
    that equals a parent's came from that parent: a merge is credited only with what
    it changed against every side, as `git blame` credits lines.

    Each commit's states are its first parent's, updated with what it changed; a
    parent's are handed on (not copied) to its last child, and dropped then. The files
    are read one commit at a time, and each commit's documents dropped once its states
    are known, so memory holds states, not every version of every file. `final`
    receives the states the last commit leaves."""
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
    if final is not None and entries:
        final.update(after.get(entries[-1].sha, {}))


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


class _Compared(Protocol):
    """What a change is found against: a parent's state, or a cached one's fields."""

    @property
    def values(self) -> dict[str, object]: ...

    @property
    def closed(self) -> dt.date | None: ...


def _changed(parents: Sequence[_Compared | None], new: KeyResultState) -> tuple[str, ...]:
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
    """Every key result's check-in activity. It depends on HEAD's history alone, so it is
    cached under HEAD's commit (a warm `okr status` reads no old file); a new HEAD that
    only adds a line of commits to a cached one reads just those commits on from the
    cached state (a check-in commit costs one commit, not the whole history); anything
    else walks the whole log."""
    from okrcli.read import cache

    head = history.head_commit() if cache.enabled() else None
    if head is None:
        return _walked(history).activity()
    folder = cache.folder_for(history.root)
    scope = [history.root_in_repo, repr(history.calendar)]
    entry = cache.get(folder, _ACTIVITY, cache.key(_ACTIVITY, [head, *scope]))
    known = _cached_fold(entry, history.calendar)
    if known is not None:
        _tell(history, known.warnings)
        return known.activity()
    from okrcli.history.git import is_commit_id

    latest = cache.get(folder, _LATEST, cache.key(_LATEST, scope))
    since = latest if is_commit_id(latest) else None
    fold = (_resumed(history, folder, scope, since) if since else None) or _walked(history)
    fold.warnings = list(history.warnings)
    cache.put(folder, _ACTIVITY, cache.key(_ACTIVITY, [head, *scope]), fold.to_cache())
    cache.put(folder, _TIPS, cache.key(_TIPS, [head, *scope]), fold.tips_to_cache())
    cache.put(folder, _LATEST, cache.key(_LATEST, scope), head)
    if since is not None:  # only the latest commit's tips are ever read on from
        cache.remove(folder, _TIPS, cache.key(_TIPS, [since, *scope]))
    return fold.activity()


_ACTIVITY = "activity"
_TIPS = "activity-tips"
"""Every key result's last state at a commit: kept apart from the activity, which a warm
run reads alone, and only needed to read on from that commit."""
_LATEST = "activity-latest"
"""The last commit whose activity was cached, for the root: where a new HEAD reads on."""


def activity_of(found_timelines: dict[Identity, Timeline]) -> dict[Identity, Activity]:
    """What status needs from each timeline; from timelines read already (one walk of the
    log serves both the activity and the charts of `okr report --format html`)."""
    return {
        key: _Record.of(timeline.points).activity()
        for key, timeline in found_timelines.items()
        if timeline.points
    }


# What grading rests on: a change to one of these after the close rewrites the grade.
_GRADED_FIELDS = ("start", "target", "current", "min", "max", "done", "items")


@dataclass
class _Record:
    """One key result's activity, point by point: its addition, then each point in the
    order of the timeline (a check-in's day and value; a graded field changed while the
    period stayed closed); with the last point's value and close, which a check-in that
    changed nothing repeats."""

    added: dt.date
    checkins: list[dt.date]
    values: list[tuple[dt.date, float]]
    late: list[LateChange]
    last_closed: dt.date | None
    last_current: float | None

    @classmethod
    def of(cls, points: list[Point]) -> _Record:
        first, *rest = points
        record = cls.added_at(first.date.date(), first.state.current, first.state.closed)
        for point in rest:
            record.follow(point)
        return record

    @classmethod
    def added_at(cls, day: dt.date, current: float | None, closed: dt.date | None) -> _Record:
        values = [(day, current)] if current is not None else []
        return cls(day, [], values, [], closed, current)

    def follow(self, point: Point) -> None:
        self.record(
            point.date.date(), point.commit, point.author, point.changed, point.is_checkin,
            point.state.current, point.state.closed,
        )  # fmt: skip

    def record(
        self,
        day: dt.date,
        commit: str,
        author: str,
        changed: tuple[str, ...],
        is_checkin: bool,
        current: float | None,
        closed: dt.date | None,
    ) -> None:
        if is_checkin:
            self.checkins.append(day)
            if current is not None:
                self.values.append((day, current))
        fields = tuple(name for name in changed if name in _GRADED_FIELDS)
        if self.last_closed is not None and closed is not None and fields:
            self.late.append(LateChange(day, commit, author, fields, self.last_closed))
        self.last_closed, self.last_current = closed, current

    def noted(self, entry: LogEntry) -> None:
        """A check-in that changed nothing: the last point's state, checked in again."""
        day = entry.date.date()
        self.record(day, entry.sha, entry.author, (), True, self.last_current, self.last_closed)

    def activity(self) -> Activity:
        return Activity(self.added, tuple(self.checkins), tuple(self.values), tuple(self.late))


@dataclass
class _Tip:
    """What a key result's next change is compared with."""

    values: dict[str, object]
    closed: dt.date | None


@dataclass
class _Fold:
    records: dict[Identity, _Record]
    tips: dict[Identity, _Tip]
    warnings: list[str] = field(default_factory=list)

    def activity(self) -> dict[Identity, Activity]:
        return {key: record.activity() for key, record in self.records.items()}

    def read_on(self, history: History, since: str) -> bool:
        """Fold in the commits after `since` (its state is this fold's); False where they
        are not one line from it, or a note names a key result not added yet (then the
        whole log is walked, as for anything unusual)."""
        line = history.line_since(since)
        if line is None:
            return False
        notes: dict[str, list[Identity]] = collections.defaultdict(list)
        entries: dict[str, LogEntry] = {}
        for key, entry in history.noted_checkins(since):
            notes[entry.sha].append(key)
            entries[entry.sha] = entry
        changed = {entry.sha: (entry, docs) for entry, docs in history.walk(since=since)}
        for sha in line:
            for key in notes.get(sha, []):
                record = self.records.get(key)
                if record is None:
                    return False
                record.noted(entries[sha])
            if sha in changed:
                self._commit(*changed[sha])
        return True

    def _commit(self, entry: LogEntry, documents: list[Document]) -> None:
        for key, state in key_result_states(documents).items():
            tip = self.tips.get(key)
            fields = _changed([tip], state)
            self.tips[key] = _Tip(state.values, state.closed)
            if not fields:
                continue
            point = _point(entry, state, fields, None)
            record = self.records.get(key)
            if record is None:
                day = point.date.date()
                self.records[key] = _Record.added_at(day, state.current, state.closed)
            else:
                record.follow(point)

    def to_cache(self) -> dict[str, Any]:
        rows = [
            [
                str(period),
                ident,
                r.added.isoformat(),
                [day.isoformat() for day in r.checkins],
                [[day.isoformat(), value] for day, value in r.values],
                [
                    [c.day.isoformat(), c.commit, c.author, list(c.fields), c.closed.isoformat()]
                    for c in r.late
                ],
                r.last_closed.isoformat() if r.last_closed is not None else None,
                r.last_current,
            ]
            for (period, ident), r in self.records.items()
        ]
        return {"activity": rows, "warnings": list(self.warnings)}

    def tips_to_cache(self) -> list[Any]:
        return [
            [
                str(period),
                ident,
                {name: _plain(value) for name, value in tip.values.items()},
                tip.closed.isoformat() if tip.closed is not None else None,
            ]
            for (period, ident), tip in self.tips.items()
        ]


def _walked(history: History) -> _Fold:
    final: dict[Identity, KeyResultState] = {}
    found = timelines(history, final=final)
    records = {key: _Record.of(t.points) for key, t in found.items() if t.points}
    tips = {key: _Tip(state.values, state.closed) for key, state in final.items()}
    return _Fold(records, tips)


def _resumed(history: History, folder: Any, scope: list[str], since: str) -> _Fold | None:
    """The fold cached at `since` (the last cached commit) read on to HEAD, or None."""
    from okrcli.read import cache

    entry = cache.get(folder, _ACTIVITY, cache.key(_ACTIVITY, [since, *scope]))
    fold = _cached_fold(entry, history.calendar)
    tips = _cached_tips(cache.get(folder, _TIPS, cache.key(_TIPS, [since, *scope])), history)
    if fold is None or tips is None:
        return None
    fold.tips = tips
    _tell(history, fold.warnings)
    return fold if fold.read_on(history, since) else None


def _tell(history: History, warnings: list[str]) -> None:
    history.warnings.extend(w for w in warnings if w not in history.warnings)


def _cached_fold(value: Any, calendar: Calendar) -> _Fold | None:
    """The fold a cached value stands for (the calendar reads its periods), or None when
    it is not exactly what okrcli writes (then the history is read afresh)."""
    try:
        if not isinstance(value, dict):
            return None
        rows = value["activity"]
        warnings = [_text(w) for w in value["warnings"]]
        return _Fold(dict(_cached_record(row, calendar) for row in rows), {}, warnings)
    except (TypeError, ValueError, KeyError, IndexError):
        return None


def _cached_record(row: list[Any], calendar: Calendar) -> tuple[Identity, _Record]:
    label, ident, added, checkins, values, late, last_closed, last_current = row
    day = dt.date.fromisoformat
    return _identity(label, ident, calendar), _Record(
        added=day(added),
        checkins=[day(d) for d in checkins],
        values=[(day(d), _finite(v)) for d, v in values],
        late=[
            LateChange(day(d), _text(c), _text(a), tuple(_text(f) for f in fields), day(closed))
            for d, c, a, fields, closed in late
        ],
        last_closed=day(last_closed) if last_closed is not None else None,
        last_current=_finite(last_current) if last_current is not None else None,
    )


def _cached_tips(value: Any, history: History) -> dict[Identity, _Tip] | None:
    try:
        if not isinstance(value, list):
            return None
        tips = {}
        for label, ident, values, closed in value:
            if not isinstance(values, dict):
                raise TypeError("values")
            key = _identity(label, ident, history.calendar)
            fields = {_text(name): _unplain(item) for name, item in values.items()}
            tips[key] = _Tip(fields, dt.date.fromisoformat(closed) if closed is not None else None)
        return tips
    except (TypeError, ValueError, KeyError, IndexError):
        return None


def _identity(label: object, ident: object, calendar: Calendar) -> Identity:
    period = Period.parse(_text(label), calendar)
    if period is None:
        raise ValueError("not a period")
    return period, _text(ident)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _finite(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("not a number")
    return float(value)


def _plain(value: object) -> object:
    """A state's field value as JSON: dates and tuples tagged, so they come back as they
    were (a list for a tuple would read as a changed checklist)."""
    if type(value) is dt.date:
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return {"tuple": [_plain(item) for item in value]}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _unplain(value: object) -> object:
    if isinstance(value, dict):
        ((tag, inner),) = value.items()
        if tag == "date":
            return dt.date.fromisoformat(_text(inner))
        if tag == "tuple" and isinstance(inner, list):
            return tuple(_unplain(item) for item in inner)
        raise ValueError("not a value okrcli writes")
    if isinstance(value, list):
        return [_unplain(item) for item in value]
    if isinstance(value, float) and value != value:
        raise ValueError("not a number")
    return value


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
        chosen = period or _chosen(ident, sorted(key_results), history, asked)
        found = key_results.get(chosen)
        if found is not None:
            due = found.points[-1].state.values.get("due")
            end = due if isinstance(due, dt.date) else chosen.end
            rows = [key_result_row(point) for point in found.points]
            expected = _expected(rows, chosen, end)
            return TimelineView(ident, chosen, "key_result", rows, expected, history.warnings)
    objectives = objective_timelines(history, ident)
    if objectives:
        chosen = period or _chosen(ident, sorted(objectives), history, asked)
        points = objectives.get(chosen)
        if points:
            rows = [
                TimelineRow(p.commit, p.date, p.author, None, None, p.score, None, (), p.message)
                for p in points
            ]
            expected = _expected(rows, chosen, chosen.end)
            return TimelineView(ident, chosen, "objective", rows, expected, history.warnings)
    raise unknown_id(history, ref)


def _chosen(ident: str, candidates: list[Period], history: History, asked: Period | None) -> Period:
    """`resolve_id`, reading the working tree for the period in view only when several
    periods have the id (it is a tenth of an `okr history` over 10,000 commits)."""
    return resolve_id(ident, candidates, _view(history, asked) if len(candidates) > 1 else asked)


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
        period = _chosen(ident, candidates, history, asked)
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
