"""`okr checkin` and `okrcli.checkin`: round-trip edits that change only the edited line,
usage errors, refused edits, races with other writers, and `--commit` on real repositories."""

from __future__ import annotations

import difflib
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from okrcli.base import codes
from okrcli.base.errors import OkrError
from okrcli.check.validation import validate_root
from okrcli.cli.app import app
from okrcli.edit.atomic import content_hash, write_atomically
from okrcli.edit.checkin import (
    Checkin,
    CheckinResult,
    apply_check_in,
    check_in,
    draft_check_in,
    find_key_result,
)
from tests.conftest import GIT_ENV, GOOD_FILE, Cli, git

PLAT = "okrs/2026-Q4/platform.yaml"
HEAD = "period: 2026-Q4\nteam: platform\nowner: dana\n"


# ---- helpers ---------------------------------------------------------------------------


def write_okr(base: Path, text: str, team: str = "platform") -> Path:
    """Write `text` as `base/okrs/2026-Q4/<team>.yaml` (bytes exactly as given)."""
    file = base / "okrs" / "2026-Q4" / f"{team}.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(text.encode("utf-8"))
    return file


def edit(base: Path, text: str, request: Checkin) -> tuple[str, CheckinResult]:
    """Write `text`, load the root as every command does, check in; the new text."""
    file = write_okr(base, text)
    validation = validate_root(base / "okrs")
    assert validation.ok, validation.findings
    result = check_in(validation.documents, request)
    assert result.file == file
    return file.read_bytes().decode("utf-8"), result


def changed_lines(before: str, after: str) -> list[str]:
    """The -/+ lines of the unified diff of `before` and `after`."""
    diff = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), n=0
    )
    return [
        line for line in diff if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    ]


@dataclass
class Okr:
    """`okr ARGS` run in-process in `cwd`, with stdout and stderr apart."""

    runner: CliRunner
    cwd: Path

    def __call__(self, *args: str, env: Mapping[str, str | None] | None = None) -> Result:
        old = Path.cwd()
        os.chdir(self.cwd)
        try:
            return self.runner.invoke(app, list(args), env=env, catch_exceptions=False)
        finally:
            os.chdir(old)


@pytest.fixture
def okr(cli: Cli) -> Okr:
    return Okr(cli.runner, cli.cwd)


# ---- 1. round-trip edits change only the edited line --------------------------------------

RICH = """\
# Platform OKRs: comments, blank lines, quotes, flow style and block scalars
period: 2026-Q4   # the quarter
team: 'platform'
owner: "dana"

objectives:
  # reliability first
  - id: PLAT-1
    title: 'Make deploys boringly reliable'
    standalone: "Reliability is our own bar this quarter."
    description: >-
      A folded description
      over two lines.

    key_results:
      - id: PLAT-1.1
        title: "Raise deploy success rate"   # quoted, with a comment
        start: 92
        target: 99.5
        current: 96.1  # last week
        unit: '%'
      - {id: PLAT-1.2, title: 'Flow one', start: 1, target: 2, current: 1}
      - id: PLAT-1.3
        title: "Measure the rollback time"
        kind: baseline
        current: null  # not measured yet
        description: |
          Literal text
            with its own indentation.
      - id: PLAT-1.4
        title: Keep the queue short
        kind: maintain
        max: 300
"""


def test_value_on_a_commented_line_changes_only_that_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    after, result = edit(tmp_path, RICH, Checkin("PLAT-1.1", "97.2"))
    assert after == RICH.replace(
        "        current: 96.1  # last week\n", "        current: 97.2  # last week\n"
    )
    assert changed_lines(RICH, after) == [
        "-        current: 96.1  # last week\n",
        "+        current: 97.2  # last week\n",
    ]
    assert result.subject == "okr: PLAT-1.1 96.1 -> 97.2"
    assert result.file == (tmp_path / PLAT).absolute()


def test_flow_mapping_changes_only_its_line(tmp_path: Path) -> None:
    after, result = edit(tmp_path, RICH, Checkin("PLAT-1.2", "2"))
    old = "      - {id: PLAT-1.2, title: 'Flow one', start: 1, target: 2, current: 1}\n"
    new = "      - {id: PLAT-1.2, title: 'Flow one', start: 1, target: 2, current: 2}\n"
    assert after == RICH.replace(old, new)
    assert changed_lines(RICH, after) == ["-" + old, "+" + new]
    assert result.subject == "okr: PLAT-1.2 1 -> 2"


def test_new_key_in_a_flow_mapping_stays_on_its_line(tmp_path: Path) -> None:
    after, result = edit(tmp_path, RICH, Checkin("PLAT-1.2", confidence=0.7))
    old = "      - {id: PLAT-1.2, title: 'Flow one', start: 1, target: 2, current: 1}\n"
    new = (
        "      - {id: PLAT-1.2, title: 'Flow one', start: 1, target: 2, current: 1, "
        "confidence: 0.7}\n"
    )
    assert after == RICH.replace(old, new)
    assert changed_lines(RICH, after) == ["-" + old, "+" + new]
    assert result.subject == "okr: PLAT-1.2 confidence - -> 0.7"


def test_null_baseline_becomes_the_number_and_keeps_its_comment(tmp_path: Path) -> None:
    after, result = edit(tmp_path, RICH, Checkin("PLAT-1.3", "40"))
    # ruamel keeps the comment in its column: the value's width is taken from the spaces.
    assert after == RICH.replace(
        "        current: null  # not measured yet\n", "        current: 40    # not measured yet\n"
    )
    assert changed_lines(RICH, after) == [
        "-        current: null  # not measured yet\n",
        "+        current: 40    # not measured yet\n",
    ]
    assert result.subject == "okr: PLAT-1.3 - -> 40"


def test_missing_current_is_added_as_one_line(tmp_path: Path) -> None:
    after, result = edit(tmp_path, RICH, Checkin("PLAT-1.4", "250"))
    assert after == RICH + "        current: 250\n"
    assert changed_lines(RICH, after) == ["+        current: 250\n"]
    assert result.subject == "okr: PLAT-1.4 - -> 250"


def test_missing_confidence_is_added_as_one_line(tmp_path: Path) -> None:
    after, result = edit(tmp_path, RICH, Checkin("PLAT-1.1", confidence=0.8))
    assert after == RICH.replace(
        "        unit: '%'\n", "        unit: '%'\n        confidence: 0.8\n"
    )
    assert changed_lines(RICH, after) == ["+        confidence: 0.8\n"]
    assert result.subject == "okr: PLAT-1.1 confidence - -> 0.8"


