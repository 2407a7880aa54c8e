"""The table layout every view shares, and the width output is laid out for."""

from __future__ import annotations

import io
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from okrcli.render.layout import (
    NBSP,
    Cell,
    Column,
    Layout,
    fit,
    keep,
    paragraph,
    print_lines,
    render,
    show,
    wrap,
)
from okrcli.render.terminal import DEFAULT_WIDTH, Terminal, output_width

TITLE = Column("Title", wraps=True, min_width=12, fill=2)
COLUMNS = (
    TITLE,
    Column("Score", right=True),
    Column("Value", wraps=True, min_width=6, whole=12),
    Column("Owner", drop=2),
    Column("Bar", drop=1),
)


def row(title: str, value: str = "", indent: int = 0) -> list[Cell | None]:
    return [
        Cell(Text(title), indent=indent),
        Cell(Text("0.50")),
        Cell(Text(value)) if value else None,
        Cell(Text("dana")),
        Cell(Text("██░░")),
    ]


ROWS = [
    row("OBJ-1 Make deploys boringly reliable for every team"),
    row("OBJ-1.1 Raise the deploy success rate from 92% to 99.5%", keep("33 / 45"), 2),
    row("OBJ-1.2 Cut latency", f"{keep('900 / 400')} {keep('-> 620 / 400')}", 2),
]


def lines(width: int, rows: list[list[Cell | None]] = ROWS) -> list[str]:
    return [line.plain for line in render(fit(COLUMNS, rows, width), rows)]


def test_everything_fits_unwrapped_when_there_is_room() -> None:
    shown = lines(200)
    assert shown[0] == "Title" + " " * 54 + "Score  Value" + " " * 19 + "Owner  Bar"
    assert shown[1] == "─" * 101  # as wide as the table, not the terminal
    assert shown[3] == (
        "  OBJ-1.1 Raise the deploy success rate from 92% to 99.5%   0.50  33 / 45"
        "                 dana   ██░░"
    )
    assert len(shown) == 2 + len(ROWS)  # one line per row: nothing wraps
    assert "900 / 400 -> 620 / 400" in shown[4]


def test_continuation_lines_keep_their_cell_indentation() -> None:
    shown = lines(50)
    kr = shown.index(next(line for line in shown if line.startswith("  OBJ-1.1")))
    assert shown[kr + 1].startswith("  ") and not shown[kr + 1].startswith("   ")
    objective_continued = shown[3]
    assert objective_continued[0] != " "


def test_kept_values_break_only_between_their_pieces() -> None:
    """`900 / 400 -> 620 / 400` breaks before the arrow, never inside a number."""
    shown = lines(48)
    (at,) = [number for number, line in enumerate(shown) if "  900 / 400  " in line]
    assert shown[at + 1] == "  Cut                -> 620 / 400"
    assert NBSP not in "".join(shown)


def test_columns_are_dropped_in_their_order_and_named() -> None:
    """Title at least 20: all five columns need 20+5+12+5+4 and four gaps, 54."""
    columns = (Column("Title", wraps=True, min_width=20, fill=2), *COLUMNS[1:])
    layout = fit(columns, ROWS, 50)
    assert layout.dropped == ("Bar",)
    assert [c.name for c in layout.columns] == ["Title", "Score", "Value", "Owner"]
    assert layout.dropped_note(50) == "left out to fit 50 columns: Bar (all show at 54)"
    assert fit(columns, ROWS, 44).dropped == ("Bar", "Owner")
    assert fit(columns, ROWS, 54).dropped == ()
    assert fit(columns, ROWS, 53).dropped == ("Bar",)
    assert fit(columns, ROWS, 200).dropped_note(200) == ""
    assert fit(columns, ROWS, 49).dropped_note(49) == (
        "left out to fit 49 columns: Bar (all show at 54)"  # the narrowest, not 55
    )


