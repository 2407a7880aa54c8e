"""Closing and reopening a period, as round-trip edits of its files.

Closing records, in every file of the period: the close date (`closed:` above
`objectives:`), each key result's final score (the computed one, rounded to two places,
or an override with its reason), and each objective's reflection and decision for the
next period (keep, modify, drop; by default keep what was not achieved). Only lines are
added: comments and layout stay. Every file is edited and validated before any is
written; then they are written atomically. Reopening removes `closed:` and the recorded
scores that were computed (overrides are judgements: they stay).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from okrcli.base.errors import ExitCode, OkrError
from okrcli.edit.atomic import content_hash, write_atomically
from okrcli.edit.roundtrip import append_key, prose, remove_key, round_trip_edit

if TYPE_CHECKING:
    from okrcli.model.kinds import KeyResultBase
    from okrcli.model.okr_file import Objective
    from okrcli.model.period import Period
    from okrcli.read.documents import Document

Decision = Literal["keep", "modify", "drop"]
DECISIONS: tuple[Decision, ...] = ("keep", "modify", "drop")


@dataclass(frozen=True)
class Closing:
    """What `okr close` records: overrides, reflections and decisions by id."""

    period: Period
    day: dt.date
    grades: Mapping[str, float] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)
    reflections: Mapping[str, str] = field(default_factory=dict)
    decisions: Mapping[str, Decision] = field(default_factory=dict)


@dataclass(frozen=True)
class FileEdit:
    file: Path
    raw: bytes
    text: str


@dataclass(frozen=True)
class Closed:
    edits: list[FileEdit]
    score: float | None
    """The period's score from the recorded grades."""
    without_reflection: list[str]
    decisions: dict[str, Decision]
    objective_scores: dict[str, float]
    """Each objective's score from the recorded grades."""


def close(documents: list[Document], closing: Closing) -> Closed:
    """The edits that close the period of `documents` (its files); nothing is written.
    OkrError for an override or reason naming no key result, a reason without an
    override, or an edit that would make a file invalid."""
    _check_names(documents, closing)
    edits, decisions, missing, scores = [], {}, [], {}
    for document in documents:
        raw = document.file.read_bytes()
        plan = _plan_document(document, closing)
        decisions.update(plan.decisions)
        missing += plan.without_reflection
        scores.update(plan.objective_scores)
        text = round_trip_edit(raw.decode("utf-8"), plan.apply)
        validate_edit(text, document)
        edits.append(FileEdit(document.file, raw, text))
    score = sum(scores.values()) / len(scores) if scores else None
    return Closed(edits, score, missing, decisions, scores)


def reopen(documents: list[Document]) -> list[FileEdit]:
    """The edits that remove the closed state of the period of `documents`."""
    edits = []
    for document in documents:
        raw = document.file.read_bytes()

        def change(data: Any, document: Document = document) -> None:
            remove_key(data, "closed")
            for o_index, objective in enumerate(document.okr.objectives):
                for k_index, key_result in enumerate(objective.key_results):
                    if key_result.final_score is not None and key_result.override_reason is None:
                        remove_key(
                            data["objectives"][o_index]["key_results"][k_index], "final_score"
                        )

        text = round_trip_edit(raw.decode("utf-8"), change)
        validate_edit(text, document)
        edits.append(FileEdit(document.file, raw, text))
    return edits


def check_unchanged(edits: list[FileEdit]) -> None:
    """OkrError if a file changed since its edit was made: then nothing is written."""
    for edit in edits:
        if edit.file.read_bytes() != edit.raw:
            raise OkrError(
                f"{edit.file.parent.name}/{edit.file.name} changed while it was being "
                "edited; nothing written",
                "run the command again",
                exit_code=ExitCode.FINDINGS,
            )


def write_all(edits: list[FileEdit]) -> None:
    """Write every edit atomically (each refused if its file changed since it was read)."""
    for edit in edits:
        write_atomically(edit.file, edit.text, content_hash(edit.raw))


# ---- what a file records --------------------------------------------------------------