def test_value_and_confidence_together_in_one_edit(tmp_path: Path) -> None:
    after, result = edit(tmp_path, RICH, Checkin("PLAT-1.1", "97.2", confidence=0.6))
    assert after == RICH.replace(
        "        current: 96.1  # last week\n", "        current: 97.2  # last week\n"
    ).replace("        unit: '%'\n", "        unit: '%'\n        confidence: 0.6\n")
    assert changed_lines(RICH, after) == [
        "-        current: 96.1  # last week\n",
        "+        current: 97.2  # last week\n",
        "+        confidence: 0.6\n",
    ]
    assert result.subject == "okr: PLAT-1.1 96.1 -> 97.2, confidence - -> 0.6"


def test_existing_confidence_is_replaced_in_place(tmp_path: Path) -> None:
    before = RICH.replace(
        "        unit: '%'\n", "        unit: '%'\n        confidence: 0.5 # hm\n"
    )
    after, result = edit(tmp_path, before, Checkin("PLAT-1.1", confidence=0.9))
    assert after == before.replace("confidence: 0.5 # hm", "confidence: 0.9 # hm")
    assert changed_lines(before, after) == [
        "-        confidence: 0.5 # hm\n",
        "+        confidence: 0.9 # hm\n",
    ]
    assert result.subject == "okr: PLAT-1.1 confidence 0.5 -> 0.9"


@pytest.mark.parametrize(
    ("line", "value", "expected"),
    [
        ("        current: ~   # tilde\n", "97.2", "        current: 97.2 # tilde\n"),
        ("        current:    # empty\n", "97", "        current: 97 # empty\n"),
        ("        current: 96.10\n", "97.0", "        current: 97.0\n"),
        ("        current: 96\n", "1e2", "        current: 100.0\n"),
    ],
)
def test_null_forms_and_number_forms(tmp_path: Path, line: str, value: str, expected: str) -> None:
    before = RICH.replace("        current: 96.1  # last week\n", line)
    after, _ = edit(tmp_path, before, Checkin("PLAT-1.1", value))
    assert changed_lines(before, after) == ["-" + line, "+" + expected]
    assert after == before.replace(line, expected)


def test_deeply_indented_block_scalars_elsewhere_are_left_alone(tmp_path: Path) -> None:
    before = HEAD + (
        "objectives:\n"
        "  - id: PLAT-1\n"
        "    title: Make deploys boringly reliable\n"
        "    standalone: Reliability is our own bar this quarter.\n"
        "    description: >-\n"
        "          deeply indented folded\n"
        "          text that goes on\n"
        "    key_results:\n"
        "      - id: PLAT-1.1\n"
        "        title: Raise deploy success rate\n"
        "        start: 92\n"
        "        target: 99.5\n"
        "        current: 96.1\n"
        "        description: |-\n"
        "              literal\n"
        "                more\n"
    )
    after, _ = edit(tmp_path, before, Checkin("PLAT-1.1", "97.2"))
    assert after == before.replace("current: 96.1", "current: 97.2")
    assert changed_lines(before, after) == [
        "-        current: 96.1\n",
        "+        current: 97.2\n",
    ]


def test_a_file_without_a_final_newline_keeps_it_that_way(tmp_path: Path) -> None:
    before = GOOD_FILE.rstrip("\n")
    after, _ = edit(tmp_path, before, Checkin("PLAT-1.1", "97.2"))
    assert after == before.replace("current: 96.1", "current: 97.2")


FOUR_SPACE_OFFSET_ZERO = HEAD + (
    "objectives:\n"
    "-   id: PLAT-1\n"
    "    title: Make deploys boringly reliable\n"
    "    standalone: Reliability is our own bar this quarter.\n"
    "    key_results:\n"
    "    -   id: PLAT-1.1\n"
    "        title: Raise deploy success rate\n"
    "        start: 92\n"
    "        target: 99.5\n"
    "        current: 96.1\n"
    "    -   id: PLAT-1.2\n"
    "        title: Other\n"
    "        start: 1\n"
    "        target: 2\n"
)
TWO_SPACE_OFFSET_ZERO = HEAD + (
    "objectives:\n"
    "- id: PLAT-1\n"
    "  title: Make deploys boringly reliable\n"
    "  standalone: Reliability is our own bar this quarter.\n"
    "  key_results:\n"
    "  - id: PLAT-1.1\n"
    "    title: Raise deploy success rate\n"
    "    start: 92\n"
    "    target: 99.5\n"
    "    current: 96.1\n"
    "  - id: PLAT-1.2\n"
    "    title: Other\n"
    "    start: 1\n"
    "    target: 2\n"
)
# `objectives:` items indented under their key, `key_results:` items not.
MIXED_KEY_RESULTS_NOT_INDENTED = HEAD + (
    "objectives:\n"
    "  - id: PLAT-1\n"
    "    title: Make deploys boringly reliable\n"
    "    standalone: Reliability is our own bar this quarter.\n"
    "    key_results:\n"
    "    - id: PLAT-1.1\n"
    "      title: Raise deploy success rate\n"
    "      start: 92\n"
    "      target: 99.5\n"
    "      current: 96.1\n"
    "    - id: PLAT-1.2\n"
    "      title: Other\n"
    "      start: 1\n"
    "      target: 2\n"
)
# 4-space mappings whose sequences are indented by 4 at one level and by 2 at another.
MIXED_SEQUENCE_INDENTS = HEAD + (
    "objectives:\n"
    "  - id: PLAT-1\n"
    "    title: Make deploys boringly reliable\n"
    "    standalone: Reliability is our own bar this quarter.\n"
    "    key_results:\n"
    "        - id: PLAT-1.1\n"
    "          title: Raise deploy success rate\n"
    "          start: 92\n"
    "          target: 99.5\n"
    "          current: 96.1\n"
    "        - id: PLAT-1.2\n"
    "          title: Other\n"
    "          start: 1\n"
    "          target: 2\n"
)
MIXED_OFFSETS = HEAD + (
    "objectives:\n"
    "-   id: PLAT-1\n"
    "    title: Make deploys boringly reliable\n"
    "    standalone: Reliability is our own bar this quarter.\n"
    "    key_results:\n"
    "    - id: PLAT-1.1\n"
    '      title: "Raise deploy success rate"   # quoted\n'
    "      start: 92\n"
    "      target: 99.5\n"
    "      current: 96.1\n"
    "    - id: PLAT-1.2\n"
    "      title: Ship the checklist\n"
    "      kind: checklist\n"
    "      items:\n"
    "          - title: search\n"
    "          - {title: 'filters', done: true}\n"
)


