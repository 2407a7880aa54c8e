"""Files and commits are untrusted input: the audit's findings about what okrcli reads
(links out of the root, FIFOs, devices, huge files, odd names), what crashes it (odd
YAML, periods out of range, odd commits), what git may run on its behalf, and lint's
cost, kept as regression tests. (The cache's are in tests/test_cache.py, output
escaping in tests/test_escaping.py, check-in races in tests/test_checkin_concurrency.py.)"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from okrcli.base import codes
from okrcli.check.validation import validate_root
from okrcli.read.positions import Marks
from tests.conftest import GIT_ENV, GOOD_FILE, Cli, git, write_files

PLAT = "okrs/2026-Q4/platform.yaml"
OKR = Path(sys.executable).parent / "okr"


def okr(cwd: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The installed entry point, with a time limit: a hang fails the test."""
    env = {**os.environ, "NO_COLOR": "1", "OKR_NO_CACHE": "1", **GIT_ENV}
    return subprocess.run(
        [str(OKR), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


def findings_of(cli: Cli) -> list[tuple[str, str, str]]:
    code, out = cli("validate", "--format", "json")
    assert code in (0, 1), out
    import json

    return [(f["path"], f["code"], f["message"]) for f in json.loads(out)["findings"]]


@pytest.fixture
def root(cli: Cli) -> Path:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    return cli.cwd / "okrs"


# ---- 5. files outside the repository ------------------------------------------------------


def test_a_link_out_of_the_root_is_a_finding_and_is_not_read(cli: Cli, root: Path) -> None:
    secret = cli.cwd / "outside" / "secrets.yaml"
    secret.parent.mkdir()
    secret.write_text("aws_secret_access_key: AKIA-VERY-SECRET\n")
    (root / "2026-Q4" / "secrets.yaml").symlink_to(secret)
    code, out = cli("validate")
    assert code == 1
    assert "AKIA-VERY-SECRET" not in out and "aws_secret" not in out
    assert out.startswith(
        "okrs/2026-Q4/secrets.yaml:1:1: error[OKR014]: a symbolic link that leads outside "
        "the OKR root; not read\n"
        "  hint: OKR files live inside the OKR root: replace the link with the file itself\n"
    )


def test_a_period_folder_linked_out_of_the_root_is_a_finding(cli: Cli, root: Path) -> None:
    elsewhere = cli.cwd / "elsewhere" / "2026-Q3"
    elsewhere.mkdir(parents=True)
    (elsewhere / "platform.yaml").write_text("password: hunter2\n")
    (root / "2026-Q3").symlink_to(elsewhere, target_is_directory=True)
    assert findings_of(cli) == [
        (
            "okrs/2026-Q3",
            codes.OUTSIDE_ROOT,
            "a symbolic link that leads outside the OKR root; not read",
        )
    ]


def test_a_link_inside_the_root_is_read(cli: Cli, root: Path) -> None:
    (root / ".shared").mkdir()  # hidden: not a period folder, but inside the root
    real = root / ".shared" / "web.yaml"
    real.write_text(GOOD_FILE.replace("platform", "web").replace("PLAT-", "WEB-"))
    (root / "2026-Q4" / "web.yaml").symlink_to(real)
    code, out = cli("validate")
    assert (code, out) == (0, "ok: 2 files valid: 1 period, 2 teams, 2 objectives, 4 key results\n")


def test_an_explicit_path_through_a_linked_folder_out_of_the_root_is_refused(
    cli: Cli, root: Path
) -> None:
    elsewhere = cli.cwd / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text("token: s3cr3t\n")
    (root / "2026-Q2").symlink_to(elsewhere, target_is_directory=True)
    code, out = cli("validate", "okrs/2026-Q2/x.yaml")
    assert code == 1
    assert "s3cr3t" not in out
    assert out.startswith("okrs/2026-Q2/x.yaml:1:1: error[OKR014]")


def test_a_fifo_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    write_files(tmp_path / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    os.mkfifo(tmp_path / "okrs" / "2026-Q4" / "pipe.yaml")
    done = okr(tmp_path, "validate", timeout=30)
    assert done.returncode == 1
    assert done.stdout.startswith(
        "okrs/2026-Q4/pipe.yaml:1:1: error[OKR013]: a FIFO, not a regular file; not read\n"
    )
    explicit = okr(tmp_path, "validate", "okrs/2026-Q4/pipe.yaml", timeout=30)
    assert explicit.returncode == 1
    assert "error[OKR013]: a FIFO, not a regular file" in explicit.stdout


def test_a_device_is_a_finding_not_read_to_the_end(tmp_path: Path) -> None:
    write_files(tmp_path / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    (tmp_path / "okrs" / "2026-Q4" / "zero.yaml").symlink_to("/dev/zero")
    done = okr(tmp_path, "validate", timeout=30)
    assert done.returncode == 1
    assert "okrs/2026-Q4/zero.yaml:1:1: error[OKR014]" in done.stdout
    explicit = okr(tmp_path, "validate", "/dev/zero", timeout=30)
    assert explicit.returncode == 1
    assert "/dev/zero:1:1: error[OKR013]: a device, not a regular file; not read" in explicit.stdout


def peak_rss_mib(before: resource.struct_rusage) -> float:
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return max(after.ru_maxrss, before.ru_maxrss) / 1024


@pytest.mark.parametrize("cache", ["--no-cache", "--root=okrs"])
def test_a_huge_file_is_never_read_past_the_cap(tmp_path: Path, cache: str) -> None:
    """A sparse 3 GiB file: the old cache hashed all of it (2.1 GB of memory for 2 GB)."""
    write_files(tmp_path / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    huge = tmp_path / "okrs" / "2026-Q4" / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024**3)
    env = {**os.environ, "NO_COLOR": "1", "OKR_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("OKR_NO_CACHE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [str(OKR), "validate", cache], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.startswith(
        "okrs/2026-Q4/huge.yaml:1:1: error[OKR010]: file is 3,221,225,472 bytes; "
        "okrcli reads files up to 1,048,576 bytes\n"
    )
    assert peak_rss_mib(before) < 400


def test_an_unreadable_folder_is_a_finding(
    cli: Cli, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root (CI) permissions do not stop reading, so the refusal is simulated."""
    (root / "2026-Q3").mkdir()
    real_scandir = os.scandir

    def refuse(path: str | Path = ".") -> Any:
        if str(path).endswith("2026-Q3"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    assert findings_of(cli) == [
        ("okrs/2026-Q3", codes.UNREADABLE, "cannot read folder: Permission denied")
    ]


def test_a_broken_link_is_a_finding(cli: Cli, root: Path) -> None:
    (root / "2026-Q4" / "gone.yaml").symlink_to(root / "2026-Q4" / "nowhere.yaml")
    ((path, code, message),) = findings_of(cli)
    assert (path, code) == ("okrs/2026-Q4/gone.yaml", codes.UNREADABLE)
    assert message.startswith("cannot read file: ")


def test_a_file_name_that_is_not_utf8_is_a_finding(tmp_path: Path) -> None:
    write_files(tmp_path / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    name = os.fsencode(tmp_path / "okrs" / "2026-Q4") + b"/caf\xe9.yaml"
    Path(os.fsdecode(name)).write_bytes(GOOD_FILE.encode())
    done = okr(tmp_path, "validate")
    assert done.returncode == 1
    assert done.stdout.startswith(
        "okrs/2026-Q4/caf\\xe9.yaml:1:1: error[OKR015]: the name is not valid UTF-8\n"
    )
    assert "Traceback" not in done.stderr


# ---- 6. crashes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "period: 2026-Q4\n%YAML 1.2\n---\nteam: x\n",
        "a: 1\n...\n%YAML 1.2\n%YAML 1.2\n---\nb: 2\n",
        "%TAG ! tag:x,2000:\n---\n!a b: c\n",
        "\ufeff%YAML 1.1\n--- a\n",
    ],
    ids=["directive-after-content", "two-directives", "tag-directive", "bom-directive"],
)
def test_odd_yaml_directives_are_findings(cli: Cli, text: str) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": text})
    code, out = cli("validate")
    assert code == 1
    assert out.startswith(f"{PLAT}:")
    assert out.endswith("found 1 error in 1 file\n")


@pytest.mark.parametrize("period", ["9999-Q4", "0000-Q1", "1899-Q4", "3000-Q1"])
def test_periods_out_of_range_are_findings(cli: Cli, period: str) -> None:
    text = GOOD_FILE.replace("2026-Q4", period).replace("due: 2026-12-15\n", "")
    write_files(cli.cwd / "okrs", {f"{period}/platform.yaml": text})
    expected = (
        f"okrs/{period}/platform.yaml:2:9: error[OKR022]: `period` `{period}`: a period's year "
        "is from 1900 to 2999\n"
        "  hint: a period looks like 2027, 2027-H1 or 2027-Q1, with a year from 1900 to 2999\n"
        "found 1 error in 1 file\n"
    )
    assert cli("validate") == (1, expected)
    for command in (["status", "--no-history"], ["report"], ["tree", "--no-history"], ["lint"]):
        code, out = cli(*command)
        assert (code, out) == (1, expected), command


@pytest.mark.parametrize("argument", ["9999-Q4", "0000-Q1"])
def test_period_arguments_out_of_range_are_usage_errors(
    cli: Cli, root: Path, argument: str
) -> None:
    code, _ = cli("status", "--no-history", "--period", argument)
    assert code == 2


def commit(
    repo: Path, message: str, *, author: str = "Ann", stamp: str = "@1790000000 +0000"
) -> None:
    env = {
        **os.environ,
        **GIT_ENV,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, env=env, check=True)


@pytest.fixture
def odd_history(git_repo: Path) -> Path:
    write_files(git_repo / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    commit(git_repo, "kickoff\x1fwith\x1eseparators\x1d", author="Ann\x1fOdd")
    (git_repo / PLAT).write_text(GOOD_FILE.replace("96.1", "97"))
    commit(
        git_repo,
        "okr: PLAT-1.1 96.1 -> 97\n\nbody\x1fwith\x1eseparators",
        stamp="@1790100000 +0000",
    )
    (git_repo / PLAT).write_text(GOOD_FILE.replace("96.1", "98"))
    commit(git_repo, "from the far future", stamp="@300000000000 +0000")
    return git_repo


@pytest.mark.parametrize(
    "command",
    [
        ["history", "PLAT-1.1", "--format", "json"],
        ["history", "PLAT-1", "--format", "csv"],
        ["blame", "PLAT-1.1"],
        ["diff", "HEAD~2", "HEAD", "--format", "json"],
        ["status", "--as-of", "2026-11-25"],
        ["report", "--since", "HEAD~1"],
        ["lint", "--as-of", "2026-11-25"],
        ["tree", "--format", "json"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_odd_commits_do_not_break_history_commands(odd_history: Path, command: list[str]) -> None:
    done = okr(odd_history, *command)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_history_keeps_odd_messages_and_clamps_far_dates(odd_history: Path) -> None:
    import json

    done = okr(odd_history, "history", "PLAT-1.1", "--format", "json")
    points = json.loads(done.stdout)["points"]
    assert [p["current"] for p in points] == [96.1, 97, 98]
    assert points[0]["author"] == "Ann\x1fOdd"
    assert points[0]["message"] == "kickoff\x1fwith\x1eseparators\x1d"
    assert points[2]["date"] == "9999-12-31T23:59:59.999999+00:00"
    assert done.stderr == (
        f"okr: warning: commit {points[2]['commit'][:12]} has a date out of range "
        "(300000000000); read as 9999-12-31\n"
    )


# ---- 8. programs the repository configures ------------------------------------------------


def signed_commit(repo: Path) -> None:
    """HEAD becomes a commit carrying a (fake) PGP signature, so that showing it with
    `log.showSignature` runs `gpg.program`."""
    head = git(repo, "cat-file", "-p", "HEAD")
    header, _, message = head.partition("\n\n")
    signature = "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEz\n -----END PGP SIGNATURE-----"
    body = f"{header}\n{signature}\n\n{message}"
    done = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=repo, input=body, capture_output=True, text=True, check=True,
    )  # fmt: skip
    git(repo, "update-ref", "HEAD", done.stdout.strip())


def test_git_settings_that_run_programs_are_off(odd_history: Path, tmp_path: Path) -> None:
    marker = tmp_path / "a program ran"
    trap = tmp_path / "trap.sh"
    trap.write_text(f"#!/bin/sh\ntouch '{marker}'\nexit 1\n")
    trap.chmod(0o755)
    signed_commit(odd_history)
    git(odd_history, "config", "log.showSignature", "true")
    git(odd_history, "config", "gpg.program", str(trap))
    git(odd_history, "config", "core.fsmonitor", str(trap))
    subprocess.run(["git", "log", "-1"], cwd=odd_history, capture_output=True)
    assert marker.exists(), "the trap must work, or this test proves nothing"
    marker.unlink()
    for command in (
        ["diff", "HEAD~1", "HEAD"],
        ["history", "PLAT-1.1"],
        ["blame", "PLAT-1.1"],
        ["status", "--as-of", "2026-11-25"],
        ["diff", "2026-11-01"],
    ):
        okr(odd_history, *command)
        assert not marker.exists(), command


# ---- lint's cost ----------------------------------------------------------------------------


def test_lint_looks_up_each_place_a_bounded_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """4,000 objectives, each flagged by several rules: silencing once rebuilt every
    objective's start line per finding (37 s). Counted, not timed: mark lookups grow
    linearly with the objectives."""
    calls = 0
    real = Marks.value

    def counted(self: Marks, path: tuple[str | int, ...]) -> tuple[int, int]:
        nonlocal calls
        calls += 1
        return real(self, path)

    monkeypatch.setattr(Marks, "value", counted)
    per_count: dict[int, int] = {}
    for count in (500, 4000):
        objectives = "".join(
            f"  - id: O-{n}\n    title: Objective {n}\n    key_results:\n"
            f"      - {{id: K-{n}, title: Raise 10 things, start: 0, target: 1}}\n"
            "    # okr: disable=OKR103\n"
            for n in range(count)
        )
        text = f"period: 2026-Q4\nteam: platform\nobjectives:\n{objectives}"
        root = write_files(tmp_path / f"r{count}", {"2026-Q4/platform.yaml": text})
        calls = 0
        from okrcli.base.findings import Level

        result = validate_root(root, minimum=Level.INFO)
        assert len(result.findings) > count  # many findings, each checked for silencing
        per_count[count] = calls
    assert per_count[4000] <= 9 * per_count[500]  # linear: 8x the objectives


def test_deep_flow_text_never_reaches_ruamel_yaml(tmp_path: Path) -> None:
    """A few KB of `[` took ruamel.yaml's scanner 13 s; libyaml stops at the depth limit."""
    probe = (
        "import sys\n"
        "from okrcli.read.reader import read_yaml\n"
        "result = read_yaml(b'owner: ' + b'[' * 20000, 'x.yaml')\n"
        "print(result.findings[0].code, 'ruamel.yaml' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout == f"{codes.TOO_DEEP} False\n"
