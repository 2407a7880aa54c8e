"""A source's number: fetched by the module of its type, then made the value a check-in
records (finite, within the file format's bounds, scaled and rounded as the source says)."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from okrcli.model.fields import MAX_MAGNITUDE
from okrcli.model.sources import (
    AnySource,
    CommandSource,
    FileSource,
    HttpSource,
    PrometheusSource,
    SqlSource,
)
from okrcli.sources.context import Context, Deadline
from okrcli.sources.errors import SourceError


def fetch(source: AnySource, context: Context) -> int | float:
    """The number `source` gives now; SourceError with the reason when it gives none."""
    deadline = Deadline(source.timeout)
    raw = _fetcher(source)(source, context, deadline)
    return converted(raw, source.scale, source.round)


def _fetcher(source: AnySource) -> Callable[[Any, Context, Deadline], object]:
    from okrcli.sources import command, files, http, prometheus, sql

    fetchers: dict[type[AnySource], Callable[[Any, Context, Deadline], object]] = {
        SqlSource: sql.fetch_sql,
        PrometheusSource: prometheus.fetch_prometheus,
        HttpSource: http.fetch_http,
        FileSource: files.fetch_file,
        CommandSource: command.fetch_command,
    }
    return fetchers[type(source)]


def converted(raw: object, scale: float | None, digits: int | None) -> int | float:
    """`raw` as a number (a number, or text that is one), times `scale`, rounded to
    `digits` places; SourceError for anything else (text, true/false, nothing, NaN,
    infinity, beyond 10^15)."""
    number = as_number(raw)
    if scale is not None:
        number = number * scale
        # 0.9931 * 100 is 99.31000000000002 in binary floating point: keep the digits
        # the source had, not the representation error.
        number = float(f"{number:.12g}")
    if digits is not None:
        number = round(number, digits)
    if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
        raise SourceError(f"the value {number!r} is out of range (at most 10^15)", _ONE_NUMBER)
    if isinstance(number, float) and number.is_integer():
        return int(number)
    return number


_ONE_NUMBER = (
    "the source must give one finite number (`42`, `0.97`, `-3.5e2`): fix what it reads, "
    "or select or aggregate another value"
)


def as_number(raw: object) -> int | float:
    if isinstance(raw, bool) or raw is None:
        said = "nothing (null)" if raw is None else f"{str(raw).lower()}, not a number"
        raise SourceError(f"the value is {said}", _ONE_NUMBER)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float | Decimal):
        number = float(raw)
    elif isinstance(raw, str):
        number = _parsed(raw)
    else:
        raise SourceError(f"the value is {_kind_of(raw)}, not a number", _ONE_NUMBER)
    if math.isnan(number):
        raise SourceError("the value is NaN (not a number)", _ONE_NUMBER)
    if math.isinf(number):
        raise SourceError("the value is infinite", _ONE_NUMBER)
    return number


def _parsed(text: str) -> float:
    stripped = text.strip()
    try:
        return float(stripped)
    except ValueError:
        shown = stripped if len(stripped) <= 40 else stripped[:40] + "..."
        raise SourceError(f"the value {shown!r} is not a number", _ONE_NUMBER) from None


def _kind_of(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)}"
    return type(value).__name__
