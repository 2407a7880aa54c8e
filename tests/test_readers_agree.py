"""The two parsers agree: libyaml's events and ruamel.yaml's events, folded by the one
folder of `okrcli.read.folder`, give the same data, marks and findings; and the data is
what ruamel.yaml's own round-trip loader builds (so the reader agrees with the editor of
`okr checkin`). Where libyaml reports a syntax error, ruamel.yaml words it."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrcli.read.events import libyaml, libyaml_events, ruamel_events
from okrcli.read.folder import Folded, fold
from okrcli.read.reader import read_yaml
from okrcli.read.scalars import by_table, construct, resolve_plain
from tests.conftest import GOOD_FILE, SAMPLE_ROOT
from tests.test_findings_located import YAML_CASES
from tests.test_loader_properties import _dump, mutated_files, okr_files


def via_libyaml(text: str) -> Folded | None:
    """libyaml's events folded, or None where libyaml reports a syntax error."""
    yaml = libyaml()
    assert yaml is not None
    try:
        return fold(libyaml_events(yaml, text), "f.yaml")
    except yaml.YAMLError:
        return None


def via_ruamel(text: str) -> Folded | None:
    """ruamel.yaml's events folded, or None where ruamel.yaml reports a syntax error."""
    from ruamel.yaml.error import YAMLError

    try:
        return fold(ruamel_events(text), "f.yaml")
    except YAMLError:
        return None


def ruamel_loaded(text: str) -> Any:
    """What ruamel.yaml's round-trip loader builds, as plain values."""
    from ruamel.yaml import YAML

    return _plain(YAML(typ="rt", pure=True).load(io.StringIO(text)))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return dt.datetime(
            value.year, value.month, value.day, value.hour, value.minute, value.second,
            value.microsecond, value.tzinfo,
        )  # fmt: skip
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    return str(value)


