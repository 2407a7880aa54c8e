"""Checks across the root: duplicate ids within a period, `aligns_to` naming an objective
or key result of the same period or of one that encloses it, and alignment cycles.

Ids are unique within a period: the same id in two periods names two different
objectives or key results, so everywhere the identity is (period, id). A reference may
name another period explicitly: `2026/ACME-1`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from okrcli.base import codes
from okrcli.base.findings import Finding, Level, Location
from okrcli.base.suggest import did_you_mean
from okrcli.check.places import Place, PlaceIndex
from okrcli.check.structure import error
from okrcli.model.period import Period
from okrcli.read.documents import Document

Key = tuple[Period, str]
"""The identity of an objective or key result: its period and its id."""


def duplicate_ids(index: PlaceIndex) -> Iterator[Finding]:
    by_key: dict[Key, list[Place]] = {}
    for place in index.all():
        by_key.setdefault((place.period, place.id), []).append(place)
    for (period, ident), found in by_key.items():
        if len(found) < 2:
            continue
        for place in found:
            others = tuple(other.at("id") for other in found if other is not place)
            yield Finding(
                place.at("id"),
                Level.ERROR,
                codes.DUPLICATE_ID,
                f"duplicate id `{ident}` in {period}",
                "ids are unique within a period; rename one of them",
                related=others,
            )


def resolve(ref: str, period: Period, known: Mapping[Period, Mapping[str, Place]]) -> Place | None:
    """What `ref` names, seen from `period`: `PERIOD/ID` in that period; a plain id in
    `period`, else in the periods that enclose it, nearest first."""
    label, slash, ident = ref.rpartition("/")
    if slash:
        named = Period.parse(label, period.calendar)
        return known.get(named, {}).get(ident) if named is not None else None
    for candidate in (period, *period.enclosing()):
        place = known.get(candidate, {}).get(ident)
        if place is not None:
            return place
    return None


Unloaded = Mapping[Period, list[str]]
"""The files that failed to load (their shown paths) by the period of their folder: a
reference into one of them cannot be checked until it loads."""


class HeldBack:
    """References not reported one by one because the file that may hold their target
    failed to load: one note per such file says it must be fixed first."""

    def __init__(self, unloaded: Unloaded) -> None:
        self.unloaded = unloaded
        self.counts: dict[str, int] = {}

    def holds(self, periods: list[Period]) -> bool:
        """Whether a reference looked up in `periods` waits for an unloaded file."""
        paths = [path for period in periods for path in self.unloaded.get(period, [])]
        for path in paths:
            self.counts[path] = self.counts.get(path, 0) + 1
        return bool(paths)

    def notes(self) -> Iterator[Finding]:
        for path, count in sorted(self.counts.items()):
            references = "1 reference" if count == 1 else f"{count} references"
            yield Finding(
                Location(path, 1, 1),
                Level.INFO,
                codes.REFERENCES_UNCHECKED,
                f"{references} into this file's period wait for it: it did not load",
                "fix this file's errors first; the references are checked once it loads",
            )


def alignment(index: PlaceIndex, held: HeldBack | None = None) -> Iterator[Finding]:
    """`aligns_to` names an objective or key result (of the period or one enclosing it),
    and alignment has no cycles. References that wait for a file that did not load go
    to `held` instead."""
    known = index.by_period
    held = held or HeldBack({})
    parents: dict[Key, Key] = {}
    sources: dict[Key, Place] = {}
    for place in index.objectives():
        target = place.objective.aligns_to
        if target is None:
            continue
        found = resolve(target, place.period, known)
        if found is None:
            if not held.holds(_looked_in(target, place.period)):
                yield _unknown_alignment(place, target, known)
            continue
        key = (place.period, place.id)
        parents[key] = (found.period, found.objective.id)
        sources[key] = place
    yield from _cycles(parents, sources)


def _looked_in(ref: str, period: Period) -> list[Period]:
    """The periods where `ref`, seen from `period`, is looked up."""
    label, slash, _ = ref.rpartition(  # pragma: no mutate: one `/` at most (see _earlier)
        "/"
    )
    if slash:
        named = Period.parse(label, period.calendar)
        return (
            [named]  # pragma: no mutate: [None] waits for nothing, as [] (see _earlier)
            if named is not None
            else []
        )
    return [period, *period.enclosing()]


def _unknown_alignment(
    place: Place, target: str, known: Mapping[Period, Mapping[str, Place]]
) -> Finding:
    ident = target.rpartition("/")[2]
    reachable = [place.period, *place.period.enclosing()]
    elsewhere = [p for p, ids in sorted(known.items()) if ident in ids and p not in reachable]
    if elsewhere:
        hint = (
            f"`{ident}` is in {elsewhere[0]}; an objective aligns within its period or to "
            "one that encloses it (its half or year)"
        )
    else:
        choices = [i for p in reachable for i in known.get(p, {}) if _family(i) == _family(ident)]
        hint = did_you_mean(ident, choices) or "use the id of a goal in the same period"
    return error(
        place.at("aligns_to"),
        codes.UNKNOWN_ALIGNMENT,
        f"{place.id}: aligns_to `{target}` names no objective or key result in {place.period}",
        hint,
    )


def _cycles(parents: dict[Key, Key], sources: dict[Key, Place]) -> Iterator[Finding]:
    done: set[Key] = set()
    for start in sorted(parents):
        trail: list[Key] = []
        node: Key | None = start
        while node is not None and node not in done and node not in trail:
            trail.append(node)
            node = parents.get(node)
        done.update(trail)
        if node is None or node not in trail:
            continue
        cycle = trail[trail.index(node) :]
        first = min(cycle, key=lambda key: sources[key].at("aligns_to"))
        ring = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
        yield error(
            sources[first].at("aligns_to"),
            codes.ALIGNMENT_CYCLE,
            "alignment cycle: " + " -> ".join(ident for _, ident in ring),
            "alignment points up to a parent goal; remove one `aligns_to` in the cycle",
        )


def carried_from(index: PlaceIndex, held: HeldBack | None = None) -> Iterator[Finding]:
    """`carried_from` names an objective of an earlier period: `PERIOD/ID`, or a plain id
    found in an earlier period (the latest that has it)."""
    known = index.by_period
    held = held or HeldBack({})
    for place in index.objectives():
        ref = place.objective.carried_from
        if ref is None:
            continue
        problem = _carried_problem(ref, place.period, known)
        if problem is not None and held.holds(_earlier(ref, place.period, held.unloaded)):
            continue
        if problem is not None:
            message, hint = problem
            yield error(
                place.at("carried_from"),
                codes.BAD_CARRIED_FROM,
                f"{place.id}: carried_from `{ref}` {message}",
                hint,
            )


def _carried_problem(
    ref: str, period: Period, known: Mapping[Period, Mapping[str, Place]]
) -> tuple[str, str] | None:
    label, slash, ident = ref.rpartition("/")
    if slash:
        named = Period.parse(label, period.calendar)
        if named is None:
            return "names no period", "write PERIOD/ID, e.g. 2026-Q3/PLAT-1"
        candidates = [named]
    else:
        candidates = sorted((p for p in known if p.start < period.start), reverse=True)
    for candidate in candidates:
        found = known.get(candidate, {}).get(ident)
        if found is None:
            continue
        if candidate.start >= period.start:
            return (
                "is not of an earlier period",
                "carried_from names the objective of an earlier period this one continues",
            )
        if found.key_result is not None:
            return (
                f"is a key result of {candidate}",
                f"carried_from names an objective: `{candidate}/{found.objective.id}`?",
            )
        return None
    earlier = [p for p in sorted(known) if p.start < period.start]
    choices = [f"{p}/{i}" for p in earlier for i, pl in known[p].items() if pl.key_result is None]
    close = did_you_mean(ref if slash else f"{earlier[-1]}/{ident}" if earlier else ref, choices)
    hint = close or "name the objective it continues: PERIOD/ID, e.g. 2026-Q3/PLAT-1"
    where = f"in {label}" if slash else "in an earlier period"
    return f"names no objective {where}", hint


def closed_state(index: PlaceIndex) -> Iterator[Finding]:
    """The files of a period agree on whether (and when) it was closed."""
    by_file: dict[Period, list[Document]] = {}
    for document in index.documents:
        by_file.setdefault(document.okr.period, []).append(document)
    for period, documents in sorted(by_file.items()):
        dates = {d.okr.closed for d in documents}
        if len(dates) < 2:
            continue
        for document in documents:
            closed = document.okr.closed
            line, col = document.marks.value(("closed",) if closed else ("period",))
            said = f"closed on {closed}" if closed else "open"
            others = sorted({str(d) for d in dates if d is not None and d != closed})
            message = f"{period} is {said} here, but closed on {', '.join(others)} elsewhere"
            if closed is not None and None in dates:
                message = f"{period} is closed here, but open in other files"
            yield error(
                Location(document.path, line, col),
                codes.CLOSED_MISMATCH,
                message,
                f"close every file with `okr close {period}`, or `okr reopen {period}`",
            )


def _earlier(ref: str, period: Period, unloaded: Unloaded) -> list[Period]:
    """The periods with unloaded files where `ref` (carried_from), seen from `period`, is
    looked up.

    Two mutants each here and in `_looked_in` are equivalent, and marked: a reference has
    one `/` at most (REF_PATTERN), so `partition` splits it as `rpartition` does; and a
    label that is no period finds no unloaded file, so `[None]` waits for nothing, as `[]`.
    """
    label, slash, _ = ref.rpartition(  # pragma: no mutate: one `/` at most (see above)
        "/"
    )
    if slash:
        named = Period.parse(label, period.calendar)
        return (
            [named]  # pragma: no mutate: [None] waits for nothing, as [] (see above)
            if named is not None
            else []
        )
    return [p for p in unloaded if p.start < period.start]


def _family(ident: str) -> str:
    """`ACME` of `ACME-1.2`: a suggestion keeps to the ids of the same family (a team's
    prefix), never pointing at another team's goal because the digits match."""
    first = re.split(  # pragma: no mutate: `maxsplit` only saves work (equivalent, as 2)
        r"[-_.\d]",
        ident,
        maxsplit=1,  # pragma: no mutate: the first piece is the same without it
    )[0]
    return first.casefold()
