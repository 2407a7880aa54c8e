"""The two YAML parsers, as streams of events for `okrcli.read.folder`.

libyaml (through PyYAML's C binding) reads every file: about twenty times faster than
ruamel.yaml's pure-Python parser. ruamel.yaml's parser is used where libyaml reports an
error (its messages are the ones users see, and it is the parser `okr checkin` edits
with) or where libyaml is not installed.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from functools import cache
from typing import Any


@cache
def libyaml() -> Any:
    """PyYAML with its C extension, or None where it is not available."""
    try:
        import yaml
    except ImportError:
        return None
    return yaml if getattr(yaml, "__with_libyaml__", False) else None


def libyaml_events(yaml: Any, text: str) -> Iterator[Any]:
    """libyaml's events; a syntax error raises `yaml.YAMLError`."""
    loader = yaml.CSafeLoader(text)
    try:
        yield from iter(loader.get_event, None)  # None after the stream's end
    finally:
        loader.dispose()


def ruamel_events(text: str) -> Iterator[Any]:
    """ruamel.yaml's round-trip parser events; a syntax error raises its `YAMLError`."""
    from ruamel.yaml import YAML

    with warnings.catch_warnings():
        # e.g. ReusedAnchorWarning: anchors are refused with a finding of our own.
        warnings.simplefilter("ignore")
        yield from YAML(typ="rt", pure=True).parse(io.StringIO(text))
