"""A cache of parsed OKR files, keyed by the file's content and okrcli's version.

Never stale by construction: the key is a hash of the bytes and the version, so a
changed file or a new okrcli misses the cache. (Configuration only steers the rules,
which always run; it does not change a parse, so it is not part of the key.) Entries
are written atomically (temporary file, rename), so processes running at once never
see half an entry; an entry that cannot be read is ignored and rewritten.

Where: `$OKR_CACHE_DIR`; else `.git/okrcli-cache` of the repository the files are in;
else the user cache folder that `platformdirs` names for the platform (`~/.cache/okrcli`
or `$XDG_CACHE_HOME/okrcli` on Linux, `~/Library/Caches/okrcli` on macOS). `--no-cache`
or `OKR_NO_CACHE=1` bypasses it.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

_ALLOWED = {
    "okrcli.model.okr_file": None,  # any model class
    "okrcli.model.kinds.metric": None,
    "okrcli.model.kinds.milestone": None,
    "okrcli.model.kinds.checklist": None,
    "okrcli.model.kinds.maintain": None,
    "okrcli.model.kinds.baseline": None,
    "okrcli.model.period": {"Period"},
    "okrcli.read.positions": {"Marks"},
    "okrcli.read.documents": {"Directive"},
    "okrcli.base.findings": {"Finding", "Location", "Level"},
    "okrcli.check.validation": {"Counts"},
    "datetime": {"date", "datetime", "timezone", "timedelta"},
    "builtins": {"frozenset", "set"},
}

_enabled = os.environ.get("OKR_NO_CACHE", "") in ("", "0")
_folder: Path | None = None


def disable() -> None:
    global _enabled
    _enabled = False


def enabled() -> bool:
    return _enabled


def folder_for(start: Path) -> Path:
    """Where entries for files below `start` live."""
    global _folder
    if _folder is not None:
        return _folder
    from okrcli import __version__
    from okrcli.read.root import git_top_level

    explicit = os.environ.get("OKR_CACHE_DIR", "").strip()
    if explicit:
        base = Path(explicit)
    else:
        top = git_top_level(start.absolute())
        if top is not None and (top / ".git").is_dir():
            base = top / ".git" / "okrcli-cache"
        else:
            from platformdirs import user_cache_path

            base = user_cache_path("okrcli", appauthor=False)
    _folder = base / f"v{__version__}"
    return _folder


def key(raw: bytes) -> str:
    from okrcli import __version__

    return hashlib.sha256(__version__.encode() + b"\0" + raw).hexdigest()


def get(folder: Path, entry: str) -> Any:
    """The cached value, or None (missing, unreadable, or not ours)."""
    try:
        data = (folder / entry[:2] / entry).read_bytes()
        return _Unpickler(io.BytesIO(data)).load()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None


def put(folder: Path, entry: str, value: Any) -> None:
    """Store `value`; a cache that cannot be written is simply not used."""
    target = folder / entry[:2] / entry
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temporary).replace(target)
    except OSError:
        return


class _Unpickler(pickle.Unpickler):
    """Only okrcli's own data types: a cache file cannot make okr run anything."""

    def find_class(self, module: str, name: str) -> Any:
        allowed = _ALLOWED.get(module, set())
        if module in _ALLOWED and (allowed is None or name in allowed):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the okrcli cache")
