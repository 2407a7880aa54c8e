"""User text made safe for each kind of output: the one place that knows how.

okrcli runs in CI on files from pull requests, so every title, owner, unit, item,
key name, file name, commit message and author, and every finding message that quotes
one of them, is hostile text. Each output kind has one function here, and every
renderer passes user text through the right one:

- `plain`: terminal tables, text reports, stderr. These land in CI logs, where the
  GitHub runner reads a workflow command from any line that starts with `::` (after
  leading whitespace) and from `##[` anywhere in a line. Line breaks fold to spaces,
  control and bidi characters go, and `::` and `##[` get a zero-width space inside.
- `markdown` (and `md_code` for a code span): GitHub-flavoured markdown; `plain`, then
  HTML, emphasis, tables, links, autolinks and @-mentions are made inert. Ordinary
  words, digits, spaces, `%`, `-`, `.`, `/` stay as written.
- `csv_cell` (and `csv_text` for a whole table): `plain`, and a `'` before a cell a
  spreadsheet would read as a formula; every data field is quoted.
- `json_text`: the one JSON writer: the data stays the same, but characters that break
  or reorder lines and `##[` are written as `\\uXXXX` escapes.
- `annotation_data` / `annotation_property`: GitHub workflow-command annotations:
  the runner's %-escaping, with controls stripped and `##[` broken.
- `html_text`: the HTML report. Its template engine (Jinja2, autoescape on) escapes
  `<`, `>`, `&` and quotes of every value it writes; `html_text` runs first on every
  string (the engine's `finalize`) and makes it as `plain` does (the page may be printed
  in a CI log). No user text is written into the report's one script (it reads the
  page), so none needs escaping for a script.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence

ZWSP = "\u200b"
"""ZERO WIDTH SPACE: invisible, not whitespace to the runner, breaks every pattern."""

# Line breaks as Python, the runner (.NET ReadLine), browsers and terminals see them.
_CRLF = re.compile(r"\r\n")
_FOLD = "\r\n\u2028\u2029\x85\x0b\x0c\t"
# C0 controls (ESC among them), DEL, C1 controls, and the characters that reorder text:
# bidi embeddings, overrides and isolates, and the LRM, RLM and ALM marks.
_DROP = (
    [chr(c) for c in range(0x20) if chr(c) not in _FOLD]
    + [chr(c) for c in range(0x7F, 0xA0) if chr(c) not in _FOLD]
    + ["\u200e", "\u200f", "\u061c"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
_CLEAN = str.maketrans({**dict.fromkeys(_FOLD, " "), **dict.fromkeys(_DROP)})
_COMMAND_COLONS = re.compile(r":(?=:)")


def _strip(text: str) -> str:
    """Line breaks and tabs to spaces (CRLF to one), controls and bidi marks removed."""
    return _CRLF.sub(" ", text).translate(_CLEAN)


def _defuse(text: str) -> str:
    """No `::` (a workflow command where a line starts) and no `##[` (a legacy command
    anywhere): a zero-width space inside each. Text wraps in tables, so any `::` could
    start a line."""
    return _COMMAND_COLONS.sub(":" + ZWSP, text.replace("##[", "##" + ZWSP + "["))


def plain(text: str) -> str:
    """User text for a human-readable line: one line, no control or bidi characters, no
    workflow command."""
    return _defuse(_strip(text))


# ---- markdown ---------------------------------------------------------------------------

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Active anywhere: escapes, code, emphasis, strikethrough, tables, math.
_ALWAYS = frozenset("\\`*_|~$")
# A code span okrcli's own messages use (`okr validate`, unknown key `x`): kept as code
# when it holds nothing active in a table or in HTML; otherwise it is escaped as text.
_CODE_SPAN = re.compile(r"(?<!`)`([^`]+)`(?!`)")
_CODE_UNSAFE = frozenset("`<>&|\\@")


def _inert_code(text: str) -> bool:
    """Whether `text` reads the same, and safely, as a code span in a table cell."""
    return bool(text.strip()) and _CODE_UNSAFE.isdisjoint(text)


def markdown(text: str) -> str:
    """User text inside a GitHub-flavoured markdown line or table cell: it renders as the
    same text and nothing else (no HTML, link, image, autolink, mention, emphasis, new
    cell). It is made for inline places: okrcli starts no markdown line with user text
    (a leading `#` is escaped all the same)."""
    text = plain(text)
    lead = len(text) - len(text.lstrip())  # where a heading could start
    parts: list[str] = []
    done = 0
    for span in _CODE_SPAN.finditer(text):
        if _inert_code(span.group(1)):
            parts.append(_md_text(text, done, span.start(), lead))
            parts.append(span.group(0))
            done = span.end()
    parts.append(_md_text(text, done, len(text), lead))
    return "".join(parts)


def md_code(text: str) -> str:
    """User text as a code span (a path, a revision) where that is safe, else as text."""
    text = plain(text)
    return f"`{text}`" if _inert_code(text) else markdown(text)


def _md_text(text: str, start: int, end: int, lead: int) -> str:
    """`text[start:end]` escaped; the characters around it decide what is active."""
    out: list[str] = []
    for i in range(start, end):
        char = text[i]
        after = text[i + 1] if i + 1 < len(text) else ""
        if char in _HTML:
            out.append(_HTML[char])
        elif char in _ALWAYS or _active(text, i, char, after, lead):
            out.append("\\" + char)
        elif char == "@":
            out.append("@" + ZWSP)  # an @-mention (or an e-mail autolink) no longer
        else:
            out.append(char)
    return "".join(out)


def _active(text: str, i: int, char: str, after: str, lead: int) -> bool:
    """Characters that start markdown only in some places."""
    match char:
        case "]":  # a link or image: `](`, a reference `][`; at the end, who knows
            return after in ("(", "[", "")
        case "[":  # a footnote reference
            return after == "^"
        case "!":  # an image `![`
            return after in ("[", "")
        case "#":  # a heading where the text starts a line
            return i == lead
        case ":":  # an autolink `http://`
            return text.startswith("//", i + 1)
        case ".":  # an autolink `www.`
            return text[max(0, i - 3) : i].lower() == "www"
        case _:
            return False


# ---- CSV --------------------------------------------------------------------------------

_FORMULA = re.compile(r"\s*[=+\-@\t\r]")


def csv_cell(value: str) -> str:
    """User text in a spreadsheet cell: one line, no controls, never a formula."""
    text = plain(value)
    return "'" + text if _FORMULA.match(value) or _FORMULA.match(text) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV table: the header as is (okrcli's own names), then every field quoted
    (a quoted field stays one cell whatever a spreadsheet's separator), strings through
    `csv_cell`, numbers as numbers."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(header)
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        writer.writerow([csv_cell(cell) if isinstance(cell, str) else cell for cell in row])
    return buffer.getvalue()


# ---- JSON -------------------------------------------------------------------------------

# Raw in `json.dumps(ensure_ascii=False)` but unwelcome in a log: DEL and C1 controls,
# line and paragraph separators, bidi controls and marks. Outside strings JSON holds
# none of them (nor `#`), so escaping them keeps the document valid and its data equal.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def json_text(payload: object, *, ensure_ascii: bool = False) -> str:
    """The one JSON writer (indented, no trailing newline): what it prints into a CI log
    can neither break a line nor carry a `##[` workflow command."""
    text = json.dumps(payload, indent=2, ensure_ascii=ensure_ascii)
    text = _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return text.replace("##[", "##\\u005b")


# ---- GitHub workflow-command annotations ------------------------------------------------


def annotation_data(text: str) -> str:
    """The message of `::error ...::MESSAGE`: user line breaks fold, controls go, `##[`
    breaks, then the runner's escaping."""
    return plain(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(text: str) -> str:
    """A property value of `::error file=VALUE,...::`."""
    return annotation_data(text).replace(":", "%3A").replace(",", "%2C")


# ---- HTML -------------------------------------------------------------------------------


def html_text(text: str) -> str:
    """User text for the HTML report, before the template engine escapes it for HTML:
    as `plain` makes it, one line without control or reordering characters and without
    a workflow command, since the page may be printed where a CI runner reads it (HTML
    shows a line break as a space anyway)."""
    return plain(text)
