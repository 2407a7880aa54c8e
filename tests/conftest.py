"""Shared fixtures: temporary OKR roots, real git repositories, the CLI runner."""

from __future__ import annotations

import os

# Tests parse thousands of generated files: the cache of parsed files stays off except
# where tests/test_cache.py turns it on in a folder of its own.
os.environ["OKR_NO_CACHE"] = "1"

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from okrcli.cli.app import app

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ROOT = PROJECT_ROOT / "okrs"

# A pinned identity and clock make commits deterministic, whatever the machine's config.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.com",
    "GIT_COMMITTER_NAME": "Test Committer",
    "GIT_COMMITTER_EMAIL": "committer@example.com",
    "GIT_AUTHOR_DATE": "2026-10-01T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-10-01T12:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
}

GOOD_FILE = """\
# Platform OKRs
period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: PLAT-1
    title: Make deploys boringly reliable
    type: committed
    standalone: Reliability is our own bar this quarter.
    key_results:
      - id: PLAT-1.1
        title: Raise deploy success rate
        start: 92
        target: 99.5
        current: 96.1
        unit: "%"
      - id: PLAT-1.2
        title: Publish the on-call runbook
        kind: milestone
        done: false
        due: 2026-12-15
"""


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path -> text) below `root` and return the root."""
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


@dataclass
class Cli:
    runner: CliRunner
    cwd: Path

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
        """Run `okr ARGS` in `cwd`; returns (exit code, stdout)."""
        result = self.run(*args, env=env)
        return result.exit_code, result.stdout

    def run(
        self, *args: str, env: dict[str, str] | None = None, input: str | None = None
    ) -> Result:
        """Run `okr ARGS` in `cwd`; the whole result (stderr too)."""
        old = Path.cwd()
        os.chdir(self.cwd)
        try:
            return self.runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)
        finally:
            os.chdir(old)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    for variable in ("OKR_ROOT", "FORCE_COLOR", "GITHUB_ACTIONS"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return Cli(CliRunner(), tmp_path)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def init_repo(repo: Path) -> Path:
    """A new, empty git repository at `repo` with the tests' identity and no signing."""
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", GIT_ENV["GIT_AUTHOR_NAME"])
    git(repo, "config", "user.email", GIT_ENV["GIT_AUTHOR_EMAIL"])
    git(repo, "config", "commit.gpgsign", "false")
    return repo


@pytest.fixture
def git_repo(tmp_path: Path) -> Iterator[Path]:
    yield init_repo(tmp_path / "repo")
