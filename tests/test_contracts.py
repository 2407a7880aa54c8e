"""Behaviour the rest of the suite did not pin (found by mutation testing), asserted with
exact values through the command line's JSON output.

Only the command line is used (no `okrcli` import), on temporary folders and real git
repositories with backdated commits, so these contracts hold across any restructuring
of the modules.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GIT_ENV, Cli, git, write_files

PLAT = "okrs/2026-Q4/platform.yaml"
HEAD = "period: 2026-Q4\nteam: platform\nowner: dana\nobjectives:\n"
STANDALONE = "    standalone: Reliability is our own bar this quarter.\n"


def commit(repo: Path, files: dict[str, str], message: str, day: str) -> str:
    """Write `files`, commit them dated `day` (noon UTC), return the sha."""
    for relative, text in files.items():
        target = repo / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        git(repo, "add", "--all", relative)
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, env=env, check=True)
    return git(repo, "rev-parse", "HEAD").strip()


def run_json(cli: Cli, *args: str, code: int = 0) -> Any:
    exit_code, out = cli(*args)
    assert exit_code == code, out
    return json.loads(out)


def r12(value: Any) -> Any:
    """Floats rounded to twelve places, in nested JSON: scores are a contract to twelve
    places (how a mean is summed may change the last bits)."""
    if isinstance(value, float):
        return round(value, 12)
    if isinstance(value, dict):
        return {key: r12(item) for key, item in value.items()}
    if isinstance(value, list):
        return [r12(item) for item in value]
    return value


def key_results(status: Any) -> dict[str, dict[str, Any]]:
    """The key results of an `okr status --format json` payload, by id."""
    return {kr["id"]: kr for o in status["objectives"] for kr in o["key_results"]}


def objective(title: str, ident: str, rows: list[str], extra: str = STANDALONE) -> str:
    """An objective with key results written one per line in flow style."""
    lines = [f"  - id: {ident}\n", f"    title: {title}\n", extra, "    key_results:\n"]
    return "".join(lines + [f"      - {{{row}}}\n" for row in rows])


# ---- forecasts from check-ins ----------------------------------------------------------

FORECAST_ROWS = {
    # id: (title, start, target, values on Oct 1, 11, 21, 31, extra fields)
    "PLAT-1.1": ("Rise too slowly", 0, 100, (0, 10, 20, 30), ""),
    "PLAT-1.2": ("Rise exactly onto the target", 0, 91, (0, 10, 20, 30), ""),
    "PLAT-1.3": ("Fall too slowly", 100, 0, (100, 90, 80, 70), ""),
    "PLAT-1.4": ("Fall exactly onto the target", 100, 9, (100, 90, 80, 70), ""),
    "PLAT-1.5": ("Rise toward an early due date", 0, 100, (0, 10, 20, 30), ", due: 2026-11-30"),
    "PLAT-1.6": ("Two check-ins only", 0, 100, (0, 10, 20, 20), ""),
}


def forecast_file(week: int) -> str:
    rows = [
        f"id: {ident}, title: {title}, start: {start}, target: {target}, "
        f"current: {values[week]}{extra}"
        for ident, (title, start, target, values, extra) in FORECAST_ROWS.items()
    ]
    return HEAD + objective("Make deploys boringly reliable", "PLAT-1", rows)


def test_forecast_projects_the_least_squares_line_to_the_due_date(git_repo: Path, cli: Cli) -> None:
    for week, day in enumerate(("2026-10-01", "2026-10-11", "2026-10-21", "2026-10-31")):
        commit(git_repo, {PLAT: forecast_file(week)}, f"week {week}", day)
    status = run_json(Cli(cli.runner, git_repo), "status", "--as-of", "2026-11-05", "-f", "json")
    found = {
        ident: (kr["forecast"], kr["trending_off_track"])
        for ident, kr in key_results(status).items()
    }
    # One unit a day from Oct 1: day 91 is Dec 31, day 60 is Nov 30.
    assert found == {
        "PLAT-1.1": (91.0, True),  # 91 < 100
        "PLAT-1.2": (91.0, False),  # exactly on the target is not a miss
        "PLAT-1.3": (9.0, True),  # decreasing: 9 > 0
        "PLAT-1.4": (9.0, False),
        "PLAT-1.5": (60.0, True),  # projected to its own due date
        "PLAT-1.6": (None, False),  # the addition and two check-ins: too few to fit
    }
    assert [kr["last_checkin"] for kr in key_results(status).values()] == [
        *["2026-10-31"] * 5,
        "2026-10-21",
    ]


# ---- maintain bands --------------------------------------------------------------------

MAINTAIN_ROWS = {
    "PLAT-1.1": "min: 10, max: 20, current: 9.99",  # below min
    "PLAT-1.2": "min: 10, max: 20, current: 20.01",  # above max
    "PLAT-1.3": "min: 10, max: 20, current: 10",  # on min: in
    "PLAT-1.4": "min: 10, max: 20, current: 20",  # on max: in
    "PLAT-1.5": "min: 15, max: 15, current: 15",  # a one-point band: in
    "PLAT-1.6": "min: 15, max: 15, current: 15.5",  # a one-point band: out
    "PLAT-1.7": "min: 99.9, current: 99.8",  # min only: out
    "PLAT-1.8": "max: 300",  # nothing recorded: out
}


@pytest.fixture
def maintain_root(cli: Cli) -> Path:
    rows = [
        f"id: {ident}, title: Hold level {ident[-1]}, kind: maintain, {band}"
        for ident, band in MAINTAIN_ROWS.items()
    ]
    return write_files(
        cli.cwd / "okrs", {"2026-Q4/platform.yaml": HEAD + objective("Hold", "PLAT-1", rows)}
    )


@pytest.mark.parametrize(
    ("as_of", "in_band"),
    [("2026-11-15", "on-track"), ("2026-12-30", "on-track"), ("2026-12-31", "done")],
)
def test_maintain_band_edges(maintain_root: Path, cli: Cli, as_of: str, in_band: str) -> None:
    status = run_json(cli, "status", "--as-of", as_of, "--format", "json", "--no-history")
    found = {
        ident: (kr["score"], kr["status"], kr["grade"], kr["expected"])
        for ident, kr in key_results(status).items()
    }
    # On the period's last day it has ended: graded (ended, red), no longer off-track.
    out = (0.0, "ended" if as_of == "2026-12-31" else "off-track", "red", 1.0)
    inside = (1.0, in_band, "green", 1.0)
    assert found == {
        "PLAT-1.1": out,
        "PLAT-1.2": out,
        "PLAT-1.3": inside,
        "PLAT-1.4": inside,
        "PLAT-1.5": inside,
        "PLAT-1.6": out,
        "PLAT-1.7": out,
        "PLAT-1.8": out,
    }


# ---- every field of every kind in `okr status --format json` -----------------------------

KINDS_FILE = (
    HEAD
    + """\
  - id: PLAT-1
    title: Make deploys boringly reliable
    type: committed
    standalone: Reliability is our own bar this quarter.
    key_results:
      - id: PLAT-1.1
        title: Raise deploy success rate
        start: 92
        target: 99.5
        current: 96.1
        unit: "%"
        weight: 2
        confidence: 0.7
        owner: sam
        due: 2026-12-15
      - id: PLAT-1.2
        title: Publish the on-call runbook
        kind: milestone
        done: false
        due: 2026-11-20
        confidence: 0.5
      - id: PLAT-1.3
        title: Retire the old pipeline
        kind: milestone
        done: true
      - id: PLAT-1.4
        title: Move the services to the new pipeline
        kind: checklist
        owner: lee
        items:
          - {title: api, done: true}
          - {title: web}
          - {title: worker, done: false}
      - id: PLAT-1.5
        title: Keep p95 latency under 300 ms
        kind: maintain
        min: 0
        max: 300
        current: 280
        unit: ms
        weight: 0.5
      - id: PLAT-1.6
        title: Establish a baseline for change failure rate
        kind: baseline
        current: null
        unit: "%"
      - id: PLAT-1.7
        title: Establish a baseline for rollback time
        kind: baseline
        current: 14.2
        due: 2026-11-01
