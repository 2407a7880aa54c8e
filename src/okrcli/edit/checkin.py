"""A check-in: set a key result's value (or confidence) in its file, as a round-trip
edit that is validated before it is written. What a value means for each kind is the
kind's own `checkin` (`okrcli.model.kinds`); committing is `okrcli.history.git`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrcli.base.errors import ExitCode, OkrError
from okrcli.edit.atomic import content_hash, write_atomically
from okrcli.edit.roundtrip import round_trip_edit

if TYPE_CHECKING:
    from okrcli.base.findings import Finding
    from okrcli.check.places import Place
    from okrcli.model.kinds.base import FieldPath
    from okrcli.read.documents import Document


@dataclass(frozen=True)
class Checkin:
    key_result: str
    value: str | None = None
    confidence: float | None = None
    item: str | None = None


@dataclass(frozen=True)
class CheckinResult:
    file: Path
    subject: str
    """The commit subject: `okr: PLAT-1.1 96.1 -> 97.2`."""


def find_key_result(documents: list[Document], ident: str) -> Place:
    from okrcli.base.suggest import suggest
    from okrcli.check.places import places

    found = [p for d in documents for p in places(d) if p.key_result is not None]
    for place in found:
        if place.id == ident:
            return place
    close = suggest(ident, [p.id for p in found], limit=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise OkrError(f"no key result `{ident}`{hint}")


def check_in(documents: list[Document], request: Checkin) -> CheckinResult:
    """Edit the file of `request.key_result` in place; raise before writing anything."""
    file = find_key_result(documents, request.key_result).document.file
    raw = file.read_bytes()
    place = _fresh(raw, file, request)
    updates, subject = _updates(place, request)
    where = place.path

    def change(document: Any) -> None:
        mapping = document
        for part in where:
            mapping = mapping[part]
        for path, value in updates:
            target = mapping
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = value

    new_text = round_trip_edit(raw.decode("utf-8"), change)
    _validate(new_text, place)
    write_atomically(file, new_text, content_hash(raw))
    return CheckinResult(file, subject)


def file_label(file: Path) -> str:
    """`2026-Q4/platform.yaml`: a file as its place below the OKR root."""
    return f"{file.parent.name}/{file.name}"


def _refused(message: str, findings: list[Finding] | None = None) -> OkrError:
    return OkrError(message, exit_code=ExitCode.FINDINGS, findings=findings or [])


def _fresh(raw: bytes, file: Path, request: Checkin) -> Place:
    """The key result as the file says now: another writer may have moved it since the
    files were loaded, and the edit must land on the right one."""
    from okrcli.read.documents import parse_document, shown_path

    document, findings = parse_document(raw, file, shown_path(file))
    if document is None:
        raise _refused(f"{file_label(file)} is invalid now; nothing written", findings)
    try:
        return find_key_result([document], request.key_result)
    except OkrError:
        raise _refused(
            f"{request.key_result} is no longer in {file_label(file)}; nothing written"
        ) from None


def _updates(place: Place, request: Checkin) -> tuple[list[tuple[FieldPath, object]], str]:
    kr = place.key_result
    assert kr is not None
    updates: list[tuple[FieldPath, object]] = []
    parts: list[str] = []
    if request.item is not None or request.value is not None:
        change = kr.checkin(request.value, request.item)
        updates.extend(change.updates)
        parts.append(f"{change.before} -> {change.after}")
    if request.confidence is not None:
        if not 0.0 <= request.confidence <= 1.0:
            raise OkrError("confidence is a number from 0.0 to 1.0")
        updates.append((("confidence",), request.confidence))
        old = "-" if kr.confidence is None else f"{kr.confidence:g}"
        parts.append(f"confidence {old} -> {request.confidence:g}")
    if not updates:
        raise OkrError("nothing to check in: give a VALUE, --item or --confidence")
    return updates, f"okr: {kr.id} " + ", ".join(parts)


def _validate(text: str, place: Place) -> None:
    """The edited file must still load, validate and pass its own checks."""
    from okrcli.base.findings import Level
    from okrcli.check.structure import check_document
    from okrcli.read.documents import parse_document

    document, findings = parse_document(
        text.encode("utf-8"), place.document.file, place.document.path
    )
    if document is not None:
        findings = [f for f in check_document(document) if f.level is Level.ERROR]
    if findings:
        raise _refused("the check-in would make the file invalid; nothing written", findings)
