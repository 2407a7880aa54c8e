"""Measure okr against its floor and its peers, side by side, in one run.

    .venv/bin/python benchmarks/run.py            # sizes 100, 1,000, 10,000; 5 runs
    .venv/bin/python benchmarks/run.py --quick    # sizes 100 and 1,000; 3 runs

Every case is a fresh process (as a user or CI runs it), timed in CPU seconds (user +
system, the git processes it starts included) and wall clock from spawn to exit, side by
side. The cases of a group run interleaved (A B C A B C ...), so that a slow moment of a
shared machine hits every case of the group alike; the table shows the medians over the
runs, the ratios to the case's baseline (CPU and wall), and the peak resident memory
(the largest over the runs, from GNU time's `%M`; without /usr/bin/time, `ru_maxrss`
from `os.wait4`, which may include the harness's own peak).
Every program runs once on a tiny repository first, so bytecode caches exist (kept in
benchmarks/out/pycache, as an installed package has them). Slow cases run fewer
times: a first run of 5 s or more caps the runs at 3, one of 20 s or more at 1. A run
past `--timeout` is killed and shown as `>T`. Results also go to
`benchmarks/out/results.json`. Benchmarks are not tests: nothing here asserts a time.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Generated, generate, layout

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BIN = Path(sys.executable).parent
OKR = str(BIN / "okr")
PYTHON = sys.executable
SCHEMA = PROJECT / "schema" / "okr-file-v1.schema.json"
DEFAULT_OUT = HERE / "out" / "results.json"
PYCACHE = HERE / "out" / "pycache"
GNU_TIME = "/usr/bin/time"
FEWER_RUNS_AFTER = 5.0
"""A first run at least this long (seconds) caps the runs at 3 ..."""
ONE_RUN_AFTER = 20.0
"""... and one at least this long at 1."""

FLOOR = """\
import glob, sys, yaml
count = 0
for name in sorted(glob.glob(sys.argv[1] + "/*/*.yaml")):
    with open(name, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
    count += 1
print(count, "files")
"""


@dataclass
class Sample:
    seconds: float
    """Wall clock, spawn to exit."""
    cpu_s: float
    """User + system CPU of the process and every child it waited for (git included)."""
    max_rss_kib: int
    exit_code: int
    timed_out: bool = False


@dataclass
class Case:
    group: str
    name: str
    argv: list[str]
    cwd: Path
    baseline: str | None = None
    """The name of the case this one is compared with (None: this is a baseline)."""
    runs: int = 5
    env: dict[str, str] = field(default_factory=dict)
    prime: bool = False
    """Run once, unmeasured, before measuring (to fill okr's cache)."""
    note: str = ""
    tag: str = ""
    """A baseline's short name in the table's `vs` column."""


@dataclass
class Result:
    group: str
    name: str
    command: str
    baseline: str | None
    samples: list[Sample]
    median_s: float | None
    ratio: float | None
    median_cpu_s: float | None
    ratio_cpu: float | None
    peak_mb: float | None
    status: str
    """ok | failed (exit N) | timeout | n/a | skipped"""
    note: str = ""
    tag: str = ""


def base_env(workdir: Path) -> dict[str, str]:
    """The environment of every measured command: no colour, a fixed width, okr's caches
    in the work folder, and bytecode caches kept (in benchmarks/out/pycache) as an
    installed package has them."""
    env = dict(os.environ)
    for name in (
        "OKR_ROOT", "OKR_NO_CACHE", "OKR_CACHE_DIR", "OKR_DEBUG", "CI", "PYTHONDONTWRITEBYTECODE",
    ):  # fmt: skip
        env.pop(name, None)
    env.update(
        NO_COLOR="1",
        COLUMNS="100",
        XDG_CACHE_HOME=str(workdir / "xdg-cache"),
        PYTHONPYCACHEPREFIX=str(PYCACHE),
        GIT_CONFIG_NOSYSTEM="1",
        LC_ALL="C.UTF-8",
    )
    return env


def gnu_time() -> str | None:
    """/usr/bin/time when it is GNU time (`-f %M -o FILE`), else None."""
    if not Path(GNU_TIME).exists():
        return None
    probe = [GNU_TIME, "-f", "%M", "-o", os.devnull, "true"]
    done = subprocess.run(probe, capture_output=True, check=False)
    return GNU_TIME if done.returncode == 0 else None


@dataclass
class Runner:
    env: dict[str, str]
    timeout: float
    time_bin: str | None
    """GNU time, for the peak RSS of the command alone. Without it the RSS comes from
    os.wait4 and may include the harness's own peak (a forked child starts from it)."""

    def measure(self, argv: list[str], cwd: Path, env: dict[str, str]) -> Sample:
        """One run in a fresh process: wall time, peak RSS (KiB) and exit code."""
        with (
            tempfile.TemporaryFile() as out,
            tempfile.TemporaryFile() as err,
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rss,
        ):
            command = argv
            if self.time_bin:
                command = [self.time_bin, "-f", "%M", "-o", rss.name, *argv]
            began = time.perf_counter()
            process = subprocess.Popen(
                command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                start_new_session=True,
            )  # fmt: skip
            killed = threading.Event()

            def kill() -> None:
                killed.set()
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)

            timer = threading.Timer(self.timeout, kill)
            timer.start()
            try:
                _, status, usage = os.wait4(process.pid, 0)
            finally:
                timer.cancel()
            seconds = time.perf_counter() - began
            code = os.waitstatus_to_exitcode(status)
            process.returncode = code  # reaped by wait4: keep Popen from waiting again
            peak = usage.ru_maxrss
            words = rss.read().split() if self.time_bin else []
            if words and words[-1].isdigit():
                peak = int(words[-1])
            if code != 0 and not killed.is_set():
                err.seek(0)
                tail = err.read()[-600:].decode(errors="replace").strip()
                print(f"    exit {code}: {' '.join(argv[:4])} ...\n    {tail}", file=sys.stderr)
            cpu = usage.ru_utime + usage.ru_stime
            return Sample(seconds, cpu, peak, code, killed.is_set())

    def run_group(self, cases: list[Case]) -> list[Result]:
        """Every case of a group, interleaved: one run of each per round, so a slow moment
        of the machine hits every case alike. Warm cases run once, unmeasured, first (to
        fill okr's cache); a case stops after a failure, a timeout, or its run cap (a first
        run of 5 s or more caps it at 3 runs, one of 20 s or more at 1)."""
        envs = [{**self.env, **case.env} for case in cases]
        for case, env in zip(cases, envs, strict=True):
            if case.prime:
                self.measure(case.argv, case.cwd, env)
        samples: list[list[Sample]] = [[] for _ in cases]
        wanted = [case.runs for case in cases]
        for round_number in range(max(wanted, default=0)):
            print(f"  round {round_number + 1}:", end="", file=sys.stderr, flush=True)
            for index, (case, env) in enumerate(zip(cases, envs, strict=True)):
                taken = samples[index]
                if len(taken) >= wanted[index] or (taken and _stopped(taken[-1])):
                    continue
                sample = self.measure(case.argv, case.cwd, env)
                taken.append(sample)
                print(f" {sample.cpu_s:.2f}", end="", file=sys.stderr, flush=True)
                if len(taken) == 1:
                    wanted[index] = _run_cap(sample.seconds, wanted[index])
            print(file=sys.stderr)
        return [_result(case, taken) for case, taken in zip(cases, samples, strict=True)]


def _stopped(sample: Sample) -> bool:
    return sample.timed_out or sample.exit_code != 0


def _run_cap(first_seconds: float, wanted: int) -> int:
    if first_seconds >= ONE_RUN_AFTER:
        return 1
    if first_seconds >= FEWER_RUNS_AFTER:
        return min(wanted, 3)
    return wanted


def _result(case: Case, samples: list[Sample]) -> Result:
    last = samples[-1]
    if last.timed_out:
        status = "timeout"
    elif last.exit_code != 0:
        status = f"failed (exit {last.exit_code})"
    else:
        status = "ok"
    good = [s for s in samples if not _stopped(s)]
    median = statistics.median(s.seconds for s in good) if status == "ok" else None
    median_cpu = statistics.median(s.cpu_s for s in good) if status == "ok" else None
    peak = max(s.max_rss_kib for s in samples) / 1024
    shown = f"{median_cpu:.3f} CPU-s" if median_cpu is not None else status
    print(f"    {case.name}: {shown} ({len(samples)} runs)", file=sys.stderr)
    return Result(
        case.group, case.name, " ".join(case.argv), case.baseline, samples, median, None,
        median_cpu, None, peak, status, case.note, case.tag,
    )  # fmt: skip


def warm_up(workdir: Path, env: dict[str, str]) -> None:
    """Run every measured program once on a tiny repository, unmeasured, so that the
    bytecode caches exist before the first measured run (as after an install)."""
    made = generate(workdir / "warm-up", teams=1, periods=1, commits=3)
    root, repo = str(made.root), made.root.parent
    files = [str(path) for path in made.files]
    assert made.first_commit and made.hot_key_result
    commands = [
        [PYTHON, "-c", "import typer"],
        [PYTHON, "-c", FLOOR, root],
        [OKR, "--help"],
        [OKR, "validate", "--root", root],
        [OKR, "status", "--root", root, "--format", "json", "--no-history"],
        [OKR, "diff", made.first_commit, "HEAD", "--format", "json"],
        [OKR, "history", made.hot_key_result, "--format", "json"],
        [str(BIN / "yamllint"), "-d", "relaxed", root],
        [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA), *files],
    ]
    for command in commands:
        subprocess.run(
            command, cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            check=False,
        )  # fmt: skip


