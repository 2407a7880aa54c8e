"""Hostile user text in every output (`okrcli/render/escape.py` and the renderers).

okrcli runs in CI on files from pull requests: titles, owners, units, item titles, key
names, file names, commit messages and authors are the attacker's text. The GitHub runner
reads a workflow command from any log line that starts with `::` (after leading
whitespace, `ActionCommand.TryParseV2`) and from `##[` anywhere in a line (the legacy
`TryParse`); markdown goes to step summaries and pull-request comments; CSV goes to
spreadsheets. These tests run every command over such text and check each output the
way its consumer reads it: the runner's line split, a CommonMark renderer, the csv
module, `json.loads`.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.cells import cell_len

from okrcli.cli.app import app
from okrcli.render.escape import (
    ZWSP,
    annotation_data,
    annotation_property,
    csv_cell,
    html_text,
    json_text,
    markdown,
    md_code,
    plain,
)
from tests.conftest import GIT_ENV, Cli, git, write_files

AS_OF = "2026-11-15"
WIDE = {"COLUMNS": "250"}  # tables without wrapping, so that a row is one line

# ---- the hostile files ------------------------------------------------------------------

# Double-quoted YAML: "\r", "\x1b", "\u202e" are the characters themselves.
PLATFORM = r"""period: 2026-Q4
team: platform
owner: "@org/team"
objectives:
  - id: PLAT-1
    title: "x\r::add-mask::secret"
    type: committed
    standalone: "##[z]\r::` <b> `"
    key_results:
      - id: PLAT-1.1
        title: "##[set-output name=approved]true"
        start: 92
        target: 99.5
        current: 96.1
        unit: "\x1b[2J%"
        owner: "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"
      - id: PLAT-1.2
        title: "Ship it\r::error file=README.md,line=1::pwned"
        kind: milestone
        done: false
        due: 2026-12-15
        owner: "\x1b]52;c;cHduZWQ=\x07"
      - id: PLAT-1.3
        title: "Cut \u202egnp.exe costs"
        start: 10
        target: 20
        current: 12
        unit: "\u2028::error::u\u2029"
  - id: PLAT-2
    title: "<details> ##[group]x"
    standalone: Reliability is our own bar this quarter, and we say why right here.
    key_results:
      - id: PLAT-2.1
        title: "<img src=x onerror=alert(1)>"
        start: 0
        target: 10
        current: 5
      - id: PLAT-2.2
        title: "[link](http://evil) www.evil.com @org/team"
        start: 0
        target: 10
        current: 5
      - id: PLAT-2.3
        title: "Publish the runbook\r<!--"
        start: 0
        target: 10
        current: 5
      - id: PLAT-2.4
        title: "a\rb"
        kind: checklist
        items:
          - {title: "##[error]item\r::error::x", done: true}
          - {title: "fine", done: false}
"""

GROWTH = r"""period: 2026-Q4
team: growth
owner: "=cmd|' /C calc'!A0"
objectives:
  - id: GROW-1
    title: "=HYPERLINK(\"http://x\")"
    standalone: Growth is our own bar this quarter, and we say why right here.
    key_results:
      - id: GROW-1.1
        title: "+cmd|' /C calc'!A0"
        start: 0
        target: 10
        current: 5
        unit: "-"
        owner: "@SUM(1)"
      - id: GROW-1.2
        title: "-2+3"
        start: 0
        target: 10
        current: 5
        owner: "\tTAB"
      - id: GROW-1.3
        title: "@SUM(1)"
        start: 0
        target: 10
        current: 5
"""
KEY_RESULTS = 10  # in PLATFORM and GROWTH

# An unknown key is an error whose message quotes the key; a file name is text too.
UNKNOWN_KEY = r"""period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: PLAT-1
    title: Make deploys boringly reliable
    standalone: Reliability is our own bar this quarter, and we say why right here.
    "##[error]x": 1
    key_results:
      - id: PLAT-1.1
        title: Raise deploy success rate
        start: 92
        target: 99.5
        current: 96.1
"""
EVIL_NAME = "2026-Q4/evil::error file=x,line=1::y ##[z.yaml"

# What each hostile text becomes in one line of plain text.
PLAIN = {
    "x\r::add-mask::secret": f"x :{ZWSP}:add-mask:{ZWSP}:secret",
    "##[set-output name=approved]true": f"##{ZWSP}[set-output name=approved]true",
    "Ship it\r::error file=README.md,line=1::pwned": (
        f"Ship it :{ZWSP}:error file=README.md,line=1:{ZWSP}:pwned"
    ),
    "Cut \u202egnp.exe costs": "Cut gnp.exe costs",
    "Publish the runbook\r<!--": "Publish the runbook <!--",
    "a\rb": "a b",
    "\x1b[2J%": "[2J%",
    "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\": "]8;;http://x\\link]8;;\\",
    "\x1b]52;c;cHduZWQ=\x07": "]52;c;cHduZWQ=",
}


# ---- running the command line -----------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def okr(cli: Cli, folder: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """`okr ARGS` in `folder`, with stdout and stderr apart (`cli` cleared the env)."""
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = cli.runner.invoke(app, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with `okrs/`: valid files full of hostile text (no git)."""
    folder = tmp_path_factory.mktemp("hostile")
    write_files(folder / "okrs", {"2026-Q4/platform.yaml": PLATFORM, "2026-Q4/growth.yaml": GROWTH})
    return folder


