"""History you can audit, on real repositories: changes credited to the commit that made
them through merges, squashes and rebases; a check-in commit that holds only the
check-in; notes and changed targets in the history; "nothing moved" recorded; negative
and back-filled check-ins; shallow clones named by every history command."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import GIT_ENV, Cli, git

PLAT = "okrs/2026-Q4/platform.yaml"

TEXT = """\
period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: PLAT-1
    title: Make the product fast
    standalone: ours
    key_results:
      - id: PLAT-1.1
        title: Cut p95 latency
        start: 900
        target: 500
        current: 800

      - id: PLAT-1.2
        title: Raise uptime
        start: 90
        target: 99
        current: 95
        confidence: 0.6

      - id: PLAT-1.3
        title: Raise NPS
        start: -20
        target: 10
        current: -10
"""


def commit_as(repo: Path, message: str, day: str, author: str = "Test Author") -> str:
    """Commit what is staged, authored by `author` on `day` (noon UTC)."""
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    env |= {"GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": f"{author.split()[0].lower()}@x.io"}
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, env=env, check=True)
    return git(repo, "rev-parse", "HEAD").strip()


def edit(repo: Path, old: str, new: str) -> None:
    file = repo / PLAT
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new, 1))


@pytest.fixture
def repo(git_repo: Path) -> Path:
    (git_repo / PLAT).parent.mkdir(parents=True)
    (git_repo / PLAT).write_text(TEXT)
    git(git_repo, "add", "--all")
    commit_as(git_repo, "kickoff", "2026-10-01", "Erin Kim")
    return git_repo


def at(cli: Cli, repo: Path) -> Cli:
    return Cli(cli.runner, repo)


def blamed(okr: Cli, ident: str) -> dict[str, tuple[str, str]]:
    code, out = okr("blame", ident, "--format", "json")
    assert code == 0, out
    return {f["field"]: (f["commit"], f["author"]) for f in json.loads(out)["fields"]}


def history(okr: Cli, ident: str) -> list[dict[str, object]]:
    code, out = okr("history", ident, "--format", "json")
    assert code == 0, out
    points: list[dict[str, object]] = json.loads(out)["points"]
    return points


# ---- credit through merges -------------------------------------------------------------


def ease_on_a_branch(repo: Path) -> str:
    git(repo, "checkout", "-q", "-b", "ease")
    edit(repo, "target: 500", "target: 550")
    git(repo, "add", PLAT)
    return commit_as(repo, "Ease PLAT-1.1\n\nthe CDN project slips", "2026-10-05", "Marcus Hale")


def test_a_no_ff_merge_credits_the_branch_commit(repo: Path, cli: Cli) -> None:
    eased = ease_on_a_branch(repo)
    git(repo, "checkout", "-q", "main")
    edit(repo, "current: 95", "current: 96")  # main moves on: the merge is a real one
    git(repo, "add", PLAT)
    commit_as(repo, "check in PLAT-1.2", "2026-10-06", "Erin Kim")
    git(repo, "merge", "-q", "--no-ff", "ease", "-m", "Merge ease")
    okr = at(cli, repo)
    assert blamed(okr, "PLAT-1.1")["target"] == (eased, "Marcus Hale")
    points = history(okr, "PLAT-1.1")
    assert [(p["commit"], p["author"]) for p in points][1:] == [(eased, "Marcus Hale")]
    assert points[1]["note"] == "the CDN project slips"
    assert points[1]["definition"] == [
        {"field": "target", "before": 500.0, "after": 550.0, "direction": "eased"}
    ]
    assert [p["author"] for p in history(okr, "PLAT-1.2")] == ["Erin Kim", "Erin Kim"]


def test_a_merge_that_took_the_branch_whole_credits_the_branch(repo: Path, cli: Cli) -> None:
    eased = ease_on_a_branch(repo)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "ease", "-m", "Merge ease")
    assert blamed(at(cli, repo), "PLAT-1.1")["target"] == (eased, "Marcus Hale")


def test_a_change_made_in_the_merge_itself_is_the_merge(repo: Path, cli: Cli) -> None:
    ease_on_a_branch(repo)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "--no-commit", "ease")
    edit(repo, "target: 550", "target: 600")  # resolved differently while merging
    git(repo, "add", PLAT)
    merge = commit_as(repo, "Merge ease, at 600", "2026-10-07", "Erin Kim")
    assert blamed(at(cli, repo), "PLAT-1.1")["target"] == (merge, "Erin Kim")


def test_squash_merges_and_rebases_credit_the_commit_that_landed(repo: Path, cli: Cli) -> None:
    ease_on_a_branch(repo)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--squash", "ease")
    squashed = commit_as(repo, "Ease PLAT-1.1 (squashed)", "2026-10-06", "Erin Kim")
    okr = at(cli, repo)
    assert blamed(okr, "PLAT-1.1")["target"] == (squashed, "Erin Kim")
    git(repo, "checkout", "-q", "-b", "raise", "HEAD~1")
    edit(repo, "target: 500", "target: 450")
    git(repo, "add", PLAT)
    commit_as(repo, "Raise PLAT-1.1", "2026-10-08", "Marcus Hale")
    git(repo, "rebase", "-q", "-X", "theirs", "main")  # author kept, commit rewritten
    rebased = git(repo, "rev-parse", "HEAD").strip()
    assert blamed(okr, "PLAT-1.1")["target"] == (rebased, "Marcus Hale")


# ---- a check-in commit holds only the check-in ----------------------------------------------


def test_checkin_commits_only_its_line_beside_staged_and_unstaged_edits(
    repo: Path, cli: Cli
) -> None:
    edit(repo, "target: 99", "target: 98")  # eased and staged
    git(repo, "add", PLAT)
    edit(repo, "title: Raise NPS", "title: Raise the NPS")  # not staged
    result = at(cli, repo).run("checkin", "PLAT-1.1", "760", "--commit")
    assert result.exit_code == 0, result.stderr
    assert git(repo, "show", "--stat", "--format=%s", "HEAD") == (
        "okr: PLAT-1.1 800 -> 760\n\n"
        " okrs/2026-Q4/platform.yaml | 2 +-\n"
        " 1 file changed, 1 insertion(+), 1 deletion(-)\n"
    )
    assert git(repo, "show", "--format=", "-U0", "HEAD").splitlines()[-2:] == [
        "-        current: 800",
        "+        current: 760",
    ]
    assert git(repo, "status", "--porcelain") == f"MM {PLAT}\n"
    staged = git(repo, "diff", "--cached", "-U0").splitlines()
    assert [line for line in staged if line[:1] in "+-" and line[1:2] == " "] == [
        "-        target: 99",
        "+        target: 98",
    ]
    unstaged = git(repo, "diff", "-U0").splitlines()
    assert [line for line in unstaged if line[:1] in "+-" and line[1:2] == " "] == [
        "-        title: Raise NPS",
        "+        title: Raise the NPS",
    ]
    text = (repo / PLAT).read_text()
    assert "current: 760" in text and "target: 98" in text and "Raise the NPS" in text


def test_checkin_of_an_uncommitted_key_result_is_refused_before_any_change(
    repo: Path, cli: Cli
) -> None:
    edit(repo, "      - id: PLAT-1.3\n", "      - id: PLAT-1.4\n")  # renamed, not committed
    before = (repo / PLAT).read_text()
    head = git(repo, "rev-parse", "HEAD")
    result = at(cli, repo).run("checkin", "PLAT-1.4", "0", "--commit")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "okr: error: PLAT-1.4 cannot be checked in on 2026-Q4/platform.yaml as committed: "
        "the file has uncommitted changes to it; nothing written\n"
        "  hint: commit those changes first, or check in without --commit\n"
    )
    assert (repo / PLAT).read_text() == before
    assert git(repo, "rev-parse", "HEAD") == head


# ---- what a check-in records ------------------------------------------------------------------


def test_a_check_in_that_changes_nothing(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    head = git(repo, "rev-parse", "HEAD")
    result = okr.run("checkin", "PLAT-1.2", "95", "--confidence", "0.6", "--commit")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"{PLAT}: PLAT-1.2 95, confidence 0.6 (unchanged)\n"
        "nothing written; to record that nothing moved, add --note and --commit\n"
    )
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""
    env = {"GIT_AUTHOR_DATE": "2026-10-20T12:00:00+00:00"}
    result = okr.run("checkin", "PLAT-1.2", "95", "--note", "vendor outage, no change", "--commit",
                     env=env)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    sha = git(repo, "rev-parse", "HEAD").strip()
    assert result.stdout.splitlines()[-1] == f"committed {sha[:12]}: okr: PLAT-1.2 95 (unchanged)"
    assert git(repo, "log", "-1", "--format=%B") == (
        "okr: PLAT-1.2 95 (unchanged)\n\nvendor outage, no change\n\n"
        "Okr-Check-in: 2026-Q4/PLAT-1.2\n\n"
    )
    assert git(repo, "show", "--stat", "--format=", "HEAD") == ""  # an empty commit
    points = history(okr, "PLAT-1.2")
    assert [(p["commit"], p["note"], p["current"]) for p in points][1:] == [
        (sha, "vendor outage, no change", 95.0)
    ]
    code, out = okr("status", "--format", "json", "--as-of", "2026-10-25")
    assert code == 0
    krs = {kr["id"]: kr for o in json.loads(out)["objectives"] for kr in o["key_results"]}
    assert (krs["PLAT-1.2"]["last_checkin"], krs["PLAT-1.2"]["pending"]) == ("2026-10-20", False)


def test_unchanged_fields_are_never_changes(repo: Path, cli: Cli) -> None:
    result = at(cli, repo).run("checkin", "PLAT-1.2", "97", "--confidence", "0.6")
    assert result.stdout == f"{PLAT}: PLAT-1.2 95 -> 97\n"


def test_negative_values_and_values_as_written(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    result = okr.run("checkin", "PLAT-1.3", "-5", "--commit")
    assert result.exit_code == 0, result.stderr
    assert git(repo, "log", "-1", "--format=%s") == "okr: PLAT-1.3 -10 -> -5\n"
    assert "        current: -5\n" in (repo / PLAT).read_text()
    result = okr.run("checkin", "PLAT-1.1", "123456789012345", "--commit")
    assert git(repo, "log", "-1", "--format=%s") == "okr: PLAT-1.1 800 -> 123456789012345\n"
    result = okr.run("checkin", "PLAT-1.3", "--valeu")
    assert (result.exit_code, result.stderr) == (
        2,
        "okr: error: no such option: --valeu\n  hint: `okr checkin --help` lists the options\n",
    )
    assert "a negative one needs no `--`" in okr("checkin", "--help")[1]


def test_a_back_filled_check_in_keeps_its_day_and_author(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    args = ("checkin", "PLAT-1.1", "780", "--commit", "--date", "2026-10-09")
    result = okr.run(*args, "--author", "Sam Lee <sam@acme.example>")
    assert result.exit_code == 0, result.stderr
    shown = git(repo, "log", "-1", "--format=%an <%ae>|%aI|%cn")
    assert (
        shown
        == f"Sam Lee <sam@acme.example>|2026-10-09T12:00:00+00:00|{GIT_ENV['GIT_AUTHOR_NAME']}\n"
    )
    point = history(okr, "PLAT-1.1")[-1]
    assert (point["author"], point["date"]) == ("Sam Lee", "2026-10-09T12:00:00+00:00")
    result = okr.run("checkin", "PLAT-1.1", "770", "--date", "2026-10-10")
    assert (result.exit_code, result.stderr) == (
        2,
        "okr: error: --author and --date back-fill a commit: add --commit\n",
    )
    result = okr.run("checkin", "PLAT-1.1", "770", "--commit", "--author", "sam")
    assert result.stderr == "okr: error: --author 'sam': expected \"Name <email>\"\n"


# ---- shallow clones ------------------------------------------------------------------------


SHALLOW = (
    "okr: warning: shallow clone: the history stops after 1 commit; check-ins, staleness "
    "and forecasts are unknown. Fetch the full history: `git fetch --unshallow`, or "
    "`fetch-depth: 0` in actions/checkout\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("report",),
        ("tree",),
        ("lint",),
        ("history", "PLAT-1.1"),
        ("blame", "PLAT-1.1"),
        ("diff",),
    ],
)
def test_every_history_command_names_a_shallow_clone(
    repo: Path, cli: Cli, tmp_path: Path, args: tuple[str, ...]
) -> None:
    edit(repo, "current: 800", "current: 790")
    git(repo, "add", PLAT)
    commit_as(repo, "okr: PLAT-1.1 800 -> 790", "2026-10-09")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        env={**os.environ, **GIT_ENV},
    )
    result = at(cli, clone).run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == SHALLOW


def test_a_shallow_clone_shows_check_ins_as_unknown_not_pending(
    repo: Path, cli: Cli, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    code, out = at(cli, clone)("status", "--format", "json")
    assert code == 0
    krs = [kr for o in json.loads(out)["objectives"] for kr in o["key_results"]]
    assert {(kr["last_checkin"], kr["pending"]) for kr in krs} == {(None, False)}
