"""The end of a period and the start of the next, on real git repositories: `okr close`
(grades, overrides, reflections, decisions), `okr reopen`, what a closed period refuses
and hides, changes made after the close, `okr plan`, and the judged and dropped states."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from okrcli.model.period import quarter_containing
from tests.conftest import GIT_ENV, Cli, git

TODAY = dt.date.today().isoformat()
COMPANY = "okrs/2025-Q3/company.yaml"
PLATFORM = "okrs/2025-Q3/platform.yaml"

COMPANY_TEXT = """\
# Company goals, 2025-Q3
period: 2025-Q3
team: company
owner: maya
objectives:
  - id: ACME-1
    title: Win the mid-market
    key_results:
      - id: ACME-1.1
        title: Grow mid-market revenue
        start: 10
        target: 20
        current: 12  # from the finance dashboard
      - id: ACME-1.2
        title: Self-serve signup is live
        kind: milestone
        done: true

  - id: ACME-2
    title: Delight customers
    key_results:
      - id: ACME-2.1
        title: Raise satisfaction
        start: 70
        target: 80
        current: 79
"""

PLATFORM_TEXT = """\
period: 2025-Q3
team: platform
owner: dana
objectives:
  - id: PLAT-1
    title: Make deploys reliable
    type: committed
    aligns_to: ACME-1
    key_results:
      - id: PLAT-1.1
        title: Raise deploy success rate
        start: 90
        target: 99
        current: 96
        unit: "%"
      - id: PLAT-1.2
        title: Engineers rate on-call as sustainable
        kind: judged
        current: 0.5
        note: survey in September
      - id: PLAT-1.3
        title: Migrate the build farm
        kind: milestone
        dropped: the vendor contract was cancelled
