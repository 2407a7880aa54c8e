"""The one module that talks to git (the only importer of GitPython): OKR files at any
revision, read from git objects; the log; commits for check-ins and the demo.

Nothing here checks out, stashes or touches the working tree or index. Revisions are
resolved with one first-parent walk of the history; blobs are read through GitPython's
object database (one persistent `git cat-file --batch` process) and parsed once per
blob id.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrcli.base.errors import ExitCode, OkrError
from okrcli.base.findings import Finding
from okrcli.model.period import GREGORIAN, Calendar, Identity, Period
from okrcli.read.documents import Document, ReadFile, parse_document, shown_path
from okrcli.read.files import MAX_FILE_BYTES, is_okr_file, too_large

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

WORKING_TREE = "working tree"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
_FILE_MODES = ("100644", "100755")
"""Regular files in git; a committed symbolic link (120000) is never read as an OKR file."""

SAFE_CONFIG = (
    "core.fsmonitor=false",  # would run a program when the index is read
    "log.showSignature=false",  # would run gpg.program on `git log` and `git show`
)
"""Repository settings that start programs, turned off for every git command okrcli
runs to read history. `okr checkin --commit` commits through the same command, so
commit hooks and commit signing still behave as with `git commit`: that is the user's
own configuration at work on the user's own commit."""
SAFE_GIT = ("git", *(arg for setting in SAFE_CONFIG for arg in ("-c", setting)))


class HistoryError(OkrError):
    """A problem with the repository or a revision argument: a usage error (exit 2)."""


