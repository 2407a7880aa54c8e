"""The OKR file, version 1: one team's objectives for one period. No I/O.

The models check structure and types. Checks that need positions or other files
(duplicate ids, alignment, dates inside the period) live in `okrcli.check`.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from okrcli.model.fields import ID, Day, Id, StrictModel, TeamSlug, Text
from okrcli.model.kinds import KeyResult
from okrcli.model.period import GREGORIAN, MAX_YEAR, MIN_YEAR, PERIOD_PATTERN, Period


def _period(value: Any, info: ValidationInfo) -> Period:
    """A period label, read with the root's calendar (the validation context's
    `calendar`, from okrcli.yaml): fiscal labels need a fiscal calendar."""
    calendar = (info.context or {}).get("calendar", GREGORIAN)
    if isinstance(value, Period):
        return value.with_calendar(calendar)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `period: 2027` is a year, though YAML reads a number
    if not isinstance(value, str):
        raise PydanticCustomError("string_type", "Input should be a valid string")
    parsed = Period.parse(value, calendar)
    if parsed is not None:
        return parsed
    if Period.has_form(value) and Period.is_fiscal_label(value):
        raise PydanticCustomError(
            "fiscal_calendar", "a fiscal period needs a fiscal calendar in okrcli.yaml"
        )
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

REF_PATTERN = r"^((FY[0-9]{2}|[0-9]{4})(-(H[12]|Q[1-4]))?/)?" + ID[1:]
Ref = Annotated[
    str,
    StringConstraints(pattern=REF_PATTERN),
    Field(
        description="An id, or PERIOD/ID for an objective or key result of another period "
        "(e.g. 2026-Q3/PLAT-1)."
    ),
]


class Objective(StrictModel):
    noun: ClassVar[str] = "an objective"

    id: Id
    title: Text
    owner: Text | None = Field(default=None, description="Defaults to the file owner.")
    type: Literal["committed", "aspirational"] = "aspirational"
    aligns_to: Ref | None = Field(
        default=None,
        description="Id of an objective or key result of the same period or of one that "
        "encloses it (its half or year), or PERIOD/ID.",
    )
    standalone: Text | None = Field(
        default=None, description="Why this objective aligns to nothing (instead of aligns_to)."
    )
    description: str | None = None
    carried_from: Ref | None = Field(
        default=None,
        description="The objective of an earlier period this one continues: PERIOD/ID.",
    )
    key_results: list[KeyResult] = Field(default_factory=list)
    reflection: Text | None = Field(
        default=None, description="What was learned, written when the period is closed."
    )
    decision: Literal["keep", "modify", "drop"] | None = Field(
        default=None,
        description="For the next period (`okr close`, `okr plan`): keep it, modify it, or "
        "drop it.",
    )


class OkrFile(StrictModel):
    """One team's OKRs for one period: `<root>/<period>/<team>.yaml`."""

    noun: ClassVar[str] = "the file"

    model_config = ConfigDict(title="okrcli OKR file (version 1)")

    version: Literal[1] | None = Field(default=None, description="File format version.")
    period: PeriodField = Field(
        description="2027, 2027-H1, 2027-Q1 (or FY27, FY27-H1, FY27-Q1 with a fiscal "
        "calendar); must match the folder name."
    )
    team: TeamSlug = Field(description="Team slug; must match the file name.")
    owner: Text | None = None
    description: str | None = None
    closed: Day | None = Field(
        default=None,
        description="The day the period was closed (`okr close`): its grades are final.",
    )
    objectives: list[Objective] = Field(default_factory=list)
