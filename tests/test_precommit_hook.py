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


# ---- the hook keeps the repository valid: real commits through the installed hook ------

COMPANY = "okrs/2026-Q4/company.yaml"
COMPANY_FILE = """\
period: 2026-Q4
team: company
owner: maya
objectives:
  - id: ACME-1
    title: Win the mid-market
    key_results:
      - {id: ACME-1.1, title: Grow revenue, start: 1, target: 2}
      - {id: ACME-1.2, title: Raise retention, start: 1, target: 2}
"""
ALIGNED_FILE = GOOD_FILE.replace(
    "    standalone: Reliability is our own bar this quarter.\n", "    aligns_to: ACME-1\n"
)
GROWTH = "okrs/2026-Q4/growth.yaml"


@pytest.fixture
def hooked(git_repo: Path, hook_repo: Path, pre_commit_home: Path) -> Path:
    """A repository whose commits run the published okr-validate hook (`pre-commit
    install`), with a company file and a team file that aligns to it, committed."""
    sha = git(hook_repo, "rev-parse", "HEAD").strip()
    config = (
        f"repos:\n  - repo: {hook_repo}\n    rev: {sha}\n    hooks:\n      - id: okr-validate\n"
    )
    write_files(git_repo, {COMPANY: COMPANY_FILE, PLAT: ALIGNED_FILE})
    (git_repo / ".pre-commit-config.yaml").write_text(config)
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "--no-verify", "-m", "kickoff")
    _pre_commit(git_repo, pre_commit_home, "install")
    return git_repo


def _hook_env(pre_commit_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update(GIT_ENV)
    env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    env["NO_COLOR"] = "1"
    return env


def _pre_commit(repo: Path, home: Path, *args: str) -> None:
    subprocess.run([*PRE_COMMIT, *args], cwd=repo, env=_hook_env(home), check=True,
                   capture_output=True, timeout=600)  # fmt: skip


def _commit(repo: Path, home: Path, message: str) -> tuple[int, str]:
    """`git commit`, which runs the installed hook; its exit code and output."""
    done = subprocess.run(
        ["git", "commit", "-q", "-m", message],
        cwd=repo,
        env=_hook_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    return done.returncode, done.stdout


BROKEN_REFERENCE = (
    f"{PLAT}:9:16: error[OKR032]: PLAT-1: aligns_to `ACME-1` names no objective or key "
    "result in 2026-Q4"
)


@pytest.mark.slow
def test_the_hook_rejects_a_rename_that_breaks_another_file(
    hooked: Path, pre_commit_home: Path
) -> None:
    write_files(hooked, {COMPANY: COMPANY_FILE.replace("ACME-1", "ACME-10")})
    git(hooked, "add", COMPANY)
    code, output = _commit(hooked, pre_commit_home, "rename ACME-1")
    assert code == 1, output
    assert BROKEN_REFERENCE in output, output
    assert git(hooked, "log", "--format=%s") == "kickoff\n"


@pytest.mark.slow
def test_the_hook_rejects_a_removal_and_a_deletion(hooked: Path, pre_commit_home: Path) -> None:
    removed = COMPANY_FILE.split("  - id: ACME-1\n")[0] + "  - id: ACME-2\n    title: Grow\n"
    write_files(hooked, {COMPANY: removed})
    git(hooked, "add", COMPANY)
    code, output = _commit(hooked, pre_commit_home, "drop ACME-1")
    assert code == 1 and BROKEN_REFERENCE in output, output
    git(hooked, "checkout", "-q", "HEAD", "--", COMPANY)
    git(hooked, "rm", "-q", COMPANY)
    code, output = _commit(hooked, pre_commit_home, "delete the company file")
    assert code == 1, output
    assert BROKEN_REFERENCE in output, output
    assert "(no files to check)" not in output
    assert git(hooked, "log", "--format=%s") == "kickoff\n"


@pytest.mark.slow
def test_the_hook_accepts_a_commit_beside_an_error_that_was_there(
    hooked: Path, pre_commit_home: Path
) -> None:
    broken = "period: 2026-Q4\nteam: growth\nobjectives:\n  - id: G-1\n    titel: Grow\n"
    write_files(hooked, {GROWTH: broken})
    git(hooked, "add", GROWTH)
    git(hooked, "commit", "-q", "--no-verify", "-m", "an error nobody fixed")
    write_files(hooked, {PLAT: ALIGNED_FILE.replace("current: 96.1", "current: 97")})
    git(hooked, "add", PLAT)
    code, output = _commit(hooked, pre_commit_home, "check in")
    assert code == 0, output
    assert (
        "okr: note: 1 error was already there in files this commit does not change (not "
        "blocking it; `okr validate` lists them)" in output
    ), output
    assert git(hooked, "log", "-1", "--format=%s") == "check in\n"


# ---- the README's recipe, as written ----------------------------------------------------


def _readme_recipe() -> str:
    readme = (PROJECT_ROOT / "README.md").read_text()
    section = readme[readme.index("## Pre-commit") :]
    return section[section.index("```yaml\n") + 8 : section.index("```\n", 8)]


def test_the_readme_recipe_pins_this_release() -> None:
    from okrcli import __version__

    assert f"    rev: v{__version__} " in _readme_recipe()


@pytest.mark.slow
def test_the_readme_recipe_works_as_written(
    git_repo: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    """The README's block, with the repository URL pointing at a local clone tagged as
    the release it names."""
    from ruamel.yaml import YAML

    recipe = _readme_recipe()
    (repo_line,) = [line for line in recipe.splitlines() if line.strip().startswith("- repo:")]
    rev = YAML(typ="safe").load(recipe)["repos"][0]["rev"]
    git(hook_repo, "tag", "-f", rev)
    config = recipe.replace(repo_line, f"  - repo: {hook_repo}")
    (git_repo / ".pre-commit-config.yaml").write_text(config)
    write_files(git_repo, {PLAT: GOOD_FILE})
    git(git_repo, "add", "-A")
    done = subprocess.run(
        [*PRE_COMMIT, "run", "--all-files"],
        cwd=git_repo,
        env=_hook_env(pre_commit_home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout
    assert re.search(r"^okr validate\.+Passed$", done.stdout, re.MULTILINE), done.stdout
