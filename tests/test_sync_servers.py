"""`okr sync` against real servers started here, on 127.0.0.1: PostgreSQL (the
distribution's `initdb` and `postgres`, a throwaway cluster) and Prometheus (the
distribution's server, scraping a tiny exporter this module serves). Each server starts
once per module. Locally a missing program skips these tests with the reason; in CI
(`OKR_SYSTEM_TESTS=required`) it fails them (tests/system_tools.py).

Each source: a value synced and committed (the exact diff and commit body), a second run
that changes nothing, its failures located at the `source:` line with exit 1 while the
other key result still syncs, and timeouts kept."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sync_helpers import (
    GOOD,
    GOOD_FILES,
    answer,
    assert_failed,
    free_port,
    http_server,
    key_result,
    make_repo,
    okr_file,
    synced_good,
)
from tests.system_tools import require_program

STARTUP = 60.0
"""Seconds a server may take to come up before the fixture gives up."""


def wait_for(ready: Callable[[], bool], what: str, process: subprocess.Popen[bytes]) -> None:
    """Poll `ready` until it holds; fail with the server's output when it never does."""
    end = time.monotonic() + STARTUP
    while time.monotonic() < end:
        if process.poll() is not None:
            break
        if ready():
            return
        time.sleep(0.2)
    process.kill()
    output = process.communicate(timeout=10)[0].decode("utf-8", "replace")[-2000:]
    pytest.fail(f"{what} did not come up within {STARTUP:g} s:\n{output}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# ---- PostgreSQL -----------------------------------------------------------------------


@dataclass(frozen=True)
class Postgres:
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://okr@127.0.0.1:{self.port}/metrics"


def _as_postgres(folder: Path) -> list[str]:
    """The prefix that runs a server program: PostgreSQL refuses to run as root, so
    where the tests are root (CI) it runs as the `postgres` user, owning `folder`."""
    if os.geteuid() != 0:
        return []
    shutil.chown(folder, "postgres", "postgres")
    return [require_program("runuser", package="util-linux"), "-u", "postgres", "--"]


@pytest.fixture(scope="module")
def postgres() -> Iterator[Postgres]:
    initdb = require_program(
        "initdb", package="postgresql", patterns=("/usr/lib/postgresql/*/bin/initdb",)
    )
    server = str(Path(initdb).resolve().parent / "postgres")
    # Not below pytest's temporary folder: that is private to root, and the server may
    # run as `postgres`.
    folder = Path(tempfile.mkdtemp(prefix="okr-pg-"))
    prefix = _as_postgres(folder)
    data, sockets = folder / "data", folder / "sockets"
    run = [*prefix, initdb, "-D", str(data), "-U", "okr", "--auth=trust", "-E", "UTF8"]
    subprocess.run([*run, "--no-sync"], check=True, capture_output=True, timeout=120)
    subprocess.run([*prefix, "mkdir", str(sockets)], check=True, timeout=10)
    port = free_port()
    options = ["-k", str(sockets), "-p", str(port), "-h", "127.0.0.1", "-c", "fsync=off"]
    process = subprocess.Popen(
        [*prefix, server, "-D", str(data), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: _accepts(port), "PostgreSQL", process)
        _load(port)
        yield Postgres(port)
    finally:
        stop(process)
        shutil.rmtree(folder, ignore_errors=True)


def _accepts(port: int) -> bool:
    import psycopg

    try:
        with psycopg.connect(
            host="127.0.0.1", port=port, user="okr", dbname="postgres", connect_timeout=2
        ):
            return True
    except psycopg.OperationalError:
        return False


def _load(port: int) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=port, user="okr", dbname="postgres", autocommit=True
    ) as connection:
        connection.execute("CREATE DATABASE metrics")
    with psycopg.connect(host="127.0.0.1", port=port, user="okr", dbname="metrics") as db:
        db.execute("CREATE TABLE signups (week text, n integer)")
        db.execute("INSERT INTO signups VALUES ('w1', 30), ('w2', 17)")


def _rows(postgres: Postgres) -> int:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=postgres.port, user="okr", dbname="metrics"
    ) as connection:
        row = connection.execute("SELECT count(*) FROM signups").fetchone()
    assert row is not None
    count: int = row[0]
    return count


def pg_source(query: str, extra: str = "") -> str:
    return f"sql: {query}\nurl_env: OKR_METRICS_URL\n{extra}".strip()