@pytest.fixture(scope="module")
def invalid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with `okrs/`: an unknown key and a file named like a workflow command."""
    folder = tmp_path_factory.mktemp("invalid")
    write_files(folder / "okrs", {"2026-Q4/platform.yaml": UNKNOWN_KEY, EVIL_NAME: GROWTH})
    return folder


EVIL_AUTHOR = "Eve \x1f\r\x1b[31m##[error]author"
EVIL_MESSAGE = "okr: ##[set-output name=x]y\r::error::commit\x1b]52;c;eA==\x07\x1f"


def commit(repo: Path, files: dict[str, str | None], message: str, day: str) -> None:
    """Write (or, for None, remove) `files` and commit them as EVIL_AUTHOR on `day`."""
    for relative, text in files.items():
        if text is None:
            git(repo, "rm", "-q", relative)
            continue
        write_files(repo, {relative: text})
        git(repo, "add", relative)
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_NAME": EVIL_AUTHOR}
    env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, env=env, check=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile files in git, committed by a hostile author with hostile messages: an
    invalid file at HEAD~1 only, a title and a current value changed after HEAD~2."""
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", GIT_ENV["GIT_AUTHOR_NAME"])
    git(repo, "config", "user.email", GIT_ENV["GIT_AUTHOR_EMAIL"])
    git(repo, "config", "commit.gpgsign", "false")
    platform, growth = "okrs/2026-Q4/platform.yaml", "okrs/2026-Q4/growth.yaml"
    company = "okrs/2026-Q4/company.yaml"
    commit(repo, {platform: PLATFORM, growth: GROWTH}, EVIL_MESSAGE, "2026-10-01")
    changed = PLATFORM.replace("current: 96.1", "current: 97").replace(
        '"Cut \\u202egnp.exe costs"', '"Cut <b>costs</b> ##[warning]now"'
    )
    commit(repo, {platform: changed, company: UNKNOWN_KEY}, EVIL_MESSAGE, "2026-10-15")
    commit(repo, {company: None}, EVIL_MESSAGE + " again", "2026-10-20")
    return repo


# ---- what the GitHub runner would read -------------------------------------------------

_RUNNER_LINES = re.compile(r"\r\n|\r|\n")  # .NET StreamReader.ReadLine
_ANNOTATION = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")
_DATA = re.compile(r"(?:[^%\r\n]|%25|%0D|%0A)*")
_PROPERTY = re.compile(r"(file|line|col|title)=((?:[^%:,\r\n]|%25|%0D|%0A|%3A|%2C)*)")


def runner_commands(text: str, annotations: bool = False) -> list[str]:
    """The lines the runner would act on: `##[` anywhere, or `::` at the start after
    whitespace. With `annotations`, okrcli's own `::error file=..::message` lines are
    allowed when their properties and message are %-escaped."""
    found = []
    for line in _RUNNER_LINES.split(text):
        legacy = "##[" in line
        command = line.lstrip().startswith("::")
        if legacy or (command and not (annotations and _escaped_annotation(line))):
            found.append(line)
    return found


def _escaped_annotation(line: str) -> bool:
    match = _ANNOTATION.fullmatch(line)
    if match is None or not _DATA.fullmatch(match.group(3)):
        return False
    return all(_PROPERTY.fullmatch(part) for part in match.group(2).split(","))


_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"
)


def controls(text: str) -> list[str]:
    """Control, line-breaking and bidi characters other than the `\\n` line ends."""
    return _CONTROL.findall(text)


# ---- what a markdown renderer makes of it ----------------------------------------------

# What okrcli's own markdown uses: headings, paragraphs, lists, tables, code, emphasis.
OWN_ELEMENTS = {"h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th"}
OWN_ELEMENTS |= {"td", "code", "strong", "em"}


