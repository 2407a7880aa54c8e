"""`okr import FILE`: OKR files from a spreadsheet (CSV or Excel)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from okrcli.base.errors import OkrError
from okrcli.cli.options import RootOption, emit

HELP = """\
Turn a spreadsheet of objectives and key results (one row per key result) into OKR
files, one per team and period, that validate.

Columns are found by their headers and the usual synonyms (objective/goal, key result/KR,
start/baseline, target, current/actual, unit, due/deadline, confidence, owner, team,
period/quarter, done, % complete); --map names the others. Values are read as typed:
45%, 1,200, $40, 2026-12-15, 12/15/2026. A start and a target make a metric, done/not
done a milestone, a % complete a metric from 0 to 100 %. Ids are numbered per team
(platform: PLAT-1, PLAT-1.1). Nothing is written unless every row is understood
(--skip-bad imports the others), and no existing file is overwritten. Reading .xlsx needs
the xlsx extra (pip install 'okrcli[xlsx]').

Examples:

  okr import okrs.csv --period 2026-Q4 --dry-run

  okr import q4.xlsx --team platform --period 2026-Q4

  okr import export.csv --map "Goal Name=objective" --team sales --skip-bad
"""


def import_sheet(
    source: Annotated[
        Path, typer.Argument(metavar="FILE", help="The spreadsheet: .csv or .xlsx.", dir_okay=False)
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period", "-p", help="The period of rows that name none.", show_default=False
        ),
    ] = None,
    team: Annotated[
        str | None,
        typer.Option("--team", "-t", help="The team of rows that name none.", show_default=False),
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="COLUMN=FIELD", help="A header and the field it holds."),
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Import the rows understood; list the others.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the files; write nothing.")
    ] = False,
    root: RootOption = None,
) -> None:
    from okrcli.api.importing import ImportRequest
    from okrcli.api.importing import import_sheet as run_import
    from okrcli.render.importing import import_summary

    request = ImportRequest(source, root, period, team, _mapping(mapping or []), skip_bad, dry_run)
    emit(import_summary(run_import(request)))


def _mapping(pairs: list[str]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        header, equals, name = pair.rpartition("=")
        if not equals or not header.strip() or not name.strip():
            raise OkrError(f"--map {pair!r}: expected COLUMN=FIELD", "e.g. --map 'Goal=objective'")
        found[header.strip()] = name.strip()
    return found