def test_a_lone_column_takes_the_whole_width() -> None:
    only = (Column("Title", wraps=True, min_width=5),)
    assert fit(only, [[Cell(Text("word " * 30))]], 40).widths == (40,)


def test_wrapping_columns_share_the_room_by_weight() -> None:
    columns = (Column("A", wraps=True, weight=1), Column("B", wraps=True, weight=3))
    rows: list[list[Cell | None]] = [[Cell(Text("a " * 60)), Cell(Text("b " * 60))]]
    assert fit(columns, rows, 82).widths == (20, 60)  # 80 shared one to three


def test_a_whole_piece_keeps_room_for_its_indent_and_hang() -> None:
    """`abcdefghij` stays whole under a hang of 3 in a cell indented 2: the column is at
    least 15 wide, so the 24-wide column goes at 40."""
    columns = (Column("V", wraps=True, whole=12), Column("X", drop=1))
    rows: list[list[Cell | None]] = [
        [Cell(Text("abcdefghij klmnopqrst uvw"), indent=2, hang=3), Cell(Text("x" * 24))]
    ]
    assert fit(columns, rows, 40).dropped == ("X",)
    assert fit(columns, rows, 41).dropped == ()


def test_one_set_of_widths_for_every_table_of_a_view() -> None:
    """Widths come from all rows: a table of short rows lines up with a long one."""
    layout = fit(COLUMNS, ROWS, 120)
    short = render(layout, ROWS[2:])
    long = render(layout, ROWS[:2])
    assert short[0].plain == long[0].plain
    assert short[1].plain == long[1].plain  # the rule: the same width


def test_short_columns_never_wrap_and_wide_cells_are_cut() -> None:
    owner = Column("Owner", max_width=6)
    layout = fit((owner,), [[Cell(Text("a very long owner"))]], 80)
    assert [line.plain for line in render(layout, [[Cell(Text("a very long owner"))]])][2] == (
        "a ver…"
    )


def test_a_word_longer_than_its_column_is_cut_by_cells() -> None:
    wide = "日本語のタイトルはとても長いです"
    pieces = wrap(Cell(Text(wide), indent=2, hang=2), 12)
    assert [cell_len(line.plain) for line in pieces] == [12, 12, 12, 10]
    assert pieces[0].plain.startswith("  ") and pieces[1].plain.startswith("    ")
    assert "".join(line.plain.strip() for line in pieces) == wide


def test_a_cell_of_several_paragraphs_wraps_each() -> None:
    pieces = wrap(Cell(Text("subject line\ntarget 500 -> 550 (eased)")), 14)
    assert [line.plain for line in pieces] == ["subject line", "target 500 ->", "550 (eased)"]
    roomy = wrap(Cell(Text("subject\nbody"), indent=2), 40)  # fits, and still two lines
    assert [line.plain for line in roomy] == ["  subject", "  body"]


def test_paragraph_hangs_under_its_text() -> None:
    text = Text("SUP-2.4 dropped: the forum vendor was acquired and is sunsetting it")
    shown = [line.plain for line in paragraph(text, 40, indent=2, hang=2)]
    assert shown == [
        "  SUP-2.4 dropped: the forum vendor was",
        "    acquired and is sunsetting it",
    ]


def test_a_paragraph_wraps_under_its_start_unless_told_to_hang() -> None:
    text = Text("SUP-2.4 dropped: the forum vendor was acquired and is sunsetting it")
    assert [line.plain for line in paragraph(text, 40)] == [
        "SUP-2.4 dropped: the forum vendor was",
        "acquired and is sunsetting it",
    ]


def test_a_word_in_a_one_cell_wide_line_is_cut_a_cell_at_a_time() -> None:
    pieces = wrap(Cell(Text("abc def"), hang=5), 6)
    assert [line.plain for line in pieces] == ["abc", "     d", "     e", "     f"]


