"""Check-ins over time: activity (staleness, forecast, time in band), history, blame,
status with history, and the demo repository."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from okrcli.edit.demo import build_demo
from okrcli.history.changes import diff_revisions
from okrcli.history.git import History
from okrcli.history.timeline import activity, blame, timelines
from okrcli.model.activity import Activity
from okrcli.model.period import Period
from okrcli.score.activity import forecast, misses, time_in_band
from tests.conftest import Cli
from tests.test_history import PLAT, commit, platform

D = dt.date
Q4 = Period("quarter", 2026, 4)


# ---- activity (pure) -------------------------------------------------------------------


def test_staleness_counts_from_the_last_checkin_or_the_addition() -> None:
    seen = Activity(D(2026, 10, 1), (D(2026, 10, 20),), ())
    assert seen.last_checkin(D(2026, 11, 3)) == D(2026, 10, 20)
    assert not seen.is_stale(D(2026, 11, 3), 14)  # 14 days: not more than 14
    assert seen.is_stale(D(2026, 11, 4), 14)
    assert seen.last_checkin(D(2026, 10, 10)) is None  # check-ins after as-of do not count
    never = Activity(D(2026, 10, 1), (), ())
    assert never.is_stale(D(2026, 10, 16), 14) and not never.is_stale(D(2026, 10, 15), 14)
    assert not Activity(D(2026, 12, 1), (), ()).is_stale(D(2026, 11, 1), 14)


def test_forecast_needs_three_checkins_and_fits_a_line() -> None:
    start, end = D(2026, 10, 1), D(2026, 12, 31)
    line = tuple((start + dt.timedelta(days=10 * k), 100.0 + 2 * k) for k in range(4))
    assert forecast(line[:3], start, D(2026, 11, 1), end) is None
    projected = forecast(line, start, D(2026, 11, 1), end)
    assert projected == pytest.approx(100 + 2 * 91 / 10)
    assert misses(110.0, start=100, target=120) and not misses(121.0, start=100, target=120)
    assert misses(500.0, start=900, target=400) and not misses(390.0, start=900, target=400)


def test_time_in_band_is_a_share_of_days() -> None:
    values = ((D(2026, 10, 1), 280.0), (D(2026, 10, 11), 320.0), (D(2026, 10, 21), 290.0))
    share = time_in_band(values, None, 300.0, D(2026, 10, 1), D(2026, 10, 30))
    assert share == pytest.approx(20 / 30)  # 10 days over the band out of 30
    assert time_in_band((), None, 300.0, D(2026, 10, 1), D(2026, 10, 30)) is None


# ---- history and blame from real commits ------------------------------------------------


@pytest.fixture
def checked_in(git_repo: Path) -> Path:
    commit(git_repo, {PLAT: platform(current=92)}, "kickoff", "2026-10-01")
    commit(git_repo, {PLAT: platform(current=93)}, "okr: PLAT-1.1 92 -> 93", "2026-10-08")
    commit(git_repo, {PLAT: platform(current=94, target=98)}, "ease", "2026-10-15")
    commit(git_repo, {PLAT: platform(current=95, target=98)}, "okr: 94 -> 95", "2026-10-22")
    return git_repo


def test_timeline_points_and_checkins(checked_in: Path) -> None:
    line = timelines(History(checked_in / "okrs"))[Q4, "PLAT-1.1"]
    assert [p.state.current for p in line.points] == [92, 93, 94, 95]
    assert [p.author for p in line.points] == ["Test Author"] * 4
    assert line.points[2].changed == ("target", "current")
    assert [p.date.date() for p in line.checkins] == [
        D(2026, 10, 8),
        D(2026, 10, 15),
        D(2026, 10, 22),
    ]
    milestone = timelines(History(checked_in / "okrs"))[Q4, "PLAT-1.2"]
    assert len(milestone.points) == 1 and milestone.checkins == []


def test_blame_names_the_commit_that_last_set_each_field(checked_in: Path) -> None:
    entries = {b.field: b for b in blame(timelines(History(checked_in / "okrs"))[Q4, "PLAT-1.1"])}
    assert entries["target"].date.date() == D(2026, 10, 15) and entries["target"].value == 98
    assert entries["current"].date.date() == D(2026, 10, 22)
    assert entries["start"].date.date() == D(2026, 10, 1)


def test_activity_from_history(checked_in: Path) -> None:
    found = activity(History(checked_in / "okrs"))[Q4, "PLAT-1.1"]
    assert found.added == D(2026, 10, 1)
    assert found.checkins == (D(2026, 10, 8), D(2026, 10, 15), D(2026, 10, 22))
    assert [v for _, v in found.values] == [92, 93, 94, 95]


def test_cli_history_json_and_csv(checked_in: Path, cli: Cli) -> None:
    in_repo = Cli(cli.runner, checked_in)
    code, out = in_repo("history", "PLAT-1.1", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert (payload["id"], payload["kind"]) == ("PLAT-1.1", "key_result")
    assert [p["current"] for p in payload["points"]] == [92, 93, 94, 95]
    assert payload["points"][1]["message"] == "okr: PLAT-1.1 92 -> 93"
    assert payload["points"][3]["score"] == pytest.approx(3 / 6)
    code, out = in_repo("history", "PLAT-1", "--format", "csv")
    lines = out.splitlines()
    assert (code, lines[0]) == (
        0,
        "commit,date,author,current,score,confidence,message,note,definition",
    )
    assert len(lines) == 5
    code, out = in_repo("history", "PLAT-1.1")
    assert code == 0
    assert "score     ▁▂▃▅  0.50" in out  # 0, 1/7, 2/6, 3/6


def test_cli_history_unknown_id_and_blame(checked_in: Path, cli: Cli) -> None:
    in_repo = Cli(cli.runner, checked_in)
    assert in_repo("history", "PLAT-9")[0] == 2
    code, out = in_repo("blame", "PLAT-1.1", "--format", "json")
    fields = {f["field"]: f for f in json.loads(out)["fields"]}
    assert code == 0 and fields["target"]["value"] == 98


def test_status_with_history_marks_outdated_and_pending(checked_in: Path, cli: Cli) -> None:
    in_repo = Cli(cli.runner, checked_in)
    code, out = in_repo("status", "--as-of", "2026-11-10", "--format", "json")
    assert code == 0
    krs = {kr["id"]: kr for o in json.loads(out)["objectives"] for kr in o["key_results"]}
    assert krs["PLAT-1.1"]["status"] == "outdated"  # last check-in Oct 22: 19 days
    assert krs["PLAT-1.1"]["last_checkin"] == "2026-10-22"
    assert krs["PLAT-1.2"]["pending"] is True  # a milestone never checked in...
    assert krs["PLAT-1.2"]["status"] != "outdated"  # ...but not due yet
    code, out = in_repo("status", "--as-of", "2026-11-10", "--format", "json", "--no-history")
    krs = {kr["id"]: kr for o in json.loads(out)["objectives"] for kr in o["key_results"]}
    assert krs["PLAT-1.1"]["status"] != "outdated" and krs["PLAT-1.1"]["last_checkin"] is None


def test_forecast_in_status(checked_in: Path, cli: Cli) -> None:
    code, out = Cli(cli.runner, checked_in)("status", "--as-of", "2026-10-25", "-f", "json")
    assert code == 0
    kr = next(
        k for o in json.loads(out)["objectives"] for k in o["key_results"] if k["id"] == "PLAT-1.1"
    )
    # 92 on Oct 1, +1 a week: about 105 on Dec 31, past the target of 98
    assert kr["forecast"] == pytest.approx(92 + (91 / 7), abs=0.5)
    assert kr["trending_off_track"] is False


# ---- the demo ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("demo") / "okr-demo"
    subjects = build_demo(target)
    assert subjects[:4] == [
        "okr: 2026-Q3 final check-ins",
        "okr: close 2026-Q3 (score 0.78)",
        "okr: plan 2026-Q4 from 2026-Q3",
        "okr: 2026-Q4 kickoff",
    ]
    assert len(subjects) > 20
    return target


def test_demo_history_shows_an_eased_target_and_a_late_addition(demo: Path) -> None:
    result = diff_revisions(demo / "okrs", "2026-10-01", "HEAD")
    assert [c.id for c in result.diff.eased] == ["PLAT-3.1"]
    added = {c.id: c.mid_period for c in result.diff.key_results if c.change == "added"}
    assert added == {"SUP-2.3": True}
    (dropped,) = [c for c in result.diff.key_results if c.id == "SUP-2.4"]
    assert (dropped.change, dropped.fields) == ("changed", ("dropped",))


def test_demo_status_shows_the_stale_key_result(demo: Path, cli: Cli) -> None:
    code, out = Cli(cli.runner, demo)("status", "--as-of", "2026-11-25", "--format", "json")
    krs = {kr["id"]: kr for o in json.loads(out)["objectives"] for kr in o["key_results"]}
    assert code == 0
    assert krs["ACME-1.1"]["status"] == "outdated"
    assert krs["ACME-1.1"]["last_checkin"] == "2026-10-16"
    assert krs["PLAT-2.2"]["time_in_band"] == pytest.approx(1.0)


def test_demo_lint_warns_about_staleness(demo: Path, cli: Cli) -> None:
    code, out = Cli(cli.runner, demo)("lint", "-q", "--as-of", "2026-11-25")
    assert code == 0
    assert "okrs/2026-Q4/company.yaml:16:13: warning[OKR118]: ACME-1.1: no check-in since" in out


def test_demo_refuses_a_folder_with_content(demo: Path, cli: Cli) -> None:
    assert cli("demo", str(demo))[0] == 2
