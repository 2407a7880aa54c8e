"""What the `okr sync` tests share: a repository with key results that have sources, a
run of `okr sync` in it, and small HTTP servers on 127.0.0.1."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from okrcli.base import codes
from tests.conftest import GIT_ENV, Cli, git, init_repo

PLAT = "okrs/2026-Q4/platform.yaml"


def key_result(ident: str, source: str, *, kind: str = "", current: str | None = "10") -> str:
    """A key result's lines (metric from 0 to 100 unless `kind` says otherwise) with
    `source` (YAML lines, indented under `source:`)."""
    body = [f"      - id: {ident}", f"        title: Key result {ident}"]
    if kind == "maintain":
        body += ["        kind: maintain", "        max: 300"]
    elif kind == "judged":
        body += ["        kind: judged"]
    elif kind == "baseline":
        body += ["        kind: baseline"]
    else:
        body += ["        start: 0", "        target: 100"]
    if current is not None:
        body.append(f"        current: {current}   # the last check-in")
    body.append("        source:")
    body += [f"          {line}" for line in source.strip("\n").splitlines()]
    return "\n".join(body) + "\n"


def okr_file(*key_results: str) -> str:
    return (
        "# Platform OKRs: values synced from where they live\n"
        "period: 2026-Q4\n"
        "team: platform\n"
        "owner: dana\n"
        "objectives:\n"
        "  - id: PLAT-1\n"
        "    title: Make deploys boringly reliable\n"
        "    standalone: Reliability is our own bar this quarter.\n"
        "    key_results:\n" + "".join(key_results)
    )


@dataclass
class Repo:
    path: Path
    cli: Cli

    def write(self, relative: str, text: str | bytes) -> Path:
        file = self.path / relative
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            file.write_bytes(text)
        else:
            file.write_text(text, encoding="utf-8")
        return file

    def commit_all(self, message: str = "setup") -> None:
        git(self.path, "add", "-A")
        git(self.path, "commit", "-q", "-m", message)

    def sync(self, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        result = self.cli.run("sync", *args, env={**GIT_ENV, "CI": "true", **(env or {})})
        return result.exit_code, result.stdout, result.stderr

    def okr_text(self) -> str:
        return (self.path / PLAT).read_text(encoding="utf-8")

    def head(self) -> str:
        return git(self.path, "rev-parse", "HEAD").strip()

    def message(self) -> str:
        return git(self.path, "log", "-1", "--format=%B").strip()

    def diff(self) -> str:
        """The last commit's diff of the OKR file, its changed lines only."""
        out = git(self.path, "show", "--format=", "-U0", "HEAD", "--", PLAT)
        return "\n".join(
            line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
        )


def make_repo(base: Path, okr: str, files: Mapping[str, str | bytes] | None = None) -> Repo:
    path = init_repo(base / "repo")
    repo = Repo(path, Cli(CliRunner(), path))
    repo.write(PLAT, okr)
    for relative, text in (files or {}).items():
        repo.write(relative, text)
    repo.commit_all()
    return repo


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


Route = Callable[[http.server.BaseHTTPRequestHandler], None]


@contextmanager
def http_server(routes: dict[str, Route]) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 answering `routes` (path -> handler); yields
    its base URL and is shut down afterwards."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path.split("?", 1)[0])
            if route is None:
                self.send_error(404)
                return
            # The client may give up (a timeout test): nothing to answer then.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                route(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def answer(
    handler: http.server.BaseHTTPRequestHandler,
    body: bytes,
    status: int = 200,
    content_type: str = "application/json",
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


GOOD = key_result("PLAT-1.1", "file: data/good.json\nselect: value")
GOOD_FILES: dict[str, str | bytes] = {"data/good.json": '{"value": 42}\n'}


def source_line(repo: Repo, ident: str) -> int:
    """The line of `source:` under key result `ident`."""
    lines = repo.okr_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {ident}")
    return next(i for i in range(at, len(lines)) if lines[i].strip() == "source:") + 1


def assert_failed(
    repo: Repo,
    ident: str,
    out: str,
    said: str,
    code: str = codes.SOURCE_FAILED,
    hint: str | None = None,
) -> None:
    """`ident` failed at its `source:` line with `said` in the message."""
    where = f"{PLAT}:{source_line(repo, ident)}:9: error[{code}]: {ident}: "
    lines = out.splitlines()
    found = [at for at, line in enumerate(lines) if line.startswith(where)]
    assert found, f"no finding at {where}:\n{out}"
    assert said in lines[found[0]], lines[found[0]]
    # Every failure says how to fix it, on the line below.
    below = lines[found[0] + 1] if found[0] + 1 < len(lines) else ""
    assert below.startswith("  hint: ") and len(below) > 12, below
    if hint is not None:
        assert below == f"  hint: {hint}", below


def synced_good(repo: Repo) -> None:
    """PLAT-1.1 (the good file source) was written: the others did not stop it."""
    assert "current: 42   # the last check-in" in repo.okr_text()
