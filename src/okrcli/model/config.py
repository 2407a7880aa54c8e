"""Pydantic model of `<root>/okrcli.yaml`, the optional configuration file."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field, model_validator

from okrcli.model.fields import Share, StrictModel, TeamSlug
from okrcli.model.period import Calendar


class StatusThresholds(StrictModel):
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
    stale_after_days: Annotated[int, Field(ge=1)] = Field(
        default=14,
        description="A key result not checked in for longer than this is outdated.",
    )

    @model_validator(mode="after")
    def _ordered(self) -> StatusThresholds:
        if self.at_risk_gap < self.on_track_gap:
            raise ValueError("at_risk_gap must be at least on_track_gap")
        return self


RuleLevel = Literal["error", "warning", "info", "off"]
Count = Annotated[int, Field(ge=0)]


class LintLimits(StrictModel):
    """The numbers the practice rules compare against."""

    noun: ClassVar[str] = "`lint.limits`"

    max_objectives: Count = Field(default=3, description="Objectives per team and period.")
    max_objectives_top_level: Count = Field(
        default=5, description="Objectives of the top-level team per period."
    )
    min_key_results: Count = Field(default=2, description="Key results per objective, at least.")
    max_key_results: Count = Field(default=5, description="Key results per objective, at most.")
    max_objective_words: Count = Field(default=18, description="Words in an objective title.")
    min_standalone_words: Count = Field(default=3, description="Words in a `standalone` reason.")
    committed_min_confidence: Share = Field(
        default=0.7, description="Below this, a committed objective's key result is doubtful."
    )
    sandbagging_confidence: Share = Field(
        default=0.9, description="Above this average, an aspirational objective is too safe."
    )


class LintSettings(StrictModel):
    noun: ClassVar[str] = "`lint`"

    strict: bool = Field(default=False, description="Raise every warning to an error.")
    rules: dict[str, RuleLevel] = Field(
        default_factory=dict,
        description="Level per rule, by code or name: error, warning, info or off.",
    )
    limits: LintLimits = Field(default_factory=LintLimits)


class CalendarSettings(StrictModel):
    """A fiscal calendar, for period labels such as FY27-Q1."""

    noun: ClassVar[str] = "`calendar`"

    fiscal_year_start: Annotated[int, Field(ge=1, le=12)] | None = Field(
        default=None, description="The month (1-12) a fiscal year starts in."
    )
    fiscal_year_named_by: Literal["end", "start"] = Field(
        default="end",
        description="Name a fiscal year after the calendar year it ends in (FY21 = "
        "Feb 2020 to Jan 2021 with a February start) or begins in.",
    )

    def calendar(self) -> Calendar:
        return Calendar(self.fiscal_year_start, self.fiscal_year_named_by)


class SyncSettings(StrictModel):
    """What `okr sync` may do: key results' `source:` arrive in pull requests, so the
    sources that run programs are off unless the repository turns them on here."""

    noun: ClassVar[str] = "`sync`"

    commands: bool = Field(
        default=False,
        description="Run `command:` sources (programs named in OKR files). Turn on only "
        "where every change to OKR files is reviewed like code.",
    )
    concurrency: Annotated[int, Field(ge=1, le=16)] = Field(
        default=4, description="Sources fetched at once, 1-16."
    )


class Config(StrictModel):
    """okrcli settings for one OKR root."""

    noun: ClassVar[str] = "the configuration"
    model_config = ConfigDict(title="okrcli configuration (okrcli.yaml)")

    version: int | None = Field(default=None, description="Configuration format version (1).")
    top_level_team: TeamSlug = Field(
        default="company", description="The team whose objectives the others align to."
    )
    status: StatusThresholds = Field(default_factory=StatusThresholds)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    lint: LintSettings = Field(default_factory=LintSettings)
    sync: SyncSettings = Field(default_factory=SyncSettings)
