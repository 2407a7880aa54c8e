"""Paths as the user would type them: relative to the working directory when the file is
below it (or in the same repository), else absolute. Findings and results carry absolute
paths; only renderers make them short."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path


def display_path(path: str | Path, cwd: Path | None = None) -> str:
    here = cwd or Path.cwd()
    absolute = Path(path).absolute()
    if absolute.is_relative_to(here):
        return os.path.relpath(absolute, here)
    top = _git_top_level(here)
    if top is not None and absolute.is_relative_to(top):
        return os.path.relpath(absolute, here)  # `../okrs/...`, as git shows it
    return str(absolute)


@cache
def _git_top_level(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None
