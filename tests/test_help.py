"""Help text: every command has help with examples, and the test suite runs every
example in a prepared repository; help is wrapped once, by the terminal; start-up
imports stay light."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import typer
from typer import _click as click
from typer.core import TyperGroup
from typer.testing import CliRunner

from okrcli import __version__
from okrcli.cli.app import app, commands
from tests.conftest import GIT_ENV, SAMPLE_ROOT, Cli

COMMANDS = sorted(command.name or "" for command in commands.registered_commands)
HELP = {command.name or "": command.help or "" for command in commands.registered_commands}


def test_commands_are_registered() -> None:
    assert COMMANDS == [
        "blame",
        "checkin",
        "close",
        "demo",
        "diff",
        "explain",
        "history",
        "import",
        "init",
        "lint",
        "plan",
        "reopen",
        "report",
        "schema",
        "status",
        "sync",
        "tree",
        "validate",
    ]


def examples(command: str) -> list[str]:
    """The example lines of a command's help: the indented lines after `Examples:`."""
    _, found, tail = HELP[command].partition("\nExamples:\n")
    assert found, f"`okr {command} --help` has no examples"
    return [line.strip() for line in tail.splitlines() if line.startswith("  ") and line.strip()]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(cli: Cli, command: str) -> None:
    code, out = cli(command, "--help", env={"COLUMNS": "80"})
    assert code == 0
    assert "Examples:" in out
    shown = examples(command)
    assert any(line.startswith(f"okr {command}") for line in shown)
    # Each example shows whole on an 80-column terminal: one line, as written.
    lines = [line.strip(" │") for line in out.splitlines()]
    for example in shown:
        assert example in lines, f"{example!r} is not one line of `okr {command} --help`"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_paragraphs_are_wrapped_once_by_the_terminal(cli: Cli, command: str) -> None:
    """A prose paragraph is one line in the help text, so typer's terminal wraps it at
    its width, once: at 200 columns a paragraph of fewer characters is one line of the
    output, at 60 no line runs past the width."""
    prose = [
        paragraph
        for paragraph in HELP[command].split("\n\n")
        if not paragraph.startswith(" ") and paragraph != "Examples:"
    ]
    assert prose and all("\n" not in paragraph for paragraph in prose)
    code, wide = cli(command, "--help", env={"COLUMNS": "200"})
    assert code == 0
    lines = [line.strip() for line in wide.splitlines()]
    for paragraph in prose:
        if len(paragraph) < 190:
            assert paragraph in lines
    code, narrow = cli(command, "--help", env={"COLUMNS": "60"})
    assert max(len(line) for line in narrow.splitlines()) <= 60


# ---- every example, run ----------------------------------------------------------------

# Examples that exit non-zero by design: they show how a command fails.
EXPECTED_EXIT = {
    "okr validate --strict": 1,  # the demo has practice warnings: --strict fails on them
    "okr lint --strict": 1,
}
# The repository each command's examples run in: the demo (2026-Q3 closed, a quarter of
# check-ins in 2026-Q4); the demo before its review (2026-Q3 to close); an empty folder.
SANDBOX = {
    "close": "review",
    "init": "empty",
    "demo": "empty",
    "import": "sheets",
    "sync": "synced",
}
ISOLATED_GIT = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", **GIT_ENV}
REVIEW_FILE = "ACME-1: Both outages came from deploys\nPLAT-1: Rollback slipped\n"


