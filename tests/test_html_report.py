"""`okr report --format html` without a browser: the page is self-contained, its charts
hold every check-in, its text equivalents hold the numbers of `okr status --format
json`, and the chart data (`okrcli.history.charts`) is what history says.

tests/test_browser.py opens the same page in Chromium."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from okrcli.api.progress import ReportView, ViewRequest, report
from okrcli.base.numbers import show_number
from okrcli.history.git import History
from okrcli.history.timeline import timelines
from okrcli.render.html import nice_ticks
from tests.conftest import SAMPLE_ROOT, Cli
from tests.test_golden import AS_OF, build_demo

D = dt.date


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo, _ = build_demo(tmp_path_factory.mktemp("html-demo"))
    return repo


def okr_html(folder: Path, *args: str) -> str:
    code, out = Cli(CliRunner(), folder)("report", "--format", "html", *args)
    assert code == 0, out
    return out


@pytest.fixture(scope="module")
def page(demo: Path) -> str:
    return okr_html(demo, "--as-of", AS_OF)


@pytest.fixture(scope="module")
def view(demo: Path) -> ReportView:
    return report(ViewRequest(root=demo / "okrs", as_of=D(2026, 11, 25)), detail=True)


# ---- reading the page ---------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, tag: str, **wanted: str) -> list[Element]:
        """Descendants with `tag` whose attributes hold `wanted` (`class_` a class)."""
        found = []
        for element in self.walk():
            if element.tag != tag:
                continue
            classes = element.attrs.get("class", "").split()
            matches = all(
                (value in classes) if name == "class_" else element.attrs.get(name) == value
                for name, value in wanted.items()
            )
            if matches:
                found.append(element)
        return found

    @property
    def all_text(self) -> str:
        return self.text + "".join(child.all_text for child in self.children)


VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "col", "area", "base"}
# SVG elements the page writes self-closed.
SELF_CLOSED = {"rect", "line", "polyline", "path", "circle"}


class Tree(HTMLParser):
    """The page as a tree (enough of one for these tests), with every comment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Element("#text", {}, data))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse(text: str) -> Tree:
    tree = Tree()
    tree.feed(text)
    tree.close()
    return tree


# ---- one self-contained page ----------------------------------------------------------------


def test_the_page_loads_nothing_and_runs_only_its_own_script(page: str) -> None:
    tree = parse(page)
    root = tree.root
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    (policy,) = root.find("meta", **{"http-equiv": "Content-Security-Policy"})
    content = policy.attrs["content"]
    assert "default-src 'none'" in content and "base-uri 'none'" in content
    (script,) = root.find("script")
    assert script.attrs == {}
    source = script.all_text
    digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in content  # no other script could run
    assert "innerHTML" not in source and "eval" not in source
    tags = {element.tag for element in root.walk()}
    assert not tags & {"img", "link", "iframe", "object", "embed", "base", "form", "image"}
    for element in root.walk():
        assert "src" not in element.attrs
        assert all(not name.startswith("on") for name in element.attrs), element
        href = element.attrs.get("href")
        assert href is None or href.startswith("#"), href
    (style,) = root.find("style")
    assert style.attrs == {}
    css = style.all_text
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in content  # no other style applies
    assert "unsafe-inline" not in content and "unsafe-eval" not in content
    assert not [element for element in root.walk() if "style" in element.attrs]
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert tree.comments == []
    assert "http://" not in page and "https://" not in page


def test_the_page_is_deterministic_and_small(demo: Path, page: str) -> None:
    assert okr_html(demo, "--as-of", AS_OF) == page
    assert len(page.encode()) < 400_000


