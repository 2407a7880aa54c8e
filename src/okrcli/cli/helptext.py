"""Help texts as the terminal should wrap them.

Each command's help is written in its module as readable source: prose paragraphs
hard-wrapped like the code around them, examples indented. typer (rich) keeps every
line break of a paragraph after the first, so a hard-wrapped paragraph would be
wrapped twice: at the source's line ends and again at the terminal's width, leaving
ragged lines. `unwrapped` joins each prose paragraph into one line for the terminal
to wrap once, at its own width; indented lines (examples) stay as written.
"""

from __future__ import annotations


def unwrapped(text: str) -> str:
    """`text` with each prose paragraph on one line; paragraphs with an indented line
    (examples, lists) unchanged."""
    paragraphs = text.strip("\n").split("\n\n")
    return "\n\n".join(
        paragraph
        if any(line.startswith(" ") for line in paragraph.splitlines())
        else " ".join(line.strip() for line in paragraph.splitlines())
        for paragraph in paragraphs
    )
