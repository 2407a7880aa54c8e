"""A check-in: set a key result's value (or confidence) in its file, as a round-trip
edit that is validated before it is written. Committing is `history.commit_file`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrcli.edit import EditError, content_hash, round_trip_edit, write_atomically
from okrcli.findings import Finding

if TYPE_CHECKING:
    from okrcli.checks import Place
    from okrcli.load import Document

DONE_WORDS = {"done": True, "true": True, "yes": True, "not-done": False, "false": False}
DONE_WORDS |= {"no": False, "undone": False}


class CheckinUsageError(Exception):
    """The request names nothing that exists or a value of the wrong form (exit 2)."""


class CheckinRefused(Exception):
    """The edit would break the file, or the file changed meanwhile (exit 1)."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


@dataclass(frozen=True)
class Checkin:
    key_result: str
    value: str | None = None
    confidence: float | None = None
    item: str | None = None


@dataclass(frozen=True)
class CheckinResult:
    file: Path
    path: str
    subject: str
    """The commit subject: `okr: PLAT-1.1 96.1 -> 97.2`."""


def find_key_result(documents: list[Document], ident: str) -> Place:
    from okrcli.checks import places

    found = [p for d in documents for p in places(d) if p.key_result is not None]
    for place in found:
        if place.id == ident:
            return place
    close = difflib.get_close_matches(ident, [p.id for p in found], n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise CheckinUsageError(f"no key result `{ident}`{hint}")


def check_in(documents: list[Document], request: Checkin) -> CheckinResult:
    """Edit the file of `request.key_result` in place; raise before writing anything."""
    file = find_key_result(documents, request.key_result).document.file
    raw = file.read_bytes()
    place = _fresh(raw, file, find_key_result(documents, request.key_result).document.path, request)
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
    try:
        write_atomically(file, new_text, content_hash(raw))
    except EditError as error:
        raise CheckinRefused(str(error)) from None
    return CheckinResult(file, place.document.path, subject)


def _fresh(raw: bytes, file: Path, shown: str, request: Checkin) -> Place:
    """The key result as the file says now: another writer may have moved it since the
    files were loaded, and the edit must land on the right one."""
    from okrcli.load import parse_document

    document, findings = parse_document(raw, file, shown)
    if document is None:
        raise CheckinRefused(f"{shown} is invalid now; nothing written", findings)
    try:
        return find_key_result([document], request.key_result)
    except CheckinUsageError:
        raise CheckinRefused(
            f"{request.key_result} is no longer in {shown}; nothing written"
        ) from None


Update = tuple[tuple[str | int, ...], Any]


def _updates(place: Place, request: Checkin) -> tuple[list[Update], str]:
    kr = place.key_result
    assert kr is not None
    updates: list[Update] = []
    parts: list[str] = []
    if request.item is not None or request.value is not None:
        update, before, after = _value_update(kr, request)
        updates.append(update)
        parts.append(f"{before} -> {after}")
    if request.confidence is not None:
        if not 0.0 <= request.confidence <= 1.0:
            raise CheckinUsageError("confidence is a number from 0.0 to 1.0")
        updates.append((("confidence",), request.confidence))
        old = "-" if kr.confidence is None else f"{kr.confidence:g}"
        parts.append(f"confidence {old} -> {request.confidence:g}")
    if not updates:
        raise CheckinUsageError("nothing to check in: give a VALUE, --item or --confidence")
    return updates, f"okr: {kr.id} " + ", ".join(parts)


def _value_update(kr: Any, request: Checkin) -> tuple[Update, str, str]:
    if kr.kind == "checklist":
        return _item_update(kr, request)
    if request.item is not None:
        raise CheckinUsageError(f"--item is for checklist key results; {kr.id} is a {kr.kind}")
    assert request.value is not None
    if kr.kind == "milestone":
        done = _done(request.value)
        return (("done",), done), _done_word(kr.done), _done_word(done)
    number = _number(request.value)
    before = kr.current if kr.current is not None else getattr(kr, "start", None)
    return (("current",), number), _show(before), _show(number)


def _item_update(kr: Any, request: Checkin) -> tuple[Update, str, str]:
    if request.item is None:
        raise CheckinUsageError(f"{kr.id} is a checklist: name the item with --item TITLE")
    titles = [item.title for item in kr.items]
    if request.item not in titles:
        close = difflib.get_close_matches(request.item, titles, n=1, cutoff=0.5)
        hint = f"; did you mean `{close[0]}`?" if close else f"; items: {', '.join(titles)}"
        raise CheckinUsageError(f"{kr.id} has no item `{request.item}`{hint}")
    done = _done(request.value) if request.value is not None else True
    index = titles.index(request.item)
    count = sum(item.done for item in kr.items)
    after = count - kr.items[index].done + done
    total = len(titles)
    return (
        (("items", index, "done"), done),
        f"{request.item} {_done_word(kr.items[index].done)} ({count}/{total})",
        f"{_done_word(done)} ({after}/{total})",
    )


def _done(word: str) -> bool:
    value = DONE_WORDS.get(word.lower())
    if value is None:
        raise CheckinUsageError(f"{word!r} is not done/not-done")
    return value


def _done_word(done: bool) -> str:
    return "done" if done else "not done"


def _number(text: str) -> int | float:
    try:
        value = float(text)
    except ValueError:
        raise CheckinUsageError(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise CheckinUsageError(f"{text!r} is not a finite number")
    return (
        int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value
    )


def _show(value: object) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _validate(text: str, place: Place) -> None:
    """The edited file must still load, validate and pass its own checks."""
    from okrcli.checks import check_document
    from okrcli.findings import Level
    from okrcli.load import parse_document

    document, findings = parse_document(
        text.encode("utf-8"), place.document.file, place.document.path
    )
    if document is not None:
        findings = [f for f in check_document(document) if f.level is Level.ERROR]
    if findings:
        raise CheckinRefused("the check-in would make the file invalid; nothing written", findings)
