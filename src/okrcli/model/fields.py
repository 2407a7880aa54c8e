"""The field types and the strict base model the file format is built from."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

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


def _day_from_text(value: object) -> object:
    """A date written in quotes (`"2026-12-15"`) is the date: editors and JSON Schema
    see a string there, and the schema says it is a date, so the validator agrees."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value  # an impossible date: the date type says so
    return value


Day = Annotated[dt.date, BeforeValidator(_day_from_text)]
"""A calendar day: YYYY-MM-DD, quoted or not."""
