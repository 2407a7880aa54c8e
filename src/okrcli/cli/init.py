"""`okr init`: scaffold an OKR root with a commented example for the current quarter."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from okrcli.cli.options import EXIT_USAGE, usage_error

HELP = """\
Scaffold an OKR file with a commented example for a team and quarter.

Creates `<root>/<period>/<team>.yaml`, which validates clean, and
`<root>/okr-file.schema.json` for editors. Never overwrites a file.

Examples:

  okr init --team platform

  okr init --team growth --period 2027-Q1 --root goals
"""

SCHEMA_FILENAME = "okr-file.schema.json"


def init(
    team: Annotated[
        str, typer.Option("--team", "-t", help="Team slug, e.g. platform.")
    ] = "my-team",
    period: Annotated[
        str | None,
        typer.Option(help="Period YYYY-Qn. Default: the current quarter.", show_default=False),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(help="Owner of the file. Default: your user name.", show_default=False),
    ] = None,
    root: Annotated[Path, typer.Option("--root", help="OKR root folder to create.")] = Path("okrs"),
) -> None:
    import datetime as dt
    import re

    from okrcli.model import TEAM_PATTERN
    from okrcli.periods import Period
    from okrcli.scaffold import ScaffoldExistsError, scaffold
    from okrcli.schema import schema_text

    if not re.match(TEAM_PATTERN, team):
        usage_error(f"team {team!r} is not a slug: use lower-case letters, digits and '-'")
    chosen = Period.parse(period) if period else Period.containing(dt.date.today())
    if chosen is None:
        usage_error(f"period {period!r} is not of the form YYYY-Qn, e.g. 2026-Q4")
    try:
        created = scaffold(root, team, chosen, owner or _user(), f"../{SCHEMA_FILENAME}")
    except ScaffoldExistsError as error:
        typer.echo(f"okr: error: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    (root / SCHEMA_FILENAME).write_text(schema_text(), encoding="utf-8")
    typer.echo(f"created {created}")
    typer.echo(f"next: edit it, then run `okr validate --root {root}`")


def _user() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        return "owner"
    return name or "owner"
