"""The package as a user installs it: build the sdist and the wheel, install the wheel
into a fresh virtual environment outside the source tree, and run okr from there."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from okrcli import __version__
from tests.conftest import PROJECT_ROOT

SCHEMA = PROJECT_ROOT / "schema" / "okr-file-v1.schema.json"


def run(*args: str | Path, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OKR_ROOT", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=timeout, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = run(sys.executable, "-m", "build", "--outdir", out, PROJECT_ROOT, cwd=out)
    assert built.returncode == 0, built.stdout + built.stderr
    return out


@pytest.mark.slow
def test_the_wheel_holds_the_sample_the_schema_and_the_references(dist: Path) -> None:
    (wheel,) = dist.glob("okrcli-*.whl")
    (sdist,) = dist.glob("okrcli-*.tar.gz")
    assert wheel.name.startswith(f"okrcli-{__version__}-") and sdist.stat().st_size > 0
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "okrcli/sample/2026-Q4/platform.yaml",
        "okrcli/sample/2026-Q3/company.yaml",
        "okrcli/schema/okr-file-v1.schema.json",
        "okrcli/docs/errors.md",
        "okrcli/docs/rules.md",
        "okrcli/cli/app.py",
        "okrcli/render/templates/report.html.j2",
        "okrcli/render/templates/report.css",
        "okrcli/render/templates/report.js",
    } <= names


@pytest.mark.slow
def test_the_installed_wheel_runs_outside_the_source_tree(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("okrcli-*.whl")
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    installed = run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    okr = venv / "bin" / "okr"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert run(okr, "--version", cwd=elsewhere).stdout == f"okr {__version__}\n"
    assert "validate" in run(okr, "--help", cwd=elsewhere).stdout
    demo = run(okr, "demo", "okr-demo", cwd=elsewhere)
    assert demo.returncode == 0, demo.stderr
    validated = run(okr, "validate", cwd=elsewhere / "okr-demo")
    assert (validated.returncode, validated.stdout) == (
        0,
        "ok: 8 files valid: 2 periods, 4 teams, 21 objectives, 63 key results\n",
    )
    assert run(okr, "schema", cwd=elsewhere).stdout == SCHEMA.read_text()
    # The HTML report's template, style sheet and script come from the wheel.
    page = run(okr, "report", "--format", "html", "-o", "r.html", cwd=elsewhere / "okr-demo")
    assert page.returncode == 0, page.stderr
    html = (elsewhere / "okr-demo" / "r.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "</script>" in html
