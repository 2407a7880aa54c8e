"""What `okr sync` did: one line per key result (old -> new, unchanged, or the failure
at its `source:` line with its hint), then a summary and the commit. User text (ids,
paths, values, origins, messages) goes through `plain`: a source's answer is untrusted
too."""

from __future__ import annotations

from okrcli.api.sync import Outcome, Synced, SyncResult
from okrcli.render.escape import json_text, plain
from okrcli.render.findings import finding_payload, text_line
from okrcli.render.formats import SyncFormat
from okrcli.render.paths import display_path
from okrcli.render.text import FORMAT_VERSION


def render_sync(result: SyncResult, output_format: SyncFormat, *, color: bool = False) -> str:
    if output_format is SyncFormat.json:
        return sync_json(result)
    return sync_text(result, color=color)


def sync_text(result: SyncResult, *, color: bool = False) -> str:
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


def sync_json(result: SyncResult) -> str:
    """The JSON contract: every key result with its outcome, the counts, what was written
    and committed. No timings: the same sync gives the same document."""
    from okrcli.check.lint.registry import code_name

    counts = dict.fromkeys(Outcome, 0)
    for entry in result.entries:
        counts[entry.outcome] += 1
    payload = {
        "format_version": FORMAT_VERSION,
        "period": str(result.period),
        "dry_run": result.dry_run,
        "strict": result.strict,
        "ok": not result.failed,
        "summary": {outcome.value: counts[outcome] for outcome in Outcome},
        "key_results": [
            {
                "id": entry.id,
                "period": str(entry.period),
                "path": display_path(entry.file),
                "source": entry.source,
                "origin": entry.origin,
                "outcome": entry.outcome.value,
                "before": entry.before,
                "after": entry.after,
                "finding": (
                    finding_payload(entry.finding, code_name) if entry.finding is not None else None
                ),
            }
            for entry in result.entries
        ],
        "written": [display_path(path) for path in result.written],
        "withheld": result.withheld,
        "commit": result.commit,
        "subject": result.subject,
    }
    return json_text(payload) + "\n"