def placeholder(group: str, name: str, status: str, note: str) -> Result:
    return Result(group, name, "", None, [], None, None, None, None, None, status, note)


def okr_supports_no_cache(env: dict[str, str]) -> bool:
    shown = subprocess.run(
        [OKR, "validate", "--help"],
        env={**env, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=False,
    )
    return "--no-cache" in shown.stdout


def dataset(workdir: Path, name: str, files: int, commits: int = 0) -> Generated:
    teams, periods = layout(files)
    print(f"generating {name}: ", end="", file=sys.stderr, flush=True)
    made = generate(workdir / name, teams, periods, commits)
    print(
        f"{len(made.files)} files, {made.total_bytes / 1e6:.1f} MB, {commits} commits"
        f" ({made.seconds:.1f}s)",
        file=sys.stderr,
    )
    return made


def size_cases(
    made: Generated, size: int, runs: int, peers: bool, no_cache: bool, workdir: Path
) -> tuple[list[Case], list[Result]]:
    """The floor, okr validate cold and warm, and the peers on one set of files."""
    group = f"{size:,} files"
    root = made.root
    cache = {"OKR_CACHE_DIR": str(workdir / "okr-cache" / f"files-{size}")}
    floor = f"PyYAML C-loader floor, {size:,} files"
    cold = [OKR, "validate", "--root", str(root), "--no-cache"] if no_cache else None
    cases = [
        Case(group, floor, [PYTHON, "-c", FLOOR, str(root)], root, None, runs, tag="floor"),
        Case(
            group,
            f"okr validate cold, {size:,} files",
            cold or [OKR, "validate", "--root", str(root)],
            root,
            floor,
            runs,
            env=cache,
            note="" if no_cache else "no --no-cache in this okr: plain validate",
        ),
    ]
    extra: list[Result] = []
    if no_cache:
        cases.append(
            Case(
                group,
                f"okr validate warm, {size:,} files",
                [OKR, "validate", "--root", str(root)],
                root,
                floor,
                runs,
                env=cache,
                prime=True,
            )
        )
    else:
        extra.append(
            placeholder(group, f"okr validate warm, {size:,} files", "n/a", "no cache in this okr")
        )
    if peers:
        peer_runs = 1 if size > 1000 else runs
        files = sorted(str(p.relative_to(root)) for p in root.glob("*/*.yaml"))
        cases += [
            Case(
                group,
                f"yamllint -d relaxed, {size:,} files",
                [str(BIN / "yamllint"), "-d", "relaxed", "."],
                root,
                floor,
                peer_runs,
            ),
            Case(
                group,
                f"check-jsonschema, {size:,} files",
                [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA), *files],
                root,
                floor,
                peer_runs,
            ),
        ]
    else:
        for peer in ("yamllint -d relaxed", "check-jsonschema"):
            extra.append(
                placeholder(group, f"{peer}, {size:,} files", "skipped", "--skip-peers-above")
            )
    return cases, extra


