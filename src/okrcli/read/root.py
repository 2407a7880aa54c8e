"""Finding the OKR root: `--root`, then `OKR_ROOT`, then `okrs/` here or at the git top level."""

from __future__ import annotations

import os
from pathlib import Path

from okrcli.base.errors import OkrError

DEFAULT_DIRNAME = "okrs"
ENV_VAR = "OKR_ROOT"


class RootNotFoundError(OkrError):
    """No OKR root could be found; a usage error (exit 2)."""


def find_root(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    here = cwd or Path.cwd()
    chosen = explicit or _from_env()
    if chosen is not None:
        resolved = chosen if chosen.is_absolute() else here / chosen
        if not resolved.is_dir():
            raise RootNotFoundError(f"OKR root {chosen} is not a directory")
        return resolved
    local = here / DEFAULT_DIRNAME
    if local.is_dir():
        return local
    top = git_top_level(here)
    if top is not None and (top / DEFAULT_DIRNAME).is_dir():
        return top / DEFAULT_DIRNAME
    raise RootNotFoundError(
        f"no `{DEFAULT_DIRNAME}/` folder here or at the git top level; "
        f"pass --root PATH, set {ENV_VAR}, or run `okr init`"
    )


def _from_env() -> Path | None:
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value) if value else None


def git_top_level(start: Path) -> Path | None:
    """The enclosing work tree's top, found without starting git (this runs on every call)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def resolve_root(explicit: Path | None, *, required: bool = True) -> Path | None:
    """`find_root`, or None where no root is needed (files named on the command line)
    and none was asked for."""
    try:
        return find_root(explicit)
    except RootNotFoundError:
        if required or explicit is not None:
            raise
        return None
