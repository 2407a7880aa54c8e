"""`kind: judged`: graded by its owner on 0.0-1.0 (Google's and IPFS's style: "projected
0.6", "final 0.7"), with an optional note. Score: the judgement itself; it follows the
time line like a metric."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from okrcli.base.errors import OkrError
from okrcli.model.fields import Share
from okrcli.model.kinds.base import CheckinChange, Facts, KeyResultBase, parse_number, show_value
from okrcli.model.sources import (
    SOURCE_FIELD_DESCRIPTION,
    Source,
    planned_source,
)


class JudgedKeyResult(KeyResultBase):
    """Graded by its owner: `current` is the judged score, 0.0-1.0."""

    noun: ClassVar[str] = "a judged key result"

    kind: Literal["judged"]
    current: Share | None = Field(
        default=None, description="The owner's judgement, 0.0-1.0; none yet: 0."
    )
    note: str | None = Field(default=None, description="What the judgement rests on.")
    source: Source | None = Field(default=None, description=SOURCE_FIELD_DESCRIPTION)

    def planned_fields(self) -> dict[str, object]:
        """The judgement goes; where it comes from stays."""
        return planned_source(self.source)

    def effective_current(self) -> float | None:
        return self.current

    def score(self) -> float:
        return self.current if self.current is not None else 0.0

    def facts(self) -> Facts:
        return Facts(current=self.current)

    def checkin(self, value: str | None, item: str | None) -> CheckinChange:
        if item is not None:
            raise OkrError(f"--item is for checklist key results; {self.id} is judged")
        if value is None:
            raise OkrError(f"{self.id}: give your judgement, a score from 0.0 to 1.0")
        judged = parse_number(value)
        if not 0.0 <= judged <= 1.0:
            raise OkrError(
                f"{self.id} is judged on 0.0-1.0, not {value}",
                "give a score such as 0.6 (about 0.7 is a good result for an ambitious goal)",
            )
        change: tuple[tuple[str | int, ...], object] = (("current",), judged)
        return CheckinChange((change,), show_value(self.current), show_value(judged))

    @staticmethod
    def describe(facts: Facts) -> str:
        return f"{facts.current:.2f} judged" if facts.current is not None else "not judged yet"

    @staticmethod
    def describe_change(facts: Facts) -> str:
        return f"{facts.current:.2f}" if facts.current is not None else "-"
