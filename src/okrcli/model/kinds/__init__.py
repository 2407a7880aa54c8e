"""The key-result kinds: one module each, and the tagged union the file format uses.

To add a kind: write its module (fields and behaviour, see `base.KeyResultBase`), add it
to `KIND_MODELS` and `KeyResult` below, and test it. Every view, check, check-in and
history reads the kind's behaviour from its class.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Tag

from okrcli.model.kinds.base import Facts, KeyResultBase
from okrcli.model.kinds.baseline import BaselineKeyResult
from okrcli.model.kinds.checklist import ChecklistItem, ChecklistKeyResult
from okrcli.model.kinds.judged import JudgedKeyResult
from okrcli.model.kinds.maintain import MaintainKeyResult
from okrcli.model.kinds.metric import MetricKeyResult
from okrcli.model.kinds.milestone import MilestoneKeyResult

DEFAULT_KIND = "metric"

KIND_MODELS: dict[str, type[KeyResultBase]] = {
    "metric": MetricKeyResult,
    "milestone": MilestoneKeyResult,
    "checklist": ChecklistKeyResult,
    "maintain": MaintainKeyResult,
    "baseline": BaselineKeyResult,
    "judged": JudgedKeyResult,
}
KR_KINDS = tuple(KIND_MODELS)


AnyKeyResult = (
    MetricKeyResult
    | MilestoneKeyResult
    | ChecklistKeyResult
    | MaintainKeyResult
    | BaselineKeyResult
    | JudgedKeyResult
)
"""Any key result, for type annotations (`KeyResult` is the validating union)."""


def _key_result_kind(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("kind", DEFAULT_KIND)
    return getattr(value, "kind", DEFAULT_KIND)


KeyResult = Annotated[
    Annotated[MetricKeyResult, Tag("metric")]
    | Annotated[MilestoneKeyResult, Tag("milestone")]
    | Annotated[ChecklistKeyResult, Tag("checklist")]
    | Annotated[MaintainKeyResult, Tag("maintain")]
    | Annotated[BaselineKeyResult, Tag("baseline")]
    | Annotated[JudgedKeyResult, Tag("judged")],
    Discriminator(
        _key_result_kind,
        custom_error_type="unknown_kind",
        custom_error_message="unknown key result kind",
    ),
]


def describe(kind: str, facts: Facts) -> str:
    """A key result's state in words for the progress views, by its kind."""
    return KIND_MODELS[kind].describe(facts)


def describe_change(kind: str, facts: Facts) -> str:
    """A key result's value in a diff, by its kind."""
    return KIND_MODELS[kind].describe_change(facts)


__all__ = [
    "KIND_MODELS",
    "KR_KINDS",
    "AnyKeyResult",
    "BaselineKeyResult",
    "ChecklistItem",
    "ChecklistKeyResult",
    "Facts",
    "JudgedKeyResult",
    "KeyResult",
    "KeyResultBase",
    "MaintainKeyResult",
    "MetricKeyResult",
    "MilestoneKeyResult",
    "describe",
    "describe_change",
]
