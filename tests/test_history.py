"""History and diffs on real temporary git repositories with backdated commits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from okrcli.history.changes import diff_periods, diff_revisions
from okrcli.history.git import History, HistoryError
from okrcli.render.paths import display_path
from tests.conftest import GIT_ENV, Cli, git

PLAT = "okrs/2026-Q4/platform.yaml"


def platform(current: float = 96, target: float = 99, extra: str = "") -> str:
    return (
        "period: 2026-Q4\nteam: platform\nowner: dana\nobjectives:\n"
        "  - id: PLAT-1\n    title: Make deploys boringly reliable\n"
        "    standalone: Reliability is our own bar this quarter.\n    key_results:\n"
        f"      - {{id: PLAT-1.1, title: Raise deploy success, start: 92, target: {target}, "
        f"current: {current}}}\n"
        "      - {id: PLAT-1.2, title: Publish the runbook, kind: milestone}\n"
        f"{extra}"
    )


def commit(repo: Path, files: dict[str, str], message: str, day: str) -> str:
    """Write `files`, commit them dated `day` (noon UTC), return the sha."""
    for relative, text in files.items():
        target = repo / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        git(repo, "add", relative)
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, env=env, check=True)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(git_repo: Path) -> Path:
    commit(git_repo, {PLAT: platform(current=93)}, "start", "2026-10-02")
    commit(git_repo, {PLAT: platform(current=95)}, "check-in", "2026-10-20")
    git(git_repo, "tag", "v1")
    commit(git_repo, {PLAT: platform(current=97)}, "check-in", "2026-11-10")
    return git_repo


def kr(result_json: dict[str, object], ident: str) -> dict[str, object]:
    items = result_json["key_results"]
    assert isinstance(items, list)
    (found,) = [item for item in items if item["id"] == ident]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(
    ("argument", "expected_current"),
    [
        ("HEAD", 97),
        ("HEAD~1", 95),
        ("v1", 95),
        ("main~2", 93),
        ("2026-10-20", 95),  # on the day: that day's commit
        ("2026-10-19", 93),  # the last commit on or before
        ("2026-Q4", 97),  # the state at the end of the period
    ],
)
def test_revision_forms(repo: Path, argument: str, expected_current: float) -> None:
    history = History(repo / "okrs")
    snapshot = history.snapshot(history.resolve(argument))
    (document,) = snapshot.documents
    metric = document.okr.objectives[0].key_results[0]
    assert metric.kind == "metric" and metric.current == expected_current


def test_sha_and_working_tree(repo: Path) -> None:
    history = History(repo / "okrs")
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    assert history.resolve(first).commit == first
    (repo / PLAT).write_text(platform(current=98))
    tree = history.snapshot(history.resolve(None))
    assert tree.revision.commit is None
    metric = tree.documents[0].okr.objectives[0].key_results[0]
    assert metric.kind == "metric" and metric.current == 98


def test_default_diff_is_head_to_working_tree_and_touches_nothing(repo: Path) -> None:
    (repo / PLAT).write_text(platform(current=98))
    index = repo / ".git" / "index"
    status = git(repo, "status", "--porcelain")  # refreshes the index itself, so first
    before = (index.stat().st_mtime_ns, index.read_bytes(), (repo / PLAT).read_bytes())
    result = diff_revisions(repo / "okrs")
    assert (index.stat().st_mtime_ns, index.read_bytes(), (repo / PLAT).read_bytes()) == before
    assert git(repo, "status", "--porcelain") == status
    (change,) = result.diff.key_results
    assert (change.id, change.change, change.fields) == ("PLAT-1.1", "changed", ("current",))
    assert change.before is not None and change.after is not None
    assert (change.before.current, change.after.current) == (97, 98)
    assert change.score_delta == pytest.approx(1 / 7)


def test_raised_and_eased_targets(repo: Path) -> None:
    (repo / PLAT).write_text(platform(current=97, target=98))
    eased = diff_revisions(repo / "okrs").diff.key_results[0]
    assert eased.target_change == "eased"
    (repo / PLAT).write_text(platform(current=97, target=99.9))
    raised = diff_revisions(repo / "okrs").diff.key_results[0]
    assert raised.target_change == "raised"


def test_decreasing_metric_target_direction(git_repo: Path) -> None:
    text = platform().replace("start: 92, target: 99, current: 96", "start: 900, target: 400")
    commit(git_repo, {PLAT: text}, "start", "2026-10-02")
    (git_repo / PLAT).write_text(text.replace("target: 400", "target: 300"))
    assert diff_revisions(git_repo / "okrs").diff.key_results[0].target_change == "raised"
    (git_repo / PLAT).write_text(text.replace("target: 400", "target: 600"))
    assert diff_revisions(git_repo / "okrs").diff.key_results[0].target_change == "eased"


def test_mid_period_additions(repo: Path) -> None:
    early = "      - {id: PLAT-1.3, title: Cut rollback time, start: 30, target: 5}\n"
    late = "      - {id: PLAT-1.4, title: Cut pages, start: 20, target: 8}\n"
    commit(repo, {PLAT: platform(current=97, extra=early)}, "early", "2026-10-10")
    commit(repo, {PLAT: platform(current=97, extra=early + late)}, "late", "2026-11-12")
    result = diff_revisions(repo / "okrs", "main~4", "HEAD")
    flags = {c.id: c.mid_period for c in result.diff.key_results if c.change == "added"}
    assert flags == {"PLAT-1.3": False, "PLAT-1.4": True}


def test_moved_file_keeps_its_ids(repo: Path) -> None:
    git(repo, "mv", PLAT, "okrs/2026-Q4/infra.yaml")
    moved = (repo / "okrs/2026-Q4/infra.yaml").read_text().replace("team: platform", "team: infra")
    commit(repo, {"okrs/2026-Q4/infra.yaml": moved}, "rename team", "2026-11-12")
    result = diff_revisions(repo / "okrs", "HEAD~1", "HEAD")
    assert result.diff.key_results == []
    assert [(t.team, t.before is None, t.after is None) for t in result.diff.teams] == [
        ("infra", True, False),
        ("platform", False, True),
    ]


def test_invalid_file_in_history_is_reported_and_skipped(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    commit(repo, {PLAT: platform().replace("target: 99", "taget: 99")}, "oops", "2026-11-12")
    commit(repo, {PLAT: platform(current=97.5)}, "fix", "2026-11-13")
    result = diff_revisions(repo / "okrs", "HEAD~1", "HEAD")
    (invalid,) = result.invalid
    shown = display_path(invalid.path)
    assert (shown, invalid.revision, invalid.finding.code) == (PLAT, "HEAD~1", "OKR021")
    assert (invalid.finding.location.line, invalid.finding.location.col) == (9, 64)
    assert [c.change for c in result.diff.key_results] == ["added", "added"]


def test_dates_follow_the_first_parent(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "side", "main~1")
    commit(repo, {"okrs/2026-Q4/side.yaml": platform().replace("platform", "side")
                  .replace("PLAT-", "SIDE-")}, "side work", "2026-11-05")  # fmt: skip
    git(repo, "checkout", "-q", "main")
    env = {**os.environ, **GIT_ENV, "GIT_COMMITTER_DATE": "2026-11-15T12:00:00+00:00"}
    subprocess.run(
        ["git", "merge", "-q", "--no-ff", "-m", "merge", "side"], cwd=repo, env=env, check=True
    )
    history = History(repo / "okrs")
    on_the_7th = history.snapshot(history.resolve("2026-11-07"))
    assert [d.okr.team for d in on_the_7th.documents] == [
        "platform"
    ]  # side's commit is not first-parent
    after_merge = history.snapshot(history.resolve("2026-11-16"))
    assert sorted(d.okr.team for d in after_merge.documents) == ["platform", "side"]


def test_shallow_clone_is_named_with_the_fix(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True
    )
    history = History(shallow / "okrs")
    assert history.shallow
    with pytest.raises(HistoryError, match="fetch-depth: 0"):
        history.resolve("HEAD~1")
    assert diff_revisions(shallow / "okrs").shallow


def test_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "okrs").mkdir()
    with pytest.raises(HistoryError, match="not inside a git repository"):
        History(tmp_path / "okrs")


def test_a_bare_repository_has_no_root(tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    with pytest.raises(HistoryError, match=r"^a bare repository has no OKR root to compare with$"):
        History(bare)


def test_a_root_reached_through_a_link_keeps_its_path(repo: Path, tmp_path: Path) -> None:
    """git names the work tree with links resolved; the files keep the path the user gave
    (so they are shown relative to the working directory as before)."""
    link = tmp_path / "linked"
    link.symlink_to(repo, target_is_directory=True)
    history = History(link / "okrs")
    assert (history.top, history.root_in_repo) == (link, "okrs")
    snapshot = history.snapshot(history.resolve("HEAD"))
    assert snapshot.documents
    assert all(Path(d.path).is_relative_to(link / "okrs") for d in snapshot.documents)


def test_reading_history_does_not_import_gitpython_until_a_blob_is_read(repo: Path) -> None:
    """The hook and a warm status read no old file: they must not pay for GitPython."""
    code = (
        "import sys; from pathlib import Path; from okrcli.history.git import History;"
        f"h = History(Path({str(repo / 'okrs')!r})); h.walk_entries(); h.head_commit();"
        "print('git' in sys.modules);"
        "h.snapshot(h.resolve('HEAD')); print('git' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("argument", ["-p", "--output=/tmp/x", "nope", "2026-02-30", "2025-Q1"])
def test_bad_revisions_are_refused(repo: Path, argument: str) -> None:
    with pytest.raises(HistoryError):
        History(repo / "okrs").resolve(argument)


def test_quarter_to_quarter(git_repo: Path) -> None:
    q3 = (
        "period: 2026-Q3\nteam: platform\nowner: dana\nobjectives:\n"
        "  - id: PQ3-1\n    title: Make deploys reliable\n    standalone: Our own bar here.\n"
        "    key_results:\n      - {id: PQ3-1.1, title: Raise success, start: 80, target: 90, "
        "current: 85}\n"
        "  - id: PQ3-2\n    title: Tame the cloud bill\n    standalone: Our own bar here.\n"
        "    key_results:\n      - {id: PQ3-2.1, title: Cut spend, start: 10, target: 5}\n"
    )
    commit(git_repo, {"okrs/2026-Q3/platform.yaml": q3}, "q3", "2026-07-02")
    q4 = platform(current=95).replace("    standalone:", "    carried_from: PQ3-1\n    standalone:")
    commit(git_repo, {PLAT: q4}, "q4", "2026-10-02")
    (team,) = diff_periods(git_repo / "okrs", "2026-Q3", "2026-Q4").teams
    assert team.team == "platform"
    assert team.score_from == pytest.approx((0.5 + 0.0) / 2)
    assert team.carried == (("PQ3-1", "PLAT-1"),)
    assert (team.new, team.dropped) == ((), ("PQ3-2",))


# ---- the command line ------------------------------------------------------------------


def test_cli_diff_json_contract(repo: Path, cli: Cli) -> None:
    (repo / PLAT).write_text(platform(current=97, target=98))
    code, out = Cli(cli.runner, repo)("diff", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["format_version"] == 1
    assert payload["from"]["label"] == "HEAD" and len(payload["from"]["commit"]) == 40
    assert payload["to"] == {"label": "working tree", "commit": None, "date": None}
    change = kr(payload, "PLAT-1.1")
    assert (change["change"], change["target_change"]) == ("changed", "eased")
    before, after = change["before"], change["after"]
    assert isinstance(before, dict) and isinstance(after, dict)
    assert {k: before[k] for k in ("current", "start", "target")} == {
        "current": 97,
        "start": 92,
        "target": 99,
    }
    assert after["score"] == pytest.approx(5 / 6)
    (objective,) = payload["objectives"]
    assert objective["id"] == "PLAT-1" and objective["before"]["score"] == pytest.approx(5 / 14)


def test_cli_diff_markdown_puts_eased_first(repo: Path, cli: Cli) -> None:
    extra = "      - {id: PLAT-1.3, title: Add a thing, start: 1, target: 2}\n"
    (repo / PLAT).write_text(platform(current=97, target=98, extra=extra))
    code, out = Cli(cli.runner, repo)("diff", "HEAD~2", "--format", "markdown")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("| **PLAT-1.")]
    assert rows[0].startswith("| **PLAT-1.1**") and "**target eased**" in rows[0]
    assert rows[1].startswith("| **PLAT-1.3**") and "| added |" in rows[1]


def test_cli_errors_exit_2(repo: Path, cli: Cli, tmp_path: Path) -> None:
    in_repo = Cli(cli.runner, repo)
    assert in_repo("diff", "--", "-x")[0] == 2
    assert in_repo("diff", "nope")[0] == 2
    outside = tmp_path / "plain"
    (outside / "okrs").mkdir(parents=True)
    assert Cli(cli.runner, outside)("diff")[0] == 2


def test_cli_report_since_adds_the_changes(repo: Path, cli: Cli) -> None:
    (repo / PLAT).write_text(platform(current=97, target=98))
    code, out = Cli(cli.runner, repo)("report", "--since", "HEAD~1", "--as-of", "2026-11-15")
    assert code == 0
    assert "## OKR changes: `HEAD~1`" in out
    assert out.index("## OKR changes") < out.index("## Validation")
    assert "**target eased**" in out


def test_diff_reads_only_the_files_that_differ(repo: Path) -> None:
    other = platform(current=50).replace("platform", "web").replace("PLAT-", "WEB-")
    commit(repo, {"okrs/2026-Q4/web.yaml": other}, "web", "2026-11-12")
    (repo / PLAT).write_text(platform(current=98))
    history = History(repo / "okrs")
    before, after = history.changed_snapshots(history.resolve("HEAD"), history.resolve(None))
    assert [d.okr.team for d in before.documents] == ["platform"]
    assert [d.okr.team for d in after.documents] == ["platform"]
    partial = diff_revisions(repo / "okrs")
    whole = diff_revisions(repo / "okrs", everything=True)
    changed = [c for c in whole.diff.key_results if c.change != "unchanged"]
    assert partial.diff.key_results == changed
    assert [c.id for c in whole.diff.key_results if c.change == "unchanged"] == [
        "PLAT-1.2",
        "WEB-1.1",
        "WEB-1.2",
    ]