def test_postgres_value_synced_and_committed_then_nothing_to_do(
    tmp_path: Path, postgres: Postgres
) -> None:
    okr = okr_file(
        key_result("PLAT-1.1", pg_source("SELECT sum(n) FROM signups")),
        key_result("PLAT-1.2", pg_source("SELECT avg(n) / 100.0 FROM signups", "scale: 100")),
    )
    repo = make_repo(tmp_path, okr)
    env = {"OKR_METRICS_URL": postgres.url}
    code, out, err = repo.sync("--commit", env=env)
    assert code == 0, out + err
    assert repo.diff() == (
        "-        current: 10   # the last check-in\n"
        "+        current: 47   # the last check-in\n"
        "-        current: 10   # the last check-in\n"
        "+        current: 23.5 # the last check-in"
    )
    assert repo.message() == (
        "okr: sync 2 key results (2026-Q4)\n\n"
        "PLAT-1.1 10 -> 47 (sql: $OKR_METRICS_URL)\n"
        "PLAT-1.2 10 -> 23.5 (sql: $OKR_METRICS_URL)"
    )
    assert "okr@" not in repo.message()  # the URL itself is never written down
    head = repo.head()
    code, out, _ = repo.sync("--commit", env=env)
    assert code == 0
    assert "2026-Q4: 2 sources: 2 unchanged; nothing to write" in out
    assert repo.head() == head


POSTGRES_FAILURES = [
    ("SELECT n FROM signups", "", "the query returns several rows, not one"),
    ("SELECT 'NaN'::float8", "", "the value is NaN (not a number)"),
    ("SELECT week FROM signups LIMIT 1", "", "the value 'w1' is not a number"),
    ("SELECT n FROM nowhere", "", 'the database said: relation "nowhere" does not exist'),
    ("SELECT pg_sleep(5)", "timeout: 1", "timed out after 1 s"),
    (
        "WITH gone AS (DELETE FROM signups RETURNING 1) SELECT count(*) FROM gone",
        "",
        "the database said: cannot execute SELECT in a read-only transaction",
    ),
]


@pytest.mark.parametrize(
    ("query", "extra", "said"), POSTGRES_FAILURES, ids=[q for q, _, _ in POSTGRES_FAILURES]
)
def test_postgres_failures(
    tmp_path: Path, postgres: Postgres, query: str, extra: str, said: str
) -> None:
    bad = key_result("PLAT-1.2", pg_source(query, extra))
    repo = make_repo(tmp_path, okr_file(GOOD, bad), GOOD_FILES)
    started = time.monotonic()
    code, out, _ = repo.sync(env={"OKR_METRICS_URL": postgres.url})
    assert time.monotonic() - started < 15
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, f"sql source: {said}")
    assert "current: 10   # the last check-in" in repo.okr_text().split("- id: PLAT-1.2")[1]
    synced_good(repo)
    assert _rows(postgres) == 2  # a source only reads


def test_postgres_url_missing_unreachable_and_never_shown(
    tmp_path: Path, postgres: Postgres
) -> None:
    source = pg_source("SELECT 1")
    repo = make_repo(tmp_path, okr_file(GOOD, key_result("PLAT-1.2", source)), GOOD_FILES)
    code, out, _ = repo.sync()
    assert code == 1
    assert_failed(
        repo,
        "PLAT-1.2",
        out,
        "the environment variable OKR_METRICS_URL (the database URL) is not set",
        hint="set OKR_METRICS_URL where okr sync runs (in CI: a secret passed through `env:`)",
    )
    closed = f"postgresql+psycopg://okr:s3cret-pw@127.0.0.1:{free_port()}/metrics"
    code, out, _ = repo.sync(env={"OKR_METRICS_URL": closed})
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, "the database said: connection failed")
    assert "s3cret-pw" not in out
    code, out, _ = repo.sync(env={"OKR_METRICS_URL": "not a url"})
    assert_failed(repo, "PLAT-1.2", out, "OKR_METRICS_URL does not hold a database URL")


# ---- Prometheus ---------------------------------------------------------------------

EXPORTED = (
    b"# TYPE okr_success_ratio gauge\n"
    b"okr_success_ratio 0.9731\n"
    b"# TYPE okr_deploys gauge\n"
    b'okr_deploys{env="prod"} 97\n'
    b'okr_deploys{env="staging"} 12\n'
)


