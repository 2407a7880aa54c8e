"""Checks across the root: duplicate ids, `aligns_to` naming an id of the same period,
and alignment cycles."""

from __future__ import annotations

from collections.abc import Iterator

from okrcli.base import codes
from okrcli.base.findings import Finding, Level
from okrcli.base.suggest import did_you_mean
from okrcli.check.places import Place, PlaceIndex
from okrcli.check.structure import error
from okrcli.model.period import Period


def duplicate_ids(index: PlaceIndex) -> Iterator[Finding]:
    by_id: dict[str, list[Place]] = {}
    for place in index.all():
        by_id.setdefault(place.id, []).append(place)
    for ident, found in by_id.items():
        if len(found) < 2:
            continue
        for place in found:
            others = tuple(other.at("id") for other in found if other is not place)
            yield Finding(
                place.at("id"),
                Level.ERROR,
                codes.DUPLICATE_ID,
                f"duplicate id `{ident}`",
                "ids are unique across all OKR files; rename one of them",
                related=others,
            )


def alignment(index: PlaceIndex) -> Iterator[Finding]:
    by_period: dict[Period, dict[str, Place]] = {}
    for place in index.all():
        by_period.setdefault(place.period, {}).setdefault(place.id, place)
    parents: dict[str, str] = {}
    sources: dict[str, Place] = {}
    for place in index.objectives():
        target = place.objective.aligns_to
        if target is None:
            continue
        known = by_period.get(
            place.period,
            {},  # pragma: no mutate: the place's own period is always there
        )
        if target not in known:
            yield _unknown_alignment(place, target, known, by_period)
            continue
        parents[place.id] = known[target].objective.id
        sources[place.id] = place
    yield from _cycles(parents, sources)


def _unknown_alignment(
    place: Place, target: str, known: dict[str, Place], by_period: dict[Period, dict[str, Place]]
) -> Finding:
    elsewhere = [period for period, ids in by_period.items() if target in ids]
    if elsewhere:
        hint = f"`{target}` is in {elsewhere[0]}; alignment stays within one period"
    else:
        hint = did_you_mean(target, known) or "use the id of a goal in the same period"
    return error(
        place.at("aligns_to"),
        codes.UNKNOWN_ALIGNMENT,
        f"{place.id}: aligns_to `{target}` names no objective or key result in {place.period}",
        hint,
    )


def _cycles(parents: dict[str, str], sources: dict[str, Place]) -> Iterator[Finding]:
    done: set[str] = set()
    for start in sorted(parents):
        trail: list[str] = []
        node: str | None = start
        while node is not None and node not in done and node not in trail:
            trail.append(node)
            node = parents.get(node)
        done.update(trail)
        if node is None or node not in trail:
            continue
        cycle = trail[trail.index(node) :]
        first = min(
            cycle,
            key=lambda ident: sources[ident].at(
                "aligns_to"  # pragma: no mutate: objectives sort as their `aligns_to` do
            ),
        )
        ring = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
        yield error(
            sources[first].at("aligns_to"),
            codes.ALIGNMENT_CYCLE,
            "alignment cycle: " + " -> ".join(ring),
            "alignment points up to a parent goal; remove one `aligns_to` in the cycle",
        )