def gfm() -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough, raw HTML passed through (so that any
    that got in shows), and autolinks where linkify-it-py is installed (as GFM: schemes
    and e-mail addresses, no bare domains)."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    if importlib.util.find_spec("linkify_it") is not None:
        md.options["linkify"] = True
        md.enable("linkify")
        assert md.linkify is not None
        md.linkify.set({"fuzzy_link": False})
    return md


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def assert_inert_markdown(text: str) -> str:
    """`text` renders with okrcli's own elements only, its tables keep their columns, and
    no @-mention, autolink or raw URL scheme is left; returns the HTML."""
    md = gfm()
    html: str = md.render(text)
    elements = Elements()
    elements.feed(html)
    assert elements.tags <= OWN_ELEMENTS, elements.tags - OWN_ELEMENTS
    assert elements.comments == []
    assert "<a" not in html and "<!--" not in html and "<img" not in html
    assert not re.search(r"@[A-Za-z0-9]", html)  # a mention needs a word character next
    assert autolink_candidates(text) == []
    for table in [*tables(md, text), *raw_tables(text)]:
        header, *rows = table
        assert all(cells == header for cells in rows), table
    return html


def autolink_candidates(text: str) -> list[str]:
    """Runs of plain text where GFM would find an autolink (`scheme://`, `www.`): GFM's
    autolink extension looks at text as it is parsed, so a backslash-escaped `:` or `.`
    (a token of its own when markdown-it does not join text) or a code span stops it."""
    md = MarkdownIt("commonmark").enable("table").disable("text_join")
    runs = [
        child.content
        for token in md.parse(text)
        if token.type == "inline"
        for child in token.children or []
        if child.type == "text"
    ]
    return [run for run in runs if re.search(r"://|(?i:www\.)", run)]


def raw_tables(text: str) -> Iterator[list[int]]:
    """Each run of table lines as the number of cells in each, split the way GFM splits
    them before any inline parsing: on each `|` not escaped by a backslash."""
    rows: list[int] = []
    for line in [*text.split("\n"), ""]:
        if line.startswith("|"):
            pipes = [m for m in re.finditer(r"\\*\|", line) if len(m.group()) % 2 == 1]
            rows.append(len(pipes) - 1)
        elif rows:
            yield rows
            rows = []


def tables(md: MarkdownIt, text: str) -> Iterator[list[int]]:
    """Each table as the number of cells in each row, the header first."""
    rows: list[int] = []
    for token in md.parse(text):
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            rows.append(0)
        elif token.type in ("th_open", "td_open"):
            rows[-1] += 1
        elif token.type == "table_close":
            yield rows


@pytest.mark.parametrize(
    "unsafe",
    [
        "<img src=x onerror=alert(1)>",
        "<details>",
        "x\n<!--\nthe rest of the report, hidden",
        "[link](http://evil)",
        "see http://evil.example",
        "www.evil.example",
        "@org/team",
        "| a |\n| --- |\n| b | c |",
    ],
)
def test_the_markdown_check_sees_what_is_unsafe(unsafe: str) -> None:
    with pytest.raises(AssertionError):
        assert_inert_markdown(unsafe)


# ---- the escape functions ---------------------------------------------------------------


def test_plain_folds_strips_and_defuses() -> None:
    for hostile, shown in PLAIN.items():
        assert plain(hostile) == shown
    assert plain("a\r\nb\nc\u2028d\u2029e\x85f\x0bg\x0ch\ti") == "a b c d e f g h i"
    assert plain("\x00\x07\x1b\x7f\x80\x9b\u200e\u200f\u061c\u202a\u202e\u2066\u2069.") == "."
    assert plain(":::") == f":{ZWSP}:{ZWSP}:"
    assert plain("###[") == f"###{ZWSP}["
    assert plain("#\x00#\u202e[") == f"##{ZWSP}["  # stripping cannot make a command
    assert plain("Raise p95 latency: 900 -> 400 ms (50%), café/über") == (
        "Raise p95 latency: 900 -> 400 ms (50%), café/über"
    )


def test_markdown_leaves_ordinary_text_alone() -> None:
    ordinary = "Cut p95 latency from 900 ms to 400 ms (-55%), A/B test v2.1: done, 'ok' \"ok\""
    assert markdown(ordinary) == ordinary
    assert markdown("Fix [b]ugs [/]") == "Fix [b]ugs [/\\]"
    assert markdown("see `okr validate` now") == "see `okr validate` now"


