"""What `okr close`, `okr reopen` and `okr plan` say they did, as plain text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrcli.render.escape import plain
from okrcli.render.paths import display_path

if TYPE_CHECKING:
    from okrcli.api.cycle import CloseOutcome, PlanOutcome


def close_summary(outcome: CloseOutcome) -> str:
    closed = outcome.closed
    lines = [f"{plain(display_path(file))}: closed" for file in outcome.files]
    score = f": score {closed.score:.2f}" if closed.score is not None else ""
    lines.append(f"{outcome.period} closed on {outcome.day}{score}")
    width = max((len(ident) for ident in closed.decisions), default=0)
    for ident, decision in closed.decisions.items():
        grade = closed.objective_scores[ident]
        lines.append(f"  {plain(ident):<{width}}  {grade:.2f}  {decision}")
    if closed.without_reflection:
        missing = ", ".join(plain(ident) for ident in closed.without_reflection)
        lines.append(f"without a reflection (`okr lint` asks for them): {missing}")
    if outcome.commit is not None:
        lines.append(f"committed {outcome.commit[:12]}: {outcome.subject}")
    if outcome.tag is not None:
        lines.append(f"tagged {outcome.tag}")
    lines.append(f"next: `okr plan {outcome.period.next()}` starts the next period from it")
    return "\n".join(lines) + "\n"


def plan_summary(outcome: PlanOutcome) -> str:
    lines = []
    for planned in outcome.written:
        carried = ", ".join(plain(ident) for ident in planned.carried)
        lines.append(f"{plain(display_path(planned.file))}: carries {carried}")
        if planned.left_out:
            left = ", ".join(plain(item) for item in planned.left_out)
            lines.append(f"  left out: {left}")
    for planned in outcome.existing:
        shown = plain(display_path(planned.file))
        lines.append(f"{shown}: exists already, left as it is (okr never overwrites a file)")
    count = len(outcome.written)
    files = "1 file" if count == 1 else f"{count} files"
    lines.append(f"{outcome.period} planned from {outcome.source}: {files} written")
    if outcome.to_fill_in:
        from okrcli.render.findings import message, where

        lines.append("to fill in (what `okr lint` asks of the new files):")
        for finding in outcome.to_fill_in:
            place = plain(where(finding.location))
            lines.append(f"  {place}: {finding.code}: {plain(message(finding))}")
    if outcome.commit is not None:
        lines.append(f"committed {outcome.commit[:12]}: okr: plan {outcome.period}")
    return "\n".join(lines) + "\n"
