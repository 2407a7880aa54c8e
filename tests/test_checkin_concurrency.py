"""Parallel `okr checkin`s: real processes of the installed `okr`, one file, none lost.

Check-ins of one OKR root are serialised by an exclusive lock on the root folder
(`okrcli.edit.atomic.edit_lock`): a second check-in waits for the first, re-reads the
file and edits it as the first left it; with `--commit` the commit happens inside the
lock too, so parallel runs do not collide on git's index.lock."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from okrcli.base.errors import OkrError
from okrcli.check.validation import validate_root
from okrcli.edit.atomic import edit_lock
from tests.conftest import GIT_ENV, git

OKR = Path(sys.executable).parent / "okr"
PLAT = "okrs/2026-Q4/platform.yaml"
COUNT = 50
WAIT = 120.0
"""Seconds the processes of one test may take in all before it fails rather than hangs."""

# Variables that would change where the root is found, colour, or error output.
_DROPPED_ENV = ("OKR_ROOT", "OKR_DEBUG", "FORCE_COLOR", "GITHUB_ACTIONS")

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="the lock is POSIX-only (fcntl.flock)"
)


def many_key_results(count: int) -> str:
    """One valid file with `count` metric key results PLAT-1.1 ... PLAT-1.<count>, each
    at `current: 0`."""
    lines = [
        "period: 2026-Q4",
        "team: platform",
        "owner: dana",
        "objectives:",
        "  - id: PLAT-1",
        "    title: Many measures at once",
        "    standalone: A stress test of check-ins.",
        "    key_results:",
    ]
    for n in range(1, count + 1):
        lines += [
            f"      - id: PLAT-1.{n}",
            f"        title: Measure number {n}",
            "        start: 0",
            "        target: 1000",
            "        current: 0",
        ]
    return "\n".join(lines) + "\n"


def expected_text(count: int, done: set[int]) -> str:
    """`many_key_results(count)` with PLAT-1.<n> at `current: n` for each n in `done`."""
    text = many_key_results(count)
    for n in done:
        block = f"      - id: PLAT-1.{n}\n        title: Measure number {n}\n"
        tail = "        start: 0\n        target: 1000\n        current: "
        text = text.replace(block + tail + "0\n", block + tail + f"{n}\n")
    return text


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env["NO_COLOR"] = "1"
    env["OKR_NO_CACHE"] = "1"
    return env | (extra or {})


def start(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(OKR), *args],
        cwd=cwd,
        env=environment(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], deadline: float) -> tuple[int, str, str]:
    """Wait for `process` until `deadline` (time.monotonic()); its exit code, stdout and
    stderr. Past the deadline it is killed and the test fails rather than hangs."""
    try:
        out, err = process.communicate(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        pytest.fail(f"okr did not finish in time: {err}")
    return process.returncode, out, err


def run_all(cwd: Path, commit: bool, env: dict[str, str] | None = None) -> None:
    """Start COUNT check-ins at once, each of a different key result, and wait for all
    (WAIT seconds in all); each must succeed and say what it changed."""
    flags = ["--commit"] if commit else []
    processes: list[subprocess.Popen[str]] = []
    try:
        for n in range(1, COUNT + 1):
            processes.append(start(cwd, "checkin", f"PLAT-1.{n}", str(n), *flags, env=env))
        deadline = time.monotonic() + WAIT
        results = [finish(process, deadline) for process in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate()
    failed = [(n, code, err) for n, (code, _, err) in enumerate(results, 1) if code != 0]
    assert failed == []
    for n, (_, out, _) in enumerate(results, 1):
        expected = f"{PLAT}: PLAT-1.{n} 0 -> {n}\n"
        if commit:
            assert out.startswith(expected) and f": okr: PLAT-1.{n} 0 -> {n}\n" in out, out
        else:
            assert out == expected


@pytest.fixture(autouse=True)
def _installed_script() -> None:
    assert OKR.is_file(), f"console script not installed at {OKR}"


def test_fifty_parallel_check_ins_lose_nothing(tmp_path: Path) -> None:
    file = tmp_path / PLAT
    file.parent.mkdir(parents=True)
    file.write_text(many_key_results(COUNT))
    run_all(tmp_path, commit=False)
    assert file.read_text() == expected_text(COUNT, set(range(1, COUNT + 1)))
    assert validate_root(tmp_path / "okrs").ok
    assert sorted(p.name for p in file.parent.iterdir()) == ["platform.yaml"]


def test_fifty_parallel_check_ins_with_commit_make_fifty_commits(git_repo: Path) -> None:
    file = git_repo / PLAT
    file.parent.mkdir(parents=True)
    file.write_text(many_key_results(COUNT))
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-qm", "start")
    run_all(git_repo, commit=True, env=GIT_ENV)
    assert file.read_text() == expected_text(COUNT, set(range(1, COUNT + 1)))
    assert validate_root(git_repo / "okrs").ok
    assert git(git_repo, "rev-list", "--count", "HEAD") == f"{COUNT + 1}\n"
    subjects = git(git_repo, "log", "--format=%s", f"-{COUNT}").splitlines()
    assert sorted(subjects) == sorted(f"okr: PLAT-1.{n} 0 -> {n}" for n in range(1, COUNT + 1))
    assert git(git_repo, "status", "--porcelain") == ""
    assert git(git_repo, "show", f"HEAD:{PLAT}") == file.read_text()


def wait_until_it_waits_for_the_lock(process: subprocess.Popen[str], root: Path) -> None:
    """Return once `process` holds the OKR root open, as it does from just before it asks
    for the lock (after it has read and validated the files) until it is done: seen in
    /proc/PID/fd for 0.3 s on end, so that reading the folder's entries, which opens it
    for a moment, does not count. Where there is no /proc, after a generous pause."""
    fds = Path("/proc") / str(process.pid) / "fd"
    if not fds.is_dir():
        time.sleep(3.0)
        return
    wanted = root.resolve()
    deadline = time.monotonic() + WAIT
    since: float | None = None
    while time.monotonic() < deadline and process.poll() is None:
        if wanted in open_files(fds):
            since = since or time.monotonic()
            if time.monotonic() - since >= 0.3:
                return
        else:
            since = None
        time.sleep(0.01)
    process.kill()
    pytest.fail(f"okr never waited for the lock: {process.communicate()}")


def open_files(fds: Path) -> set[Path]:
    found: set[Path] = set()
    for fd in list(fds.iterdir()):
        try:
            found.add(fd.readlink())
        except OSError:
            continue  # closed meanwhile
    return found


def test_a_check_in_waits_for_the_lock_and_then_keeps_both_values(tmp_path: Path) -> None:
    """The lost update made deterministic: a second check-in has read and validated the
    file and asks for the lock while the first holds it (the test holds it, as the first
    would, and makes the first one's edit under it). The second must wait, then edit the
    file as the first left it: both values are kept."""
    file = tmp_path / PLAT
    file.parent.mkdir(parents=True)
    file.write_text(many_key_results(2))
    root = tmp_path / "okrs"
    with edit_lock(root):
        second = start(tmp_path, "checkin", "PLAT-1.2", "2")
        wait_until_it_waits_for_the_lock(second, root)
        assert second.poll() is None, second.communicate()
        assert file.read_text() == many_key_results(2)
        file.write_text(expected_text(2, {1}))  # the first check-in's edit
    code, out, err = finish(second, time.monotonic() + WAIT)
    assert (code, err) == (0, "")
    assert out == f"{PLAT}: PLAT-1.2 0 -> 2\n"
    assert file.read_text() == expected_text(2, {1, 2})


def test_the_lock_gives_up_after_its_timeout(tmp_path: Path) -> None:
    root = tmp_path / "okrs"
    root.mkdir()
    before = time.monotonic()
    with edit_lock(root), pytest.raises(OkrError) as caught, edit_lock(root, timeout=0.3):
        pytest.fail("a second lock of the same root was granted")
    assert time.monotonic() - before >= 0.3
    assert caught.value.message == (
        f"another okr is editing {root}; gave up waiting after 0.3 s, nothing written"
    )
    assert caught.value.hint == "try again when it is done"
    assert int(caught.value.exit_code) == 1
    assert list(root.iterdir()) == []


def test_the_lock_is_released_for_the_next_one(tmp_path: Path) -> None:
    root = tmp_path / "okrs"
    root.mkdir()
    with edit_lock(root):
        pass
    with edit_lock(root, timeout=0.0):
        pass
    with pytest.raises(OkrError), edit_lock(root):
        raise OkrError("inside")
    with edit_lock(root, timeout=0.0):  # released on an exception too
        pass