@pytest.mark.parametrize(
    "text",
    [
        FOUR_SPACE_OFFSET_ZERO,
        TWO_SPACE_OFFSET_ZERO,
        MIXED_KEY_RESULTS_NOT_INDENTED,
        MIXED_SEQUENCE_INDENTS,
        MIXED_OFFSETS,
    ],
    ids=[
        "4-space-offset-0",
        "2-space-offset-0",
        "key-results-not-indented",
        "mixed-sequence-indents",
        "mixed-offsets",
    ],
)
def test_odd_indentation_is_kept(tmp_path: Path, text: str) -> None:
    # Fails for the three mixed styles: ruamel re-indents every sequence to the one guessed
    # indentation, no neighbour of the edited line is left unchanged in the round trip, so
    # `transplant` falls back to the fully re-dumped text and the whole block is rewritten.
    (line,) = [x for x in text.splitlines(keepends=True) if "current: 96.1" in x]
    after, _ = edit(tmp_path, text, Checkin("PLAT-1.1", "97.2"))
    assert changed_lines(text, after) == ["-" + line, "+" + line.replace("96.1", "97.2")]
    assert after == text.replace("current: 96.1", "current: 97.2")


@pytest.mark.parametrize(
    "text",
    [TWO_SPACE_OFFSET_ZERO, MIXED_KEY_RESULTS_NOT_INDENTED, MIXED_SEQUENCE_INDENTS],
    ids=["2-space-offset-0", "key-results-not-indented", "mixed-sequence-indents"],
)
def test_odd_indentation_new_key_is_one_line(tmp_path: Path, text: str) -> None:
    (line,) = [x for x in text.splitlines(keepends=True) if "current: 96.1" in x]
    added = line.replace("current: 96.1", "confidence: 0.4")
    after, _ = edit(tmp_path, text, Checkin("PLAT-1.1", confidence=0.4))
    assert changed_lines(text, after) == ["+" + added]
    assert after == text.replace(line, line + added)


def test_checklist_item_in_mixed_offsets_changes_one_line(tmp_path: Path) -> None:
    after, _ = edit(tmp_path, MIXED_OFFSETS, Checkin("PLAT-1.2", "not-done", item="filters"))
    old = "          - {title: 'filters', done: true}\n"
    new = "          - {title: 'filters', done: false}\n"
    assert changed_lines(MIXED_OFFSETS, after) == ["-" + old, "+" + new]
    assert after == MIXED_OFFSETS.replace(old, new)


def test_crlf_line_endings_are_kept(tmp_path: Path) -> None:
    # Fails: the round trip writes LF, no line of the base matches the CRLF original, so
    # the whole file is rewritten (every line changes; `~` and block scalars change too).
    before = GOOD_FILE.replace("\n", "\r\n")
    after, _ = edit(tmp_path, before, Checkin("PLAT-1.1", "97.2"))
    assert changed_lines(before, after) == [
        "-        current: 96.1\r\n",
        "+        current: 97.2\r\n",
    ]
    assert after == before.replace("current: 96.1", "current: 97.2")


def test_git_diff_shows_only_the_changed_line(cli: Cli, git_repo: Path) -> None:
    write_okr(git_repo, RICH)
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-qm", "start")
    code, out = Cli(cli.runner, git_repo)("checkin", "PLAT-1.3", "40")
    assert (code, out) == (0, f"{PLAT}: PLAT-1.3 - -> 40\n")
    diff = git(git_repo, "diff", "--unified=0", "--no-color", "--", PLAT)
    hunks = [line for line in diff.splitlines() if line[:1] in "-+@"]
    assert hunks == [
        f"--- a/{PLAT}",
        f"+++ b/{PLAT}",
        "@@ -26 +26 @@ objectives:",
        "-        current: null  # not measured yet",
        "+        current: 40    # not measured yet",
    ]


# ---- 2. the command: kinds of value and usage errors (exit 2) -----------------------------

KINDS = HEAD + (
    "objectives:\n"
    "  - id: PLAT-1\n"
    "    title: Make deploys boringly reliable\n"
    "    standalone: Reliability is our own bar this quarter.\n"
    "    key_results:\n"
    "      - id: PLAT-1.1\n"
    "        title: Raise deploy success rate\n"
    "        start: 92\n"
    "        target: 99.5\n"
    "        current: 96.1\n"
    "      - id: PLAT-1.2\n"
    "        title: Publish the on-call runbook\n"
    "        kind: milestone\n"
    "        done: false  # not yet\n"
    "      - id: PLAT-1.3\n"
    "        title: Ship the search page\n"
    "        kind: checklist\n"
    "        items:\n"
    "          - title: search\n"
    "          - title: filters\n"
    "            done: true\n"
    "          - {title: export, done: false}\n"
)


@pytest.fixture
def kinds(tmp_path: Path) -> Path:
    return write_okr(tmp_path, KINDS)


def test_milestone_done_and_not_done(okr: Okr, kinds: Path) -> None:
    result = okr("checkin", "PLAT-1.2", "done")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"{PLAT}: PLAT-1.2 not done -> done\n",
        "",
    )
    # The comment keeps its column.
    done_text = KINDS.replace("done: false  # not yet", "done: true   # not yet")
    assert kinds.read_text() == done_text
    result = okr("checkin", "PLAT-1.2", "not-done")
    assert (result.exit_code, result.stdout) == (0, f"{PLAT}: PLAT-1.2 done -> not done\n")
    assert kinds.read_text() == KINDS


def test_milestone_refuses_other_words(okr: Okr, kinds: Path) -> None:
    result = okr("checkin", "PLAT-1.2", "maybe")
    assert result.exit_code == 2
    assert result.stderr == "okr: error: 'maybe' is not done/not-done\n"
    assert kinds.read_text() == KINDS


def test_checklist_item_defaults_to_done(okr: Okr, kinds: Path) -> None:
    result = okr("checkin", "PLAT-1.3", "--item", "search")
    assert (result.exit_code, result.stdout) == (
        0,
        f"{PLAT}: PLAT-1.3 search not done (1/3) -> done (2/3)\n",
    )
    assert kinds.read_text() == KINDS.replace(
        "          - title: search\n", "          - title: search\n            done: true\n"
    )


def test_checklist_item_in_flow_style(okr: Okr, kinds: Path) -> None:
    result = okr("checkin", "PLAT-1.3", "done", "--item", "export")
    assert (result.exit_code, result.stdout) == (
        0,
        f"{PLAT}: PLAT-1.3 export not done (1/3) -> done (2/3)\n",
    )
    assert kinds.read_text() == KINDS.replace(
        "{title: export, done: false}", "{title: export, done: true}"
    )


def test_unknown_checklist_item_suggests_the_closest(okr: Okr, kinds: Path) -> None:
    result = okr("checkin", "PLAT-1.3", "--item", "serch")
    assert result.exit_code == 2
    assert result.stderr == "okr: error: PLAT-1.3 has no item `serch`; did you mean `search`?\n"
    assert result.stdout == ""
    assert kinds.read_text() == KINDS