"""


def commit(repo: Path, files: dict[str, str], message: str, day: str, author: str = "") -> str:
    """Write `files` and commit them dated `day` (noon UTC), as `author` if given."""
    for relative, text in files.items():
        target = repo / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        git(repo, "add", "--", relative)
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    if author:
        env |= {"GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": f"{author.lower()}@example.com"}
    subprocess.run(["git", "commit", "-qm", message], cwd=repo, env=env, check=True)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(git_repo: Path) -> Path:
    commit(git_repo, {COMPANY: COMPANY_TEXT, PLATFORM: PLATFORM_TEXT}, "Q3 final", "2025-09-30")
    return git_repo


def at(cli: Cli, repo: Path) -> Cli:
    return Cli(cli.runner, repo)


def changed_lines(repo: Path, *args: str) -> list[str]:
    """The added and removed lines of `git diff ARGS`, without the file headers."""
    diff = git(repo, "diff", "--unified=0", *args)
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


CLOSE = (
    "close",
    "2025-Q3",
    "--reflection",
    "ACME-1=Pricing, not features, blocked the deals",
    "--grade",
    "PLAT-1.1=0.7",
    "--reason",
    "PLAT-1.1=the last week was measured after the freeze",
    "--no-input",
)


def running_platform(repo: Path) -> str:
    """The platform file in the quarter running today, committed; its period."""
    running = str(quarter_containing(dt.date.today()))
    text = PLATFORM_TEXT.replace("2025-Q3", running).replace("    aligns_to: ACME-1\n", "")
    text = text.replace("    type: committed\n", "    type: committed\n    standalone: ours\n")
    commit(repo, {f"okrs/{running}/platform.yaml": text}, "kickoff", "2025-10-01")
    return running


# ---- okr close ------------------------------------------------------------------------


def test_close_records_grades_reflections_and_decisions_in_added_lines(
    repo: Path, cli: Cli
) -> None:
    result = at(cli, repo).run(*CLOSE, "--commit")
    assert result.exit_code == 0, result.stderr
    sha = git(repo, "rev-parse", "HEAD").strip()
    assert result.stdout == (
        f"{COMPANY}: closed\n"
        f"{PLATFORM}: closed\n"
        f"2025-Q3 closed on {TODAY}: score 0.70\n"
        "  ACME-1  0.60  keep\n"
        "  ACME-2  0.90  drop\n"
        "  PLAT-1  0.60  keep\n"
        "without a reflection (`okr lint` asks for them): ACME-2, PLAT-1\n"
        f"committed {sha[:12]}: okr: close 2025-Q3 (score 0.70)\n"
        "next: `okr plan 2025-Q4` starts the next period from it\n"
    )
    # Only added lines: every comment, blank line and value stays as it was.
    assert changed_lines(repo, "HEAD~1", "HEAD") == [
        f"+closed: {TODAY}",
        "+    reflection: Pricing, not features, blocked the deals",
        "+    decision: keep",
        "+        final_score: 0.2",
        "+        final_score: 1.0",
        "+    decision: drop",
        "+        final_score: 0.9",
        f"+closed: {TODAY}",
        "+    decision: keep",
        "+        final_score: 0.7",
        "+        override_reason: the last week was measured after the freeze",
        "+        final_score: 0.5",
    ]
    company = (repo / COMPANY).read_text()
    assert "        done: true\n        final_score: 1.0\n\n  - id: ACME-2\n" in company
    message = git(repo, "log", "-1", "--format=%B").strip()
    assert message == (
        "okr: close 2025-Q3 (score 0.70)\n\nDecisions for the next period:\n"
        "ACME-1: keep\nACME-2: drop\nPLAT-1: keep"
    )


def test_closed_views_show_final_grades_overrides_and_reflections(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    assert okr.run(*CLOSE).exit_code == 0
    code, out = okr("status", "--period", "2025-Q3", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert (payload["closed"], payload["ended"]) == (TODAY, True)
    objectives = {o["id"]: o for o in payload["objectives"]}
    assert objectives["ACME-1"]["reflection"] == "Pricing, not features, blocked the deals"
    assert [objectives[i]["decision"] for i in ("ACME-1", "ACME-2", "PLAT-1")] == [
        "keep",
        "drop",
        "keep",
    ]
    krs = {kr["id"]: kr for o in payload["objectives"] for kr in o["key_results"]}
    override = krs["PLAT-1.1"]
    assert (override["score"], override["final_score"], override["override_reason"]) == (
        0.7,
        0.7,
        "the last week was measured after the freeze",
    )
    assert (krs["PLAT-1.3"]["status"], krs["PLAT-1.3"]["final_score"]) == ("dropped", None)
    assert objectives["PLAT-1"]["score"] == pytest.approx((0.7 + 0.5) / 2)
    code, markdown = okr("status", "--period", "2025-Q3", "--format", "markdown")
    assert f"As of {TODAY} (closed {TODAY}; final grades)." in markdown
    assert (
        "| ↳ PLAT-1.1 Raise deploy success rate | `███████░░░` | 0.70 | 96 / 99 % (graded "
        "0.70 (computed 0.67): the last week was measured after the freeze) |" in markdown
    )
    assert (
        "| ↳ PLAT-1.3 Migrate the build farm | `░░░░░░░░░░` | 0.00 | not done (dropped: the "
        "vendor contract was cancelled) | ⏸️ dropped |" in markdown
    )
    assert "- **ACME-1** → _keep_: Pricing, not features, blocked the deals" in markdown
    assert "- **PLAT-1** → _keep_: _no reflection yet_" in markdown
    code, report = okr("report", "--period", "2025-Q3")
    assert "## Review" in report
    assert (
        "| **ACME-1** Win the mid-market | company | 0.60 | keep | Pricing, not features, "
        "blocked the deals |" in report
    )
    assert (
        "- **PLAT-1.1** graded 0.70 (computed 0.67): the last week was measured after the "
        "freeze" in report
    )
    code, tree = okr("tree", "--period", "2025-Q3", "--format", "markdown")
    assert "  - _reflection: Pricing, not features, blocked the deals_" in tree
    assert ", decided: keep" in tree


def test_close_refuses_a_running_period_unless_early(git_repo: Path, cli: Cli) -> None:
    running = running_platform(git_repo)
    okr = at(cli, git_repo)
    result = okr.run("close", running, "--no-input")
    end = quarter_containing(dt.date.today()).end.isoformat()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"okr: error: {running} runs until {end}: a period is closed when it has ended\n"
        f"  hint: to grade it now, add --early: `okr close {running} --early`\n"
    )
    assert git(git_repo, "status", "--porcelain") == ""
    assert okr.run("close", running, "--early", "--no-input").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--grade", "PLAT-1.1=0.7"), "okr: error: --grade PLAT-1.1=... needs a reason\n"),
        (("--grade", "PLAT-9=0.7", "--reason", "PLAT-9=x"), "okr: error: --grade/--reason: "),
        (("--grade", "PLAT-1.1=1.5", "--reason", "PLAT-1.1=x"), "okr: error: --grade PLAT-1.1=1.5"),
        (("--grade", "PLAT-1.1=high"), "okr: error: --grade PLAT-1.1=high: not a number\n"),
        (("--reflection", "ACME-9=x"), "okr: error: --reflection/--decision: no objective"),
        (("--decision", "ACME-1=later"), "okr: error: --decision ACME-1=later: expected keep"),
        (("--reflection", "ACME-1"), "okr: error: --reflection 'ACME-1': expected ID=VALUE\n"),
        (("--tag",), "okr: error: --tag tags the close commit: add --commit\n"),
    ],
)
def test_close_refuses_bad_options_and_writes_nothing(
    repo: Path, cli: Cli, args: tuple[str, ...], message: str
) -> None:
    result = at(cli, repo).run("close", "2025-Q3", "--no-input", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert git(repo, "status", "--porcelain") == ""


def test_close_with_tag_and_an_existing_tag(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    git(repo, "tag", "okr/2025-Q3")
    result = okr.run("close", "2025-Q3", "--no-input", "--commit", "--tag")
    assert result.exit_code == 1
    assert result.stderr.startswith("okr: error: tag okr/2025-Q3 exists already\n")
    assert git(repo, "status", "--porcelain") == ""
    git(repo, "tag", "-d", "okr/2025-Q3")
    result = okr.run("close", "2025-Q3", "--no-input", "--commit", "--tag")
    assert result.exit_code == 0
    assert "tagged okr/2025-Q3\n" in result.stdout
    assert git(repo, "tag", "-n1").split() == [
        "okr/2025-Q3",
        *"okr: close 2025-Q3 (score 0.69)".split(),
    ]


def test_reflections_from_a_file_and_its_errors_located(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    (repo / "review.yaml").write_text("ACME-1: Pricing blocked deals\nACME-2: 7\n")
    result = okr.run("close", "2025-Q3", "--no-input", "--reflections", "review.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "okr: error: --reflections: a reflection is not text\n"
        "review.yaml:2:9: error[OKR022]: the reflection of ACME-2 is not text\n"
        "  hint: write one line per objective: `ACME-1: what was learned`\n"
    )
    (repo / "review.yaml").write_text("ACME-1: Pricing blocked deals\nPLAT-1: Rollback slipped\n")
    result = okr.run("close", "2025-Q3", "--no-input", "--reflections", "review.yaml")
    assert result.exit_code == 0
    assert "without a reflection (`okr lint` asks for them): ACME-2\n" in result.stdout
    assert "    reflection: Rollback slipped\n" in (repo / PLATFORM).read_text()


def test_close_prompts_for_reflections_on_a_terminal_only(
    repo: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import okrcli.cli.close as close_cmd

    monkeypatch.setattr(close_cmd, "_interactive", lambda: True)
    result = at(cli, repo).run("close", "2025-Q3", input="Pricing blocked deals\n\nRollback\n")
    assert result.exit_code == 0
    assert "ACME-1 Win the mid-market (score 0.60)\n  What was learned? (Enter to skip): " in (
        result.stdout
    )
    assert "without a reflection (`okr lint` asks for them): ACME-2\n" in result.stdout
    assert "    reflection: Pricing blocked deals\n" in (repo / COMPANY).read_text()
    monkeypatch.undo()
    monkeypatch.setenv("CI", "true")
    assert close_cmd._interactive() is False


# ---- after the close --------------------------------------------------------------------


def test_checkin_into_a_closed_period_is_refused(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    assert okr.run(*CLOSE, "--commit").exit_code == 0
    before = (repo / PLATFORM).read_text()
    result = okr.run("checkin", "2025-Q3/PLAT-1.1", "98")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"okr: error: 2025-Q3 was closed on {TODAY}: PLAT-1.1 has its final grade\n"
        "  hint: to change it, reopen the period first: `okr reopen 2025-Q3`\n"
    )
    assert (repo / PLATFORM).read_text() == before
    result = okr.run("close", "2025-Q3", "--no-input")
    assert result.exit_code == 1
    assert result.stderr == (
        f"okr: error: 2025-Q3 was closed on {TODAY}\n"
        "  hint: to change its grades, reopen it first: `okr reopen 2025-Q3`\n"
    )


def test_reopen_removes_the_close_and_says_so_in_history(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    assert okr.run(*CLOSE, "--commit").exit_code == 0
    result = okr.run("reopen", "2025-Q3", "--commit", "--reason", "graded on stale numbers")
    assert result.exit_code == 0, result.stderr
    sha = git(repo, "rev-parse", "HEAD").strip()
    assert result.stdout == (
        f"{COMPANY}: reopened\n{PLATFORM}: reopened\n"
        f"2025-Q3 reopened (it was closed on {TODAY})\n"
        f"committed {sha[:12]}: okr: reopen 2025-Q3\n"
    )
    assert git(repo, "log", "-1", "--format=%s%n%b").strip() == (
        f"okr: reopen 2025-Q3 (closed on {TODAY})\ngraded on stale numbers"
    )
    # Computed grades and the date go; the judgement, reflections and decisions stay.
    assert changed_lines(repo, "HEAD~2", "HEAD") == [
        "+    reflection: Pricing, not features, blocked the deals",
        "+    decision: keep",
        "+    decision: drop",
        "+    decision: keep",
        "+        final_score: 0.7",
        "+        override_reason: the last week was measured after the freeze",
    ]
    assert okr.run("checkin", "2025-Q3/PLAT-1.1", "97").exit_code == 0
    result = okr.run("reopen", "2025-Q3")
    assert (result.exit_code, result.stderr) == (
        2,
        "okr: error: 2025-Q3 is not closed\n  hint: close it with `okr close 2025-Q3`\n",
    )


def later_quarter(repo: Path) -> None:
    """A running quarter beside the closed one, with a finding of its own."""
    running = str(quarter_containing(dt.date.today()))
    text = (
        f"period: {running}\nteam: platform\nowner: dana\nobjectives:\n"
        "  - id: PLAT-1\n    title: Ship 3 things\n    standalone: ours\n    key_results:\n"
        "      - {id: PLAT-1.1, title: Raise uptime, start: 1, target: 2}\n"
        "      - {id: PLAT-1.2, title: Cut cost, start: 2, target: 1}\n"
    )
    commit(repo, {f"okrs/{running}/platform.yaml": text}, "next quarter", "2025-10-02")


def test_lint_report_and_annotations_leave_a_closed_period_out(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    later_quarter(repo)
    before = okr("lint", "-f", "github")[1]
    assert "file=okrs/2025-Q3/company.yaml,line=19,col=9,title=OKR103::" in before
    assert okr.run(*CLOSE, "--commit").exit_code == 0
    code, out = okr("lint", "-f", "github")
    assert code == 0
    closed = [line for line in out.splitlines() if "okrs/2025-Q3" in line]
    # Only the rules that judge a closed period: the missing reflections.
    assert [line.split("::")[1].split(",")[0] for line in closed] == [
        "warning file=okrs/2025-Q3/company.yaml",
        "warning file=okrs/2025-Q3/platform.yaml",
    ]
    assert all("title=OKR119" in line for line in closed)
    named = okr("lint", "--period", "2025-Q3")[1]
    assert "okrs/2025-Q3/platform.yaml" in named and "2025-Q4" not in named
    running = str(quarter_containing(dt.date.today()))
    report = json.loads(okr("report", "--format", "json")[1])
    assert report["period"] == running
    assert {f["path"].split("/")[1] for f in report["findings"]} == {running}
    report = json.loads(okr("report", "--period", "2025-Q3", "--format", "json")[1])
    assert {f["code"] for f in report["findings"]} >= {"OKR119"}
    assert {f["path"].split("/")[1] for f in report["findings"]} == {"2025-Q3"}


def test_a_change_after_the_close_is_flagged_with_its_commit_and_author(
    repo: Path, cli: Cli
) -> None:
    okr = at(cli, repo)
    assert okr.run(*CLOSE, "--commit").exit_code == 0
    text = (repo / PLATFORM).read_text().replace("current: 96", "current: 98")
    text = text.replace("target: 99", "target: 98")
    sha = commit(repo, {PLATFORM: text}, "fix the numbers", "2025-12-01", author="Mallory")
    code, out = okr("lint", "-q")
    assert code == 0
    assert (
        f"okrs/2025-Q3/platform.yaml:12:13: warning[OKR120]: PLAT-1.1: target, current "
        f"changed on 2025-12-01 in commit {sha[:12]} by Mallory, after 2025-Q3 was closed "
        f"on {TODAY}\n"
        "  hint: a closed period's grades are final: revert the change, or `okr reopen "
        "2025-Q3` and close it again\n"
    ) in out
    assert out.count("OKR120") == 1


# ---- okr plan ---------------------------------------------------------------------------

PLANNED_PLATFORM = """\
# OKRs of team `platform` for 2025-Q4, planned from 2025-Q3 by `okr plan`.
# Carried objectives keep their ids; metrics start where they ended. Review the titles
# and targets, align to this period's goals, and add what is new.
period: 2025-Q4
team: platform
owner: dana
objectives:
  - id: PLAT-1
    title: Make deploys reliable
    type: committed
    aligns_to: ACME-1
    carried_from: 2025-Q3/PLAT-1
    key_results:
      - id: PLAT-1.1
        title: Raise deploy success rate
        start: 96
        target: 99
        unit: '%'
      - id: PLAT-1.2
        title: Engineers rate on-call as sustainable
        kind: judged
