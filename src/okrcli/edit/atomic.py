"""The one way okrcli writes a file: a temporary file in the same folder, fsync, then
rename over the target (or link, for a new file), so that a reader never sees half a
file; the file's mode is kept, a file that changed since it was read is not
overwritten, and a new file never replaces one that exists."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from okrcli.base.errors import ExitCode, OkrError


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(file: Path, text: str, expected_hash: str) -> None:
    """Replace `file` with `text` unless its content no longer hashes to `expected_hash`."""
    mode = file.stat().st_mode & 0o7777
    temporary = _temporary_copy(file, text, mode)
    try:
        if content_hash(file.read_bytes()) != expected_hash:
            raise OkrError(
                f"{file.parent.name}/{file.name} changed while okr was editing it; "
                "nothing written, try again",
                exit_code=ExitCode.FINDINGS,
            )
        temporary.replace(file)
    finally:
        temporary.unlink(missing_ok=True)


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
