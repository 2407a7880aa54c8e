"""System programs some tests need (a browser, database and metrics servers, tmux).

Locally a missing program skips its tests with a reason that says how to install it;
in CI (`.ci/run` sets OKR_SYSTEM_TESTS=required after installing them) a missing
program fails the test, so a CI run can never pass by skipping them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REQUIRED = os.environ.get("OKR_SYSTEM_TESTS") == "required"


def find_program(*names: str, patterns: tuple[str, ...] = ()) -> str | None:
    """The first of `names` on PATH, else the newest file matching one of the absolute
    glob `patterns` (such as PostgreSQL's versioned /usr/lib/postgresql/*/bin/initdb)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    for pattern in patterns:
        matches = sorted(Path("/").glob(pattern.lstrip("/")))
        if matches:
            return str(matches[-1])
    return None


def require_program(*names: str, package: str, patterns: tuple[str, ...] = ()) -> str:
    """The path of a program the calling test needs; skips (or fails in CI) when absent."""
    found = find_program(*names, patterns=patterns)
    if found is not None:
        return found
    reason = f"{names[0]} is not installed (Debian: apt-get install {package})"
    if REQUIRED:
        pytest.fail(f"{reason}; OKR_SYSTEM_TESTS=required, so this test must run")
    pytest.skip(reason)
