"""What every key-result kind has, and the behaviour each kind provides.

A kind is one module in this package: its fields (a pydantic model) and its behaviour
(score, the values every view shows, which schedule its status follows, how a check-in
updates it, how it reads as text, the checks its fields need). Nothing outside this
package branches on a kind's name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field

from okrcli.base.errors import OkrError
from okrcli.base.numbers import EPSILON, show_number
from okrcli.model.fields import Confidence, Day, Id, Share, StrictModel, Text, Weight

if TYPE_CHECKING:
    from okrcli.model.sources import AnySource

Schedule = Literal["line", "due-date", "band"]
"""How a kind's status follows time: along a line from the period start to its due
date (metric, checklist), by its due date alone (done or not: milestone, baseline),
or by staying inside a band (maintain)."""

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Facts:
    """A key result's kind-specific values, as every view shows them (None where the kind
    has no such value)."""

    start: float | None = None
    target: float | None = None
    current: float | None = None
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    done: bool | None = None
    items_done: int | None = None
    items_total: int | None = None


@dataclass(frozen=True)
class FieldProblem:
    """A problem in a key result's own fields that the model alone cannot see."""

    field: str
    code: str
    message: str
    hint: str


@dataclass(frozen=True)
class CheckinChange:
    """How a check-in changes a key result: the values to write (paths inside the key
    result's mapping) and the value before and after, as text for the commit subject."""

    updates: tuple[tuple[FieldPath, object], ...]
    before: str
    after: str


DONE_WORDS = {"done": True, "true": True, "yes": True, "not-done": False, "false": False}
DONE_WORDS |= {"no": False, "undone": False}


class KeyResultBase(StrictModel):
    id: Id
    title: Text
    weight: Weight = 1.0
    confidence: Confidence | None = Field(
        default=None, description="Forward-looking belief, 0.0-1.0; never part of the score."
    )
    owner: Text | None = Field(default=None, description="Defaults to the objective owner.")
    due: Day | None = Field(
        default=None, description="Within the period; defaults to the period end."
    )
    description: str | None = None
    dropped: Text | None = Field(
        default=None,
        description="Why this key result was dropped: it stays visible, and counts in no "
        "score and in no miss.",
    )
    final_score: Share | None = Field(
        default=None,
        description="The grade recorded when the period was closed (`okr close`): the "
        "computed score, or an override with `override_reason`.",
    )
    override_reason: Text | None = Field(
        default=None, description="Why `final_score` differs from the computed score."
    )
    kind: str

    schedule: ClassVar[Schedule] = "line"
    measures_outcome: ClassVar[bool] = True
    """False for kinds that say work was done (milestone, checklist), not that it worked."""
    checkin_fields: ClassVar[tuple[str, ...]] = ("current",)
    """The fields a check-in changes: a commit that changes one of them is a check-in."""
    missing_hints: ClassVar[Mapping[str, str]] = {}
    """Hints for required fields that are missing, by field name."""

    @property
    def synced_from(self) -> AnySource | None:
        """Where `okr sync` fetches the value (`source:`), on the kinds that take a
        number; None where it is checked in by hand."""
        source: AnySource | None = getattr(self, "source", None)
        return source

    def effective_current(self) -> float | None:
        """The value the score is computed from (a metric's defaults to its start)."""
        return None

    def score(self) -> float:
        """0.0-1.0; see the README for the rule of each kind."""
        raise NotImplementedError

    def recorded_score(self) -> float:
        """The grade of a closed period: the recorded final score, else the computed one."""
        return self.final_score if self.final_score is not None else self.score()

    def finished(self) -> bool:
        """Whether there is nothing left to do (the period may still be running)."""
        return self.score() >= 1.0 - EPSILON

    def planned_fields(self) -> dict[str, object]:
        """The kind's own fields as the next period starts it (`okr plan`): what defines
        it stays, check-in state goes (values, done flags, judgements)."""
        return {}

    def facts(self) -> Facts:
        raise NotImplementedError

    def problems(self) -> Iterator[FieldProblem]:
        """Checks of the kind's fields that need more than one field."""
        return iter(())

    def unchanged_by(self, change: CheckinChange) -> bool:
        """Whether the check-in sets every field to the value it has already."""
        data: Any = self.model_dump()
        for path, value in change.updates:
            current = data
            for part in path:
                # `or True` is an equivalent mutant: every path a kind's checkin() writes
                # runs through mappings and lists that exist, never through None.
                current = (
                    current[part]
                    if current is not None  # pragma: no mutate: see above
                    else None
                )
            if current != value:
                return False
        return True

    def checkin(self, value: str | None, item: str | None) -> CheckinChange:
        """The change that records `value` (or checks off `item`); OkrError if it does not
        fit this kind."""
        if item is not None:
            raise OkrError(f"--item is for checklist key results; {self.id} is a {self.kind}")
        if value is None:
            raise OkrError(f"{self.id}: give the new value")
        number = parse_number(value)
        change: tuple[FieldPath, object] = (("current",), number)
        return CheckinChange((change,), show_value(self.effective_current()), show_value(number))

    @staticmethod
    def describe(facts: Facts) -> str:
        """The state in words for the progress views: `96.1 / 99.5 %`, `3/6 items`."""
        raise NotImplementedError

    @staticmethod
    def describe_change(facts: Facts) -> str:
        """The value in a diff: `96.1 / 99.5`, `done`, `3/6 items`."""
        return show_number(facts.current)


def parse_number(text: str) -> int | float:
    """A check-in value: a finite number; written as an integer when it is one."""
    try:
        value = float(text)
    except ValueError:
        raise OkrError(f"{text!r} is not a number") from None
    if value != value or value in (
        float("inf"),  # pragma: no mutate: float() reads "INF" as "inf" too (equivalent)
        float("-inf"),  # pragma: no mutate: and "-INF" as "-inf" (equivalent)
    ):
        raise OkrError(f"{text!r} is not a finite number")
    whole = value.is_integer() and "." not in text and "e" not in text.lower()
    return int(value) if whole else value


def parse_done(word: str) -> bool:
    value = DONE_WORDS.get(word.lower())
    if value is None:
        raise OkrError(f"{word!r} is not done/not-done")
    return value


def done_word(done: bool) -> str:
    return "done" if done else "not done"


def show_value(value: object) -> str:
    """A value as a commit subject shows it: as written (`97.25`, `1000000`,
    `123456789012345`), never rounded."""
    if value is None:
        return "-"
    if isinstance(value, float):
        whole = value.is_integer() and abs(value) < (
            1e21  # pragma: no mutate: mutated to 1e+21, the same number (equivalent)
        )
        return str(int(value)) if whole else repr(value)
    return str(value)
