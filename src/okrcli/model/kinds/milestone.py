"""`kind: milestone`: done or not done. Follows its due date, not a line."""

from __future__ import annotations

from typing import ClassVar, Literal

from okrcli.base.errors import OkrError
from okrcli.model.kinds.base import (
    CheckinChange,
    Facts,
    KeyResultBase,
    Schedule,
    done_word,
    parse_done,
)


class MilestoneKeyResult(KeyResultBase):
    """Done or not done."""

    noun: ClassVar[str] = "a milestone key result"
    schedule: ClassVar[Schedule] = "due-date"
    measures_outcome: ClassVar[bool] = False
    checkin_fields: ClassVar[tuple[str, ...]] = ("done",)

    kind: Literal["milestone"]
    done: bool = False

    def score(self) -> float:
        return 1.0 if self.done else 0.0

    def facts(self) -> Facts:
        return Facts(done=self.done)

    def checkin(self, value: str | None, item: str | None) -> CheckinChange:
        if item is not None:
            raise OkrError(f"--item is for checklist key results; {self.id} is a {self.kind}")
        if value is None:
            raise OkrError(f"{self.id}: give done or not-done")
        done = parse_done(value)
        return CheckinChange(((("done",), done),), done_word(self.done), done_word(done))

    @staticmethod
    def describe(facts: Facts) -> str:
        return done_word(bool(facts.done))

    @staticmethod
    def describe_change(facts: Facts) -> str:
        return done_word(bool(facts.done))
