"""`okr sync`: fetch the values of key results that have a `source:` and check them in."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.cli.options import NoCacheOption, PeriodOption, RootOption, emit
from okrcli.render.formats import SyncFormat

if TYPE_CHECKING:
    from okrcli.api.sync import Progress

HELP = """\
Fetch the value of every key result that has a `source:` and check it in.

Sources are SQL queries, Prometheus queries, JSON over HTTP, JSON, YAML or CSV files in
the repository, and commands (only where okrcli.yaml sets `sync: {commands: true}` and with
--allow-commands).
They are fetched at once, each within its `timeout`; each new value is checked in as
`okr checkin` does it (comments and layout kept, validated, written atomically), for the
period in view (or the one of the KR_IDs given).

A source that fails (unreachable, timed out, not one number) is reported at its
`source:` line and the others still sync; the exit code is then 1. --strict writes
nothing unless every source gave its value. --dry-run shows old -> new and writes
nothing. --commit makes one commit that lists every change and its source; when nothing
changed nothing is written or committed. A progress bar shows on a terminal, plain
lines in CI.

Examples:

  okr sync --dry-run

  okr sync

  okr sync PLAT-3.1 --commit

  okr sync --strict --commit

  okr sync --dry-run --format json
"""


def sync(
    key_results: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[KR_ID]...",
            help="Only these key results (ID or PERIOD/ID). Default: every one with a source.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show old -> new; write nothing.")
    ] = False,
    commit: Annotated[
        bool, typer.Option("--commit", help="Commit the changes as one commit.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="All or nothing: write nothing if a source fails.")
    ] = False,
    allow_commands: Annotated[
        bool,
        typer.Option(
            "--allow-commands",
            help="Run `command:` sources (okrcli.yaml must enable them too). Only where "
            "every OKR file is trusted: never on a pull request's checkout.",
        ),
    ] = False,
    output_format: Annotated[
        SyncFormat, typer.Option("--format", "-f", help="Output format.")
    ] = SyncFormat.text,
    period: PeriodOption = None,
    cache_off: NoCacheOption = False,
    root: RootOption = None,
) -> None:
    from okrcli.api.sync import SyncRequest
    from okrcli.api.sync import sync as synced
    from okrcli.render.sync import render_sync
    from okrcli.render.terminal import use_color

    request = SyncRequest(
        root, tuple(key_results or ()), period, dry_run, commit, strict, allow_commands
    )
    with _progress() as progress:
        result = synced(request, progress)
    color = use_color()
    emit(render_sync(result, output_format, color=color), color=color)
    if result.exit_code:
        raise typer.Exit(int(result.exit_code))


@contextmanager
def _progress() -> Iterator[Progress]:
    """A progress bar on stderr when it is a terminal (never in CI); else one plain line
    per source as it finishes, for logs."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        with _bar() as progress:
            yield progress
        return
    yield _lines()


def _lines() -> Progress:
    from okrcli.api.sync import Progress, Synced
    from okrcli.render.sync import progress_line

    state = {"done": 0, "total": 0}

    def started(total: int) -> None:
        state["total"] = total

    def fetched(entry: Synced) -> None:
        state["done"] += 1
        typer.echo(progress_line(entry, state["done"], state["total"]), err=True)

    return Progress(started, fetched)


@contextmanager
def _bar() -> Iterator[Progress]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    from okrcli.api.sync import Progress, Synced
    from okrcli.render.escape import plain

    columns = (
        TextColumn("syncing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None)

        def started(total: int) -> None:
            bar.update(task, total=total)

        def fetched(entry: Synced) -> None:
            mark = "failed" if entry.finding is not None else "ok"
            bar.update(task, advance=1, description=plain(f"{entry.id} {mark}"))

        yield Progress(started, fetched)
