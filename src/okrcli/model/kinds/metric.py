"""`kind: metric` (the default): moves a number from `start` to `target` (downwards when
target < start). Score: how far `current` has come, clamped to 0.0-1.0."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar, Literal

from pydantic import Field

from okrcli.base import codes
from okrcli.base.numbers import clamp, show_number
from okrcli.model.fields import Number
from okrcli.model.kinds.base import Facts, FieldProblem, KeyResultBase
from okrcli.model.sources import (
    SOURCE_FIELD_DESCRIPTION,
    Source,
    planned_source,
)


def _unit(unit: str | None) -> dict[str, object]:
    return {"unit": unit} if unit is not None else {}


class MetricKeyResult(KeyResultBase):
    """Moves a number from `start` to `target` (downwards when target < start)."""

    noun: ClassVar[str] = "a metric key result"
    missing_hints: ClassVar[Mapping[str, str]] = dict.fromkeys(
        ("start", "target"),
        "a metric needs `start` and `target`; for done/not done use `kind: milestone`",
    )

    kind: Literal["metric"] = "metric"
    start: Number
    target: Number
    current: Number | None = Field(default=None, description="Defaults to `start`.")
    unit: str | None = None
    source: Source | None = Field(default=None, description=SOURCE_FIELD_DESCRIPTION)

    def effective_current(self) -> float:
        return self.current if self.current is not None else self.start

    def score(self) -> float:
        span = self.target - self.start
        if span == 0:  # invalid (OKR034), but found in history: scored, never a crash
            return 1.0 if self.effective_current() == self.target else 0.0
        return clamp((self.effective_current() - self.start) / span)

    def facts(self) -> Facts:
        return Facts(
            start=self.start, target=self.target, current=self.effective_current(), unit=self.unit
        )

    def planned_fields(self) -> dict[str, object]:
        """It starts where it ended (where it ended at the target: where it started)."""
        last = self.effective_current()
        start = self.start if last == self.target else last
        return {
            "start": start,
            "target": self.target,
            **_unit(self.unit),
            **planned_source(self.source),
        }

    def problems(self) -> Iterator[FieldProblem]:
        if self.target == self.start:
            yield FieldProblem(
                "target",
                codes.TARGET_EQUALS_START,
                f"{self.id}: target equals start ({self.target:g}), nothing to move",
                "to hold a level use `kind: maintain` with `min`/`max`; "
                "for done/not done use `kind: milestone`",
            )

    @staticmethod
    def describe(facts: Facts) -> str:
        unit = f" {facts.unit}" if facts.unit else ""
        return f"{show_number(facts.current)} / {show_number(facts.target)}{unit}"

    @staticmethod
    def describe_change(facts: Facts) -> str:
        return f"{show_number(facts.current)} / {show_number(facts.target)}"
