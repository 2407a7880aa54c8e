"""`kind: maintain`: hold `current` inside a band given by `min` and/or `max`. Score 1.0
inside the band, else 0.0; holding a level is never finished while the period runs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import Field

from okrcli.base import codes
from okrcli.base.numbers import show_number
from okrcli.model.fields import Number
from okrcli.model.kinds.base import Facts, FieldProblem, KeyResultBase, Schedule
from okrcli.model.sources import (
    SOURCE_FIELD_DESCRIPTION,
    Source,
    planned_source,
)


def in_band(value: float | None, low: float | None, high: float | None) -> bool:
    if value is None:
        return False
    return (low is None or value >= low) and (high is None or value <= high)


class MaintainKeyResult(KeyResultBase):
    """Holds `current` inside a band given by `min` and/or `max`."""

    noun: ClassVar[str] = "a maintain key result"
    schedule: ClassVar[Schedule] = "band"

    kind: Literal["maintain"]
    min: Number | None = None
    max: Number | None = None
    current: Number | None = None
    unit: str | None = None
    source: Source | None = Field(default=None, description=SOURCE_FIELD_DESCRIPTION)

    def effective_current(self) -> float | None:
        return self.current

    def score(self) -> float:
        return 1.0 if in_band(self.current, self.min, self.max) else 0.0

    def finished(self) -> bool:
        return False

    def facts(self) -> Facts:
        return Facts(current=self.current, minimum=self.min, maximum=self.max, unit=self.unit)

    def planned_fields(self) -> dict[str, object]:
        bounds = {"min": self.min, "max": self.max, "unit": self.unit}
        kept = {name: value for name, value in bounds.items() if value is not None}
        return {**kept, **planned_source(self.source)}

    def problems(self) -> Iterator[FieldProblem]:
        if self.min is None and self.max is None:
            yield FieldProblem(
                "kind",
                codes.MAINTAIN_WITHOUT_BAND,
                f"{self.id}: a maintain key result needs `min`, `max` or both",
                "add e.g. `max: 300` to keep the value at or below 300",
            )
        elif self.min is not None and self.max is not None and self.min > self.max:
            yield FieldProblem(
                "min",
                codes.EMPTY_BAND,
                f"{self.id}: min {self.min:g} is above max {self.max:g}",
                "swap the bounds",
            )

    @staticmethod
    def describe(facts: Facts) -> str:
        unit = f" {facts.unit}" if facts.unit else ""
        bounds = (
            f">= {show_number(facts.minimum)}" if facts.minimum is not None else "",
            f"<= {show_number(facts.maximum)}" if facts.maximum is not None else "",
        )
        band = " ".join(part for part in bounds if part)
        return f"{show_number(facts.current)}{unit} ({band})"
