"""YAML 1.2 plain scalars: which core type a scalar is, and its value.

The resolution table is ruamel.yaml's own for YAML 1.2 (so `yes`/`no`/`on`/`off` stay
strings), written out here so that reading a clean file never imports ruamel.yaml. Both
readers of `okrcli.read.folder` resolve through this one table, and
tests/test_readers_agree.py holds it to ruamel.yaml's constructors.
"""

from __future__ import annotations

import datetime as dt
import re

CORE_TAG = "tag:yaml.org,2002:"
SCALAR_KINDS = frozenset(("str", "null", "bool", "int", "float", "timestamp"))

# Tried in order; the first match wins.
_RESOLUTION: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bool", re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")),
    ("float", re.compile(
        r"""(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?
            |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
            |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
            |[-+]?\.(?:inf|Inf|INF)
            |\.(?:nan|NaN|NAN))\Z""", re.X)),
    ("int", re.compile(
        r"""(?=[-+0-9])  # ruamel looks up int resolvers by these first characters only
        (?:[-+]?0b[0-1_]+
            |[-+]?0o?[0-7_]+
            |[-+]?[0-9_]+
            |[-+]?0x[0-9a-fA-F_]+)\Z""", re.X)),
    ("merge", re.compile(r"<<\Z")),
    ("null", re.compile(r"(?:~|null|Null|NULL|)\Z")),
    ("timestamp", re.compile(
        r"""(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
            |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}
             (?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)\Z""", re.X)),
    ("value", re.compile(r"=\Z")),
)  # fmt: skip


# The patterns a scalar can match, by its first character (each pattern above can only
# start with these; the empty string is null): most words are text without trying any,
# and a number tries three.
_BY_FIRST: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple((kind, pattern) for kind, pattern in _RESOLUTION if kind in kinds)
    for chars, kinds in (
        ("tTfF", {"bool"}),
        ("nN~", {"null"}),
        ("0123456789", {"float", "int", "timestamp"}),
        ("+-", {"float", "int"}),
        (".", {"float"}),
        ("<", {"merge"}),
        ("=", {"value"}),
    )
    for first in chars
}


def resolve_plain(value: str) -> str:
    """The core kind (`int`, `bool`, `str`...) of a plain scalar, by YAML 1.2."""
    if not value:
        return "null"
    for kind, pattern in _BY_FIRST.get(value[0], ()):
        if pattern.match(value):
            return kind
    return "str"


def by_table(value: str) -> str:
    """`resolve_plain` by the table alone, each pattern tried in turn."""
    for kind, pattern in _RESOLUTION:
        if pattern.match(value):
            return kind
    return "str"


def construct(kind: str, text: str) -> object:
    """The value of a scalar of core kind `kind`; ValueError when `text` is not one."""
    if kind == "str":
        return text
    if kind == "null":
        return None
    if kind == "bool":
        if text.lower() not in ("true", "false"):
            raise ValueError(f"{text!r} is not true or false")  # `!!bool yes`
        return text.lower() == "true"
    if kind == "int":
        return _integer(text)
    if kind == "float":
        return _float(text)
    if kind == "timestamp":
        return _timestamp(text)
    raise ValueError(f"no value for a {kind} scalar")  # `<<`, `=`: not data


def _integer(text: str) -> int:
    """YAML 1.2 integers as ruamel.yaml builds them: `_` ignored, 0b/0o/0x bases, and a
    leading zero is still decimal."""
    digits = text.replace("_", "")
    sign = -1 if digits[:1] == "-" else 1
    digits = digits.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits)


def _float(text: str) -> float:
    digits = text.replace("_", "")
    lowered = digits.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(digits)


_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_DATETIME = re.compile(
    r"""([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t]+)
    ([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?
    (?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?\Z""",
    re.X,
)


def _microseconds(fraction: str) -> int:
    """A fraction of a second in microseconds, as ruamel.yaml reads it: six digits, the
    seventh rounding (`.1234567` is 123457)."""
    micro = int(fraction[:6].ljust(6, "0"))
    return micro + 1 if len(fraction) > 6 and int(fraction[6]) > 4 else micro


def _timestamp(text: str) -> dt.date | dt.datetime:
    """A date, or a date and time (with its offset when one is written)."""
    day = _DATE.match(text)
    if day is not None:
        return dt.date(int(day[1]), int(day[2]), int(day[3]))
    found = _DATETIME.match(text)
    if found is None:
        raise ValueError(f"{text!r} is not a timestamp")
    year, month, mday, hour, minute, second = (int(found[i]) for i in range(1, 7))
    micro = _microseconds(found[7] or "0")
    zone = None
    if found[8] is not None:
        offset = dt.timedelta()
        if found[8] != "Z":
            sign = -1 if found[9] == "-" else 1
            offset = sign * dt.timedelta(hours=int(found[10]), minutes=int(found[11] or 0))
        zone = dt.timezone(offset, found[8])
    return dt.datetime(year, month, mday, hour, minute, second, micro, zone)
