"""Options shared by several commands, and the small helpers every command uses."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

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
    ),
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def use_color(stream: object | None = None) -> bool:
    """Colour only for a terminal, and never with NO_COLOR set or in CI logs."""
    if os.environ.get("NO_COLOR") or os.environ.get("CI"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream or sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def usage_error(message: str) -> NoReturn:
    """Report a usage problem on stderr and exit 2."""
    typer.echo(f"okr: error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def resolve_root(explicit: Path | None, *, required: bool = True) -> Path | None:
    from okrcli.root import RootNotFoundError, find_root

    try:
        return find_root(explicit)
    except RootNotFoundError as error:
        if required or explicit is not None:
            usage_error(str(error))
        return None


def make_console() -> Console:
    """A console for tables: colour only where `use_color` allows, and user text is never
    parsed as rich markup. Piped output wraps at 80 columns unless COLUMNS says otherwise."""
    from rich.console import Console

    color = use_color()
    return Console(
        color_system="auto" if color else None,
        force_terminal=color or None,
        no_color=not color,
        markup=False,
        emoji=False,
        highlight=False,
    )


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; folders become the YAML files below them. Missing: exit 2."""
    from okrcli.load import YAML_SUFFIXES

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            usage_error(f"no such file or folder: {path}")
    return files


def no_cache(flag: bool) -> None:
    """Apply `--no-cache` before any file is read."""
    if flag:
        from okrcli import cache

        cache.disable()
