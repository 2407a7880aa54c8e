"""`okr sync`: fetch every `source:` of the period in view and check in what changed.

The sources are fetched at once (at most `sync.concurrency` of okrcli.yaml), each within
its own timeout (`okrcli.sources`). Each number becomes a check-in drafted exactly as
`okr checkin` drafts one (`okrcli.edit.checkin`: the kind's `checkin`, a round-trip edit,
validated), so comments and layout stay and a value the kind refuses is refused; the
check-ins of one file are drafted together, as one edit. The drafts are then written
under the root's edit lock, each worked out again if its file changed meanwhile, and
with `commit` committed as one commit that lists every change and its source.

A source that fails is a located finding at its `source:` line (OKR046); the others
still sync, unless `strict` (all or nothing). Nothing changed: nothing written, no
commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base.errors import ExitCode, OkrError

if TYPE_CHECKING:
    from okrcli.base.findings import Finding
    from okrcli.check.places import Place
    from okrcli.check.validation import Validation
    from okrcli.edit.checkin import FileDraft
    from okrcli.history.git import History
    from okrcli.model.period import Period
    from okrcli.model.sources import AnySource
    from okrcli.sources.runner import Fetched


@dataclass(frozen=True)
class SyncRequest:
    root: Path | None = None
    ids: tuple[str, ...] = ()
    """Key results to sync (ID or PERIOD/ID); none: every one with a source."""
    period: str | None = None
    dry_run: bool = False
    commit: bool = False
    strict: bool = False
    allow_commands: bool = False
    """`--allow-commands`: whoever runs okr sync trusts the `command:` sources of this
    checkout (the repository must enable them too)."""


class Outcome(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True)
class Synced:
    """One key result's sync: its value before and after, or the finding that says why
    there is none."""

    id: str
    period: Period
    file: Path
    source: str
    """The type of its source: `sql`, `prometheus`, `http`, `file`, `command`."""
    origin: str
    """Where the value comes from, in a few words: `sql: data/metrics.db`."""
    outcome: Outcome
    before: str | None = None
    after: str | None = None
    finding: Finding | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class SyncResult:
    period: Period
    entries: tuple[Synced, ...]
    dry_run: bool = False
    strict: bool = False
    written: tuple[Path, ...] = ()
    commit: str | None = None
    subject: str | None = None

    @property
    def failed(self) -> tuple[Synced, ...]:
        return tuple(e for e in self.entries if e.outcome is Outcome.FAILED)

    @property
    def changed(self) -> tuple[Synced, ...]:
        return tuple(e for e in self.entries if e.outcome is Outcome.CHANGED)

    @property
    def withheld(self) -> bool:
        """`--strict` and a failure: nothing was written."""
        return self.strict and bool(self.failed) and bool(self.changed) and not self.dry_run

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.FINDINGS if self.failed else ExitCode.OK


@dataclass
class Progress:
    """What the caller hears while sources are fetched (a progress bar, log lines)."""

    started: Callable[[int], None] = lambda total: None
    fetched: Callable[[Synced], None] = lambda entry: None


@dataclass(frozen=True)
class _Target:
    place: Place
    source: AnySource


def sync(request: SyncRequest, progress: Progress | None = None) -> SyncResult:
    """Fetch, draft, then (unless a dry run) write and commit; see the module."""
    from okrcli.check.validation import InvalidFilesError, validate_root
    from okrcli.history.git import History
    from okrcli.read.root import resolve_root
    from okrcli.sources.context import Context, repository_top
    from okrcli.sources.runner import run_all

    if request.commit and request.dry_run:
        raise OkrError("--dry-run writes nothing, so it commits nothing: drop --commit")
    progress = progress or Progress()
    root = resolve_root(request.root)
    assert root is not None
    validation = validate_root(root)
    if not validation.ok:
        raise InvalidFilesError(validation)
    period, targets = _targets(validation, request)
    _refuse_closed(targets, period)
    history = History(root, validation.config.calendar.calendar()) if request.commit else None
    refused = commands_refused(validation.config.sync.commands, request.allow_commands)
    context = Context(repository_top(root), commands_refused=refused)
    progress.started(len(targets))

    def heard(fetched: Fetched[_Target]) -> None:
        progress.fetched(_entry(fetched.item, fetched, None, changed=False))

    fetched = run_all(
        targets, lambda t: t.source, context, validation.config.sync.concurrency, heard
    )
    entries, drafts = _drafted(fetched, root)
    result = SyncResult(period, entries, request.dry_run, request.strict)
    if request.dry_run or not drafts or result.withheld:
        return result
    return _written(result, root, drafts, history)


def commands_refused(enabled: bool, allowed: bool) -> tuple[str, str] | None:
    """Why `command:` sources may not run (message, hint), or None where they may: both
    the repository (okrcli.yaml, where CODEOWNERS can guard it) and the person or job
    running okr sync (`--allow-commands`) must say so, so that checking out a pull
    request and running `okr sync --dry-run` never runs a program it added."""
    if not enabled:
        return (
            "command sources are off in this repository; nothing was run",
            "set `sync: {commands: true}` in okrcli.yaml if OKR files are reviewed like code",
        )
    if not allowed:
        return (
            "command sources run only with --allow-commands; nothing was run",
            "pass --allow-commands where every OKR file of this checkout is trusted "
            "(the scheduled job on the main branch), not on a pull request's files",
        )
    return None


def _targets(validation: Validation, request: SyncRequest) -> tuple[Period, list[_Target]]:
    """The period in view and its key results with a source (those named, when ids are
    given: each must exist there and have a source)."""
    from okrcli.api.progress import known_period, parse_period
    from okrcli.check.places import places
    from okrcli.edit.checkin import find_key_result
    from okrcli.model.period import in_view, split_ref
    from okrcli.score.scoring import periods_of

    calendar = validation.config.calendar.calendar()
    documents = validation.documents
    refs = [split_ref(ref, calendar) for ref in request.ids]
    asked = {p for p, _ in refs if p is not None}
    if request.period is not None:
        asked.add(known_period(documents, parse_period(request.period, calendar), request.period))
    if len(asked) > 1:
        listed = ", ".join(str(p) for p in sorted(asked))
        raise OkrError(f"okr sync syncs one period at a time, not {listed}")
    period = in_view(periods_of(documents), next(iter(asked), None), dt.date.today())
    if period is None:
        raise OkrError("no OKR files found under the OKR root; start with `okr init`")
    if refs:
        chosen = [find_key_result(documents, ident, period) for _, ident in refs]
        for place in chosen:
            _has_source(place)
    else:
        in_period = [d for d in documents if d.okr.period == period]
        chosen = [p for d in in_period for p in places(d) if p.key_result is not None]
        chosen = [p for p in chosen if p.key_result and p.key_result.synced_from is not None]
    live = [p for p in chosen if p.key_result is not None and p.key_result.dropped is None]
    unique = {(p.period, p.id): p for p in live}  # an id named twice syncs once
    return period, [_Target(p, _source(p)) for p in unique.values()]


def _source(place: Place) -> AnySource:
    assert place.key_result is not None and place.key_result.synced_from is not None
    return place.key_result.synced_from


def _has_source(place: Place) -> None:
    assert place.key_result is not None
    if place.key_result.synced_from is None:
        raise OkrError(
            f"{place.id} has no `source:`; nothing to sync",
            f"check it in by hand (`okr checkin {place.id} VALUE`), or give it a source",
        )


def _refuse_closed(targets: list[_Target], period: Period) -> None:
    closed = {t.place.document.okr.closed for t in targets} - {None}
    if closed:
        raise OkrError(
            f"{period} was closed on {min(c for c in closed if c)}: its values are final",
            f"to change them, reopen the period first: `okr reopen {period}`",
            exit_code=ExitCode.FINDINGS,
        )


def _drafted(
    fetched: list[Fetched[_Target]], root: Path
) -> tuple[tuple[Synced, ...], list[FileDraft]]:
    """Each fetched number's check-in, drafted as `okr checkin` drafts one, together
    with the others of its file (one edit, one validation for each file); a number the
    key result cannot take is a failure of its source. The entries keep the order of
    `fetched`; the drafts are those that change a file."""
    from okrcli.edit.checkin import Checkin, draft_check_ins
    from okrcli.model.kinds.base import show_value

    entries: dict[int, Synced] = {}
    by_file: dict[Path, list[int]] = {}
    for index, one in enumerate(fetched):
        if one.value is None:
            entries[index] = _entry(one.item, one, None, changed=False)
        else:
            by_file.setdefault(one.item.place.document.file, []).append(index)
    drafts = []
    for file, indexes in by_file.items():
        requests = [
            Checkin(place.id, show_value(fetched[i].value), period=place.period)
            for i in indexes
            for place in (fetched[i].item.place,)
        ]
        try:
            draft, outcomes = draft_check_ins(file, requests, root=root)
        except OkrError as not_editable:  # the file itself: read-only, a link out, invalid now
            draft, outcomes = None, [not_editable] * len(requests)
        for index, outcome in zip(indexes, outcomes, strict=True):
            refusal = outcome if isinstance(outcome, OkrError) else None
            one = fetched[index]
            entries[index] = _entry(one.item, one, refusal, changed=outcome is True)
        if draft is not None and not draft.unchanged:
            drafts.append(draft)
    return tuple(entries[index] for index in range(len(fetched))), drafts


def _entry(
    target: _Target, fetched: Fetched[_Target], refused: OkrError | None, *, changed: bool
) -> Synced:
    from dataclasses import replace

    from okrcli.model.kinds.base import show_value

    place, source = target.place, target.source
    assert place.key_result is not None
    base = Synced(
        place.id,
        place.period,
        place.document.file,
        source.kind,
        source.describe(),
        Outcome.UNCHANGED,
        before=show_value(place.key_result.effective_current()),
        seconds=fetched.seconds,
    )
    error = fetched.error or refused
    if error is not None:
        return replace(base, outcome=Outcome.FAILED, finding=_finding(target, error))
    outcome = Outcome.CHANGED if changed else Outcome.UNCHANGED
    return replace(base, outcome=outcome, after=show_value(fetched.value))


def _finding(target: _Target, error: OkrError) -> Finding:
    """The failure at the `source:` line, in the source's words."""
    from okrcli.base import codes
    from okrcli.base.findings import Finding, Level

    code = getattr(error, "code", codes.SOURCE_FAILED)
    located = target.place.at("source", on_key=True)
    details = "; ".join(f.message for f in error.findings[:3])
    message = f"{target.place.id}: {target.source.kind} source: {error.message}"
    message += f" ({details})" if details else ""
    return Finding(located, Level.ERROR, code, message, error.hint)


