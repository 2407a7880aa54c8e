"""Which files are OKR files, and reading them without trusting the file system.

The files come from pull requests: a file named `*.yaml` may be a link to a secret, a
FIFO that never ends, a device, or larger than any OKR file. okrcli reads only regular
files inside the OKR root (links are followed only when they stay inside it), never
more than the size cap plus one byte, and reports everything else as a located
finding instead of failing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from okrcli.base import codes
from okrcli.base.findings import Finding, Level, Location

YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 1024 * 1024


def is_okr_file(parts: Sequence[str]) -> bool:
    """Whether a path below the OKR root (its parts) names an OKR file:
    `<period>/<team>.yaml` (or `.yml`), in a folder that is not hidden (`.drafts/`)."""
    return (
        len(parts) == 2
        and not parts[0].startswith(".")
        and parts[1].endswith(YAML_SUFFIXES)
        and parts[1] not in YAML_SUFFIXES
    )


def shown_path(file: Path) -> str:
    """The path findings and documents carry: absolute, so that renderers can show it
    relative to wherever the user is. Bytes that are not UTF-8 in a file name are shown
    as `\\xNN`, so that no output ever holds an unprintable name."""
    text = str(file.absolute())
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _finding(file: Path, code: str, message: str, hint: str) -> Finding:
    return Finding(Location(shown_path(file)), Level.ERROR, code, message, hint)


def discover(root: Path) -> tuple[list[Path], list[Finding]]:
    """The OKR files below `root`, sorted for stable output, and a finding for each
    place that looks like one but cannot be read safely."""
    boundary = root.resolve()
    files: list[Path] = []
    findings: list[Finding] = []
    for folder in _entries(root, findings):
        if folder.name.startswith("."):
            continue
        if not folder.is_dir():
            if _is_yaml(folder) and folder.name not in CONFIG_NAMES:
                findings.append(misplaced(folder, root))
            continue
        if _bad_name(folder, findings) or not _inside(folder, boundary, findings):
            continue
        for child in _entries(folder, findings):
            if child.is_dir() and not child.name.startswith("."):
                findings.extend(misplaced(deeper, root) for deeper in _yaml_below(child))
                continue
            if not is_okr_file((folder.name, child.name)) or _bad_name(child, findings):
                continue
            problem = _unsafe(child, boundary)
            if problem is None:
                files.append(child)
            else:
                findings.append(problem)
    return sorted(files), findings


CONFIG_NAMES = ("okrcli.yaml", "okrcli.yml")
"""The configuration beside the period folders: not an OKR file."""


def _is_yaml(path: Path) -> bool:
    return path.name.endswith(YAML_SUFFIXES) and not path.name.startswith(".")


def _yaml_below(folder: Path) -> list[Path]:
    """YAML files anywhere below `folder` (hidden files and folders skipped)."""
    found: list[Path] = []
    for current, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(Path(current) / name for name in sorted(names) if _is_yaml(Path(name)))
    return found


def misplaced(file: Path, root: Path) -> Finding:
    """A YAML file below the OKR root that is not at `<period>/<team>.yaml`: never read,
    so a whole team would vanish from every view without a word."""
    relative = file.relative_to(root)
    parts = relative.parts
    if len(parts) == 1:
        hint = f"move it into its period's folder, e.g. {root.name}/2026-Q4/{file.name}"
    else:
        joined = "-".join(parts[:-1])
        hint = f"move it to {root.name}/{joined}/{file.name}, one folder per period"
    return _finding(
        file,
        codes.MISPLACED_FILE,
        "this YAML file is not read: OKR files live at <root>/<period>/<team>.yaml",
        hint,
    )


def _entries(folder: Path, findings: list[Finding]) -> list[Path]:
    try:
        with os.scandir(folder) as scan:
            return sorted(Path(entry.path) for entry in scan)
    except OSError as problem:
        reason = problem.strerror or "cannot be read"
        findings.append(
            _finding(
                folder,
                codes.UNREADABLE,
                f"cannot read folder: {reason}",
                "check that the folder exists and that you may read it",
            )
        )
        return []


def _bad_name(path: Path, findings: list[Finding]) -> bool:
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        findings.append(
            _finding(
                path,
                codes.BAD_FILE_NAME,
                "the name is not valid UTF-8",
                "rename it: OKR files are named `<period>/<team>.yaml` in plain letters",
            )
        )
        return True
    return False


def _inside(path: Path, boundary: Path, findings: list[Finding]) -> bool:
    """Whether `path` (a folder below the root, perhaps a link) stays inside it."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return True  # gone or a loop: reading it will say so
    if target.is_relative_to(boundary):
        return True
    findings.append(_outside(path))
    return False


def _outside(path: Path) -> Finding:
    return _finding(
        path,
        codes.OUTSIDE_ROOT,
        "a symbolic link that leads outside the OKR root; not read",
        "OKR files live inside the OKR root: replace the link with the file itself",
    )


def _unsafe(file: Path, boundary: Path | None) -> Finding | None:
    """Why `file` must not be read (a link out of the root, not a regular file), or None."""
    try:
        info = file.lstat()
        if stat.S_ISLNK(info.st_mode):
            target = file.resolve(strict=True)
            if boundary is not None and not target.is_relative_to(boundary):
                return _outside(file)
            info = target.stat()
    except (OSError, RuntimeError) as problem:
        reason = getattr(problem, "strerror", None) or "a broken or looping link"
        return _finding(
            file,
            codes.UNREADABLE,
            f"cannot read file: {reason}",
            "check that the file exists and that you may read it",
        )
    if not stat.S_ISREG(info.st_mode):
        return _not_regular(file, info.st_mode)
    return None


def _not_regular(file: Path, mode: int) -> Finding:
    kind = (
        "a folder"
        if stat.S_ISDIR(mode)
        else "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
    )
    return _finding(
        file,
        codes.NOT_A_FILE,
        f"{kind}, not a regular file; not read",
        "OKR files are plain files: remove it or rename it so it does not end in .yaml",
    )


def read_bounded(file: Path, root: Path | None = None) -> bytes | Finding:
    """The bytes of `file`, or the finding that says why not: a link that leaves `root`,
    not a regular file, unreadable, or larger than `MAX_FILE_BYTES` (never more than one
    byte beyond the cap is read)."""
    boundary = root.resolve() if root is not None else None
    lexically_inside = root is not None and file.absolute().is_relative_to(root.absolute())
    problem = _unsafe(file, boundary if lexically_inside else None)
    if problem is not None:
        return problem
    if boundary is not None and lexically_inside and not _resolves_inside(file, boundary):
        return _outside(file)
    try:
        handle = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):  # swapped since it was looked at
                return _not_regular(file, info.st_mode)
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        return _finding(
            file,
            codes.UNREADABLE,
            f"cannot read file: {reason}",
            "check that the file exists and that you may read it",
        )
    if len(data) > MAX_FILE_BYTES:
        return too_large(shown_path(file), max(info.st_size, len(data)))
    return data


def _resolves_inside(file: Path, boundary: Path) -> bool:
    try:
        return file.resolve(strict=True).is_relative_to(boundary)
    except (OSError, RuntimeError):
        return True  # reading reports it


def too_large(shown: str, size: int) -> Finding:
    return Finding(
        Location(shown),
        Level.ERROR,
        codes.TOO_LARGE,
        f"file is {size:,} bytes; okrcli reads files up to {MAX_FILE_BYTES:,} bytes",
        "split the file: one file per team and period keeps them small",
    )
