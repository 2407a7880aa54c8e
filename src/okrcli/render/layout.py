"""Tables laid out for a width: the one layout behind every table view.

rich's tables wrap any cell anywhere, restart a wrapped title at the cell's first
column, size each table on its own and pad every line to the full width. The views
need more than that, so they lay out their tables here and print the lines:

- one set of column widths for all the tables of a view (every team's), worked out
  from all their rows together;
- a column wraps only if it is declared to, and only at a space: a value that must stay
  whole is written with `keep` (non-breaking spaces), so `33 / 45 -> 38 / 45` breaks
  before the arrow or not at all; short columns never wrap;
- continuation lines keep their cell's indentation (a key result's title wraps under
  itself, not under its objective);
- columns that do not fit are dropped in their stated order, and the view says which;
- no line ends in spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

GAP = 2
"""Spaces between two columns."""
NARROWEST = 40
"""Tables are laid out for at least this many columns, however narrow the terminal."""
NBSP = "\u00a0"
_T = TypeVar("_T", "Text", str)
_WORD = re.compile(r"[^ ]+")


def keep(text: str) -> str:
    """`text` as one piece that a wrapping column never breaks (unless it is wider than
    the column itself)."""
    return text.replace(" ", NBSP)


@dataclass(frozen=True)
class Column:
    name: str
    right: bool = False
    """Right-aligned (numbers)."""
    wraps: bool = False
    """May wrap at spaces (titles, notes, values); other columns are never narrower than
    their widest cell."""
    min_width: int = 0
    """For a wrapping column: the narrowest it may get before columns are dropped."""
    min_share: float = 0.0
    """... or this share of the width, if more: on a wide terminal a title keeps room
    to read, and columns go instead."""
    fill: int = 1
    """For a wrapping column: when it grows towards its natural width. Short values
    (fill 1) get the room they need first; titles (fill 2) take what is left."""
    weight: int = 1
    """For wrapping columns that fill together: each one's share of the room."""
    whole: int = 0
    """For a wrapping column: pieces (text between spaces) up to this wide are never cut:
    the column is at least as wide as its widest piece, up to this."""
    drop: int = 0
    """0: always shown; else dropped to make room, lowest first."""
    max_width: int = 0
    """For a column that does not wrap: cells wider than this are cut, with `…`."""


@dataclass(frozen=True)
class Cell:
    text: Text
    indent: int = 0
    """Every line of the cell starts this far in (a level of a hierarchy)."""
    hang: int = 0
    """Continuation lines start this much further in."""


Row = Sequence["Cell | None"]


@dataclass(frozen=True)
class Layout:
    columns: tuple[Column, ...]
    """The columns shown."""
    widths: tuple[int, ...]
    """Their widths."""
    keep: tuple[int, ...]
    """Their positions in the columns the rows were given for."""
    dropped: tuple[str, ...] = ()
    """Names of the columns left out, in the order they were dropped."""
    full: int = 0
    """The width at which no column would be left out."""

    @property
    def width(self) -> int:
        return sum(self.widths) + GAP * max(0, len(self.widths) - 1)

    def dropped_note(self, width: int) -> str:
        """`left out to fit 80 columns: Progress, Conf. (all show at 104)`, or nothing."""
        if not self.dropped:
            return ""
        left_out = ", ".join(self.dropped)
        return f"left out to fit {width} columns: {left_out} (all show at {self.full})"


@dataclass(frozen=True)
class _Need:
    natural: int
    """The widest cell (or the header), unwrapped."""
    floor: int
    """The narrowest a wrapping column may get at any width."""
    share: float = 0.0

    def narrowest(self, width: int) -> int:
        return min(self.natural, max(self.floor, int(width * self.share)))


