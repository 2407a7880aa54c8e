"""New OKR files (`okr plan`, `okr import`) checked before any is written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base.errors import ExitCode, OkrError

if TYPE_CHECKING:
    from okrcli.base.findings import Finding


def check_new_files(root: Path, files: Sequence[tuple[Path, str]], what: str) -> list[Finding]:
    """Validate `files` (path, text), not written yet, with the rest of the root (their
    `carried_from`, their alignment, their ids): any error refuses them all (OkrError
    naming `what`). The practice rules' findings in them are returned: what the team
    has to fill in."""
    from okrcli.base.findings import Level
    from okrcli.check.validation import RootFiles, gather, validate_gathered
    from okrcli.read.documents import ReadFile
    from okrcli.read.files import shown_path

    gathered = gather(root)
    extra = [ReadFile(file, shown_path(file), text.encode("utf-8")) for file, text in files]
    new = {file for file, _ in files}
    kept = [f for f in gathered.files if f.file not in new]
    checked = validate_gathered(
        RootFiles(root, kept + extra, gathered.discovery, gathered.config, None),
        minimum=Level.INFO,
    )
    shown = {item.shown for item in extra}
    findings = [f for f in checked.findings if f.location.path in shown]
    errors = [f for f in findings if f.level is Level.ERROR]
    if errors:
        raise OkrError(
            f"the {what} files would not validate; nothing written",
            exit_code=ExitCode.FINDINGS,
            findings=errors,
        )
    return findings