def test_unknown_checklist_item_without_a_close_one_lists_them(okr: Okr, kinds: Path) -> None:
    result = okr("checkin", "PLAT-1.3", "--item", "zzz")
    assert result.exit_code == 2
    assert result.stderr == (
        "okr: error: PLAT-1.3 has no item `zzz`; items: search, filters, export\n"
    )
    assert kinds.read_text() == KINDS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("PLAT-1.3", "done"), "PLAT-1.3 is a checklist: name the item with --item TITLE"),
        (("PLAT-1.3",), "nothing to check in: give a VALUE, --item or --confidence"),
        (
            ("PLAT-1.1", "97", "--item", "search"),
            "--item is for checklist key results; PLAT-1.1 is a metric",
        ),
        (("PLAT-1.1",), "nothing to check in: give a VALUE, --item or --confidence"),
        (("PLAT-1.1", "abc"), "'abc' is not a number"),
        (("PLAT-1.1", "12,5"), "'12,5' is not a number"),
        (("PLAT-1.1", "nan"), "'nan' is not a finite number"),
        (("PLAT-1.1", "inf"), "'inf' is not a finite number"),
        (("PLAT-1.1", "--confidence", "1.5"), "confidence is a number from 0.0 to 1.0"),
        (("PLAT-1.1", "--confidence=-0.1"), "confidence is a number from 0.0 to 1.0"),
        (("PLAT-1.1", "97.2", "--confidence", "2"), "confidence is a number from 0.0 to 1.0"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    okr: Okr, kinds: Path, args: tuple[str, ...], message: str
) -> None:
    result = okr("checkin", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"okr: error: {message}\n")
    assert kinds.read_text() == KINDS


def test_confidence_update(okr: Okr, kinds: Path) -> None:
    result = okr("checkin", "PLAT-1.1", "--confidence", "0.8")
    assert (result.exit_code, result.stdout) == (
        0,
        f"{PLAT}: PLAT-1.1 confidence - -> 0.8\n",
    )
    updated = KINDS.replace(
        "        current: 96.1\n", "        current: 96.1\n        confidence: 0.8\n"
    )
    assert kinds.read_text() == updated
    result = okr("checkin", "PLAT-1.1", "--confidence", "0.25")
    assert (result.exit_code, result.stdout) == (
        0,
        f"{PLAT}: PLAT-1.1 confidence 0.8 -> 0.25\n",
    )
    assert kinds.read_text() == updated.replace("confidence: 0.8", "confidence: 0.25")


def test_confidence_that_is_not_a_number_is_a_usage_error(okr: Okr, kinds: Path) -> None:
    result = okr("checkin", "PLAT-1.1", "--confidence", "high")
    assert result.exit_code == 2
    assert "--confidence" in result.stderr
    assert kinds.read_text() == KINDS


def test_unknown_id_names_the_closest(okr: Okr, kinds: Path) -> None:
    result = okr("checkin", "PLAT-1.9", "97")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("okr: error: no key result `PLAT-1.9`; did you mean ")
    suggested = result.stderr.removeprefix("okr: error: no key result `PLAT-1.9`; did you mean ")
    assert sorted(suggested.removesuffix("?\n").split(", ")) == ["PLAT-1.1", "PLAT-1.2", "PLAT-1.3"]
    assert kinds.read_text() == KINDS


def test_unknown_id_without_a_close_one(okr: Okr, kinds: Path) -> None:
    result = okr("checkin", "XYZ", "97")
    assert (result.exit_code, result.stderr) == (2, "okr: error: no key result `XYZ`\n")


def test_an_objective_id_is_not_a_key_result(kinds: Path) -> None:
    documents = validate_root(kinds.parent.parent).documents
    with pytest.raises(OkrError, match=r"^no key result `PLAT-1`; did you mean "):
        find_key_result(documents, "PLAT-1")


# ---- 3. an edit that would make the file invalid is refused (exit 1) ----------------------


def test_value_out_of_range_is_refused_and_the_file_is_untouched(okr: Okr, kinds: Path) -> None:
    before = kinds.read_bytes()
    result = okr("checkin", "PLAT-1.1", "1e16")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "okr: error: the check-in would make the file invalid; nothing written"
    assert len(lines) == 3
    assert lines[1].startswith(f"{PLAT}:13:")
    assert "PLAT-1.1: `current`" in lines[1]
    assert lines[2] == "  hint: numbers are finite and at most 10^15 in size"
    assert kinds.read_bytes() == before
    assert sorted(p.name for p in kinds.parent.iterdir()) == ["platform.yaml"]


def test_edit_of_a_file_that_became_invalid_is_refused(tmp_path: Path) -> None:
    file = write_okr(tmp_path, GOOD_FILE)
    documents = validate_root(tmp_path / "okrs").documents
    # Someone else makes the file invalid (target equals start) after it was loaded.
    broken = GOOD_FILE.replace("target: 99.5", "target: 92").encode()
    file.write_bytes(broken)
    with pytest.raises(OkrError) as caught:
        check_in(documents, Checkin("PLAT-1.1", "97.2"))
    assert str(caught.value) == "the check-in would make the file invalid; nothing written"
    assert [f.code for f in caught.value.findings] == [codes.TARGET_EQUALS_START]
    assert file.read_bytes() == broken
    assert sorted(p.name for p in file.parent.iterdir()) == ["platform.yaml"]


# ---- 4. races with other writers, atomic writes -----------------------------------------

RACE_HEAD = HEAD + (
    "objectives:\n"
    "  - id: PLAT-1\n"
    "    title: Make deploys boringly reliable\n"
    "    standalone: Reliability is our own bar this quarter.\n"
    "    key_results:\n"
)
KR_1 = "      - {id: PLAT-1.1, title: One, start: 92, target: 99.5, current: 96.1}\n"
KR_2 = "      - {id: PLAT-1.2, title: Two, start: 1, target: 10, current: 3}\n"


def test_a_change_made_after_loading_is_kept(tmp_path: Path) -> None:
    """check_in edits the bytes on disk at the time of the edit, not the loaded ones."""
    file = write_okr(tmp_path, RACE_HEAD + KR_1 + KR_2)
    documents = validate_root(tmp_path / "okrs").documents
    other = RACE_HEAD + KR_1 + KR_2.replace("current: 3", "current: 4")
    file.write_text(other)
    check_in(documents, Checkin("PLAT-1.1", "97.2"))
    assert file.read_text() == other.replace("current: 96.1", "current: 97.2")


