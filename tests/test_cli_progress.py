"""`okr status`, `okr tree` and `okr report` through typer's runner."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from okrcli.render.report import truncate_for_step_summary
from tests.conftest import SAMPLE_ROOT, Cli, write_files

COMPANY = """\
period: 2026-Q4
team: company
owner: maya
objectives:
  - id: ACME-1
    title: Grow steadily
    type: committed
    key_results:
      - id: ACME-1.1
        title: Raise revenue
        start: 100
        target: 200
        current: 150
        unit: k
        confidence: 0.8
"""

PLATFORM = """\
period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: PLAT-1
    title: "Fix [b]ugs [/] | fast"
    aligns_to: ACME-1.1
    key_results:
      - id: PLAT-1.1
        title: Cut p95 latency
        start: 900
        target: 400
        current: 650
        weight: 3
        owner: sam
      - id: PLAT-1.2
        title: Publish the runbook
        kind: milestone
        done: false
        due: 2026-11-01
"""

Q3 = "period: 2026-Q3\nteam: company\nobjectives: []\n"
AS_OF = "2026-11-15"  # 46 of 92 days: exactly half the period


@pytest.fixture
def root(cli: Cli) -> Path:
    return write_files(
        cli.cwd / "okrs",
        {
            "2026-Q4/company.yaml": COMPANY,
            "2026-Q4/platform.yaml": PLATFORM,
            "2026-Q3/company.yaml": Q3,
        },
    )


def status_json(cli: Cli, *args: str) -> dict[str, object]:
    code, out = cli("status", "--no-history", "--as-of", AS_OF, "--format", "json", *args)
    assert code == 0, out
    payload = json.loads(out)
    assert isinstance(payload, dict)
    return payload


def objectives(payload: dict[str, object]) -> dict[str, dict[str, object]]:
    items = payload["objectives"]
    assert isinstance(items, list)
    return {item["id"]: item for item in items}


def test_status_json_contract(cli: Cli, root: Path) -> None:
    payload = status_json(cli)
    assert payload["format_version"] == 1
    assert payload["as_of"] == AS_OF
    assert payload["period"] == "2026-Q4"
    found = objectives(payload)
    plat = found["PLAT-1"]
    assert {"id", "title", "team", "period", "type", "score", "status", "key_results"} <= set(plat)
    assert plat["team"] == "platform"
    assert plat["type"] == "aspirational"
    # (0.5 * 3 + 0.0 * 1) / 4 = 0.375, unrounded
    assert plat["score"] == pytest.approx(0.375)
    kr = plat["key_results"][0]  # type: ignore[index]
    assert {"id": kr["id"], "kind": kr["kind"], "start": kr["start"], "target": kr["target"]} == {
        "id": "PLAT-1.1",
        "kind": "metric",
        "start": 900,
        "target": 400,
    }
    assert kr["current"] == 650
    assert kr["score"] == pytest.approx(0.5)
    assert kr["owner"] == "sam"
    milestone = plat["key_results"][1]  # type: ignore[index]
    # Past its due date and not done: overdue.
    assert (milestone["status"], milestone["owner"]) == ("overdue", "dana")
    assert found["ACME-1"]["score"] == pytest.approx(0.5)
    assert payload["score"] == pytest.approx((0.375 + 0.5) / 2)
    assert payload["committed"] == {"count": 1, "at_target": 0, "share": 0.0}


def test_status_filters(cli: Cli, root: Path) -> None:
    assert set(objectives(status_json(cli, "--team", "platform"))) == {"PLAT-1"}
    by_sam = objectives(status_json(cli, "--owner", "sam"))
    assert list(by_sam) == ["PLAT-1"]
    assert [kr["id"] for kr in by_sam["PLAT-1"]["key_results"]] == ["PLAT-1.1"]  # type: ignore[attr-defined]
    assert by_sam["PLAT-1"]["score"] == pytest.approx(0.375)  # the whole objective's score
    assert objectives(status_json(cli, "--period", "2026-Q3")) == {}


def test_default_period_is_the_current_one_else_the_latest(cli: Cli, root: Path) -> None:
    code, out = cli("status", "--format", "json", "--no-history", "--as-of", "2026-08-01")
    assert json.loads(out)["period"] == "2026-Q3"
    code, out = cli("status", "--format", "json", "--no-history", "--as-of", "2030-01-01")
    assert (code, json.loads(out)["period"]) == (0, "2026-Q4")


def test_unknown_period_is_a_usage_error(cli: Cli, root: Path) -> None:
    assert cli("status", "--period", "2025-Q1")[0] == 2
    assert cli("status", "--period", "soon")[0] == 2
    assert cli("status", "--no-history", "--as-of", "15/11/2026")[0] == 2


def test_status_csv_has_one_row_per_key_result(cli: Cli, root: Path) -> None:
    code, out = cli("status", "--no-history", "--as-of", AS_OF, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["key_result_id"] for row in rows] == ["ACME-1.1", "PLAT-1.1", "PLAT-1.2"]
    assert float(rows[1]["score"]) == pytest.approx(0.5)
    assert rows[1]["objective_title"] == "Fix [b]ugs [/] | fast"


def gfm_tables(markdown: str) -> list[list[list[str]]]:
    """Parse GitHub-flavoured tables: split rows on unescaped pipes."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def assert_well_formed(table: list[list[str]]) -> None:
    header, separator, *rows = table
    assert all(re.fullmatch(r":?-{3,}:?", cell) for cell in separator)
    assert all(len(row) == len(header) for row in [separator, *rows])


