"""The `okr` command: a typer app whose commands import the core only when they run."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info

from okrcli import __version__
from okrcli.cli import checkin as checkin_cmd
from okrcli.cli import close as close_cmd
from okrcli.cli import demo as demo_cmd
from okrcli.cli import diff as diff_cmd
from okrcli.cli import explain as explain_cmd
from okrcli.cli import import_ as import_cmd
from okrcli.cli import init as init_cmd
from okrcli.cli import lint as lint_cmd
from okrcli.cli import plan as plan_cmd
from okrcli.cli import report as report_cmd
from okrcli.cli import schema as schema_cmd
from okrcli.cli import status as status_cmd
from okrcli.cli import sync as sync_cmd
from okrcli.cli import timeline as timeline_cmd
from okrcli.cli import tree as tree_cmd
from okrcli.cli import validate as validate_cmd
from okrcli.cli.errors import handled, run_guarded
from okrcli.cli.helptext import unwrapped

if TYPE_CHECKING:
    from typer._click import Command  # typer carries its own click from 0.26 on
    from typer.models import CommandInfo

commands = typer.Typer()
"""Where the commands are registered; `app` builds each one only when it is used."""


class _BuiltOnUse(MutableMapping[str, "Command"]):
    """The group's commands by name, each built from its typer signature the first time
    it is looked up. typer builds every command of a group before parsing anything:
    eighteen signatures read and their options made, 13 ms of a 70 ms `okr --version`,
    for the one command that runs (help lists them all, and builds them all)."""

    def __init__(self, registered: list[CommandInfo]) -> None:
        self._registered = {str(info.name): info for info in registered}
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            self._built[name] = get_command_from_info(
                self._registered[name],  # KeyError: no such command
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return self._built[name]

    @property
    def built(self) -> list[str]:
        """The names of the commands built so far."""
        return list(self._built)

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("okr's commands are fixed")

    def __iter__(self) -> Iterator[str]:
        return iter({**self._registered, **self._built})

    def __len__(self) -> int:
        return len({**self._registered, **self._built})


class _Group(TyperGroup):
    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.commands = _BuiltOnUse(commands.registered_commands)


app = typer.Typer(
    cls=_Group,
    name="okr",
    help="Keep your team's OKRs as YAML files in git: validate, score, diff and check in.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"okr {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Show the version and exit.",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Keep your team's OKRs as YAML files in git: validate, score, diff and check in.

    Files live at okrs/<period>/<team>.yaml. Start with `okr init`, check with
    `okr validate`.
    """


_COMMANDS: tuple[tuple[str, str, Callable[..., Any]], ...] = (
    ("status", status_cmd.HELP, status_cmd.status),
    ("tree", tree_cmd.HELP, tree_cmd.tree),
    ("report", report_cmd.HELP, report_cmd.report),
    ("diff", diff_cmd.HELP, diff_cmd.diff),
    ("checkin", checkin_cmd.HELP, checkin_cmd.checkin),
    ("sync", sync_cmd.HELP, sync_cmd.sync),
    ("close", close_cmd.CLOSE_HELP, close_cmd.close),
    ("reopen", close_cmd.REOPEN_HELP, close_cmd.reopen),
    ("plan", plan_cmd.HELP, plan_cmd.plan),
    ("import", import_cmd.HELP, import_cmd.import_sheet),
    ("history", timeline_cmd.HISTORY_HELP, timeline_cmd.history),
    ("blame", timeline_cmd.BLAME_HELP, timeline_cmd.blame),
    ("demo", demo_cmd.HELP, demo_cmd.demo),
    ("validate", validate_cmd.HELP, validate_cmd.validate),
    ("lint", lint_cmd.HELP, lint_cmd.lint),
    ("explain", explain_cmd.HELP, explain_cmd.explain),
    ("schema", schema_cmd.HELP, schema_cmd.schema),
    ("init", init_cmd.HELP, init_cmd.init),
)
"""Every command, in the order help lists them."""

for _name, _help, _function in _COMMANDS:
    # A negative VALUE (`okr checkin CS-2.3 -5`) is an argument, not an unknown option.
    _settings = {"ignore_unknown_options": True} if _name == "checkin" else None
    commands.command(_name, help=unwrapped(_help), context_settings=_settings)(handled(_function))


def main() -> None:
    """The `okr` entry point: typer maps usage errors to exit 2; bugs become exit 3.

    The cyclic garbage collector is off for the command's life: a command builds
    millions of small objects (documents, history states) that stay alive until it ends,
    and the collector, triggered by allocations, scanned them again and again for
    nothing (27% of a default `okr status` on 1,000 files and 1,000 commits: 6.2 CPU-s
    with it, 4.4 without; the same peak memory, since okrcli's objects form no cycles
    that reference counting cannot free). The process ends soon after."""
    import gc

    gc.disable()
    sys.exit(run_guarded(app))
