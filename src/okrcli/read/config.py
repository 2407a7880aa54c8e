"""The optional configuration file at the OKR root: `<root>/okrcli.yaml`.

Validated like the OKR files, with located findings. Every setting has a default, so
a root without the file behaves exactly as documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base.findings import Finding

if TYPE_CHECKING:
    from okrcli.model.config import Config
    from okrcli.model.period import Calendar
    from okrcli.read.positions import Marks

CONFIG_FILENAME = "okrcli.yaml"


@dataclass
class LoadedConfig:
    config: Config
    findings: list[Finding] = field(default_factory=list)
    marks: Marks | None = None
    """Where each setting is in the file (None without a file), for checks made later."""
    path: str | None = None
    rule_names: tuple[str, ...] = ()
    """The rules `lint.rules` names, read even when another setting is wrong: every
    mistake in the file is reported at once."""
    top_level_team: str | None = None
    """`top_level_team` as the file sets it (None where it does not)."""


def config_file(root: Path | None) -> Path | None:
    """The root's configuration file, when there is one (a link counts: reading it
    decides whether it may be followed)."""
    if root is None:
        return None
    file = root / CONFIG_FILENAME
    return file if os.path.lexists(file) else None


def load_config(root: Path | None, raw: bytes | Finding | None = None) -> LoadedConfig:
    """The root's configuration, or the defaults (with findings when the file is broken).
    `raw`: the file's bytes when the caller read them already."""
    from okrcli.model.config import Config

    file = config_file(root)
    if file is None:
        return LoadedConfig(Config())
    from pydantic import ValidationError

    from okrcli.read.files import read_bounded, shown_path
    from okrcli.read.model_errors import findings_from_validation_error
    from okrcli.read.reader import read_yaml

    shown = shown_path(file)
    content = raw if raw is not None else read_bounded(file, root)
    if isinstance(content, Finding):
        return LoadedConfig(Config(), [content])
    read = read_yaml(content, shown)
    if read.document is None:
        return LoadedConfig(Config(), read.findings)
    data, marks = read.document.data, read.document.marks
    names, team = _raw_settings(data)
    try:
        config = Config.model_validate(data)
    except ValidationError as error:
        findings = findings_from_validation_error(error, read.document, shown, Config)
        return LoadedConfig(Config(), findings, marks, shown, names, None)
    return LoadedConfig(config, [], marks, shown, names, team)


def _raw_settings(data: object) -> tuple[tuple[str, ...], str | None]:
    """The rule names under `lint.rules` and `top_level_team`, from the file's data."""
    if not isinstance(data, dict):
        return (), None
    lint = data.get("lint")
    rules = lint.get("rules") if isinstance(lint, dict) else None
    names = tuple(str(key) for key in rules) if isinstance(rules, dict) else ()
    team = data.get("top_level_team")
    return names, team if isinstance(team, str) else None


def root_calendar(root: Path | None) -> Calendar:
    """The calendar okrcli.yaml at `root` sets (the calendar itself where it sets none, or
    the file is broken: its findings are reported by validation)."""
    return load_config(root).config.calendar.calendar()
