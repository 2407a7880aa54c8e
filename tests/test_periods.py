"""Periods as teams keep them (issue: the OKR cycle, part 1): ids unique within a period
and PERIOD/ID everywhere, years and halves beside quarters, fiscal calendars, the past
as it was (`--as-of`), and ended periods graded rather than tracked. Real temporary git
repositories with backdated commits where history is read."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from okrcli.model.period import Calendar, Period, in_view, quarter_containing
from tests.conftest import GIT_ENV, SAMPLE_ROOT, Cli, git, write_files

D = dt.date
FEB_END = Calendar(fiscal_year_start=2, fiscal_year_named_by="end")


# ---- labels and dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2027", D(2027, 1, 1), D(2027, 12, 31)),
        ("2027-H1", D(2027, 1, 1), D(2027, 6, 30)),
        ("2027-H2", D(2027, 7, 1), D(2027, 12, 31)),
        ("2027-Q1", D(2027, 1, 1), D(2027, 3, 31)),
        ("2028-Q1", D(2028, 1, 1), D(2028, 3, 31)),
        ("2027-Q4", D(2027, 10, 1), D(2027, 12, 31)),
    ],
)
def test_calendar_labels(label: str, start: dt.date, end: dt.date) -> None:
    period = Period.parse(label)
    assert period is not None and str(period) == label
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        # Sourcegraph's and GitLab's fiscal year: February start, named by its end year.
        ("FY21", D(2020, 2, 1), D(2021, 1, 31)),
        ("FY21-Q1", D(2020, 2, 1), D(2020, 4, 30)),
        ("FY21-Q2", D(2020, 5, 1), D(2020, 7, 31)),
        ("FY21-Q4", D(2020, 11, 1), D(2021, 1, 31)),
        ("FY21-H2", D(2020, 8, 1), D(2021, 1, 31)),
    ],
)
def test_fiscal_labels_with_a_february_start(label: str, start: dt.date, end: dt.date) -> None:
    period = Period.parse(label, FEB_END)
    assert period is not None and str(period) == label
    assert (period.start, period.end) == (start, end)


def test_a_fiscal_year_named_by_its_start() -> None:
    period = Period.parse("FY20-Q1", Calendar(fiscal_year_start=2, fiscal_year_named_by="start"))
    assert period is not None and (period.start, period.end) == (D(2020, 2, 1), D(2020, 4, 30))
    january = Period.parse("FY27", Calendar(fiscal_year_start=1))
    assert january is not None and (january.start, january.end) == (D(2027, 1, 1), D(2027, 12, 31))


@pytest.mark.parametrize("label", ["2027-Q5", "2027-H3", "27-Q1", "2027Q1", "FY2021", "2027-q1"])
def test_labels_that_are_not_periods(label: str) -> None:
    assert Period.parse(label, FEB_END) is None


def test_fiscal_labels_need_a_fiscal_calendar() -> None:
    assert Period.parse("FY21-Q1") is None
    assert Period.has_form("FY21-Q1") and Period.is_fiscal_label("FY21-Q1")


def test_enclosing_periods_and_order() -> None:
    q3 = Period.parse("2027-Q3")
    assert q3 is not None
    assert [str(p) for p in q3.enclosing()] == ["2027-H2", "2027"]
    labels = [p for p in map(Period.parse, ["2027", "2027-Q1", "2026-Q4"]) if p is not None]
    assert [str(p) for p in sorted(labels)] == ["2026-Q4", "2027-Q1", "2027"]
    assert str(quarter_containing(D(2020, 3, 15), FEB_END)) == "FY21-Q1"
    assert str(quarter_containing(D(2021, 1, 31), FEB_END)) == "FY21-Q4"


def test_the_period_in_view() -> None:
    known = [p for p in map(Period.parse, ["2027", "2027-Q1", "2027-Q2", "2026-Q4"]) if p]
    assert str(in_view(known, None, D(2027, 2, 1))) == "2027-Q1"  # the shortest running
    assert str(in_view(known, None, D(2027, 8, 1))) == "2027"  # no quarter runs: the year
    assert str(in_view(known, None, D(2030, 1, 1))) == "2027"  # ends last
    assert str(in_view(known, None, D(2020, 1, 1))) == "2027"


# ---- ids per period -----------------------------------------------------------------------


def objective_file(period: str, team: str, prefix: str, current: float, extra: str = "") -> str:
    return (
        f"period: {period}\nteam: {team}\nowner: dana\nobjectives:\n"
        f"  - id: {prefix}-1\n    title: Make deploys boringly reliable\n{extra}"
        f"    standalone: Reliability is our own bar.\n    key_results:\n"
        f"      - {{id: {prefix}-1.1, title: Raise deploy success, start: 90, target: 100, "
        f"current: {current}}}\n"
        f"      - {{id: {prefix}-1.2, title: Publish the runbook, kind: milestone}}\n"
    )


def test_copying_a_quarter_folder_to_the_next_validates_clean(cli: Cli) -> None:
    """The natural start of a quarter: copy last quarter's files and edit them."""
    root = cli.cwd / "okrs"
    shutil.copytree(SAMPLE_ROOT, root)
    shutil.copytree(root / "2026-Q4", root / "2027-Q1")
    for file in (root / "2027-Q1").glob("*.yaml"):
        text = file.read_text().replace("period: 2026-Q4", "period: 2027-Q1")
        file.write_text("\n".join(line for line in text.splitlines() if "due:" not in line) + "\n")
    code, out = cli("validate")
    assert (code, out) == (
        0,
        "ok: 12 files valid: 3 periods, 4 teams, 32 objectives, 99 key results\n",
    )


