"""What a source runs with: the repository it reads, the environment it takes URLs and
secrets from, whether commands may run, and when it must be done."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from okrcli.model.sources import ENV_REFERENCE
from okrcli.sources.errors import SourceError


@dataclass(frozen=True)
class Context:
    top: Path
    """The repository's top folder: relative paths in sources start here."""
    commands_refused: tuple[str, str] | None = ("command sources are off", "")
    """Why `command:` sources may not run (message, hint); None where they may: the
    repository enables them (okrcli.yaml `sync: {commands: true}`) and whoever runs
    `okr sync` allows them (`--allow-commands`)."""
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))


def repository_top(root: Path) -> Path:
    """The git work tree that holds the OKR root (the folder with `.git`), else the
    folder the OKR root is in."""
    from okrcli.read.root import git_top_level

    root = root.absolute()
    return git_top_level(root) or root.parent


class Deadline:
    """When a source must be done: `left()` seconds remain (SourceError once none do)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise self.expired()
        return remaining

    def expired(self) -> SourceError:
        return SourceError(
            f"timed out after {self.seconds:g} s",
            "raise `timeout:` (seconds, at most 300) if the source is slow but working",
        )


def environment_value(context: Context, name: str, what: str) -> str:
    """The value of the environment variable `name` (a URL, a token); SourceError when
    it is not set."""
    value = context.environ.get(name)
    if not value:
        raise SourceError(
            f"the environment variable {name} ({what}) is not set",
            f"set {name} where okr sync runs (in CI: a secret passed through `env:`)",
        )
    return value


def substituted(context: Context, text: str, what: str) -> str:
    """`text` with each `${NAME}` replaced by that environment variable; SourceError
    where a value holds a control character (a secret saved with its line break):
    the request would fail with a message that quotes the value."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        found = environment_value(context, name, what)
        if _CONTROL.search(found):
            raise SourceError(
                f"the environment variable {name} ({what}) holds a line break or another "
                "control character; nothing was sent",
                f"set {name} to the value alone (a secret is often saved with a trailing "
                "line break)",
            )
        return found

    return ENV_REFERENCE.sub(value, text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def inside(context: Context, relative: str) -> Path:
    """`relative` below the repository's top; SourceError where it leads out (a link
    included)."""
    path = context.top / relative
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise SourceError(
            f"{relative} does not exist (relative to {context.top})",
            "give the path from the repository's top folder, and commit the file",
        ) from None
    if not resolved.is_relative_to(context.top.resolve()):
        raise SourceError(
            f"{relative} leads out of the repository; not read",
            "a source reads files inside the repository only: copy the file in",
        )
    return path