def startup_cases(workdir: Path, runs: int) -> list[Case]:
    one = generate(workdir / "one-file", teams=0, periods=1)
    file = str(one.files[0].relative_to(one.root.parent))
    group = "startup"
    typer = 'python -c "import typer"'
    cwd = one.root.parent
    cache = {"OKR_CACHE_DIR": str(workdir / "okr-cache" / "one-file")}
    return [
        Case(group, typer, [PYTHON, "-c", "import typer"], cwd, None, runs, tag="import typer"),
        Case(group, "okr --version", [OKR, "--version"], cwd, typer, runs),
        Case(group, "okr --help", [OKR, "--help"], cwd, typer, runs),
        Case(group, "okr validate <one file>, cold", [OKR, "validate", file, "--no-cache"], cwd,
             typer, runs, cache, note="--no-cache"),
        Case(group, "okr validate <one file>, warm", [OKR, "validate", file], cwd, typer, runs,
             cache, prime=True),
    ]  # fmt: skip


def history_cases(
    made: Generated, commits: int, runs: int, no_cache: bool, workdir: Path
) -> list[Case]:
    """okr status, diff and history on a repository with a history, each against git
    doing the nearest plain job (or the PyYAML floor for status)."""
    repo = made.root.parent
    root = str(made.root)
    files = len(made.files)
    group = f"git history: {files:,} files, {commits:,} commits"
    assert made.first_commit and made.hot_key_result and made.hot_file
    cache = {"OKR_CACHE_DIR": str(workdir / "okr-cache" / "history")}
    floor = f"PyYAML C-loader floor, {files:,} files (repo)"
    git_diff = "git diff <first> HEAD -- okrs"
    git_log = f"git log -p -- {made.hot_file}"
    first = made.first_commit
    hot = made.hot_key_result
    status = [OKR, "status", "--root", root, "--format", "json", "--no-history"]
    diff = [OKR, "diff", first, "HEAD", "--format", "json"]
    cases = [Case(group, floor, [PYTHON, "-c", FLOOR, root], repo, None, runs, tag="floor")]
    if no_cache:
        cases.append(
            Case(group, f"okr status --no-history json cold, {files:,} files",
                 [*status, "--no-cache"], repo, floor, runs, cache,
                 note="json, --no-history, latest period")
        )  # fmt: skip
    cases += [
        Case(group, f"okr status --no-history json {'warm' if no_cache else 'cold'},"
             f" {files:,} files", status, repo, floor, runs, cache, prime=True,
             note="json, --no-history, latest period"),
    ]  # fmt: skip
    cases += default_command_cases(group, root, repo, floor, runs, cache, files)
    cases += [
        Case(group, git_diff, ["git", "diff", first, "HEAD", "--", "okrs"], repo, None, runs,
             tag="git diff"),
    ]  # fmt: skip
    if no_cache:
        cases.append(
            Case(group, "okr diff <first> HEAD cold", diff, repo, git_diff, runs,
                 {**cache, "OKR_NO_CACHE": "1"}, note="json; OKR_NO_CACHE=1")
        )  # fmt: skip
    cases += [
        Case(group, f"okr diff <first> HEAD {'warm' if no_cache else 'cold'}", diff, repo,
             git_diff, runs, cache, prime=no_cache, note="json"),
        Case(group, git_log, ["git", "log", "-p", "--", made.hot_file], repo, None, runs,
             tag="git log -p"),
        Case(group, f"okr history {hot}", [OKR, "history", hot, "--format", "json"], repo,
             git_log, runs, cache, note=f"json; {made.hot_changes} check-ins of this KR"),
    ]  # fmt: skip
    return cases


