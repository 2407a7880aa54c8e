"""The `file:` source: a JSON, YAML or CSV file in the repository (a job that writes
numbers into the repository, an export committed by hand).

Read as safely as an OKR file: inside the repository only (links that leave it are
refused), regular files only, at most 1 MiB; YAML through okrcli's own reader (no tags,
no aliases). JSON and YAML take a JMESPath `select`; CSV a `column` and a `row`
(counted from 1 below the header; by default the last)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from okrcli.base.findings import Finding
from okrcli.base.suggest import did_you_mean
from okrcli.model.sources import FileSource, file_format
from okrcli.sources.context import Context, Deadline, inside
from okrcli.sources.errors import SourceError
from okrcli.sources.http import select

_FIX_FILE = "fix the file, or the job that writes it"


def fetch_file(source: FileSource, context: Context, deadline: Deadline) -> object:
    from okrcli.read.files import read_bounded

    path = inside(context, source.file)
    raw = read_bounded(path, context.top)
    if isinstance(raw, Finding):
        raise SourceError(
            f"{source.file}: {raw.message}", _FIX_FILE
        )  # its own hint is for OKR files
    text = _decoded(raw, source.file)
    deadline.left()
    match file_format(source.file):
        case "json":
            assert source.select is not None
            return select(_json(text, source.file), source.select)
        case "yaml":
            assert source.select is not None
            return select(_yaml(raw, source.file), source.select)
        case _:
            assert source.column is not None
            return cell(text, source.file, source.column, source.row)


def _decoded(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{name} is not UTF-8 text", _FIX_FILE) from None


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise SourceError(f"{name} is not JSON: {error}", _FIX_FILE) from None


def _yaml(raw: bytes, name: str) -> Any:
    from okrcli.read.reader import read_yaml

    read = read_yaml(raw, name)
    if read.document is None:
        first = read.findings[0] if read.findings else None
        said = f"line {first.location.line}: {first.message}" if first else "unreadable"
        raise SourceError(f"{name} is not YAML okr can read ({said})", _FIX_FILE)
    return read.document.data


def cell(text: str, name: str, column: str, row: int | str | None) -> object:
    """The cell of `column` in data row `row` (1-based; the last by default; empty rows
    skipped)."""
    dialect = _dialect(text)
    rows = [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]
    if not rows:
        raise SourceError(f"{name} is empty", _FIX_FILE)
    header = [title.strip() for title in rows[0]]
    if column not in header:
        listed = ", ".join(header[:10])
        raise SourceError(
            f"{name} has no column `{column}` (its columns: {listed})",
            did_you_mean(column, header) or "`column:` is a header of the file, as written",
        )
    data = rows[1:]
    if not data:
        raise SourceError(f"{name} has a header but no rows", _FIX_FILE)
    index = len(data) if row in (None, "last") else int(row)
    if index > len(data):
        raise SourceError(
            f"{name} has {len(data)} rows; there is no row {index}",
            "`row:` counts data rows from 1 below the header; `row: last` is the last",
        )
    line = data[index - 1]
    at = header.index(column)
    if at >= len(line) or not line[at].strip():
        raise SourceError(f"{name}: row {index} has no value in `{column}`", _FIX_FILE)
    return line[at]


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel
