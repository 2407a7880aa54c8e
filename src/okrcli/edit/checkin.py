"""A check-in: set a key result's value (or confidence) in its file, as a round-trip
edit that is validated before it is written. What a value means for each kind is the
kind's own `checkin` (`okrcli.model.kinds`); committing is `okrcli.history.git`.

A check-in is drafted (`draft_check_in`: read, edit, validate; every refusal) and then
applied (`apply_check_in`) inside `okrcli.edit.atomic.edit_lock` of the OKR root, which
`okrcli.api.checkin` takes: the file is read again under the lock, so the edit lands on
what the previous check-in left. A read-only file is refused, and a symbolic link is
edited at its target when that lies inside the OKR root (the link stays a link) and
refused when it does not."""

from __future__ import annotations

from collections.abc import Sequence
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
    from okrcli.model.period import Period
    from okrcli.read.documents import Document


@dataclass(frozen=True)
class Checkin:
    key_result: str
    value: str | None = None
    confidence: float | None = None
    item: str | None = None
    period: Period | None = None
    """The period of the key result (ids are unique within a period); None where the
    id is in one period only."""


@dataclass(frozen=True)
class CheckinResult:
    file: Path
    subject: str
    """The commit subject: `okr: PLAT-1.1 96.1 -> 97.2` (`okr: PLAT-1.1 97.2
    (unchanged)` when nothing changed)."""
    unchanged: bool = False
    """Every value was already so: nothing was written."""


