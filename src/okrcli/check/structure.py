"""Checks of one document that the models alone cannot make: period and team match the
file's place, `aligns_to` and `standalone` exclude each other, each key result's own
field checks (by its kind), and `due` inside the period."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base import codes
from okrcli.base.findings import Finding, Level, Location
from okrcli.check.places import Place, places

if TYPE_CHECKING:
    from okrcli.read.documents import Document


def error(location: Location, code: str, message: str, hint: str | None = None) -> Finding:
    return Finding(location, Level.ERROR, code, message, hint)


def check_document(document: Document, found: list[Place] | None = None) -> list[Finding]:
    findings = list(_path_matches(document))
    for place in found if found is not None else places(document):
        if place.key_result is None:
            findings.extend(_objective_fields(place))
        else:
            findings.extend(_key_result_fields(place))
    return findings


def _path_matches(document: Document) -> Iterator[Finding]:
    okr, marks = document.okr, document.marks
    folder, stem = document.file.parent.name, document.file.stem
    if str(okr.period) != folder:
        line, col = marks.value(("period",))
        yield error(
            Location(document.path, line, col),
            codes.PATH_MISMATCH,
            f"period `{okr.period}` does not match the folder `{folder}`",
            f"move the file to a folder named `{okr.period}`, or correct `period`",
        )
    if okr.team != stem:
        line, col = marks.value(("team",))
        yield error(
            Location(document.path, line, col),
            codes.PATH_MISMATCH,
            f"team `{okr.team}` does not match the file name `{Path(document.file).name}`",
            f"rename the file to `{okr.team}{document.file.suffix}`, or correct `team`",
        )


def _objective_fields(place: Place) -> Iterator[Finding]:
    objective = place.objective
    if objective.aligns_to is not None and objective.standalone is not None:
        yield error(
            place.at("standalone", on_key=True),
            codes.ALIGNS_AND_STANDALONE,
            f"{objective.id}: has both `aligns_to` and `standalone`",
            "keep `aligns_to` if it supports a goal, else keep `standalone`",
        )


def _key_result_fields(place: Place) -> Iterator[Finding]:
    key_result = place.key_result
    assert key_result is not None
    for problem in key_result.problems():
        yield error(place.at(problem.field), problem.code, problem.message, problem.hint)
    yield from _recorded_grade(place)
    yield from _source_secrets(place)
    period = place.period
    if key_result.due is not None and not period.contains(key_result.due):
        yield error(
            place.at("due"),
            codes.DUE_OUTSIDE_PERIOD,
            f"{key_result.id}: due {key_result.due.isoformat()} is outside {period} "
            f"({period.start.isoformat()} to {period.end.isoformat()})",
            "move the date into the period, or the key result into its own period's file",
        )


def _recorded_grade(place: Place) -> Iterator[Finding]:
    """An override reason goes with the grade it explains."""
    key_result = place.key_result
    assert key_result is not None
    if key_result.override_reason is not None and key_result.final_score is None:
        yield error(
            place.at("override_reason", on_key=True),
            codes.OVERRIDE_WITHOUT_GRADE,
            f"{key_result.id}: `override_reason` without a `final_score`",
            "give the overriding `final_score`, or remove the reason",
        )


def _source_secrets(place: Place) -> Iterator[Finding]:
    """A secret written into a `source:` (a file in a pull request is public)."""
    key_result = place.key_result
    source = key_result.synced_from if key_result is not None else None
    if key_result is None or source is None:
        return
    marks = place.document.marks
    for problem in source.secret_problems():
        line, col = marks.value((*place.path, "source", *problem.where))
        yield error(
            Location(place.document.path, line, col),
            codes.LITERAL_SECRET,
            f"{key_result.id}: {problem.message}",
            problem.hint,
        )
