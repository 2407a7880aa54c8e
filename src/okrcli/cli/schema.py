"""`okr schema`: the JSON Schema (draft-07) of the OKR file format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

HELP = """\
Print the JSON Schema (draft-07) of the OKR file format.

The schema is generated from the same models that `okr validate` uses.

Point your editor at it (yaml-language-server modeline) or check files with other tools.

Examples:

  okr schema > okr-file-v1.schema.json

  check-jsonschema --schemafile okr-file-v1.schema.json okrs/*/*.yaml
"""


def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False
        ),
    ] = None,
) -> None:
    from okrcli.edit.atomic import write_replacing
    from okrcli.model.schema import schema_text

    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_replacing(output, text)  # atomic; a link is refused, never followed
        typer.echo(f"wrote {output}", err=True)