@pytest.fixture(scope="module")
def sandboxes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo, the demo before its review (with a reflections file), an empty folder."""
    base = tmp_path_factory.mktemp("sandboxes")
    runner = Cli(CliRunner(), base)
    assert runner("demo", "demo", env=ISOLATED_GIT)[0] == 0
    assert runner("demo", "review", "--before-close", env=ISOLATED_GIT)[0] == 0
    (base / "review" / "review.yaml").write_text(REVIEW_FILE, encoding="utf-8")
    (base / "empty").mkdir()
    _spreadsheets(base / "sheets")
    shutil.copytree(base / "demo", base / "synced", symlinks=True)
    _with_a_source(base / "synced")
    return {name: base / name for name in ("demo", "review", "empty", "sheets", "synced")}


def _with_a_source(repo: Path) -> None:
    """The demo with PLAT-3.1's value in a file a cost-export job commits, as `okr sync
    --help` shows it."""
    file = repo / "okrs" / "2026-Q4" / "platform.yaml"
    lines = file.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "- id: PLAT-3.1" in line)
    unit = next(i for i in range(at, len(lines)) if lines[i].strip().startswith("unit:"))
    indent = lines[unit][: len(lines[unit]) - len(lines[unit].lstrip())]
    lines.insert(unit + 1, f"{indent}source: {{file: metrics/cloud.json, select: spend_k_usd}}\n")
    file.write_text("".join(lines), encoding="utf-8")
    (repo / "metrics").mkdir()
    (repo / "metrics" / "cloud.json").write_text('{"spend_k_usd": 164.5}\n', encoding="utf-8")
    env = {**os.environ, **ISOLATED_GIT}
    for command in (["add", "-A"], ["commit", "-q", "-m", "PLAT-3.1 from the cost export"]):
        subprocess.run(["git", *command], cwd=repo, env=env, check=True, capture_output=True)


def _spreadsheets(folder: Path) -> None:
    """The spreadsheets `okr import --help` names: a CSV export, an Excel workbook."""
    folder.mkdir()
    (folder / "okrs.csv").write_text(
        "Team,Objective,Key result,Baseline,Target,Actual\n"
        "platform,Make deploys reliable,Raise deploy success rate,92%,99%,95%\n"
        "platform,Make deploys reliable,Cut rollback time,30,5,20\n",
        encoding="utf-8",
    )
    (folder / "export.csv").write_text(
        "Goal Name,Key result,Start,Target,Quarter\nWin,Grow revenue,1,2,2026-Q4\n",
        encoding="utf-8",
    )
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Objective", "Key result", "Start", "Target"])
    book.active.append(["Spend less on cloud", "Cut monthly spend", 182, 150])
    book.save(folder / "q4.xlsx")


@dataclass
class Shell:
    """Just enough of a shell for the examples: `&&`, `|`, `>`, `cd`, and `#` comments.
    `okr` runs in-process; `/tmp/` is a folder of the sandbox; other programs (jq,
    check-jsonschema) are not run, but what `okr` pipes into jq must be JSON."""

    cli: Cli
    root: Path
    ran: list[tuple[list[str], int, str]] = field(default_factory=list)

    def run(self, line: str) -> None:
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        tokens = list(lexer)
        command: list[str] = []
        for token in [*tokens, "&&"]:
            if token == "&&":
                if not self.step(command):
                    return
                command = []
            else:
                command.append(token)

    def step(self, tokens: list[str]) -> bool:
        """One command of an `&&` chain (a pipeline, maybe redirected); whether it
        succeeded."""
        stages: list[list[str]] = [[]]
        for token in tokens:
            if token == "|":
                stages.append([])
            else:
                stages[-1].append(token)
        words, target = stages[0], None
        if ">" in words:
            words, target = words[: words.index(">")], words[words.index(">") + 1]
        words = [self.mapped(word) for word in words]
        if words[0] == "cd":
            self.cli = Cli(self.cli.runner, self.cli.cwd / words[1])
            return True
        if words[0] != "okr":
            return True  # another program, not okrcli's to test
        result = self.cli.run(*words[1:], env=ISOLATED_GIT)
        self.ran.append((words, result.exit_code, result.stdout + result.stderr))
        if target is not None:
            (self.cli.cwd / self.mapped(target)).write_text(result.stdout, encoding="utf-8")
        if len(stages) > 1 and stages[1][0] == "jq":
            json.loads(result.stdout)  # what jq reads must be one JSON document
        return result.exit_code == 0

    def mapped(self, word: str) -> str:
        return str(self.root / "tmp" / word[5:]) if word.startswith("/tmp/") else word


EXAMPLES = [(command, example) for command in COMMANDS for example in examples(command)]


@pytest.mark.parametrize(("command", "example"), EXAMPLES, ids=[e for _, e in EXAMPLES])
def test_every_help_example_runs(
    sandboxes: dict[str, Path], tmp_path: Path, command: str, example: str
) -> None:
    """Each example of every `--help`, run in a fresh copy of a prepared repository:
    it exits as it should (0, or the failure it demonstrates) and says something."""
    sandbox = tmp_path / "sandbox"
    shutil.copytree(sandboxes[SANDBOX.get(command, "demo")], sandbox, symlinks=True)
    (sandbox / "tmp").mkdir()
    shell = Shell(Cli(CliRunner(), sandbox), sandbox)
    shell.run(example)
    okr_runs = [(words, code, said) for words, code, said in shell.ran]
    if not example.startswith("okr"):
        assert okr_runs == []
        return
    assert okr_runs, f"{example!r} ran no okr command"
    expected = EXPECTED_EXIT.get(example.split("#")[0].strip(), 0)
    for words, code, said in okr_runs:
        assert code == expected, f"{' '.join(words)} exited {code}:\n{said}"
    outputs = [said for _, _, said in okr_runs] + [
        path.read_text("utf-8")
        for path in sandbox.iterdir()
        if path.suffix in (".md", ".json", ".csv")
    ]
    assert any(text.strip() for text in outputs)


def test_version(cli: Cli) -> None:
    assert cli("--version") == (0, f"okr {__version__}\n")


def test_no_arguments_shows_help(cli: Cli) -> None:
    code, out = cli()
    assert code in (0, 2)
    assert "validate" in out


def imported_after(code: str) -> set[str]:
    """The modules loaded once `code` ran in a fresh interpreter (stdout may hold more)."""
    probe = f"import sys\n{code}\nprint(''.join('module:' + m + chr(10) for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return {line[7:] for line in done.stdout.splitlines() if line.startswith("module:")}


def test_loading_the_cli_imports_no_core_or_heavy_library() -> None:
    loaded = imported_after("import okrcli.cli.app")
    for heavy in ("git", "pydantic", "ruamel.yaml", "rich.table", "okrcli.model"):
        assert heavy not in loaded, f"{heavy} is imported at start-up"


def test_validate_imports_neither_git_nor_rich_tables(tmp_path: object) -> None:
    code = (
        "import sys\n"
        "from okrcli.cli.app import app\n"
        "from tests.conftest import SAMPLE_ROOT\n"
        "try:\n"
        "    app(['validate', '--root', str(SAMPLE_ROOT)], prog_name='okr')\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    loaded = imported_after(code)
    assert "okrcli.model" in loaded
    assert "git" not in loaded
    assert "rich.table" not in loaded
    assert "jinja2" not in loaded and "okrcli.render.html" not in loaded


def test_only_the_html_report_imports_the_template_engine() -> None:
    """Jinja2 is for `--format html` alone: the markdown report does without it."""
    argv = ["report", "--root", str(SAMPLE_ROOT), "--no-history", "--as-of", "2026-11-25"]
    assert "jinja2" not in modules_after(argv)
    assert "jinja2" in modules_after([*argv, "--format", "html"])


def modules_after(argv: list[str]) -> set[str]:
    code = (
        "from okrcli.cli.app import app\n"
        "try:\n"
        f"    app({argv!r}, prog_name='okr')\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    return imported_after(code)


def test_only_the_command_that_runs_is_built() -> None:
    """typer would build all eighteen commands' options before parsing anything."""
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    assert list(group.commands) == [command.name for command in commands.registered_commands]
    assert group.commands.built == []  # type: ignore[attr-defined]
    with pytest.raises(SystemExit) as done:
        group.main(["explain", "OKR001"], prog_name="okr")
    assert done.value.code == 0
    assert group.commands.built == ["explain"]  # type: ignore[attr-defined]
    assert group.get_command(click.Context(group), "no-such") is None