def test_styles_survive_wrapping() -> None:
    text = Text("red words then plain words")
    text.stylize("red", 0, 9)
    first, *rest = wrap(Cell(text), 10)
    assert [first.plain] + [line.plain for line in rest] == ["red words", "then plain", "words"]
    assert [(span.start, span.end, span.style) for span in first.spans] == [(0, 9, "red")]
    assert all(line.spans == [] for line in rest)


words = st.text(alphabet=st.sampled_from("ab日 -"), min_size=0, max_size=60)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(words, words), min_size=1, max_size=6), st.integers(40, 160))
def test_no_line_is_wider_than_the_width_nor_ends_in_spaces(
    cells: list[tuple[str, str]], width: int
) -> None:
    rows: list[list[Cell | None]] = [
        [Cell(Text(a), indent=2), Cell(Text("0.5")), Cell(Text(b)), Cell(Text("x")), None]
        for a, b in cells
    ]
    layout = fit(COLUMNS, rows, width)
    for line in render(layout, rows):
        assert line.plain == line.plain.rstrip()
        if layout.width <= width:
            assert cell_len(line.plain) <= width


@settings(max_examples=200, deadline=None)
@given(words, st.integers(1, 30), st.integers(0, 4), st.integers(0, 4))
def test_wrapping_keeps_every_word(text: str, width: int, indent: int, hang: int) -> None:
    pieces = wrap(Cell(Text(text), indent=indent, hang=hang), width + indent + hang)
    assert " ".join(line.plain.strip() for line in pieces).split() == text.split() or any(
        cell_len(word) > width for word in text.split()
    )


cell_text = st.text(alphabet=st.sampled_from(f"ab日 -{NBSP}\n…"), min_size=0, max_size=50)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(cell_text, cell_text, st.booleans(), st.integers(0, 4), st.integers(0, 3)),
        min_size=1,
        max_size=5,
    ),
    st.integers(20, 140),
)
def test_plain_output_is_the_styled_output_without_its_styles(
    cells: list[tuple[str, str, bool, int, int]], width: int
) -> None:
    """Output to a pipe is laid out on strings, not rich's text objects: the same
    characters, line for line, as the styled layout a terminal gets."""
    rows: list[list[Cell | None]] = []
    for title, value, has_value, indent, hang in cells:
        styled = Text(title)
        styled.stylize("bold red", 0, len(title) // 2)
        rows.append(
            [
                Cell(styled, indent=indent, hang=hang),
                Cell(Text("0.50", style="green")),
                Cell(Text(value)) if has_value else None,
                Cell(Text(title[:9])),
                None,
            ]
        )
    layout = fit(COLUMNS, rows, width)
    styled_lines = [line.plain + "\n" for line in render(layout, rows)]
    assert printed(layout, rows, color=False) == "".join(styled_lines)
    assert strip_ansi(printed(layout, rows, color=True)) == "".join(styled_lines)


def printed(layout: Layout, rows: list[list[Cell | None]], color: bool) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=200,
        color_system="truecolor" if color else None,
        force_terminal=color,
        no_color=not color,
    )
    show(console, layout, rows)
    return buffer.getvalue()


def test_a_pipe_gets_plain_lines_without_rich_and_a_terminal_gets_the_styles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Styles where a terminal shows them (the header bold); elsewhere the same
    characters, written without rich's printing (what the plain path is for)."""
    from rich.console import Console

    layout = fit(COLUMNS, ROWS, 120)
    coloured = printed(layout, ROWS, color=True)
    assert coloured.startswith("\x1b[1mTitle\x1b[0m")
    assert strip_ansi(coloured).splitlines() == lines(120)

    def through_rich(*args: object, **kwargs: object) -> None:
        raise AssertionError("printed through rich")

    monkeypatch.setattr(Console, "print", through_rich)
    assert printed(layout, ROWS, color=False).splitlines() == lines(120)
    buffer = io.StringIO()
    print_lines(Console(file=buffer, color_system=None), paragraph(Text("a note"), 40))
    assert buffer.getvalue() == "a note\n"


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


