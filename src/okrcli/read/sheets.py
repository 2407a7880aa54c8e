"""Spreadsheets read as tables of cells: a CSV file (its delimiter sniffed: `,`, `;` or
a tab) or an Excel workbook (`.xlsx`, its first sheet, through openpyxl, the `xlsx`
extra). Rows keep their number in the file, so that a problem names the row a person
sees in their spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from okrcli.base.errors import ExitCode, OkrError

Cell = str | float | int | bool | dt.date | dt.datetime | None
MAX_SHEET_BYTES = 16 * 1024 * 1024
"""A spreadsheet of OKRs is small; anything this size is not one."""


@dataclass(frozen=True)
class Row:
    number: int
    """The row's number in the spreadsheet (the header is row 1)."""
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    """The rows below the header, blank ones left out."""


def read_table(file: Path) -> Table:
    """The table in `file` (`.csv`, `.tsv`, `.txt` or `.xlsx`); OkrError when it cannot
    be read or has no header row."""
    if not file.is_file():
        raise OkrError(f"no such file: {file}")
    if file.stat().st_size > MAX_SHEET_BYTES:
        raise OkrError(f"{file.name} is larger than 16 MiB: not a spreadsheet of OKRs")
    suffix = file.suffix.lower()
    if suffix == ".xlsx":
        return _table(_xlsx_rows(file), file)
    if suffix in (".csv", ".tsv", ".txt"):
        return _table(_csv_rows(file), file)
    raise OkrError(
        f"{file.name}: okr import reads .csv and .xlsx files",
        "save the sheet as CSV (UTF-8) or as an Excel workbook (.xlsx)",
    )


def _csv_rows(file: Path) -> list[tuple[Cell, ...]]:
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OkrError(
            f"{file.name} is not UTF-8 text",
            "export it again as CSV UTF-8 (Excel: File > Save As > CSV UTF-8)",
            exit_code=ExitCode.FINDINGS,
        ) from None
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [tuple(row) for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(file: Path) -> list[tuple[Cell, ...]]:
    try:
        import openpyxl
    except ImportError:
        raise OkrError(
            "reading .xlsx needs openpyxl",
            "install okrcli with the xlsx extra (`pip install 'okrcli[xlsx]'`), or save the "
            "sheet as CSV",
        ) from None
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as problem:  # any damaged workbook: zip, XML or openpyxl's own
        raise OkrError(
            f"{file.name} cannot be read as an Excel workbook ({type(problem).__name__})",
            "open it in a spreadsheet program and save it again, or save it as CSV",
            exit_code=ExitCode.FINDINGS,
        ) from None
    sheet = book.worksheets[0]
    rows = [tuple(_cell(value) for value in row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _cell(value: object) -> Cell:
    """A workbook value as a plain cell: numbers, dates, text; anything else (a time, a
    formula left uncomputed, rich text) as its text."""
    if value is None or isinstance(value, str | bool | int | float | dt.date):
        return value
    return str(value)


def _table(rows: list[tuple[Cell, ...]], file: Path) -> Table:
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if not _blank(row)]
    if not numbered:
        raise OkrError(f"{file.name} has no rows", exit_code=ExitCode.FINDINGS)
    (_, header), body = numbered[0], numbered[1:]
    headers = tuple("" if cell is None else str(cell).strip() for cell in header)
    return Table(headers, tuple(Row(number, row) for number, row in body))


def _blank(row: tuple[Cell, ...]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)
