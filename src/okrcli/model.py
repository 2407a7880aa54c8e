"""Pydantic models of the OKR file format, version 1. No I/O.

The models check structure and types. Rules that need positions or other files
(duplicate ids, alignment, dates inside the period) live in `okrcli.checks`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*$"
PERIOD_PATTERN = r"^[0-9]{4}-Q[1-4]$"
TEAM_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="Letters, digits, `_`, `.` and `-`, starting with a letter."),
]
Text = Annotated[str, StringConstraints(min_length=1)]
Period = Annotated[str, StringConstraints(pattern=PERIOD_PATTERN)]
TeamSlug = Annotated[str, StringConstraints(pattern=TEAM_PATTERN)]
# Finite and bounded, so that no score computation can overflow to inf or nan.
MAX_MAGNITUDE = 1e15
Number = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
Weight = Annotated[
    float,
    Field(
        allow_inf_nan=False,
        gt=0,
        le=1000,
        description="Relative weight in the objective score, above 0 and at most 1000.",
    ),
]
Confidence = Annotated[float, Field(allow_inf_nan=False, ge=0, le=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    noun: ClassVar[str] = "this mapping"
    """How error messages name a mapping of this model ("a metric key result")."""


class _KeyResultBase(_Strict):
    id: Id
    title: Text
    weight: Weight = 1.0
    confidence: Confidence | None = Field(
        default=None, description="Forward-looking belief, 0.0-1.0; never part of the score."
    )
    owner: Text | None = Field(default=None, description="Defaults to the objective owner.")
    due: dt.date | None = Field(
        default=None, description="Within the period; defaults to the period end."
    )
    description: str | None = None


class MetricKeyResult(_KeyResultBase):
    """Moves a number from `start` to `target` (downwards when target < start)."""

    noun: ClassVar[str] = "a metric key result"

    kind: Literal["metric"] = "metric"
    start: Number
    target: Number
    current: Number | None = Field(default=None, description="Defaults to `start`.")
    unit: str | None = None


class MilestoneKeyResult(_KeyResultBase):
    """Done or not done."""

    noun: ClassVar[str] = "a milestone key result"

    kind: Literal["milestone"]
    done: bool = False


class ChecklistItem(_Strict):
    noun: ClassVar[str] = "a checklist item"

    title: Text
    done: bool = False


class ChecklistKeyResult(_KeyResultBase):
    """Scored as the share of items done."""

    noun: ClassVar[str] = "a checklist key result"

    kind: Literal["checklist"]
    items: Annotated[list[ChecklistItem], Field(min_length=1)]


class MaintainKeyResult(_KeyResultBase):
    """Holds `current` inside a band given by `min` and/or `max`."""

    noun: ClassVar[str] = "a maintain key result"

    kind: Literal["maintain"]
    min: Number | None = None
    max: Number | None = None
    current: Number | None = None
    unit: str | None = None


class BaselineKeyResult(_KeyResultBase):
    """Done once a first value is recorded in `current`."""

    noun: ClassVar[str] = "a baseline key result"

    kind: Literal["baseline"]
    current: Number | None = None
    unit: str | None = None


KEY_RESULT_MODELS: dict[str, type[_KeyResultBase]] = {
    "metric": MetricKeyResult,
    "milestone": MilestoneKeyResult,
    "checklist": ChecklistKeyResult,
    "maintain": MaintainKeyResult,
    "baseline": BaselineKeyResult,
}
KR_KINDS = tuple(KEY_RESULT_MODELS)


def _key_result_kind(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("kind", "metric")
    return getattr(value, "kind", "metric")


KeyResult = Annotated[
    Annotated[MetricKeyResult, Tag("metric")]
    | Annotated[MilestoneKeyResult, Tag("milestone")]
    | Annotated[ChecklistKeyResult, Tag("checklist")]
    | Annotated[MaintainKeyResult, Tag("maintain")]
    | Annotated[BaselineKeyResult, Tag("baseline")],
    Discriminator(
        _key_result_kind,
        custom_error_type="unknown_kind",
        custom_error_message="unknown key result kind",
    ),
]


class Objective(_Strict):
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


class OkrFile(_Strict):
    """One team's OKRs for one period: `<root>/<period>/<team>.yaml`."""

    noun: ClassVar[str] = "the file"

    model_config = ConfigDict(title="okrcli OKR file (version 1)")

    version: Literal[1] | None = Field(default=None, description="File format version.")
    period: Period = Field(description="YYYY-Qn; must match the folder name.")
    team: TeamSlug = Field(description="Team slug; must match the file name.")
    owner: Text | None = None
    description: str | None = None
    objectives: list[Objective] = Field(default_factory=list)


AnyKeyResult = (
    MetricKeyResult
    | MilestoneKeyResult
    | ChecklistKeyResult
    | MaintainKeyResult
    | BaselineKeyResult
)
