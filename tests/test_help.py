"""Help text: every command has help with an example; start-up imports stay light."""

from __future__ import annotations

import subprocess
import sys

import pytest

from okrcli import __version__
from okrcli.cli.app import app
from tests.conftest import Cli

COMMANDS = sorted(command.name or "" for command in app.registered_commands)


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
        "tree",
        "validate",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(cli: Cli, command: str) -> None:
    code, out = cli(command, "--help")
    assert code == 0
    assert "Examples:" in out
    assert f"okr {command}" in out


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


def modules_after(argv: list[str]) -> set[str]:
    code = (
        "from okrcli.cli.app import app\n"
        "try:\n"
        f"    app({argv!r}, prog_name='okr')\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    return imported_after(code)


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
