"""Places: every objective and key result with the document and path it was read from,
so that any check can point at a key or value."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from okrcli.base.findings import Location
from okrcli.read.positions import YamlPath

if TYPE_CHECKING:
    from okrcli.model.kinds import KeyResultBase
    from okrcli.model.okr_file import Objective
    from okrcli.model.period import Period
    from okrcli.read.documents import Document


@dataclass(frozen=True)
class Place:
    """An objective or key result, with the document and path it was read from."""

    document: Document
    path: YamlPath
    objective: Objective
    key_result: KeyResultBase | None = None
    id: str = field(init=False)
    """The key result's id, else the objective's (set once: every check asks)."""
    period: Period = field(init=False)

    def __post_init__(self) -> None:
        owner = self.key_result if self.key_result is not None else self.objective
        object.__setattr__(self, "id", owner.id)
        object.__setattr__(self, "period", self.document.okr.period)

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


class PlaceIndex:
    """The places of a set of documents, built once and shared by every check and rule."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents = list(documents)
        self._by_document = {id(d): list(places(d)) for d in self.documents}

    def of(self, document: Document) -> list[Place]:
        return self._by_document[id(document)]

    def all(self) -> Iterator[Place]:
        for document in self.documents:
            yield from self.of(document)

    def objectives(self) -> Iterator[Place]:
        return (p for p in self.all() if p.key_result is None)

    def key_results(self) -> Iterator[Place]:
        return (p for p in self.all() if p.key_result is not None)

    @cached_property
    def by_period(self) -> dict[Period, dict[str, Place]]:
        """Every place by its period and id (the first, where an id is used twice)."""
        found: dict[Period, dict[str, Place]] = {}
        for place in self.all():
            found.setdefault(place.period, {}).setdefault(place.id, place)
        return found
