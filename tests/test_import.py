"""`okr import`: a realistic spreadsheet (tests/fixtures/import/okrs.csv: synonyms, a
blank row, `92%`, thousands separators, dates in two formats, a bad row), as CSV and as
an Excel workbook, into OKR files compared exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Cli

SHEET = Path(__file__).parent / "fixtures" / "import" / "okrs.csv"

PLATFORM = """\
# OKRs of team `platform` for 2026-Q4, imported from okrs.csv by `okr import`.
# Review the titles and ids, align each objective (aligns_to, or standalone: why), and
# check in from here on.
period: 2026-Q4
team: platform
objectives:
  - id: PLAT-1
    title: Make deploys boringly reliable
    owner: dana
    key_results:
      - id: PLAT-1.1
        title: Raise deploy success rate
        start: 92
        target: 99.5
        current: 96.1
        unit: '%'
        confidence: 0.7
        owner: sam
      - id: PLAT-1.2
        title: Publish the on-call runbook
        kind: milestone
        done: false
        due: 2026-12-15
        owner: dana
  - id: PLAT-2
    title: Spend less on cloud
    owner: ravi
    key_results:
      - id: PLAT-2.1
        title: Cut monthly cloud spend
        start: 182000
        target: 150000
        current: 171000
        unit: USD
        due: 2026-12-31
        confidence: 0.6
        owner: ravi
      - id: PLAT-2.2
        title: Right-size every workload
        start: 0
        target: 12
        current: 5
        unit: workloads
        owner: ravi
"""

CUSTOMER_SUCCESS = """\
# OKRs of team `customer-success` for 2026-Q4, imported from okrs.csv by `okr import`.
# Review the titles and ids, align each objective (aligns_to, or standalone: why), and
# check in from here on.
period: 2026-Q4
team: customer-success
objectives:
  - id: CS-1
    title: Keep customers
    owner: omar
    key_results:
      - id: CS-1.1
        title: Raise CSAT
        start: 82
        target: 90
        current: 86
        unit: points
        due: 2026-12-15
        confidence: 0.8
        owner: omar
"""


@pytest.fixture
def sheet(cli: Cli) -> Path:
    path = cli.cwd / "okrs.csv"
    path.write_bytes(SHEET.read_bytes())
    return path


def test_a_bad_row_stops_the_import_at_its_row_and_column(cli: Cli, sheet: Path) -> None:
    result = cli.run("import", "okrs.csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "okr: error: 1 row of 6 in okrs.csv cannot be imported; nothing written\n"
        "  hint: fix them in the spreadsheet, or add --skip-bad to import the other rows\n"
        "okrs.csv:8:7: error[OKR045]: the start `two` is not a number\n"
        "  hint: write a number, e.g. 1200\n"
    )
    assert not (cli.cwd / "okrs").exists()


def test_the_rows_understood_become_files_that_validate(cli: Cli, sheet: Path) -> None:
    result = cli.run("import", "okrs.csv", "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "okrs/2026-Q4/platform.yaml: 2 objectives, 4 key results\n"
        "okrs/2026-Q4/customer-success.yaml: 1 objective, 1 key result\n"
        "imported 5 rows into 2 files\n"
        "  skipped row 8: the start `two` is not a number\n"
        "to fill in (what `okr lint` asks of the new files):\n"
        "  okrs/2026-Q4/customer-success.yaml:7:9: OKR103: CS-1: 1 key result; at least 2 "
        "keep the objective honest\n"
    )
    assert (cli.cwd / "okrs/2026-Q4/platform.yaml").read_text() == PLATFORM
    assert (cli.cwd / "okrs/2026-Q4/customer-success.yaml").read_text() == CUSTOMER_SUCCESS
    assert cli("validate")[0] == 0
    again = cli.run("import", "okrs.csv", "--skip-bad")
    assert again.exit_code == 1
    assert again.stderr.startswith(
        "okr: error: 2026-Q4/platform.yaml, 2026-Q4/customer-success.yaml exists already; "
        "okr import never overwrites a file; nothing written\n"
    )


def test_a_dry_run_writes_nothing(cli: Cli, sheet: Path) -> None:
    code, out = cli("import", "okrs.csv", "--skip-bad", "--dry-run")
    assert code == 0
    assert out.startswith("--- okrs/2026-Q4/platform.yaml (not written: --dry-run)\n" + PLATFORM)
    assert "would import 5 rows into 2 files\n" in out
    assert not (cli.cwd / "okrs").exists()


def test_an_excel_workbook_with_typed_cells(cli: Cli) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Objective", "Key result", "Start", "Target", "Current", "Due", "% complete"])
    sheet.append(["Win", "Grow revenue", 1200, 2400, 1500, dt.datetime(2026, 12, 15), None])
    sheet.append([None, None, None, None, None, None, None])  # a blank row
    sheet.append(["Win", "Ship the portal", None, None, None, None, 0.45])
    sheet.append(["Win", "Migrate billing", None, None, None, None, "45%"])
    book.save(cli.cwd / "q4.xlsx")
    result = cli.run("import", "q4.xlsx", "--team", "sales", "--period", "2026-Q4")
    assert result.exit_code == 0, result.stderr
    text = (cli.cwd / "okrs/2026-Q4/sales.yaml").read_text()
    assert "      - id: SALE-1.1\n        title: Grow revenue\n        start: 1200\n" in text
    assert "        due: 2026-12-15\n" in text
    assert "        start: 0\n        target: 100\n        current: 0.45\n" in text
    assert "        start: 0\n        target: 100\n        current: 45\n" in text


def test_columns_by_map_and_their_mistakes(cli: Cli) -> None:
    (cli.cwd / "export.csv").write_text(
        "Goal Name;Measure;From;To\nWin;Grow revenue;1;2\nWin;Keep churn low;5;3\n"
    )
    result = cli.run("import", "export.csv", "--team", "sales", "--period", "2026-Q4",
                     "--map", "Goal Name=objective", "--map", "Measure=key_result")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "imported 2 rows into 1 file\n" in result.stdout
    result = cli.run("import", "export.csv", "--map", "Goal Name=objectve")
    assert (result.exit_code, result.stderr) == (
        2,
        "okr: error: --map Goal Name=objectve: no field `objectve`\n"
        "  hint: did you mean `objective`?\n",
    )
    (cli.cwd / "bare.csv").write_text("Name,Value\nx,1\n")
    result = cli.run("import", "bare.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "okr: error: no objective and no key result column among `Name`, `Value`\n"
    )
