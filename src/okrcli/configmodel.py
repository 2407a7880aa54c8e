"""Pydantic model of `<root>/okrcli.yaml`, the optional configuration file."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from okrcli.model import TeamSlug

Share = Annotated[float, Field(ge=0, le=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    noun: ClassVar[str] = "this mapping"


class StatusThresholds(_Strict):
    """How a score compares with the time line (the share of the period elapsed)."""

    noun: ClassVar[str] = "`status`"

    on_track_gap: Share = Field(
        default=0.1, description="At most this far behind the time line: on-track."
    )
    at_risk_gap: Share = Field(
        default=0.3, description="At most this far behind: at-risk; further: off-track."
    )
    stalled_after: Share = Field(
        default=0.6, description="No progress at all after this share of the period: off-track."
    )
    due_soon_days: Annotated[int, Field(ge=0)] = Field(
        default=14,
        description="Milestones and baselines not done this close to their due date: at-risk.",
    )

    @model_validator(mode="after")
    def _ordered(self) -> StatusThresholds:
        if self.at_risk_gap < self.on_track_gap:
            raise ValueError("at_risk_gap must be at least on_track_gap")
        return self


class Config(_Strict):
    """okrcli settings for one OKR root."""

    noun: ClassVar[str] = "the configuration"
    model_config = ConfigDict(title="okrcli configuration (okrcli.yaml)")

    version: int | None = Field(default=None, description="Configuration format version (1).")
    top_level_team: TeamSlug = Field(
        default="company", description="The team whose objectives the others align to."
    )
    status: StatusThresholds = Field(default_factory=StatusThresholds)
