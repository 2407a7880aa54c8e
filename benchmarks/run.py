"""Measure okr against its floor and its peers, side by side, in one run.

    .venv/bin/python benchmarks/run.py            # sizes 100, 1,000, 10,000; 5 runs
    .venv/bin/python benchmarks/run.py --quick    # sizes 100 and 1,000; 3 runs

Every case is a fresh process (as a user or CI runs it), timed wall clock from spawn to
exit; the table shows the median over the runs, the ratio to the case's baseline and
the peak resident memory (the largest over the runs, from GNU time's `%M`; without
/usr/bin/time, `ru_maxrss` from `os.wait4`, which may include the harness's own peak).
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
            return Sample(seconds, peak, code, killed.is_set())

    def run_case(self, case: Case) -> Result:
        env = {**self.env, **case.env}
        print(f"  {case.name} ...", end="", file=sys.stderr, flush=True)
        if case.prime:
            self.measure(case.argv, case.cwd, env)
        samples: list[Sample] = []
        wanted = case.runs
        while len(samples) < wanted:
            sample = self.measure(case.argv, case.cwd, env)
            samples.append(sample)
            if sample.timed_out or sample.exit_code != 0:
                break
            if len(samples) == 1:
                if sample.seconds >= ONE_RUN_AFTER:
                    wanted = 1
                elif sample.seconds >= FEWER_RUNS_AFTER:
                    wanted = min(wanted, 3)
        last = samples[-1]
        if last.timed_out:
            status = "timeout"
        elif last.exit_code != 0:
            status = f"failed (exit {last.exit_code})"
        else:
            status = "ok"
        good = [s.seconds for s in samples if not s.timed_out and s.exit_code == 0]
        median = statistics.median(good) if status == "ok" else None
        peak = max(s.max_rss_kib for s in samples) / 1024
        shown = f"{median:.3f}s" if median is not None else status
        print(f" {shown} ({len(samples)} runs)", file=sys.stderr)
        return Result(
            case.group, case.name, " ".join(case.argv), case.baseline, samples, median, None,
            peak, status, case.note, case.tag,
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
    return Result(group, name, "", None, [], None, None, None, status, note)


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
        Case(group, "okr validate <one file>", [OKR, "validate", file], cwd, typer, runs, cache),
    ]


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
            Case(group, f"okr status cold, {files:,} files", [*status, "--no-cache"], repo,
                 floor, runs, cache, note="json, --no-history, latest period")
        )  # fmt: skip
    cases += [
        Case(group, f"okr status {'warm' if no_cache else 'cold'}, {files:,} files", status,
             repo, floor, runs, cache, prime=True, note="json, --no-history, latest period"),
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
    medians = {r.name: r.median_s for r in results}
    for result in results:
        base = medians.get(result.baseline) if result.baseline else None
        if result.median_s is not None and base:
            result.ratio = result.median_s / base


def table(results: list[Result]) -> str:
    width = max(len(r.name) for r in results) + 2
    head = f"{'case':<{width}}{'median s':>10}{'ratio':>8}{'peak MB':>9}{'runs':>6}  vs; note"
    lines = [head, "-" * len(head)]
    tags = {r.name: r.tag or r.name for r in results}
    group = None
    for r in results:
        if r.group != group:
            group = r.group
            lines.append(f"[{group}]")
        if r.median_s is not None:
            median = f"{r.median_s:.3f}"
        elif r.status == "timeout":
            median = f">{r.samples[-1].seconds:.0f}"
        else:
            median = r.status.split(" ")[0]
        ratio = f"{r.ratio:.1f}x" if r.ratio is not None else "-"
        peak = f"{r.peak_mb:.0f}" if r.peak_mb is not None else "-"
        runs = str(len(r.samples)) if r.samples else "-"
        remarks = [f"vs {tags.get(r.baseline, r.baseline)}" if r.baseline else "baseline"]
        if not r.samples:
            remarks = []
        if r.status not in ("ok", "n/a", "skipped"):
            remarks.append(r.status)
        if r.note:
            remarks.append(r.note)
        remark = "; ".join(remarks)
        lines.append(f"  {r.name:<{width - 2}}{median:>10}{ratio:>8}{peak:>9}{runs:>6}  {remark}")
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
            for case in startup_cases(workdir, args.runs):
                results.append(runner.run_case(case))
        for size in sizes:
            made = dataset(workdir, f"files-{size}", size)
            peers = args.skip_peers_above is None or size <= args.skip_peers_above
            cases, extra = size_cases(made, size, args.runs, peers, no_cache, workdir)
            for case in cases:
                results.append(runner.run_case(case))
            results.extend(extra)
        if not args.no_history:
            made = dataset(workdir, "history", args.history_files, args.commits)
            for case in history_cases(made, args.commits, args.runs, no_cache, workdir):
                results.append(runner.run_case(case))
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
    print(f"\nwrote {args.out}")
    failed = [r.name for r in results if r.status.startswith("failed")]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
