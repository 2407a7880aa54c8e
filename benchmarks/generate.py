"""Generate a synthetic OKR repository for the benchmarks.

`generate(target, teams, periods, commits)` writes `target/okrs/<period>/<file>.yaml`:
per period one `company.yaml` (the top-level team) and `teams` team files
(`team-001.yaml`, ...). Every file is valid for okrcli and looks like a real one: a
header comment, 4 objectives of 4 key results each, of mixed kinds (metric, milestone,
checklist, maintain, baseline), with comments, about 4.6 KB. Ids are unique across the
root (prefixed by team and period, `T017-24Q3-2.1`); team objectives align to an
objective or key result of their period's company file, or say why they stand alone.

With `commits > 0`, `target` also becomes a git repository (branch `main`): one initial
commit with every file, then `commits` check-ins, one a day, each changing the
`current:` line of one key result in one file (a plain text edit, as `okr checkin`
leaves it). One key result, `Generated.hot_key_result`, gets every fourth check-in.
The history is written in one `git fast-import` stream (1,000 check-ins in about a
second; one `git add` and `git commit` per check-in takes over ten times as long), then
the index is reset to HEAD, so the working tree is clean.

Deterministic: the same arguments and seed give byte-identical files and commits.

    python benchmarks/generate.py /tmp/okrs-1k --files 1000 --commits 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

FIRST_YEAR = 2024
OBJECTIVES_PER_FILE = 4
KEY_RESULTS_PER_OBJECTIVE = 4
AUTHOR = "OKR Bench <okr-bench@example.invalid>"
HOT_EVERY = 4
"""Every HOT_EVERY-th check-in changes the hot key result."""

# One kind pattern per objective position: each file mixes all five kinds, and each
# objective opens with a metric (the kind check-ins mostly change).
KIND_PATTERNS: tuple[tuple[str, ...], ...] = (
    ("metric", "milestone", "checklist", "maintain"),
    ("metric", "baseline", "metric", "checklist"),
    ("metric", "maintain", "milestone", "metric"),
    ("metric", "checklist", "baseline", "milestone"),
)

PEOPLE = (
    "alex bea chen dana eli fatima gus hana ivan jo kim lena max nora omar priya "
    "quinn ravi sam tara uma vik wen yusuf zoe"
).split(" ")
THEMES = (
    "deploys",
    "onboarding",
    "search",
    "billing",
    "the mobile app",
    "support",
    "the public API",
    "data pipelines",
    "trial conversion",
    "documentation",
    "security reviews",
    "cloud spend",
)
OBJECTIVE_TITLES = (
    "Make {theme} boringly reliable for every customer",
    "Delight new users with {theme} that just works",
    "Earn a reputation for fast and friendly {theme}",
    "Turn {theme} into a reason people recommend us",
    "Make {theme} simple enough to explain in one minute",
    "Spend less effort on {theme} without slowing anyone down",
)
DESCRIPTIONS = (
    "Customers told us in the last survey that this is where we lose them.",
    "Nobody should be nervous about shipping on a Friday.",
    "The quarter's theme from the leadership offsite; see the planning doc.",
    "Carried over in spirit from last quarter, with sharper key results.",
)
METRICS = (
    ("Raise {theme} success rate", "%", 80.0, 99.5),
    ("Cut p95 latency of {theme}", "ms", 300.0, 1200.0),
    ("Grow weekly active users of {theme}", "k users", 5.0, 80.0),
    ("Cut open tickets about {theme}", "tickets", 20.0, 400.0),
    ("Raise satisfaction score for {theme}", "CSAT", 3.0, 4.8),
    ("Cut monthly cost of {theme}", "k USD/month", 10.0, 200.0),
)
MILESTONES = (
    "Ship the redesigned {theme} to all customers",
    "Publish the runbook for {theme} and use it in every incident",
    "Retire the legacy code path behind {theme}",
    "Run the first quarterly review of {theme} with customers",
)
CHECKLISTS = (
    "Move every service of {theme} to the new pipeline",
    "Close the audit findings about {theme}",
    "Document each part of {theme}",
)
ITEMS = "api web billing search auth notifications reports exports mobile admin".split(" ")
MAINTAINS: tuple[tuple[str, str, float | None, float | None], ...] = (
    ("Keep the error rate of {theme} below the agreed level", "%", None, 0.5),
    ("Keep availability of {theme} above the SLO", "%", 99.9, None),
    ("Keep the backlog of {theme} inside its band", "items", 10.0, 60.0),
)
BASELINES = (
    "Establish a baseline for the change failure rate of {theme}",
    "Measure how long {theme} takes for a new customer today",
)
CURRENT_COMMENTS = (
    "from the weekly dashboard",
    "measured on Friday before the demo",
    "source: the metrics warehouse",
    "",
    "",
)


@dataclass
class Tracked:
    """A key result whose `current:` line check-ins rewrite."""

    ident: str
    file: int
    line: int
    indent: str
    low: float
    high: float
    value: float
    goal: float
    comment: str


@dataclass
class Generated:
    root: Path
    """The OKR root: `target/okrs`."""
    files: list[Path]
    total_bytes: int
    first_commit: str | None = None
    hot_key_result: str | None = None
    hot_file: str | None = None
    """The hot key result's file, relative to the repository (`okrs/<period>/<team>.yaml`)."""
    hot_changes: int = 0
    seconds: float = 0.0
    periods: list[str] = field(default_factory=list)


