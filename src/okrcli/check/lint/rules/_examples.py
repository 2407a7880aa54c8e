"""The pieces the rules' bad and good example files are made of.

Most examples are one team file with one objective, and the bad and the good file differ in a
line or two. The parts they share (the file header, the usual objective and its key results)
live here, so that a rule module spells out only what its example is about.

Objective fields and key results are YAML text without their indentation: a field is one
`key: value` line, a key result one flow mapping (`{id: P-1.1, ...}`) or several `key: value`
lines joined with newlines (a block mapping).
"""

from __future__ import annotations

from collections.abc import Sequence

PLATFORM_YAML = "2026-Q4/platform.yaml"
GROWTH_YAML = "2026-Q4/growth.yaml"
COMPANY_YAML = "2026-Q4/company.yaml"

RELIABLE_DEPLOYS = "Make deploys boringly reliable"
RELIABILITY_STANDALONE = "Reliability is our own bar this quarter."

DEPLOY_SUCCESS_KR = "{id: P-1.1, title: Raise deploy success rate, start: 92, target: 99}"
ROLLBACK_KR = "{id: P-1.2, title: Cut rollback time, start: 30, target: 5}"
DEPLOY_KEY_RESULTS = (DEPLOY_SUCCESS_KR, ROLLBACK_KR)


def team_file(
    objectives: str, team: str = "platform", owner: str | None = "dana", period: str = "2026-Q4"
) -> str:
    """A team's OKR file: the header, then `objectives` (the list's lines, indented)."""
    owner_line = "" if owner is None else f"owner: {owner}\n"
    return f"period: {period}\nteam: {team}\n{owner_line}objectives:\n{objectives}"


def objective(objective_id: str, title: str, *fields: str, key_results: Sequence[str] = ()) -> str:
    """One objective in block style: its id, title, other `fields`, then its key results."""
    lines = [f"  - id: {objective_id}", f"    title: {title}"]
    lines += (f"    {field}" for field in fields)
    if key_results:
        lines.append("    key_results:")
        lines += (_list_item(key_result, indent="      ") for key_result in key_results)
    return "".join(f"{line}\n" for line in lines)


def with_fields(key_result: str, *fields: str) -> str:
    """A flow-mapping key result with `fields` (`key: value`) added at its end."""
    return "".join((key_result.removesuffix("}"), *(f", {field}" for field in fields), "}"))


def platform_file(
    *fields: str,
    title: str = RELIABLE_DEPLOYS,
    standalone: str | None = RELIABILITY_STANDALONE,
    key_results: Sequence[str] = DEPLOY_KEY_RESULTS,
    owner: str | None = "dana",
) -> str:
    """The platform team's file with one objective, P-1: by default reliable deploys.

    `fields` come after the title; `standalone` (left out when None) after them.
    """
    fields += _standalone(standalone)
    return team_file(objective("P-1", title, *fields, key_results=key_results), owner=owner)


def growth_file(*fields: str, title: str, standalone: str, key_results: Sequence[str]) -> str:
    """The growth team's file with one objective, G-1 (`fields` come after the title)."""
    objectives = objective("G-1", title, *fields, *_standalone(standalone), key_results=key_results)
    return team_file(objectives, team="growth", owner="priya")


def _standalone(reason: str | None) -> tuple[str, ...]:
    return () if reason is None else (f"standalone: {reason}",)


def _list_item(text: str, indent: str) -> str:
    first, *rest = text.split("\n")
    return "\n".join((f"{indent}- {first}", *(f"{indent}  {line}" for line in rest)))


# The company objective the alignment rules' examples align to.
COMPANY = team_file(
    objective(
        "ACME-1",
        "Earn a reputation for rock-solid reliability",
        key_results=(
            '{id: ACME-1.1, title: Raise API availability, start: 99.5, target: 99.9, unit: "%"}',
            "{id: ACME-1.2, title: Cut customer-facing incidents, start: 6, target: 2}",
        ),
    ),
    team="company",
    owner="maya",
)