def test_a_key_result_moved_after_loading_is_not_mistaken_for_another(tmp_path: Path) -> None:
    # Fails: check_in edits the current bytes at the *loaded* path (objectives/0/key_results/0),
    # which now is PLAT-1.2: its `current` silently becomes 97.2, PLAT-1.1 is untouched.
    file = write_okr(tmp_path, RACE_HEAD + KR_1)
    documents = validate_root(tmp_path / "okrs").documents
    # Someone else inserts PLAT-1.2 before PLAT-1.1 after the documents were loaded.
    other = (RACE_HEAD + KR_2 + KR_1).encode()
    file.write_bytes(other)
    try:
        check_in(documents, Checkin("PLAT-1.1", "97.2"))
    except OkrError:
        assert file.read_bytes() == other
    else:
        # Then the edit must land on PLAT-1.1, and PLAT-1.2 must be as the other writer left it.
        assert file.read_text() == RACE_HEAD + KR_2 + KR_1.replace("96.1", "97.2")


def test_a_key_result_removed_after_loading_is_refused(tmp_path: Path) -> None:
    # Fails: IndexError from the stale path (a traceback, not a refusal).
    file = write_okr(tmp_path, RACE_HEAD + KR_1 + KR_2)
    documents = validate_root(tmp_path / "okrs").documents
    other = (RACE_HEAD + KR_1).encode()
    file.write_bytes(other)
    with pytest.raises(OkrError):
        check_in(documents, Checkin("PLAT-1.2", "5"))
    assert file.read_bytes() == other


# A check-in is drafted before the edit lock (where its refusals come from) and applied
# under it: as drafted when the file is unchanged, else worked out afresh on the file as
# the check-in that came first left it.


def test_a_draft_is_worked_out_again_after_a_check_in_elsewhere_in_the_file(
    tmp_path: Path,
) -> None:
    file = write_okr(tmp_path, GOOD_FILE)
    documents = validate_root(tmp_path / "okrs").documents
    draft = draft_check_in(documents, Checkin("PLAT-1.1", "97.2", confidence=0.8))
    check_in(documents, Checkin("PLAT-1.2", "done"))  # another check-in comes first
    result = apply_check_in(draft)
    assert file.read_text() == (
        GOOD_FILE.replace("done: false", "done: true")
        .replace("current: 96.1", "current: 97.2")
        .replace('unit: "%"\n', 'unit: "%"\n        confidence: 0.8\n')
    )
    assert result.subject == "okr: PLAT-1.1 96.1 -> 97.2, confidence - -> 0.8"


def test_a_draft_of_a_key_result_changed_meanwhile_is_worked_out_afresh(tmp_path: Path) -> None:
    file = write_okr(tmp_path, GOOD_FILE)
    documents = validate_root(tmp_path / "okrs").documents
    draft = draft_check_in(documents, Checkin("PLAT-1.1", "97.2"))
    file.write_text(GOOD_FILE.replace("current: 96.1", "current: 96.5"))
    result = apply_check_in(draft)
    assert file.read_text() == GOOD_FILE.replace("current: 96.1", "current: 97.2")
    assert result.subject == "okr: PLAT-1.1 96.5 -> 97.2"


def test_a_draft_next_to_a_changed_line_is_worked_out_afresh(tmp_path: Path) -> None:
    # One key result per line: PLAT-1.2's line is the neighbour of PLAT-1.1's.
    file = write_okr(tmp_path, RACE_HEAD + KR_1 + KR_2)
    documents = validate_root(tmp_path / "okrs").documents
    draft = draft_check_in(documents, Checkin("PLAT-1.1", "97.2"))
    file.write_text(RACE_HEAD + KR_1 + KR_2.replace("current: 3", "current: 4"))
    apply_check_in(draft)
    assert file.read_text() == (
        RACE_HEAD + KR_1.replace("96.1", "97.2") + KR_2.replace("current: 3", "current: 4")
    )


def test_a_draft_of_a_key_result_that_moved_is_worked_out_afresh(tmp_path: Path) -> None:
    file = write_okr(tmp_path, RACE_HEAD + KR_1)
    documents = validate_root(tmp_path / "okrs").documents
    draft = draft_check_in(documents, Checkin("PLAT-1.1", "97.2"))
    file.write_text(RACE_HEAD + KR_2 + KR_1)
    apply_check_in(draft)
    assert file.read_text() == RACE_HEAD + KR_2 + KR_1.replace("96.1", "97.2")


def test_a_draft_whose_file_became_read_only_is_refused(tmp_path: Path) -> None:
    file = write_okr(tmp_path, GOOD_FILE)
    documents = validate_root(tmp_path / "okrs").documents
    draft = draft_check_in(documents, Checkin("PLAT-1.1", "97.2"))
    file.chmod(0o444)
    with pytest.raises(OkrError) as caught:
        apply_check_in(draft)
    assert caught.value.message == "2026-Q4/platform.yaml is read-only; nothing written"
    assert file.read_text() == GOOD_FILE


def test_a_draft_whose_key_result_was_removed_is_refused(tmp_path: Path) -> None:
    file = write_okr(tmp_path, RACE_HEAD + KR_1 + KR_2)
    documents = validate_root(tmp_path / "okrs").documents
    draft = draft_check_in(documents, Checkin("PLAT-1.2", "5"))
    file.write_text(RACE_HEAD + KR_1)
    with pytest.raises(OkrError) as caught:
        apply_check_in(draft)
    assert caught.value.message == (
        "PLAT-1.2 is no longer in 2026-Q4/platform.yaml; nothing written"
    )
    assert caught.value.hint == (
        "another edit moved or renamed it meanwhile: check in to where it is now"
    )
    assert file.read_text() == RACE_HEAD + KR_1


def test_write_atomically_refuses_a_changed_file(tmp_path: Path) -> None:
    file = tmp_path / "platform.yaml"
    file.write_text(GOOD_FILE)
    file.chmod(0o640)
    stale = content_hash(b"what okr read before someone else wrote")
    with pytest.raises(OkrError, match="changed while okr was editing it; nothing written"):
        write_atomically(file, "new: text\n", stale)
    assert file.read_text() == GOOD_FILE
    assert file.stat().st_mode & 0o7777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["platform.yaml"]


def test_write_atomically_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    file = tmp_path / "platform.yaml"
    file.write_text(GOOD_FILE)
    file.chmod(0o640)
    write_atomically(file, "new: text\n", content_hash(GOOD_FILE.encode()))
    assert file.read_bytes() == b"new: text\n"
    assert file.stat().st_mode & 0o7777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["platform.yaml"]


