"""What `status`, `tree` and `report` share: period filters, and loading a scored period.

Invalid files stop these commands with the same located errors as `okr validate`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.cli.options import EXIT_FINDINGS, resolve_root, usage_error

if TYPE_CHECKING:
    from okrcli.scoring import PeriodResult
    from okrcli.validate import Validation

PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        help="Period YYYY-Qn. Default: the one containing --as-of, else the latest.",
        show_default=False,
    ),
]
TeamOption = Annotated[
    str | None, typer.Option("--team", "-t", help="Only this team.", show_default=False)
]
OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner", help="Only objectives and key results this person owns.", show_default=False
    ),
]
AsOfOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        help="Score as of this day (YYYY-MM-DD). Default: today.",
        show_default=False,
    ),
]


NoHistoryOption = Annotated[
    bool,
    typer.Option(
        "--no-history",
        help="Skip git history (staleness, forecasts, time in band); faster.",
    ),
]


def validated(
    root_option: Path | None,
    *,
    as_json: bool = False,
    with_lint: bool = False,
    as_of: dt.datetime | None = None,
) -> Validation:
    """Validate the whole root; on errors print them as `okr validate` does and exit 1.

    `with_lint` keeps the practice rules' warnings and infos too (for the report).
    """
    from okrcli.findings import Level
    from okrcli.validate import validate_root

    root = resolve_root(root_option)
    minimum = Level.INFO if with_lint else Level.ERROR
    day = as_of.date() if as_of is not None else None
    validation = validate_root(root, minimum=minimum, as_of=day)
    if not validation.ok:
        from okrcli.render.formats import ValidateFormat
        from okrcli.render.validation import render_validation

        chosen = ValidateFormat.json if as_json else ValidateFormat.text
        typer.echo(render_validation(validation, chosen, quiet=False, color=False), nl=False)
        raise typer.Exit(EXIT_FINDINGS)
    return validation


def score(
    validation: Validation,
    period: str | None,
    team: str | None,
    owner: str | None,
    as_of: dt.datetime | None,
    no_history: bool = False,
) -> PeriodResult:
    from okrcli.periods import Period
    from okrcli.scoring import Selection, default_period, periods_of, score_period

    day = as_of.date() if as_of is not None else dt.date.today()
    chosen = period or default_period(validation.documents, day)
    if chosen is None:
        usage_error("no OKR files found under the OKR root; start with `okr init`")
    if Period.parse(chosen) is None:
        usage_error(f"period {chosen!r} is not of the form YYYY-Qn, e.g. 2026-Q4")
    known = periods_of(validation.documents)
    if chosen not in known:
        usage_error(f"no OKR files for {chosen}; periods found: {', '.join(known)}")
    selection = Selection(period=chosen, team=team, owner=owner)
    from okrcli.timeline import activity_of

    found = None
    if not no_history and validation.root is not None:
        found = validation.activity or activity_of(validation.root)
    return score_period(validation.documents, selection, day, validation.config.status, found)