def default_command_cases(
    group: str, root: str, repo: Path, floor: str, runs: int, cache: dict[str, str], files: int
) -> list[Case]:
    """The commands users run daily, as they run them: `okr status` (the table, with
    history), `okr lint` and `okr report`; cold (OKR_NO_CACHE=1: nothing read from or
    written to the cache) and warm (the cache filled by one unmeasured run)."""
    commands = {
        "okr status": [OKR, "status", "--root", root],
        "okr lint": [OKR, "lint", "--root", root],
        "okr report": [OKR, "report", "--root", root],
    }
    cases: list[Case] = []
    for name, argv in commands.items():
        cases += [
            Case(group, f"{name} cold, {files:,} files", argv, repo, floor, runs,
                 {**cache, "OKR_NO_CACHE": "1"}, note="default output; OKR_NO_CACHE=1"),
            Case(group, f"{name} warm, {files:,} files", argv, repo, floor, runs, cache,
                 prime=True, note="default output"),
        ]  # fmt: skip
    return cases


HOOK_CONFIG = """\
repos:
  - repo: local
    hooks:
      - id: okr-validate
        name: okr validate
        entry: {okr} validate --hook
        language: system
        files: ^okrs/.*\\.ya?ml$
        always_run: true
        require_serial: true
      - id: trivial
        name: a trivial hook
        entry: "true"
        language: system
        files: ^okrs/.*\\.ya?ml$
        always_run: true
"""