def period_names(periods: int) -> list[str]:
    """`2024-Q1`, `2024-Q2`, ... in order."""
    return [f"{FIRST_YEAR + i // 4}-Q{i % 4 + 1}" for i in range(periods)]


def period_bounds(name: str) -> tuple[dt.date, dt.date]:
    """First and last day of a `YYYY-Qn` period."""
    year, quarter = int(name[:4]), int(name[-1])
    start = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, following - dt.timedelta(days=1)


def layout(files: int) -> tuple[int, int]:
    """(teams, periods) for about `files` files: periods * (teams + 1) == files when it
    divides (10 periods when it can), the company file included."""
    for periods in (10, 8, 5, 4, 2, 1):
        if files % periods == 0 and files // periods >= 2:
            return files // periods - 1, periods
    return max(files - 1, 0), 1


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class _File:
    """Writes one OKR file line by line, remembering where `current:` lines are."""

    def __init__(self, rng: random.Random, index: int, period: str, team: str, top: bool):
        self.rng = rng
        self.index = index
        self.period = period
        self.team = team
        self.top = top
        self.lines: list[str] = []
        self.tracked: list[Tracked] = []
        self.start, self.end = period_bounds(period)

    def due(self) -> str:
        span = (self.end - self.start).days
        return (self.start + dt.timedelta(days=self.rng.randint(span // 3, span))).isoformat()

    def add(self, text: str) -> None:
        self.lines.append(text)

    def render(self, prefix: str, company_prefix: str) -> str:
        rng = self.rng
        label = "Company" if self.top else f"Team {self.team.removeprefix('team-')}"
        lead = rng.choice(PEOPLE)
        self.add(f"# {label} OKRs, {self.period} (synthetic benchmark data)")
        self.add(f"# Lead: {lead}. Numbers refreshed every Friday.")
        if self.top:
            self.add("# Teams align their objectives to the ids below.")
        self.add("")
        self.add("version: 1")
        self.add(f"period: {self.period}")
        self.add(f"team: {self.team}")
        self.add(f"owner: {lead}")
        self.add("objectives:")
        for number in range(1, OBJECTIVES_PER_FILE + 1):
            self.objective(f"{prefix}-{number}", number, company_prefix)
        return "\n".join(self.lines) + "\n"

    def objective(self, ident: str, number: int, company_prefix: str) -> None:
        rng = self.rng
        theme = rng.choice(THEMES)
        if number > 1:
            self.add("")
        self.add(f"  - id: {ident}")
        self.add(f"    title: {rng.choice(OBJECTIVE_TITLES).format(theme=theme)}")
        self.add(f"    type: {'committed' if number == 1 else 'aspirational'}")
        if rng.random() < 0.5:
            self.add(f"    owner: {rng.choice(PEOPLE)}")
        if not self.top:
            if number == OBJECTIVES_PER_FILE:
                self.add("    standalone: >-")
                self.add("      A team health goal agreed with engineering leadership.")
            elif number == 3:
                kr = rng.randint(1, KEY_RESULTS_PER_OBJECTIVE)
                self.add(f"    aligns_to: {company_prefix}-{rng.randint(1, 4)}.{kr}")
            else:
                self.add(
                    f"    aligns_to: {company_prefix}-{rng.randint(1, 4)}  # agreed at kickoff"
                )
        if rng.random() < 0.5:
            self.add(f"    description: {rng.choice(DESCRIPTIONS)}")
        self.add("    key_results:")
        pattern = KIND_PATTERNS[(number - 1) % len(KIND_PATTERNS)]
        for position, kind in enumerate(pattern, start=1):
            self.key_result(f"{ident}.{position}", kind, theme)

    def key_result(self, ident: str, kind: str, theme: str) -> None:
        rng = self.rng
        pad = "        "
        self.add(f"      - id: {ident}")
        if kind == "metric":
            title, unit, low, high = rng.choice(METRICS)
            start = round(rng.uniform(low, (low + high) / 2), 1)
            target = round(rng.uniform(start + (high - low) * 0.2, high), 1)
            if title.startswith("Cut"):
                start, target = target, start
            current = round(start + (target - start) * rng.uniform(0.0, 0.6), 1)
            sign = "%" if unit == "%" else ""
            self.add(
                f"{pad}title: {title.format(theme=theme)}"
                f" from {_num(start)}{sign} to {_num(target)}{sign}"
            )
            self.add(f"{pad}start: {_num(start)}")
            self.add(f"{pad}target: {_num(target)}")
            comment = rng.choice(CURRENT_COMMENTS)
            self.track(ident, current, min(start, target), max(start, target), target, comment)
            self.add(f'{pad}unit: "{unit}"' if unit == "%" else f"{pad}unit: {unit}")
            if rng.random() < 0.3:
                self.add(f"{pad}weight: 2")
        elif kind == "milestone":
            self.add(f"{pad}title: {rng.choice(MILESTONES).format(theme=theme)}")
            self.add(f"{pad}kind: milestone")
            self.add(f"{pad}done: {'true' if rng.random() < 0.4 else 'false'}")
            self.add(f"{pad}due: {self.due()}")
        elif kind == "checklist":
            self.add(f"{pad}title: {rng.choice(CHECKLISTS).format(theme=theme)}")
            self.add(f"{pad}kind: checklist")
            self.add(f"{pad}items:")
            for item in rng.sample(ITEMS, rng.randint(3, 5)):
                done = "true" if rng.random() < 0.5 else "false"
                self.add(f"{pad}  - {{title: {item}, done: {done}}}")
        elif kind == "maintain":
            title, unit, floor, ceiling = rng.choice(MAINTAINS)
            self.add(f"{pad}title: {title.format(theme=theme)}")
            self.add(f"{pad}kind: maintain")
            bottom = floor if floor is not None else 0.0
            top = ceiling if ceiling is not None else 100.0
            if floor is not None:
                self.add(f"{pad}min: {_num(floor)}")
            if ceiling is not None:
                self.add(f"{pad}max: {_num(ceiling)}")
            current = round(rng.uniform(bottom, top), 2 if top - bottom < 1 else 1)
            self.track(ident, current, bottom, top, current, "")
            self.add(f'{pad}unit: "{unit}"' if unit == "%" else f"{pad}unit: {unit}")
        else:  # baseline
            self.add(f"{pad}title: {rng.choice(BASELINES).format(theme=theme)}")
            self.add(f"{pad}kind: baseline")
            if rng.random() < 0.5:
                self.add(f"{pad}current: null  # not measured yet")
            else:
                self.add(f"{pad}current: {_num(rng.uniform(5, 50))}")
        if rng.random() < 0.6:
            self.add(f"{pad}confidence: {rng.choice((0.3, 0.5, 0.6, 0.7, 0.8, 0.9))}")
        if rng.random() < 0.5:
            self.add(f"{pad}owner: {rng.choice(PEOPLE)}")

    def track(
        self, ident: str, value: float, low: float, high: float, goal: float, comment: str
    ) -> None:
        indent = "        "
        self.tracked.append(
            Tracked(ident, self.index, len(self.lines), indent, low, high, value, goal, comment)
        )
        self.add(current_line(indent, value, comment))


def _value(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def current_line(indent: str, value: float, comment: str) -> str:
    return f"{indent}current: {_value(value)}" + (f"  # {comment}" if comment else "")


def _prefix(team_number: int, period: str, width: int) -> str:
    short = f"{period[2:4]}{period[5:]}"
    return f"CO-{short}" if team_number == 0 else f"T{team_number:0{width}d}-{short}"


def generate(
    target: Path, teams: int, periods: int, commits: int = 0, seed: int = 2024
) -> Generated:
    """Write `periods * (teams + 1)` OKR files under `target/okrs` (see the module doc);
    with `commits > 0` also a git history of that many check-ins. `target` must be new
    or empty."""
    began = time.perf_counter()
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty")
    rng = random.Random(seed)
    width = max(3, len(str(teams)))
    names = period_names(periods)
    root = target / "okrs"
    paths: list[Path] = []
    built: list[_File] = []
    by_period: dict[str, list[int]] = {name: [] for name in names}
    for period in names:
        folder = root / period
        folder.mkdir(parents=True)
        company = _prefix(0, period, width)
        for number in range(teams + 1):
            team = "company" if number == 0 else f"team-{number:0{width}d}"
            made = _File(rng, len(built), period, team, top=number == 0)
            made.render(_prefix(number, period, width), company)
            by_period[period].append(made.index)
            built.append(made)
            paths.append(folder / f"{team}.yaml")
    result = Generated(root, paths, 0, periods=names)
    if commits > 0:
        _history(target, built, paths, by_period, commits, rng, result)
    total = 0
    for path, made in zip(paths, built, strict=True):
        data = ("\n".join(made.lines) + "\n").encode()
        path.write_bytes(data)
        total += len(data)
    result.total_bytes = total
    if commits > 0:
        _git(target, "reset", "-q")
    result.seconds = time.perf_counter() - began
    return result


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=True
    )
    return done.stdout.decode().strip()


def _history(
    target: Path,
    built: list[_File],
    paths: list[Path],
    by_period: dict[str, list[int]],
    commits: int,
    rng: random.Random,
    result: Generated,
) -> None:
    """Build the initial commit and `commits` check-ins in one fast-import stream."""
    target.mkdir(parents=True, exist_ok=True)
    _git(target, "init", "-q", "-b", "main")
    _git(target, "config", "user.name", AUTHOR.split(" <")[0])
    _git(target, "config", "user.email", AUTHOR.split("<")[1].rstrip(">"))
    relative = [path.relative_to(target).as_posix() for path in paths]
    periods = list(by_period)
    first_day = period_bounds(periods[0])[0]
    stream: list[bytes] = []

    def commit(day: dt.date, message: str, changed: list[int]) -> None:
        stamp = int(dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC).timestamp())
        body = message.encode()
        stream.append(b"commit refs/heads/main\n")
        stream.append(f"author {AUTHOR} {stamp} +0000\n".encode())
        stream.append(f"committer {AUTHOR} {stamp} +0000\n".encode())
        stream.append(b"data %d\n%s\n" % (len(body), body))
        for index in changed:
            data = ("\n".join(built[index].lines) + "\n").encode()
            stream.append(f"M 100644 inline {relative[index]}\n".encode())
            stream.append(b"data %d\n%s\n" % (len(data), data))

    commit(first_day, "OKRs: kickoff of every team's objectives", list(range(len(built))))
    # The hot key result: the first metric of the first team of the middle period.
    middle = by_period[periods[len(periods) // 2]]
    hot_file = built[middle[1] if len(middle) > 1 else middle[0]]
    hot = hot_file.tracked[0]
    result.hot_key_result, result.hot_file = hot.ident, relative[hot_file.index]
    for number in range(1, commits + 1):
        day = first_day + dt.timedelta(days=number)
        if number % HOT_EVERY == 0:
            tracked = hot
            result.hot_changes += 1
        else:
            quarter = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
            pool = by_period.get(quarter) or by_period[periods[-1]]
            tracked = rng.choice(built[rng.choice(pool)].tracked)
        before = tracked.value
        tracked.value = _step(rng, tracked)
        made = built[tracked.file]
        made.lines[tracked.line] = current_line(tracked.indent, tracked.value, tracked.comment)
        message = f"okr: {tracked.ident} {_value(before)} -> {_value(tracked.value)}"
        commit(day, message, [tracked.file])
    stream.append(b"done\n")
    _git(target, "fast-import", "--quiet", "--done", stdin=b"".join(stream))
    result.first_commit = _git(target, "rev-list", "--max-parents=0", "HEAD")


def _step(rng: random.Random, tracked: Tracked) -> float:
    """The next check-in value: mostly toward the goal, sometimes back, inside the range."""
    span = tracked.high - tracked.low
    move = span * rng.uniform(-0.02, 0.06)
    value = tracked.value + (move if tracked.goal >= tracked.value else -move)
    value = min(max(value, tracked.low), tracked.high)
    value = round(value, 2 if span < 1 else 1)
    if value == tracked.value:  # a check-in always changes the value
        value = round(value + (0.01 if span < 1 else 0.1) * (1 if value < tracked.high else -1), 2)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="a new or empty folder")
    parser.add_argument("--files", type=int, help="about this many files (sets teams, periods)")
    parser.add_argument("--teams", type=int, default=9, help="team files per period")
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--commits", type=int, default=0, help="check-in commits (git)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    teams, periods = layout(args.files) if args.files else (args.teams, args.periods)
    made = generate(args.target, teams, periods, args.commits, args.seed)
    print(
        f"{len(made.files)} files ({made.total_bytes / len(made.files) / 1024:.1f} KiB each),"
        f" {args.commits} commits in {made.seconds:.1f}s under {made.root}"
    )
    if made.hot_key_result:
        print(f"hot key result {made.hot_key_result} ({made.hot_changes} check-ins)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
