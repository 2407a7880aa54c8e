"""`okr plan`: start the next period from the last one's decisions."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.cli.options import RootOption

HELP = """\
Plan a period: write its files, one per team, from the previous period's decisions.

Kept and modified objectives are carried with `carried_from: OLD_PERIOD/ID` and their
ids; each metric starts where it ended (`start` = its last `current`); check-in state is
cleared; finished milestones and checklists and dropped key results are left out
(--all keeps the finished ones). Without `okr close`, decisions follow the scores: what
was not achieved is kept. --carry and --drop override a decision. An existing file is
never overwritten. What is written validates; the findings `okr lint` has on it are
listed: the team's part of planning (titles, targets, alignment, what is new).

Examples:

  okr plan                                   # the period after the latest

  okr plan 2027-Q1 --drop GROW-2 --carry PLAT-3

  okr plan 2027-Q2 --from 2026-Q4 --commit
"""


def plan(
    period: Annotated[
        str | None,
        typer.Argument(
            metavar="[PERIOD]",
            help="The period to plan. Default: the one after the latest.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="PERIOD",
            help="The period to continue. Default: the one before PERIOD.",
            show_default=False,
        ),
    ] = None,
    carry: Annotated[
        list[str] | None,
        typer.Option("--carry", metavar="ID", help="Carry this objective whatever its decision."),
    ] = None,
    drop: Annotated[
        list[str] | None,
        typer.Option("--drop", metavar="ID", help="Leave this objective behind."),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Also carry the key results that were finished.")
    ] = False,
    commit: Annotated[bool, typer.Option("--commit", help="Commit exactly the new files.")] = False,
    root: RootOption = None,
) -> None:
    from okrcli.api.cycle import PlanRequest
    from okrcli.api.cycle import plan as plan_period
    from okrcli.render.cycle import plan_summary

    request = PlanRequest(
        root,
        period,
        source,
        frozenset(carry or ()),
        frozenset(drop or ()),
        everything,
        commit,
    )
    typer.echo(plan_summary(plan_period(request)), nl=False)