def hook_cases(workdir: Path, files: int, runs: int) -> list[Case]:
    """The pre-commit hook through the real `pre-commit` tool on a repository of `files`
    files with one file edited and staged, against a trivial hook (`true`) run by the
    same tool: what a commit costs beyond pre-commit's own start-up."""
    teams, periods = layout(files)
    made = generate(workdir / f"hook-{files}", teams, periods, commits=1)
    repo = made.root.parent
    (repo / ".pre-commit-config.yaml").write_text(HOOK_CONFIG.format(okr=OKR))
    edited = made.files[len(made.files) // 2]
    text = edited.read_text()
    edited.write_text(text + "# edited: a change to commit\n")
    git = ["git", "-C", str(repo)]
    subprocess.run([*git, "add", "-A"], check=True, capture_output=True)
    pre_commit = str(BIN / "pre-commit")
    env = {
        "PRE_COMMIT_HOME": str(workdir / "pre-commit-home"),
        "OKR_CACHE_DIR": str(workdir / "okr-cache" / f"hook-{files}"),
    }
    group = f"pre-commit hook: {files:,} files, one edited"
    trivial = "pre-commit run trivial"
    return [
        Case(group, trivial, [pre_commit, "run", "trivial"], repo, None, runs, env,
             tag="trivial hook"),
        Case(group, "pre-commit run okr-validate, warm", [pre_commit, "run", "okr-validate"],
             repo, trivial, runs, env, prime=True, note="okr's cache filled once"),
        Case(group, "pre-commit run okr-validate, cold", [pre_commit, "run", "okr-validate"],
             repo, trivial, runs, {**env, "OKR_NO_CACHE": "1"}, note="OKR_NO_CACHE=1"),
    ]  # fmt: skip


def machine() -> dict[str, object]:
    cpu = ""
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    okr_version = subprocess.run(
        [OKR, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    commit = subprocess.run(
        ["git", "-C", str(PROJECT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "machine": platform.machine(),
        "system": platform.platform(),
        "python": platform.python_version(),
        "okr": okr_version,
        "okrcli_commit": commit,
        "git": subprocess.run(
            ["git", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip(),
    }


def add_ratios(results: list[Result]) -> None:
    """Each case's wall and CPU ratios to its baseline of the same group."""
    by_name = {(r.group, r.name): r for r in results}
    for result in results:
        base = by_name.get((result.group, result.baseline)) if result.baseline else None
        if base is None:
            continue
        if result.median_s is not None and base.median_s:
            result.ratio = result.median_s / base.median_s
        if result.median_cpu_s is not None and base.median_cpu_s:
            result.ratio_cpu = result.median_cpu_s / base.median_cpu_s


def _cells(r: Result) -> tuple[str, str, str, str, str, str]:
    """(CPU s, CPU ratio, wall s, wall ratio, peak MB, runs) of one result."""
    if r.median_s is not None and r.median_cpu_s is not None:
        cpu, wall = f"{r.median_cpu_s:.3f}", f"{r.median_s:.3f}"
    elif r.status == "timeout":
        cpu = wall = f">{r.samples[-1].seconds:.0f}"
    else:
        cpu = wall = r.status.split(" ")[0]
    cpu_ratio = f"{r.ratio_cpu:.2f}x" if r.ratio_cpu is not None else "-"
    wall_ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
    peak = f"{r.peak_mb:.0f}" if r.peak_mb is not None else "-"
    runs = str(len(r.samples)) if r.samples else "-"
    return cpu, cpu_ratio, wall, wall_ratio, peak, runs


def _remark(r: Result, tags: dict[tuple[str, str], str]) -> str:
    if not r.samples:
        remarks = []
    elif r.baseline:
        remarks = [f"vs {tags.get((r.group, r.baseline), r.baseline)}"]
    else:
        remarks = ["baseline"]
    if r.status not in ("ok", "n/a", "skipped"):
        remarks.append(r.status)
    if r.note:
        remarks.append(r.note)
    return "; ".join(remarks)


def table(results: list[Result]) -> str:
    """The results as a plain-text table, CPU and wall side by side."""
    width = max(len(r.name) for r in results) + 2
    head = (
        f"{'case':<{width}}{'CPU s':>9}{'ratio':>8}{'wall s':>9}{'ratio':>8}{'peak MB':>9}"
        f"{'runs':>6}  vs; note"
    )
    lines = [head, "-" * len(head)]
    tags = {(r.group, r.name): r.tag or r.name for r in results}
    group = None
    for r in results:
        if r.group != group:
            group = r.group
            lines.append(f"[{group}]")
        cpu, cpu_ratio, wall, wall_ratio, peak, runs = _cells(r)
        lines.append(
            f"  {r.name:<{width - 2}}{cpu:>9}{cpu_ratio:>8}{wall:>9}{wall_ratio:>8}{peak:>9}"
            f"{runs:>6}  {_remark(r, tags)}"
        )
    return "\n".join(lines)


def markdown(results: list[Result]) -> str:
    """The results as the markdown table of the README's Performance section."""
    lines = [
        "| case | CPU s | ratio | wall s | ratio | peak MB | compared with |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    tags = {(r.group, r.name): r.tag or r.name for r in results}
    group = None
    for r in results:
        if r.group != group:
            group = r.group
            lines.append(f"| **{group}** | | | | | | |")
        cpu, cpu_ratio, wall, wall_ratio, peak, _ = _cells(r)
        name = r.name.replace("|", "\\|")
        remark = _remark(r, tags).replace("|", "\\|")
        lines.append(
            f"| {name} | {cpu} | {cpu_ratio} | {wall} | {wall_ratio} | {peak} | {remark} |"
        )
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="file counts (comma list)")
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median)")
    parser.add_argument(
        "--quick", action="store_true", help="sizes 100,1000, 3 runs, peers up to 1000"
    )
    parser.add_argument(
        "--skip-peers-above", type=int, default=None, metavar="N", help="no peers above N files"
    )
    parser.add_argument("--commits", type=int, default=1000, help="check-ins in the history")
    parser.add_argument("--history-files", type=int, default=1000, help="files in the history")
    parser.add_argument(
        "--timeout", type=float, default=None, help="kill a run after this many seconds"
        " (default 900; 60 with --quick)"
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results JSON")
    parser.add_argument("--workdir", type=Path, help="generate here and keep (default: temp)")
    parser.add_argument("--no-history", action="store_true", help="skip the git history cases")
    parser.add_argument("--no-startup", action="store_true", help="skip the startup cases")
    parser.add_argument("--no-hook", action="store_true", help="skip the pre-commit hook cases")
    parser.add_argument("--hook-files", type=int, default=200, help="files in the hook's repo")
    parser.add_argument(
        "--markdown", action="store_true", help="also print the table as markdown (README)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = "100,1000"
        args.runs = 3
        if args.skip_peers_above is None:
            args.skip_peers_above = 1000
        if args.timeout is None:
            args.timeout = 60.0
    if args.timeout is None:
        args.timeout = 900.0
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [int(part.replace("_", "")) for part in args.sizes.split(",") if part.strip()]
    began = time.perf_counter()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="okr-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = base_env(workdir)
    no_cache = okr_supports_no_cache(env)
    runner = Runner(env, args.timeout, gnu_time())
    memory = "GNU time %M" if runner.time_bin else "os.wait4 ru_maxrss (includes the harness's)"
    print(
        f"okr at {OKR}; --no-cache {'supported' if no_cache else 'not supported'};"
        f" peak memory from {memory}; workdir {workdir}",
        file=sys.stderr,
    )
    results: list[Result] = []
    try:
        print("warming up the bytecode caches", file=sys.stderr)
        warm_up(workdir, env)
        if not args.no_startup:
            print("startup", file=sys.stderr)
            results += runner.run_group(startup_cases(workdir, args.runs))
        for size in sizes:
            made = dataset(workdir, f"files-{size}", size)
            peers = args.skip_peers_above is None or size <= args.skip_peers_above
            cases, extra = size_cases(made, size, args.runs, peers, no_cache, workdir)
            results += runner.run_group(cases)
            results.extend(extra)
        if not args.no_history:
            made = dataset(workdir, "history", args.history_files, args.commits)
            print("history", file=sys.stderr)
            results += runner.run_group(
                history_cases(made, args.commits, args.runs, no_cache, workdir)
            )
        if not args.no_hook:
            print("pre-commit hook", file=sys.stderr)
            results += runner.run_group(hook_cases(workdir, args.hook_files, args.runs))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    add_ratios(results)
    info = machine()
    elapsed = time.perf_counter() - began
    print()
    print(
        f"okr benchmarks: {info['okr']} ({info['okrcli_commit']}), Python {info['python']},"
        f" {info['machine']}, {info['nproc']} CPUs; {elapsed:.0f}s in all"
    )
    print(table(results))
    if args.markdown:
        print()
        print(markdown(results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "format_version": 1,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": info,
        "options": {
            "sizes": sizes,
            "runs": args.runs,
            "quick": args.quick,
            "skip_peers_above": args.skip_peers_above,
            "commits": args.commits,
            "history_files": args.history_files,
            "timeout_s": args.timeout,
            "no_cache_supported": no_cache,
        },
        "memory": memory,
        "elapsed_s": round(elapsed, 1),
        "results": [asdict(r) for r in results],
    }
    args.out.write_text(json.dumps(document, indent=2) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)  # stdout is the table, kept as is
    failed = [r.name for r in results if r.status.startswith("failed")]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
