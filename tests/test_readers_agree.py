"""The fast reader (libyaml events) and the round-trip reader (ruamel.yaml) agree: same
data, same marks, same findings; the fast one only declines, never differs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrcli.yamlread as yamlread
from okrcli import fastyaml
from okrcli.yamlread import YamlDocument, read_yaml
from tests.conftest import GOOD_FILE, SAMPLE_ROOT
from tests.test_findings_located import YAML_CASES
from tests.test_loader_properties import _dump, mutated_files, okr_files


def round_trip(raw: bytes) -> tuple[YamlDocument | None, list[tuple[int, int, str]]]:
    """What the round-trip reader alone makes of `raw`."""
    original = yamlread._fast_read
    yamlread._fast_read = lambda text: None
    try:
        result = read_yaml(raw, "f.yaml")
    finally:
        yamlread._fast_read = original
    located = [(f.location.line, f.location.col, f.code) for f in result.findings]
    return result.document, located


def fast(text: str) -> YamlDocument | None:
    return yamlread._fast_read(text)


def same(a: YamlDocument | None, b: YamlDocument | None) -> bool:
    """Equal data (types of numbers and dates included; `.nan` equals `.nan`) and marks."""
    assert a is not None and b is not None
    return _typed(a.data) == _typed(b.data) and (a.marks.keys, a.marks.values) == (
        b.marks.keys,
        b.marks.values,
    )


def _typed(value: object) -> object:
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    if isinstance(value, float) and value != value:
        return ("nan",)
    return (type(value).__name__, value)


def test_libyaml_is_there() -> None:
    assert fastyaml._loader() is not None, "PyYAML without libyaml: the fast path is off"


def sample_files() -> Iterator[Path]:
    yield from sorted(SAMPLE_ROOT.glob("*/*.yaml"))


@pytest.mark.parametrize("path", list(sample_files()), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_readers_agree_on_the_bundled_files(path: Path) -> None:
    raw = path.read_bytes()
    document = fast(raw.decode())
    assert document is not None, "the fast path declined a clean file"
    assert same(document, round_trip(raw)[0])


def test_folded_strings_lose_their_fold_markers() -> None:
    text = "description: >-\n  one\n  two\n"
    document = fast(text)
    assert document is not None and document.data == {"description": "one two"}
    assert same(document, round_trip(text.encode())[0])


@settings(max_examples=150, deadline=None)
@given(okr_files())
def test_readers_agree_on_generated_documents(data: dict[str, object]) -> None:
    text = _dump(data)
    document = fast(text)
    assert document is not None
    assert same(document, round_trip(text.encode())[0])


SCALARS = st.sampled_from(
    ["yes", "no", "on", "off", "y", "n", "true", "False", "null", "~", "", "1.0", "-2.5e3",
     "0x1F", "0o17", "012", "1_000", "+7", ".inf", "-.Inf", ".nan", "2026-12-15",
     "2026-12-15T10:00:00Z", "2026-12-15 10:00:00.5", "2026-13-45", "0x_", "-_", "'quoted'",
     '"double"', "plain words", "!!str 12", "!!int '7'", "<<", "=", "_1", "1_000", "0b101",
     "+.5", "1e3", "-0", "00", "0o17", "-0x1f", "1.", "+12", ".Inf", "NaN", "TRUE", "Null",
     "2026-1-5 10:00:00", "2026-12-15t10:00:00.5+02:00"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(SCALARS, min_size=1, max_size=6))
def test_scalars_resolve_alike_or_the_fast_path_declines(values: list[str]) -> None:
    text = "".join(f"k{index}: {value}\n" for index, value in enumerate(values))
    document, findings = round_trip(text.encode())
    quick = fast(text)
    if quick is not None:
        assert document is not None, f"fast accepted what round trip refused: {findings}"
        assert same(quick, document)


@settings(max_examples=150, deadline=None)
@given(mutated_files())
def test_mutated_files_agree_or_decline(raw: bytes) -> None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    quick = fast(text)
    if quick is not None:
        document, findings = round_trip(raw)
        assert document is not None, f"fast accepted what round trip refused: {findings}"
        assert same(quick, document)


@pytest.mark.parametrize(("name", "content"), [(c[0], c[1]) for c in YAML_CASES])
def test_hazards_are_declined(name: str, content: str | bytes) -> None:
    if isinstance(content, bytes):
        return  # invalid UTF-8 never reaches a parser
    assert fast(content) is None, name


def test_good_file_reads_fast() -> None:
    assert fast(GOOD_FILE) is not None