def typed(value: object) -> object:
    """Equal values of equal types (`1` is not `1.0`; `.nan` equals `.nan`)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    if isinstance(value, float) and value != value:
        return ("nan",)
    if isinstance(value, dt.datetime):
        return ("datetime", value, value.utcoffset())
    return (type(value).__name__, value)


def located(folded: Folded) -> list[tuple[int, int, str, str]]:
    return [(f.location.line, f.location.col, f.code, f.message) for f in folded.findings]


def assert_agree(text: str) -> None:
    """libyaml and ruamel.yaml fold alike; a clean document is what ruamel.yaml loads."""
    quick, slow = via_libyaml(text), via_ruamel(text)
    if quick is None:
        return  # libyaml's syntax error: the reader asks ruamel.yaml, so nothing to compare
    if slow is None:  # ruamel.yaml cannot read it: the reader must not accept it either
        accepted = read_yaml(text.encode("utf-8"), "f.yaml").document
        assert accepted is None, "the reader accepted what ruamel.yaml cannot read"
        return
    assert located(quick) == located(slow)
    if quick.document is None:
        assert slow.document is None
        return
    assert slow.document is not None
    assert typed(quick.document.data) == typed(slow.document.data)
    assert quick.document.marks == slow.document.marks
    assert typed(quick.document.data) == typed(ruamel_loaded(text))


def test_libyaml_is_there() -> None:
    assert libyaml() is not None, "PyYAML without libyaml: every file goes to ruamel.yaml"


def sample_files() -> Iterator[Path]:
    yield from sorted(SAMPLE_ROOT.glob("*/*.yaml"))


@pytest.mark.parametrize("path", list(sample_files()), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_parsers_agree_on_the_bundled_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    folded = via_libyaml(text)
    assert folded is not None and folded.document is not None
    assert_agree(text)


def test_folded_strings_lose_their_fold_markers() -> None:
    text = "description: >-\n  one\n  two\n"
    folded = via_ruamel(text)
    assert folded is not None and folded.document is not None
    assert folded.document.data == {"description": "one two"}
    assert_agree(text)


def test_empty_values_sit_just_after_the_colon() -> None:
    text = "title:\nowner: dana\n"
    for folded in (via_libyaml(text), via_ruamel(text)):
        assert folded is not None and folded.document is not None
        assert folded.document.marks.value(("title",)) == (1, 7)
    assert_agree(text)


@settings(max_examples=150, deadline=None)
@given(okr_files())
def test_parsers_agree_on_generated_documents(data: dict[str, object]) -> None:
    assert_agree(_dump(data))


SCALARS = st.sampled_from(
    ["yes", "no", "on", "off", "y", "n", "true", "False", "null", "~", "", "1.0", "-2.5e3",
     "0x1F", "0o17", "012", "1_000", "+7", ".inf", "-.Inf", ".nan", "2026-12-15",
     "2026-12-15T10:00:00Z", "2026-12-15 10:00:00.5", "2026-13-45", "0x_", "-_", "'quoted'",
     '"double"', "plain words", "!!str 12", "!!int '7'", "<<", "=", "_1", "1_000", "0b101",
     "+.5", "1e3", "-0", "00", "0o17", "-0x1f", "1.", "+12", ".Inf", "NaN", "TRUE", "Null",
     "2026-1-5 10:00:00", "2026-12-15t10:00:00.5+02:00", "2026-12-15 10:00:00 -3",
     "!!bool yes", "!!float 1", "! 12"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(SCALARS, min_size=1, max_size=6))
def test_scalars_resolve_as_ruamel_yaml_builds_them(values: list[str]) -> None:
    assert_agree("".join(f"k{index}: {value}\n" for index, value in enumerate(values)))


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(max_size=30), st.text(alphabet="0123456789+-._:eExXoObB tTfFnNaAuUlL", max_size=25)
    )
)
def test_words_skip_the_table_only_where_it_says_text(value: str) -> None:
    """A plain scalar whose first character no pattern of the table starts with is text
    without trying the table: the shortcut never changes a kind."""
    assert resolve_plain(value) == by_table(value)


@pytest.mark.parametrize(
    "written",
    [
        "2026-12-15", "2026-12-15T10:00:00Z", "2026-12-15 10:00:00.5", "2026-1-5 10:00:00",
        "2026-12-15t10:00:00.5+02:00", "2026-12-15 10:00:00 -3", "2026-12-15T23:59:59-05:30",
        "2026-12-15T10:00:00.1234567-05:30", "2026-12-15T10:00:00.1234564+01",
        "2026-02-03   04:05:06.7 Z",
    ],
)  # fmt: skip
def test_timestamps_are_the_values_ruamel_yaml_builds(written: str) -> None:
    """Dates and times as ruamel.yaml's round-trip loader builds them, to the microsecond
    (a seventh digit rounds) and the offset (hours and minutes, its name as written),
    each compared value by value: the file-level properties draw few of these forms."""
    from ruamel.yaml import YAML

    expected = YAML(typ="rt", pure=True).load(f"k: {written}\n")["k"]
    built = construct(resolve_plain(written), written)
    assert built == expected
    assert getattr(built, "tzinfo", None) == getattr(expected, "tzinfo", None)
    if isinstance(built, dt.datetime):
        assert built.utcoffset() == expected.utcoffset()
        assert str(built.tzinfo) == str(expected.tzinfo)


@pytest.mark.parametrize(
    "written",
    [
        "0", "-0", "+7", "012", "1_000", "0x1F", "-0x1f", "0x_1F", "0o17", "-0o17", "0b101",
        "-0b1_01", "1.0", "-2.5e3", "1e3", "1.", "+.5", "-.5", "1_000.5", ".inf", "-.Inf",
        "+.INF", "true", "False", "~", "null", "",
    ],
)  # fmt: skip
def test_numbers_and_words_are_the_values_ruamel_yaml_builds(written: str) -> None:
    """Integers in every base and sign, floats, infinities, booleans and nulls, value by
    value and of the same type as ruamel.yaml's round-trip loader builds them."""
    from ruamel.yaml import YAML

    expected = YAML(typ="rt", pure=True).load(f"k: {written}\n")["k"]
    built = construct(resolve_plain(written), written)
    assert (type(built), built) == (_plain_type(expected), expected)


def _plain_type(value: object) -> type:
    """ruamel.yaml's round-trip types are subclasses that keep the way a value was
    written (ScalarFloat, ScalarBoolean...): the plain type they stand for."""
    for plain in (bool, int, float, str):
        if isinstance(value, plain):
            return plain
    return type(value)


def test_not_a_number_is_built_as_ruamel_yaml_builds_it() -> None:
    from ruamel.yaml import YAML

    expected = YAML(typ="rt", pure=True).load("k: .NaN\n")["k"]
    built = construct(resolve_plain(".NaN"), ".NaN")
    assert isinstance(built, float) and built != built and expected != expected


@settings(max_examples=150, deadline=None)
@given(mutated_files())
def test_mutated_files_agree(raw: bytes) -> None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    assert_agree(text)


@pytest.mark.parametrize(("name", "content"), [(c[0], c[1]) for c in YAML_CASES])
def test_hazards_are_found_alike(name: str, content: str | bytes) -> None:
    if isinstance(content, bytes):
        return  # invalid UTF-8 never reaches a parser
    quick, slow = via_libyaml(content), via_ruamel(content)
    if quick is not None and slow is not None:
        assert located(quick) == located(slow), name
    assert read_yaml(content.encode(), "f.yaml").document is None, name


def test_good_file_is_read_by_libyaml() -> None:
    folded = via_libyaml(GOOD_FILE)
    assert folded is not None and folded.document is not None