def test_status_markdown_tables_parse(cli: Cli, root: Path) -> None:
    code, out = cli("status", "--no-history", "--as-of", AS_OF, "--format", "markdown")
    assert code == 0
    tables = gfm_tables(out)
    assert len(tables) == 2
    for table in tables:
        assert_well_formed(table)
    platform = tables[1]
    assert platform[2][0] == "**PLAT-1** Fix [b]ugs [/] \\| fast _aspirational_"
    assert platform[0][:5] == [
        "Objective / key result",
        "Progress",
        "Score",
        "Grade",
        "Current / target",
    ]
    assert platform[3][2:5] == ["0.50", "yellow", "650 / 400"]


def test_status_table_prints_user_text_literally_without_colour(cli: Cli, root: Path) -> None:
    code, out = cli("status", "--no-history", "--as-of", AS_OF, "--team", "platform")
    assert code == 0
    assert "\x1b[" not in out
    assert "PLAT-1 Fix [b]ugs [/] |" in out  # printed as written, not read as markup
    assert max(len(line) for line in out.splitlines()) <= 80


def test_status_table_honours_columns(cli: Cli, root: Path) -> None:
    code, out = cli("status", "--no-history", "--as-of", AS_OF, env={"COLUMNS": "140"})
    assert code == 0
    assert "Progress" in out  # the bar column comes back when there is room
    assert max(len(line) for line in out.splitlines()) <= 140


def test_invalid_files_stop_status_with_located_errors(cli: Cli, root: Path) -> None:
    broken = PLATFORM.replace("        start: 900\n", "        strat: 900\n")
    (root / "2026-Q4" / "platform.yaml").write_text(broken)
    code, out = cli("status")
    assert code == 1
    assert out.startswith("okrs/2026-Q4/platform.yaml:11:9: error[OKR021]")
    code, out = cli("status", "--format", "json")
    assert code == 1
    assert json.loads(out)["findings"][0]["line"] == 11
    for command in ("tree", "report"):
        assert cli(command)[0] == 1


def test_tree_json_nests_aligned_objectives(cli: Cli, root: Path) -> None:
    code, out = cli("tree", "--no-history", "--as-of", AS_OF, "--format", "json")
    assert code == 0
    roots = json.loads(out)["roots"]
    assert [r["id"] for r in roots] == ["ACME-1"]
    (child,) = roots[0]["children"]
    assert (child["id"], child["via"], child["status"]) == ("PLAT-1", "ACME-1.1", "at-risk")