@pytest.fixture(scope="module")
def prometheus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Prometheus scraping an exporter served here every second; its URL once
    it answers a query with the exporter's sample."""
    program = require_program("prometheus", package="prometheus")
    folder = tmp_path_factory.mktemp("prometheus")
    routes = {"/metrics": lambda handler: answer(handler, EXPORTED, 200, "text/plain")}
    with http_server(routes) as exporter:
        target = urllib.parse.urlsplit(exporter).netloc
        config = folder / "prometheus.yml"
        config.write_text(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            "scrape_configs:\n  - job_name: okr\n    static_configs:\n"
            f"      - targets: ['{target}']\n",
            encoding="utf-8",
        )
        port = free_port()
        process = subprocess.Popen(
            [
                program,
                f"--config.file={config}",
                f"--storage.tsdb.path={folder / 'data'}",
                f"--web.listen-address=127.0.0.1:{port}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(lambda: _scraped(url), "Prometheus", process)
            yield url
        finally:
            stop(process)


def _scraped(url: str) -> bool:
    query = urllib.parse.urlencode({"query": "okr_success_ratio"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}/api/v1/query?{query}", timeout=2) as response:
            return b'"value"' in response.read()
    except OSError:
        return False


def prom_source(query: str, extra: str = "") -> str:
    return f"prometheus: '{query}'\nserver_env: OKR_PROMETHEUS_URL\n{extra}".strip()


def test_prometheus_value_synced_and_committed_then_nothing_to_do(
    tmp_path: Path, prometheus: str
) -> None:
    okr = okr_file(
        key_result("PLAT-1.1", prom_source("okr_success_ratio", "scale: 100")),
        key_result("PLAT-1.2", prom_source('sum(okr_deploys{env="prod"})'), kind="maintain"),
    )
    repo = make_repo(tmp_path, okr)
    env = {"OKR_PROMETHEUS_URL": prometheus}
    code, out, err = repo.sync("--commit", env=env)
    assert code == 0, out + err
    assert repo.diff() == (
        "-        current: 10   # the last check-in\n"
        "+        current: 97.31 # the last check-in\n"
        "-        current: 10   # the last check-in\n"
        "+        current: 97   # the last check-in"
    )
    assert repo.message() == (
        "okr: sync 2 key results (2026-Q4)\n\n"
        "PLAT-1.1 10 -> 97.31 (prometheus: $OKR_PROMETHEUS_URL)\n"
        "PLAT-1.2 10 -> 97 (prometheus: $OKR_PROMETHEUS_URL)"
    )
    head = repo.head()
    code, out, _ = repo.sync("--commit", env=env)
    assert code == 0
    assert "2 unchanged; nothing to write" in out and repo.head() == head


PROMETHEUS_FAILURES = [
    (
        "okr_deploys",
        'the query returns 2 samples, not one: {__name__="okr_deploys", env="prod", ',
        "aggregate them into one (`sum(...)`, `max(...)`) or select one by its labels",
    ),
    (
        "okr_no_such_metric",
        "the query returns no sample (0 series)",
        "check the metric name and labels in Prometheus' expression browser; the target "
        "may be down or the series not scraped yet",
    ),
    (
        "okr_success_ratio[1m]",
        "the query returns a range (matrix), not one sample",
        "query an instant vector: wrap the range in a function, e.g. `max_over_time(x[1h])` "
        "or `rate(x[5m])`",
    ),
    (
        "sum(okr_deploys",
        "the server answered 400 Bad Request: ",
        "request the URL by hand (with the same headers) to see what the server says",
    ),
]


@pytest.mark.parametrize(
    ("query", "said", "hint"), PROMETHEUS_FAILURES, ids=[q for q, _, _ in PROMETHEUS_FAILURES]
)
def test_prometheus_failures(
    tmp_path: Path, prometheus: str, query: str, said: str, hint: str
) -> None:
    bad = key_result("PLAT-1.2", prom_source(query))
    repo = make_repo(tmp_path, okr_file(GOOD, bad), GOOD_FILES)
    code, out, _ = repo.sync(env={"OKR_PROMETHEUS_URL": prometheus})
    assert code == 1
    assert_failed(repo, "PLAT-1.2", out, f"prometheus source: {said}", hint=hint)
    synced_good(repo)


def test_prometheus_server_in_the_file_and_unreachable(tmp_path: Path, prometheus: str) -> None:
    here = f"prometheus: okr_success_ratio\nserver: {prometheus}"
    gone = f"prometheus: okr_success_ratio\nserver: http://127.0.0.1:{free_port()}\ntimeout: 2"
    okr = okr_file(key_result("PLAT-1.1", here), key_result("PLAT-1.2", gone))
    repo = make_repo(tmp_path, okr)
    code, out, _ = repo.sync()
    assert code == 1
    assert f"PLAT-1.1 10 -> 0.9731 (prometheus: {prometheus})" in out
    assert_failed(
        repo,
        "PLAT-1.2",
        out,
        "prometheus source: cannot reach the server: [Errno 111] Connection refused",
        hint="check the URL, and that the server is up and reachable from where okr sync runs",
    )
