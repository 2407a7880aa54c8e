"""The pre-commit hook this project publishes: its manifest, and a real `pre-commit try-repo`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GIT_ENV, GOOD_FILE, PROJECT_ROOT, git, write_files

PLAT = "okrs/2026-Q4/platform.yaml"
PRE_COMMIT = (sys.executable, "-m", "pre_commit")

# GOOD_FILE with `target:` misspelt: the key is on line 14 after 8 spaces -> 14:9.
TYPO_LINE, TYPO_COL = 14, 9
BROKEN_FILE = GOOD_FILE.replace("        target: 99.5\n", "        taget: 99.5\n")

# Variables that would leak the outer process's git index, OKR root or colour into the run.
_DROPPED_ENV = (
    "OKR_ROOT",
    "OKR_DEBUG",
    "FORCE_COLOR",
    "GITHUB_ACTIONS",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "SKIP",
)


def _load_hooks() -> list[dict[str, Any]]:
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load(PROJECT_ROOT / ".pre-commit-hooks.yaml")
    assert isinstance(hooks, list)
    return hooks


def _okr_validate_hook() -> dict[str, Any]:
    matching = [hook for hook in _load_hooks() if hook.get("id") == "okr-validate"]
    assert len(matching) == 1, "exactly one hook with id okr-validate"
    return matching[0]


def test_manifest_declares_okr_validate() -> None:
    hook = _okr_validate_hook()
    assert hook["language"] == "python"
    assert hook["entry"].startswith("okr validate")
    files = re.compile(hook["files"])  # pre-commit matches with re.search
    assert files.search("okrs/2026-Q4/platform.yaml")
    assert files.search("okrs/2026-Q3/growth.yml")
    assert not files.search("src/okrcli/model.py")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of the project's working tree, tracked and untracked files alike.

    `try-repo PROJECT_ROOT` snapshots only *tracked* changes (`git add -u`), so a new,
    not yet committed file such as .pre-commit-hooks.yaml would be missing from the hook
    repository. Copying what `git ls-files --cached --others --exclude-standard` lists
    tests exactly the tree on disk, committed or not.
    """
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listed = git(PROJECT_ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for relative in filter(None, listed.split("\0")):
        source = PROJECT_ROOT / relative
        if source.is_file():  # tracked files deleted in the working tree are skipped
            target = snapshot / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    git(snapshot, "init", "-q", "-b", "main")
    git(snapshot, "add", "-A")
    git(snapshot, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot")
    return snapshot


def _try_repo(repo: Path, hook_repo: Path, pre_commit_home: Path) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update(GIT_ENV)
    env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    env["NO_COLOR"] = "1"
    done = subprocess.run(
        [*PRE_COMMIT, "try-repo", str(hook_repo), "okr-validate", "--all-files"],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    return done.returncode, done.stdout


@pytest.mark.slow
def test_try_repo_passes_then_reports_unknown_key(
    git_repo: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    write_files(git_repo, {PLAT: GOOD_FILE})
    git(git_repo, "add", PLAT)
    code, output = _try_repo(git_repo, hook_repo, pre_commit_home)
    assert code == 0, f"pre-commit try-repo failed on a valid file:\n{output}"
    assert re.search(r"^okr validate\.+Passed$", output, re.MULTILINE), output

    assert BROKEN_FILE.splitlines()[TYPO_LINE - 1].index("taget:") == TYPO_COL - 1
    write_files(git_repo, {PLAT: BROKEN_FILE})
    git(git_repo, "add", PLAT)
    code, output = _try_repo(git_repo, hook_repo, pre_commit_home)
    assert code == 1, f"expected the hook to fail with findings:\n{output}"
    assert f"{PLAT}:{TYPO_LINE}:{TYPO_COL}: error[OKR021]" in output, output
    assert "- hook id: okr-validate" in output, output
