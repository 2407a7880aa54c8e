"""The OKR file, version 1: one team's objectives for one period. No I/O.

The models check structure and types. Checks that need positions or other files
(duplicate ids, alignment, dates inside the period) live in `okrcli.check`.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from okrcli.model.fields import Id, StrictModel, TeamSlug, Text
from okrcli.model.kinds import KeyResult
from okrcli.model.period import MAX_YEAR, MIN_YEAR, PERIOD_PATTERN, Period


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    parsed = Period.parse(value)
    if parsed is not None:
        return parsed
    if Period.has_form(value):
        raise PydanticCustomError(
            "period_range",
            "a period's year is from {low} to {high}",
            {"low": MIN_YEAR, "high": MAX_YEAR},
        )
    raise PydanticCustomError(
        "string_pattern_mismatch",
        "String should match pattern '{pattern}'",
        {"pattern": PERIOD_PATTERN},
    )


PeriodField = Annotated[
    Period,
    PlainValidator(_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": PERIOD_PATTERN}),
]


class Objective(StrictModel):
    noun: ClassVar[str] = "an objective"

    id: Id
    title: Text
    owner: Text | None = Field(default=None, description="Defaults to the file owner.")
    type: Literal["committed", "aspirational"] = "aspirational"
    aligns_to: Id | None = Field(
        default=None, description="Id of an objective or key result of the same period."
    )
    standalone: Text | None = Field(
        default=None, description="Why this objective aligns to nothing (instead of aligns_to)."
    )
    description: str | None = None
    carried_from: Id | None = Field(
        default=None,
        description="Id of the objective of an earlier period this one continues.",
    )
    key_results: list[KeyResult] = Field(default_factory=list)


class OkrFile(StrictModel):
    """One team's OKRs for one period: `<root>/<period>/<team>.yaml`."""

    noun: ClassVar[str] = "the file"

    model_config = ConfigDict(title="okrcli OKR file (version 1)")

    version: Literal[1] | None = Field(default=None, description="File format version.")
    period: PeriodField = Field(description="YYYY-Qn; must match the folder name.")
    team: TeamSlug = Field(description="Team slug; must match the file name.")
    owner: Text | None = None
    description: str | None = None
    objectives: list[Objective] = Field(default_factory=list)
