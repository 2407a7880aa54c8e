"""`validate_root`: load an OKR root, run the checks, and return what was found.

The library call behind `okr validate` (and behind every command that reads files).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.findings import Finding, Level, sorted_findings
from okrcli.load import Document, discover, display_path, load_files

if TYPE_CHECKING:
    from okrcli.configmodel import Config


@dataclass
class Validation:
    root: Path | None
    files: list[str]
    documents: list[Document]
    config: Config
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.level is Level.ERROR for f in self.findings)


def validate_root(root: Path | None, paths: list[Path] | None = None) -> Validation:
    """Validate all of `root`, or only `paths` while resolving references against the root.

    Files given in `paths` that lie outside the root are validated too.
    """
    from okrcli.checks import check_all
    from okrcli.config import CONFIG_FILENAME, load_config
    from okrcli.rules import run_rules

    loaded_config = load_config(root)
    root_files = discover(root) if root is not None else []
    selected = [p.absolute() for p in paths] if paths is not None else None
    known = {f.absolute() for f in root_files}
    if root is not None:
        known.add((root / CONFIG_FILENAME).absolute())  # checked as configuration, above
    extra = [p for p in selected or [] if p not in known]
    loaded = load_files(root_files + extra)
    findings = loaded_config.findings + loaded.findings + check_all(loaded.documents)
    findings += run_rules(loaded.documents, minimum=Level.ERROR)
    files = loaded.files
    if selected is not None:
        shown = {display_path(p) for p in selected}
        findings = [f for f in findings if f.location.path in shown]
        files = [f for f in files if f in shown]
    documents = loaded.documents
    return Validation(root, files, documents, loaded_config.config, sorted_findings(findings))