"""
)


def test_status_json_fields_of_every_kind(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": KINDS_FILE})
    status = run_json(cli, "status", "--as-of", "2026-11-15", "--format", "json", "--no-history")
    none = dict.fromkeys(
        ("start", "target", "current", "unit", "min", "max", "done", "items_done", "items_total"),
        None,
    )
    history = {
        "last_checkin": None,
        "pending": False,
        "forecast": None,
        "trending_off_track": False,
        "time_in_band": None,
        "dropped": None,  # the state of a closed period's key result (`okr close`)
        "final_score": None,
        "override_reason": None,
        "source": None,  # where `okr sync` fetches the value (`source:`), else null
    }
    metric_score = (96.1 - 92) / (99.5 - 92)
    expected = {
        "PLAT-1.1": {
            "id": "PLAT-1.1",
            "title": "Raise deploy success rate",
            "kind": "metric",
            "score": metric_score,
            "expected": 46 / 76,  # Oct 1 to Nov 15 of Oct 1 to its due date Dec 15
            "status": "on-track",
            "grade": "yellow",
            "weight": 2.0,
            "owner": "sam",
            "due": "2026-12-15",
            "confidence": 0.7,
            **none,
            "start": 92.0,
            "target": 99.5,
            "current": 96.1,
            "unit": "%",
            **history,
        },
        "PLAT-1.2": {
            "id": "PLAT-1.2",
            "title": "Publish the on-call runbook",
            "kind": "milestone",
            "score": 0.0,
            "expected": 0.0,  # not due yet
            "status": "at-risk",  # due in 5 days
            "grade": "red",
            "weight": 1.0,
            "owner": "dana",
            "due": "2026-11-20",
            "confidence": 0.5,
            **none,
            "done": False,
            **history,
        },
        "PLAT-1.3": {
            "id": "PLAT-1.3",
            "title": "Retire the old pipeline",
            "kind": "milestone",
            "score": 1.0,
            "expected": 0.0,
            "status": "done",
            "grade": "green",
            "weight": 1.0,
            "owner": "dana",
            "due": "2026-12-31",
            "confidence": None,
            **none,
            "done": True,
            **history,
        },
        "PLAT-1.4": {
            "id": "PLAT-1.4",
            "title": "Move the services to the new pipeline",
            "kind": "checklist",
            "score": 1 / 3,
            "expected": 46 / 92,
            "status": "at-risk",
            "grade": "red",
            "weight": 1.0,
            "owner": "lee",
            "due": "2026-12-31",
            "confidence": None,
            **none,
            "items_done": 1,
            "items_total": 3,
            **history,
        },
        "PLAT-1.5": {
            "id": "PLAT-1.5",
            "title": "Keep p95 latency under 300 ms",
            "kind": "maintain",
            "score": 1.0,
            "expected": 1.0,
            "status": "on-track",
            "grade": "green",
            "weight": 0.5,
            "owner": "dana",
            "due": "2026-12-31",
            "confidence": None,
            **none,
            "current": 280.0,
            "unit": "ms",
            "min": 0.0,
            "max": 300.0,
            **history,
        },
        "PLAT-1.6": {
            "id": "PLAT-1.6",
            "title": "Establish a baseline for change failure rate",
            "kind": "baseline",
            "score": 0.0,
            "expected": 0.0,
            "status": "on-track",
            "grade": "red",
            "weight": 1.0,
            "owner": "dana",
            "due": "2026-12-31",
            "confidence": None,
            **none,
            "unit": "%",
            **history,
        },
        "PLAT-1.7": {
            "id": "PLAT-1.7",
            "title": "Establish a baseline for rollback time",
            "kind": "baseline",
            "score": 1.0,
            "expected": 1.0,  # past its due date
            "status": "done",
            "grade": "green",
            "weight": 1.0,
            "owner": "dana",
            "due": "2026-11-01",
            "confidence": None,
            **none,
            "current": 14.2,
            **history,
        },
    }
    found = key_results(status)
    assert list(found) == list(expected)
    for ident, fields in expected.items():
        assert found[ident] == fields, ident
        assert list(found[ident]) == list(fields), ident  # the documented key order
    weights = [2.0, 1.0, 1.0, 1.0, 0.5, 1.0, 1.0]
    scores = [metric_score, 0.0, 1.0, 1 / 3, 1.0, 0.0, 1.0]
    expecteds = [46 / 76, 0.0, 0.0, 46 / 92, 1.0, 0.0, 1.0]
    total = sum(weights)
    (plat,) = status["objectives"]
    assert r12({k: v for k, v in plat.items() if k != "key_results"}) == r12(
        {
            "id": "PLAT-1",
            "title": "Make deploys boringly reliable",
            "team": "platform",
            "period": "2026-Q4",
            "type": "committed",
            "owner": "dana",
            "aligns_to": None,
            "score": sum(s * w for s, w in zip(scores, weights, strict=True)) / total,
            "expected": sum(e * w for e, w in zip(expecteds, weights, strict=True)) / total,
            "status": "on-track",
            "grade": "yellow",
            "achieved": None,  # the period is running
            "missed": False,
            "reflection": None,
            "decision": None,
            "path": "okrs/2026-Q4/platform.yaml",
        }
    )


def test_status_json_with_history_marks_pending_and_time_in_band(git_repo: Path, cli: Cli) -> None:
    def text(current: float) -> str:
        return HEAD + objective(
            "Hold",
            "PLAT-1",
            [
                f"id: PLAT-1.1, title: Keep p95 low, kind: maintain, max: 300, current: {current}",
                "id: PLAT-1.2, title: Raise success, start: 1, target: 2",
            ],
        )

    commit(git_repo, {PLAT: text(280)}, "kickoff", "2026-10-01")
    commit(git_repo, {PLAT: text(320)}, "over", "2026-10-11")
    commit(git_repo, {PLAT: text(290)}, "back", "2026-10-21")
    status = run_json(Cli(cli.runner, git_repo), "status", "--as-of", "2026-10-30", "-f", "json")
    found = key_results(status)
    assert {k: found["PLAT-1.1"][k] for k in ("last_checkin", "pending", "time_in_band")} == {
        "last_checkin": "2026-10-21",
        "pending": False,
        "time_in_band": 20 / 30,  # Oct 11 to 20 over the band, of Oct 1 to 30
    }
    assert {k: found["PLAT-1.2"][k] for k in ("last_checkin", "pending", "status")} == {
        "last_checkin": None,
        "pending": True,
        "status": "outdated",  # added Oct 1, never checked in: 29 days
    }


# ---- okr diff: a removed key result, a checklist check-in --------------------------------


def checklist_file(web_done: bool, with_removed: bool) -> str:
    removed = (
        "      - {id: PLAT-1.3, title: Cut rollback time, start: 30, target: 5, current: 20, "
        "unit: min, owner: lee, due: 2026-12-01}\n"
        if with_removed
        else ""
    )
    return (
        HEAD
        + "  - id: PLAT-1\n    title: Make deploys boringly reliable\n"
        + STANDALONE
        + "    key_results:\n"
        + "      - {id: PLAT-1.1, title: Raise deploy success, start: 92, target: 99, "
        "current: 93}\n"
        + "      - id: PLAT-1.2\n        title: Move the services\n        kind: checklist\n"
        + "        items:\n          - {title: api, done: true}\n"
        + f"          - {{title: web, done: {str(web_done).lower()}}}\n"
        + removed
    )


@pytest.fixture
def checklist_repo(git_repo: Path) -> Path:
    commit(git_repo, {PLAT: checklist_file(False, True)}, "kickoff", "2026-10-02")
    commit(git_repo, {PLAT: checklist_file(True, False)}, "okr: PLAT-1.2 web done", "2026-10-20")
    return git_repo


def test_diff_removed_key_result_and_checklist_checkin(checklist_repo: Path, cli: Cli) -> None:
    payload = run_json(Cli(cli.runner, checklist_repo), "diff", "HEAD~1", "HEAD", "-f", "json")
    checklist = {
        "team": "platform",
        "period": "2026-Q4",
        "kind": "checklist",
        "title": "Move the services",
        "start": None,
        "target": None,
        "current": None,
        "min": None,
        "max": None,
        "done": None,
        "weight": 1.0,
        "owner": "dana",
        "confidence": None,
        "due": None,
        "dropped": None,
        "final_score": None,
    }
    assert payload["key_results"] == [
        {
            "id": "PLAT-1.2",
            "change": "changed",
            "fields": ["items"],
            "target_change": None,
            "mid_period": False,
            "score_delta": 0.5,
            "before": {"score": 0.5, **checklist, "items": [["api", True], ["web", False]]},
            "after": {"score": 1.0, **checklist, "items": [["api", True], ["web", True]]},
        },
        {
            "id": "PLAT-1.3",
            "change": "removed",
            "fields": [],
            "target_change": None,
            "mid_period": False,
            "score_delta": None,
            "before": {
                "score": (20 - 30) / (5 - 30),
                "team": "platform",
                "period": "2026-Q4",
                "kind": "metric",
                "title": "Cut rollback time",
                "start": 30.0,
                "target": 5.0,
                "current": 20.0,
                "min": None,
                "max": None,
                "done": None,
                "items": None,
                "weight": 1.0,
                "owner": "lee",
                "confidence": None,
                "due": "2026-12-01",
                "dropped": None,
                "final_score": None,
            },
            "after": None,
        },
    ]
    # Dict order is key order in the JSON: pin it as well.
    assert list(payload["key_results"][0]["before"]) == [
        "score",
        *("team", "period", "kind", "title", "start", "target", "current", "min", "max"),
        *("done", "items", "weight", "owner", "confidence", "due", "dropped", "final_score"),
    ]
    first = 1 / 7  # PLAT-1.1: 93 of 92 -> 99
    plat_before = (first + 0.5 + 0.4) / 3
    plat_after = (first + 1.0) / 2
    objective_values = {
        "team": "platform",
        "period": "2026-Q4",
        "title": "Make deploys boringly reliable",
        "type": "aspirational",
        "owner": "dana",
        "aligns_to": None,
        "standalone": "Reliability is our own bar this quarter.",
        "carried_from": None,
    }
    assert r12(payload["objectives"]) == r12(
        [
            {
                "id": "PLAT-1",
                "change": "changed",
                "fields": ["score"],
                "mid_period": False,
                "score_delta": plat_after - plat_before,
                "before": {"score": plat_before, **objective_values},
                "after": {"score": plat_after, **objective_values},
            }
        ]
    )
    assert r12(payload["teams"]) == r12(
        [{"period": "2026-Q4", "team": "platform", "before": plat_before, "after": plat_after}]
    )
    assert payload["invalid"] == []


def test_history_of_a_checklist_checkin(checklist_repo: Path, cli: Cli) -> None:
    payload = run_json(Cli(cli.runner, checklist_repo), "history", "PLAT-1.2", "-f", "json")
    shas = git(checklist_repo, "log", "--reverse", "--format=%H").split()
    common = {"author": "Test Author", "current": None, "done": None, "confidence": None}
    assert payload == {
        "format_version": 1,
        "id": "PLAT-1.2",
        "kind": "key_result",
        "points": [
            {
                "commit": shas[0],
                "date": "2026-10-02T12:00:00+00:00",
                **common,
                "score": 0.5,
                "changed": ["added"],
                "message": "kickoff",
                "note": "",  # the commit body: why
                "definition": [],  # target, start, band, kind or weight changed
            },
            {
                "commit": shas[1],
                "date": "2026-10-20T12:00:00+00:00",
                **common,
                "score": 1.0,
                "changed": ["items"],
                "message": "okr: PLAT-1.2 web done",
                "note": "",
                "definition": [],
            },
        ],
    }
    assert list(payload["points"][0]) == [
        *("commit", "date", "author", "current", "done", "score", "confidence", "changed"),
        *("message", "note", "definition"),
    ]


# ---- added mid-period --------------------------------------------------------------------


def test_mid_period_is_more_than_two_weeks_after_the_period_start(git_repo: Path, cli: Cli) -> None:
    rows = ["id: PLAT-1.1, title: Raise success, start: 92, target: 99"]
    extra_objectives: list[str] = []

    def write(message: str, day: str) -> None:
        text = HEAD + objective("Make deploys reliable", "PLAT-1", rows)
        commit(git_repo, {PLAT: text + "".join(extra_objectives)}, message, day)

    write("kickoff", "2026-10-01")
    rows.append("id: PLAT-1.2, title: Cut pages, start: 20, target: 8")
    extra_objectives.append(
        objective(
            "Tame the bill", "PLAT-2", ["id: PLAT-2.1, title: Cut spend, start: 9, target: 5"]
        )
    )
    write("early", "2026-10-10")
    rows.append("id: PLAT-1.3, title: Cut rollbacks, start: 10, target: 2")
    write("on day 14", "2026-10-15")  # Oct 1 + 14 days: still the first two weeks
    extra_objectives.append(
        objective("Make it fast", "PLAT-3", ["id: PLAT-3.1, title: Cut p95, start: 9, target: 4"])
    )
    write("on day 15", "2026-10-16")
    rows.append("id: PLAT-1.4, title: Cut toil, start: 40, target: 10")
    write("late", "2026-11-12")
    payload = run_json(Cli(cli.runner, git_repo), "diff", "HEAD~4", "HEAD", "-f", "json")
    added_krs = {c["id"]: c["mid_period"] for c in payload["key_results"] if c["change"] == "added"}
    added_objectives = {
        c["id"]: c["mid_period"] for c in payload["objectives"] if c["change"] == "added"
    }
    assert added_krs == {
        "PLAT-1.2": False,
        "PLAT-1.3": False,
        "PLAT-1.4": True,
        "PLAT-2.1": False,
        "PLAT-3.1": True,
    }
    assert added_objectives == {"PLAT-2": False, "PLAT-3": True}
    assert all(not c["mid_period"] for c in payload["objectives"] if c["change"] != "added")


# ---- two quarters, two teams (and a team on each side only) -------------------------------


def team_file(period: str, team: str, objectives: list[tuple[str, int, str]]) -> str:
    """Objectives (id, current of its one 0 -> 10 metric, extra lines)."""
    text = f"period: {period}\nteam: {team}\nowner: dana\nobjectives:\n"
    for ident, current, extra in objectives:
        row = f"id: {ident}.1, title: Move {ident}, start: 0, target: 10, current: {current}"
        text += objective(f"Goal {ident}", ident, [row], STANDALONE + extra)
    return text


def quarter_objective(
    ident: str, score: float, change: str, carried_from: str | None = None
) -> dict[str, object]:
    return {
        "id": ident,
        "title": f"Goal {ident}",
        "score": score,
        "change": change,
        "carried_from": carried_from,
    }


def test_quarter_comparison_per_team(git_repo: Path, cli: Cli) -> None:
    q3_platform = [("PLAT-A", 5, ""), ("PQ3-1", 2, ""), ("PQ3-2", 0, "")]
    commit(
        git_repo,
        {
            "okrs/2026-Q3/platform.yaml": team_file("2026-Q3", "platform", q3_platform),
            "okrs/2026-Q3/growth.yaml": team_file(
                "2026-Q3", "growth", [("GQ3-1", 3, ""), ("GQ3-2", 9, "")]
            ),
            "okrs/2026-Q3/legal.yaml": team_file("2026-Q3", "legal", [("LEG-1", 7, "")]),
        },
        "q3",
        "2026-07-02",
    )
    q3_platform[2] = ("PQ3-2", 1, "")
    q3_end = commit(
        git_repo,
        {"okrs/2026-Q3/platform.yaml": team_file("2026-Q3", "platform", q3_platform)},
        "q3 final check-in",
        "2026-09-30",
    )
    carried = "    carried_from: {}\n"
    commit(
        git_repo,
        {
            "okrs/2026-Q4/platform.yaml": team_file(
                "2026-Q4",
                "platform",
                [("PLAT-A", 8, ""), ("PLAT-1", 4, carried.format("PQ3-1")), ("PLAT-2", 1, "")],
            ),
            "okrs/2026-Q4/growth.yaml": team_file(
                "2026-Q4", "growth", [("GROW-1", 6, carried.format("GQ3-2")), ("GROW-2", 0, "")]
            ),
            "okrs/2026-Q4/support.yaml": team_file("2026-Q4", "support", [("SUP-1", 10, "")]),
        },
        "q4 kickoff",
        "2026-10-02",
    )
    # After its end, a Q3 file changes: the comparison still takes Q3 as it ended.
    q4_head = commit(
        git_repo,
        {"okrs/2026-Q3/legal.yaml": team_file("2026-Q3", "legal", [("LEG-1", 0, "")])},
        "late edit of q3",
        "2026-10-05",
    )
    payload = run_json(Cli(cli.runner, git_repo), "diff", "2026-Q3", "2026-Q4", "-f", "json")
    assert r12(payload) == r12(
        {
            "format_version": 1,
            # Q3 read at its last day has ended; Q4 read on 2026-10-05 was running.
            "from": {
                "label": "2026-Q3",
                "commit": q3_end,
                "date": "2026-09-30T12:00:00+00:00",
                "state": "ended",
            },
            "to": {
                "label": "2026-Q4",
                "commit": q4_head,
                "date": "2026-10-05T12:00:00+00:00",
                "state": "running",
            },
            "teams": [
                {
                    "team": "growth",
                    "score_from": (0.3 + 0.9) / 2,
                    "score_to": (0.6 + 0.0) / 2,
                    "carried": [{"from": "GQ3-2", "to": "GROW-1"}],
                    "new": ["GROW-2"],
                    "dropped": ["GQ3-1"],
                    "objectives": [
                        quarter_objective("GROW-1", 0.6, "carried", "GQ3-2"),
                        quarter_objective("GROW-2", 0.0, "new"),
                        quarter_objective("GQ3-1", 0.3, "dropped"),
                    ],
                },
                {
                    "team": "legal",
                    "score_from": 0.7,
                    "score_to": None,
                    "carried": [],
                    "new": [],
                    "dropped": ["LEG-1"],
                    "objectives": [quarter_objective("LEG-1", 0.7, "dropped")],
                },
                {
                    "team": "platform",
                    "score_from": (0.5 + 0.2 + 0.1) / 3,
                    "score_to": (0.8 + 0.4 + 0.1) / 3,
                    # Ids are per period: PLAT-A in both periods is not a carry-over.
                    "carried": [{"from": "PQ3-1", "to": "PLAT-1"}],
                    "new": ["PLAT-A", "PLAT-2"],
                    "dropped": ["PLAT-A", "PQ3-2"],
                    "objectives": [
                        quarter_objective("PLAT-1", 0.4, "carried", "PQ3-1"),
                        quarter_objective("PLAT-A", 0.8, "new"),
                        quarter_objective("PLAT-2", 0.1, "new"),
                        quarter_objective("PLAT-A", 0.5, "dropped"),
                        quarter_objective("PQ3-2", 0.1, "dropped"),
                    ],
                },
                {
                    "team": "support",
                    "score_from": None,
                    "score_to": 1.0,
                    "carried": [],
                    "new": ["SUP-1"],
                    "dropped": [],
                    "objectives": [quarter_objective("SUP-1", 1.0, "new")],
                },
            ],
        }
    )
    # A table in table mode (not markdown), the running period marked, ids with titles.
    code, table = Cli(cli.runner, git_repo)("diff", "2026-Q3", "2026-Q4")
    assert code == 0 and "|" not in table
    assert "2026-Q4 had not ended at 2026-10-05 (the state read)" in table
    header = next(line for line in table.splitlines() if line.startswith("Team "))
    assert header.split()[1:4] == ["2026-Q3", "2026-Q4", "(running)"]
    assert any(
        line.startswith("PLAT-1 Goal PLAT-1") and "carried from 2026-Q3/PQ3-1" in line
        for line in table.splitlines()
    )
    code, markdown = Cli(cli.runner, git_repo)("diff", "2026-Q3", "2026-Q4", "-f", "markdown")
    assert "| Team | 2026-Q3 score | 2026-Q4 (running) score |" in markdown
    assert "| **PLAT-1** Goal PLAT-1 | platform | carried from 2026-Q3/PQ3-1 | 0.40 |" in markdown


# ---- validation: located findings with their hints ---------------------------------------


def findings(cli: Cli, *args: str) -> list[tuple[str, str, str, str | None]]:
    """(path:line:col, code, message, hint) of each finding of `okr validate`."""
    payload = run_json(cli, "validate", "--format", "json", *args, code=1)
    return [
        (f"{f['path']}:{f['line']}:{f['col']}", f["code"], f["message"], f["hint"])
        for f in payload["findings"]
    ]


def kr_row(ident: str) -> str:
    return f"id: {ident}.1, title: Move {ident}, start: 0, target: 10"


def aligned(title: str, ident: str, target: str | None) -> str:
    extra = f"    aligns_to: {target}\n" if target else STANDALONE
    return objective(title, ident, [kr_row(ident)], extra)


CYCLE_HINT = "alignment points up to a parent goal; remove one `aligns_to` in the cycle"


def test_cycle_after_a_chain_that_ends(cli: Cli) -> None:
    """A-1 -> B-1 -> C-1 ends (first in id order); Y-1 -> X-1 -> Y-1 is a cycle."""
    company = (
        "period: 2026-Q4\nteam: company\nowner: maya\nobjectives:\n"
        + aligned("Alpha", "A-1", "B-1")
        + aligned("Beta", "B-1", "C-1.1")  # to a key result: its objective is the parent
        + aligned("Gamma", "C-1", None)
        + aligned("Why", "Y-1", "X-1.1")
        + aligned("Ex", "X-1", "Y-1")
    )
    write_files(cli.cwd / "okrs", {"2026-Q4/company.yaml": company})
    assert findings(cli) == [
        (
            "okrs/2026-Q4/company.yaml:22:16",  # Y-1's aligns_to comes first in the file
            "OKR033",
            "alignment cycle: Y-1 -> X-1 -> Y-1",
            CYCLE_HINT,
        )
    ]


def test_cycles_across_files_are_reported_once_each(cli: Cli) -> None:
    company = "period: 2026-Q4\nteam: company\nowner: maya\nobjectives:\n" + aligned(
        "Alpha", "A-1", "B-1"
    )
    platform = HEAD + aligned("Beta", "B-1", "A-1.1") + aligned("Gamma", "C-1", "C-1.1")
    write_files(
        cli.cwd / "okrs",
        {"2026-Q4/company.yaml": company, "2026-Q4/platform.yaml": platform},
    )
    assert findings(cli) == [
        (
            "okrs/2026-Q4/company.yaml:7:16",
            "OKR033",
            "alignment cycle: A-1 -> B-1 -> A-1",
            CYCLE_HINT,
        ),
        ("okrs/2026-Q4/platform.yaml:12:16", "OKR033", "alignment cycle: C-1 -> C-1", CYCLE_HINT),
    ]


def test_duplicate_ids_after_other_ids(cli: Cli) -> None:
    dup = "id: DUP-1, title: Dup, kind: milestone"
    platform = (
        HEAD
        + objective("Reliable", "PLAT-1", [kr_row("PLAT-1"), kr_row("PLAT-2"), kr_row("PLAT-3")])
        + objective("Tame the bill", "PLAT-4", [kr_row("PLAT-4"), dup])
    )
    growth = (
        "period: 2026-Q4\nteam: growth\nowner: priya\nobjectives:\n"
        + objective("Grow", "GROW-1", [kr_row("GROW-1"), dup])
        + objective("Tame the bill", "PLAT-4", [kr_row("GROW-2")])
    )
    support = "period: 2026-Q4\nteam: support\nowner: omar\nobjectives:\n" + objective(
        "Help", "SUP-1", [kr_row("SUP-1"), dup]
    )
    write_files(
        cli.cwd / "okrs",
        {
            "2026-Q4/platform.yaml": platform,
            "2026-Q4/growth.yaml": growth,
            "2026-Q4/support.yaml": support,
        },
    )
    hint = "ids are unique within a period; rename one of them"
    g, p, s = (f"okrs/2026-Q4/{team}.yaml" for team in ("growth", "platform", "support"))
    assert findings(cli) == [
        (
            f"{g}:10:14",
            "OKR031",
            f"duplicate id `DUP-1` in 2026-Q4 (also at {p}:17:14, {s}:10:14)",
            hint,
        ),
        (f"{g}:11:9", "OKR031", f"duplicate id `PLAT-4` in 2026-Q4 (also at {p}:12:9)", hint),
        (f"{p}:12:9", "OKR031", f"duplicate id `PLAT-4` in 2026-Q4 (also at {g}:11:9)", hint),
        (
            f"{p}:17:14",
            "OKR031",
            f"duplicate id `DUP-1` in 2026-Q4 (also at {g}:10:14, {s}:10:14)",
            hint,
        ),
        (
            f"{s}:10:14",
            "OKR031",
            f"duplicate id `DUP-1` in 2026-Q4 (also at {g}:10:14, {p}:17:14)",
            hint,
        ),
    ]


def test_alignment_hints(cli: Cli) -> None:
    q3 = "period: 2026-Q3\nteam: company\nowner: maya\nobjectives:\n" + aligned(
        "Old goal", "ACME-Q3-1", None
    )
    q4 = (
        "period: 2026-Q4\nteam: company\nowner: maya\nobjectives:\n"
        + aligned("Grow", "ACME-1", None)
        + aligned("Stay up", "ACME-2", "ACME-Q3-1")  # another period
        + aligned("Be fast", "ACME-3", "ACME-1x")  # a near miss
        + aligned("Delight", "ACME-4", "ZZZ-42")  # nothing close
    )
    write_files(cli.cwd / "okrs", {"2026-Q3/company.yaml": q3, "2026-Q4/company.yaml": q4})
    c = "okrs/2026-Q4/company.yaml"
    assert findings(cli) == [
        (
            f"{c}:12:16",
            "OKR032",
            "ACME-2: aligns_to `ACME-Q3-1` names no objective or key result in 2026-Q4",
            "`ACME-Q3-1` is in 2026-Q3; an objective aligns within its period or to one "
            "that encloses it (its half or year)",
        ),
        (
            f"{c}:17:16",
            "OKR032",
            "ACME-3: aligns_to `ACME-1x` names no objective or key result in 2026-Q4",
            "did you mean `ACME-1`?",
        ),
        (
            f"{c}:22:16",
            "OKR032",
            "ACME-4: aligns_to `ZZZ-42` names no objective or key result in 2026-Q4",
            "use the id of a goal in the same period",
        ),
    ]


def test_model_error_hints(cli: Cli) -> None:
    platform = HEAD + objective(
        "Make deploys reliable",
        "PLAT-1",
        [
            "id: PLAT-1.1, title: Raise success, start: 92, taget: 99",
            "id: PLAT-1.2, title: Cut pages, start: 20, target: 8, colour: red",
        ],
    )
    growth = "period: 2026-Q4\nteam: growth\nowner: priya\nobjectives:\n" + objective(
        "Grow",
        "GROW-1",
        [
            "id: GROW-1.1, title: Raise activation",
            "id: GROW-1.2, title: Publish the guide, kind: milestones",
            "id: GROW-1.3, title: Track the thing, kind: kpi",
        ],
    )
    support = "period: 2026-Q4\nteam: support\nowner: omar\nobjectives:\n" + objective(
        "Help",
        "SUP-1",
        [
            "id: SUP-1.1, title: Raise CSAT, start: 80, target: 90, confidence: 1.5",
            "id: SUP-1.2, title: Cut wait, start: 9, target: 2, weight: 0",
            "id: SUP-1.3, title: Cut backlog, start: 90, target: 20, confidence: -0.1, weight: -2",
        ],
    )
    write_files(
        cli.cwd / "okrs",
        {
            "2026-Q4/platform.yaml": platform,
            "2026-Q4/growth.yaml": growth,
            "2026-Q4/support.yaml": support,
        },
    )
    g, p, s = (f"okrs/2026-Q4/{team}.yaml" for team in ("growth", "platform", "support"))
    metric_hint = "a metric needs `start` and `target`; for done/not done use `kind: milestone`"
    confidence = "confidence is a number from 0.0 (no chance) to 1.0 (certain), e.g. 0.7"
    weight = "weight is a number above 0 and at most 1000; the default is 1"
    assert findings(cli) == [
        # Both are missing; only the first is reported (one finding per place and code).
        (f"{g}:9:9", "OKR020", "GROW-1.1: a metric key result needs `start`", metric_hint),
        (
            f"{g}:10:56",
            "OKR023",
            "GROW-1.2: unknown key result kind `milestones`",
            "did you mean `milestone`?",
        ),
        (
            f"{g}:11:54",
            "OKR023",
            "GROW-1.3: unknown key result kind `kpi`",
            "use one of: metric, milestone, checklist, maintain, baseline, judged",
        ),
        (
            f"{p}:9:57",
            "OKR021",
            "PLAT-1.1: unknown key `taget` in a metric key result",
            "did you mean `target`?",
        ),
        (
            f"{p}:10:64",
            "OKR021",
            "PLAT-1.2: unknown key `colour` in a metric key result",
            "allowed keys here: confidence, current, description, dropped, due, final_score, id, "
            "kind, override_reason, owner, source, start, target, title, unit, weight",
        ),
        (
            f"{s}:9:77",
            "OKR022",
            "SUP-1.1: `confidence` must be at most 1, not `1.5`",
            confidence,
        ),
        (
            f"{s}:10:69",
            "OKR022",
            "SUP-1.2: `weight` must be above 0, not `0`",
            weight,
        ),
        (
            f"{s}:11:78",
            "OKR022",
            "SUP-1.3: `confidence` must be at least 0, not `-0.1`",
            confidence,
        ),
        (
            f"{s}:11:92",
            "OKR022",
            "SUP-1.3: `weight` must be above 0, not `-2`",
            weight,
        ),
    ]