def find_key_result(documents: list[Document], ident: str, period: Period | None = None) -> Place:
    """The key result `ident` (of `period`, when given); OkrError with the closest ids."""
    from okrcli.base.suggest import suggest
    from okrcli.check.places import places

    found = [p for d in documents for p in places(d) if p.key_result is not None]
    for place in found:
        if place.id == ident and (period is None or place.period == period):
            return place
    close = suggest(ident, [p.id for p in found], limit=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise OkrError(f"no key result `{ident}`{hint}")


@dataclass(frozen=True)
class Draft:
    """A check-in worked out on the file as it was read, not written yet."""

    file: Path
    """The OKR file (a link stays the link: its place names the period)."""
    written: Path
    """Where the edit is read from and written to (`writable_target`)."""
    root: Path | None
    request: Checkin
    raw: bytes
    place: Place
    subject: str
    text: str
    unchanged: bool
    """Nothing to write: every value given is the file's already."""


def check_in(
    documents: list[Document], request: Checkin, *, root: Path | None = None
) -> CheckinResult:
    """Edit the file of `request.key_result` in place; raise before writing anything.
    `draft_check_in` then `apply_check_in`: call it inside `edit_lock(root)`."""
    return apply_check_in(draft_check_in(documents, request, root=root))


def draft_check_in(
    documents: list[Document], request: Checkin, *, root: Path | None = None
) -> Draft:
    """Work out the check-in on the file as it is now, writing nothing; it needs no
    lock. The refusals come from here (a read-only file, a link out of the root, a value
    the kind does not take, an edit that would make the file invalid); applying the
    draft refuses only what changed in the meantime.

    The file is read here, not taken from `documents` (they only say where the key
    result lives). `root` is the OKR root, by default the folder above the file's
    period folder. A link is read and written where it leads (`writable_target`) and
    judged where it is (its period folder is the link's)."""
    file = find_key_result(documents, request.key_result, request.period).document.file
    written = writable_target(file, root)
    return _draft(file, written, root, request, read_target(written, file))


def apply_check_in(draft: Draft) -> CheckinResult:
    """Write `draft`; call it inside `edit_lock` of the OKR root.

    The file is read again here, and what is written is always this check-in applied to
    the bytes read here (their hash guards the rename): the draft itself when the file
    is unchanged, else the check-in worked out afresh on what another check-in left."""
    return write_draft(refresh(draft))


def refresh(draft: Draft) -> Draft:
    """The check-in worked out on the file as it is now (inside the edit lock): the
    draft itself when the file is unchanged, else worked out afresh on what another
    check-in left."""
    written = writable_target(draft.file, draft.root)  # the link or the mode may have changed
    raw = read_target(written, draft.file)
    if raw != draft.raw or written != draft.written:
        return _draft(draft.file, written, draft.root, draft.request, raw)
    return draft


def write_draft(draft: Draft) -> CheckinResult:
    """Write a refreshed draft (nothing when it changes nothing); the hash of the bytes
    it was worked out on guards the rename."""
    if not draft.unchanged:
        write_atomically(draft.written, draft.text, content_hash(draft.raw))
    return CheckinResult(draft.written, draft.subject, draft.unchanged)


def check_in_text(raw: bytes, file: Path, request: Checkin) -> str:
    """The check-in applied to another version of the file (as committed, as staged);
    OkrError where it does not apply there."""
    return _draft(file, file, None, request, raw).text


def read_target(written: Path, file: Path) -> bytes:
    """The bytes of `written` (where a check-in of the OKR file `file` reads and
    writes: `writable_target`) as they are now; an OkrError when they cannot be read."""
    try:
        return written.read_bytes()
    except OSError as error:
        raise _refused(f"cannot read {file_label(file)}: {error.strerror}") from None


def _draft(file: Path, written: Path, root: Path | None, request: Checkin, raw: bytes) -> Draft:
    place = _fresh(raw, file, request)
    updates, subject = _updates(place, request)
    if not updates:
        text = raw.decode("utf-8")
        return Draft(file, written, root, request, raw, place, subject, text, True)
    text = round_trip_edit(
        raw.decode("utf-8"), lambda document: _apply(document, place.path, updates)
    )
    _validate(text, file, place.document.path)
    return Draft(file, written, root, request, raw, place, subject, text, False)


def _apply(document: Any, where: FieldPath, updates: list[tuple[FieldPath, object]]) -> None:
    """A key result's field updates, made in the round-trip document."""
    mapping = document
    for part in where:
        mapping = mapping[part]
    for path, value in updates:
        target = mapping
        for part in path[:-1]:
            target = target[part]
        if path[-1] not in target and "source" in target:
            # A first value goes above `source:`, whose block stays the last.
            target.insert(list(target).index("source"), path[-1], value)
        else:
            target[path[-1]] = value


# ---- several check-ins of one file (okr sync) -------------------------------------------


@dataclass(frozen=True)
class FileDraft:
    """Check-ins of one file worked out together, not written yet: one round-trip edit
    and one validation for the file, however many of its key results change (`okr
    sync`; drafting each alone made a file of 30 synced key results cost 60 edits)."""

    file: Path
    written: Path
    root: Path | None
    requests: tuple[Checkin, ...]
    """The check-ins that change the file."""
    raw: bytes
    text: str

    @property
    def unchanged(self) -> bool:
        return not self.requests


Outcome = OkrError | bool
"""A request's part in a file draft: it changes the file (True), or the file has its
values already (False), or the refusal that leaves it out."""


def draft_check_ins(
    file: Path, requests: Sequence[Checkin], *, root: Path | None = None
) -> tuple[FileDraft, list[Outcome]]:
    """Several check-ins of the OKR file `file` on the file as it is now, writing
    nothing: one draft of those that change it, and each request's outcome. A request
    refused (a value its kind does not take, a key result not in the file, a second
    value for one key result, an edit that would make the file invalid) leaves the
    others be; a file that cannot be edited at all (read-only, a link out of the root,
    invalid now) is an OkrError."""
    written = writable_target(file, root)
    return _draft_all(file, written, root, requests, read_target(written, file))


def refresh_file(draft: FileDraft) -> FileDraft:
    """The draft worked out again on the file as it is now (inside the edit lock): the
    draft itself when the file is unchanged; an OkrError when one of its check-ins no
    longer applies."""
    written = writable_target(draft.file, draft.root)
    raw = read_target(written, draft.file)
    if raw == draft.raw and written == draft.written:
        return draft
    fresh, outcomes = _draft_all(draft.file, written, draft.root, draft.requests, raw)
    for outcome in outcomes:
        if isinstance(outcome, OkrError):
            raise outcome
    return fresh


def write_file_draft(draft: FileDraft) -> bool:
    """Write a refreshed file draft; whether anything was written."""
    if draft.unchanged:
        return False
    write_atomically(draft.written, draft.text, content_hash(draft.raw))
    return True


def _draft_all(
    file: Path, written: Path, root: Path | None, requests: Sequence[Checkin], raw: bytes
) -> tuple[FileDraft, list[Outcome]]:
    from okrcli.read.documents import shown_path

    document = _fresh_document(raw, file)
    outcomes: list[Outcome] = []
    edits: list[tuple[FieldPath, list[tuple[FieldPath, object]]]] = []
    given: set[tuple[object, ...]] = set()
    for request in requests:
        try:
            place = _place_in(document, file, request)
            _given_once(given, place, request, file)
            updates, _ = _updates(place, request)
        except OkrError as refused:
            outcomes.append(refused)
            continue
        outcomes.append(bool(updates))
        if updates:
            edits.append((place.path, updates))
    changing = [
        request for request, outcome in zip(requests, outcomes, strict=True) if outcome is True
    ]
    if not changing:
        return FileDraft(file, written, root, (), raw, raw.decode("utf-8")), outcomes

    def change(edited: Any) -> None:
        for where, updates in edits:
            _apply(edited, where, updates)

    text = round_trip_edit(raw.decode("utf-8"), change)
    try:
        _validate(text, file, shown_path(file))
    except OkrError:
        return _without_the_invalid(file, written, root, requests, outcomes, raw)
    return FileDraft(file, written, root, tuple(changing), raw, text), outcomes


def _given_once(given: set[tuple[object, ...]], place: Place, request: Checkin, file: Path) -> None:
    """Each check-in of a file draft is worked out on the file as read, so each field of
    a key result may be given once: a second value would be judged against the one the
    first replaces (and the first would win, where one after another the last does)."""
    fields: list[tuple[object, ...]] = []
    if request.value is not None or request.item is not None:
        item = request.item.casefold() if request.item is not None else None
        fields.append((place.period, place.id, "value", item))
    if request.confidence is not None:
        fields.append((place.period, place.id, "confidence"))
    for field in fields:
        if field in given:
            what = "a value" if field[2] == "value" else "a confidence"
            raise _refused(
                f"{place.id} is given {what} twice in one draft of {file_label(file)}; "
                "nothing written",
                hint="give each key result one value (or item) and one confidence at a time",
            )
    given.update(fields)


def _without_the_invalid(
    file: Path,
    written: Path,
    root: Path | None,
    requests: Sequence[Checkin],
    outcomes: list[Outcome],
    raw: bytes,
) -> tuple[FileDraft, list[Outcome]]:
    """Together the check-ins make the file invalid: each is tried alone, those invalid
    alone are refused, and the others drafted together again."""
    changing = [index for index, outcome in enumerate(outcomes) if outcome is True]
    for index in changing:
        try:
            _draft(file, written, root, requests[index], raw)
        except OkrError as refused:
            outcomes[index] = refused
    kept = [index for index in changing if outcomes[index] is True]
    if kept == changing:
        # Each is valid alone, not together: none can be told apart; all are refused.
        error = _refused(
            "these check-ins together would make the file invalid; nothing written",
            hint="check them in one at a time: the one that breaks the file says how",
        )
        return FileDraft(file, written, root, (), raw, raw.decode("utf-8")), [
            error if outcome is True else outcome for outcome in outcomes
        ]
    draft, again = _draft_all(file, written, root, [requests[i] for i in kept], raw)
    for index, outcome in zip(kept, again, strict=True):
        outcomes[index] = outcome
    return draft, outcomes


def writable_target(file: Path, root: Path | None = None) -> Path:
    """The file that a check-in of the OKR file `file` writes, or an OkrError (exit 1).

    A symbolic link is followed to its target if that lies inside the OKR root `root`
    (by default the folder above the file's period folder): the target is edited in
    place and is returned as a path below `root`, and the link stays a link. A link
    that leads outside the root is refused. So is a file without write permission for
    its owner (`chmod u-w`), or one this user may not write (`os.access`): the mode bit
    is checked as well so that a read-only file is refused even for root, who may write
    anything."""
    import os
    import stat

    label = file_label(file)
    target = file
    if file.is_symlink():
        okr_root = (root if root is not None else file.parent.parent).absolute()
        try:
            resolved = file.resolve(strict=True)
            inside = okr_root.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
            raise _refused(f"cannot read {label}: a broken or looping link") from None
        if not resolved.is_relative_to(inside):
            raise _refused(
                f"{label} is a symbolic link to {resolved}, outside the OKR root; nothing written",
                hint="edit the file it links to, or move that file into the OKR root",
            )
        target = okr_root / resolved.relative_to(inside)
    try:
        mode = target.stat().st_mode
    except OSError as error:
        raise _refused(f"cannot read {label}: {error.strerror}") from None
    if not mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise _refused(
            f"{label} is read-only; nothing written",
            hint="make the file writable (`chmod u+w`) to check in to it",
        )
    return target


def file_label(file: Path) -> str:
    """`2026-Q4/platform.yaml`: a file as its place below the OKR root."""
    return f"{file.parent.name}/{file.name}"


def _refused(
    message: str, findings: list[Finding] | None = None, *, hint: str | None = None
) -> OkrError:
    return OkrError(message, hint, exit_code=ExitCode.FINDINGS, findings=findings or [])


def _fresh(raw: bytes, file: Path, request: Checkin) -> Place:
    """The key result as the file says now: another writer may have moved it since the
    files were loaded, and the edit must land on the right one."""
    return _place_in(_fresh_document(raw, file), file, request)


def _fresh_document(raw: bytes, file: Path) -> Document:
    from okrcli.read.documents import parse_document, shown_path

    document, findings = parse_document(raw, file, shown_path(file))
    if document is None:
        raise _refused(f"{file_label(file)} is invalid now; nothing written", findings)
    return document


def _place_in(document: Document, file: Path, request: Checkin) -> Place:
    try:
        return find_key_result([document], request.key_result, request.period)
    except OkrError:
        raise _refused(
            f"{request.key_result} is no longer in {file_label(file)}; nothing written",
            hint="another edit moved or renamed it meanwhile: check in to where it is now",
        ) from None


def _updates(place: Place, request: Checkin) -> tuple[list[tuple[FieldPath, object]], str]:
    """The field updates and the commit subject; a value the file has already is no
    update (the subject then says `unchanged`)."""
    from okrcli.model.kinds.base import show_value

    kr = place.key_result
    assert kr is not None
    updates: list[tuple[FieldPath, object]] = []
    parts: list[str] = []
    kept: list[str] = []
    if request.item is not None or request.value is not None:
        change = kr.checkin(request.value, request.item)
        if kr.unchanged_by(change):
            kept.append(change.after)
        else:
            updates.extend(change.updates)
            parts.append(f"{change.before} -> {change.after}")
    if request.confidence is not None:
        if not 0.0 <= request.confidence <= 1.0:
            raise OkrError("confidence is a number from 0.0 to 1.0")
        new = show_value(request.confidence)
        if kr.confidence == request.confidence:
            kept.append(f"confidence {new}")
        else:
            updates.append((("confidence",), request.confidence))
            parts.append(f"confidence {show_value(kr.confidence)} -> {new}")
    if not updates and not kept:
        raise OkrError("nothing to check in: give a VALUE, --item or --confidence")
    if not updates:
        return [], f"okr: {kr.id} {', '.join(kept)} (unchanged)"
    return updates, f"okr: {kr.id} " + ", ".join(parts)


def _validate(text: str, file: Path, shown: str) -> None:
    """The edited file must still load, validate and pass its own checks."""
    from okrcli.base.findings import Level
    from okrcli.check.structure import check_document
    from okrcli.read.documents import parse_document

    document, findings = parse_document(text.encode("utf-8"), file, shown)
    if document is not None:
        findings = [f for f in check_document(document) if f.level is Level.ERROR]
    if findings:
        raise _refused("the check-in would make the file invalid; nothing written", findings)
