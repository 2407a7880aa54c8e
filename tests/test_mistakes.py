"""Realistic mistakes of people who are not engineers, each with the exact place, message
and hint `okr validate` gives; and what no message may contain: a Python repr, a parser
phrase, a pointer to a README the user's repository does not have."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrcli.base import codes
from okrcli.check.validation import validate_root
from tests.conftest import Cli, git, write_files

PLAT = "okrs/2026-Q4/platform.yaml"

BASE = """period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: PLAT-1
    title: Make deploys reliable
    standalone: ours
    key_results:
      - id: PLAT-1.1
        title: Raise deploy success rate
        start: 92
        target: 99
        current: 95
        unit: "%"
        confidence: 0.7
      - id: PLAT-1.2
        title: Publish the runbook
        kind: milestone
        done: false
        due: 2026-12-15
"""


# (name, the line as it was, the line as written by mistake, [(line:col, code, message, hint)])
MISTAKES: list[tuple[str, str, str, list[tuple[str, str, str, str]]]] = [
    ('unclosed-quote', 'title: Make deploys reliable', 'title: "Make deploys reliable', [
        ('6:12', 'OKR001', 'the quote that opens the value of `title` is never closed', 'close it at the end of the value: title: "Make deploys reliable"'),
    ]),
    ('no-space', 'target: 99', 'target:99', [
        ('12:16', 'OKR001', 'a space is missing after `target:`', 'write a space between the key and its value: target: 99'),
    ]),
    ('colon-in-title', 'title: Publish the runbook', 'title: Runbook: publish it', [
        ('17:23', 'OKR001', 'the value of `title` contains `: `, which YAML reads as the start of a new key', 'put the value in quotes: title: "Runbook: publish it"'),
    ]),
    ('hash-title', 'title: Publish the runbook', 'title: #1 publish the runbook', [
        ('17:15', 'OKR022', 'PLAT-1.2: `title` is empty', 'the text after `#` is a comment for YAML: put the title in quotes: title: "#1 publish the runbook"'),
    ]),
    ('percent-unit', 'unit: "%"', 'unit: %', [
        ('14:15', 'OKR001', 'the value of `unit` starts with `%`, which YAML reads as a directive', 'put the value in quotes: unit: "%"'),
    ]),
    ('at-owner', 'owner: dana', 'owner: @dana', [
        ('3:8', 'OKR001', 'the value of `owner` starts with `@`, which YAML reserves', 'put the value in quotes: owner: "@dana"'),
    ]),
    ('backtick', 'title: Publish the runbook', 'title: `runbook` published', [
        ('17:16', 'OKR001', 'the value of `title` starts with a backtick, which YAML reserves', 'put the value in quotes: title: "`runbook` published"'),
    ]),
    ('star', 'title: Publish the runbook', 'title: *important* runbook', [
        ('17:16', 'OKR001', 'the value of `title` starts with `*`, which YAML reads as an alias (a reference to an anchor)', 'put the value in quotes: title: "*important* runbook"'),
    ]),
    ('amp', 'title: Publish the runbook', 'title: &runbook', [
        ('17:16', 'OKR008', 'YAML anchors and aliases are not supported (`&runbook`)', 'write the value out in full at each place'),
    ]),
    ('bang', 'title: Publish the runbook', 'title: !important', [
        ('17:16', 'OKR007', 'YAML tag `!important` is not allowed', 'remove the tag; OKR files hold plain strings, numbers, dates and lists'),
    ]),
    ('indent-less', '        target: 99', '       target: 99', [
        ('12:8', 'OKR001', '`target` is indented to column 8; the keys around it start at column 9', 'indent it like `start`: 8 spaces'),
    ]),
    ('indent-more', '        target: 99', '         target: 99', [
        ('12:10', 'OKR001', '`target` is indented to column 10, further than `start` above it (column 9)', 'indent it like `start`: 8 spaces'),
    ]),
    ('item-out', '      - id: PLAT-1.2', '    - id: PLAT-1.2', [
        ('16:5', 'OKR001', 'this list item starts at column 5; the items of its list start at column 7', 'indent `- ` like the item above it: 6 spaces'),
    ]),
    ('dedent-title', '        title: Publish the runbook', '      title: Publish the runbook', [
        ('17:7', 'OKR001', '`title` is indented to column 7, where the list items start; it belongs to the entry above, at column 9', 'indent it like `id`: 8 spaces'),
    ]),
    ('percent-value', 'current: 95', 'current: 95%', [
        ('13:18', 'OKR022', 'PLAT-1.1: `current` must be a number, not `95%`', 'write the number without `%` (the unit goes in `unit:`): current: 95'),
    ]),
    ('thousands', 'current: 95', 'current: 1,200', [
        ('13:18', 'OKR022', 'PLAT-1.1: `current` must be a number, not `1,200`', 'write numbers without thousands separators: current: 1200'),
    ]),
    ('conf-pct', 'confidence: 0.7', 'confidence: 70%', [
        ('15:21', 'OKR022', 'PLAT-1.1: `confidence` must be a number, not `70%`', 'confidence is 0.0-1.0: write confidence: 0.7'),
    ]),
    ('conf-70', 'confidence: 0.7', 'confidence: 70', [
        ('15:21', 'OKR022', 'PLAT-1.1: `confidence` must be at most 1, not `70`', 'confidence is a number from 0.0 (no chance) to 1.0 (certain), e.g. 0.7'),
    ]),
    ('due-time', 'due: 2026-12-15', 'due: 2026-12-15 17:00', [
        ('20:14', 'OKR022', 'PLAT-1.2: `due` must be a date (YYYY-MM-DD), not `2026-12-15 17:00`', 'drop the time: due: 2026-12-15'),
    ]),
    ('due-quoted', 'due: 2026-12-15', 'due: "2026-12-15"', [
    ]),
    ('due-us', 'due: 2026-12-15', 'due: 12/15/2026', [
        ('20:14', 'OKR022', 'PLAT-1.2: `due` must be a date (YYYY-MM-DD), not `12/15/2026`', 'write dates as YYYY-MM-DD: due: 2026-12-15'),
    ]),
    ('done-yes', 'done: false', 'done: yes', [
        ('19:15', 'OKR022', 'PLAT-1.2: `done` must be true or false, not `yes`', 'YAML 1.2 reads `yes` as text: write done: true'),
    ]),
    ('done-maybe', 'done: false', 'done: maybe', [
        ('19:15', 'OKR022', 'PLAT-1.2: `done` must be true or false, not `maybe`', 'write done: true or done: false'),
    ]),
    ('kind-typo', 'kind: milestone', 'kind: milstone', [
        ('18:15', 'OKR023', 'PLAT-1.2: unknown key result kind `milstone`', 'did you mean `milestone`?'),
    ]),
    ('taget', 'target: 99', 'taget: 99', [
        ('12:9', 'OKR021', 'PLAT-1.1: unknown key `taget` in a metric key result', 'did you mean `target`?'),
    ]),
    ('id-space', 'id: PLAT-1.1', 'id: PLAT 1.1', [
        ('9:13', 'OKR022', 'PLAT 1.1: `id` `PLAT 1.1` is not in the right form', 'use `-` instead of spaces: id: PLAT-1.1'),
    ]),
    ('period-typo', 'period: 2026-Q4', 'period: 2026Q4', [
        ('1:9', 'OKR022', '`period` `2026Q4` is not in the right form', 'put a `-` before the quarter or half: period: 2026-Q4'),
    ]),
    ('team-upper', 'team: platform', 'team: Platform', [
        ('2:7', 'OKR022', '`team` `Platform` is not in the right form', 'write the team in lower case: team: platform'),
    ]),
    ('weight-zero', 'confidence: 0.7', 'confidence: 0.7\n        weight: 0', [
        ('16:17', 'OKR022', 'PLAT-1.1: `weight` must be above 0, not `0`', 'weight is a number above 0 and at most 1000; the default is 1'),
    ]),
    ('start-eq-target', 'target: 99', 'target: 92', [
        ('12:17', 'OKR034', 'PLAT-1.1: target equals start (92), nothing to move', 'to hold a level use `kind: maintain` with `min`/`max`; for done/not done use `kind: milestone`'),
    ]),
    ('tab', '        target: 99', '\ttarget: 99', [
        ('12:1', 'OKR004', 'tab character in indentation', 'YAML indents with spaces only; replace the tab with spaces'),
    ]),
    ('list-not-dash', '      - id: PLAT-1.2', '      id: PLAT-1.2', [
        ('16:7', 'OKR001', '`id:` starts a new entry, but the `- ` that starts a list item is missing', 'write `- id:` at column 7, like the entries above'),
    ]),
    ('objectives-map', 'objectives:\n  - id: PLAT-1', 'objectives:\n  id: PLAT-1', [
        ('5:3', 'OKR001', '`id:` starts an objective or key result, but the `- ` that starts a list item is missing', 'write `- id:` at column 3'),
    ]),
    ('empty-title', 'title: Publish the runbook', 'title:', [
        ('17:15', 'OKR022', 'PLAT-1.2: `title` is empty', 'write the text after `title: `, or remove the key'),
    ]),
    ('unit-number', 'unit: "%"', 'unit: 5', [
        ('14:15', 'OKR022', 'PLAT-1.1: `unit` must be text, not `5`', 'put it in quotes: unit: "5"'),
    ]),
    ('dup-key', '        current: 95', '        current: 95\n        current: 96', [
        ('14:9', 'OKR011', 'duplicate key `current` (first defined at line 13)', 'keep one of them'),
    ]),
    ('target-text', 'target: 99', 'target: ninety', [
        ('12:17', 'OKR022', 'PLAT-1.1: `target` must be a number, not `ninety`', 'write a number, such as target: 42'),
    ]),
    ('type-typo', '    standalone: ours', '    standalone: ours\n    type: commited', [
        ('8:11', 'OKR022', 'PLAT-1: `type` must be `committed` or `aspirational`, not `commited`', 'did you mean `committed`?'),
    ]),
    ('aligns-unknown', '    standalone: ours', '    aligns_to: ACME-9', [
        ('7:16', 'OKR032', 'PLAT-1: aligns_to `ACME-9` names no objective or key result in 2026-Q4', 'use the id of a goal in the same period'),
    ]),
    ('quoted-number', 'target: 99', 'target: "99"', [
        ('12:17', 'OKR022', 'PLAT-1.1: `target` must be a number, not `"99"`', 'write the number without quotes: target: 99'),
    ]),
    ('bool-title', 'title: Publish the runbook', 'title: yes', [
    ]),
    ('nested-quote', 'title: Publish the runbook', "title: 'Don't break it'", [
        ('17:20', 'OKR001', 'the apostrophe after `Don` ends the quoted value of `title`', "inside single quotes write an apostrophe twice: title: 'Don''t break it' (or use double quotes)"),
    ]),
    ('key-without-value-list', '    key_results:\n', '    key_results: - id\n', [
        ('8:18', 'OKR001', 'this line is not valid YAML', 'check its indentation (spaces, in line with the keys it belongs with) and quote any value that holds `: `, ` #` or starts with a special character'),
    ]),
    ('objective-without-dash', '  - id: PLAT-1\n', '  id: PLAT-1\n', [
        ('5:3', 'OKR001', '`id:` starts an objective or key result, but the `- ` that starts a list item is missing', 'write `- id:` at column 3'),
    ]),
    ('confidence-word', 'confidence: 0.7', 'confidence: high', [
        ('15:21', 'OKR022', 'PLAT-1.1: `confidence` must be a number, not `high`', 'confidence is a number from 0.0 (no chance) to 1.0 (certain), e.g. 0.7'),
    ]),
    ('weight-text', 'confidence: 0.7', 'confidence: 0.7\n        weight: heavy', [
        ('16:17', 'OKR022', 'PLAT-1.1: `weight` must be a number, not `heavy`', 'weight is a number above 0 and at most 1000; the default is 1'),
    ]),
    ('negative-confidence', 'confidence: 0.7', 'confidence: -0.2', [
        ('15:21', 'OKR022', 'PLAT-1.1: `confidence` must be at least 0, not `-0.2`', 'confidence is a number from 0.0 (no chance) to 1.0 (certain), e.g. 0.7'),
    ]),
    ('due-impossible', 'due: 2026-12-15', 'due: 2026-02-30', [
        ('20:14', 'OKR022', '`2026-02-30` looks like a date but is not a real one', 'dates are YYYY-MM-DD with a real month and day; quote other text'),
    ]),
    ('due-outside', 'due: 2026-12-15', 'due: 2027-01-15', [
        ('20:14', 'OKR035', 'PLAT-1.2: due 2027-01-15 is outside 2026-Q4 (2026-10-01 to 2026-12-31)', "move the date into the period, or the key result into its own period's file"),
    ]),
    ('items-not-list', '        kind: milestone\n        done: false', '        kind: checklist\n        items: search, web', [
        ('19:16', 'OKR022', 'PLAT-1.2: `items` must be a list, not `search, web`', 'start each entry on its own line with `- `'),
    ]),
    ('kind-upper', 'kind: milestone', 'kind: Milestone', [
        ('18:15', 'OKR023', 'PLAT-1.2: unknown key result kind `Milestone`', 'did you mean `milestone`?'),
    ]),
    ('owner-list', 'owner: dana', 'owner: [dana, sam]', [
        ('3:8', 'OKR022', '`owner` must be text, not a list', 'write the text on the same line, after `owner: `'),
    ]),
    ('trailing-colon-title', 'title: Publish the runbook', 'title: Publish the runbook:', [
        ('17:35', 'OKR001', 'the value of `title` ends with `:`, which YAML reads as a key', 'put the value in quotes: title: "Publish the runbook:"'),
    ]),
    ('dedented-key', '        due: 2026-12-15\n', '        due: 2026-12-15\n    title: A second title\n', [
        ('21:5', 'OKR011', '`title` is indented like the keys of this mapping (where `title` is on line 6 already), below the entries of `key_results`', 'if it belongs to the last entry of `key_results` above, indent it to column 9; else keep one of the two'),
    ]),
]  # fmt: skip

# Words of parsers and of Python that must never reach a person.
JARGON = re.compile(
    r"input should|\(got |\((int|float|str|bool|datetime|date|list|dict)\)|datetime\.|"
    r"<block|<scalar>|mapping values are not allowed|could not find expected|while scanning|"
    r"while parsing|found character|cannot start any token|Value error|README|"
    r"\[\('|\b\d{2,}\.0\b"
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [pytest.param(old, new, expected, id=name) for name, old, new, expected in MISTAKES],
)
def test_a_mistake_is_one_error_at_its_place_with_a_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str,
    expected: list[tuple[str, str, str, str]],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    assert old in BASE
    root = write_files(tmp_path / "okrs", {"2026-Q4/platform.yaml": BASE.replace(old, new, 1)})
    findings = validate_root(root).findings
    got = [(f"{f.location.line}:{f.location.col}", f.code, f.message, f.hint) for f in findings]
    assert got == expected


def test_there_are_at_least_forty_mistakes() -> None:
    assert len(MISTAKES) >= 40


@pytest.mark.parametrize("name", [name for name, *_ in MISTAKES])
def test_no_message_speaks_python_or_parser(name: str) -> None:
    (expected,) = [e for n, _, _, e in MISTAKES if n == name]
    for _, _, message, hint in expected:
        assert not JARGON.search(message), message
        assert not JARGON.search(hint), hint


# ---- across files and options --------------------------------------------------------

COMPANY = """\
period: 2026-Q4
team: company
owner: maya
objectives:
  - id: ACME-1
    title: Win the mid-market
    key_results:
      - {id: ACME-1.1, title: Grow revenue, start: 1, target: 2}
      - {id: ACME-1.2, title: Raise retention, start: 1, target: 2}
