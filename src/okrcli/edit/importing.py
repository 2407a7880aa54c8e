"""`okr import`: a spreadsheet of objectives and key results, one row per key result,
turned into OKR files (one per team and period), nothing written.

Columns are found by their header, with the synonyms people use (`baseline` for start,
`actual` for current, `KR` for key result...); `--map COLUMN=FIELD` names the rest.
Values are read as people type them: `45%`, `1,200`, `$40`, dates as 2026-12-15,
12/15/2026 or 15.12.2026, confidence as 0.7, 70% or 70. Each key result's kind follows
from its values: a start and a target make a metric; done/not done (`yes`, `x`,
`done`) a milestone; a `% complete` column a metric from 0 to 100 %. Ids are numbered
per team and period from the team's name (`platform` -> PLAT-1, PLAT-1.1). A row that
cannot be understood is a problem at its row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrcli.base.errors import OkrError
from okrcli.edit.roundtrip import new_document_text
from okrcli.model.period import Calendar, Period
from okrcli.read.sheets import Cell, Row, Table

# Each field and the headers that name it (compared lower-case, punctuation as spaces).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "team": ("team", "squad", "group", "department", "dept"),
    "period": ("period", "quarter", "cycle", "timeframe"),
    "objective": ("objective", "objectives", "goal", "o", "objective title"),
    "objective_owner": ("objective owner", "goal owner"),
    "key_result": ("key result", "key results", "kr", "krs", "key result title", "result"),
    "owner": ("owner", "kr owner", "responsible", "assignee", "lead", "dri"),
    "start": ("start", "baseline", "from", "initial", "starting value", "start value"),
    "target": ("target", "target value", "to", "goal value"),
    "current": ("current", "actual", "value", "current value", "now", "latest"),
    "unit": ("unit", "units", "measure"),
    "due": ("due", "due date", "deadline", "by"),
    "confidence": ("confidence", "conf", "confidence level"),
    "done": ("done", "complete", "completed", "status"),
    "percent": ("% complete", "percent complete", "percentage complete", "completion", "% done"),
    "kind": ("kind", "kr type"),
}
FIELDS = tuple(SYNONYMS)
_DONE_WORDS = {"yes", "y", "x", "done", "true", "complete", "completed", "✓", "✔"}
_NOT_DONE_WORDS = {"no", "n", "not done", "false", "open", "todo", "to do", "in progress", ""}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}


@dataclass(frozen=True)
class Importing:
    source: Path
    root: Path
    calendar: Calendar
    period: Period | None = None
    """For rows without a period column."""
    team: str | None = None
    """For rows without a team column."""
    mapping: Mapping[str, str] = field(default_factory=dict)
    """`--map`: header -> field, for headers the synonyms do not know."""
    taken: Mapping[Period, set[str]] = field(default_factory=dict)
    """Ids already in each period's files: imported ids never collide with them."""


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: int
    """1-based; 1 where the whole row is the problem."""
    message: str
    hint: str


@dataclass
class ImportedFile:
    file: Path
    period: Period
    team: str
    text: str = ""
    objectives: int = 0
    key_results: int = 0


@dataclass
class _KeyResult:
    title: str
    fields: dict[str, Any]


@dataclass
class _Objective:
    title: str
    owner: str | None
    key_results: list[_KeyResult] = field(default_factory=list)


HEADER = """\
# OKRs of team `{team}` for {period}, imported from {source} by `okr import`.
# Review the titles and ids, align each objective (aligns_to, or standalone: why), and
# check in from here on.
"""


def columns(headers: tuple[str, ...], mapping: Mapping[str, str]) -> dict[str, int]:
    """Each field's column (0-based): `mapping` first, then the synonyms. OkrError for a
    `--map` that names an unknown header or field, or without objective and key result
    columns."""
    from okrcli.base.suggest import did_you_mean

    found: dict[str, int] = {}
    normal = [_normalise(header) for header in headers]
    for header, name in mapping.items():
        if name not in FIELDS:
            hint = did_you_mean(name, FIELDS) or "fields: " + ", ".join(FIELDS)
            raise OkrError(f"--map {header}={name}: no field `{name}`", hint)
        if _normalise(header) not in normal:
            hint = did_you_mean(header, headers) or "headers: " + ", ".join(headers)
            raise OkrError(f"--map {header}={name}: no column `{header}`", hint)
        found[name] = normal.index(_normalise(header))
    for name, words in SYNONYMS.items():
        if name in found:
            continue
        index = next(
            (i for i, h in enumerate(normal) if h in words and i not in found.values()), None
        )
        if index is not None:
            found[name] = index
    missing = [name for name in ("objective", "key_result") if name not in found]
    if missing:
        listed = ", ".join(f"`{h}`" for h in headers if h)
        raise OkrError(
            f"no {' and no '.join(m.replace('_', ' ') for m in missing)} column among {listed}",
            "name the columns (`Objective`, `Key result`), or map them: --map 'Goal=objective'",
        )
    return found


