"""Golden output: every command's output over fixed inputs, byte for byte.

These pin the output contracts through the command line only (no `okrcli` import
besides the app that `tests.conftest` runs), so they must pass unchanged whatever the
modules are called or where they live.

- the bundled sample (`okrs/`), copied into a temporary folder that is not a git
  repository, scored as of a fixed day;
- the demo repository (`okr demo`), built once per module: its commits have fixed dates
  and authors, so its shas are the same on every machine (checked below);
- a corpus of broken OKR roots in `tests/golden/broken/`, one folder per problem.

`OKR_UPDATE_GOLDEN=1 pytest tests/test_golden.py` rewrites the files in `tests/golden/`
from today's output (review the `git diff` before committing it).
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SAMPLE_ROOT, Cli

GOLDEN = Path(__file__).resolve().parent / "golden"
BROKEN = GOLDEN / "broken"
AS_OF = "2026-11-25"
# Text formats: a fixed width, no colour.
TEXT_ENV = {"COLUMNS": "100", "NO_COLOR": "1"}
# The demo commits through git: keep the machine's git configuration (signing, hooks,
# templates) out of it, so the shas depend on the demo alone.
ISOLATED_GIT = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
DEMO_HEAD = "133207330dbdd7766346e98ff16af3bc715259e6"


def assert_golden(name: str, text: str) -> None:
    """`text` equals `tests/golden/<name>`; with OKR_UPDATE_GOLDEN=1, (re)write it."""
    path = GOLDEN / name
    if os.environ.get("OKR_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"no golden file tests/golden/{name}; OKR_UPDATE_GOLDEN=1 writes it")
    expected = path.read_bytes().decode("utf-8")
    if unrounded(text) != unrounded(expected):
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"tests/golden/{name}",
                "actual output",
            )
        )
        pytest.fail(
            f"output differs from tests/golden/{name} (OKR_UPDATE_GOLDEN=1 rewrites it):\n{diff}",
            pytrace=False,
        )


# Unrounded scores (JSON, CSV) may differ in their last bits between two correct ways of
# summing (stdlib `statistics.fmean` sums exactly); twelve places are the contract.
_LONG_FLOAT = re.compile(r"-?\d+\.\d{13,}(?:e[-+]?\d+)?")


def unrounded(text: str) -> str:
    """`text` with every float of more than twelve decimals rounded to twelve."""
    return _LONG_FLOAT.sub(lambda match: repr(round(float(match.group(0)), 12)), text)


def scrub(text: str, folder: Path) -> str:
    """Replace the temporary `folder` (as given and resolved) with `<TMP>`."""
    for form in sorted({str(folder.resolve()), str(folder)}, key=len, reverse=True):
        text = text.replace(form, "<TMP>")
    return text


def run(cli: Cli, folder: Path, *args: str, code: int = 0) -> str:
    """`okr ARGS` in `folder` with the fixed text environment; check the exit code."""
    exit_code, out = Cli(cli.runner, folder)(*args, env=TEXT_ENV)
    assert exit_code == code, out
    return scrub(out, folder)


def assert_json_golden(name: str, text: str) -> None:
    json.loads(text)  # one JSON document, nothing else on stdout
    assert_golden(name, text)


# ---- the bundled sample, outside git --------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    shutil.copytree(SAMPLE_ROOT, folder / "okrs")
    return folder


SCORED = ("--as-of", AS_OF, "--no-history")
SAMPLE_CASES: list[tuple[str, tuple[str, ...]]] = [
    ("status.json", ("status", "--format", "json", *SCORED)),
    ("status-2026-Q3.json", ("status", "--format", "json", "--period", "2026-Q3", *SCORED)),
    ("report.json", ("report", "--format", "json", *SCORED)),
    ("report-2026-Q3.json", ("report", "--format", "json", "--period", "2026-Q3", *SCORED)),
    ("tree.json", ("tree", "--format", "json", *SCORED)),
    ("tree-2026-Q3.json", ("tree", "--format", "json", "--period", "2026-Q3", *SCORED)),
    ("status-table.txt", ("status", *SCORED)),
    ("status-2026-Q3-table.txt", ("status", "--period", "2026-Q3", *SCORED)),
    ("status.md", ("status", "--format", "markdown", *SCORED)),
    ("status.csv", ("status", "--format", "csv", *SCORED)),
    ("tree.txt", ("tree", *SCORED)),
    ("tree.md", ("tree", "--format", "markdown", *SCORED)),
    ("report.md", ("report", *SCORED)),
    ("report-2026-Q3.md", ("report", "--period", "2026-Q3", *SCORED)),
    ("report.html", ("report", "--format", "html", *SCORED)),
    ("report-2026-Q3.html", ("report", "--format", "html", "--period", "2026-Q3", *SCORED)),
    ("lint.txt", ("lint", "--as-of", AS_OF)),
    ("lint.json", ("lint", "--format", "json", "--as-of", AS_OF)),
    # 2026-Q3 is closed: final grades, an override, reflections and decisions.
    ("status-2026-Q3.md", ("status", "--format", "markdown", "--period", "2026-Q3", *SCORED)),
    ("status-2026-Q3.csv", ("status", "--format", "csv", "--period", "2026-Q3", *SCORED)),
    ("tree-2026-Q3.txt", ("tree", "--period", "2026-Q3", *SCORED)),
    ("tree-2026-Q3.md", ("tree", "--format", "markdown", "--period", "2026-Q3", *SCORED)),
    ("lint-2026-Q3.txt", ("lint", "--period", "2026-Q3", "--as-of", AS_OF)),
    ("validate.txt", ("validate",)),
    ("validate.json", ("validate", "--format", "json")),
]


@pytest.mark.parametrize(("name", "args"), SAMPLE_CASES, ids=[name for name, _ in SAMPLE_CASES])
def test_sample(cli: Cli, sample: Path, name: str, args: tuple[str, ...]) -> None:
    out = run(cli, sample, *args)
    if name.endswith(".json"):
        assert_json_golden(f"sample/{name}", out)
    else:
        assert_golden(f"sample/{name}", out)


# ---- table views at the widths people use ---------------------------------------------

WIDTHS = (80, 120, 200)
WIDE_CASES: list[tuple[str, tuple[str, ...]]] = [
    ("status.txt", ("status", *SCORED)),
    ("status-2026-Q3.txt", ("status", "--period", "2026-Q3", *SCORED)),
    ("tree.txt", ("tree", *SCORED)),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "args"), WIDE_CASES, ids=[name for name, _ in WIDE_CASES])
def test_sample_at_width(
    cli: Cli, sample: Path, width: int, name: str, args: tuple[str, ...]
) -> None:
    """The bundled sample's table views at 80, 120 and 200 columns, as a pipe with
    COLUMNS set would get them."""
    exit_code, out = Cli(cli.runner, sample)(*args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert exit_code == 0, out
    assert_golden(f"sample/{width}/{name}", scrub(out, sample))


# ---- the demo repository, with history -----------------------------------------------


def build_demo(parent: Path) -> tuple[Path, str]:
    """`okr demo okr-demo` run in `parent`: the repository and what the command printed."""
    code, out = Cli(CliRunner(), parent)("demo", "okr-demo", env=ISOLATED_GIT)
    assert code == 0, out
    return parent / "okr-demo", out


def log(repo: Path) -> str:
    env = {**os.environ, **ISOLATED_GIT}
    return subprocess.run(
        ["git", "log", "--format=%H %an <%ae> %aI %cI %s"],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo, _ = build_demo(tmp_path_factory.mktemp("demo"))
    return repo


def test_demo_is_reproducible(demo: Path, tmp_path: Path) -> None:
    """Fixed dates and authors: a second build has the same commits, and the shas the
    goldens below hold."""
    again, out = build_demo(tmp_path)
    assert log(again) == log(demo)
    assert log(demo).split(" ", 1)[0] == DEMO_HEAD
    assert_golden("demo/demo.txt", out)
    assert_golden("demo/log.txt", log(demo))


WITH_HISTORY = ("--as-of", AS_OF)
DEMO_CASES: list[tuple[str, tuple[str, ...]]] = [
    ("status.json", ("status", "--format", "json", *WITH_HISTORY)),
    ("report.json", ("report", "--format", "json", *WITH_HISTORY)),
    ("tree.json", ("tree", "--format", "json", *WITH_HISTORY)),
    ("status-2026-Q3.json", ("status", "--format", "json", "--period", "2026-Q3", *WITH_HISTORY)),
    ("diff-kickoff-head.json", ("diff", "2026-10-01", "HEAD", "--format", "json")),
    ("diff-quarters.json", ("diff", "2026-Q3", "2026-Q4", "--format", "json")),
    ("diff-head3-all.json", ("diff", "HEAD~3", "HEAD", "--format", "json", "--all")),
    ("history-PLAT-1.1.json", ("history", "PLAT-1.1", "--format", "json")),
    ("history-PLAT-1.json", ("history", "PLAT-1", "--format", "json")),
    ("blame-PLAT-3.1.json", ("blame", "PLAT-3.1", "--format", "json")),
    ("report-since.json", ("report", "--format", "json", "--since", "HEAD~5", *WITH_HISTORY)),
    ("status-table.txt", ("status", *WITH_HISTORY)),
    ("status.md", ("status", "--format", "markdown", *WITH_HISTORY)),
    ("status.csv", ("status", "--format", "csv", *WITH_HISTORY)),
    ("tree.txt", ("tree", *WITH_HISTORY)),
    ("tree.md", ("tree", "--format", "markdown", *WITH_HISTORY)),
    ("report.md", ("report", *WITH_HISTORY)),
    ("report-since.md", ("report", "--since", "HEAD~5", *WITH_HISTORY)),
    # Charts from the history, the alignment tree, the closed 2026-Q3, the eased target.
    ("report.html", ("report", "--format", "html", "--since", "HEAD~5", *WITH_HISTORY)),
    ("diff-kickoff-head.txt", ("diff", "2026-10-01", "HEAD")),
    ("diff-kickoff-head.md", ("diff", "2026-10-01", "HEAD", "--format", "markdown")),
    ("diff-quarters.txt", ("diff", "2026-Q3", "2026-Q4")),
    ("diff-quarters.md", ("diff", "2026-Q3", "2026-Q4", "--format", "markdown")),
    ("diff-head3-all.txt", ("diff", "HEAD~3", "HEAD", "--all")),
    ("history-PLAT-1.1.txt", ("history", "PLAT-1.1")),
    ("history-PLAT-1.1.csv", ("history", "PLAT-1.1", "--format", "csv")),
    ("history-PLAT-1.txt", ("history", "PLAT-1")),
    ("history-PLAT-1.csv", ("history", "PLAT-1", "--format", "csv")),
    ("history-GROW-1.4.json", ("history", "GROW-1.4", "--format", "json")),
    ("blame-PLAT-3.1.txt", ("blame", "PLAT-3.1")),
    ("lint.txt", ("lint", *WITH_HISTORY)),
    ("lint.json", ("lint", "--format", "json", *WITH_HISTORY)),
]


@pytest.mark.parametrize(("name", "args"), DEMO_CASES, ids=[name for name, _ in DEMO_CASES])
def test_demo(cli: Cli, demo: Path, name: str, args: tuple[str, ...]) -> None:
    out = run(cli, demo, *args)
    if name.endswith(".json"):
        assert_json_golden(f"demo/{name}", out)
    else:
        assert_golden(f"demo/{name}", out)


DEMO_WIDE_CASES: list[tuple[str, tuple[str, ...]]] = [
    ("status.txt", ("status", *WITH_HISTORY)),
    ("diff-kickoff-head.txt", ("diff", "2026-10-01", "HEAD")),
    ("diff-quarters.txt", ("diff", "2026-Q3", "2026-Q4")),
    ("history-PLAT-3.1.txt", ("history", "PLAT-3.1")),
    ("blame-PLAT-3.1.txt", ("blame", "PLAT-3.1")),
]


@pytest.mark.parametrize("width", (80, 200))
@pytest.mark.parametrize(
    ("name", "args"), DEMO_WIDE_CASES, ids=[name for name, _ in DEMO_WIDE_CASES]
)
def test_demo_at_width(cli: Cli, demo: Path, width: int, name: str, args: tuple[str, ...]) -> None:
    """The views with history at 80 and 200 columns."""
    exit_code, out = Cli(cli.runner, demo)(*args, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert exit_code == 0, out
    assert_golden(f"demo/{width}/{name}", scrub(out, demo))


# ---- validation of broken files --------------------------------------------------------

BROKEN_CASES = sorted(path.name for path in BROKEN.iterdir() if path.is_dir())


def test_the_broken_corpus_is_complete() -> None:
    assert len(BROKEN_CASES) >= 20


@pytest.mark.parametrize("output_format", ["text", "json"])
@pytest.mark.parametrize("case", BROKEN_CASES)
def test_validate_broken(cli: Cli, case: str, output_format: str) -> None:
    """Each folder of tests/golden/broken/ is an OKR root with one kind of problem."""
    shutil.copytree(BROKEN / case, cli.cwd / "okrs")
    out = run(cli, cli.cwd, "validate", "--format", output_format, code=1)
    if output_format == "json":
        assert_json_golden(f"validate/{case}.json", out)
    else:
        assert_golden(f"validate/{case}.txt", out)
