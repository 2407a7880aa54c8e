"""Checks that need positions or more than one file: the part of validation after the
models. Each check returns findings; none prints.

Per file: period/team match the path, metric target differs from start, `due` lies
inside the period, `aligns_to` and `standalone` exclude each other, maintain bands.
Across the root: duplicate ids, `aligns_to` naming an id of the same period, cycles.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli import codes
from okrcli.findings import Finding, Level, Location
from okrcli.periods import Period
from okrcli.source import YamlPath

if TYPE_CHECKING:
    from okrcli.load import Document
    from okrcli.model import AnyKeyResult, MaintainKeyResult, Objective


@dataclass(frozen=True)
class Place:
    """An objective or key result, with the document and path it was read from."""

    document: Document
    path: YamlPath
    objective: Objective
    key_result: AnyKeyResult | None = None

    @property
    def id(self) -> str:
        return self.key_result.id if self.key_result is not None else self.objective.id

    @property
    def period(self) -> str:
        return self.document.okr.period

    def at(self, key: str | None = None, *, on_key: bool = False) -> Location:
        where = self.path if key is None else (*self.path, key)
        marks = self.document.marks
        line, col = marks.key(where) if on_key else marks.value(where)
        return Location(self.document.path, line, col)


def places(document: Document) -> Iterator[Place]:
    """Every objective and key result of a document, in file order."""
    for o_index, objective in enumerate(document.okr.objectives):
        o_path: YamlPath = ("objectives", o_index)
        yield Place(document, o_path, objective)
        for k_index, key_result in enumerate(objective.key_results):
            yield Place(document, (*o_path, "key_results", k_index), objective, key_result)


def check_all(documents: list[Document]) -> list[Finding]:
    findings: list[Finding] = []
    for document in documents:
        findings.extend(check_document(document))
    findings.extend(duplicate_ids(documents))
    findings.extend(alignment(documents))
    return findings


def check_document(document: Document) -> list[Finding]:
    findings = list(_path_matches(document))
    period = Period.parse(document.okr.period)
    for place in places(document):
        if place.key_result is None:
            findings.extend(_objective_fields(place))
        else:
            findings.extend(_key_result_fields(place, period))
    return findings


def _error(location: Location, code: str, message: str, hint: str | None = None) -> Finding:
    return Finding(location, Level.ERROR, code, message, hint)


def _path_matches(document: Document) -> Iterator[Finding]:
    okr, marks = document.okr, document.marks
    folder, stem = document.file.parent.name, document.file.stem
    if okr.period != folder:
        line, col = marks.value(("period",))
        yield _error(
            Location(document.path, line, col),
            codes.PATH_MISMATCH,
            f"period `{okr.period}` does not match the folder `{folder}`",
            f"move the file to a folder named `{okr.period}`, or correct `period`",
        )
    if okr.team != stem:
        line, col = marks.value(("team",))
        yield _error(
            Location(document.path, line, col),
            codes.PATH_MISMATCH,
            f"team `{okr.team}` does not match the file name `{Path(document.file).name}`",
            f"rename the file to `{okr.team}{document.file.suffix}`, or correct `team`",
        )


def _objective_fields(place: Place) -> Iterator[Finding]:
    objective = place.objective
    if objective.aligns_to is not None and objective.standalone is not None:
        yield _error(
            place.at("standalone", on_key=True),
            codes.ALIGNS_AND_STANDALONE,
            f"{objective.id}: has both `aligns_to` and `standalone`",
            "keep `aligns_to` if it supports a goal, else keep `standalone`",
        )


def _key_result_fields(place: Place, period: Period | None) -> Iterator[Finding]:
    from okrcli.model import MaintainKeyResult, MetricKeyResult

    key_result = place.key_result
    assert key_result is not None
    if isinstance(key_result, MetricKeyResult) and key_result.target == key_result.start:
        yield _error(
            place.at("target"),
            codes.TARGET_EQUALS_START,
            f"{key_result.id}: target equals start ({key_result.target:g}), nothing to move",
            "to hold a level use `kind: maintain` with `min`/`max`; "
            "for done/not done use `kind: milestone`",
        )
    if isinstance(key_result, MaintainKeyResult):
        yield from _band(place, key_result)
    if key_result.due is not None and period is not None and not period.contains(key_result.due):
        yield _error(
            place.at("due"),
            codes.DUE_OUTSIDE_PERIOD,
            f"{key_result.id}: due {key_result.due.isoformat()} is outside {period} "
            f"({period.start.isoformat()} to {period.end.isoformat()})",
            "move the date into the period, or the key result into its own period's file",
        )


def _band(place: Place, key_result: MaintainKeyResult) -> Iterator[Finding]:
    if key_result.min is None and key_result.max is None:
        yield _error(
            place.at("kind"),
            codes.MAINTAIN_WITHOUT_BAND,
            f"{key_result.id}: a maintain key result needs `min`, `max` or both",
            "add e.g. `max: 300` to keep the value at or below 300",
        )
    elif _band_is_empty(key_result.min, key_result.max):
        yield _error(
            place.at("min"),
            codes.EMPTY_BAND,
            f"{key_result.id}: min {key_result.min:g} is above max {key_result.max:g}",
            "swap the bounds",
        )


def _band_is_empty(low: float | None, high: float | None) -> bool:
    return low is not None and high is not None and low > high


def duplicate_ids(documents: list[Document]) -> Iterator[Finding]:
    by_id: dict[str, list[Place]] = {}
    for document in documents:
        for place in places(document):
            by_id.setdefault(place.id, []).append(place)
    for ident, found in by_id.items():
        if len(found) < 2:
            continue
        for place in found:
            others = ", ".join(str(other.at("id")) for other in found if other is not place)
            yield _error(
                place.at("id"),
                codes.DUPLICATE_ID,
                f"duplicate id `{ident}` (also at {others})",
                "ids are unique across all OKR files; rename one of them",
            )


def alignment(documents: list[Document]) -> Iterator[Finding]:
    by_period: dict[str, dict[str, Place]] = {}
    for document in documents:
        for place in places(document):
            by_period.setdefault(place.period, {}).setdefault(place.id, place)
    parents: dict[str, str] = {}
    sources: dict[str, Place] = {}
    for document in documents:
        known = by_period.get(document.okr.period, {})
        for place in places(document):
            target = place.objective.aligns_to if place.key_result is None else None
            if target is None:
                continue
            if target not in known:
                yield _unknown_alignment(place, target, known, by_period)
                continue
            parents[place.id] = known[target].objective.id
            sources[place.id] = place
    yield from _cycles(parents, sources)


def _unknown_alignment(
    place: Place, target: str, known: dict[str, Place], by_period: dict[str, dict[str, Place]]
) -> Finding:
    elsewhere = [period for period, ids in by_period.items() if target in ids]
    if elsewhere:
        hint = f"`{target}` is in {elsewhere[0]}; alignment stays within one period"
    else:
        close = difflib.get_close_matches(target, list(known), n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "use the id of a goal in the same period"
    return _error(
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
        first = min(cycle, key=lambda ident: sources[ident].at("aligns_to"))
        ring = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
        yield _error(
            sources[first].at("aligns_to"),
            codes.ALIGNMENT_CYCLE,
            "alignment cycle: " + " -> ".join(ring),
            "alignment points up to a parent goal; remove one `aligns_to` in the cycle",
        )