def test_the_same_id_twice_in_one_period_is_still_an_error(cli: Cli) -> None:
    write_files(
        cli.cwd / "okrs",
        {
            "2027-Q1/platform.yaml": objective_file("2027-Q1", "platform", "X", 95),
            "2027-Q1/web.yaml": objective_file("2027-Q1", "web", "X", 95),
        },
    )
    code, out = cli("validate")
    assert code == 1
    assert (
        "okrs/2027-Q1/platform.yaml:5:9: error[OKR031]: duplicate id `X-1` in 2027-Q1 "
        "(also at okrs/2027-Q1/web.yaml:5:9)\n  hint: ids are unique within a period; "
        "rename one of them\n"
    ) in out


def commit(repo: Path, files: dict[str, str], message: str, day: str) -> str:
    write_files(repo, files)
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, env=env, check=True)
    return git(repo, "rev-parse", "HEAD").strip()


# Far-future periods, so that "the period in view" is the latest whatever day the tests
# run on (none of them is running).
Q1, Q2, Q3 = "2031-Q1", "2031-Q2", "2031-Q3"


@pytest.fixture
def two_quarters(git_repo: Path) -> Path:
    """PLAT-1.1 in 2031-Q1 and in 2031-Q2: two different key results."""
    commit(
        git_repo,
        {f"okrs/{Q1}/platform.yaml": objective_file(Q1, "platform", "PLAT", 91)},
        "q1 kickoff",
        "2026-01-05",
    )
    commit(
        git_repo,
        {f"okrs/{Q1}/platform.yaml": objective_file(Q1, "platform", "PLAT", 94)},
        "okr: PLAT-1.1 91 -> 94",
        "2026-02-05",
    )
    commit(
        git_repo,
        {f"okrs/{Q2}/platform.yaml": objective_file(Q2, "platform", "PLAT", 50)},
        "q2 kickoff",
        "2026-04-01",
    )
    return git_repo


def run(cli: Cli, repo: Path, *args: str) -> tuple[int, str]:
    return Cli(cli.runner, repo)(*args)


def run_json(cli: Cli, repo: Path, *args: str) -> Any:
    code, out = run(cli, repo, *args)
    assert code == 0, out
    return json.loads(out)


def test_history_resolves_an_id_in_the_period_in_view(two_quarters: Path, cli: Cli) -> None:
    latest = run_json(cli, two_quarters, "history", "PLAT-1.1", "--format", "json")
    assert [p["current"] for p in latest["points"]] == [50]
    earlier = run_json(cli, two_quarters, "history", f"{Q1}/PLAT-1.1", "--format", "json")
    assert [p["current"] for p in earlier["points"]] == [91, 94]
    asked = run_json(cli, two_quarters, "history", "PLAT-1.1", "--period", Q1, "--format", "json")
    assert asked == earlier


def test_blame_resolves_the_same_way(two_quarters: Path, cli: Cli) -> None:
    def current(*args: str) -> object:
        payload = run_json(cli, two_quarters, "blame", *args, "--format", "json")
        return {f["field"]: f["value"] for f in payload["fields"]}["current"]

    assert current("PLAT-1.1") == 50
    assert current(f"{Q1}/PLAT-1.1") == 94


