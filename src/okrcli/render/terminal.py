"""Where tables go: a rich console that renders into a string, so that every view,
tables included, is a function from a result to text."""

from __future__ import annotations

import io
import os
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


@dataclass(frozen=True)
class Terminal:
    """How text output looks: with or without colour."""

    color: bool = False

    @classmethod
    def detect(cls) -> Terminal:
        return cls(color=use_color())

    def render(self, draw: Callable[[Console], None]) -> str:
        """What `draw` prints on a console like this terminal's, as text. User text is
        never parsed as rich markup. Width: the terminal's, or COLUMNS."""
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            color_system="auto" if self.color else None,
            force_terminal=self.color or None,
            no_color=not self.color,
            markup=False,
            emoji=False,
            highlight=False,
        )
        draw(console)
        return buffer.getvalue()