@dataclass
class _DocumentPlan:
    grades: list[list[tuple[float, str | None] | None]]
    """Per objective, per key result: the final score and the override reason (None
    for a dropped key result: it has no grade)."""
    reflections: list[str | None]
    decision_list: list[Decision]
    day: dt.date
    decisions: dict[str, Decision] = field(default_factory=dict)
    without_reflection: list[str] = field(default_factory=list)
    objective_scores: dict[str, float] = field(default_factory=dict)

    def apply(self, data: Any) -> None:
        _insert_before(data, "objectives", "closed", self.day)
        for o_index, objective in enumerate(data["objectives"]):
            reflection = self.reflections[o_index]
            if reflection is not None:
                _insert_before(objective, "key_results", "reflection", prose(reflection))
            _insert_before(objective, "key_results", "decision", self.decision_list[o_index])
            for k_index, grade in enumerate(self.grades[o_index]):
                if grade is None:
                    continue
                final, reason = grade
                key_result = objective["key_results"][k_index]
                append_key(key_result, "final_score", final)
                if reason is not None:
                    append_key(key_result, "override_reason", prose(reason))


def _plan_document(document: Document, closing: Closing) -> _DocumentPlan:
    plan = _DocumentPlan([], [], [], closing.day)
    for objective in document.okr.objectives:
        grades = [
            _grade(kr, closing) if kr.dropped is None else None for kr in objective.key_results
        ]
        plan.grades.append(grades)
        counted = [
            (grade[0], kr.weight)
            for kr, grade in zip(objective.key_results, grades, strict=True)
            if grade is not None
        ]
        total = sum(weight for _, weight in counted)
        score = sum(final * weight for final, weight in counted) / total if total else 0.0
        plan.objective_scores[objective.id] = score
        given = closing.reflections.get(objective.id)
        plan.reflections.append(given)  # None: leave the file's reflection as it is
        if given is None and objective.reflection is None:
            plan.without_reflection.append(objective.id)
        decision = closing.decisions.get(objective.id) or objective.decision
        decision = decision or _default_decision(objective, score)
        plan.decision_list.append(decision)
        plan.decisions[objective.id] = decision
    return plan


def _grade(key_result: KeyResultBase, closing: Closing) -> tuple[float, str | None]:
    """The final score to record: an override given now or before, else the computed."""
    if key_result.id in closing.grades:
        return closing.grades[key_result.id], closing.reasons[key_result.id]
    if key_result.final_score is not None and key_result.override_reason is not None:
        return key_result.final_score, key_result.override_reason
    return round(key_result.score(), 2), None


def _default_decision(objective: Objective, score: float) -> Decision:
    """Keep what was not achieved (committed 1.0, aspirational 0.7); drop what was."""
    bar = 1.0 if objective.type == "committed" else 0.7
    return "drop" if score >= bar - 1e-9 else "keep"


def _insert_before(mapping: Any, anchor: str, key: str, value: object) -> None:
    """Set `key` in a round-trip mapping, placed just before `anchor` when it is new."""
    if key in mapping:
        mapping[key] = value
        return
    if anchor not in mapping:
        append_key(mapping, key, value)
        return
    mapping.insert(list(mapping).index(anchor), key, value)


def _check_names(documents: list[Document], closing: Closing) -> None:
    key_results = {kr.id for d in documents for o in d.okr.objectives for kr in o.key_results}
    objectives = {o.id for d in documents for o in d.okr.objectives}
    for ident in [*closing.grades, *closing.reasons]:
        if ident not in key_results:
            raise OkrError(f"--grade/--reason: no key result `{ident}` in {closing.period}")
    for ident in [*closing.reflections, *closing.decisions]:
        if ident not in objectives:
            raise OkrError(f"--reflection/--decision: no objective `{ident}` in {closing.period}")
    for ident in closing.grades:
        if ident not in closing.reasons:
            raise OkrError(
                f"--grade {ident}=... needs a reason",
                f'a grade is a judgement: add --reason {ident}="why"',
            )
    for ident in closing.reasons:
        if ident not in closing.grades:
            raise OkrError(f"--reason {ident} without --grade {ident}=SCORE")
    for ident, grade in closing.grades.items():
        if not 0.0 <= grade <= 1.0:
            raise OkrError(f"--grade {ident}={grade:g}: a grade is from 0.0 to 1.0")


def validate_edit(text: str, document: Document) -> None:
    """The edited file must still load, validate and pass its own checks."""
    from okrcli.base.findings import Level
    from okrcli.check.structure import check_document
    from okrcli.read.documents import parse_document

    edited, findings = parse_document(
        text.encode("utf-8"), document.file, document.path, document.okr.period.calendar
    )
    if edited is not None:
        findings = [f for f in check_document(edited) if f.level is Level.ERROR]
    if findings:
        raise OkrError(
            f"the edit would make {document.file.parent.name}/{document.file.name} invalid; "
            "nothing written",
            exit_code=ExitCode.FINDINGS,
            findings=findings,
        )
