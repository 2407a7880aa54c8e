"""`okr init`: a commented example file for a team and period, which validates clean."""

from __future__ import annotations

from pathlib import Path

from okrcli.edit.atomic import write_new
from okrcli.model.period import Period

TEMPLATE = """\
# yaml-language-server: $schema={schema_url}
# OKRs of team `{team}` for {period}. `okr validate` checks this file; `okr explain CODE`
# explains any error it reports, and the schema beside the period folders drives editors.
# Score at the end of the quarter: 0.0-1.0; about 0.7 is a good result for an
# aspirational objective, committed objectives are expected to reach 1.0.
period: {period}
team: {team}
owner: {owner}

objectives:
  - id: {prefix}-1
    title: Make our service a joy to depend on
    type: aspirational        # committed | aspirational
    standalone: Replace with aligns_to once the company OKRs exist.
    key_results:
      - id: {prefix}-1.1
        title: Raise weekly active teams
        start: 40             # a metric moves from start to target
        target: 60
        current: 40
        confidence: 0.6       # how likely you think reaching the target is
      - id: {prefix}-1.2
        title: Cut median time to first answer
        start: 12
        target: 4             # target below start: a decreasing metric
        unit: h
      - id: {prefix}-1.3
        title: Publish the public roadmap
        kind: milestone       # done or not done
        done: false
        due: {due}
"""


def scaffold(root: Path, team: str, period: Period, owner: str, schema_url: str) -> Path:
    """Write the example file for `team` in `period`; OkrError if it exists."""
    target = root / str(period) / f"{team}.yaml"
    prefix = "".join(ch for ch in team.upper() if ch.isalnum())[:4] or "TEAM"
    if not prefix[0].isalpha():
        prefix = "T" + prefix
    text = TEMPLATE.format(
        team=team,
        period=period,
        owner=owner,
        prefix=prefix,
        due=period.end.isoformat(),
        schema_url=schema_url,
    )
    write_new(target, text)
    return target
