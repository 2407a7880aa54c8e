"""`kind: baseline`: done once a first value is recorded in `current`. Follows its due
date, like a milestone."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from okrcli.model.fields import Number
from okrcli.model.kinds.base import Facts, KeyResultBase, Schedule
from okrcli.model.sources import (
    SOURCE_FIELD_DESCRIPTION,
    Source,
    planned_source,
)


class BaselineKeyResult(KeyResultBase):
    """Done once a first value is recorded in `current`."""

    noun: ClassVar[str] = "a baseline key result"
    schedule: ClassVar[Schedule] = "due-date"

    kind: Literal["baseline"]
    current: Number | None = None
    unit: str | None = None
    source: Source | None = Field(default=None, description=SOURCE_FIELD_DESCRIPTION)

    def effective_current(self) -> float | None:
        return self.current

    def score(self) -> float:
        return 1.0 if self.current is not None else 0.0

    def facts(self) -> Facts:
        return Facts(current=self.current, unit=self.unit)

    def planned_fields(self) -> dict[str, object]:
        unit = {"unit": self.unit} if self.unit is not None else {}
        return {**unit, **planned_source(self.source)}

    @staticmethod
    def describe(facts: Facts) -> str:
        return "recorded" if facts.current is not None else "not recorded"