def test_check_in_keeps_the_file_mode(tmp_path: Path) -> None:
    file = write_okr(tmp_path, GOOD_FILE)
    file.chmod(0o640)
    documents = validate_root(tmp_path / "okrs").documents
    check_in(documents, Checkin("PLAT-1.1", "97.2"))
    assert file.read_text() == GOOD_FILE.replace("current: 96.1", "current: 97.2")
    assert file.stat().st_mode & 0o7777 == 0o640
    assert sorted(p.name for p in file.parent.iterdir()) == ["platform.yaml"]


# ---- 5. --commit on real repositories ---------------------------------------------------


@pytest.fixture
def repo(git_repo: Path) -> Path:
    """GOOD_FILE and a README committed on main."""
    write_okr(git_repo, GOOD_FILE)
    (git_repo / "README.md").write_text("readme\n")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-qm", "start")
    return git_repo


def test_commit_commits_only_the_okr_file(cli: Cli, repo: Path) -> None:
    (repo / "README.md").write_text("readme, staged\n")
    git(repo, "add", "README.md")
    okr = Okr(cli.runner, repo)
    result = okr(
        "checkin", "PLAT-1.1", "97.2", "--note", "rollback fix landed", "--commit", env=GIT_ENV
    )
    assert result.exit_code == 0, result.stderr
    sha = git(repo, "rev-parse", "HEAD").strip()
    assert result.stdout == (
        f"{PLAT}: PLAT-1.1 96.1 -> 97.2\ncommitted {sha[:12]}: okr: PLAT-1.1 96.1 -> 97.2\n"
    )
    assert git(repo, "log", "-1", "--format=%s%n%b") == (
        "okr: PLAT-1.1 96.1 -> 97.2\nrollback fix landed\n\n"
    )
    assert git(repo, "show", "--name-only", "--format=", "HEAD") == f"{PLAT}\n"
    assert git(repo, "show", f"HEAD:{PLAT}") == GOOD_FILE.replace("96.1", "97.2")
    assert git(repo, "diff", "--cached", "--name-only") == "README.md\n"
    assert git(repo, "show", ":README.md") == "readme, staged\n"
    assert git(repo, "status", "--porcelain") == "M  README.md\n"
    assert git(repo, "rev-list", "--count", "HEAD") == "2\n"


def test_commit_without_a_note_has_no_body(cli: Cli, repo: Path) -> None:
    result = Okr(cli.runner, repo)("checkin", "PLAT-1.2", "done", "--commit", env=GIT_ENV)
    assert result.exit_code == 0, result.stderr
    assert git(repo, "log", "-1", "--format=%B") == "okr: PLAT-1.2 not done -> done\n\n"
    assert git(repo, "status", "--porcelain") == ""


def assert_refused(result: Result, file: Path, before: bytes, message: str) -> None:
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.startswith("okr: error: ")
    assert file.read_bytes() == before


def test_commit_without_an_identity_is_refused(cli: Cli, repo: Path, tmp_path: Path) -> None:
    git(repo, "config", "--unset", "user.name")
    git(repo, "config", "--unset", "user.email")
    home = tmp_path / "home"
    home.mkdir()
    env: dict[str, str | None] = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "EMAIL": None,
    }
    env |= {
        f"GIT_{role}_{what}": None for role in ("AUTHOR", "COMMITTER") for what in ("NAME", "EMAIL")
    }
    file = repo / PLAT
    before = file.read_bytes()
    head = git(repo, "rev-parse", "HEAD")
    result = Okr(cli.runner, repo)("checkin", "PLAT-1.1", "97.2", "--commit", env=env)
    assert_refused(result, file, before, "no git identity (user.name is not set)")
    assert git(repo, "rev-parse", "HEAD") == head


def test_commit_on_a_detached_head_is_refused(cli: Cli, repo: Path) -> None:
    git(repo, "checkout", "-q", "--detach")
    file = repo / PLAT
    before = file.read_bytes()
    result = Okr(cli.runner, repo)("checkin", "PLAT-1.1", "97.2", "--commit", env=GIT_ENV)
    assert_refused(result, file, before, "HEAD is detached; check out a branch to commit")


def test_commit_with_a_held_index_lock_is_refused(cli: Cli, repo: Path) -> None:
    lock = repo / ".git" / "index.lock"
    lock.touch()
    file = repo / PLAT
    before = file.read_bytes()
    result = Okr(cli.runner, repo)("checkin", "PLAT-1.1", "97.2", "--commit", env=GIT_ENV)
    assert_refused(result, file, before, "index.lock exists: another git process is running")
    assert lock.exists()


def make_conflict(repo: Path) -> None:
    """Change PLAT-1.1 differently on two branches and merge them: a real conflict."""
    git(repo, "checkout", "-q", "-b", "other")
    (repo / PLAT).write_text(GOOD_FILE.replace("current: 96.1", "current: 95"))
    git(repo, "commit", "-qam", "other")
    git(repo, "checkout", "-q", "main")
    (repo / PLAT).write_text(GOOD_FILE.replace("current: 96.1", "current: 97"))
    git(repo, "commit", "-qam", "main")
    with pytest.raises(subprocess.CalledProcessError):
        git(repo, "merge", "-q", "other")
    assert git(repo, "ls-files", "-u", "--", PLAT) != ""


def test_commit_of_a_file_with_conflict_markers_is_refused(cli: Cli, repo: Path) -> None:
    # Fails: the file does not load, so the command answers exit 2 "no key result `PLAT-1.1`"
    # before `check_can_commit` can name the conflict.
    make_conflict(repo)
    file = repo / PLAT
    before = file.read_bytes()
    assert b"<<<<<<<" in before
    result = Okr(cli.runner, repo)("checkin", "PLAT-1.1", "97.2", "--commit", env=GIT_ENV)
    assert_refused(result, file, before, "conflict")


def test_commit_of_an_edited_but_unresolved_file_is_refused(cli: Cli, repo: Path) -> None:
    make_conflict(repo)
    file = repo / PLAT
    file.write_text(GOOD_FILE)  # markers removed, but not marked resolved (`git add`)
    before = file.read_bytes()
    result = Okr(cli.runner, repo)("checkin", "PLAT-1.1", "97.2", "--commit", env=GIT_ENV)
    assert_refused(result, file, before, f"{PLAT} has unresolved merge conflicts")


# ---- 6. read-only files and symbolic links ------------------------------------------------
# A check-in writes a new file and renames it over the old one, which the folder's
# permissions allow whatever the file's own; so okr refuses a file without write permission
# for its owner itself (checked from the mode bits, so that it holds for root too, who may
# write anything), and it follows a symbolic link rather than replacing it by a file.

