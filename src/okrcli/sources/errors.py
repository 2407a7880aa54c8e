"""The one error of a source that gave no number."""

from __future__ import annotations

from okrcli.base import codes
from okrcli.base.errors import ExitCode, OkrError


class SourceError(OkrError):
    """A source gave no number it could record: the message says why (unreachable,
    timed out, no row, several samples, not a number...), `code` which catalogue entry
    explains it."""

    def __init__(self, message: str, hint: str | None = None, *, code: str = "") -> None:
        super().__init__(message, hint, exit_code=ExitCode.FINDINGS)
        self.code = code or codes.SOURCE_FAILED
