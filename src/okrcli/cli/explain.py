"""`okr explain [CODE]`: what an error code or a practice rule means, and how to fix it."""

from __future__ import annotations

from typing import Annotated

import typer

from okrcli.cli.options import emit

HELP = """\
Explain an error code (OKR0xx: the file format) or a practice rule (OKR1xx: `okr lint`):
what it means, why it matters and how to fix it; or what a key result's `source:` may say
(`source`, or one type: `sql`, `prometheus`, `http`, `file`, `command`). Without CODE, list
them all.

Examples:

  okr explain OKR021

  okr explain sandbagging

  okr explain source

  okr explain
"""


def explain(
    code: Annotated[
        str | None,
        typer.Argument(metavar="[CODE]", help="A code (OKR021) or rule name.", show_default=False),
    ] = None,
) -> None:
    from okrcli.render.explain import explain as explain_text

    emit(explain_text(code))
