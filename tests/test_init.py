"""`okr init`: scaffolds a file that validates clean, and never overwrites."""

from __future__ import annotations

import datetime as dt

from okrcli.model.period import quarter_containing
from tests.conftest import Cli


def test_init_scaffolds_a_valid_file_for_the_current_quarter(cli: Cli) -> None:
    code, out = cli("init", "--team", "platform", "--owner", "dana")
    period = quarter_containing(dt.date.today())
    created = cli.cwd / "okrs" / str(period) / "platform.yaml"
    assert code == 0
    assert out.splitlines()[0] == f"created okrs/{period}/platform.yaml"
    text = created.read_text()
    assert "# yaml-language-server: $schema=../okr-file-v1.schema.json" in text
    assert (cli.cwd / "okrs" / "okr-file-v1.schema.json").is_file()
    assert cli("validate") == (
        0,
        "ok: 1 file valid: 1 period, 1 team, 1 objective, 3 key results\n",
    )


def test_init_with_period_and_root(cli: Cli) -> None:
    code, _ = cli("init", "--team", "growth", "--period", "2027-Q1", "--root", "goals")
    assert code == 0
    text = (cli.cwd / "goals" / "2027-Q1" / "growth.yaml").read_text()
    assert "due: 2027-03-31" in text
    assert "- id: GROW-1.1" in text
    assert cli("validate", "--root", "goals")[0] == 0


def test_init_never_overwrites(cli: Cli) -> None:
    assert cli("init", "--team", "web", "--period", "2026-Q4")[0] == 0
    target = cli.cwd / "okrs" / "2026-Q4" / "web.yaml"
    target.write_text("# mine\n")
    code, _ = cli("init", "--team", "web", "--period", "2026-Q4")
    assert code == 2
    assert target.read_text() == "# mine\n"


def test_init_refuses_bad_team_and_period(cli: Cli) -> None:
    assert cli("init", "--team", "Web Team")[0] == 2
    assert cli("init", "--team", "web", "--period", "Q4")[0] == 2
    assert not (cli.cwd / "okrs").exists()
