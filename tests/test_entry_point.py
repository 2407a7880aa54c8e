"""The installed `okr` console script, run as a real subprocess (as users and hooks run it)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from okrcli import __version__
from tests.conftest import GOOD_FILE, write_files

OKR = Path(sys.executable).parent / "okr"
PLAT = "okrs/2026-Q4/platform.yaml"

# GOOD_FILE with `target:` misspelt. The key sits on line 14, indented 8 spaces, so the
# finding points at line 14, column 9 (1-based).
TYPO_LINE, TYPO_COL = 14, 9
BROKEN_FILE = GOOD_FILE.replace("        target: 99.5\n", "        taget: 99.5\n")

# Variables that would change where the root is found, colour, or error output.
_DROPPED_ENV = ("OKR_ROOT", "OKR_DEBUG", "FORCE_COLOR", "GITHUB_ACTIONS")


def okr(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [str(OKR), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture(autouse=True)
def _installed_script() -> None:
    assert OKR.is_file(), f"console script not installed at {OKR}"


def test_broken_fixture_has_the_typo_where_the_tests_expect_it() -> None:
    line = BROKEN_FILE.splitlines()[TYPO_LINE - 1]
    assert line.index("taget:") == TYPO_COL - 1
    assert BROKEN_FILE.count("taget:") == 1


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_prints_package_version(tmp_path: Path, flag: str) -> None:
    done = okr(flag, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"okr {__version__}\n"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_commands(tmp_path: Path, flag: str) -> None:
    done = okr(flag, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for command in ("validate", "schema", "init"):
        # A row of the command table: the name, two or more spaces, its help text.
        assert re.search(rf"^\W*{command}\s{{2,}}\S", done.stdout, re.MULTILINE), done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_validate_good_file_exits_0(tmp_path: Path) -> None:
    write_files(tmp_path, {PLAT: GOOD_FILE})
    done = okr("validate", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert any(line.startswith("ok: 1 file valid") for line in done.stdout.splitlines()), (
        done.stdout
    )


def test_validate_unknown_key_exits_1_with_location(tmp_path: Path) -> None:
    write_files(tmp_path, {PLAT: BROKEN_FILE})
    done = okr("validate", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    prefix = f"{PLAT}:{TYPO_LINE}:{TYPO_COL}: error[OKR021]: "
    lines = [line for line in done.stdout.splitlines() if line.startswith(prefix)]
    assert len(lines) == 1, done.stdout
    assert "`taget`" in lines[0]
    assert "Traceback" not in done.stdout + done.stderr


def test_validate_without_root_is_usage_error(tmp_path: Path) -> None:
    if any((folder / ".git").exists() for folder in (tmp_path, *tmp_path.parents)):
        pytest.skip(f"{tmp_path} is inside a git work tree; the root lookup would search it")
    done = okr("validate", cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert "okrs/" in done.stderr
    assert "Traceback" not in done.stderr


def test_validate_json_is_only_json(tmp_path: Path) -> None:
    write_files(tmp_path, {PLAT: BROKEN_FILE})
    done = okr("validate", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    document = json.loads(done.stdout)  # the whole of stdout, nothing around it
    assert document["format_version"] == 1
    assert document["ok"] is False
    unknown = [f for f in document["findings"] if f["code"] == "OKR021"]
    assert len(unknown) == 1, document["findings"]
    assert unknown[0]["path"] == PLAT
    assert (unknown[0]["line"], unknown[0]["col"]) == (TYPO_LINE, TYPO_COL)
    assert unknown[0]["level"] == "error"