def test_option_parsing_imports_no_pydantic() -> None:
    """typer 0.29 parses every option through a pydantic adapter built on each run (50
    ms of every command): pyproject keeps typer below it, and this fails if it is not."""
    code = (
        "import typer\n"
        "app = typer.Typer()\n"
        "@app.command()\n"
        "def main(name: str = 'x', count: int = 1, flag: bool = False) -> None:\n"
        "    print(name, count, flag)\n"
        "try:\n"
        "    app(['--name', 'a', '--count', '2', '--flag'])\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    assert "pydantic" not in imported_after(code)


def test_help_loads_nothing_of_okrcli_core() -> None:
    loaded = modules_after(["--help"])
    for heavy in ("git", "pydantic", "ruamel.yaml", "yaml", "okrcli.model", "okrcli.scoring"):
        assert heavy not in loaded, f"`okr --help` imports {heavy}"


def test_version_loads_no_renderer() -> None:
    loaded = modules_after(["--version"])
    for heavy in ("git", "pydantic", "ruamel.yaml", "rich.table", "okrcli.model"):
        assert heavy not in loaded, f"`okr --version` imports {heavy}"


def test_validate_reads_with_libyaml() -> None:
    code = (
        "from okrcli.cli.app import app\n"
        "from tests.conftest import SAMPLE_ROOT\n"
        "try:\n"
        "    app(['validate', '--root', str(SAMPLE_ROOT)], prog_name='okr')\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    loaded = imported_after(code)
    assert "yaml" in loaded and "okrcli.read.events" in loaded
    assert "git" not in loaded and "rich.table" not in loaded