def test_tree_text_and_markdown(cli: Cli, root: Path) -> None:
    code, out = cli("tree", "--no-history", "--as-of", AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Alignment 2026-Q4 (score 0.44)"
    assert lines[1].startswith("└── ACME-1 Grow steadily [company] 0.50")
    assert "PLAT-1 Fix [b]ugs [/] | fast [platform] 0.38 at-risk (via ACME-1.1)" in out
    code, out = cli("tree", "--no-history", "--as-of", AS_OF, "--format", "markdown")
    assert out.splitlines()[2].startswith("- **ACME-1** Grow steadily")
    assert out.splitlines()[3].startswith("  - **PLAT-1**")


def test_report_markdown_sections(cli: Cli, root: Path) -> None:
    code, out = cli("report", "--no-history", "--as-of", AS_OF)
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings == [
        "# OKR report 2026-Q4",
        "## Teams",
        "## Objectives at risk",
        "## Overdue key results",
        "## Validation",
    ]
    tables = gfm_tables(out)
    for table in tables:
        assert_well_formed(table)
    assert tables[0][2][:2] == ["company", "0.50"]
    assert [row[0].split("**")[1] for row in tables[1][2:]] == ["PLAT-1"]
    assert [row[0].split("**")[1] for row in tables[2][2:]] == ["PLAT-1.2"]
    assert tables[2][2][1:] == ["platform", "2026-11-01", "not done", "dana"]
    # the practice rules' warnings are part of the report: ACME-1 has one key result
    assert "- `okrs/2026-Q4/company.yaml:5:9` **warning[OKR103]**" in out


def test_report_fail_under(cli: Cli, root: Path) -> None:
    assert cli("report", "--no-history", "--as-of", AS_OF, "--fail-under", "0.4")[0] == 0
    assert cli("report", "--no-history", "--as-of", AS_OF, "--fail-under", "0.5")[0] == 1
    assert cli("report", "--fail-under", "1.5")[0] == 2


def test_report_github_appends_to_the_step_summary(cli: Cli, root: Path) -> None:
    summary = cli.cwd / "summary.md"
    summary.write_text("earlier step\n")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    result = cli.run("report", "--no-history", "--as-of", AS_OF, "--github", env=env)
    assert result.exit_code == 0
    # stdout is the markdown alone (`okr report --github > report.md`); the annotations
    # go to stderr, where the runner reads workflow commands too.
    assert result.stdout.startswith("# OKR report 2026-Q4")
    assert "::" not in result.stdout
    assert summary.read_text() == "earlier step\n" + result.stdout
    assert result.stderr.startswith("::warning file=okrs/2026-Q4/company.yaml,line=5,col=9,")


def test_report_json(cli: Cli, root: Path) -> None:
    code, out = cli("report", "--no-history", "--as-of", AS_OF, "--format", "json")
    payload = json.loads(out)
    assert (code, payload["at_risk"]) == (0, ["PLAT-1"])
    assert [(f["code"], f["level"]) for f in payload["findings"]] == [("OKR103", "warning")]


def test_step_summary_truncation_stays_under_the_cap() -> None:
    markdown = "# big\n" + "| row | with text |\n" * 100_000
    cut = truncate_for_step_summary(markdown, limit=10_000)
    assert len(cut.encode()) <= 10_000
    assert cut.endswith("the job log has all of it._\n")
    assert truncate_for_step_summary("small\n") == "small\n"


CONFIG = "top_level_team: company\nstatus:\n  on_track_gap: 0.3\n  at_risk_gap: 0.5\n"


def test_config_thresholds_change_statuses(cli: Cli, root: Path) -> None:
    before = objectives(status_json(cli))["PLAT-1"]["status"]
    (root / "okrcli.yaml").write_text(CONFIG)
    after = objectives(status_json(cli))["PLAT-1"]["status"]
    assert (before, after) == ("at-risk", "on-track")


def test_invalid_config_is_located(cli: Cli, root: Path) -> None:
    (root / "okrcli.yaml").write_text("status:\n  on_track_gapp: 0.2\n  at_risk_gap: 2\n")
    code, out = cli("validate", "-q")
    assert code == 1
    assert out.splitlines()[0].startswith("okrs/okrcli.yaml:2:3: error[OKR021]: unknown key")
    assert "did you mean `on_track_gap`?" in out
    assert "okrs/okrcli.yaml:3:16: error[OKR022]" in out


def test_ci_logs_get_no_colour(cli: Cli, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    code, out = cli("status", "--no-history", "--as-of", AS_OF, env={"CI": "true"})
    assert code == 0
    assert "\x1b[" not in out


def test_committed_objective_below_one_after_the_period_is_missed(cli: Cli, root: Path) -> None:
    payload = status_json_after_the_period(cli)
    assert objectives(payload)["ACME-1"]["missed"] is True
    code, out = cli(
        "status",
        "--no-history",
        "--as-of",
        "2027-01-05",
        "--period",
        "2026-Q4",
        "--team",
        "company",
    )
    assert code == 0
    assert "(committed)" in out and "missed · yellow" in out


def status_json_after_the_period(cli: Cli) -> dict[str, object]:
    code, out = cli(
        "status", "--no-history", "--as-of", "2027-01-05", "--period", "2026-Q4", "--format", "json"
    )
    assert code == 0
    payload = json.loads(out)
    assert isinstance(payload, dict)
    return payload


# ---- CSV: every field of the JSON contract that fits a row -------------------------------


def csv_value(value: object) -> str:
    """A JSON value as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@pytest.mark.parametrize("period", ["2026-Q4", "2026-Q3"])
def test_csv_rebuilds_the_json_contract(cli: Cli, period: str) -> None:
    """Each CSV row is a key result with its objective: every field of the JSON that
    fits a row, the same values (kind-specific ones included)."""
    shutil.copytree(SAMPLE_ROOT, cli.cwd / "okrs")
    view = ("status", "--period", period, "--as-of", "2026-11-25", "--no-history")
    payload = json.loads(cli(*view, "--format", "json")[1])
    code, out = cli(*view, "--format", "csv")
    assert code == 0
    header, *rows = list(csv.reader(io.StringIO(out)))
    records = [dict(zip(header, row, strict=True)) for row in rows]
    expected = []
    for objective in payload["objectives"]:
        for kr in objective["key_results"]:
            record = {"period": payload["period"], "as_of": payload["as_of"]}
            record |= {f"objective_{key}": value for key, value in objective.items()}
            record |= {"team": objective["team"], **kr}
            record["key_result_id"], record["key_result_title"] = kr["id"], kr["title"]
            expected.append(record)
    assert (
        len(records) == len(expected) == sum(len(o["key_results"]) for o in payload["objectives"])
    )
    contract = set(payload["objectives"][0]) - {"key_results", "period", "team", "id", "title"}
    assert {f"objective_{key}" for key in contract} <= set(header)
    assert set(payload["objectives"][0]["key_results"][0]) - {"id", "title"} <= set(header)
    for record, wanted in zip(records, expected, strict=True):
        for column in header:
            value = wanted[column]
            shown = record[column]
            if isinstance(value, float) and not value.is_integer():
                assert float(shown) == pytest.approx(value), column
            else:
                assert shown == csv_value(value), column


def test_csv_has_the_kind_specific_fields(cli: Cli) -> None:
    shutil.copytree(SAMPLE_ROOT, cli.cwd / "okrs")
    out = cli("status", "--as-of", "2026-11-25", "--no-history", "--format", "csv")[1]
    rows = {row["key_result_id"]: row for row in csv.DictReader(io.StringIO(out))}
    maintain, milestone, checklist = rows["ACME-2.1"], rows["ACME-2.3"], rows["GROW-1.4"]
    assert (maintain["kind"], maintain["min"], maintain["max"]) == ("maintain", "99.9", "")
    assert (milestone["kind"], milestone["done"], milestone["due"]) == (
        "milestone",
        "true",
        "2026-10-31",
    )
    assert (checklist["items_done"], checklist["items_total"]) == ("2", "3")
    metric = rows["GROW-1.2"]
    assert (metric["start"], metric["current"], metric["target"]) == ("900", "900", "400")
    assert (metric["grade"], metric["weight"], metric["objective_owner"]) == ("red", "1", "priya")
    assert (metric["objective_grade"], metric["objective_missed"]) == ("red", "false")
    assert metric["objective_achieved"] == ""  # null while the period runs


def test_an_overdue_key_result_shows_its_due_date_in_every_view(cli: Cli, root: Path) -> None:
    """PLAT-1.2 was due 2026-11-01 and is not done: overdue, with its due date."""
    table = cli("status", "--no-history", "--as-of", AS_OF, "--team", "platform")[1]
    (row,) = [line for line in table.splitlines() if line.startswith("  PLAT-1.2")]
    assert row.split()[-4:] == ["overdue", "Nov", "01", "dana"]
    markdown = cli("status", "--no-history", "--as-of", AS_OF, "--format", "markdown")[1]
    assert "| ⏰ overdue | 2026-11-01 |" in markdown
    tree = cli("tree", "--no-history", "--as-of", AS_OF, env={"COLUMNS": "120"})[1]
    assert "PLAT-1 Fix [b]ugs [/] | fast [platform] 0.38 at-risk (via ACME-1.1), 1 overdue" in tree
    tree_json = json.loads(cli("tree", "--no-history", "--as-of", AS_OF, "--format", "json")[1])
    assert tree_json["roots"][0]["children"][0]["overdue_key_results"] == ["PLAT-1.2"]


def test_no_objectives_no_table_and_no_note(cli: Cli, root: Path) -> None:
    # maya owns nothing of the platform team: nothing matches (a name that matches
    # nobody at all exits 2, tests/test_mistakes.py).
    code, out = cli("status", "--no-history", "--as-of", AS_OF, "--team", "platform",
                    "--owner", "maya")  # fmt: skip
    assert code == 0
    assert out.endswith("\nNo objectives match.\n")
    assert "left out" not in out and "Objective / key result" not in out