def fit(columns: Sequence[Column], rows: Sequence[Row], width: int) -> Layout:
    """Column widths for `rows` (all the tables of a view) in `width` columns: every
    column at its natural width if that fits; else the wrapping columns share what is
    left, in `fill` order and by weight; when even their minimums do not fit, columns
    are dropped in `drop` order."""
    width = max(width, NARROWEST)
    needs = [_need(column, index, rows) for index, column in enumerate(columns)]
    order = sorted((c.drop, i) for i, c in enumerate(columns) if c.drop)
    shown = list(range(len(columns)))
    dropped: list[str] = []
    while _narrowest_total(needs, shown, width) > width and order:
        _, index = order.pop(0)
        shown.remove(index)
        dropped.append(columns[index].name)
    return Layout(
        columns=tuple(columns[i] for i in shown),
        widths=tuple(_share(columns, needs, shown, width)),
        keep=tuple(shown),
        dropped=tuple(dropped),
        full=_full_width(needs, width) if dropped else width,
    )


def _need(column: Column, index: int, rows: Sequence[Row]) -> _Need:
    from rich.cells import cell_len

    natural = piece = cell_len(column.name)
    for row in rows:
        cell = row[index]
        if cell is not None:
            longest = max(cell_len(line) for line in cell.text.plain.split("\n"))
            natural = max(natural, cell.indent + longest)
            if column.whole:
                widest = max((cell_len(w) for w in _WORD.findall(cell.text.plain)), default=0)
                piece = max(piece, cell.indent + cell.hang + min(widest, column.whole))
    if not column.wraps:
        natural = min(natural, column.max_width) if column.max_width else natural
        return _Need(natural, natural)
    return _Need(natural, max(column.min_width, piece), column.min_share)


def _narrowest_total(needs: list[_Need], shown: list[int], width: int) -> int:
    return sum(needs[i].narrowest(width) for i in shown) + GAP * max(0, len(shown) - 1)


def _full_width(needs: list[_Need], width: int) -> int:
    """The narrowest width that shows every column."""
    every = list(range(len(needs)))
    while _narrowest_total(needs, every, width) > width:
        width += 1
    return width


def _share(
    columns: Sequence[Column], needs: list[_Need], shown: list[int], width: int
) -> list[int]:
    """Fixed columns at their natural width; wrapping ones from their minimum, growing
    in `fill` order, one cell at a time to the one furthest below its share (width /
    weight), up to their natural width."""
    widths = {i: needs[i].narrowest(width) for i in shown}
    room = width - _narrowest_total(needs, shown, width)
    for fill in sorted({columns[i].fill for i in shown if columns[i].wraps}):
        growing = [i for i in shown if columns[i].wraps and columns[i].fill == fill]
        while room > 0:
            below = [i for i in growing if widths[i] < needs[i].natural]
            if not below:
                break
            chosen = min(below, key=lambda i: (widths[i] / columns[i].weight, i))
            widths[chosen] += 1
            room -= 1
    return [widths[i] for i in shown]


def render(layout: Layout, rows: Sequence[Row], header_style: str = "bold") -> list[Text]:
    """The header, a rule under it, then `rows` (their cells for every column given to
    `fit`), as lines without trailing spaces."""
    from rich.text import Text

    header = [Text(column.name, style=header_style) for column in layout.columns]
    return _lines(_STYLED, layout, rows, header, lambda text: text)


def show(console: Console, layout: Layout, rows: Sequence[Row]) -> None:
    """`render`ed and printed. Where the console shows no style (a pipe, a file, a CI
    log), the same lines are laid out and written as plain strings: rich's text
    objects cost a third of a 1,000-file `okr status` that only needs the characters."""
    if _styled(console):
        print_lines(console, render(layout, rows))
        return
    header = [column.name for column in layout.columns]
    lines = _lines(_PLAIN, layout, rows, header, lambda text: text.plain)
    if any("\t" in line for line in lines):  # rich expands tabs: leave them to it
        print_lines(console, render(layout, rows))
        return
    _write(console, lines)


