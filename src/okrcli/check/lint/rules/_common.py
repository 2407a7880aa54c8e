"""Helpers the rule modules share: iterating objectives and key results, words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrcli.check.lint.engine import RuleContext
    from okrcli.check.places import Place
    from okrcli.read.documents import Document

# Apostrophes straight or typographic (U+2019) stay inside a word: "team's".
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019%-]*")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def lower_words(text: str) -> set[str]:
    return {word.lower().strip("'\u2019") for word in words(text)}


def objectives(context: RuleContext) -> Iterator[Place]:
    return context.index.objectives()


def key_results(context: RuleContext) -> Iterator[Place]:
    return context.index.key_results()


def is_top_level(document: Document, context: RuleContext) -> bool:
    return document.okr.team == context.top_level_team
