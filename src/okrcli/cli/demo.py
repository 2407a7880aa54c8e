"""`okr demo`: a sample repository with a quarter of check-in history."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

HELP = """\
Build a demo git repository from the bundled sample OKRs: a quarter of weekly check-in
commits by several people, with an eased target, a stale key result and a mid-period
addition. Then try status, diff, history and report on it.

Examples:

  okr demo

  okr demo /tmp/okr-demo && cd /tmp/okr-demo && okr status
"""


def demo(
    folder: Annotated[
        Path, typer.Argument(metavar="[DIR]", help="Where to create it (must be new or empty).")
    ] = Path("okr-demo"),
) -> None:
    from okrcli.api.setup import demo as build_demo

    subjects = build_demo(folder)
    typer.echo(f"created {folder} with {len(subjects)} commits. Try:\n")
    for line in (
        f"cd {folder}",
        "okr status                      # this quarter, with staleness and forecasts",
        "okr diff 2026-10-01 HEAD        # what changed since kickoff (eased targets first)",
        "okr diff 2026-Q3 2026-Q4        # quarter to quarter",
        "okr history PLAT-1.1            # one key result's check-ins",
        "okr blame PLAT-3.1              # who set its target",
        "okr lint                        # practice coaching",
        "okr report --since HEAD~5       # the CI report with recent changes",
    ):
        typer.echo(f"  {line}")
