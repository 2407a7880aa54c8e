"""`okr` in a real terminal, as a person runs it: the installed entry point on a
pseudo-terminal of 80 columns (and, where tmux is installed, in a tmux window of 80
columns, whose screen is captured). The width comes from the terminal itself (no
`COLUMNS`); output piped from a wide terminal does not follow it.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import SAMPLE_ROOT
from tests.system_tools import require_program

OKR = Path(sys.executable).parent / "okr"
GOLDEN = Path(__file__).resolve().parent / "golden"
ARGS = ("status", "--as-of", "2026-11-25", "--no-history")
# What a terminal does with output besides showing text: colours, links, cursor moves.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
_ROW = re.compile(r"^( *)([A-Z]+-\d+(?:\.\d+)?) ")

pytestmark = pytest.mark.skipif(not OKR.exists(), reason="okr is not installed in this venv")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_ROOT, tmp_path / "okrs")
    return tmp_path


def clean_env() -> dict[str, str]:
    """The environment of a person's shell: no width, colour or CI settings."""
    drop = {"COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "CI", "OKR_ROOT", "GITHUB_ACTIONS"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    return env | {"TERM": "xterm-256color", "OKR_NO_CACHE": "1"}


def terminal(columns: int) -> tuple[int, int]:
    """A pseudo-terminal (controller, terminal side) of `columns` x 60."""
    controller, side = os.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    return controller, side


def read_all(controller: int) -> bytes:
    """Everything the program wrote, until it closed the terminal (Linux reports EIO
    once no process holds the terminal side: the program has exited)."""
    chunks = []
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def on_terminal(cwd: Path, *args: str, columns: int = 80) -> tuple[int, str]:
    """`okr ARGS` with stdin, stdout and stderr on a terminal `columns` wide: its exit
    code and the text it showed, as raw as the terminal received it."""
    controller, side = terminal(columns)
    process = subprocess.Popen(
        [str(OKR), *args], cwd=cwd, stdin=side, stdout=side, stderr=side, env=clean_env()
    )
    os.close(side)
    raw = read_all(controller)
    os.close(controller)
    return process.wait(), raw.decode("utf-8")


def screen_text(raw: str) -> str:
    """What a person reads: the terminal's escapes gone, its line ends back to `\\n`."""
    return _ESCAPES.sub("", raw).replace("\r\n", "\n")


def assert_hierarchy_kept(screen: str) -> None:
    """In every table (from the rule under its header to the blank line after it), a
    line that continues a row's title starts where that row's title starts: at 0 for an
    objective, at 2 for a key result. Both kinds do wrap at 80 columns."""
    level: int | None = None
    in_table = False
    continued = {0: 0, 2: 0}
    for line in screen.split("\n"):
        if line.startswith("─"):
            in_table = True
            continue
        if not line.strip():
            in_table, level = False, None
            continue
        row = _ROW.match(line)
        if not in_table or row:
            level = len(row.group(1)) if in_table and row else None
            continue
        title_part = line[:26]
        if level is not None and title_part.strip():
            indent = len(title_part) - len(title_part.lstrip())
            assert indent == level, f"continuation at {indent}, its row at {level}: {line!r}"
            continued[level] += 1
    assert continued[0] > 0 and continued[2] > 0, continued


def assert_fits(screen: str, columns: int) -> None:
    lines = screen.split("\n")
    assert max(cell_len(line) for line in lines) <= columns
    assert [line for line in lines if line != line.rstrip()] == []


def test_status_in_a_terminal_of_80_columns(sample: Path) -> None:
    code, raw = on_terminal(sample, *ARGS, columns=80)
    assert code == 0, raw
    assert "\x1b[" in raw  # a terminal: in colour
    screen = screen_text(raw)
    assert_fits(screen, 80)
    assert_hierarchy_kept(screen)
    # The same text as the checked-in view at 80 columns, colour aside.
    assert screen == (GOLDEN / "sample" / "80" / "status.txt").read_text(encoding="utf-8")
    assert screen.rstrip("\n").endswith(
        "left out to fit 80 columns: Progress, Conf., Grade (all show at 108)"
    )


def test_a_wider_terminal_gets_a_wider_table(sample: Path) -> None:
    code, raw = on_terminal(sample, *ARGS, columns=120)
    assert code == 0
    screen = screen_text(raw)
    assert_fits(screen, 120)
    assert "Progress" in screen and "left out" not in screen
    assert max(cell_len(line) for line in screen.split("\n")) > 100


def test_piped_output_does_not_follow_the_terminal(sample: Path) -> None:
    """stdin and stderr on a 200-column terminal, stdout a pipe: 80 columns, the same
    text as anywhere else; COLUMNS, when set, decides."""
    controller, side = terminal(200)
    done = subprocess.run(
        [str(OKR), *ARGS],
        cwd=sample,
        stdin=side,
        stderr=side,
        stdout=subprocess.PIPE,
        env=clean_env(),
        check=True,
    )
    os.close(side)
    read_all(controller)
    os.close(controller)
    out = done.stdout.decode("utf-8")
    assert "\x1b" not in out  # a pipe: no colour
    assert out == (GOLDEN / "sample" / "80" / "status.txt").read_text(encoding="utf-8")
    wide = subprocess.run(
        [str(OKR), *ARGS],
        cwd=sample,
        capture_output=True,
        env=clean_env() | {"COLUMNS": "200"},
        check=True,
    )
    assert wide.stdout.decode() == (GOLDEN / "sample" / "200" / "status.txt").read_text("utf-8")


def test_status_in_a_tmux_window_of_80_columns(sample: Path, tmp_path: Path) -> None:
    """The screen of an 80-column tmux window after `okr status`: tmux lays the text
    out as a terminal does, so a line too long would show wrapped here."""
    tmux = require_program("tmux", package="tmux")
    socket = tmp_path / "tmux.sock"
    base = [tmux, "-S", str(socket), "-f", os.devnull]
    # The command signals when it is done, then keeps its window open to be captured.
    command = (
        f"{OKR} {' '.join(ARGS)} --root {sample / 'okrs'}; "
        f"{tmux} -S {socket} wait-for -S okr-done; exec cat"
    )
    env = clean_env()
    start = [*base, "new-session", "-d", "-x", "80", "-y", "50", "-c", str(sample), command]
    subprocess.run(start, env=env, check=True)
    try:
        subprocess.run([*base, "set-option", "-g", "history-limit", "5000"], env=env, check=True)
        subprocess.run([*base, "wait-for", "okr-done"], env=env, check=True)
        captured = subprocess.run(
            [*base, "capture-pane", "-p", "-S", "-", "-E", "-"],
            env=env,
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")
    finally:
        subprocess.run([*base, "kill-server"], env=env, check=False)
    screen = captured.rstrip("\n") + "\n"
    assert_fits(screen, 80)
    assert_hierarchy_kept(screen)
    assert screen == (GOLDEN / "sample" / "80" / "status.txt").read_text(encoding="utf-8")
