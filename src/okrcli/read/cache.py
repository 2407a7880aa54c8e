"""A cache of data derived from files: plain JSON, keyed by the exact bytes it was derived
from and by the code that derived it.

What it trusts, and what it does not:

- **Data only.** An entry is JSON (lists, objects, strings, numbers): reading one runs
  no code, and what comes out is validated again (documents go through the models) or
  is plain data that a renderer prints. A corrupt, foreign, oversized or unreadable
  entry is a miss, never an error and never a result.
- **The key is what was read.** Each key is a SHA-256 over length-framed parts: the
  entry's namespace, a fingerprint of okrcli's own code and of the parser and model
  libraries (a changed file in an editable install, or another pydantic, misses), and
  the exact bytes the value was derived from. Framing with lengths means no two lists
  of parts hash alike.
- **Only your own folder.** The folder is created `0700`; a folder or entry that is
  not owned by you, is writable by group or others, or is a symbolic link is not used
  (all misses, nothing written). Someone who can write your cache folder could make
  okrcli report their data, so the cache lives where only you write: `$OKR_CACHE_DIR`,
  else `.git/okrcli-cache` of the repository, else the user cache folder that
  `platformdirs` names (`~/.cache/okrcli` or `$XDG_CACHE_HOME/okrcli` on Linux,
  `~/Library/Caches/okrcli` on macOS).
- Entries are written atomically (a temporary file in the folder, then rename); a
  temporary file is removed on any failure.

`--no-cache` or `OKR_NO_CACHE=1` turns it off. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

FORMAT = 1
MAX_ENTRY_BYTES = 16 * 1024 * 1024
"""An entry larger than this is not read (nothing okrcli writes comes close)."""
_LIBRARIES = ("pydantic", "pydantic_core", "yaml", "ruamel.yaml")

_enabled = os.environ.get("OKR_NO_CACHE", "") in ("", "0")
_folder: Path | None = None


def disable() -> None:
    global _enabled
    _enabled = False


def enabled() -> bool:
    return _enabled


# ---- keys -----------------------------------------------------------------------------


def key(namespace: str, parts: Iterable[bytes | str]) -> str:
    """The key of data derived from `parts` by this okrcli: a SHA-256 over the
    length-framed namespace, code fingerprint and parts."""
    digest = hashlib.sha256()
    for part in (namespace, fingerprint(), *parts):
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@cache
def fingerprint() -> str:
    """okrcli's version and code (every module's size and modification time) and where
    and which parser and model libraries are installed."""
    from okrcli import __version__

    package = Path(__file__).resolve().parent.parent
    facts = [__version__, *code_facts(package)]
    facts += [f"{library} {_library_origin(library)}" for library in _LIBRARIES]
    return hashlib.sha256("\n".join(facts).encode("utf-8", "surrogateescape")).hexdigest()


def code_facts(package: Path) -> list[str]:
    """Each Python module below `package`: its path, size and modification time."""
    facts = []
    for folder, _, names in sorted(os.walk(package)):
        facts += [_stat_line(Path(folder) / name) for name in sorted(names) if name.endswith(".py")]
    return facts


def _stat_line(file: Path) -> str:
    try:
        info = file.stat()
    except OSError:
        return f"{file} -"
    return f"{file} {info.st_size} {info.st_mtime_ns}"


def _library_origin(name: str) -> str:
    """Where the library's package is installed and when it was written, without
    importing it (`okr validate` of an unchanged root never loads pydantic)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return "-"
    origin = spec.origin if spec is not None else None
    return _stat_line(Path(origin)) if origin else "-"


# ---- the folder ---------------------------------------------------------------------


def folder_for(start: Path) -> Path | None:
    """Where entries for files below `start` live; None when no trusted folder exists
    or can be made (then nothing is cached)."""
    global _folder
    if _folder is not None:
        return _folder if _trusted_folder(_folder, create=True) else None
    base = _base_folder(start)
    folder = base / f"v{FORMAT}"
    if not _trusted_folder(folder, create=True):
        return None
    _folder = folder
    return folder


def _base_folder(start: Path) -> Path:
    from okrcli.read.root import git_top_level

    explicit = os.environ.get("OKR_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    top = git_top_level(start.absolute())
    if top is not None and (top / ".git").is_dir():
        return top / ".git" / "okrcli-cache"
    from platformdirs import user_cache_path

    return user_cache_path("okrcli", appauthor=False)


def _trusted_folder(folder: Path, *, create: bool) -> bool:
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return _trusted(folder.lstat(), directory=True)
    except OSError:
        return False


def _trusted(info: os.stat_result, *, directory: bool) -> bool:
    """Owned by this user, not writable by group or others, not a link."""
    kind_ok = stat.S_ISDIR(info.st_mode) if directory else stat.S_ISREG(info.st_mode)
    if not kind_ok:
        return False
    if not hasattr(os, "getuid"):
        return True  # no owners to compare (Windows): the folder's ACLs decide
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


# ---- entries ------------------------------------------------------------------------


def get(folder: Path | None, namespace: str, entry: str) -> Any:
    """The cached value, or None (missing, unreadable, foreign, corrupt or not ours)."""
    if folder is None:
        return None
    path = folder / namespace / entry[:2] / entry
    try:
        if not all(_trusted(p.lstat(), directory=True) for p in (path.parent.parent, path.parent)):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb") as stream:
            if not _trusted(os.fstat(stream.fileno()), directory=False):
                return None
            data = stream.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_ENTRY_BYTES:
        return None
    try:
        wrapper = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(wrapper, dict) or wrapper.get("format") != FORMAT:
        return None
    if wrapper.get("namespace") != namespace or wrapper.get("key") != entry:
        return None  # a copy of another entry: not what this key stands for
    return wrapper.get("value")


def put(folder: Path | None, namespace: str, entry: str, value: Any) -> None:
    """Store `value` (plain JSON data); a cache that cannot be written is simply not
    used."""
    if folder is None:
        return
    target = folder / namespace / entry[:2] / entry
    wrapper = {"format": FORMAT, "namespace": namespace, "key": entry, "value": value}
    try:
        text = json.dumps(wrapper, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return  # not plain data: a bug upstream, but never a reason to fail the command
    if len(text) > MAX_ENTRY_BYTES:
        return  # it would never be read
    try:
        for part in (target.parent.parent, target.parent):
            part.mkdir(mode=0o700, exist_ok=True)
            if not _trusted(part.lstat(), directory=True):
                return
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    except OSError:
        return
    stored = False
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(text)
        Path(temporary).replace(target)
        stored = True
    except OSError:
        pass
    finally:
        if not stored:
            Path(temporary).unlink(missing_ok=True)


def remove(folder: Path | None, namespace: str, entry: str) -> None:
    """Delete an entry that will not be needed again (a missing one is fine)."""
    if folder is None:
        return
    path = folder / namespace / entry[:2] / entry
    try:
        if all(_trusted(p.lstat(), directory=True) for p in (path.parent.parent, path.parent)):
            path.unlink(missing_ok=True)
    except OSError:
        return
