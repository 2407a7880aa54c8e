"""`okr import FILE`: OKR files from a spreadsheet, written only when every row is
understood (or with `skip_bad`), never over an existing file, and validated with the
rest of the root first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from okrcli.base.errors import ExitCode, OkrError

if TYPE_CHECKING:
    from okrcli.base.findings import Finding
    from okrcli.edit.importing import ImportedFile, RowProblem
    from okrcli.model.period import Calendar, Period


@dataclass(frozen=True)
class ImportRequest:
    source: Path
    root: Path | None = None
    period: str | None = None
    team: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)
    skip_bad: bool = False
    dry_run: bool = False


@dataclass(frozen=True)
class ImportOutcome:
    files: list[ImportedFile]
    """Written (or, with `dry_run`, to be written)."""
    skipped: list[RowProblem]
    """Rows left out (with `skip_bad`)."""
    to_fill_in: list[Finding]
    """What `okr lint` asks of the new files."""
    rows: int
    dry_run: bool


def import_sheet(request: ImportRequest) -> ImportOutcome:
    from okrcli.api.newfiles import check_new_files
    from okrcli.api.progress import parse_period
    from okrcli.edit.atomic import edit_lock, write_new
    from okrcli.edit.importing import Importing, plan_import
    from okrcli.read.config import root_calendar
    from okrcli.read.sheets import read_table

    root = _root(request.root)
    calendar = root_calendar(root if root.is_dir() else None)
    table = read_table(request.source)
    period = parse_period(request.period, calendar) if request.period else None
    importing = Importing(
        request.source,
        root,
        calendar,
        period,
        request.team,
        request.mapping,
        _taken(root, calendar),
    )
    files, problems = plan_import(table, importing)
    if problems and not request.skip_bad:
        raise _rows_refused(problems, request.source, len(table.rows))
    if not files:
        raise OkrError(f"no row of {request.source.name} could be imported; nothing written")
    _refuse_existing(files)
    to_fill_in = check_new_files(root, [(f.file, f.text) for f in files], "imported")
    if not request.dry_run:
        root.mkdir(parents=True, exist_ok=True)
        with edit_lock(root):
            for imported in files:
                write_new(imported.file, imported.text)
    rows = len(table.rows) - len(problems)
    return ImportOutcome(files, problems, to_fill_in, rows, request.dry_run)


def _root(explicit: Path | None) -> Path:
    """The OKR root; a new one (`./okrs`, or `--root`) for a repository that has none."""
    from okrcli.read.root import DEFAULT_DIRNAME, RootNotFoundError, find_root

    if explicit is not None:
        return explicit.absolute()
    try:
        return find_root(None)
    except RootNotFoundError:
        return Path.cwd() / DEFAULT_DIRNAME


def _taken(root: Path, calendar: Calendar) -> dict[Period, set[str]]:
    """The ids each period's files use already (files that do not load are left out:
    validation will name them)."""
    if not root.is_dir():
        return {}
    from okrcli.check.places import places
    from okrcli.check.validation import validate_root

    taken: dict[Period, set[str]] = {}
    for document in validate_root(root).documents:
        taken.setdefault(document.okr.period, set()).update(p.id for p in places(document))
    return taken


def _rows_refused(problems: list[RowProblem], source: Path, rows: int) -> OkrError:
    from okrcli.base import codes
    from okrcli.base.findings import Finding, Level, Location
    from okrcli.read.files import shown_path

    shown = shown_path(source.absolute())
    findings = [
        Finding(Location(shown, p.row, p.column), Level.ERROR, codes.IMPORT_ROW, p.message, p.hint)
        for p in problems
    ]
    count = "1 row" if len(problems) == 1 else f"{len(problems)} rows"
    return OkrError(
        f"{count} of {rows} in {source.name} cannot be imported; nothing written",
        "fix them in the spreadsheet, or add --skip-bad to import the other rows",
        exit_code=ExitCode.FINDINGS,
        findings=findings,
    )


def _refuse_existing(files: list[ImportedFile]) -> None:
    there = [f for f in files if f.file.exists()]
    if there:
        listed = ", ".join(f"{f.file.parent.name}/{f.file.name}" for f in there)
        raise OkrError(
            f"{listed} exists already; okr import never overwrites a file; nothing written",
            "import into another period (--period), or move the existing file away first",
            exit_code=ExitCode.FINDINGS,
        )
