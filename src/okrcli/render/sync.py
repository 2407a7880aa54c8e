"""What `okr sync` did: one line per key result (old -> new, unchanged, or the failure
at its `source:` line with its hint), then a summary and the commit. User text (ids,
paths, values, origins, messages) goes through `plain`: a source's answer is untrusted
too."""

from __future__ import annotations

from okrcli.api.sync import Outcome, Synced, SyncResult
from okrcli.render.escape import plain
from okrcli.render.findings import text_line
from okrcli.render.paths import display_path


def render_sync(result: SyncResult, *, color: bool = False) -> str:
    lines = [_entry_line(entry, result.dry_run, color) for entry in result.entries]
    lines.append(summary_line(result))
    if result.commit is not None and result.subject is not None:
        lines.append(f"committed {result.commit[:12]}: {plain(result.subject)}")
    return "\n".join(lines) + "\n"


def _entry_line(entry: Synced, dry_run: bool, color: bool) -> str:
    if entry.finding is not None:
        return text_line(entry.finding, color)
    shown = plain(display_path(entry.file))
    origin = plain(entry.origin)
    if entry.outcome is Outcome.CHANGED:
        change = f"{plain(entry.before or '-')} -> {plain(entry.after or '-')}"
        would = " (dry run)" if dry_run else ""
        return f"{shown}: {plain(entry.id)} {change}{would} ({origin})"
    return f"{shown}: {plain(entry.id)} {plain(entry.after or '-')} unchanged ({origin})"


def summary_line(result: SyncResult) -> str:
    """`2026-Q4: 3 sources: 1 changed, 1 unchanged, 1 failed`, and what was written."""
    total = len(result.entries)
    if not total:
        return f"{result.period}: no key result has a source to sync"
    counts = dict.fromkeys(Outcome, 0)
    for entry in result.entries:
        counts[entry.outcome] += 1
    sources = "1 source" if total == 1 else f"{total} sources"
    parts = ", ".join(f"{counts[o]} {o.value}" for o in Outcome if counts[o])
    line = f"{result.period}: {sources}: {parts}"
    if result.dry_run:
        return line + "; dry run, nothing written"
    if result.withheld:
        return line + "; --strict: nothing written"
    if not result.changed:
        return line + "; nothing to write"
    files = len(result.written)
    return line + f"; {files} file{'s' if files != 1 else ''} written"


def progress_line(entry: Synced, done: int, total: int) -> str:
    """A plain progress line for logs (CI): `[2/5] PLAT-1.1 sql: 97.2 (0.3 s)`."""
    said = (
        f"failed: {entry.finding.message.split(': ', 2)[-1]}"
        if entry.finding is not None
        else (entry.after or "-")
    )
    return (
        f"[{done}/{total}] {plain(entry.id)} {entry.source}: {plain(said)} ({entry.seconds:.1f} s)"
    )