READ_ONLY = (
    "okr: error: 2026-Q4/platform.yaml is read-only; nothing written\n"
    "  hint: make the file writable (`chmod u+w`) to check in to it\n"
)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o464], ids=oct)
def test_a_read_only_file_is_refused_and_left_alone(okr: Okr, tmp_path: Path, mode: int) -> None:
    file = write_okr(tmp_path, GOOD_FILE)
    file.chmod(mode)
    result = okr("checkin", "PLAT-1.1", "97.2")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", READ_ONLY)
    assert file.read_text() == GOOD_FILE
    assert file.stat().st_mode & 0o7777 == mode
    assert listing(file.parent) == ["platform.yaml"]


def test_a_read_only_file_is_refused_before_a_commit(cli: Cli, repo: Path) -> None:
    file = repo / PLAT
    file.chmod(0o444)
    head = git(repo, "rev-parse", "HEAD")
    result = Okr(cli.runner, repo)("checkin", "PLAT-1.1", "97.2", "--commit", env=GIT_ENV)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", READ_ONLY)
    assert file.read_text() == GOOD_FILE
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


def test_a_read_only_target_of_a_link_is_refused(okr: Okr, tmp_path: Path) -> None:
    target = tmp_path / "okrs" / ".shared" / "platform.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(GOOD_FILE)
    target.chmod(0o444)
    link = tmp_path / PLAT
    link.parent.mkdir(parents=True)
    link.symlink_to(Path("..") / ".shared" / "platform.yaml")
    result = okr("checkin", "PLAT-1.1", "97.2")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", READ_ONLY)
    assert target.read_text() == GOOD_FILE
    assert link.is_symlink()


@pytest.mark.parametrize("absolute", [False, True], ids=["relative-link", "absolute-link"])
def test_a_link_inside_the_root_is_edited_at_its_target(
    okr: Okr, tmp_path: Path, absolute: bool
) -> None:
    # Fails before the fix: the rename replaces the link with a regular file, and the
    # shared file it pointed to keeps the old value.
    target = tmp_path / "okrs" / ".shared" / "platform.yaml"  # hidden: not an OKR file itself
    target.parent.mkdir(parents=True)
    target.write_text(GOOD_FILE)
    target.chmod(0o640)
    link = tmp_path / PLAT
    link.parent.mkdir(parents=True)
    pointing = target if absolute else Path("..") / ".shared" / "platform.yaml"
    link.symlink_to(pointing)
    result = okr("checkin", "PLAT-1.1", "97.2")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "okrs/.shared/platform.yaml: PLAT-1.1 96.1 -> 97.2\n"
    assert link.is_symlink()
    assert link.readlink() == pointing
    assert target.read_text() == GOOD_FILE.replace("current: 96.1", "current: 97.2")
    assert target.stat().st_mode & 0o7777 == 0o640
    assert listing(link.parent) == ["platform.yaml"]
    assert listing(target.parent) == ["platform.yaml"]


def test_a_link_inside_the_root_commits_its_target(cli: Cli, git_repo: Path) -> None:
    shared = ".shared/platform.yaml"
    target = git_repo / "okrs" / shared
    target.parent.mkdir(parents=True)
    target.write_text(GOOD_FILE)
    link = git_repo / PLAT
    link.parent.mkdir(parents=True)
    link.symlink_to(Path("..") / ".shared" / "platform.yaml")
    git(git_repo, "add", ".")
    git(git_repo, "commit", "-qm", "start")
    result = Okr(cli.runner, git_repo)("checkin", "PLAT-1.1", "97.2", "--commit", env=GIT_ENV)
    assert result.exit_code == 0, result.stderr
    assert git(git_repo, "show", "--name-only", "--format=", "HEAD") == f"okrs/{shared}\n"
    assert git(git_repo, "show", f"HEAD:okrs/{shared}") == GOOD_FILE.replace("96.1", "97.2")
    assert git(git_repo, "status", "--porcelain") == ""
    assert link.is_symlink()


def test_a_link_to_a_file_outside_the_root_is_refused(okr: Okr, tmp_path: Path) -> None:
    # Fails before the fix: the link is replaced by a regular file holding the edit.
    # Reading refuses such a link already (OKR014), so the check-in never gets to it.
    outside = tmp_path / "elsewhere" / "platform.yaml"
    outside.parent.mkdir()
    outside.write_text(GOOD_FILE)
    link = tmp_path / PLAT
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    result = okr("checkin", "PLAT-1.1", "97.2")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "okr: error: PLAT-1.1 was not found, and some OKR files have errors:\n"
        f"{PLAT}:1:1: error[OKR014]: a symbolic link that leads outside the OKR root; "
        "not read\n"
        "  hint: OKR files live inside the OKR root: replace the link with the file itself\n"
    )
    assert link.readlink() == outside
    assert outside.read_text() == GOOD_FILE
    assert listing(link.parent) == ["platform.yaml"]
    assert listing(outside.parent) == ["platform.yaml"]


def test_a_link_moved_outside_the_root_after_loading_is_refused(tmp_path: Path) -> None:
    """The link pointed inside the root when the files were read, and leads out of it
    by the time of the edit: the edit refuses it rather than write outside the root."""
    root = tmp_path / "okrs"
    inside = root / ".shared" / "platform.yaml"
    inside.parent.mkdir(parents=True)
    inside.write_text(GOOD_FILE)
    outside = tmp_path / "elsewhere" / "platform.yaml"
    outside.parent.mkdir()
    outside.write_text(GOOD_FILE)
    link = tmp_path / PLAT
    link.parent.mkdir(parents=True)
    link.symlink_to(inside)
    documents = validate_root(root).documents
    link.unlink()
    link.symlink_to(outside)
    with pytest.raises(OkrError) as caught:
        check_in(documents, Checkin("PLAT-1.1", "97.2"), root=root)
    assert caught.value.message == (
        f"2026-Q4/platform.yaml is a symbolic link to {outside}, outside the OKR root; "
        "nothing written"
    )
    assert caught.value.hint == "edit the file it links to, or move that file into the OKR root"
    assert int(caught.value.exit_code) == 1
    assert link.readlink() == outside
    assert outside.read_text() == GOOD_FILE
    assert inside.read_text() == GOOD_FILE
    assert listing(outside.parent) == ["platform.yaml"]


def test_a_link_broken_after_loading_is_refused(tmp_path: Path) -> None:
    inside = tmp_path / "okrs" / ".shared" / "platform.yaml"
    inside.parent.mkdir(parents=True)
    inside.write_text(GOOD_FILE)
    link = tmp_path / PLAT
    link.parent.mkdir(parents=True)
    link.symlink_to(inside)
    documents = validate_root(tmp_path / "okrs").documents
    inside.unlink()
    with pytest.raises(OkrError) as caught:
        check_in(documents, Checkin("PLAT-1.1", "97.2"))  # the root: above the period folder
    assert caught.value.message == "cannot read 2026-Q4/platform.yaml: a broken or looping link"
    assert int(caught.value.exit_code) == 1
    assert link.is_symlink()
    assert listing(link.parent) == ["platform.yaml"]
    assert listing(inside.parent) == []


