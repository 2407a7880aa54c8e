"""`okr lint` through typer's runner: output, summary, formats, exit codes."""

from __future__ import annotations

import json
import shutil

from okrcli.check.lint.registry import default_registry
from tests.conftest import SAMPLE_ROOT, Cli, write_files


def sample(cli: Cli) -> None:
    shutil.copytree(SAMPLE_ROOT, cli.cwd / "okrs")


def test_bundled_sample_demonstrates_warnings_but_validates(cli: Cli) -> None:
    sample(cli)
    assert cli("validate")[0] == 0
    code, out = cli("lint")
    assert code == 0
    lines = out.splitlines()
    assert (
        "okrs/2026-Q4/growth.yaml:28:21: warning[OKR115]: GROW-1.2: confidence 0.3 in a "
        "committed objective (below 0.7)" in lines
    )
    # 2026-Q3 is closed: only the rules that judge a closed period speak of it.
    assert [line for line in lines if line.startswith("okrs/2026-Q3")] == [
        "okrs/2026-Q3/support.yaml:66:9: warning[OKR119]: SUP-3: 2026-Q3 was closed on "
        "2026-10-01 without a reflection on this objective"
    ]
    assert "found 3 warnings in 8 files" in lines
    assert "strength 2026-Q4: company 0.98 · growth 0.98 · platform 1.00 · support 1.00" in lines
    assert "alignment coverage 2026-Q4: 100% healthy (7 of 7 team objectives)" in lines
    assert not any("2026-Q3:" in line for line in lines)


def test_a_closed_period_is_linted_when_named(cli: Cli) -> None:
    sample(cli)
    code, out = cli("lint", "--period", "2026-Q3")
    assert code == 0
    lines = out.splitlines()
    assert (
        "okrs/2026-Q3/support.yaml:33:12: info[OKR107]: SUP-2: objective starts with "
        "the output verb `build`" in lines
    )
    assert not any(line.startswith("okrs/2026-Q4") for line in lines)
    assert "found 3 warnings, 1 info in 4 files" in lines
    assert "silenced by `# okr: disable`: 1" in lines
    assert "strength 2026-Q3: company 0.98 · growth 1.00 · platform 0.98 · support 0.98" in lines
    assert "alignment coverage 2026-Q3: 100% healthy (7 of 7 team objectives)" in lines


def test_lint_of_a_period_without_files_names_the_periods(cli: Cli) -> None:
    sample(cli)
    result = cli.run("lint", "--period", "2026-Q2")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "okr: error: no OKR files for 2026-Q2; periods found: 2026-Q3, 2026-Q4\n"
        "  hint: did you mean `2026-Q4`?\n"
    )


def test_strict_makes_warnings_fail(cli: Cli) -> None:
    sample(cli)
    code, out = cli("lint", "--strict", "-f", "json")
    assert code == 1
    payload = json.loads(out)
    assert payload["summary"]["errors"] == 3
    assert payload["summary"]["infos"] == 0


def test_json_lists_silenced_strength_and_coverage(cli: Cli) -> None:
    sample(cli)
    code, out = cli("lint", "--format", "json", "--period", "2026-Q3")
    assert code == 0
    payload = json.loads(out)
    assert payload["format_version"] == 1
    assert [(f["path"], f["line"], f["code"]) for f in payload["silenced"]] == [
        ("okrs/2026-Q3/company.yaml", 27, "OKR115")
    ]
    assert {"period": "2026-Q3", "team": "growth", "strength": 1.0, "rules": 21} in payload[
        "strength"
    ]
    assert payload["alignment_coverage"] == [
        {
            "period": "2026-Q3",
            "team_objectives": 7,
            "covered": 7,
            "share": 1.0,
            "verdict": "healthy",
        }
    ]


def test_github_format_annotates_levels(cli: Cli) -> None:
    sample(cli)
    code, out = cli("lint", "--format", "github")
    assert code == 0
    assert out.count("::warning file=") == 3
    assert out.count("::notice file=") == 0
    assert "::warning file=okrs/2026-Q3/support.yaml,line=66,col=9,title=OKR119::" in out
    code, out = cli("lint", "--format", "github", "--period", "2026-Q3")
    assert "::notice file=okrs/2026-Q3/support.yaml,line=33,col=12,title=OKR107::" in out


def test_validation_errors_come_first_and_fail(cli: Cli) -> None:
    write_files(
        cli.cwd / "okrs",
        {
            "2026-Q4/platform.yaml": (
                "period: 2026-Q4\nteam: platform\nowner: dana\nobjectives:\n"
                "  - id: P-1\n    title: Ship 3 things\n    standalone: Our own goal here.\n"
            )
        },
    )
    code, out = cli("lint", "-q")
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines() if not line.startswith(" ")][:3] == [
        "error[OKR102]",
        "warning[OKR105]",
        "info[OKR107]",
    ]


def test_coverage_gap_is_reported(cli: Cli) -> None:
    company = (
        "period: 2026-Q4\nteam: company\nowner: maya\nobjectives:\n  - id: A-1\n    title: Grow\n"
        "    key_results:\n      - {id: A-1.1, title: Raise revenue, start: 1, target: 2}\n"
        "      - {id: A-1.2, title: Raise retention, start: 1, target: 2}\n"
    )
    team = (
        "period: 2026-Q4\nteam: web\nowner: lee\nobjectives:\n  - id: W-1\n    title: Delight\n"
        "    key_results:\n      - {id: W-1.1, title: Raise satisfaction, start: 1, target: 2}\n"
        "      - {id: W-1.2, title: Raise retention rate, start: 1, target: 2}\n"
    )
    write_files(cli.cwd / "okrs", {"2026-Q4/company.yaml": company, "2026-Q4/web.yaml": team})
    code, out = cli("lint")
    assert code == 0
    assert "okrs/2026-Q4/web.yaml:5:9: warning[OKR112]" in out
    assert "alignment coverage 2026-Q4: 0% gap (0 of 1 team objectives)" in out


def test_explain_prints_the_rule_docs(cli: Cli) -> None:
    code, out = cli("lint", "--explain", "okr108")
    assert code == 0
    assert out.startswith("OKR108 activity-key-result (default: warning)")
    assert "Flagged:" in out and "Fixed:" in out
    assert "Make more sales calls" in out
    assert cli("lint", "--explain", "sandbagging")[1].startswith("OKR116 sandbagging")
    assert cli("lint", "--explain", "OKR999")[0] == 2


def test_list_rules(cli: Cli) -> None:
    code, out = cli("lint", "--list-rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [
        r.code for r in default_registry().rules()
    ]