def plan_import(table: Table, importing: Importing) -> tuple[list[ImportedFile], list[RowProblem]]:
    """The files the rows make, and the rows that could not be understood."""
    where = columns(table.headers, importing.mapping)
    groups: dict[tuple[Period, str], dict[str, _Objective]] = {}
    problems: list[RowProblem] = []
    for row in table.rows:
        read = _read_row(row, where, importing)
        if isinstance(read, RowProblem):
            problems.append(read)
            continue
        period, team, objective, owner, key_result = read
        objectives = groups.setdefault((period, team), {})
        known = objectives.setdefault(objective, _Objective(objective, owner))
        known.key_results.append(key_result)
    files = [
        _file(period, team, objectives, importing) for (period, team), objectives in groups.items()
    ]
    return _unique_prefixes(files, groups, importing), problems


# ---- one row --------------------------------------------------------------------------


_Read = tuple[Period, str, str, str | None, _KeyResult]


def _read_row(row: Row, where: dict[str, int], importing: Importing) -> _Read | RowProblem:
    def cell(name: str) -> Cell:
        index = where.get(name)
        return row.cells[index] if index is not None and index < len(row.cells) else None

    def column(name: str) -> int:
        return where.get(name, 0) + 1

    team = _text(cell("team")) or importing.team
    if not team:
        return RowProblem(
            row.number, 1, "the row names no team", "add a team column, or give --team"
        )
    period_text = _text(cell("period"))
    period = Period.parse(period_text, importing.calendar) if period_text else importing.period
    if period is None:
        said = f"`{period_text}` is not a period" if period_text else "the row names no period"
        return RowProblem(row.number, column("period"), said, "write 2026-Q4 (or give --period)")
    objective, title = _text(cell("objective")), _text(cell("key_result"))
    if not objective:
        return RowProblem(row.number, column("objective"), "the objective is empty", "write it")
    if not title:
        return RowProblem(row.number, column("key_result"), "the key result is empty", "write it")
    try:
        fields = _fields(cell, column)
    except _Bad as bad:
        return RowProblem(row.number, bad.column, bad.message, bad.hint)
    return period, _slug(team), objective, _text(cell("objective_owner")), _KeyResult(title, fields)


