"""Every validation code, from a fixture, at its exact path:line:col."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from okrcli.base import codes
from okrcli.base.findings import Finding
from okrcli.check.validation import validate_root
from okrcli.render.findings import message, where
from tests.conftest import GOOD_FILE

PLAT = "okrs/2026-Q4/platform.yaml"


def findings_for(tmp_path: Path, files: Mapping[str, str | bytes]) -> list[Finding]:
    root = tmp_path / "okrs"
    for relative, content in files.items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    # Validation codes only: the fixtures are minimal, so the OKR102 practice rule
    # (objectives need key results) would fire too; tests/test_rules.py covers rules.
    return [f for f in validate_root(root).findings if f.code in codes.CATALOG]


def located(findings: list[Finding]) -> list[str]:
    return [f"{where(f.location)} {f.code}" for f in findings]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


HEAD = "period: 2026-Q4\nteam: platform\n"

YAML_CASES: list[tuple[str, str | bytes, list[str]]] = [
    ("syntax", HEAD + "objectives: [\n", [f"{PLAT}:4:1 {codes.SYNTAX}"]),
    (
        "syntax-indent",
        HEAD + "objectives:\n  - id: A\n   title: x\n",
        [f"{PLAT}:5:4 {codes.SYNTAX}"],
    ),
    ("encoding", HEAD.encode() + b"owner: caf\xe9\n", [f"{PLAT}:3:11 {codes.ENCODING}"]),
    (
        "conflict",
        HEAD + "<<<<<<< HEAD\nowner: a\n=======\nowner: b\n>>>>>>> theirs\n",
        [f"{PLAT}:3:1 {codes.MERGE_CONFLICT}"] * 1
        + [f"{PLAT}:5:1 {codes.MERGE_CONFLICT}", f"{PLAT}:7:1 {codes.MERGE_CONFLICT}"],
    ),
    ("tab", HEAD + "objectives:\n\t- id: A\n", [f"{PLAT}:4:1 {codes.TAB}"]),
    ("empty", "", [f"{PLAT}:1:1 {codes.EMPTY_FILE}"]),
    ("comments-only", "# nothing yet\n", [f"{PLAT}:1:1 {codes.EMPTY_FILE}"]),
    ("list", "- period: 2026-Q4\n", [f"{PLAT}:1:1 {codes.NOT_A_MAPPING}"]),
    ("scalar", "just text\n", [f"{PLAT}:1:1 {codes.NOT_A_MAPPING}"]),
    ("python-tag", HEAD + "owner: !!python/object:os.system x\n", [f"{PLAT}:3:8 {codes.TAG}"]),
    ("local-tag", HEAD + "owner: !who dana\n", [f"{PLAT}:3:8 {codes.TAG}"]),
    ("tagged-map", HEAD + "objectives: !!omap []\n", [f"{PLAT}:3:13 {codes.TAG}"]),
    ("alias", HEAD + "owner: &o dana\ndescription: *o\n", [f"{PLAT}:3:8 {codes.ALIAS}"]),
    (
        "alias-bomb",
        HEAD + 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n',
        [f"{PLAT}:3:4 {codes.ALIAS}"],
    ),
    ("deep-flow", HEAD + "owner: " + "[" * 40 + "]" * 40 + "\n", [f"{PLAT}:3:39 {codes.TOO_DEEP}"]),
    (
        "deep-recursion",
        HEAD + "owner: " + "[" * 5000 + "]" * 5000 + "\n",
        [f"{PLAT}:3:39 {codes.TOO_DEEP}"],
    ),
    ("impossible-date", HEAD + "owner: 2026-13-45\n", [f"{PLAT}:3:8 {codes.INVALID_VALUE}"]),
    ("broken-hex", HEAD + "owner: 0x_\n", [f"{PLAT}:3:8 {codes.INVALID_VALUE}"]),
    ("cr-line-ends", "period: 2026-Q4\rteam: \x01\r", [f"{PLAT}:2:7 {codes.SYNTAX}"]),
    ("duplicate-key", HEAD + "owner: a\nowner: b\n", [f"{PLAT}:4:1 {codes.DUPLICATE_KEY}"]),
    ("control-char", HEAD + 'owner: "a\x01"\n', [f"{PLAT}:3:10 {codes.SYNTAX}"]),
    ("two-documents", HEAD + "---\nperiod: 2026-Q4\n", [f"{PLAT}:3:1 {codes.SYNTAX}"]),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, expected, id=name) for name, content, expected in YAML_CASES],
)
def test_yaml_hazards_are_located(
    tmp_path: Path, content: str | bytes, expected: list[str]
) -> None:
    assert located(findings_for(tmp_path, {PLAT: content})) == expected


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = HEAD + "description: |\n" + ("  " + "x" * 99 + "\n") * 11_000
    findings = findings_for(tmp_path, {PLAT: big})
    assert located(findings) == [f"{PLAT}:1:1 {codes.TOO_LARGE}"]
    assert "1,048,576 bytes" in findings[0].message


KR = "objectives:\n  - id: P-1\n    title: Be reliable\n    standalone: Our own bar this time.\n"
KR += "    key_results:\n"  # key results start at line 8


def kr_file(body: str) -> str:
    return HEAD + KR + body


SCHEMA_CASES: list[tuple[str, str, list[str], str]] = [
    (
        "missing-period",
        "team: platform\n",
        [f"{PLAT}:1:1 {codes.MISSING_KEY}"],
        "the file needs `period`",
    ),
    (
        "missing-target",
        kr_file("      - id: P-1.1\n        title: Up\n        start: 1\n"),
        [f"{PLAT}:8:9 {codes.MISSING_KEY}"],
        "P-1.1: a metric key result needs `target`",
    ),
    (
        "checklist-missing-items",
        kr_file("      - id: P-1.1\n        title: Up\n        kind: checklist\n"),
        [f"{PLAT}:8:9 {codes.MISSING_KEY}"],
        "P-1.1: a checklist key result needs `items`",
    ),
    (
        "unknown-key",
        kr_file("      - id: P-1.1\n        title: Up\n        start: 1\n        target: 2\n"
                "        taget: 3\n"),
        [f"{PLAT}:12:9 {codes.UNKNOWN_KEY}"],
        "P-1.1: unknown key `taget` in a metric key result",
    ),
    (
        "unknown-top-key",
        HEAD + "objectivs: []\n",
        [f"{PLAT}:3:1 {codes.UNKNOWN_KEY}"],
        "unknown key `objectivs` in the file",
    ),
    (
        "string-for-number",
        kr_file('      - id: P-1.1\n        title: Up\n        start: "1"\n        target: 2\n'),
        [f"{PLAT}:10:16 {codes.INVALID_VALUE}"],
        'P-1.1: `start` must be a number, not `"1"`',
    ),
    (
        "bad-id",
        HEAD + "objectives:\n  - id: 1st\n    title: x\n",
        [f"{PLAT}:4:9 {codes.INVALID_VALUE}"],
        "`id` `1st` is not in the right form",
    ),
    (
        "bad-period",
        "period: Q4-2026\nteam: platform\n",
        [f"{PLAT}:1:9 {codes.INVALID_VALUE}"],
        "`period` `Q4-2026` is not in the right form",
    ),
    (
        "bad-type",
        HEAD + "objectives:\n  - id: A\n    title: x\n    type: commited\n",
        [f"{PLAT}:6:11 {codes.INVALID_VALUE}"],
        "A: `type` must be `committed` or `aspirational`, not `commited`",
    ),
    (
        "confidence-out-of-range",
        kr_file("      - id: P-1.1\n        title: Up\n        start: 1\n        target: 2\n"
                "        confidence: 1.5\n"),
        [f"{PLAT}:12:21 {codes.INVALID_VALUE}"],
        "P-1.1: `confidence`",
    ),
    (
        "infinite-number",
        kr_file("      - id: P-1.1\n        title: Up\n        start: 1\n        target: .inf\n"),
        [f"{PLAT}:11:17 {codes.INVALID_VALUE}"],
        "P-1.1: `target` must be a finite number, not `inf`",
    ),
    (
        "huge-weight",
        kr_file("      - id: P-1.1\n        title: Up\n        start: 1\n        target: 2\n"
                "        weight: 1e308\n"),
        [f"{PLAT}:12:17 {codes.INVALID_VALUE}"],
        "P-1.1: `weight` must be at most 1000, not `1e+308`",
    ),
    (
        "unknown-kind",
        kr_file("      - id: P-1.1\n        title: Up\n        kind: milstone\n"),
        [f"{PLAT}:10:15 {codes.UNKNOWN_KIND}"],
        "P-1.1: unknown key result kind `milstone`",
    ),
    (
        "impossible-quoted-date",
        kr_file('      - id: P-1.1\n        title: Up\n        kind: milestone\n'
                '        due: "2026-02-30"\n'),
        [f"{PLAT}:11:14 {codes.INVALID_VALUE}"],
        'P-1.1: `due` must be a date (YYYY-MM-DD), not `"2026-02-30"`',
    ),
    (
        "empty-checklist",
        kr_file("      - id: P-1.1\n        title: Up\n        kind: checklist\n"
                "        items: []\n"),
        [f"{PLAT}:11:16 {codes.INVALID_VALUE}"],
        "`items` needs at least one entry",
    ),
    (
        "item-unknown-key",
        kr_file("      - id: P-1.1\n        title: Up\n        kind: checklist\n        items:\n"
                "          - {title: api, don: true}\n"),
        [f"{PLAT}:12:26 {codes.UNKNOWN_KEY}"],
        "unknown key `don` in a checklist item",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "expected", "message"),
    [pytest.param(c, e, m, id=name) for name, c, e, m in SCHEMA_CASES],
)
def test_schema_errors_point_at_key_or_value(
    tmp_path: Path, content: str, expected: list[str], message: str
) -> None:
    findings = findings_for(tmp_path, {PLAT: content})
    assert located(findings) == expected
    assert message in findings[0].message
    assert findings[0].hint


def test_unknown_key_suggests_the_near_miss(tmp_path: Path) -> None:
    content = kr_file(
        "      - id: P-1.1\n        title: Up\n        start: 1\n        target: 2\n"
        "        taget: 3\n"
    )
    (finding,) = findings_for(tmp_path, {PLAT: content})
    assert finding.hint == "did you mean `target`?"


def metric(ident: str, extra: str = "", start: str = "1", target: str = "2") -> str:
    return (
        f"      - id: {ident}\n        title: Up\n        start: {start}\n"
        f"        target: {target}\n{extra}"
    )


SEMANTIC_CASES: list[tuple[str, dict[str, str], list[str], str]] = [
    (
        "period-mismatch",
        {"okrs/2026-Q3/platform.yaml": HEAD},
        [f"okrs/2026-Q3/platform.yaml:1:9 {codes.PATH_MISMATCH}"],
        "period `2026-Q4` does not match the folder `2026-Q3`",
    ),
    (
        "team-mismatch",
        {"okrs/2026-Q4/web.yaml": HEAD},
        ["okrs/2026-Q4/web.yaml:2:7 " + codes.PATH_MISMATCH],
        "team `platform` does not match the file name `web.yaml`",
    ),
    (
        "target-equals-start",
        {PLAT: kr_file(metric("P-1.1", target="1"))},
        [f"{PLAT}:11:17 {codes.TARGET_EQUALS_START}"],
        "P-1.1: target equals start (1)",
    ),
    (
        "due-outside-period",
        {PLAT: kr_file(metric("P-1.1", "        due: 2027-01-05\n"))},
        [f"{PLAT}:12:14 {codes.DUE_OUTSIDE_PERIOD}"],
        "P-1.1: due 2027-01-05 is outside 2026-Q4 (2026-10-01 to 2026-12-31)",
    ),
    (
        "aligns-and-standalone",
        {PLAT: HEAD + "objectives:\n  - id: A\n    title: x\n    aligns_to: B\n"
               "    standalone: because\n  - id: B\n    title: y\n"},
        [f"{PLAT}:7:5 {codes.ALIGNS_AND_STANDALONE}"],
        "A: has both `aligns_to` and `standalone`",
    ),
    (
        "maintain-without-band",
        {PLAT: kr_file("      - id: P-1.1\n        title: Keep\n        kind: maintain\n")},
        [f"{PLAT}:10:15 {codes.MAINTAIN_WITHOUT_BAND}"],
        "P-1.1: a maintain key result needs `min`, `max` or both",
    ),
    (
        "empty-band",
        {PLAT: kr_file("      - id: P-1.1\n        title: Keep\n        kind: maintain\n"
                       "        min: 5\n        max: 3\n")},
        [f"{PLAT}:11:14 {codes.EMPTY_BAND}"],
        "P-1.1: min 5 is above max 3",
    ),
    (
        "unknown-alignment",
        {PLAT: HEAD + "objectives:\n  - id: A\n    title: x\n    aligns_to: ACME-9\n"},
        [f"{PLAT}:6:16 {codes.UNKNOWN_ALIGNMENT}"],
        "A: aligns_to `ACME-9` names no objective or key result in 2026-Q4",
    ),
    (
        "alignment-cycle",
        {PLAT: HEAD + "objectives:\n  - id: A\n    title: x\n    aligns_to: B.1\n"
               "  - id: B\n    title: y\n    aligns_to: A\n    key_results:\n"
               "      - {id: B.1, title: z, kind: milestone}\n"},
        [f"{PLAT}:6:16 {codes.ALIGNMENT_CYCLE}"],
        "alignment cycle: A -> B -> A",
    ),
    (
        "self-alignment",
        {PLAT: HEAD + "objectives:\n  - id: A\n    title: x\n    aligns_to: A\n"},
        [f"{PLAT}:6:16 {codes.ALIGNMENT_CYCLE}"],
        "alignment cycle: A -> A",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("files", "expected", "message"),
    [pytest.param(f, e, m, id=name) for name, f, e, m in SEMANTIC_CASES],
)
def test_semantic_errors_are_located(
    tmp_path: Path, files: dict[str, str], expected: list[str], message: str
) -> None:
    findings = findings_for(tmp_path, dict(files))
    assert located(findings) == expected
    assert findings[0].message == message or findings[0].message.startswith(message)
    assert findings[0].hint


def test_duplicate_ids_report_both_places(tmp_path: Path) -> None:
    other = "period: 2026-Q4\nteam: web\nobjectives:\n  - id: PLAT-1\n    title: Copy\n"
    findings = findings_for(tmp_path, {PLAT: GOOD_FILE, "okrs/2026-Q4/web.yaml": other})
    assert located(findings) == [
        f"{PLAT}:6:9 {codes.DUPLICATE_ID}",
        f"okrs/2026-Q4/web.yaml:4:9 {codes.DUPLICATE_ID}",
    ]
    assert message(findings[0]) == (
        "duplicate id `PLAT-1` in 2026-Q4 (also at okrs/2026-Q4/web.yaml:4:9)"
    )
    assert message(findings[1]) == f"duplicate id `PLAT-1` in 2026-Q4 (also at {PLAT}:6:9)"


def test_alignment_to_another_period_says_so(tmp_path: Path) -> None:
    company_q3 = "period: 2026-Q3\nteam: company\nobjectives:\n  - id: ACME-1\n    title: Grow\n"
    platform = HEAD + "objectives:\n  - id: A\n    title: x\n    aligns_to: ACME-1\n"
    findings = findings_for(tmp_path, {"okrs/2026-Q3/company.yaml": company_q3, PLAT: platform})
    assert located(findings) == [f"{PLAT}:6:16 {codes.UNKNOWN_ALIGNMENT}"]
    assert findings[0].hint == (
        "`ACME-1` is in 2026-Q3; an objective aligns within its period or to one that "
        "encloses it (its half or year)"
    )


def test_alignment_to_a_key_result_of_the_period_is_valid(tmp_path: Path) -> None:
    company = (
        "period: 2026-Q4\nteam: company\nobjectives:\n  - id: ACME-1\n    title: Grow\n"
        "    key_results:\n      - {id: ACME-1.1, title: Up, start: 1, target: 2}\n"
    )
    platform = HEAD + "objectives:\n  - id: A\n    title: x\n    aligns_to: ACME-1.1\n"
    files = {"okrs/2026-Q4/company.yaml": company, PLAT: platform}
    assert findings_for(tmp_path, files) == []


Q3_PLATFORM = (
    "period: 2026-Q3\nteam: platform\nobjectives:\n  - id: P-1\n    title: Ship\n"
    "    key_results:\n      - {id: P-1.1, title: Up, start: 1, target: 2}\n"
)


def carried(ref: str) -> str:
    return HEAD + f"objectives:\n  - id: A\n    title: x\n    carried_from: {ref}\n"


@pytest.mark.parametrize(
    ("ref", "message", "hint"),
    [
        (
            "2026-Q3/P-2",
            "A: carried_from `2026-Q3/P-2` names no objective in 2026-Q3",
            "did you mean `2026-Q3/P-1`?",
        ),
        (
            "P-2",
            "A: carried_from `P-2` names no objective in an earlier period",
            "did you mean `2026-Q3/P-1`?",
        ),
        (
            "2026-Q3/P-1.1",
            "A: carried_from `2026-Q3/P-1.1` is a key result of 2026-Q3",
            "carried_from names an objective: `2026-Q3/P-1`?",
        ),
        (
            "2026-Q4/A",
            "A: carried_from `2026-Q4/A` is not of an earlier period",
            "carried_from names the objective of an earlier period this one continues",
        ),
        (
            "FY27-Q1/P-1",
            "A: carried_from `FY27-Q1/P-1` names no period",
            "write PERIOD/ID, e.g. 2026-Q3/PLAT-1",
        ),
    ],
)
def test_carried_from_must_name_an_earlier_objective(
    tmp_path: Path, ref: str, message: str, hint: str
) -> None:
    files = {"okrs/2026-Q3/platform.yaml": Q3_PLATFORM, PLAT: carried(ref)}
    findings = findings_for(tmp_path, files)
    assert located(findings) == [f"{PLAT}:6:19 {codes.BAD_CARRIED_FROM}"]
    assert (findings[0].message, findings[0].hint) == (message, hint)


@pytest.mark.parametrize("ref", ["2026-Q3/P-1", "P-1"])
def test_carried_from_an_earlier_objective_is_valid(tmp_path: Path, ref: str) -> None:
    files = {"okrs/2026-Q3/platform.yaml": Q3_PLATFORM, PLAT: carried(ref)}
    assert findings_for(tmp_path, files) == []


def test_files_of_a_period_agree_on_its_close(tmp_path: Path) -> None:
    web = "period: 2026-Q4\nteam: web\nclosed: 2027-01-04\nobjectives: []\n"
    findings = findings_for(tmp_path, {PLAT: HEAD, "okrs/2026-Q4/web.yaml": web})
    assert located(findings) == [
        f"{PLAT}:1:9 {codes.CLOSED_MISMATCH}",
        f"okrs/2026-Q4/web.yaml:3:9 {codes.CLOSED_MISMATCH}",
    ]
    assert [f.message for f in findings] == [
        "2026-Q4 is open here, but closed on 2027-01-04 elsewhere",
        "2026-Q4 is closed here, but open in other files",
    ]
    assert findings[0].hint == "close every file with `okr close 2026-Q4`, or `okr reopen 2026-Q4`"


def test_an_override_reason_needs_its_grade(tmp_path: Path) -> None:
    body = metric("P-1.1", "        override_reason: the data came late\n")
    findings = findings_for(tmp_path, {PLAT: kr_file(body)})
    assert located(findings) == [f"{PLAT}:12:9 {codes.OVERRIDE_WITHOUT_GRADE}"]
    assert findings[0].message == "P-1.1: `override_reason` without a `final_score`"
    assert findings[0].hint == "give the overriding `final_score`, or remove the reason"


def test_every_code_in_the_catalog_is_exercised() -> None:
    exercised = {
        line.split()[-1]
        for cases in (YAML_CASES, SCHEMA_CASES, SEMANTIC_CASES)
        for case in cases
        for line in case[2]
    }
    exercised |= {codes.TOO_LARGE, codes.DUPLICATE_ID, codes.UNREADABLE}
    # Files that are not safe to read: located in tests/test_trust.py.
    exercised |= {codes.NOT_A_FILE, codes.OUTSIDE_ROOT, codes.BAD_FILE_NAME}
    # Located above, and (OKR039, the configuration's) in tests/test_rules.py.
    exercised |= {codes.BAD_CARRIED_FROM, codes.CLOSED_MISMATCH, codes.OVERRIDE_WITHOUT_GRADE}
    exercised |= {codes.UNKNOWN_RULE}
    # Located in tests/test_mistakes.py.
    exercised |= {codes.MISPLACED_FILE, codes.REFERENCES_UNCHECKED, codes.UNKNOWN_TEAM}
    exercised |= {codes.IMPORT_ROW}  # located in tests/test_import.py
    # Located at the `source:` key (or the secret's) in tests/test_sync.py.
    exercised |= {codes.SOURCE_FAILED, codes.COMMANDS_DISABLED, codes.LITERAL_SECRET}
    assert exercised == set(codes.CATALOG)


def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    from okrcli.read.documents import load_files

    loaded = load_files([Path("okrs/2026-Q4/gone.yaml")])  # vanished between listing and reading
    assert loaded.documents == []
    assert located(loaded.findings) == [f"okrs/2026-Q4/gone.yaml:1:1 {codes.UNREADABLE}"]
    assert loaded.findings[0].message == "cannot read file: No such file or directory"
    assert loaded.findings[0].hint