def _run_git(top: Path, args: Sequence[str], env: Mapping[str, str] | None = None) -> bytes:
    """`git ARGS` in `top` with the program-starting settings off (`SAFE_CONFIG`) and
    git's messages in English (as GitPython runs it: its words reach users in errors);
    its output, or HistoryError with what git said."""
    import os
    import subprocess

    environment = {**os.environ, **(env or {}), "LANGUAGE": "C", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            [*SAFE_GIT, *args], cwd=top, env=environment, stdin=subprocess.DEVNULL,
            capture_output=True, check=False,
        )  # fmt: skip
    except OSError as error:
        raise HistoryError(f"git could not run: {error.strerror or error}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        raise HistoryError(said or f"git {args[0]} failed") from None
    return done.stdout


def is_commit_id(text: object) -> bool:
    """Whether `text` is a full commit id (SHA-1 or SHA-256), as git prints them."""
    return isinstance(text, str) and _SHA.match(text) is not None


def _range(since: str | None) -> str:
    """HEAD's history, or only what came after `since` (a full commit id)."""
    if since is None:
        return "HEAD"
    if not is_commit_id(since):
        raise HistoryError(f"not a commit id: {since[:40]!r}")
    return f"{since}..HEAD"


def _work_tree_of(root: Path) -> Path:
    """The top folder of the git work tree holding `root` (git searches upwards)."""
    if not root.exists():
        raise HistoryError(_NOT_A_REPOSITORY.format(root=root))
    start = root.absolute() if root.is_dir() else root.absolute().parent
    try:
        top = _run_git(start, ["rev-parse", "--show-toplevel"])
    except HistoryError as error:
        said = error.message
        if "not a git repository" in said:
            raise HistoryError(_NOT_A_REPOSITORY.format(root=root)) from None
        if "work tree" in said:
            raise HistoryError("a bare repository has no OKR root to compare with") from None
        raise
    return _as_reached_from(root.absolute(), Path(top.decode("utf-8", "replace").strip()))


def _as_reached_from(root: Path, top: Path) -> Path:
    """`top` (git names it with links resolved) by the path `root` is reached by, so the
    files keep the paths the user gave (a root under a linked folder stays under it)."""
    if root.is_relative_to(top):
        return top
    inside = root.resolve().relative_to(top.resolve())
    reached = root
    for _ in inside.parts:
        reached = reached.parent
    return reached


_NOT_A_REPOSITORY = "{root} is not inside a git repository; history needs one (`git init`)"


@dataclass(frozen=True)
class Revision:
    """What a revision argument resolved to; `commit` None means the working tree."""

    label: str
    commit: str | None
    date: dt.datetime | None


@dataclass(frozen=True)
class InvalidFile:
    path: str
    revision: str
    finding: Finding


@dataclass
class Snapshot:
    revision: Revision
    documents: list[Document]
    invalid: list[InvalidFile] = field(default_factory=list)


@dataclass(frozen=True)
class _Commit:
    sha: str
    date: dt.datetime


CHECKIN_TRAILER = "Okr-Check-in"
"""The trailer of a commit that records a check-in which changed no value
(`Okr-Check-in: 2026-Q4/PLAT-1.1`): the file walk cannot see it, the trailer can."""
_TRAILER_LINE = re.compile(rf"^{CHECKIN_TRAILER}: (\S+)/(\S+)$", re.MULTILINE)


@dataclass(frozen=True)
class Authorship:
    """Who made a check-in and when, where it is back-filled (`--author`, `--date`);
    the committer stays whoever runs okr."""

    author: str | None = None
    """`Name <email>`."""
    when: dt.datetime | None = None


@dataclass(frozen=True)
class LogEntry:
    """A commit that touched the OKR root, with what a timeline shows of it."""

    sha: str
    date: dt.datetime
    """The author date: when the change was made (a back-filled check-in's day)."""
    author: str
    subject: str
    body: str
    parents: tuple[str, ...] = ()
    """Its parents among the commits that touched the OKR root (git's simplified
    history); none for the first."""

    @property
    def revision(self) -> Revision:
        return Revision(self.sha[:12], self.sha, self.date)


class History:
    """An OKR root inside a git work tree, readable at any revision."""

    def __init__(self, root: Path, calendar: Calendar = GREGORIAN) -> None:
        self.calendar = calendar
        """The root's calendar (okrcli.yaml), for fiscal period labels."""
        self.top = _work_tree_of(root)
        self.root = root.absolute()
        self.root_in_repo = self.root.relative_to(self.top.absolute()).as_posix()
        self._parsed: dict[str, tuple[Document | None, list[Finding]]] = {}
        self._logs: dict[
            tuple[bool, str | None], list[tuple[LogEntry, list[tuple[str, str | None]]]]
        ] = {}
        self.warnings: list[str] = []
        """What the reader must know about the history read: a shallow clone, dates out
        of range."""
        if self.shallow:
            self.warnings.append(self._shallow_warning())

    # ---- the repository ------------------------------------------------------------

    @cached_property
    def shallow(self) -> bool:
        return self._git("rev-parse", "--is-shallow-repository").strip() == "true"

    @cached_property
    def first_parent(self) -> list[_Commit]:
        """HEAD's first-parent history, newest first: the one walk every date uses."""
        if not self._has_head():
            return []
        out = self._git("log", "--no-show-signature", "--first-parent", "--format=%H %ct", "HEAD")
        commits = []
        for line in out.splitlines():
            sha, _, stamp = line.partition(" ")
            if _SHA.match(sha):
                commits.append(_Commit(sha, self._when(stamp, sha)))
        return commits

    def walk(
        self,
        mentioning: set[str] | None = None,
        *,
        first_parent: bool = False,
        since: str | None = None,
    ) -> Iterator[tuple[LogEntry, list[Document]]]:
        """Every commit that changed the OKR root, parents before children, with the OKR
        files it changed (against its first parent), as it left them. Commits of merged
        branches are walked too, so a change is credited to the commit that made it, as
        `git blame` credits it; `first_parent` walks only the line of HEAD's first
        parents (what landed, and when).

        One `git log --raw` gives each commit's changed blobs, so no commit costs a
        process of its own. With `mentioning`, a changed file is parsed only when its
        bytes contain one of those ids: following one key result through a thousand
        commits reads the few files that can hold it. With `since` (a commit HEAD descends
        from), only the commits after it."""
        needles = [ident.encode() for ident in mentioning] if mentioning is not None else None
        for entry, changes in self._raw_log(first_parent, since):
            documents = []
            for path, blob in changes:
                if blob is None or not self._is_okr_file(path):
                    continue
                # Not kept: each version is walked once, and keeping every parsed version
                # made memory grow with the history (370 MiB at 1,000 commits).
                document, _ = self._parse(blob, path, needles, keep=False)
                if document is not None:
                    documents.append(document)
            yield entry, documents

    def walk_entries(
        self, *, first_parent: bool = False, since: str | None = None
    ) -> list[LogEntry]:
        """The commits `walk` goes through, in its order, without reading their files
        (the same `git log`, run once)."""
        return [entry for entry, _ in self._raw_log(first_parent, since)]

    def line_since(self, since: str) -> list[str] | None:
        """The commits after `since` up to HEAD, oldest first, when they form one line
        from it (each the only child of the one before: no merge, `since` an ancestor of
        HEAD); None otherwise. What may be read on from a state cached at `since`."""
        try:
            out = self._git("rev-list", "--reverse", "--parents", f"{since}..HEAD")
        except HistoryError:
            return None
        line: list[str] = []
        before = since
        for row in out.splitlines():
            sha, *parents = row.split()
            if parents != [before]:
                return None
            line.append(sha)
            before = sha
        if not line and self.head_commit() != since:
            return None  # HEAD was moved back (or elsewhere): nothing after `since` is HEAD's
        return line

    @cached_property
    def commit_order(self) -> dict[str, int]:
        """Every commit of HEAD's history by its place, parents first (topological)."""
        if not self._has_head():
            return {}
        out = self._git("rev-list", "--topo-order", "--reverse", "HEAD")
        return {sha: at for at, sha in enumerate(out.split())}

    def noted_checkins(self, since: str | None = None) -> list[tuple[Identity, LogEntry]]:
        """The commits (oldest first) that record a check-in which changed no value,
        with the key result each names in its `Okr-Check-in:` trailer (with `since`,
        only those after it)."""
        if not self._has_head():
            return []
        out = self._git(
            "log", "--no-show-signature", "--reverse", f"--grep=^{CHECKIN_TRAILER}: ",
            "--format=%x00%H%x00%at%x00%an%x00%s%x00%b", _range(since),
        )  # fmt: skip
        found = []
        fields = out.split("\0")
        for at in range(1, len(fields) - 4, 5):
            sha, stamp, author, subject, body = fields[at : at + 5]
            sha = sha.strip()
            if not _SHA.match(sha):
                break
            for label, ident in _TRAILER_LINE.findall(body):
                period = Period.parse(label, self.calendar)
                if period is not None:
                    entry = LogEntry(sha, self._when(stamp, sha), author, subject, body.strip())
                    found.append(((period, ident), entry))
        return found

    def _raw_log(
        self, first_parent: bool = False, since: str | None = None
    ) -> list[tuple[LogEntry, list[tuple[str, str | None]]]]:
        """Each commit that touched the root, parents before children, with its changed
        paths and blobs (a merge's against its first parent) and its parents in git's
        simplified history of the root (a merge that took one side whole is left out:
        the side's commits made the changes). Fields are separated by NUL, the one byte
        that can be in no author name, message or path, and their count is checked."""
        if (first_parent, since) in self._logs:
            return self._logs[first_parent, since]
        if not self._has_head():
            return []
        order = ["--first-parent"] if first_parent else ["--topo-order", "--parents"]
        out = self._git(
            "log", "--no-show-signature", *order, "--diff-merges=first-parent",
            "--reverse", "--raw", "--no-abbrev", "--no-renames", "-z",
            "--format=%x00%H%x00%P%x00%at%x00%an%x00%s%x00%b%x00", _range(since), "--",
            self.root_in_repo or ".",
        )  # fmt: skip
        self._logs[first_parent, since] = [
            (
                LogEntry(sha, self._when(stamp, sha), author, subject, body.strip(), parents),
                changes,
            )
            for sha, parents, stamp, author, subject, body, changes in _log_records(out)
        ]
        return self._logs[first_parent, since]

    def _when(self, stamp: str, sha: str) -> dt.datetime:
        """A commit's date; one out of Python's range (after 9999, before year 1) is
        clamped to the range's end, with a warning."""
        try:
            return dt.datetime.fromtimestamp(int(stamp), dt.UTC)
        except (ValueError, OverflowError, OSError):
            late = stamp.strip().lstrip("+").isdigit()
            edge = dt.datetime.max if late else dt.datetime.min
            shown = stamp.strip()[:24]
            note = f"commit {sha[:12]} has a date out of range ({shown}); read as {edge.date()}"
            if note not in self.warnings:
                self.warnings.append(note)
            return edge.replace(tzinfo=dt.UTC)

    def _is_okr_file(self, path: str) -> bool:
        prefix = f"{self.root_in_repo}/" if self.root_in_repo not in ("", ".") else ""
        return path.startswith(prefix) and is_okr_file(path[len(prefix) :].split("/"))

    def _snapshot_of(self, revision: Revision, files: dict[str, str]) -> Snapshot:
        documents: list[Document] = []
        invalid: list[InvalidFile] = []
        for path, blob in sorted(files.items()):
            document, findings = self._parse(blob, path)
            if document is not None:
                documents.append(document)
            elif findings:
                invalid.append(
                    InvalidFile(document_path(findings, path), revision.label, findings[0])
                )
        return Snapshot(revision, documents, invalid)

    def head_commit(self) -> str | None:
        """The commit HEAD names; None in a repository with no commit yet."""
        try:
            return self._git("rev-parse", "--verify", "--quiet", "HEAD^{commit}").strip()
        except HistoryError:
            return None

    def _has_head(self) -> bool:
        return self.head_commit() is not None

    def _git(self, *args: str, env: Mapping[str, str] | None = None) -> str:
        """Run git with the repository's program-starting settings turned off (see
        `SAFE_CONFIG`), with `env` added to the environment; output decoded as UTF-8,
        anything else replaced."""
        out = self._git_bytes(*args, env=env)
        return out.decode("utf-8", "replace")

    def _git_bytes(
        self, *args: str, env: Mapping[str, str] | None = None, whole: bool = False
    ) -> bytes:
        """`_git`'s output as bytes; `whole` keeps a final newline (a blob's)."""
        out = _run_git(self.top, args, env)
        return out if whole or not out.endswith(b"\n") else out[:-1]

    @cached_property
    def _objects(self) -> Any:
        """GitPython's object database (one `git cat-file --batch` process for every blob
        read), opened on the first blob: commands that read no old file never import
        GitPython (a third of the hook's and a warm status's start-up)."""
        import git

        return git.Repo(self.top).odb

    # ---- revisions -----------------------------------------------------------------

    def resolve(self, argument: str | None) -> Revision:
        """A git revision, a day `YYYY-MM-DD`, a period `YYYY-Qn`, or None: the working
        tree. Arguments are checked before they reach git."""
        if argument is None:
            return Revision(WORKING_TREE, None, None)
        if argument.startswith("-"):
            raise HistoryError(f"revision {argument!r} starts with '-'; refused")
        period = Period.parse(argument, self.calendar)
        if period is not None:
            return self._on_or_before(period.end, argument, f"the end of {argument}")
        if _DATE.match(argument):
            try:
                day = dt.date.fromisoformat(argument)
            except ValueError:
                raise HistoryError(f"{argument!r} is not a real date") from None
            return self._on_or_before(day, argument, argument)
        try:
            sha = self._git("rev-parse", "--verify", "--quiet", f"{argument}^{{commit}}").strip()
        except HistoryError:
            raise HistoryError(f"unknown revision {argument!r}{self._shallow_note()}") from None
        stamp = self._git("show", "--no-show-signature", "-s", "--format=%ct", sha).strip()
        return Revision(argument, sha, self._when(stamp, sha))

    def _on_or_before(self, day: dt.date, label: str, what: str) -> Revision:
        end = dt.datetime.combine(day, dt.time.max, dt.UTC)
        for commit in self.first_parent:
            if commit.date <= end:
                return Revision(label, commit.sha, commit.date)
        raise HistoryError(f"no commit on or before {what}{self._shallow_note()}")

    def _shallow_warning(self) -> str:
        count = self._git("rev-list", "--count", "HEAD").strip() if self._has_head() else "0"
        commits = "1 commit" if count == "1" else f"{count} commits"
        return (
            f"shallow clone: the history stops after {commits}; check-ins, staleness and "
            "forecasts are unknown. Fetch the full history: `git fetch --unshallow`, or "
            "`fetch-depth: 0` in actions/checkout"
        )

    def _shallow_note(self) -> str:
        if self.shallow:
            return (
                " (this is a shallow clone: fetch the full history, e.g. `fetch-depth: 0` "
                "in actions/checkout)"
            )
        return ""

    # ---- reading files -------------------------------------------------------------

    def snapshot(self, revision: Revision) -> Snapshot:
        if revision.commit is None:
            return self._working_tree(revision)
        files = {path: blob for blob, path in self._okr_blobs(revision.commit)}
        return self._snapshot_of(revision, files)

    def changed_snapshots(self, before: Revision, after: Revision) -> tuple[Snapshot, Snapshot]:
        """Both sides, holding only the files whose content differs between them: a diff
        of a pull request touching two files parses four files, not the whole root."""
        old, new = self._files_at(before), self._files_at(after)
        differing = {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}
        return (
            self._partial(before, {p: old[p] for p in differing if p in old}),
            self._partial(after, {p: new[p] for p in differing if p in new}),
        )

    def _files_at(self, revision: Revision) -> dict[str, str]:
        """Path in the repository -> git blob id, at a commit or in the working tree."""
        if revision.commit is not None:
            return {path: blob for blob, path in self._okr_blobs(revision.commit)}
        from okrcli.read.files import discover, read_bounded

        files = discover(self.root)[0] if self.root.is_dir() else []
        found = {}
        for file in files:
            raw = read_bounded(file, self.root)
            found[self._relative(file)] = _blob_id(raw) if isinstance(raw, bytes) else "-"
        return found

    def _partial(self, revision: Revision, files: dict[str, str]) -> Snapshot:
        if revision.commit is not None:
            return self._snapshot_of(revision, files)
        return self._from_disk(revision, [self.top / path for path in sorted(files)])

    def _working_tree(self, revision: Revision) -> Snapshot:
        from okrcli.read.files import discover

        files, unsafe = discover(self.root) if self.root.is_dir() else ([], [])
        return self._from_disk(revision, files, unsafe)

    def _from_disk(
        self, revision: Revision, files: list[Path], unsafe: list[Finding] | None = None
    ) -> Snapshot:
        from okrcli.read.documents import load_files

        loaded = load_files(files, self.root, self.calendar)
        invalid = [
            InvalidFile(f.location.path, revision.label, f)
            for f in _first_per_file([*(unsafe or []), *loaded.findings])
        ]
        return Snapshot(revision, loaded.documents, invalid)

    def files_at(self, commit: str) -> tuple[list[ReadFile], ReadFile | None]:
        """The OKR files and the configuration file as they were at `commit`, read from
        git objects (each no larger than the size cap), for validating the past."""
        from okrcli.read.config import CONFIG_FILENAME

        files = [self._read_blob(blob, path) for blob, path in self._okr_blobs(commit)]
        config_path = f"{self.root_in_repo}/{CONFIG_FILENAME}".lstrip("./")
        listing = self._git("ls-tree", "-z", "--full-tree", commit, "--", config_path)
        config = None
        for entry in filter(None, listing.split("\0")):
            meta, path = entry.split("\t", 1)
            mode, kind, blob = meta.split()
            if kind == "blob" and mode in _FILE_MODES:
                config = self._read_blob(blob, path)
        return files, config

    def _read_blob(self, blob: str, path: str) -> ReadFile:
        file = self.top / path
        shown = shown_path(file)
        stream = self._objects.stream(bytes.fromhex(blob))
        if stream.size > MAX_FILE_BYTES:
            return ReadFile(file, shown, too_large(shown, stream.size))
        return ReadFile(file, shown, stream.read(MAX_FILE_BYTES + 1))

    def _okr_blobs(self, commit: str) -> list[tuple[str, str]]:
        """(blob id, path in repo) of `<root>/<folder>/<name>.yaml` files at `commit`."""
        listing = self._git("ls-tree", "-r", "-z", "--full-tree", commit, "--", self.root_in_repo)
        found = []
        for entry in filter(None, listing.split("\0")):
            meta, path = entry.split("\t", 1)
            mode, kind, blob = meta.split()
            if kind == "blob" and mode in _FILE_MODES and self._is_okr_file(path):
                found.append((blob, path))
        return found

    def _parse(
        self, blob: str, path: str, needles: list[bytes] | None = None, *, keep: bool = True
    ) -> tuple[Document | None, list[Finding]]:
        cached = self._parsed.get(blob + path)
        if cached is None:
            file = self.top / path
            shown = shown_path(file)
            stream = self._objects.stream(bytes.fromhex(blob))
            if stream.size > MAX_FILE_BYTES:  # never read more than the cap
                return None, [too_large(shown, stream.size)]
            raw = stream.read(MAX_FILE_BYTES + 1)
            if needles is not None and not any(needle in raw for needle in needles):
                return None, []  # cannot hold what the caller looks for
            cached = parse_document(raw, file, shown, self.calendar)
            if keep:
                self._parsed[blob + path] = cached
        return cached

    # ---- committing a check-in -------------------------------------------------------

    def check_can_commit(self, file: Path) -> None:
        """Everything that would stop `git commit` of `file`, checked before any edit."""
        import os

        relative = self._relative(file)
        for role in ("AUTHOR", "COMMITTER"):
            for what, key in (("NAME", "user.name"), ("EMAIL", "user.email")):
                if not (os.environ.get(f"GIT_{role}_{what}") or self._config(key)):
                    raise HistoryError(
                        f"no git identity ({key} is not set); set it with "
                        f"`git config user.name ...` and `git config user.email ...`",
                        exit_code=ExitCode.FINDINGS,
                    )
        try:
            self._git("symbolic-ref", "-q", "HEAD")
        except HistoryError:
            raise HistoryError(
                "HEAD is detached; check out a branch to commit", exit_code=ExitCode.FINDINGS
            ) from None
        lock = Path(self._git("rev-parse", "--git-path", "index.lock").strip())
        if (lock if lock.is_absolute() else self.top / lock).exists():
            raise HistoryError(
                f"{lock} exists: another git process is running (or crashed); "
                "remove the lock when it is done",
                exit_code=ExitCode.FINDINGS,
            )
        if self._git("ls-files", "-u", "--", relative).strip():
            raise HistoryError(
                f"{relative} has unresolved merge conflicts", exit_code=ExitCode.FINDINGS
            )

    def commit_file(
        self, file: Path, subject: str, body: str | None, by: Authorship | None = None
    ) -> str:
        """Commit exactly `file` through the git command line (hooks, attributes and
        signing behave as with `git commit`); other staged changes stay staged."""
        return self.commit_files([file], subject, body, by)

    def commit_files(
        self,
        files: list[Path],
        subject: str,
        body: str | None,
        by: Authorship | None = None,
    ) -> str:
        """Commit exactly `files` (new ones are added), as `commit_file` does one; no
        files makes an empty commit (a check-in that changed nothing, with its note)."""
        relative = [self._relative(file) for file in files]
        for path in relative:
            try:
                self._git("ls-files", "--error-unmatch", "--", path)
            except HistoryError:
                self._git("add", "--", path)
        empty = [] if relative else ["--allow-empty"]
        self._commit(["--only", *empty, "--", *relative], subject, body, by)
        return self._git("rev-parse", "HEAD").strip()

    def _commit(
        self,
        paths: list[str],
        subject: str,
        body: str | None,
        by: Authorship | None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        message = ["-m", subject, *(["-m", body] if body else [])]
        author = ["--author", by.author] if by is not None and by.author else []
        dated = {"GIT_AUTHOR_DATE": by.when.isoformat()} if by is not None and by.when else {}
        try:
            self._git("commit", *message, *author, *paths, env={**(env or {}), **dated})
        except HistoryError as error:
            raise HistoryError(error.message, exit_code=ExitCode.FINDINGS) from None

    def versions(self, file: Path) -> tuple[bytes | None, bytes | None]:
        """`file` as HEAD has it and as the index has it (None where it is not there)."""
        path = self._relative(file)
        return self._blob(f"HEAD:{path}"), self._blob(f":{path}")

    def _blob(self, spec: str) -> bytes | None:
        try:
            return self._git_bytes("cat-file", "blob", spec, whole=True)
        except HistoryError:
            return None

    def commit_content(
        self, file: Path, data: bytes, subject: str, body: str | None, by: Authorship | None
    ) -> str:
        """Commit `data` as `file` on top of HEAD, and nothing else: through a temporary
        index, so the working tree and the real index are left as they are (hooks and
        signing behave as with `git commit`)."""
        import tempfile

        path = self._relative(file)
        mode = self._mode(path)
        git_dir = Path(self._git("rev-parse", "--absolute-git-dir").strip())
        with tempfile.TemporaryDirectory(dir=git_dir, prefix="okr-") as folder:
            blob = self._write_blob(data, Path(folder))
            index = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            self._git("read-tree", "HEAD", env=index)
            self._git("update-index", "--cacheinfo", f"{mode},{blob},{path}", env=index)
            self._commit([], subject, body, by, env=index)
        return self._git("rev-parse", "HEAD").strip()

    def stage_content(self, file: Path, data: bytes) -> None:
        """Put `data` into the index as `file` (its staged version)."""
        import tempfile

        path = self._relative(file)
        git_dir = Path(self._git("rev-parse", "--absolute-git-dir").strip())
        with tempfile.TemporaryDirectory(dir=git_dir, prefix="okr-") as folder:
            blob = self._write_blob(data, Path(folder))
        self._git("update-index", "--cacheinfo", f"{self._mode(path)},{blob},{path}")

    def _write_blob(self, data: bytes, folder: Path) -> str:
        """Store `data` as a blob, byte for byte (no filters: it is the repository's
        form already), and return its id."""
        staged = folder / "blob"
        staged.write_bytes(data)
        return self._git("hash-object", "-w", "--no-filters", "--", str(staged)).strip()

    def _mode(self, path: str) -> str:
        listed = self._git("ls-tree", "HEAD", "--", path).split()
        return listed[0] if listed and listed[0] in _FILE_MODES else "100644"

    def check_can_tag(self, name: str) -> None:
        """The tag `name` can be made: a plain name, not taken (checked before edits)."""
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]*", name):
            raise HistoryError(f"{name!r} is not a tag name okr makes")
        try:
            self._git("rev-parse", "-q", "--verify", f"refs/tags/{name}")
        except HistoryError:
            return
        raise HistoryError(
            f"tag {name} exists already",
            f"delete it first (`git tag -d {name}`) if it tags an earlier close",
            exit_code=ExitCode.FINDINGS,
        )

    def tag(self, name: str, message: str) -> None:
        """An annotated tag on HEAD; refused if it exists."""
        self.check_can_tag(name)
        try:
            self._git("tag", "-a", name, "-m", message)
        except HistoryError as error:
            raise HistoryError(error.message, exit_code=ExitCode.FINDINGS) from None

    def _config(self, key: str) -> str:
        try:
            return self._git("config", "--get", key).strip()
        except HistoryError:
            return ""

    def _relative(self, file: Path) -> str:
        return file.absolute().relative_to(self.top.absolute()).as_posix()

    # ---- introductions ---------------------------------------------------------------

    def introduced(
        self, keys: Iterable[Identity], since: Revision, until: Revision
    ) -> dict[Identity, Revision]:
        """For each (period, id), the first commit after `since` (up to `until`,
        first-parent) whose files hold it; those not committed yet map to the working
        tree."""
        wanted = set(keys)
        found: dict[Identity, Revision] = {}
        if not wanted:
            return found
        window = {c.sha for c in self._between(since, until)}
        for entry, documents in self.walk({ident for _, ident in wanted}, first_parent=True):
            if entry.sha not in window:
                continue
            present = {key for d in documents for key in keys_of(d)}
            for key in wanted & present:
                found.setdefault(key, entry.revision)
            wanted -= present
            if not wanted:
                break
        for key in wanted:
            found[key] = Revision(WORKING_TREE, None, dt.datetime.now(dt.UTC))
        return found

    def _between(self, since: Revision, until: Revision) -> list[_Commit]:
        """First-parent commits after `since` up to `until` (newest first)."""
        commits = self.first_parent
        if until.commit is not None:
            shas = [c.sha for c in commits]
            commits = commits[shas.index(until.commit) :] if until.commit in shas else []
        if since.commit is not None:
            shas = [c.sha for c in commits]
            commits = commits[: shas.index(since.commit)] if since.commit in shas else commits
        return commits


def keys_of(document: Document) -> set[Identity]:
    """The (period, id) of every objective and key result of a document."""
    period = document.okr.period
    return {(period, o.id) for o in document.okr.objectives} | {
        (period, kr.id) for o in document.okr.objectives for kr in o.key_results
    }


def document_path(findings: list[Finding], fallback: str) -> str:
    return findings[0].location.path if findings else fallback


def _first_per_file(findings: list[Finding]) -> list[Finding]:
    seen: dict[str, Finding] = {}
    for finding in findings:
        seen.setdefault(finding.location.path, finding)
    return list(seen.values())


def init_repository(path: Path) -> None:
    """`git init` a new repository on branch main (for `okr demo`)."""
    import git

    git.Repo.init(path, initial_branch="main")


def commit_all(top: Path, message: str, when: dt.datetime, author: tuple[str, str]) -> None:
    """Stage everything under `top` and commit it as `author`, dated `when` (for `okr
    demo`: a history with real authors and dates, whatever the user's git identity)."""
    import git

    repo = git.Repo(top)
    env = _identity(when, author)
    repo.git.execute(["git", "add", "--all"], env=env)
    repo.git.execute(["git", "commit", "--quiet", "--no-verify", "-m", message], env=env)


def tag_head(
    top: Path, name: str, message: str, when: dt.datetime, author: tuple[str, str]
) -> None:
    """An annotated tag on HEAD by `author`, dated `when` (for `okr demo`)."""
    import git

    git.Repo(top).git.execute(
        ["git", "tag", "-a", name, "-m", message], env=_identity(when, author)
    )


def _identity(when: dt.datetime, author: tuple[str, str]) -> dict[str, str]:
    import os

    stamp = when.isoformat()
    name, email = author
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }


