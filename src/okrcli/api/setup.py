"""`okr init` and `okr demo`: a first OKR file; a repository to try okrcli on."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from okrcli.base.errors import OkrError

SCHEMA_FILENAME = "okr-file-v1.schema.json"
"""Versioned: a later file format (`version: 2`) publishes its own schema beside it."""


def init(root: Path, team: str, period: str | None, owner: str) -> Path:
    """`<root>/<period>/<team>.yaml`, a commented example that validates clean, and the
    JSON Schema beside the period folders for editors. Never overwrites an OKR file."""
    from okrcli.api.progress import parse_period
    from okrcli.edit.scaffold import scaffold
    from okrcli.model.fields import TEAM_PATTERN
    from okrcli.model.period import quarter_containing
    from okrcli.model.schema import schema_text
    from okrcli.read.config import root_calendar

    if not re.match(TEAM_PATTERN, team):
        raise OkrError(f"team {team!r} is not a slug: use lower-case letters, digits and '-'")
    calendar = root_calendar(root if root.is_dir() else None)
    chosen = (
        parse_period(period, calendar) if period else quarter_containing(dt.date.today(), calendar)
    )
    created = scaffold(root, team, chosen, owner, f"../{SCHEMA_FILENAME}")
    (root / SCHEMA_FILENAME).write_text(schema_text(), encoding="utf-8")
    return created


def demo(folder: Path, *, before_close: bool = False) -> list[str]:
    """Build the demo repository; the commit subjects, oldest first."""
    from okrcli.edit.demo import build_demo

    return build_demo(folder, before_close=before_close)
