"""Fuzzing: mutated OKR files and hostile text through validate, lint, status, report and
tree, in every output format. No run may end in an internal error (exit 3), hang, or
print a control character, a GitHub workflow command or a terminal escape that did not
come from okrcli itself.

Bounded: a fixed number of examples (hypothesis), each a root of the bundled sample with
one file mutated and hostile text put in its titles, owners and units."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE_ROOT, Cli
from tests.test_loader_properties import mutated_files

VIEW = ("--no-history", "--as-of", "2026-11-25")
COMMANDS: list[list[str]] = [
    *(["validate", "--format", f] for f in ("text", "json", "github", "gitlab")),
    *(["lint", "--format", f, "--as-of", "2026-11-25"] for f in ("text", "json", "github")),
    *(
        ["status", "--no-history", "--as-of", "2026-11-25", "--format", f]
        for f in ("table", "markdown", "json", "csv")
    ),
    *(
        ["report", "--no-history", "--as-of", "2026-11-25", "--format", f]
        for f in ("markdown", "json", "html")
    ),
    *(
        ["tree", "--no-history", "--as-of", "2026-11-25", "--format", f]
        for f in ("text", "markdown", "json")
    ),
]

HOSTILE = [
    "x\r::add-mask::secret",
    "##[set-output name=approved]true",
    "ok\r\n::error file=README.md,line=1::pwned",
    "\x1b[2J\x1b[Hok: 8 files valid",
    "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\",
    "\x1b]52;c;ZXZpbA==\x07",
    "abc\u202edcba",
    "end\r<!--",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://x")',
    "@org/team \u2028 line \u2029 para \x85 next",
    "tab\there\x00nul\x7fdel\x9bcsi",
]

YAML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML scalar (escapes for every non-printable)."""
    out = []
    for char in text:
        if char in YAML_ESCAPES:
            out.append(YAML_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or char in "\u2028\u2029":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_SCALAR_LINE = re.compile(r"^(\s*-?\s*(?:title|owner|unit|standalone): ).*$", re.MULTILINE)


@st.composite
def hostile_root(draw: st.DrawFn) -> dict[str, bytes]:
    """The bundled sample's 2026-Q4 files: one with hostile text in its titles, owners
    and units, and perhaps one mutated at random."""
    files = {
        f"2026-Q4/{path.name}": path.read_bytes()
        for path in sorted((SAMPLE_ROOT / "2026-Q4").glob("*.yaml"))
    }
    name = draw(st.sampled_from(sorted(files)))
    strings = st.sampled_from(HOSTILE) | st.text(max_size=40)
    text = files[name].decode("utf-8")
    text = _SCALAR_LINE.sub(lambda m: m.group(1) + yaml_string(draw(strings)), text)
    files[name] = text.encode("utf-8")
    if draw(st.booleans()):
        other = draw(st.sampled_from(sorted(files)))
        files[other] = draw(mutated_files()).replace(b"2026-Q4\n", b"2026-Q4\n", 1)
    note(f"hostile file: {name}")
    return files


# Our own annotations: `::error file=...,line=N,col=N,title=OKRnnn::escaped data`.
_OWN_ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,title=OKR\d{3}::"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def runner_lines(text: str) -> list[str]:
    """Lines as the GitHub runner splits them: on \\n, \\r and \\r\\n."""
    return re.split(r"\r\n|\r|\n", text)


def assert_safe_output(text: str, command: list[str]) -> None:
    assert not _CONTROL.search(text.replace("\n", "")), (command, _CONTROL.search(text))
    for line in runner_lines(text):
        assert "##[" not in line, (command, line)
        stripped = line.lstrip()
        if stripped.startswith("::"):
            assert _OWN_ANNOTATION.match(stripped), (command, line)
            data = stripped.split("::", 2)[2]
            assert "\r" not in data and "\n" not in data


@settings(
    max_examples=25,
    deadline=dt.timedelta(seconds=30),  # a guard against hangs, not a speed test
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(files=hostile_root())
def test_hostile_roots_through_every_command_and_format(
    files: dict[str, bytes], cli: Cli, tmp_path: Path
) -> None:
    root = tmp_path / "okrs"
    shutil.rmtree(root, ignore_errors=True)
    for relative, raw in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    for command in COMMANDS:
        code, out = cli(*command)
        assert code in (0, 1, 2), (command, code)
        assert_safe_output(out, command)


@pytest.mark.parametrize("text", HOSTILE)
def test_every_hostile_string_is_safe_in_every_output(text: str, cli: Cli) -> None:
    """Each hostile string in every titled place of every file, deterministically."""
    root = cli.cwd / "okrs"
    for path in sorted((SAMPLE_ROOT / "2026-Q4").glob("*.yaml")):
        body = path.read_text(encoding="utf-8")
        body = _SCALAR_LINE.sub(lambda m: m.group(1) + yaml_string(text), body)
        target = root / "2026-Q4" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    for command in COMMANDS:
        code, out = cli(*command)
        assert code in (0, 1), (command, code, out[:500])
        assert_safe_output(out, command)