"""


def test_plan_from_a_closed_period_carries_the_kept_objectives(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    assert okr.run(*CLOSE, "--commit").exit_code == 0
    result = okr.run("plan", "2025-Q4", "--commit")
    assert result.exit_code == 0, result.stderr
    sha = git(repo, "rev-parse", "HEAD").strip()
    assert result.stdout == (
        "okrs/2025-Q4/company.yaml: carries ACME-1\n"
        "  left out: ACME-1.2 (finished)\n"
        "okrs/2025-Q4/platform.yaml: carries PLAT-1\n"
        "  left out: PLAT-1.3 (dropped)\n"
        "2025-Q4 planned from 2025-Q3: 2 files written\n"
        "to fill in (what `okr lint` asks of the new files):\n"
        "  okrs/2025-Q4/company.yaml:8:9: OKR103: ACME-1: 1 key result; at least 2 keep "
        "the objective honest\n"
        f"committed {sha[:12]}: okr: plan 2025-Q4\n"
    )
    assert (repo / "okrs/2025-Q4/platform.yaml").read_text() == PLANNED_PLATFORM
    company = (repo / "okrs/2025-Q4/company.yaml").read_text()
    assert "    carried_from: 2025-Q3/ACME-1\n" in company
    assert "        start: 12\n        target: 20\n" in company  # where it ended
    assert "ACME-2" not in company  # achieved: dropped by the decision
    assert okr("validate")[0] == 0
    assert git(repo, "show", "--stat", "--format=%s", "HEAD").splitlines()[0] == (
        "okr: plan 2025-Q4 from 2025-Q3"
    )


def test_plan_from_an_unclosed_period_decides_by_score(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    result = okr.run("plan", "--drop", "PLAT-1", "--carry", "ACME-2", "--all")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "okrs/2025-Q4/company.yaml: carries ACME-1, ACME-2",
        "2025-Q4 planned from 2025-Q3: 1 file written",
        "to fill in (what `okr lint` asks of the new files):",
    ]
    company = (repo / "okrs/2025-Q4/company.yaml").read_text()
    assert "Self-serve signup is live" in company  # --all: the finished milestone too
    assert "done" not in company and "current" not in company
    assert not (repo / "okrs/2025-Q4/platform.yaml").exists()
    assert okr("validate")[0] == 0


def test_plan_never_overwrites_a_file(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    mine = "period: 2025-Q4\nteam: company\nowner: maya\nobjectives: []\n"
    (repo / "okrs/2025-Q4").mkdir()
    (repo / "okrs/2025-Q4/company.yaml").write_text(mine)
    result = okr.run("plan", "2025-Q4")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "okrs/2025-Q4/platform.yaml: carries PLAT-1",
        "  left out: PLAT-1.3 (dropped)",
        "okrs/2025-Q4/company.yaml: exists already, left as it is (okr never overwrites a file)",
    ]
    assert (repo / "okrs/2025-Q4/company.yaml").read_text() == mine


def test_plan_names_unknown_objectives_and_periods(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    result = okr.run("plan", "--carry", "ACME-9")
    assert (result.exit_code, result.stderr) == (
        2,
        "okr: error: --carry/--drop: no objective `ACME-9` in 2025-Q3\n",
    )
    result = okr.run("plan", "2026-Q2")
    assert result.exit_code == 2
    assert result.stderr == (
        "okr: error: no OKR files for 2026-Q1, the period before 2026-Q2\n"
        "  hint: name the period to plan from: --from PERIOD\n"
    )
    assert okr.run("plan", "2025-Q2", "--from", "2025-Q3").exit_code == 2
    assert not (repo / "okrs/2025-Q4").exists()


# ---- judged and dropped -------------------------------------------------------------------


def test_judged_key_results_take_a_judgement_as_their_check_in(git_repo: Path, cli: Cli) -> None:
    running = running_platform(git_repo)
    okr = at(cli, git_repo)
    result = okr.run("checkin", "PLAT-1.2", "0.6")
    assert (result.exit_code, result.stdout) == (
        0,
        f"okrs/{running}/platform.yaml: PLAT-1.2 0.5 -> 0.6\n",
    )
    assert (
        "        current: 0.6\n        note: survey in September\n"
        in (git_repo / f"okrs/{running}/platform.yaml").read_text()
    )
    result = okr.run("checkin", "PLAT-1.2", "6")
    assert (result.exit_code, result.stderr) == (
        2,
        "okr: error: PLAT-1.2 is judged on 0.0-1.0, not 6\n"
        "  hint: give a score such as 0.6 (about 0.7 is a good result for an ambitious goal)\n",
    )
    payload = json.loads(okr("status", "--format", "json", "--no-history")[1])
    krs = {kr["id"]: kr for o in payload["objectives"] for kr in o["key_results"]}
    assert (krs["PLAT-1.2"]["kind"], krs["PLAT-1.2"]["score"]) == ("judged", 0.6)
    # The dropped key result counts nowhere: the objective is the mean of the other two.
    assert krs["PLAT-1.3"]["status"] == "dropped"
    assert krs["PLAT-1.3"]["dropped"] == "the vendor contract was cancelled"
    (plat,) = payload["objectives"]
    assert plat["score"] == pytest.approx((6 / 9 + 0.6) / 2)
    assert plat["expected"] == pytest.approx(
        (krs["PLAT-1.1"]["expected"] + krs["PLAT-1.2"]["expected"]) / 2
    )


def test_a_dropped_key_result_is_not_missed_and_the_diff_says_when(repo: Path, cli: Cli) -> None:
    okr = at(cli, repo)
    payload = json.loads(okr("status", "--period", "2025-Q3", "--format", "json")[1])
    (plat,) = [o for o in payload["objectives"] if o["id"] == "PLAT-1"]
    assert plat["score"] == pytest.approx((6 / 9 + 0.5) / 2)  # not (.. + 0) / 3
    text = (
        (repo / COMPANY)
        .read_text()
        .replace(
            "        current: 79\n",
            "        current: 79\n        dropped: the survey was cancelled\n",
        )
    )
    commit(repo, {COMPANY: text}, "drop the survey", "2025-09-30")
    code, out = okr("diff", "HEAD~1", "HEAD", "--format", "json")
    assert code == 0
    (change,) = json.loads(out)["key_results"]
    assert (change["id"], change["fields"]) == ("ACME-2.1", ["dropped"])
    assert change["after"]["dropped"] == "the survey was cancelled"
    payload = json.loads(okr("status", "--period", "2025-Q3", "--format", "json")[1])
    (acme2,) = [o for o in payload["objectives"] if o["id"] == "ACME-2"]
    # Every key result dropped: nothing to grade, so not missed.
    assert (acme2["status"], acme2["missed"], acme2["achieved"]) == ("off-track", False, None)