def test_every_key_result_with_history_has_a_chart_of_its_checkins(demo: Path, page: str) -> None:
    root = parse(page).root
    history = History(demo / "okrs")
    found = {ident: timeline for (period, ident), timeline in timelines(history).items()}
    charts = {
        figure.attrs["data-id"]: figure
        for figure in root.find("figure", class_="chart")
        if "data-checkins" in figure.attrs
    }
    krs = [row.attrs["data-id"] for table in root.find("table", class_="krs") for row in
           table.find("tr") if "data-id" in row.attrs]  # fmt: skip
    assert len(krs) == 36
    assert sorted(charts) == sorted(krs)  # every key result of the demo has history
    as_of = D(2026, 11, 25)
    for ident, figure in charts.items():
        checkins = [p for p in found[ident].checkins if p.date.date() <= as_of]
        dots = figure.find("circle", class_="checkin")
        table_rows = figure.find("tr", class_="checkin")
        assert int(figure.attrs["data-checkins"]) == len(checkins), ident
        assert len(table_rows) == len(checkins), ident
        valued = [p for p in checkins if _has_value(p.state.kind, p.state.current)]
        assert len(dots) == len(valued), ident
        for dot in dots:  # hover and focus: date, author, value, note
            label = dot.attrs["aria-label"]
            assert re.match(r"2026-\d\d-\d\d · \S", label), label
            assert dot.attrs["tabindex"] == "0" and dot.find("title")[0].all_text == label


def _has_value(kind: str, current: float | None) -> bool:
    """Every check-in has a point to draw but a held band's before its first value."""
    return kind != "maintain" or current is not None


def test_the_eased_target_is_marked(page: str) -> None:
    root = parse(page).root
    (figure,) = [f for f in root.find("figure", class_="chart") if f.attrs["data-id"] == "PLAT-3.1"]
    (eased,) = figure.find("g", class_="eased")
    assert eased.attrs["aria-label"] == "target 140 -> 150 (eased), 2026-10-30, Dana Ruiz"
    assert "eased" in eased.all_text  # a word, not only a colour
    assert figure.find("li", class_="k-eased")
    (listed,) = figure.find("li", class_="eased")
    assert "2026-10-30: target 140 -> 150 (eased) (Dana Ruiz)" in listed.all_text
    # ... and the eased marker's label differs from one that is only changed
    assert not figure.find("g", class_="changed")


def test_the_text_equivalents_hold_the_numbers_of_status_json(demo: Path, page: str) -> None:
    code, out = Cli(CliRunner(), demo)("status", "--format", "json", "--as-of", AS_OF)
    assert code == 0
    status = json.loads(out)
    root = parse(page).root
    (score,) = [d for d in root.find("div") if d.attrs.get("data-key") == "score"]
    assert score.find("dd")[0].all_text == f"{status['score']:.2f}"
    rows = {
        row.attrs["data-id"]: row
        for table in root.find("table", class_="krs")
        for row in table.find("tr")
        if "data-id" in row.attrs
    }
    for objective in status["objectives"]:
        (article,) = [a for a in root.find("article") if a.attrs.get("data-id") == objective["id"]]
        assert article.find("strong", class_="score")[0].all_text == f"{objective['score']:.2f}"
        for kr in objective["key_results"]:
            assert_row_matches(rows[kr["id"]], kr)


def assert_row_matches(row: Element, kr: dict[str, object]) -> None:
    """A key result's row says what its JSON says: score, status, confidence, owner,
    due date, and each number of its current/target."""

    def cell(name: str) -> str:
        (found,) = [td for td in row.find("td") if name in td.attrs.get("class", "").split()]
        return " ".join(found.all_text.split())

    assert cell("score").rstrip("*") == f"{kr['score']:.2f}", kr["id"]
    assert cell("state").startswith(str(kr["status"])), kr["id"]
    confidence = kr["confidence"]
    assert cell("confidence") == ("-" if confidence is None else f"{confidence:.0%}")
    assert cell("owner") == (kr["owner"] or "")
    value = cell("value")
    for name in ("current", "target", "min", "max"):
        number = kr[name]
        if isinstance(number, int | float) and not isinstance(number, bool):
            assert show_number(number) in value, (kr["id"], name, value)
    if kr["items_total"] is not None:
        assert f"{kr['items_done']}/{kr['items_total']}" in value


# ---- the chart data ------------------------------------------------------------------------


