"""The one error type for expected failures, and the documented exit codes.

Core code raises `OkrError` for anything the user can fix (an unknown id, a revision that
does not exist, a file that changed while it was edited); the CLI turns it into
`okr: error: MESSAGE` and `  hint: HINT` on stderr and its exit code, in one place
(`okrcli.cli.errors`). Anything else that escapes is a bug: exit 3.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrcli.base.findings import Finding


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    """Findings at level error, a refused edit, or `--fail-under` not met."""
    USAGE = 2
    """A usage error: unknown option, id or revision; no OKR root."""
    INTERNAL = 3
    """A bug in okrcli."""


class OkrError(Exception):
    """An expected failure: what went wrong, how to fix it, and the exit code.

    `findings` are the located problems behind it (an edit that would make a file
    invalid, files that do not validate); the CLI prints them after the message."""

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        exit_code: ExitCode = ExitCode.USAGE,
        findings: Sequence[Finding] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code
        self.findings = tuple(findings)
