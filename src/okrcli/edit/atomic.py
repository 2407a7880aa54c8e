"""The one way okrcli writes a file: a temporary file in the same folder, fsync, then
rename over the target (or link, for a new file), so that a reader never sees half a
file; the file's mode is kept, a file that changed since it was read is not
overwritten, and a new file never replaces one that exists.

Edits of existing files are serialised per OKR root by `edit_lock`: one okr at a time
reads, edits, validates and writes (and commits), and the others wait for it."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from okrcli.base.errors import ExitCode, OkrError

LOCK_TIMEOUT = 60.0
"""Seconds an edit waits for another okr editing the same root before it gives up."""
LOCK_POLL = 0.05
"""Seconds between two attempts to take the lock."""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def edit_lock(root: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive edit lock of the OKR root `root` for the `with` block.

    The lock is `fcntl.flock` on the root folder itself, opened read-only: no lock file
    is created in the user's repository, and a lock dies with its process (a crashed
    okr never leaves a stale one). Taking it is attempted every `LOCK_POLL` seconds
    until `timeout` has passed, then it is an `OkrError` (exit 1) saying that another
    okr is editing. The lock is not reentrant: a second `edit_lock` of the same root
    in the same process waits for the first like any other.

    Where there is no `fcntl` (Windows), or the file system does not support `flock`
    (some network file systems), nothing is locked: edits behave as before the lock
    existed, and the content-hash check of `write_atomically` is the only defence
    against a lost update (a refused edit, never a silently lost one).
    """
    if importlib.util.find_spec("fcntl") is None:  # not POSIX: no lock, see above
        yield
        return
    import fcntl

    try:
        descriptor = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as error:
        raise OkrError(
            f"cannot open the OKR root {root} to lock it: {error.strerror}",
            exit_code=ExitCode.FINDINGS,
        ) from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OkrError(
                        f"another okr is editing {root}; gave up waiting after "
                        f"{timeout:g} s, nothing written",
                        "try again when it is done",
                        exit_code=ExitCode.FINDINGS,
                    ) from None
                time.sleep(LOCK_POLL)
            except OSError:  # flock unsupported here (EBADF, ENOLCK, EOPNOTSUPP...)
                break
        yield  # closing the descriptor below releases the lock
    finally:
        os.close(descriptor)


def write_atomically(file: Path, text: str, expected_hash: str) -> None:
    """Replace `file` with `text` unless its content no longer hashes to `expected_hash`.

    `file` is a regular file: a symbolic link is refused, never replaced by a file (the
    caller resolves links it means to follow). Under `edit_lock` no other okr can change
    the file between the check and the rename; the check still catches other writers."""
    label = f"{file.parent.name}/{file.name}"
    if file.is_symlink():
        raise OkrError(f"{label} is a symbolic link; nothing written", exit_code=ExitCode.FINDINGS)
    try:
        mode = file.stat().st_mode & 0o7777
        temporary = _temporary_copy(file, text, mode)
    except FileNotFoundError:
        raise _changed(label) from None
    except OSError as error:
        raise _unwritable(label, error) from None
    try:
        if content_hash(file.read_bytes()) != expected_hash:
            raise _changed(label)
        temporary.replace(file)
    except FileNotFoundError:
        raise _changed(label) from None
    except OSError as error:
        raise _unwritable(label, error) from None
    finally:
        temporary.unlink(missing_ok=True)


def _changed(label: str) -> OkrError:
    return OkrError(
        f"{label} changed while okr was editing it; nothing written, try again",
        exit_code=ExitCode.FINDINGS,
    )


def _unwritable(label: str, error: OSError) -> OkrError:
    return OkrError(
        f"cannot write {label}: {error.strerror}; nothing written", exit_code=ExitCode.FINDINGS
    )


def write_replacing(file: Path, text: str) -> None:
    """Write `file` whole, replacing what is there: a reader sees the old file or the
    new one, never half of either (a report a browser or a web server reads while CI
    writes it). A symbolic link is refused, never followed: CI writes into a checkout
    whose links a pull request chose, and a link would send the page anywhere the job
    can write. OkrError (exit 2) if it cannot be written."""
    if file.is_symlink():
        raise OkrError(
            f"{file} is a symbolic link; nothing written",
            "give the path of a regular file (okr never writes through a link)",
        )
    try:
        mode = file.stat().st_mode & 0o7777 if file.exists() else 0o666 & ~_umask()
        temporary = _temporary_copy(file, text, mode)
    except OSError as error:
        raise _not_written(file, error) from None
    try:
        temporary.replace(file)  # a link put there meanwhile is replaced, not followed
    except OSError as error:
        raise _not_written(file, error) from None
    finally:
        temporary.unlink(missing_ok=True)


def _not_written(file: Path, error: OSError) -> OkrError:
    return OkrError(
        f"cannot write {file}: {error.strerror or error}",
        "give a file in a folder that exists and that you can write to",
    )


def write_new(file: Path, text: str) -> None:
    """Create `file` with `text`, never replacing an existing file (OkrError if one is
    there)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_copy(file, text, 0o666 & ~_umask())
    try:
        os.link(temporary, file)  # fails if the file exists: no overwrite, no race
    except FileExistsError:
        raise OkrError(f"{file} exists already; okr never overwrites a file") from None
    finally:
        temporary.unlink(missing_ok=True)


def _temporary_copy(file: Path, text: str, mode: int) -> Path:
    """`text` in a synced temporary file beside `file`, with `mode`; removed on failure."""
    handle, name = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        temporary.chmod(mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
