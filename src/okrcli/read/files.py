"""Which files are OKR files: the one decision, for the working tree and for git."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def is_okr_file(parts: Sequence[str]) -> bool:
    """Whether a path below the OKR root (its parts) names an OKR file:
    `<period>/<team>.yaml` (or `.yml`), in a folder that is not hidden (`.drafts/`)."""
    return (
        len(parts) == 2
        and not parts[0].startswith(".")
        and parts[1].endswith(YAML_SUFFIXES)
        and parts[1] not in YAML_SUFFIXES
    )


def discover(root: Path) -> list[Path]:
    """The OKR files below `root`, sorted for stable output."""
    found = [
        child
        for folder in root.iterdir()
        if folder.is_dir()
        for child in folder.iterdir()
        if is_okr_file((folder.name, child.name)) and child.is_file()
    ]
    return sorted(found)
