"""The optional configuration file at the OKR root: `<root>/okrcli.yaml`.

Validated like the OKR files, with located findings. Every setting has a default, so
a root without the file behaves exactly as documented in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.findings import Finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from okrcli.configmodel import Config
    from okrcli.source import Marks

CONFIG_FILENAME = "okrcli.yaml"


@dataclass
class LoadedConfig:
    config: Config
    findings: list[Finding] = field(default_factory=list)


def load_config(root: Path | None) -> LoadedConfig:
    """The root's configuration, or the defaults (with findings when the file is broken)."""
    from okrcli.configmodel import Config

    file = root / CONFIG_FILENAME if root is not None else None
    if file is None or not file.is_file():
        return LoadedConfig(Config())
    from pydantic import ValidationError

    from okrcli.load import display_path, read_limited
    from okrcli.modelerrors import findings_from_validation_error
    from okrcli.yamlread import read_yaml

    shown = display_path(file)
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
    return LoadedConfig(config, list(_unknown_rules(config, read.document.marks, shown)))


def _unknown_rules(config: Config, marks: Marks, shown: str) -> Iterator[Finding]:
    """Levels set for rules that do not exist: likely a typo that silently does nothing."""
    import difflib

    from okrcli import codes
    from okrcli.findings import Level, Location
    from okrcli.rules import default_registry

    registry = default_registry()
    known = [name for rule in registry.rules() for name in (rule.code, rule.name)]
    for key in config.lint.rules:
        if registry.get(key) is not None:
            continue
        line, col = marks.key(("lint", "rules", key))
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "`okr lint --list-rules` lists them"
        message = f"unknown rule `{key}` in `lint.rules`"
        yield Finding(Location(shown, line, col), Level.ERROR, codes.UNKNOWN_RULE, message, hint)