def test_write_atomically_never_replaces_a_link(tmp_path: Path) -> None:
    target = tmp_path / "target.yaml"
    target.write_text(GOOD_FILE)
    link = tmp_path / "platform.yaml"
    link.symlink_to(target)
    with pytest.raises(OkrError) as caught:
        write_atomically(link, "new: text\n", content_hash(GOOD_FILE.encode()))
    assert (
        caught.value.message == f"{tmp_path.name}/platform.yaml is a symbolic link; nothing written"
    )
    assert link.is_symlink()
    assert target.read_text() == GOOD_FILE


def test_write_atomically_refuses_a_file_that_disappeared(tmp_path: Path) -> None:
    file = tmp_path / "platform.yaml"
    with pytest.raises(OkrError) as caught:
        write_atomically(file, "new: text\n", content_hash(GOOD_FILE.encode()))
    assert caught.value.message == (
        f"{tmp_path.name}/platform.yaml changed while okr was editing it; nothing written, "
        "try again"
    )
    assert list(tmp_path.iterdir()) == []


# ---- several check-ins of one file (okr sync) ---------------------------------------------


def test_check_ins_drafted_together_are_one_edit_equal_to_one_by_one(tmp_path: Path) -> None:
    """A file's check-ins worked out together give the file that checking them in one
    after another gives; the unchanged and the refused ones are told apart."""
    from okrcli.edit.checkin import draft_check_ins, refresh_file, write_file_draft

    file = write_okr(tmp_path / "together", GOOD_FILE)
    requests = [
        Checkin("PLAT-1.1", "97.5"),
        Checkin("PLAT-1.2", "done"),
        Checkin("PLAT-1.1", confidence=0.8),
        Checkin("PLAT-9.9", "1"),  # not in the file
    ]
    draft, outcomes = draft_check_ins(file, requests)
    assert outcomes[:3] == [True, True, True]
    assert isinstance(outcomes[3], OkrError)
    assert outcomes[3].message == "PLAT-9.9 is no longer in 2026-Q4/platform.yaml; nothing written"
    assert draft.requests == tuple(requests[:3])
    assert write_file_draft(refresh_file(draft))
    one_by_one = tmp_path / "one-by-one"
    alone = write_okr(one_by_one, GOOD_FILE)
    for request in requests[:3]:
        check_in(validate_root(one_by_one / "okrs").documents, request)
    assert file.read_text() == alone.read_text()
    assert changed_lines(GOOD_FILE, file.read_text()) == [
        "-        current: 96.1\n",
        "+        current: 97.5\n",
        "+        confidence: 0.8\n",
        "-        done: false\n",
        "+        done: true\n",
    ]
    again, outcomes = draft_check_ins(file, requests[:3])
    assert again.unchanged and outcomes == [False, False, False]


def test_a_check_in_that_makes_the_file_invalid_is_refused_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drafted together, an edit that fails validation is tried alone: the one invalid
    alone is refused, the others are drafted again together; check-ins valid alone but
    not together are all refused, none can be told apart."""
    from okrcli.edit import checkin
    from okrcli.edit.checkin import draft_check_ins

    real = checkin._validate

    def with_a_rule_of_this_test(text: str, file: Path, shown: str) -> None:
        if "current: 13" in text or ("current: 20" in text and "done: true" in text):
            raise OkrError("the check-in would make the file invalid; nothing written")
        real(text, file, shown)

    monkeypatch.setattr(checkin, "_validate", with_a_rule_of_this_test)
    file = write_okr(tmp_path, GOOD_FILE)
    draft, outcomes = draft_check_ins(
        file, [Checkin("PLAT-1.1", "13"), Checkin("PLAT-1.2", "done")]
    )
    assert isinstance(outcomes[0], OkrError) and outcomes[1] is True
    assert "done: true" in draft.text and "current: 13" not in draft.text
    draft, outcomes = draft_check_ins(
        file, [Checkin("PLAT-1.1", "20"), Checkin("PLAT-1.2", "done")]
    )
    assert draft.unchanged and draft.text == GOOD_FILE
    assert [str(o) for o in outcomes] == [
        "these check-ins together would make the file invalid; nothing written"
    ] * 2
    assert [o.hint for o in outcomes if isinstance(o, OkrError)] == [
        "check them in one at a time: the one that breaks the file says how"
    ] * 2


def test_a_file_draft_is_worked_out_again_on_what_another_writer_left(tmp_path: Path) -> None:
    from okrcli.edit.checkin import draft_check_ins, refresh_file, write_file_draft

    file = write_okr(tmp_path, GOOD_FILE)
    draft, _ = draft_check_ins(file, [Checkin("PLAT-1.1", "98")])
    file.write_text(GOOD_FILE.replace("# Platform OKRs", "# Platform OKRs, edited meanwhile"))
    assert write_file_draft(refresh_file(draft))
    assert file.read_text() == GOOD_FILE.replace(
        "# Platform OKRs", "# Platform OKRs, edited meanwhile"
    ).replace("current: 96.1", "current: 98")
    file.write_text(GOOD_FILE.replace("PLAT-1.1", "PLAT-1.7"))
    with pytest.raises(OkrError, match=r"PLAT-1\.1 is no longer in 2026-Q4/platform\.yaml"):
        refresh_file(draft)


def test_a_value_given_twice_for_one_key_result_in_one_draft_is_refused(tmp_path: Path) -> None:
    """Drafted together, each check-in is worked out on the file as read: a second value
    for a key result would be judged against the value the first replaces (96.1 again
    was `unchanged`, and the file kept 97.5, where one after another leaves 96.1). The
    second is refused; a value and a confidence of one key result still go together."""
    from okrcli.edit.checkin import draft_check_ins

    file = write_okr(tmp_path, GOOD_FILE)
    draft, outcomes = draft_check_ins(
        file,
        [
            Checkin("PLAT-1.1", "97.5"),
            Checkin("PLAT-1.1", "96.1"),
            Checkin("PLAT-1.1", confidence=0.8),
        ],
    )
    assert outcomes[0] is True and outcomes[2] is True
    assert isinstance(outcomes[1], OkrError)
    assert outcomes[1].message == (
        "PLAT-1.1 is given a value twice in one draft of 2026-Q4/platform.yaml; nothing written"
    )
    assert outcomes[1].hint == (
        "give each key result one value (or item) and one confidence at a time"
    )
    assert "current: 97.5" in draft.text and "confidence: 0.8" in draft.text
