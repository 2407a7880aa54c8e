"""`okr init`: scaffold an OKR root with a commented example for the current quarter."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

HELP = """\
Scaffold an OKR file with a commented example for a team and quarter.

Creates `<root>/<period>/<team>.yaml`, which validates clean, and
`<root>/okr-file-v1.schema.json` for editors. Never overwrites a file.

Examples:

  okr init --team platform

  okr init --team growth --period 2027-Q1 --root goals
"""


def init(
    team: Annotated[
        str, typer.Option("--team", "-t", help="Team slug, e.g. platform.")
    ] = "my-team",
    period: Annotated[
        str | None,
        typer.Option(
            help="Period: 2027, 2027-H1, 2027-Q1 (FY27-Q1 with a fiscal calendar). "
            "Default: the current quarter.",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(help="Owner of the file. Default: your user name.", show_default=False),
    ] = None,
    root: Annotated[Path, typer.Option("--root", help="OKR root folder to create.")] = Path("okrs"),
) -> None:
    from okrcli.api.setup import init as scaffold

    created = scaffold(root, team, period, owner or _user())
    typer.echo(f"created {created}")
    typer.echo(f"next: edit it, then run `okr validate --root {root}`")


def _user() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        return "owner"
    return name or "owner"
