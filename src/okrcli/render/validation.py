"""A validation result in the format asked for: the one place that picks the renderer."""

from __future__ import annotations

from okrcli.render.findings import (
    Summary,
    render_github,
    render_gitlab,
    render_json,
    render_text,
)
from okrcli.render.formats import ValidateFormat
from okrcli.rules import code_name
from okrcli.validate import Validation


def render_validation(
    result: Validation, output_format: ValidateFormat, quiet: bool, color: bool
) -> str:

    summary = _summary(result)
    if output_format is ValidateFormat.json:
        return render_json(result.findings, summary, code_name)
    if output_format is ValidateFormat.github:
        return render_github(result.findings, summary)
    if output_format is ValidateFormat.gitlab:
        return render_gitlab(result.findings)
    text = render_text(result.findings, summary, color=color)
    if quiet:
        text = "".join(text.splitlines(keepends=True)[:-1])
    return text


def _summary(result: Validation) -> Summary:
    documents = result.documents
    return Summary(
        files=len(result.files),
        periods=len({d.okr.period for d in documents}),
        teams=len({d.okr.team for d in documents}),
        objectives=sum(len(d.okr.objectives) for d in documents),
        key_results=sum(len(o.key_results) for d in documents for o in d.okr.objectives),
    )