def test_an_id_in_several_periods_none_in_view_is_ambiguous(two_quarters: Path, cli: Cli) -> None:
    commit(
        two_quarters,
        {f"okrs/{Q3}/platform.yaml": objective_file(Q3, "platform", "NEW", 1)},
        "q3 kickoff",
        "2026-07-01",
    )
    code, _ = run(cli, two_quarters, "history", "PLAT-1.1")
    assert code == 2
    done = subprocess.run(
        [str(Path(sys.executable).parent / "okr"), "history", "PLAT-1.1"],
        cwd=two_quarters,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"okr: error: `PLAT-1.1` is in 2 periods: {Q1}/PLAT-1.1, {Q2}/PLAT-1.1\n"
        "  hint: name one: PERIOD/ID, or --period PERIOD\n"
    )


def test_checkin_edits_the_key_result_of_the_period_in_view(two_quarters: Path, cli: Cli) -> None:
    code, out = run(cli, two_quarters, "checkin", "PLAT-1.1", "60")
    assert (code, out) == (0, f"okrs/{Q2}/platform.yaml: PLAT-1.1 50 -> 60\n")
    code, out = run(cli, two_quarters, "checkin", f"{Q1}/PLAT-1.1", "96")
    assert (code, out) == (0, f"okrs/{Q1}/platform.yaml: PLAT-1.1 94 -> 96\n")
    code, out = run(cli, two_quarters, "checkin", "PLAT-1.1", "97", "--period", Q1)
    assert (code, out) == (0, f"okrs/{Q1}/platform.yaml: PLAT-1.1 96 -> 97\n")
    q2 = (two_quarters / "okrs" / Q2 / "platform.yaml").read_text()
    assert "current: 60" in q2


