"""The field types and the strict base model the file format is built from."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID = r"^[A-Za-z][A-Za-z0-9_.-]*$"
ID_PATTERN = ID
TEAM_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="Letters, digits, `_`, `.` and `-`, starting with a letter."),
]
Text = Annotated[str, StringConstraints(min_length=1)]
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
Share = Annotated[float, Field(allow_inf_nan=False, ge=0, le=1)]


class StrictModel(BaseModel):
    """Unknown keys are errors, types are not coerced (`"92"` is not a number), and a
    validated document never changes."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    noun: ClassVar[str] = "this mapping"
    """How error messages name a mapping of this model ("a metric key result")."""
