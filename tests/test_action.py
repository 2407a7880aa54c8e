"""The GitHub Action (action.yml): its inputs reach the script only through the
environment, and its script validates, annotates and writes the job summary, run here
with a fake GitHub environment on the demo repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from okrcli.edit.demo import build_demo
from tests.conftest import PROJECT_ROOT

ACTION = PROJECT_ROOT / "action.yml"
RUN = PROJECT_ROOT / "action" / "run.sh"


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe", pure=True).load(ACTION.read_text())
    return loaded


def test_inputs_reach_the_scripts_through_the_environment_only() -> None:
    spec = action()
    assert set(spec["inputs"]) == {
        "root", "version", "args", "fail-under", "summary", "since", "python-version",
    }  # fmt: skip
    steps = spec["runs"]["steps"]
    assert spec["runs"]["using"] == "composite"
    for step in steps:
        run = step.get("run", "")
        assert "${{" not in run, f"an expression spliced into shell code: {run}"
    install, validate = steps[1], steps[2]
    assert install["run"] == 'bash "$OKR_ACTION_PATH/action/install.sh"'
    assert validate["run"] == 'bash "$OKR_ACTION_PATH/action/run.sh"'
    wanted = {f"INPUT_{name.upper().replace('-', '_')}": name for name in spec["inputs"]}
    for step in (install, validate):
        for variable, value in step["env"].items():
            if variable.startswith("INPUT_"):
                assert value == f"${{{{ inputs.{wanted[variable]} }}}}", variable


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("action") / "repo"
    build_demo(target)
    return target


def run_action(repo: Path, tmp_path: Path, **inputs: str) -> tuple[int, str, str, str]:
    """action/run.sh as the runner starts it: inputs as INPUT_* variables, a step
    summary file; okr from this test run's environment."""
    summary = tmp_path / "step-summary.md"
    summary.write_text("")
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(repo),
        "OKR_ACTION_PATH": str(PROJECT_ROOT),
        "OKR_NO_CACHE": "1",
        "NO_COLOR": "1",
        **{f"INPUT_{name.upper()}": value for name, value in inputs.items()},
    }
    done = subprocess.run(
        ["bash", str(RUN)], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )
    return done.returncode, done.stdout, done.stderr, summary.read_text()


def test_a_valid_root_is_reported_to_the_job_summary(demo: Path, tmp_path: Path) -> None:
    code, out, err, summary = run_action(demo, tmp_path, root="okrs", summary="true")
    assert code == 0, err
    assert out.startswith("::group::okr validate\n")
    assert "::group::okr report\n" in out
    assert summary.startswith("# OKR report 2026-Q4\n")
    assert "## Teams" in summary


def test_changes_since_a_revision_and_extra_arguments(demo: Path, tmp_path: Path) -> None:
    code, _, err, summary = run_action(
        demo, tmp_path, root="okrs", since="HEAD~3", args="--team platform"
    )
    assert code == 0, err
    assert "## OKR changes: `HEAD~3`" in summary
    teams = summary.split("## Teams", 1)[1].split("\n## ", 1)[0]
    assert "| platform |" in teams and "| growth |" not in teams  # --team platform


def test_errors_become_annotations_and_no_report(demo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(demo / "okrs", broken / "okrs")
    plat = broken / "okrs" / "2026-Q4" / "platform.yaml"
    plat.write_text(plat.read_text().replace("target:", "taget:", 1))
    code, out, err, summary = run_action(broken, tmp_path, root="okrs")
    assert code == 1
    assert re.search(r"^::error file=okrs/2026-Q4/platform\.yaml,line=\d+,col=\d+", out, re.M), out
    assert "no report" in err
    assert summary == ""


def test_fail_under(demo: Path, tmp_path: Path) -> None:
    code, _, err, _ = run_action(demo, tmp_path, root="okrs", **{"fail_under": "0.99"})
    assert code == 1
    assert "is below --fail-under 0.99" in err


@pytest.mark.parametrize(
    "inputs",
    [
        {"args": "--team platform $(touch pwned) `touch pwned`"},
        {"since": "HEAD; touch pwned"},
        {"root": "okrs; touch pwned"},
    ],
)
def test_inputs_never_run_as_shell_code(demo: Path, tmp_path: Path, inputs: dict[str, str]) -> None:
    code, _, _, _ = run_action(demo, tmp_path, **{"root": "okrs", **inputs})
    assert code != 0  # okr refuses the odd argument as an argument
    assert not (demo / "pwned").exists()
    assert not (tmp_path / "pwned").exists()