_Record = tuple[str, tuple[str, ...], str, str, str, str, list[tuple[str, str | None]]]


def _log_records(out: str) -> list[_Record]:
    """`git log -z --raw` with `--format=%x00%H%x00%P%x00%at%x00%an%x00%s%x00%b%x00`:
    per commit an empty field, sha, parents, date, author, subject, body, git's
    separator, then (`:meta`, path) pairs. A record that does not have this shape stops
    the reading (nothing after it is guessed at)."""
    tokens = out.split("\0")
    records: list[_Record] = []
    at = 0
    while (
        at + 6 < len(tokens)
        and tokens[at] == ""
        and _SHA.match(tokens[at + 1])
        and all(_SHA.match(parent) for parent in tokens[at + 2].split())
    ):
        sha, parents, stamp, author, subject, body = tokens[at + 1 : at + 7]
        at += 7
        if at + 1 < len(tokens) and tokens[at] == "" and _is_meta(tokens[at + 1]):
            at += 1  # git's separator between the message and the changes
        changes: list[tuple[str, str | None]] = []
        while at + 1 < len(tokens) and _is_meta(tokens[at]):
            change = _change(tokens[at], tokens[at + 1])
            if change is not None:
                changes.append(change)
            at += 2
        records.append((sha, tuple(parents.split()), stamp, author, subject, body, changes))
    return records


def _is_meta(token: str) -> bool:
    return token.lstrip("\n").startswith(":")


def _change(meta: str, path: str) -> tuple[str, str | None] | None:
    """(path, new blob, or None when deleted) from one `--raw` entry."""
    parts = meta.strip().lstrip(":").split()
    if len(parts) != 5 or not _SHA.match(parts[3]):
        return None
    if parts[4].startswith("D") or parts[1] not in _FILE_MODES:
        return path, None  # deleted, or no longer a regular file
    return path, parts[3]


def _blob_id(data: bytes) -> str:
    """The id git gives these bytes as a blob (`git hash-object`), without asking git."""
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
