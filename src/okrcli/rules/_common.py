"""Helpers the rule modules share: iterating objectives and key results, words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from okrcli.checks import Place, places

if TYPE_CHECKING:
    from okrcli.load import Document
    from okrcli.rules import RuleContext

# Apostrophes straight or typographic (U+2019) stay inside a word: "team's".
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019%-]*")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def lower_words(text: str) -> set[str]:
    return {word.lower().strip("'\u2019") for word in words(text)}


def objectives(context: RuleContext) -> Iterator[Place]:
    for document in context.documents:
        yield from (p for p in places(document) if p.key_result is None)


def key_results(context: RuleContext) -> Iterator[Place]:
    for document in context.documents:
        yield from (p for p in places(document) if p.key_result is not None)


def is_top_level(document: Document, context: RuleContext) -> bool:
    return document.okr.team == context.top_level_team