def test_diff_keeps_two_periods_ids_apart(two_quarters: Path, cli: Cli) -> None:
    (two_quarters / "okrs" / Q2 / "platform.yaml").write_text(
        objective_file(Q2, "platform", "PLAT", 55)
    )
    payload = run_json(cli, two_quarters, "diff", "--format", "json")
    assert [(c["id"], c["change"], c["after"]["period"]) for c in payload["key_results"]] == [
        ("PLAT-1.1", "changed", Q2)
    ]
    everything = run_json(cli, two_quarters, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert [(c["id"], c["change"], c["after"]["period"]) for c in everything["key_results"]] == [
        ("PLAT-1.1", "added", Q2),
        ("PLAT-1.2", "added", Q2),
    ]


def test_status_of_each_period_shows_its_own_key_result(two_quarters: Path, cli: Cli) -> None:
    for period, current in ((Q1, 94), (Q2, 50)):
        payload = run_json(cli, two_quarters, "status", "--period", period, "--format", "json")
        (objective,) = payload["objectives"]
        assert objective["key_results"][0]["current"] == current


# ---- years, halves and alignment across them ----------------------------------------------


YEAR = """\
period: 2027
team: company
owner: maya
objectives:
  - id: ACME-1
    title: Make Acme the easiest tool to adopt
    key_results:
      - {id: ACME-1.1, title: Raise weekly active teams, start: 100, target: 200, current: 150}
      - {id: ACME-1.2, title: Launch self-serve SSO, kind: milestone}
"""


def quarter(aligns_to: str) -> str:
    return (
        "period: 2027-Q2\nteam: growth\nowner: priya\nobjectives:\n"
        "  - id: GROW-1\n    title: Turn trials into customers\n"
        f"    aligns_to: {aligns_to}\n    key_results:\n"
        "      - {id: GROW-1.1, title: Raise conversion, start: 5, target: 8, current: 6}\n"
        "      - {id: GROW-1.2, title: Ship onboarding, kind: milestone}\n"
    )


@pytest.mark.parametrize("ref", ["ACME-1", "ACME-1.1", "2027/ACME-1", "2027/ACME-1.2"])
def test_a_quarter_aligns_to_its_year(cli: Cli, ref: str) -> None:
    write_files(
        cli.cwd / "okrs",
        {"2027/company.yaml": YEAR, "2027-Q2/growth.yaml": quarter(ref)},
    )
    assert cli("validate") == (
        0,
        "ok: 2 files valid: 2 periods, 2 teams, 2 objectives, 4 key results\n",
    )
    tree = json.loads(
        cli("tree", "--no-history", "--period", "2027-Q2", "--as-of", "2027-05-15", "-f", "json")[1]
    )
    ((top,),) = [tree["roots"]]
    assert (top["id"], top["period"]) == ("ACME-1", "2027")
    ((child,),) = [top["children"]]
    assert (child["id"], child["period"], child["via"]) == (
        "GROW-1",
        "2027-Q2",
        ref.rpartition("/")[2] if ref.rpartition("/")[2] != "ACME-1" else None,
    )
    code, text = cli("tree", "--no-history", "--period", "2027-Q2", "--as-of", "2027-05-15")
    assert code == 0
    assert "ACME-1 Make Acme the easiest tool to adopt [company, 2027]" in text
    assert "GROW-1 Turn trials into customers [growth]" in text


def test_a_year_does_not_align_to_a_quarter_nor_a_quarter_to_another(cli: Cli) -> None:
    other = quarter("ACME-1").replace("2027-Q2", "2027-Q3").replace("GROW-", "SALES-")
    write_files(
        cli.cwd / "okrs",
        {
            "2027-Q2/growth.yaml": quarter("ACME-1").replace("ACME-1", "SALES-1"),
            "2027-Q3/growth.yaml": other.replace("aligns_to: ACME-1", "standalone: Ours."),
        },
    )
    code, out = cli("validate")
    assert code == 1
    assert out.startswith(
        "okrs/2027-Q2/growth.yaml:7:16: error[OKR032]: GROW-1: aligns_to `SALES-1` names no "
        "objective or key result in 2027-Q2\n"
        "  hint: `SALES-1` is in 2027-Q3; an objective aligns within its period or to one "
        "that encloses it (its half or year)\n"
    )


# ---- fiscal calendars -----------------------------------------------------------------------


def test_a_fiscal_calendar_gives_fiscal_labels_their_dates(cli: Cli) -> None:
    fiscal = quarter("standalone").replace("aligns_to: standalone", "standalone: Our own bar.")
    write_files(
        cli.cwd / "okrs",
        {
            "okrcli.yaml": "calendar:\n  fiscal_year_start: 2\n  fiscal_year_named_by: end\n",
            "FY21-Q1/growth.yaml": fiscal.replace("2027-Q2", "FY21-Q1"),
        },
    )
    assert cli("validate")[0] == 0
    payload = json.loads(
        cli("status", "--no-history", "--as-of", "2020-03-15", "--format", "json")[1]
    )
    assert payload["period"] == "FY21-Q1"
    assert payload["elapsed"] == pytest.approx(44 / 90)  # Feb 1 to Mar 15 of Feb 1 to Apr 30
    assert payload["objectives"][0]["key_results"][1]["due"] == "2020-04-30"


def test_a_fiscal_label_without_a_fiscal_calendar_is_a_located_error(cli: Cli) -> None:
    text = quarter("x").replace("aligns_to: x", "standalone: Our own bar.")
    write_files(cli.cwd / "okrs", {"FY21-Q1/growth.yaml": text.replace("2027-Q2", "FY21-Q1")})
    code, out = cli("validate")
    assert (code, out) == (
        1,
        "okrs/FY21-Q1/growth.yaml:1:9: error[OKR022]: `period` `FY21-Q1` is a fiscal period, "
        "but okrcli.yaml sets no fiscal calendar\n"
        "  hint: add `calendar: {fiscal_year_start: 2}` (the month the fiscal year starts) to "
        "okrcli.yaml at the OKR root, or use calendar labels such as 2027-Q1\n"
        "found 1 error in 1 file\n",
    )


@pytest.mark.parametrize("folder", ["2027-Q2", "2027"])
def test_a_period_that_does_not_match_its_folder(cli: Cli, folder: str) -> None:
    text = quarter("x").replace("aligns_to: x", "standalone: Our own bar.")
    write_files(cli.cwd / "okrs", {f"{folder}/growth.yaml": text.replace("2027-Q2", "2027-H1")})
    code, out = cli("validate")
    assert code == 1
    assert out.startswith(
        f"okrs/{folder}/growth.yaml:1:9: error[OKR030]: period `2027-H1` does not match the "
        f"folder `{folder}`\n"
    )


def test_a_label_that_is_no_period_names_the_accepted_forms(cli: Cli) -> None:
    text = quarter("x").replace("aligns_to: x", "standalone: Our own bar.")
    write_files(cli.cwd / "okrs", {"2027-Q5/growth.yaml": text.replace("2027-Q2", "2027-Q5")})
    code, out = cli("validate")
    assert code == 1
    assert (
        "hint: a period looks like 2027, 2027-H1 or 2027-Q1 (FY27-Q1 with a fiscal calendar)" in out
    )


# ---- the past as it was -----------------------------------------------------------------------


def test_as_of_a_past_day_reads_that_days_files(git_repo: Path, cli: Cli) -> None:
    """A target eased later and a value reached later are not shown for an earlier day."""
    early = objective_file("2026-Q4", "platform", "PLAT", 92)
    first = commit(git_repo, {"okrs/2026-Q4/platform.yaml": early}, "kickoff", "2026-10-01")
    later = early.replace("target: 100", "target: 98").replace("current: 92", "current: 97")
    commit(git_repo, {"okrs/2026-Q4/platform.yaml": later}, "eased, and progress", "2026-11-01")
    (git_repo / "okrs/2026-Q4/platform.yaml").write_text(
        later.replace("current: 97", "current: 98")
    )

    def key_result(*args: str) -> dict[str, Any]:
        payload = run_json(cli, git_repo, "status", *args, "--format", "json")
        return dict(payload["objectives"][0]["key_results"][0]) | {"_at": payload["files_at"]}

    then = key_result("--as-of", "2026-10-20")
    assert (then["current"], then["target"]) == (92, 100)
    assert then["_at"] == {"commit": first, "date": "2026-10-01T12:00:00+00:00"}
    now = key_result()
    assert (now["current"], now["target"]) == (98, 98)  # the working tree
    assert now["_at"] is None
    code, table = run(cli, git_repo, "status", "--as-of", "2026-10-20")
    assert code == 0
    assert f"files as of commit {first[:12]} (2026-10-01)" in table


def test_as_of_a_past_day_outside_git_is_a_usage_error(cli: Cli) -> None:
    write_files(
        cli.cwd / "okrs", {"2026-Q4/platform.yaml": objective_file("2026-Q4", "platform", "P", 95)}
    )
    assert cli("status", "--as-of", "2026-10-20")[0] == 2
    assert cli("status", "--as-of", "2026-10-20", "--no-history")[0] == 0


# ---- ended periods are graded -------------------------------------------------------------------


def test_an_ended_quarter_is_graded_not_tracked(cli: Cli) -> None:
    root = cli.cwd / "okrs"
    shutil.copytree(SAMPLE_ROOT, root)
    args = ("--no-history", "--period", "2026-Q3", "--as-of", "2026-11-25")
    payload = json.loads(cli("status", *args, "--format", "json")[1])
    assert payload["ended"] is True
    statuses = {o["status"] for o in payload["objectives"]}
    kr_statuses = {kr["status"] for o in payload["objectives"] for kr in o["key_results"]}
    assert statuses == {"achieved", "missed"}
    assert kr_statuses <= {"done", "ended"}
    achieved = {o["id"]: o["achieved"] for o in payload["objectives"]}
    assert achieved["ACME-1"] is False  # committed at 0.42
    assert achieved["ACME-2"] is False  # aspirational at 0.65: below the green band
    assert achieved["ACME-3"] is True  # aspirational at 0.79
    assert payload["grades"] == {
        "objectives": {"green": 7, "yellow": 3, "red": 0},
        "key_results": {"green": 17, "yellow": 8, "red": 2},
    }
    for fmt in ("table", "markdown"):
        code, text = cli("status", *args, "--format", fmt)
        assert code == 0
        for running_word in ("on-track", "at-risk", "off-track", "outdated"):
            assert running_word not in text, (fmt, running_word)
        assert "missed · yellow" in text and "achieved · green" in text
    code, report = cli("report", *args)
    assert "## Missed objectives" in report and "## Objectives at risk" not in report
    assert "grades 7 green, 3 yellow, 0 red" in report


def test_a_running_quarter_has_no_achieved_yet(cli: Cli) -> None:
    shutil.copytree(SAMPLE_ROOT, cli.cwd / "okrs")
    args = ("--no-history", "--period", "2026-Q4", "--as-of", "2026-11-25", "--format", "json")
    payload = json.loads(cli("status", *args)[1])
    assert payload["ended"] is False
    assert {o["achieved"] for o in payload["objectives"]} == {None}


def test_init_writes_a_file_that_validates_beside_an_older_quarter(cli: Cli) -> None:
    """`okr init --period 2027-Q1` once failed with duplicate ids when 2026-Q4 existed."""
    for period in ("2026-Q4", "2027-Q1"):
        code, out = cli("init", "--team", "platform", "--period", period, "--owner", "dana")
        assert code == 0, out
    assert cli("validate")[0] == 0
    code, out = cli("validate", "--format", "json")
    assert json.loads(out)["summary"]["periods"] == 2