# Characters rich's Text keeps (ESC, other C0 and C1 controls, DEL), zero-width ones,
# combining marks, emoji with joiners and selectors, wide and Unicode spaces, a tab.
odd_text = st.text(
    alphabet=st.sampled_from(
        f"ab日 -{NBSP}\n…\x1b\x1c\x7f\x85\u200b\u0301\u3000😀\ufe0f\u200d\x00\r\x07\t\u2028"
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.none() | odd_text, min_size=5, max_size=5), max_size=4),
    st.integers(10, 120),
    st.booleans(),
)
def test_plain_output_is_what_rich_prints(
    cells: list[list[str | None]], width: int, terminal: bool
) -> None:
    """The plain path writes a table's characters itself: exactly what rich prints for
    the same lines on a console without colour (a pipe, or a dumb terminal), whatever
    the text, even where the table is wider than the console."""
    from rich.console import Console

    rows: list[list[Cell | None]] = [
        [None if text is None else Cell(Text(text), indent=len(row) % 3) for text in row]
        for row in cells
    ]
    layout = fit(COLUMNS, rows, width)
    written, by_rich = io.StringIO(), io.StringIO()
    for buffer, draw in ((written, "show"), (by_rich, "rich")):
        console = Console(
            file=buffer, width=width, color_system=None, force_terminal=terminal or None
        )
        if draw == "show":
            show(console, layout, rows)
        else:
            console.print(Text("\n").join(render(layout, rows)), soft_wrap=True)
    assert written.getvalue() == by_rich.getvalue()


def test_a_recording_console_records_the_table() -> None:
    """A console that records (to export its text later) gets the table through rich,
    colour or not: written past it, the table would be missing from the record."""
    from rich.console import Console

    console = Console(file=io.StringIO(), width=80, color_system=None, record=True)
    show(console, fit(COLUMNS, ROWS, 80), ROWS)
    assert "OBJ-1 Make deploys boringly reliable" in console.export_text()


def test_a_tab_in_a_cell_is_left_to_rich() -> None:
    """rich expands tabs; the plain path would not, so such a table goes through rich."""
    rows: list[list[Cell | None]] = [[Cell(Text("a\tb")), None, None, None, None]]
    layout = fit(COLUMNS, rows, 80)
    assert "a       b" in printed(layout, rows, color=False)


# ---- the width ----------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_a_pipe_gets_the_default_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert output_width(FakeTerminal(tty=False)) == DEFAULT_WIDTH == 80


@pytest.mark.parametrize("value", ["120", " 120 "])
def test_columns_decides(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("COLUMNS", value)
    assert output_width(FakeTerminal(tty=False)) == 120


@pytest.mark.parametrize("value", ["", "0", "-5", "wide"])
def test_a_meaningless_columns_is_ignored(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("COLUMNS", value)
    assert output_width(FakeTerminal(tty=False)) == 80


def test_a_terminal_gives_its_own_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real pseudo-terminal of 132 columns (see also tests/test_terminal.py)."""
    import fcntl
    import struct
    import termios

    monkeypatch.delenv("COLUMNS", raising=False)
    controller, side = os.openpty()
    try:
        fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 132, 0, 0))
        with os.fdopen(os.dup(side), "w") as stream:
            assert output_width(stream) == 132
    finally:
        os.close(side)
        os.close(controller)


def test_rendered_text_has_no_trailing_spaces() -> None:
    """rich pads what it prints (a wrapped paragraph, a tree); nothing ends in spaces,
    colour or not."""
    long = "word " * 40

    def draw(console: object) -> None:
        console.print(Text(long, style="red"))  # type: ignore[attr-defined]

    for color in (False, True):
        shown = Terminal(color=color, width=50).render(draw)
        assert all(not line.rstrip("\x1b[0m").endswith(" ") for line in shown.split("\n"))
        assert max(len(line) for line in shown.split("\n")) <= 50 + (20 if color else 0)