def test_the_chart_data_follows_the_history(view: ReportView) -> None:
    assert view.detail is not None and view.detail.charts is not None
    charts = view.detail.charts
    result = view.result
    period = result.period
    eased = charts.key_results[period, "PLAT-3.1"]
    assert eased.measure == "value" and eased.unit == "k USD/month"
    assert eased.targets == ((D(2026, 10, 1), 140.0), (D(2026, 10, 30), 150.0))
    assert eased.expected == ((D(2026, 10, 1), 182.0), (D(2026, 12, 31), 150.0))
    (mark,) = eased.marks
    assert mark.eased and mark.author == "Dana Ruiz"
    assert [p.value for p in eased.points][:3] == [182.0, 180.43, 178.86]
    kr = next(k for o in result.objectives for k in o.key_results if k.id == "PLAT-3.1")
    assert kr.history is not None and kr.history.forecast is not None
    day, projected = eased.forecast[-1]
    assert day == D(2026, 12, 31) and projected == pytest.approx(kr.history.forecast)
    band = charts.key_results[period, "ACME-2.1"]
    assert band.band == (99.9, None) and band.expected == () and band.targets == ()
    milestone = charts.key_results[period, "ACME-2.3"]
    assert milestone.measure == "score" and [p.value for p in milestone.points] == [0.0, 1.0]
    for objective in result.objectives:
        chart = charts.objectives[period, objective.id]
        assert chart.points[-1].score == pytest.approx(objective.score), objective.id
        assert chart.expected[0][0] == period.start and chart.expected[-1][0] == period.end
        assert [value for _, value in chart.expected] == sorted(v for _, v in chart.expected)


def test_the_detail_has_the_alignment_and_the_closed_quarter(view: ReportView) -> None:
    assert view.detail is not None
    roots = [node.objective.id for node in view.detail.alignment]
    assert roots[:2] == ["ACME-1", "ACME-2"]
    (q3,) = view.detail.closed
    assert str(q3.period) == "2026-Q3" and q3.closed == D(2026, 10, 1)
    assert any(o.reflection for o in q3.objectives)


def test_the_closed_periods_show_their_reflections(page: str, view: ReportView) -> None:
    assert view.detail is not None
    root = parse(page).root
    (closed,) = root.find("article", class_="closed-period")
    assert closed.attrs["data-period"] == "2026-Q3"
    text = " ".join(closed.all_text.split())
    for objective in view.detail.closed[0].objectives:
        if objective.reflection:
            assert " ".join(objective.reflection.split()) in text


def test_a_closed_period_in_view_shows_its_grades_and_reflections(demo: Path) -> None:
    root = parse(okr_html(demo, "--period", "2026-Q3", "--as-of", AS_OF)).root
    summary = {d.attrs["data-key"]: d.all_text for d in root.find("div") if "data-key" in d.attrs}
    assert "Objective grades" in summary["grades"]
    q3 = report(ViewRequest(root=demo / "okrs", period="2026-Q3", as_of=D(2026, 11, 25))).result
    grades = q3.objective_grades
    counted = f"{grades.green} green, {grades.yellow} yellow, {grades.red} red"
    assert summary["grades"] == f"Objective grades{counted}"  # <dt> then <dd>
    assert sum((grades.green, grades.yellow, grades.red)) == len(q3.objectives) > 0
    assert root.find("div", class_="reflection")
    assert not root.find("article", class_="closed-period")  # it is the period in view


def test_since_lists_the_eased_target_first(demo: Path) -> None:
    root = parse(okr_html(demo, "--as-of", AS_OF, "--since", "2026-10-01")).root
    (table,) = root.find("table", class_="changes")
    first = next(row for row in table.find("tr") if "data-id" in row.attrs)
    assert first.attrs["data-id"] == "PLAT-3.1" and "eased" in first.attrs["class"]


def test_without_history_the_report_has_no_charts(cli: Cli) -> None:
    import shutil

    shutil.copytree(SAMPLE_ROOT, cli.cwd / "okrs")
    code, out = cli("report", "--format", "html", "--as-of", AS_OF, "--no-history")
    assert code == 0, out
    root = parse(out).root
    assert not root.find("figure") and root.find("table", class_="krs")
    assert "their history in git" not in out


