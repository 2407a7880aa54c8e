"""Where tables go: a rich console that renders into a string, so that every view,
tables included, is a function from a result to text."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def use_color(stream: object | None = None) -> bool:
    """Colour only for a terminal, and never with NO_COLOR set or in CI logs."""
    if os.environ.get("NO_COLOR") or os.environ.get("CI"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream or sys.stdout, "isatty", None)
    return bool(isatty and isatty())


DEFAULT_WIDTH = 80
"""The width of output that does not go to a terminal (a pipe, a file, a CI log)."""


def output_width(stream: object | None = None) -> int:
    """`COLUMNS` when set; else the terminal's width when `stream` (stdout) is one; else
    80. Only stdout itself counts: output piped or saved from a wide terminal is the
    same as from any other, whatever stdin and stderr are."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    fileno = getattr(stream, "fileno", None)
    if isatty and fileno and isatty():
        try:
            return os.get_terminal_size(fileno()).columns or DEFAULT_WIDTH
        except (OSError, ValueError):
            pass
    return DEFAULT_WIDTH


# Spaces at the end of a line, before any colour codes that close it.
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


@dataclass(frozen=True)
class Terminal:
    """How text output looks: its width, with or without colour."""

    color: bool = False
    width: int = DEFAULT_WIDTH

    @classmethod
    def detect(cls) -> Terminal:
        return cls(color=use_color(), width=output_width())

    def render(self, draw: Callable[[Console], None]) -> str:
        """What `draw` prints on a console of this width, as text without trailing
        spaces. User text is never parsed as rich markup."""
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            width=self.width,
            color_system="auto" if self.color else None,
            force_terminal=self.color or None,
            no_color=not self.color,
            markup=False,
            emoji=False,
            highlight=False,
        )
        draw(console)
        return _TRAILING.sub(r"\1", buffer.getvalue())
