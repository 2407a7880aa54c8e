"""Options shared by several commands, and the small helpers every command uses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from okrcli.base.errors import OkrError


def _disable_cache(flag: bool) -> bool:
    """`--no-cache`: applied while the options are parsed, before any file is read."""
    if flag:
        from okrcli.read import cache

        cache.disable()
    return flag


RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="OKR root folder. Default: $OKR_ROOT, else ./okrs, else okrs/ at the git top level.",
        show_default=False,
        file_okay=False,
    ),
]

PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Files or folders to check (default: the whole OKR root).", show_default=False
    ),
]

QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only findings, no summary.")
]

NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Parse every file afresh (the cache of parsed files is keyed by content).",
        callback=_disable_cache,
    ),
]

PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        help="Period: 2027, 2027-H1, 2027-Q1 (FY27-Q1 with a fiscal calendar). "
        "Default: the one running on --as-of (today), else the latest.",
        show_default=False,
    ),
]
TeamOption = Annotated[
    str | None, typer.Option("--team", "-t", help="Only this team.", show_default=False)
]
OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner", help="Only objectives and key results this person owns.", show_default=False
    ),
]
AsOfOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        help="As of this day (YYYY-MM-DD): the files as they were at that day's last "
        "commit, judged on that day. Default: today and the working tree.",
        show_default=False,
    ),
]
NoHistoryOption = Annotated[
    bool,
    typer.Option(
        "--no-history",
        help="Read no git history (staleness, forecasts, time in band); with --as-of, "
        "judge today's files as of that day.",
    ),
]


def day(as_of: dt.datetime | None) -> dt.date | None:
    return as_of.date() if as_of is not None else None


def emit(text: str, *, color: bool = False) -> None:
    """Write a rendered view to stdout, as it is."""
    typer.echo(text, nl=False, color=color)


def write_output(path: Path, text: str) -> None:
    """`--output FILE`: the view written to FILE at once (atomically), and a line on
    stderr saying so."""
    from okrcli.edit.atomic import write_replacing
    from okrcli.render.escape import plain

    write_replacing(path, text)
    typer.echo(plain(f"wrote {path}"), err=True)


def warn(warnings: list[str]) -> None:
    """What the reader must know about the data behind a view, on stderr."""
    from okrcli.render.escape import plain

    for line in warnings:
        typer.echo(f"okr: warning: {plain(line)}", err=True)


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; folders become the YAML files below them. Missing: exit 2."""
    from okrcli.read.files import YAML_SUFFIXES

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            raise OkrError(f"no such file or folder: {path}")
    return files