def _lines(
    kit: _Kit[_T],
    layout: Layout,
    rows: Sequence[Row],
    header: list[_T],
    text_of: Callable[[Text], _T],
) -> list[_T]:
    lines = _row_lines(kit, layout, [_Piece(text) for text in header])
    lines.append(kit.indented(kit.blank(), layout.width, "─"))  # the rule under the header
    for row in rows:
        cells = [row[i] for i in layout.keep]
        pieces = [None if c is None else _Piece(text_of(c.text), c.indent, c.hang) for c in cells]
        lines += _row_lines(kit, layout, pieces)
    return lines


@dataclass(frozen=True)
class _Piece(Generic[_T]):
    """A cell's text as a rich `Text` (styled) or as a plain string."""

    text: _T
    indent: int = 0
    hang: int = 0


def _row_lines(kit: _Kit[_T], layout: Layout, cells: Sequence[_Piece[_T] | None]) -> list[_T]:
    from rich.cells import cell_len

    blocks: list[list[_T]] = [
        []
        if cell is None
        else _wrap(kit, cell, width)
        if column.wraps
        else [_cut_to(kit, cell, width)]
        for cell, width, column in zip(cells, layout.widths, layout.columns, strict=True)
    ]
    lines = []
    for number in range(max([1, *(len(block) for block in blocks)])):
        parts: list[_T] = []
        spaces = 0  # spaces owed before the next piece: none at the end of a line
        for block, width, column in zip(blocks, layout.widths, layout.columns, strict=True):
            piece = block[number] if number < len(block) else None
            shown = kit.text(piece) if piece is not None else ""
            room = width - cell_len(shown)
            if piece is not None and shown:
                parts.append(kit.indented(piece, spaces + (room if column.right else 0)))
                spaces = 0 if column.right else room
            else:
                spaces += width
            spaces += GAP
        lines.append(kit.joined(parts))
    return lines


def _cut_to(kit: _Kit[_T], cell: _Piece[_T], width: int) -> _T:
    """A cell of a column that does not wrap: one line, cut with `…` if too wide."""
    return kit.cut(kit.unbroken(kit.indented(cell.text, cell.indent)), width)


def wrap(cell: Cell, width: int) -> list[Text]:
    """The cell's lines in `width` columns: each of its paragraphs (its own line breaks)
    broken at spaces, a piece wider than a line cut by cells; every line indented,
    continuation lines by the hang too."""
    return _wrap(_STYLED, _Piece(cell.text, cell.indent, cell.hang), width)


def _wrap(kit: _Kit[_T], cell: _Piece[_T], width: int) -> list[_T]:
    from rich.cells import cell_len

    plain = kit.text(cell.text)
    if "\n" not in plain and NBSP not in plain and cell.indent + cell_len(plain) <= width:
        return [kit.indented(cell.text, cell.indent) if cell.indent else cell.text]
    lines = []
    for text in kit.paragraphs(cell.text):
        spans = _breaks(kit.text(text), width - cell.indent, width - cell.indent - cell.hang)
        for number, (start, end) in enumerate(spans):
            indent = cell.indent + (cell.hang if number else 0)
            lines.append(kit.indented(kit.unbroken(text[start:end]), indent))
    return lines


@dataclass(frozen=True)
class _Kit(Generic[_T]):
    """What the layout does to a piece of text, styled (rich `Text`) or plain (`str`):
    one layout, two kinds of line."""

    blank: Callable[[], _T]
    text: Callable[[_T], str]
    indented: Callable[..., _T]
    """(piece, spaces, fill=" "): the piece after that many spaces (or fill characters)."""
    unbroken: Callable[[_T], _T]
    """Non-breaking spaces, there to keep a value whole, shown as spaces."""
    cut: Callable[[_T, int], _T]
    """Cut to a width with `…`, as rich's `Text.truncate` cuts."""
    paragraphs: Callable[[_T], list[_T]]
    joined: Callable[[list[_T]], _T]


def _text_indented(piece: Text, spaces: int, fill: str = " ") -> Text:
    from rich.text import Text

    return Text(fill * spaces).append_text(piece)


def _text_unbroken(piece: Text) -> Text:
    piece.plain = piece.plain.replace(NBSP, " ")
    return piece