def test_output_writes_the_file_and_says_so(cli: Cli) -> None:
    import shutil

    shutil.copytree(SAMPLE_ROOT, cli.cwd / "okrs")
    args = ("report", "--format", "html", "--as-of", AS_OF, "--no-history")
    expected = cli(*args)[1]
    (cli.cwd / "site").mkdir()
    target = cli.cwd / "site" / "index.html"
    target.write_text("old", encoding="utf-8")
    result = cli.run(*args, "--output", "site/index.html")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == "wrote site/index.html\n"
    assert target.read_text(encoding="utf-8") == expected
    assert [p.name for p in target.parent.iterdir()] == ["index.html"]  # no temporary left
    markdown = cli.run("report", "--as-of", AS_OF, "--no-history", "-o", "report.md")
    assert markdown.exit_code == 0
    assert (cli.cwd / "report.md").read_text(encoding="utf-8").startswith("# OKR report")
    missing = cli.run(*args, "--output", "nowhere/index.html")
    assert missing.exit_code == 2 and "cannot write nowhere/index.html" in missing.stderr
    # A link (a pull request may commit one where CI writes the page) is not followed:
    # neither an existing file nor a new one is written where it points.
    outside = cli.cwd / "outside"
    outside.mkdir()
    kept = outside / "kept.txt"
    kept.write_text("kept", encoding="utf-8")
    for name, points_to in (("linked.html", kept), ("dangling.html", outside / "new.txt")):
        (cli.cwd / name).symlink_to(points_to)
        linked = cli.run(*args, "--output", name)
        assert linked.exit_code == 2 and linked.stdout == ""
        assert f"{name} is a symbolic link; nothing written" in linked.stderr
        assert (cli.cwd / name).is_symlink()
    assert kept.read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in outside.iterdir()) == ["kept.txt"]


def test_nice_ticks_are_round_and_hold_the_values() -> None:
    assert nice_ticks(140, 182) == (140.0, 200.0, [140.0, 160.0, 180.0, 200.0])
    assert nice_ticks(8, 12) == (8.0, 12.0, [8.0, 9.0, 10.0, 11.0, 12.0])
    low, high, ticks = nice_ticks(99.9, 99.96)
    assert low <= 99.9 and high >= 99.96 and len(ticks) <= 6
    assert nice_ticks(5, 5)[0] < 5 < nice_ticks(5, 5)[1]
    assert nice_ticks(0, 0)[2] == [-1.0, -0.5, 0.0, 0.5, 1.0]


def test_the_installed_command_writes_the_page_or_says_why_it_cannot(
    demo: Path, page: str, tmp_path: Path
) -> None:
    """Through the entry point, as CI runs it: the same page as the golden's, written
    with --output; a path it cannot write is one line and exit 2, no traceback."""
    import subprocess
    import sys

    okr = Path(sys.executable).parent / "okr"
    target = tmp_path / "site" / "index.html"
    target.parent.mkdir()
    args = [str(okr), "report", "--format", "html", "--as-of", AS_OF]
    done = subprocess.run(
        [*args, "--output", str(target)], cwd=demo, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8") == page
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    failed = subprocess.run(
        [*args, "--output", str(blocked / "index.html")],
        cwd=demo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2 and failed.stdout == ""
    assert f"cannot write {blocked / 'index.html'}" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_a_chart_says_the_projection_its_row_says(page: str) -> None:
    """The text equivalent of a chart (its aria-label) words the forecast as the key
    result's row does: the same number, at the same precision, with its unit."""
    root = parse(page).root
    notes = {
        row.attrs["data-id"]: " ".join(row.find("th")[0].all_text.split())
        for table in root.find("table", class_="krs")
        for row in table.find("tr")
        if "data-id" in row.attrs
    }
    projected = 0
    for figure in root.find("figure", class_="chart"):
        if "data-checkins" not in figure.attrs:
            continue
        summary = figure.find("svg")[0].attrs["aria-label"]
        said = re.search(r"projected [^;]+? on \d{4}-\d\d-\d\d", summary)
        row = re.search(r"projected [^;]+", notes[figure.attrs["data-id"]])
        assert (said is None) == (row is None), figure.attrs["data-id"]
        if said is not None and row is not None:
            assert said.group().startswith(row.group() + " on "), (said.group(), row.group())
            projected += 1
    assert projected >= 5
