""" "Did you mean ...?": the one place that picks near matches for a mistyped word."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6
"""How alike a candidate must be (difflib's ratio): 0.6 keeps `taget` -> `target` and
drops unrelated words."""


def suggest(word: str, choices: Iterable[str], limit: int = 1) -> list[str]:
    """Up to `limit` choices close to `word`, the closest first, compared without regard
    to case; never `word` itself (a suggestion that repeats the input helps nobody)."""
    by_folded: dict[str, str] = {}
    for choice in choices:
        by_folded.setdefault(choice.casefold(), choice)
    folded = word.casefold()
    exact = by_folded.get(folded)
    if exact is not None and exact != word:
        return [exact]  # only the case differs: that is the one
    candidates = [c for c in by_folded if c != folded]
    close = difflib.get_close_matches(folded, candidates, n=limit, cutoff=CUTOFF)
    return [by_folded[c] for c in close]


def did_you_mean(word: str, choices: Iterable[str], limit: int = 1) -> str | None:
    """`did you mean `X`?` (or `X, Y or Z` with a limit above 1), or None."""
    close = suggest(word, choices, limit)
    if not close:
        return None
    quoted = [f"`{c}`" for c in close]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {listed}?"
