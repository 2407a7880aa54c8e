"""Example files the alignment rules share in their documentation."""

COMPANY = """\
period: 2026-Q4
team: company
owner: maya
objectives:
  - id: ACME-1
    title: Earn a reputation for rock-solid reliability
    key_results:
      - {id: ACME-1.1, title: Raise API availability, start: 99.5, target: 99.9, unit: "%"}
      - {id: ACME-1.2, title: Cut customer-facing incidents, start: 6, target: 2}
"""
