"""`okr close` and `okr reopen`: grade a period, write down what was learned, decide what
carries over; or take the close back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from okrcli.base.errors import OkrError
from okrcli.cli.options import RootOption

if TYPE_CHECKING:
    from okrcli.api.cycle import CloseOutcome
    from okrcli.edit.closing import Decision
    from okrcli.model.okr_file import Objective

CLOSE_HELP = """\
Close a period: record each key result's final grade, each objective's reflection (what
was learned) and its decision for the next period (keep, modify or drop), and the close
date, in the period's files.

Grades are the computed scores unless overridden with a reason (a grade is a
judgement). Reflections come from --reflection, from a YAML file (--reflections, `ID:
text` per line), or, on a terminal, from a prompt per objective; missing ones are
listed, and `okr lint` keeps asking for them. Decisions default to keep for what was not
achieved and drop for what was. Only lines are added: comments and layout stay; nothing
is written on any error. After the close, check-ins into the period are refused and
`okr lint` leaves it out (except to ask for reflections and to flag later changes).

A period is closed once it has ended; --early closes a running one.

Examples:

  okr close 2026-Q3

  okr close 2026-Q3 --reflection ACME-1="Onboarding was the blocker"

  okr close 2026-Q3 --grade PLAT-1.2=0.6 --reason PLAT-1.2="one outage"

  okr close 2026-Q3 --reflections review.yaml --decision PLAT-2=drop --commit

  okr close 2026-Q3 --commit --tag                    # and tag it okr/2026-Q3
"""

REOPEN_HELP = """\
Reopen a closed period: remove its close date and the computed grades (overrides stay,
they are judgements), so it can be checked in on and closed again. With --commit the
reopening is a commit of its own, so history says so.

Examples:

  okr reopen 2026-Q3 --commit --reason "graded on last month's numbers"
"""

PeriodArgument = Annotated[
    str, typer.Argument(metavar="PERIOD", help="The period: 2026-Q3, 2026-H2, 2026.")
]
CommitOption = Annotated[bool, typer.Option("--commit", help="Commit exactly the edited files.")]


def close(
    period: PeriodArgument,
    grade: Annotated[
        list[str] | None,
        typer.Option(
            "--grade", metavar="ID=SCORE", help="Override a final score (needs --reason)."
        ),
    ] = None,
    reason: Annotated[
        list[str] | None,
        typer.Option("--reason", metavar="ID=TEXT", help="Why a grade is overridden."),
    ] = None,
    reflection: Annotated[
        list[str] | None,
        typer.Option("--reflection", metavar="ID=TEXT", help="What was learned, per objective."),
    ] = None,
    reflections: Annotated[
        Path | None,
        typer.Option(
            "--reflections",
            metavar="FILE",
            help="Reflections from a YAML file: `ID: text` per objective.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    decision: Annotated[
        list[str] | None,
        typer.Option(
            "--decision", metavar="ID=keep|modify|drop", help="The decision for an objective."
        ),
    ] = None,
    early: Annotated[bool, typer.Option("--early", help="Close a period still running.")] = False,
    commit: CommitOption = False,
    tag: Annotated[
        bool, typer.Option("--tag", help="Tag the close commit `okr/PERIOD` (with --commit).")
    ] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt for reflections.")
    ] = False,
    root: RootOption = None,
) -> None:
    from okrcli.api.cycle import CloseRequest, read_reflections
    from okrcli.api.cycle import close as close_period

    given = read_reflections(reflections) if reflections is not None else {}
    given |= _pairs(reflection, "--reflection")
    request = CloseRequest(
        root,
        period,
        grades={ident: _grade(ident, text) for ident, text in _pairs(grade, "--grade").items()},
        reasons=_pairs(reason, "--reason"),
        reflections=given,
        decisions=_decisions(_pairs(decision, "--decision")),
        early=early,
        commit=commit,
        tag=tag,
    )
    outcome = close_period(request, None if no_input or not _interactive() else _ask)
    _report_close(outcome)


def reopen(
    period: PeriodArgument,
    commit: CommitOption = False,
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="Why it is reopened: the commit body.", show_default=False),
    ] = None,
    root: RootOption = None,
) -> None:
    from okrcli.api.cycle import reopen as reopen_period
    from okrcli.render.escape import plain
    from okrcli.render.paths import display_path

    outcome = reopen_period(root, period, commit=commit, reason=reason)
    for file in outcome.files:
        typer.echo(f"{plain(display_path(file))}: reopened")
    typer.echo(f"{outcome.period} reopened (it was closed on {outcome.closed_on})")
    if outcome.commit is not None:
        typer.echo(f"committed {outcome.commit[:12]}: okr: reopen {outcome.period}")


def _report_close(outcome: CloseOutcome) -> None:
    from okrcli.render.cycle import close_summary

    typer.echo(close_summary(outcome), nl=False)


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    """`ID=TEXT` options as a mapping; exit 2 for one without `=`."""
    pairs: dict[str, str] = {}
    for value in values or []:
        ident, equals, text = value.partition("=")
        if not equals or not ident.strip() or not text.strip():
            raise OkrError(f"{option} {value!r}: expected ID=VALUE", f"e.g. {option} ACME-1=...")
        pairs[ident.strip()] = text.strip()
    return pairs


def _grade(ident: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise OkrError(
            f"--grade {ident}={text}: not a number", "a grade is from 0.0 to 1.0, e.g. 0.7"
        ) from None


def _decisions(pairs: dict[str, str]) -> dict[str, Decision]:
    from okrcli.edit.closing import DECISIONS

    decisions: dict[str, Decision] = {}
    for ident, text in pairs.items():
        chosen = next((d for d in DECISIONS if d == text.lower()), None)
        if chosen is None:
            raise OkrError(f"--decision {ident}={text}: expected keep, modify or drop")
        decisions[ident] = chosen
    return decisions


def _interactive() -> bool:
    """Prompt only a person: stdin a terminal, and not in CI."""
    import os
    import sys

    return sys.stdin.isatty() and not os.environ.get("CI")


def _ask(objective: Objective, score: float) -> str | None:
    from okrcli.render.escape import plain

    typer.echo(f"\n{plain(objective.id)} {plain(objective.title)} (score {score:.2f})")
    answer: str = typer.prompt(
        "  What was learned? (Enter to skip)", default="", show_default=False
    )
    return answer or None