def _written(
    result: SyncResult, root: Path, drafts: list[FileDraft], history: History | None
) -> SyncResult:
    """Write the drafts (one for each file) under the edit lock, each worked out again
    if its file changed meanwhile (all of them before the first is written, so that a
    refusal then writes nothing); with `history`, commit them as one commit."""
    from dataclasses import replace

    from okrcli.edit.atomic import edit_lock
    from okrcli.edit.checkin import refresh_file, writable_target, write_file_draft

    with edit_lock(root):
        if history is not None:
            for draft in {d.written: d for d in drafts}.values():  # once for each file
                target = writable_target(draft.file, root)
                history.check_can_commit(target)
                _refuse_uncommitted(history, draft.file, target)
        # Every draft worked out again before any is written: a refusal now (a key
        # result removed, a file made invalid or read-only meanwhile) writes nothing.
        fresh = [refresh_file(draft) for draft in drafts]
        written: dict[Path, None] = {}
        for draft in fresh:
            # Itself, unless a write before reached its file by another path (a link).
            last = refresh_file(draft)
            if write_file_draft(last):
                written[last.written] = None
        files = tuple(written)
        if history is None or not files:
            return replace(result, written=files)
        subject, body = commit_message(result)
        sha = history.commit_files(list(files), subject, body)
    return replace(result, written=files, commit=sha, subject=subject)