def _text_cut(piece: Text, width: int) -> Text:
    piece.truncate(width, overflow="ellipsis")
    return piece


def _text_joined(parts: list[Text]) -> Text:
    from rich.text import Text

    line = Text()
    for part in parts:
        line.append_text(part)
    return line


def _str_paragraphs(piece: str) -> list[str]:
    """As rich's `Text.split("\\n")`: no empty paragraph after a final line break."""
    paragraphs = piece.split("\n")
    return paragraphs[:-1] if len(paragraphs) > 1 and not paragraphs[-1] else paragraphs


def _str_cut(piece: str, width: int) -> str:
    from rich.cells import cell_len, set_cell_size

    return set_cell_size(piece, width - 1) + "…" if cell_len(piece) > width else piece


def _text_blank() -> Text:
    from rich.text import Text

    return Text()


_STYLED: _Kit[Text] = _Kit(
    blank=_text_blank,
    text=lambda piece: piece.plain,
    indented=_text_indented,
    unbroken=_text_unbroken,
    cut=_text_cut,
    paragraphs=lambda piece: list(piece.split("\n")),
    joined=_text_joined,
)
_PLAIN: _Kit[str] = _Kit(
    blank=str,
    text=lambda piece: piece,
    indented=lambda piece, spaces, fill=" ": fill * spaces + piece,
    unbroken=lambda piece: piece.replace(NBSP, " "),
    cut=_str_cut,
    paragraphs=_str_paragraphs,
    joined="".join,
)


def paragraph(text: Text, width: int, indent: int = 0, hang: int = 0) -> list[Text]:
    """A note below a table, wrapped at spaces to `width`, its continuation lines under
    its text (`hang` further in than its first)."""
    return wrap(Cell(text, indent, hang), max(width, NARROWEST))


def _breaks(plain: str, first: int, rest: int) -> list[tuple[int, int]]:
    """Greedy line breaks of `plain` at spaces: (start, end) of each line's text, the
    first line `first` cells wide, the others `rest`."""
    from rich.cells import cell_len

    first, rest = max(first, 1), max(rest, 1)
    lines: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    used = 0
    for word in _WORD.finditer(plain):
        size = cell_len(word.group())
        room = rest if lines else first
        if current is not None:
            if used + 1 + size <= room:
                current, used = (current[0], word.end()), used + 1 + size
                continue
            lines.append(current)
            room = rest
        *whole, current = _cut(plain, word.start(), word.end(), room, rest)
        lines += whole
        used = cell_len(plain[current[0] : current[1]])
    if current is not None:
        lines.append(current)
    return lines or [(0, 0)]


def _cut(plain: str, start: int, end: int, room: int, rest: int) -> list[tuple[int, int]]:
    """A word wider than its line, cut into pieces that fit (by cells, not characters):
    the first in `room`, the next ones in `rest`."""
    from rich.cells import cell_len

    pieces = []
    begin, used, limit = start, 0, room
    for index in range(start, end):
        size = cell_len(plain[index])
        if used + size > limit and index > begin:
            pieces.append((begin, index))
            begin, used, limit = index, 0, rest
        used += size
    pieces.append((begin, end))
    return pieces


def print_lines(console: Console, lines: Sequence[Text]) -> None:
    """Laid-out lines, printed as one text: one `print` per line made rich measure and
    style each line on its own (a fifth of a 1,000-file `okr status`)."""
    from rich.text import Text

    if not lines:
        return
    if not _styled(console) and not any("\t" in line.plain for line in lines):
        _write(console, [line.plain for line in lines])
        return
    console.print(Text("\n").join(lines), soft_wrap=True)


def _styled(console: Console) -> bool:
    """Whether `console` writes styles (colour, bold): not to a pipe, a file or a log."""
    return console.color_system is not None or console.is_jupyter or console.record


def _write(console: Console, lines: Sequence[str]) -> None:
    """What rich prints for unstyled text without tabs, soft-wrapped: the characters
    (`Text` has removed the control codes), each line ended."""
    console.file.write("".join(f"{line}\n" for line in lines))