def test_markdown_escapes_what_is_active() -> None:
    assert markdown("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert markdown("a & b") == "a &amp; b"
    assert markdown("[link](http://evil)") == "[link\\](http\\://evil)"
    assert markdown("![x](y) [^1]") == "\\![x\\](y) \\[^1\\]"
    assert markdown("www.evil.com WWW.x") == "www\\.evil.com WWW\\.x"
    assert markdown("@org/team a@b.c") == f"@{ZWSP}org/team a@{ZWSP}b.c"
    assert markdown("*a* _b_ ~c~ a|b \\ $x$") == "\\*a\\* \\_b\\_ \\~c\\~ a\\|b \\\\ \\$x\\$"
    assert markdown("# not a heading #1") == "\\# not a heading #1"
    assert markdown("##[set-output]") == f"\\##{ZWSP}[set-output\\]"
    assert markdown("x\r<!--") == "x &lt;!--"


def test_markdown_keeps_code_spans_only_when_inert() -> None:
    assert markdown("unknown key `taget`") == "unknown key `taget`"
    assert markdown("key `a<b`") == "key \\`a&lt;b\\`"
    assert markdown("key `a|b`") == "key \\`a\\|b\\`"
    breakout = "reason `a` <img src=x onerror=alert(1)> `b`"
    assert markdown(breakout) == "reason `a` &lt;img src=x onerror=alert(1)&gt; `b`"
    assert markdown("``x`") == "\\`\\`x\\`"
    assert md_code("okrs/2026-Q4/platform.yaml:3:1") == "`okrs/2026-Q4/platform.yaml:3:1`"
    assert md_code("HEAD~5") == "`HEAD~5`"
    assert md_code("a`b") == "a\\`b"
    assert md_code("<x>") == "&lt;x&gt;"


def test_csv_cell_never_starts_a_formula() -> None:
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
    assert csv_cell("@SUM(1)") == "'@SUM(1)"
    assert csv_cell("-2+3") == "'-2+3"
    assert csv_cell("\tTAB") == "' TAB"
    assert csv_cell("\r=1") == "' =1"
    assert csv_cell("  =1") == "'  =1"
    assert csv_cell("a\nb\x1b[2J") == "a b[2J"
    assert csv_cell("Raise revenue -5%") == "Raise revenue -5%"


def test_json_text_escapes_what_a_log_would_read() -> None:
    value = {"title": "##[error]x\u2028y\u2029z\x85\x9b\u202e ok ü"}
    text = json_text(value)
    assert text == ('{\n  "title": "##\\u005berror]x\\u2028y\\u2029z\\u0085\\u009b\\u202e ok ü"\n}')
    assert json.loads(text) == value
    assert json_text(["\\##["]) == '[\n  "\\\\##\\u005b"\n]'
    assert json.loads(json_text(["\\##["])) == ["\\##["]


def test_annotation_escaping() -> None:
    assert annotation_data("50% done\r\n::error::x ##[y") == (
        f"50%25 done :{ZWSP}:error:{ZWSP}:x ##{ZWSP}[y"
    )
    assert annotation_property("a,b:c\x1b%") == "a%2Cb%3Ac%25"


# ---- properties over any text ---------------------------------------------------------

FRAGMENTS = (
    "::", "##[", "#", "[", "]", "](", "\r", "\n", "\r\n", "\u2028", "\u2029", "\x85",
    "\x0b", "\x0c", "\t", "\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u200f", "`", "|",
    "\\", "<", ">", "&", "*", "_", "~", "!", "$", "@", "=", "+", "-", " ", "http://",
    "www.", "%", ",", ":",
)  # fmt: skip
hostile_text = st.lists(st.one_of(st.text(), st.sampled_from(FRAGMENTS)), max_size=12).map("".join)
BOUNDED = settings(max_examples=100, deadline=None)


def unescaped_pipes(text: str) -> list[str]:
    return [m.group() for m in re.finditer(r"\\*\|", text) if len(m.group()) % 2 == 1]


@BOUNDED
@given(hostile_text)
def test_plain_of_any_text_is_one_inert_line(text: str) -> None:
    shown = plain(text)
    assert runner_commands(shown) == []
    assert controls(shown) == [] and "\n" not in shown
    assert "::" not in shown and "##[" not in shown
    assert plain(shown) == shown


@BOUNDED
@given(hostile_text)
def test_markdown_of_any_text_is_inert(text: str) -> None:
    for shown in (markdown(text), md_code(text)):
        assert runner_commands(shown) == []
        assert controls(shown) == [] and "\n" not in shown
        assert "<" not in shown and ">" not in shown
        assert unescaped_pipes(shown) == []
        assert not re.search(r"@(?!\u200b)", shown)
        # Where okrcli puts user text: in a table cell, after a list item's id.
        assert_inert_markdown(f"| a |\n| --- |\n| {shown.strip()} |\n\n- **X-1** {shown}\n")


@BOUNDED
@given(hostile_text)
def test_csv_cell_of_any_text_is_no_formula(text: str) -> None:
    cell = csv_cell(text)
    assert not re.match(r"\s*[=+\-@\t\r]", cell) or cell.startswith("'")
    assert runner_commands(cell) == [] and controls(cell) == [] and "\n" not in cell
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerow([cell])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == [cell]


@BOUNDED
@given(hostile_text)
def test_json_text_of_any_text_is_the_same_data(text: str) -> None:
    shown = json_text({"a": [text]})
    assert json.loads(shown) == {"a": [text]}
    assert json.loads(json_text(text)) == text
    assert runner_commands(shown) == [] and controls(shown) == []


@BOUNDED
@given(hostile_text)
def test_annotation_of_any_text_is_escaped(text: str) -> None:
    line = f"::error file={annotation_property(text)},line=1::{annotation_data(text)}"
    assert runner_commands(line, annotations=True) == []
    assert controls(line) == []


# ---- regressions through the command line -----------------------------------------------


def table_row(out: str, start: str) -> str:
    """The one line of a table that starts (after spaces) with `start`."""
    (line,) = [line for line in out.split("\n") if line.strip().startswith(start)]
    return line


def test_status_table_shows_hostile_text_as_one_inert_line(cli: Cli, hostile: Path) -> None:
    run = okr(cli, hostile, "status", "--no-history", "--as-of", AS_OF, env=WIDE)
    assert run.code == 0
    assert f"PLAT-1 x :{ZWSP}:add-mask:{ZWSP}:secret (committed)" in run.out
    assert f"PLAT-1.1 ##{ZWSP}[set-output name=approved]true " in run.out
    assert f"PLAT-1.2 Ship it :{ZWSP}:error file=README.md,line=1:{ZWSP}:pwned " in run.out
    assert "PLAT-1.3 Cut gnp.exe costs " in run.out
    assert "PLAT-2.3 Publish the runbook <!-- " in run.out
    assert "PLAT-2.4 a b " in run.out
    assert "96.1 / 99.5 [2J%" in table_row(run.out, "PLAT-1.1")
    # Owners are cut at twelve columns.
    assert table_row(run.out, "PLAT-1.1").endswith("   -  ]8;;http://…")
    assert table_row(run.out, "PLAT-1.2").endswith("   -  ]52;c;cHduZ…")
    assert "\x1b" not in run.out and "\r" not in run.out
    # However narrow the table, wherever a title or value wraps, no line becomes a
    # workflow command: a wrapped `::error::` starts its line inert.
    for width in range(40, 121):
        narrow = okr(
            cli, hostile, "status", "--no-history", "--as-of", AS_OF, env={"COLUMNS": str(width)}
        )
        assert runner_commands(narrow.out) == [] and controls(narrow.out) == []
        if width >= 64:  # narrower, the columns that are never dropped are too wide
            assert max(cell_len(line) for line in narrow.out.split("\n")) <= width
    cut = okr(cli, hostile, "status", "--no-history", "--as-of", AS_OF, env={"COLUMNS": "40"})
    assert f"file=README.md,line=1:{ZWSP}" in cut.out


def md_cells(out: str, start: str) -> list[str]:
    """The cells of the markdown table row whose first cell starts with `start`."""
    line = table_row(out, f"| {start}")
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_status_markdown_escapes_each_cell(cli: Cli, hostile: Path) -> None:
    run = okr(cli, hostile, "status", "--no-history", "--as-of", AS_OF, "--format", "markdown")
    assert run.code == 0
    assert md_cells(run.out, "**PLAT-1**")[0] == (
        f"**PLAT-1** x :{ZWSP}:add-mask:{ZWSP}:secret _committed_"
    )
    assert md_cells(run.out, "**PLAT-1**")[8] == f"@{ZWSP}org/team"
    kr = md_cells(run.out, "↳ PLAT-1.1")
    assert kr[0] == f"↳ PLAT-1.1 \\##{ZWSP}[set-output name=approved]true"
    assert kr[4] == "96.1 / 99.5 [2J%"
    assert kr[8] == "]8;;http\\://x\\\\link]8;;\\\\"
    assert md_cells(run.out, "↳ PLAT-1.2")[0] == (
        f"↳ PLAT-1.2 Ship it :{ZWSP}:error file=README.md,line=1:{ZWSP}:pwned"
    )
    assert md_cells(run.out, "↳ PLAT-1.3")[0] == "↳ PLAT-1.3 Cut gnp.exe costs"
    assert md_cells(run.out, "**PLAT-2**")[0] == (
        f"**PLAT-2** &lt;details&gt; ##{ZWSP}[group]x _aspirational_"
    )
    assert md_cells(run.out, "↳ PLAT-2.1")[0] == "↳ PLAT-2.1 &lt;img src=x onerror=alert(1)&gt;"
    assert md_cells(run.out, "↳ PLAT-2.2")[0] == (
        f"↳ PLAT-2.2 [link\\](http\\://evil) www\\.evil.com @{ZWSP}org/team"
    )
    assert md_cells(run.out, "↳ PLAT-2.3")[0] == "↳ PLAT-2.3 Publish the runbook &lt;!--"
    assert md_cells(run.out, "↳ GROW-1.1")[0] == "↳ GROW-1.1 +cmd\\|' /C calc'!A0"
    html = assert_inert_markdown(run.out)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "[link](http://evil) www.evil.com @\u200borg/team" in html


def test_tree_shows_titles_inert(cli: Cli, hostile: Path) -> None:
    text = okr(cli, hostile, "tree", "--no-history", "--as-of", AS_OF).out.split("\n")
    assert text[2] == f"├── PLAT-1 x :{ZWSP}:add-mask:{ZWSP}:secret [platform] 0.25 on-track"
    assert text[3] == f"└── PLAT-2 <details> ##{ZWSP}[group]x [platform] 0.50 on-track"
    md = okr(
        cli, hostile, "tree", "--no-history", "--as-of", AS_OF, "--format", "markdown"
    ).out.split("\n")
    assert md[3] == f"- **PLAT-1** x :{ZWSP}:add-mask:{ZWSP}:secret · platform · 0.25 🟢 on-track"
    assert md[4] == f"- **PLAT-2** &lt;details&gt; ##{ZWSP}[group]x · platform · 0.50 🟢 on-track"
    out = okr(cli, hostile, "tree", "--no-history", "--as-of", AS_OF, "--format", "json").out
    titles = [root["title"] for root in json.loads(out)["roots"]]
    assert titles[1:] == ["x\r::add-mask::secret", "<details> ##[group]x"]
    assert '"title": "<details> ##\\u005bgroup]x"' in out


def test_status_json_keeps_the_data_and_carries_no_command(cli: Cli, hostile: Path) -> None:
    run = okr(cli, hostile, "status", "--no-history", "--as-of", AS_OF, "--format", "json")
    assert run.code == 0
    titles = {kr["id"]: kr["title"] for o in json.loads(run.out)["objectives"]
              for kr in o["key_results"]}  # fmt: skip
    assert titles["PLAT-1.1"] == "##[set-output name=approved]true"
    assert titles["PLAT-1.2"] == "Ship it\r::error file=README.md,line=1::pwned"
    assert titles["PLAT-1.3"] == "Cut \u202egnp.exe costs"
    assert '"title": "##\\u005bset-output name=approved]true"' in run.out
    assert '"unit": "\\u2028::error::u\\u2029"' in run.out
    assert '"title": "Cut \\u202egnp.exe costs"' in run.out


def test_status_csv_cells_are_quoted_and_never_formulas(cli: Cli, hostile: Path) -> None:
    run = okr(cli, hostile, "status", "--no-history", "--as-of", AS_OF, "--format", "csv")
    assert run.code == 0
    header, *rows = list(csv.reader(io.StringIO(run.out)))
    assert len(rows) == KEY_RESULTS
    by_id = {row[header.index("key_result_id")]: dict(zip(header, row, strict=True))
             for row in rows}  # fmt: skip
    grow = by_id["GROW-1.1"]
    assert grow["objective_title"] == '\'=HYPERLINK("http://x")'
    assert grow["key_result_title"] == "'+cmd|' /C calc'!A0"
    assert (grow["unit"], grow["owner"]) == ("'-", "'@SUM(1)")
    assert by_id["GROW-1.2"]["key_result_title"] == "'-2+3"
    assert by_id["GROW-1.2"]["owner"] == "' TAB"
    assert by_id["GROW-1.3"]["key_result_title"] == "'@SUM(1)"
    assert by_id["PLAT-2.4"]["key_result_title"] == "a b"
    assert by_id["PLAT-1.1"]["unit"] == "[2J%"
    assert all(line.startswith('"') for line in run.out.splitlines()[1:])
    for row in rows:
        assert not [cell for cell in row if re.match(r"[=+\-@\t\r]", cell)], row


def test_unknown_key_quoting_a_command_is_shown_inert(cli: Cli, invalid: Path) -> None:
    run = okr(cli, invalid, "validate")
    assert run.code == 1
    lines = run.out.split("\n")
    evil = f"evil:{ZWSP}:error file=x,line=1:{ZWSP}:y ##{ZWSP}[z.yaml"
    assert lines[0] == (
        f"okrs/2026-Q4/{evil}:2:7: error[OKR030]: team `growth` does not match the file name "
        f"`{evil}`"
    )
    assert lines[2] == (
        f"okrs/2026-Q4/platform.yaml:8:5: error[OKR021]: PLAT-1: unknown key `##{ZWSP}[error]x` "
        "in an objective"
    )
    github = okr(cli, invalid, "validate", "--format", "github").out.split("\n")
    assert github[0].startswith(
        f"::error file=okrs/2026-Q4/evil%3A{ZWSP}%3Aerror file=x%2Cline=1%3A{ZWSP}%3Ay "
        f"##{ZWSP}[z.yaml,line=2,col=7,title=OKR030::team `growth` does not match the file "
        f"name `{evil}`%0Ahint: "
    )
    assert github[1].startswith(
        "::error file=okrs/2026-Q4/platform.yaml,line=8,col=5,title=OKR021::"
        f"PLAT-1: unknown key `##{ZWSP}[error]x` in an objective%0Ahint: allowed keys here: "
    )
    gitlab = okr(cli, invalid, "validate", "--format", "gitlab")
    assert "unknown key `##\\u005berror]x`" in gitlab.out
    descriptions = [entry["description"] for entry in json.loads(gitlab.out)]
    assert any("unknown key `##[error]x`" in text for text in descriptions)


def test_errors_on_stderr_are_plain(cli: Cli, tmp_path: Path) -> None:
    """An error message quotes the argument and the file's item titles."""
    folder = write_files(tmp_path / "copy", {"okrs/2026-Q4/platform.yaml": PLATFORM})
    run = okr(cli, folder, "checkin", "PLAT-2.4", "done", "--item", "nope\r::error::x")
    assert (run.code, run.out) == (2, "")
    assert run.err == (
        f"okr: error: PLAT-2.4 has no item `nope :{ZWSP}:error:{ZWSP}:x`; "
        f"did you mean `##{ZWSP}[error]item :{ZWSP}:error:{ZWSP}:x`?\n"
    )


def test_history_table_shows_commit_author_and_message_inert(cli: Cli, repo: Path) -> None:
    run = okr(cli, repo, "history", "PLAT-1.1", env=WIDE)
    assert run.code == 0
    row = table_row(run.out, "2026-10-01")
    assert f"  Eve  [31m##{ZWSP}[error]author  " in row
    assert f"okr: ##{ZWSP}[set-output name=x]y :{ZWSP}:error:{ZWSP}:commit]52;c;eA==" in row
    csv_out = okr(cli, repo, "history", "PLAT-1.1", "--format", "csv").out
    header, *rows = list(csv.reader(io.StringIO(csv_out)))
    assert rows[0][header.index("author")] == f"Eve  [31m##{ZWSP}[error]author"
    json_out = okr(cli, repo, "history", "PLAT-1.1", "--format", "json").out
    assert json.loads(json_out)["points"][0]["author"] == EVIL_AUTHOR
    assert "##[" not in json_out and "\x1b" not in json_out


def test_diff_warns_about_invalid_files_inert(cli: Cli, repo: Path) -> None:
    run = okr(cli, repo, "diff", "HEAD~2", "HEAD~1", "--format", "markdown")
    assert run.code == 0
    assert run.err == (
        "okr: warning: skipped okrs/2026-Q4/company.yaml at HEAD~1: "
        f"okrs/2026-Q4/company.yaml:8:5: PLAT-1: unknown key `##{ZWSP}[error]x` in an objective\n"
    )
    cells = md_cells(run.out, "**PLAT-1.3**")
    assert cells[0] == f"**PLAT-1.3** Cut &lt;b&gt;costs&lt;/b&gt; ##{ZWSP}[warning]now"
    assert cells[1:] == ["changed", "12 / 20 -> 12 / 20", "0.20 -> 0.20", "changed: title"]
    assert md_cells(run.out, "**PLAT-1**")[0] == f"**PLAT-1** x :{ZWSP}:add-mask:{ZWSP}:secret"


# ---- every command, every format: nothing a runner, a browser or a terminal acts on ---

STATUS = ("--as-of", AS_OF)
PLAIN_CASES: list[tuple[str, ...]] = [
    ("status", *STATUS),
    ("status", *STATUS, "--format", "markdown"),
    ("status", *STATUS, "--format", "json"),
    ("status", *STATUS, "--format", "csv"),
    ("tree", *STATUS),
    ("tree", *STATUS, "--format", "markdown"),
    ("tree", *STATUS, "--format", "json"),
    ("report", *STATUS),
    ("report", *STATUS, "--format", "json"),
    ("report", *STATUS, "--fail-under", "1.0"),
    ("lint", "--as-of", AS_OF),
    ("lint", "--as-of", AS_OF, "--format", "json"),
    ("history", "PLAT-1.1"),
    ("history", "PLAT-1.1", "--format", "json"),
    ("history", "PLAT-1.1", "--format", "csv"),
    ("history", "PLAT-1"),
    ("history", "PLAT-2.4", "--format", "csv"),
    ("blame", "PLAT-1.1"),
    ("blame", "PLAT-1.1", "--format", "json"),
    ("blame", "PLAT-2.4"),
    ("diff", "HEAD~2", "HEAD"),
    ("diff", "HEAD~2", "HEAD", "--format", "markdown"),
    ("diff", "HEAD~2", "HEAD", "--format", "json"),
    ("diff", "HEAD~2", "HEAD~1", "--all"),
    ("diff", "HEAD~2", "HEAD~1", "--format", "json"),
    ("report", *STATUS, "--since", "HEAD~2"),
]
ANNOTATING: list[tuple[str, ...]] = [
    ("invalid", "validate", "--format", "github"),
    ("invalid", "lint", "--as-of", AS_OF, "--format", "github"),
    ("repo", "lint", "--as-of", AS_OF, "--format", "github"),
]


@pytest.mark.parametrize("args", PLAIN_CASES, ids=" ".join)
def test_no_output_carries_a_command_or_a_control(cli: Cli, repo: Path, args: tuple[str]) -> None:
    for width in ("60", "250"):  # narrow tables wrap: a wrapped line starts anywhere
        run = okr(cli, repo, *args, env={"COLUMNS": width})
        assert run.code in (0, 1), run
        assert runner_commands(run.out + "\n" + run.err) == []
        assert controls(run.out + run.err) == []
        if "markdown" in args or (args[0] == "report" and "json" not in args):
            assert_inert_markdown(run.out)
        if "json" in args or "gitlab" in args:
            json.loads(run.out)


@pytest.mark.parametrize("args", ANNOTATING, ids=" ".join)
def test_annotations_are_escaped(
    cli: Cli, request: pytest.FixtureRequest, args: tuple[str, ...]
) -> None:
    folder, *command = args
    run = okr(cli, request.getfixturevalue(folder), *command)
    assert run.code in (0, 1), run
    assert runner_commands(run.out + "\n" + run.err, annotations=True) == []
    assert controls(run.out + run.err) == []
    assert run.out.startswith("::")


@pytest.mark.parametrize(
    "args",
    [
        ("validate",),
        ("validate", "--format", "json"),
        ("validate", "--format", "gitlab"),
        ("status",),
        ("status", "-f", "json"),
    ],
    ids=" ".join,
)
def test_invalid_files_print_inert(cli: Cli, invalid: Path, args: tuple[str]) -> None:
    run = okr(cli, invalid, *args)
    assert run.code == 1
    assert runner_commands(run.out + "\n" + run.err) == []
    assert controls(run.out + run.err) == []
    assert "unknown key" in run.out


def test_report_github_step_summary_is_inert(cli: Cli, repo: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary), **WIDE}
    run = okr(cli, repo, "report", *STATUS, "--github", "--since", "HEAD~2", env=env)
    assert run.code == 0, run
    assert runner_commands(run.out + "\n" + run.err, annotations=True) == []
    assert controls(run.out + run.err) == []
    # The annotations go to stderr (the runner reads them there too): stdout is the
    # markdown alone.
    assert not [line for line in run.out.split("\n") if line.startswith("::")]
    annotations = [line for line in run.err.split("\n") if line.startswith("::")]
    assert annotations == [line for line in annotations if _escaped_annotation(line)]
    assert (
        "::warning file=okrs/2026-Q4/platform.yaml,line=8,col=17,title=OKR114::"
        f"PLAT-1: `standalone` reason `##{ZWSP}[z] :{ZWSP}:` <b> `` is too short to explain "
        "anything%0Ahint: say in 3 words or more why this goal supports no company goal\n"
    ) in run.err
    text = summary.read_text(encoding="utf-8")
    assert runner_commands(text) == [] and controls(text) == []
    assert (
        f"- `okrs/2026-Q4/platform.yaml:8:17` **warning[OKR114]** PLAT-1: `standalone` reason "
        f"`##{ZWSP}[z] :{ZWSP}:` &lt;b&gt; \\`\\` is too short to explain anything — "
    ) in text
    row = "| **PLAT-2.1** &lt;img src=x onerror=alert(1)&gt; | platform | pending |"
    assert f"{row} @{ZWSP}org/team |" in text
    html = assert_inert_markdown(text)
    assert f"<code>##{ZWSP}[z] :{ZWSP}:</code> &lt;b&gt; `` is too short" in html


class _Elements(HTMLParser):
    """Every element, attribute value and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.values += [value or "" for _, value in attrs]

    def handle_data(self, data: str) -> None:
        self.values.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append("<!--")


@BOUNDED
@given(hostile_text)
def test_html_of_any_text_is_text_in_an_element_and_in_an_attribute(text: str) -> None:
    """The HTML report's template engine (autoescape and `html_text` on every value)
    writes any text as text, in an element and in an attribute, in HTML and in SVG."""
    from okrcli.render.html import page_environment

    template = page_environment().from_string(
        '<p title="{{ t }}">{{ t }}</p><svg><circle aria-label="{{ t }}">'
        "<title>{{ t }}</title></circle></svg>"
    )
    page = _Elements()
    page.feed(template.render(t=text))
    page.close()
    assert page.tags == ["p", "svg", "circle", "title"]
    shown = html_text(text)
    assert [value for value in page.values if value] == ([shown] * 4 if shown else [])
    assert controls(shown) == [] and "\n" not in shown  # one line: a CI log may show it
    assert runner_commands(shown) == []