"""


def team(name: str, prefix: str, aligns_to: str) -> str:
    return (
        f"period: 2026-Q4\nteam: {name}\nowner: lee\nobjectives:\n  - id: {prefix}-1\n"
        f"    title: Delight\n    aligns_to: {aligns_to}\n    key_results:\n"
        f"      - {{id: {prefix}-1.1, title: Raise it, start: 1, target: 2}}\n"
        f"      - {{id: {prefix}-1.2, title: Cut it, start: 2, target: 1}}\n"
    )


def located(root: Path) -> list[tuple[str, str, str, str | None]]:
    from okrcli.render.findings import where

    return [(where(f.location), f.code, f.message, f.hint) for f in validate_root(root).findings]


def test_one_broken_file_is_one_error_and_one_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    broken = COMPANY.replace(
        "start: 1, target: 2}\n      - {id: ACME-1.2",
        "start: 1, taget: 2}\n      - {id: ACME-1.2",
        1,
    )
    files = {
        "2026-Q4/company.yaml": broken,
        "2026-Q4/growth.yaml": team("growth", "GROW", "ACME-1"),
        "2026-Q4/web.yaml": team("web", "WEB", "ACME-1.2"),
    }
    assert located(write_files(tmp_path / "okrs", files)) == [
        (
            "okrs/2026-Q4/company.yaml:1:1",
            codes.REFERENCES_UNCHECKED,
            "2 references into this file's period wait for it: it did not load",
            "fix this file's errors first; the references are checked once it loads",
        ),
        (
            "okrs/2026-Q4/company.yaml:8:55",
            codes.UNKNOWN_KEY,
            "ACME-1.1: unknown key `taget` in a metric key result",
            "did you mean `target`?",
        ),
    ]


def test_a_suggestion_never_points_at_another_teams_goal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    files = {"2026-Q4/company.yaml": COMPANY, "2026-Q4/web.yaml": team("web", "WEB", "ACME-1.3")}
    assert located(write_files(tmp_path / "okrs", files)) == [
        (
            "okrs/2026-Q4/web.yaml:7:16",
            codes.UNKNOWN_ALIGNMENT,
            "WEB-1: aligns_to `ACME-1.3` names no objective or key result in 2026-Q4",
            "did you mean `ACME-1.2`?",
        )
    ]
    files["2026-Q4/web.yaml"] = team("web", "WEB", "ACNE-7")
    (hint,) = [h for *_, h in located(write_files(tmp_path / "okrs", files))]
    assert hint == "use the id of a goal in the same period"  # not `WEB-1.1`


def test_a_file_outside_period_folders_is_an_error_in_every_mode(cli: Cli) -> None:
    files = {
        "2026-Q4/company.yaml": COMPANY,
        "success.yaml": team("success", "CS", "ACME-1"),
        "2026/Q3/growth.yaml": team("growth", "GROW", "ACME-1"),
    }
    write_files(cli.cwd / "okrs", files)
    found = (
        "error[OKR016]: this YAML file is not read: OKR files live at <root>/<period>/<team>.yaml"
    )
    code, out = cli("validate")
    assert code == 1
    assert out.splitlines() == [
        f"okrs/2026/Q3/growth.yaml:1:1: {found}",
        "  hint: move it to okrs/2026-Q3/growth.yaml, one folder per period",
        f"okrs/success.yaml:1:1: {found}",
        "  hint: move it into its period's folder, e.g. okrs/2026-Q4/success.yaml",
        "found 2 errors in 3 files",
    ]
    code, out = cli("validate", "okrs/success.yaml")  # as pre-commit passes it
    assert (code, out.splitlines()[0]) == (1, f"okrs/success.yaml:1:1: {found}")


def test_config_mistakes_are_reported_together(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/company.yaml": COMPANY})
    config = "top_level_team: compnay\nlint:\n  rules:\n    OKR999: off\n  strictt: true\n"
    (cli.cwd / "okrs/okrcli.yaml").write_text(config)
    code, out = cli("validate", "-q")
    assert code == 1
    assert [line.split(": ", 1)[0] for line in out.splitlines() if not line.startswith(" ")] == [
        "okrs/okrcli.yaml:4:5",
        "okrs/okrcli.yaml:5:3",
    ]
    assert "unknown rule `OKR999` in `lint.rules`" in out
    assert "unknown key `strictt`" in out
    (cli.cwd / "okrs/okrcli.yaml").write_text("top_level_team: compnay\n")
    code, out = cli("validate", "-q")
    assert out == (
        "okrs/okrcli.yaml:1:17: error[OKR044]: top_level_team `compnay` names no team of the "
        "OKR files\n  hint: did you mean `company`?\n"
    )


def test_an_empty_team_file_is_a_warning(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/company.yaml": COMPANY,
                                   "2026-Q4/web.yaml": "period: 2026-Q4\nteam: web\n"})  # fmt: skip
    code, out = cli("lint", "-q")
    assert code == 0
    assert out == (
        "okrs/2026-Q4/web.yaml:2:7: warning[OKR121]: team `web` has no objectives in 2026-Q4\n"
        "  hint: add the team's objectives, or delete the file if the team sets none this "
        "period\n"
    )


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (("--team", "compnay"), "no team `compnay` in 2026-Q4; teams there: company",
         "did you mean `company`?"),
        (("--owner", "Maya"), "no owner `Maya` in 2026-Q4; owners there: maya",
         "did you mean `maya`?"),
        (("--period", "2026-Q5"), "'2026-Q5' is not a period",
         "periods look like 2027, 2027-H1 or 2027-Q1, with a year from 1900 to 2999"),
        (("--period", "2026-Q3"), "no OKR files for 2026-Q3; periods found: 2026-Q4",
         "did you mean `2026-Q4`?"),
    ],
)  # fmt: skip
def test_a_filter_that_matches_nothing_says_so(
    cli: Cli, args: tuple[str, ...], message: str, hint: str
) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/company.yaml": COMPANY})
    result = cli.run("status", "--no-history", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"okr: error: {message}\n  hint: {hint}\n"


def test_blame_of_an_objective_and_an_item_in_another_case(git_repo: Path, cli: Cli) -> None:
    checklist = COMPANY.replace(
        "      - {id: ACME-1.2, title: Raise retention, start: 1, target: 2}\n",
        "      - id: ACME-1.2\n        title: Ship\n        kind: checklist\n"
        "        items: [{title: notifications}, {title: search}]\n",
    )
    write_files(git_repo / "okrs", {"2026-Q4/company.yaml": checklist})
    git(git_repo, "add", "-A")
    subprocess.run(["git", "commit", "-qm", "kickoff"], cwd=git_repo, check=True)
    okr = Cli(cli.runner, git_repo)
    result = okr.run("blame", "ACME-1")
    assert (result.exit_code, result.stderr) == (
        2,
        "okr: error: ACME-1 is an objective: `okr blame` shows who set a key result's fields\n"
        "  hint: `okr history ACME-1` shows the objective's score over time\n",
    )
    result = okr.run("checkin", "ACME-1.2", "--item", "Notifications")
    assert result.stdout == (
        "okrs/2026-Q4/company.yaml: ACME-1.2 notifications not done (0/2) -> done (1/2)\n"
    )


@given(
    text=st.text(alphabet=st.sampled_from(list("ab: -#'\"%@`*\n\r\t{}[],")), max_size=80),
    line=st.integers(-2, 12),
    col=st.integers(-2, 40),
    problem=st.sampled_from(["mapping values are not allowed here", "expected <block end>", ""]),
)
def test_explaining_a_syntax_error_never_fails(
    text: str, line: int, col: int, problem: str
) -> None:
    from okrcli.read.syntax import explain

    found = explain(text, (line, col), problem)
    if found is not None:
        assert found.position[0] >= 1 and found.position[1] >= 1
        assert found.message and found.hint
