"""`okr validate` through typer's runner: formats, paths, roots and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from okrcli.render.findings import GITHUB_ANNOTATION_LIMIT
from tests.conftest import GOOD_FILE, SAMPLE_ROOT, Cli, git, write_files

PLAT = "okrs/2026-Q4/platform.yaml"
BROKEN = GOOD_FILE.replace("        target: 99.5\n", "        taget: 99.5\n")
BROKEN_AT = f"{PLAT}:14:9"  # the `taget` key


def test_bundled_sample_is_clean(cli: Cli) -> None:
    code, out = cli("validate", "--root", str(SAMPLE_ROOT))
    assert code == 0
    assert out.startswith("ok: 8 files valid: 2 periods, 4 teams,")


def test_clean_root_exits_0_with_summary(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    code, out = cli("validate")
    assert (code, out) == (0, "ok: 1 file valid: 1 period, 1 team, 1 objective, 2 key results\n")


def test_error_is_printed_with_location_and_hint(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": BROKEN})
    code, out = cli("validate")
    assert code == 1
    assert out.splitlines() == [
        f"{BROKEN_AT}: error[OKR021]: PLAT-1.1: unknown key `taget` in a metric key result",
        "  hint: did you mean `target`?",
        "found 1 error in 1 file",
    ]


def test_a_misspelt_key_is_not_also_reported_missing(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": BROKEN.replace("taget", "colour")})
    code, out = cli("validate", "-q")
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()[::2]] == [
        "error[OKR020]",
        "error[OKR021]",
    ]


def test_quiet_leaves_out_the_summary(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": BROKEN})
    code, out = cli("validate", "--quiet")
    assert code == 1
    assert out.splitlines() == [
        f"{BROKEN_AT}: error[OKR021]: PLAT-1.1: unknown key `taget` in a metric key result",
        "  hint: did you mean `target`?",
    ]
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    assert cli("validate", "--quiet") == (0, "")


def test_json_is_the_only_output_and_carries_format_version(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": BROKEN})
    code, out = cli("validate", "--format", "json")
    assert code == 1
    payload = json.loads(out)
    assert payload["format_version"] == 1
    assert payload["ok"] is False
    assert payload["summary"]["errors"] == 1
    first = payload["findings"][0]
    assert (first["path"], first["line"], first["col"]) == (PLAT, 14, 9)
    assert first["code"] == "OKR021"
    assert first["name"] == "unknown-key"
    assert first["hint"] == "did you mean `target`?"
    assert first["level"] == "error"


def test_json_when_clean(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    code, out = cli("validate", "-f", "json")
    assert code == 0
    assert json.loads(out)["findings"] == []


def test_github_annotations_are_escaped(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": BROKEN})
    code, out = cli("validate", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        f"::error file={PLAT},line=14,col=9,title=OKR021::PLAT-1.1: unknown key `taget` "
        "in a metric key result%0Ahint: did you mean `target`?"
    )
    assert lines[-1] == "found 1 error in 1 file"


def test_github_property_escaping(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/a,b:c.yaml": "period: 2026-Q4\n"})
    code, out = cli("validate", "--format", "github")
    assert code == 1
    assert out.startswith("::error file=okrs/2026-Q4/a%2Cb%3Ac.yaml,line=1,col=1,")


def test_github_notes_the_annotation_limit(cli: Cli) -> None:
    files = {f"2026-Q4/t{n}.yaml": "- not a mapping\n" for n in range(GITHUB_ANNOTATION_LIMIT + 1)}
    write_files(cli.cwd / "okrs", files)
    code, out = cli("validate", "--format", "github")
    assert code == 1
    assert out.count("::error ") == GITHUB_ANNOTATION_LIMIT + 1
    assert out.splitlines()[-1].startswith("note: GitHub shows only 10 annotations")


def test_gitlab_code_quality_report(cli: Cli) -> None:
    two_errors = BROKEN.replace("    type: committed\n", "    type: committed\n    kolor: red\n")
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": two_errors})
    code, out = cli("validate", "--format", "gitlab")
    assert code == 1
    report = json.loads(out)
    assert [entry["location"] for entry in report] == [
        {"path": PLAT, "lines": {"begin": 9}},
        {"path": PLAT, "lines": {"begin": 15}},
    ]
    assert {entry["severity"] for entry in report} == {"major"}
    assert report[1]["check_name"] == "OKR021"
    fingerprints = [entry["fingerprint"] for entry in report]
    assert len(set(fingerprints)) == 2
    # moving the problem down a line keeps its fingerprint
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": "\n" + two_errors})
    _, moved = cli("validate", "--format", "gitlab")
    assert [entry["fingerprint"] for entry in json.loads(moved)] == fingerprints


def test_paths_limit_the_report_but_resolve_against_the_root(cli: Cli) -> None:
    company = (
        "period: 2026-Q4\nteam: company\nobjectives:\n  - id: ACME-1\n    title: Grow\n"
        "    key_results:\n      - {id: ACME-1.1, title: Up, start: 1, target: 1}\n"
    )
    platform = (
        "period: 2026-Q4\nteam: platform\nobjectives:\n  - id: PLAT-1\n    title: x\n"
        "    aligns_to: ACME-1\n    key_results:\n"
        "      - {id: PLAT-1.1, title: Up, start: 1, target: 2}\n"
    )
    write_files(
        cli.cwd / "okrs", {"2026-Q4/company.yaml": company, "2026-Q4/platform.yaml": platform}
    )
    code, out = cli("validate", PLAT)
    assert code == 0, out  # ACME-1 is found in company.yaml; its own error is not reported
    code, out = cli("validate", "okrs/2026-Q4/company.yaml", "-q")
    assert code == 1
    assert out.startswith("okrs/2026-Q4/company.yaml:7:53: error[OKR034]")


def test_folder_argument_checks_files_below_it(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": BROKEN, "2026-Q3/x.yaml": "a: [\n"})
    code, out = cli("validate", "okrs/2026-Q4", "-q")
    assert code == 1
    assert "2026-Q3" not in out
    assert BROKEN_AT in out


def test_missing_path_is_a_usage_error(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE})
    code, out = cli("validate", "okrs/2026-Q4/nope.yaml")
    assert code == 2
    assert out == ""


def test_no_root_is_a_usage_error(cli: Cli) -> None:
    code, _ = cli("validate")
    assert code == 2


def test_unknown_format_is_a_usage_error(cli: Cli) -> None:
    code, _ = cli("validate", "--format", "xml")
    assert code == 2


def test_root_from_option_and_environment(cli: Cli) -> None:
    write_files(cli.cwd / "goals", {"2026-Q4/platform.yaml": BROKEN})
    code, out = cli("validate", "--root", "goals", "-q")
    assert (code, out.splitlines()[0][:27]) == (1, "goals/2026-Q4/platform.yaml")
    code, out = cli("validate", "-q", env={"OKR_ROOT": "goals"})
    assert code == 1
    assert "goals/2026-Q4/platform.yaml:14:9" in out


def test_root_found_at_git_top_level_from_a_subfolder(cli: Cli, git_repo: Path) -> None:
    write_files(git_repo / "okrs", {"2026-Q4/platform.yaml": BROKEN})
    (git_repo / "src" / "deep").mkdir(parents=True)
    git(git_repo, "status")
    sub = Cli(cli.runner, git_repo / "src" / "deep")
    code, out = sub("validate", "-q")
    assert code == 1
    assert "../../okrs/2026-Q4/platform.yaml:14:9: error[OKR021]" in out


def test_no_color_means_no_escape_codes(cli: Cli) -> None:
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": BROKEN})
    _, out = cli("validate")
    assert "\x1b[" not in out


def test_force_color_colours_levels(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.delenv("CI", raising=False)
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": BROKEN})
    _, out = cli("validate", env={"FORCE_COLOR": "1"})
    assert "\x1b[1;31merror\x1b[0m[OKR021]" in out


def test_sample_copy_with_one_broken_file(cli: Cli) -> None:
    shutil.copytree(SAMPLE_ROOT, cli.cwd / "okrs")
    growth = cli.cwd / "okrs" / "2026-Q4" / "growth.yaml"
    growth.write_text(growth.read_text().replace("aligns_to: ACME-1.1", "aligns_to: ACME-11"))
    code, out = cli("validate", "-q")
    assert code == 1
    assert "okrs/2026-Q4/growth.yaml" in out
    assert "error[OKR032]" in out
    assert "did you mean `ACME-1.1`?" in out


def test_strict_makes_rule_warnings_fail(cli: Cli) -> None:
    text = GOOD_FILE.replace("title: Make deploys boringly reliable", "title: Reach 99 deploys")
    write_files(cli.cwd / "okrs", {"2026-Q4/platform.yaml": text})
    assert cli("validate", "-q") == (0, "")  # OKR105 is a warning: lint's business
    code, out = cli("validate", "-q", "--strict")
    assert code == 1
    assert out.startswith("okrs/2026-Q4/platform.yaml:7:12: error[OKR105]")
