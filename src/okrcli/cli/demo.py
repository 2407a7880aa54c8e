"""`okr demo`: a sample repository with a quarter of check-in history."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

HELP = """\
Build a demo git repository from the bundled sample OKRs: 2026-Q3 closed with its
grades, reflections and decisions (tag okr/2026-Q3), 2026-Q4 planned from it, then a
quarter of weekly check-in commits by several people, with an eased target, a dropped
and a stale key result and a mid-period addition. Then try status, diff, history and
report on it.

--before-close stops at the end of 2026-Q3, before its review: run the ritual yourself
(`okr close 2026-Q3`, `okr plan 2026-Q4`, `okr status`).

Examples:

  okr demo

  okr demo /tmp/okr-demo && cd /tmp/okr-demo && okr status

  okr demo /tmp/review --before-close && cd /tmp/review && okr close 2026-Q3
"""

_TOUR = (
    "okr status                      # this quarter, with staleness and forecasts",
    "okr status --period 2026-Q3     # last quarter: final grades and reflections",
    "okr diff 2026-10-01 HEAD        # what changed since kickoff (eased targets first)",
    "okr diff 2026-Q3 2026-Q4        # quarter to quarter",
    "okr history PLAT-1.1            # one key result's check-ins",
    "okr blame PLAT-3.1              # who set its target",
    "okr lint                        # practice coaching",
    "okr report --since HEAD~5       # the CI report with recent changes",
    "okr report -f html -o okr.html  # one page with charts, for the review meeting",
)
_RITUAL = (
    "okr status --period 2026-Q3     # the quarter that just ended",
    "okr close 2026-Q3               # grade it: reflections, decisions",
    "okr plan 2026-Q4                # start the next from the decisions",
    "okr status                      # the new quarter",
)


def demo(
    folder: Annotated[
        Path, typer.Argument(metavar="[DIR]", help="Where to create it (must be new or empty).")
    ] = Path("okr-demo"),
    before_close: Annotated[
        bool,
        typer.Option("--before-close", help="Stop before 2026-Q3 is closed: try the review."),
    ] = False,
) -> None:
    from okrcli.api.setup import demo as build_demo

    subjects = build_demo(folder, before_close=before_close)
    typer.echo(f"created {folder} with {len(subjects)} commits. Try:\n")
    for line in (f"cd {folder}", *(_RITUAL if before_close else _TOUR)):
        typer.echo(f"  {line}")