def _refuse_uncommitted(history: History, file: Path, target: Path) -> None:
    """One commit holds the sync and nothing else: a file with other uncommitted
    changes is refused before anything is written. The file is read here, under the
    edit lock (`target`: where its check-ins are written), not taken from its draft:
    another writer may have edited it since, and the sync is written on what it says
    now."""
    from okrcli.edit.checkin import file_label, read_target

    head, staged = history.versions(target)
    if head is not None and (head != read_target(target, file) or staged not in (None, head)):
        raise OkrError(
            f"{file_label(file)} has uncommitted changes; nothing written",
            "commit or stash them first, or sync without --commit",
            exit_code=ExitCode.FINDINGS,
        )


def commit_message(result: SyncResult) -> tuple[str, str]:
    """`okr: sync PLAT-1.1 96.1 -> 97.2`, or `okr: sync 3 key results (2026-Q4)`; the
    body lists every change with its source, one line each."""
    changed = result.changed
    # One line each, whatever the origin holds (a command's argument may hold a line
    # break): a line of its own could pass for a trailer (`Okr-Check-in:`).
    lines = [f"{e.id} {e.before} -> {e.after} ({' '.join(e.origin.split())})" for e in changed]
    if len(changed) == 1:
        one = changed[0]
        subject = f"okr: sync {one.id} {one.before} -> {one.after}"
    else:
        subject = f"okr: sync {len(changed)} key results ({result.period})"
    return subject, "\n".join(lines)
