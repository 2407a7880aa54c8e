"""The optional configuration file at the OKR root: `<root>/okrcli.yaml`.

Validated like the OKR files, with located findings. Every setting has a default, so
a root without the file behaves exactly as documented in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base.findings import Finding

if TYPE_CHECKING:
    from okrcli.model.config import Config
    from okrcli.read.positions import Marks

CONFIG_FILENAME = "okrcli.yaml"


@dataclass
class LoadedConfig:
    config: Config
    findings: list[Finding] = field(default_factory=list)
    marks: Marks | None = None
    """Where each setting is in the file (None without a file), for checks made later."""
    path: str | None = None


def load_config(root: Path | None) -> LoadedConfig:
    """The root's configuration, or the defaults (with findings when the file is broken)."""
    from okrcli.model.config import Config

    file = root / CONFIG_FILENAME if root is not None else None
    if file is None or not file.is_file():
        return LoadedConfig(Config())
    from pydantic import ValidationError

    from okrcli.read.documents import read_limited, shown_path
    from okrcli.read.model_errors import findings_from_validation_error
    from okrcli.read.reader import read_yaml

    shown = shown_path(file)
    raw_or_findings = read_limited(file, shown)
    if isinstance(raw_or_findings, list):
        return LoadedConfig(Config(), raw_or_findings)
    read = read_yaml(raw_or_findings, shown)
    if read.document is None:
        return LoadedConfig(Config(), read.findings)
    try:
        config = Config.model_validate(read.document.data)
    except ValidationError as error:
        findings = findings_from_validation_error(error, read.document, shown, Config)
        return LoadedConfig(Config(), findings)
    return LoadedConfig(config, [], read.document.marks, shown)