class _Bad(Exception):
    def __init__(self, column: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.column, self.message, self.hint = column, message, hint


def _fields(cell: Any, column: Any) -> dict[str, Any]:
    """The key result's fields, its kind worked out from which values the row has."""
    fields: dict[str, Any] = {}
    owner = _text(cell("owner"))
    unit = _text(cell("unit"))
    kind = (_text(cell("kind")) or "").lower()
    percent = cell("percent")
    done = cell("done")
    if kind == "milestone" or (_is_filled(done) and not _is_filled(cell("target"))):
        fields["kind"] = "milestone"
        fields["done"] = _done(done, column("done"))
    elif _is_filled(percent):
        value, _ = _number(percent, column("percent"), "% complete")
        fields |= {"start": 0, "target": 100, "current": value, "unit": unit or "%"}
    else:
        start, start_unit = _number(cell("start"), column("start"), "start", required=True)
        target, target_unit = _number(cell("target"), column("target"), "target", required=True)
        if start == target:
            raise _Bad(column("target"), f"the target equals the start ({start})",
                       "a key result moves a number: give the start it moves from")  # fmt: skip
        fields |= {"start": start, "target": target}
        if _is_filled(cell("current")):
            fields["current"], _ = _number(cell("current"), column("current"), "current")
        unit = unit or start_unit or target_unit
        if unit:
            fields["unit"] = unit
    if owner:
        fields["owner"] = owner
    if _is_filled(cell("due")):
        fields["due"] = _date(cell("due"), column("due"))
    if _is_filled(cell("confidence")):
        fields["confidence"] = _confidence(cell("confidence"), column("confidence"))
    return fields


def _number(
    value: Cell, column: int, name: str, *, required: bool = False
) -> tuple[int | float, str | None]:
    """A number as typed: `45%`, `1,200`, `$40`, `1200`; and the unit it carried."""
    if not _is_filled(value):
        if required:
            raise _Bad(column, f"the {name} is empty",
                       "a metric needs a start (baseline) and a target")  # fmt: skip
        raise _Bad(column, f"the {name} is empty", "write a number")
    if isinstance(value, bool | dt.date):
        raise _Bad(column, f"the {name} `{value}` is not a number", "write a number, e.g. 1200")
    if isinstance(value, int | float):
        return _whole(value), None
    text = str(value).strip()
    unit = None
    if text[:1] in _CURRENCY:
        unit, text = _CURRENCY[text[0]], text[1:].strip()
    if text.endswith("%"):
        unit, text = "%", text[:-1].strip()
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")  # thousands separators
    try:
        return _whole(float(text)), unit
    except ValueError:
        raise _Bad(
            column, f"the {name} `{value}` is not a number", "write a number, e.g. 1200"
        ) from None


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _date(value: Cell, column: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    formats = ("%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y")
    for shape in formats:
        try:
            return dt.datetime.strptime(text, shape).date()
        except ValueError:
            continue
    raise _Bad(column, f"the due date `{value}` is not a date",
               "write 2026-12-15 (or 12/15/2026, or 15.12.2026)")  # fmt: skip


def _confidence(value: Cell, column: int) -> float:
    number, unit = _number(value, column, "confidence")
    share = number / 100 if unit == "%" or number > 1 else number
    if not 0 <= share <= 1:
        raise _Bad(column, f"the confidence `{value}` is not from 0 to 1 (or 0% to 100%)",
                   "write 0.7 or 70%")  # fmt: skip
    return round(share, 4)


def _done(value: Cell, column: int) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower() if value is not None else ""
    if word in _DONE_WORDS:
        return True
    if word in _NOT_DONE_WORDS:
        return False
    raise _Bad(column, f"`{value}` is neither done nor not done", "write yes or no")


def _text(value: Cell) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _is_filled(value: Cell) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _normalise(header: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", header.lower()).split())


def _slug(team: str) -> str:
    return "-".join(re.sub(r"[^0-9a-z]+", " ", team.lower()).split()) or "team"


# ---- the files ------------------------------------------------------------------------


def _file(
    period: Period, team: str, objectives: dict[str, _Objective], importing: Importing
) -> ImportedFile:
    file = importing.root / str(period) / f"{team}.yaml"
    imported = ImportedFile(file, period, team)
    imported.objectives = len(objectives)
    imported.key_results = sum(len(o.key_results) for o in objectives.values())
    return imported


def _unique_prefixes(
    files: list[ImportedFile],
    groups: dict[tuple[Period, str], dict[str, _Objective]],
    importing: Importing,
) -> list[ImportedFile]:
    """Write each file with ids whose prefix is the team's own in its period (PLAT,
    GROW; CS for customer-success) and collides with no other team's ids there."""
    used: dict[Period, set[str]] = {}
    for period, ids in importing.taken.items():
        used[period] = {_prefix_of(ident) for ident in ids}
    for imported in files:
        taken = used.setdefault(imported.period, set())
        prefix = _prefix(imported.team, taken)
        taken.add(prefix)
        objectives = groups[(imported.period, imported.team)]
        imported.text = _text_of(imported, prefix, objectives, importing.source)
    return files


def _prefix(team: str, taken: set[str]) -> str:
    parts = team.split("-")
    base = "".join(part[0] for part in parts).upper() if len(parts) > 1 else team[:4].upper()
    base = re.sub(r"[^A-Z0-9]", "", base) or "T"
    if not base[0].isalpha():
        base = "T" + base
    candidate, extra = base, 1
    while candidate in taken:
        longer = team.replace("-", "").upper()[: len(base) + extra]
        candidate = longer if longer not in taken and len(longer) > len(base) else f"{base}{extra}"
        extra += 1
    return candidate


def _prefix_of(ident: str) -> str:
    return re.split(r"[-_.]", ident, maxsplit=1)[0]


def _text_of(
    imported: ImportedFile, prefix: str, objectives: dict[str, _Objective], source: Path
) -> str:
    data: dict[str, Any] = {"period": str(imported.period), "team": imported.team}
    listed = []
    for number, objective in enumerate(objectives.values(), start=1):
        entry: dict[str, Any] = {"id": f"{prefix}-{number}", "title": objective.title}
        if objective.owner:
            entry["owner"] = objective.owner
        entry["key_results"] = [
            {"id": f"{prefix}-{number}.{index}", "title": kr.title, **_ordered(kr.fields)}
            for index, kr in enumerate(objective.key_results, start=1)
        ]
        listed.append(entry)
    data["objectives"] = listed
    header = HEADER.format(team=imported.team, period=imported.period, source=source.name)
    return header + new_document_text(data)


_ORDER = ("kind", "start", "target", "current", "unit", "done", "due", "confidence", "owner")


def _ordered(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: fields[name] for name in _ORDER if name in fields}
