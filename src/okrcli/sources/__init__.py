"""Fetching the numbers that key results' `source:` names (`okr sync`).

One module per type of source (`sql`, `prometheus`, `http`, `files`, `command`), each a
function from the source's model to the raw value it found; `fetch.fetch` turns that
into the number to check in (finite, scaled, rounded) and `runner.run_all` fetches many
at once, bounded, each within its timeout. Every expected failure is a `SourceError`
(an `OkrError`) whose message says what went wrong in the source's terms.

Nothing here runs during `validate`, `status` or `report`: only `okrcli.api.sync`
imports this package.
"""
