"""What `okr import` wrote (or, with --dry-run, would write)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrcli.render.escape import plain
from okrcli.render.paths import display_path

if TYPE_CHECKING:
    from okrcli.api.importing import ImportOutcome


def import_summary(outcome: ImportOutcome) -> str:
    lines: list[str] = []
    for imported in outcome.files:
        shown = plain(display_path(imported.file))
        if outcome.dry_run:
            lines += [f"--- {shown} (not written: --dry-run)", imported.text.rstrip("\n"), ""]
        else:
            objectives = _plural(imported.objectives, "objective")
            key_results = _plural(imported.key_results, "key result")
            lines.append(f"{shown}: {objectives}, {key_results}")
    verb = "would import" if outcome.dry_run else "imported"
    files = _plural(len(outcome.files), "file")
    lines.append(f"{verb} {_plural(outcome.rows, 'row')} into {files}")
    for problem in outcome.skipped:
        lines.append(f"  skipped row {problem.row}: {plain(problem.message)}")
    if outcome.to_fill_in:
        from okrcli.render.findings import message, where

        lines.append("to fill in (what `okr lint` asks of the new files):")
        lines += [
            f"  {plain(where(f.location))}: {f.code}: {plain(message(f))}"
            for f in outcome.to_fill_in
        ]
    return "\n".join(lines) + "\n"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
