"""The HTML report in a real browser: the distribution's headless Chromium opens the
demo repository's report with the network switched off (tests/chromium.py drives it
over the DevTools protocol; nothing is downloaded).

Where no Chromium is found these tests are skipped, saying so; in CI (`.ci/run`
installs Chromium from the distribution's packages and sets OKR_SYSTEM_TESTS=required)
they fail instead (tests/system_tools.py).

`OKR_UPDATE_GOLDEN=1` also rewrites `docs/report.png`, the README's screenshot, from
the full-page screenshot taken here (review it before committing it).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from okrcli.base.numbers import show_number
from okrcli.model.kinds import KIND_MODELS
from tests.chromium import Chromium, image_stats, png_size
from tests.conftest import GIT_ENV, PROJECT_ROOT, Cli
from tests.system_tools import require_program
from tests.test_golden import AS_OF, ISOLATED_GIT, build_demo

SCREENSHOT = PROJECT_ROOT / "docs" / "report.png"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    binary = require_program("chromium", "chromium-browser", package="chromium")
    with Chromium(binary) as opened:
        yield opened


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo, _ = build_demo(tmp_path_factory.mktemp("browser-demo"))
    return repo


def okr(folder: Path, *args: str) -> str:
    code, out = Cli(CliRunner(), folder)(*args)
    assert code == 0, out
    return out


def write_report(folder: Path, target: Path) -> str:
    """The report of `folder` as of the goldens' day, written to `target`; its URL."""
    okr(folder, "report", "--format", "html", "--as-of", AS_OF, "--output", str(target))
    return target.resolve().as_uri()


@pytest.fixture(scope="module")
def report_url(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return write_report(demo, tmp_path_factory.mktemp("report") / "report.html")


@pytest.fixture(scope="module")
def status(demo: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(okr(demo, "status", "--format", "json", "--as-of", AS_OF))
    return found


# What the tests read from the page.
CHARTS = """[...document.querySelectorAll("figure.chart[data-checkins]")].map(f => ({
  id: f.dataset.id,
  dots: f.querySelectorAll("circle.pt.checkin").length,
  rows: [...f.querySelectorAll("tr.checkin")].map(r => r.querySelector("td.value").textContent),
  height: f.querySelector("svg").getBoundingClientRect().height,
}))"""
ROWS = """Object.fromEntries([...document.querySelectorAll("table.krs tr[data-id]")].map(r => [
  r.dataset.id,
  Object.fromEntries([...r.querySelectorAll("td[class]")].map(
    td => [td.className.split(" ").pop(), td.innerText.replace(/\\s+/g, " ").trim()])),
]))"""
OBJECTIVES = """Object.fromEntries([...document.querySelectorAll("article.objective")].map(
  a => [a.dataset.id, a.querySelector("strong.score").innerText]))"""
PERIOD_SCORE = 'document.querySelector("[data-key=score] dd").innerText'


def test_the_demo_report_loads_nothing_and_logs_no_error(
    browser: Chromium, report_url: str
) -> None:
    log = browser.open_offline(report_url)
    assert log.requests == [report_url]  # the page itself, nothing else
    assert log.errors == []
    assert browser.evaluate("document.title") == "OKR report 2026-Q4"
    assert browser.evaluate("document.styleSheets.length") == 1
    assert browser.evaluate("document.querySelectorAll('img, link, iframe').length") == 0


def test_every_key_result_with_history_has_a_chart_of_its_checkins(
    browser: Chromium, report_url: str, demo: Path, status: dict[str, Any]
) -> None:
    browser.open_offline(report_url)
    charts = {chart["id"]: chart for chart in browser.evaluate(CHARTS)}
    kinds = {kr["id"]: kr["kind"] for o in status["objectives"] for kr in o["key_results"]}
    assert sorted(charts) == sorted(kinds)  # every key result of the demo has history
    for ident, chart in charts.items():
        history = json.loads(okr(demo, "history", ident, "--format", "json"))
        fields = set(KIND_MODELS[kinds[ident]].checkin_fields)
        checkins = [
            point
            for point in history["points"][1:]  # the first added it
            if set(point["changed"]) & fields and point["date"][:10] <= AS_OF
        ]
        # a point for every check-in, but a held band's before its first value
        drawn = [p for p in checkins if kinds[ident] != "maintain" or p["current"] is not None]
        assert len(chart["rows"]) == len(checkins), ident
        assert chart["dots"] == len(drawn), ident
        assert chart["height"] > 100, ident  # drawn, not collapsed
        if kinds[ident] == "metric" and checkins:
            assert chart["rows"][-1].startswith(show_number(checkins[-1]["current"]))


def test_the_text_equivalents_hold_the_numbers_of_status_json(
    browser: Chromium, report_url: str, status: dict[str, Any]
) -> None:
    browser.open_offline(report_url)
    assert browser.evaluate(PERIOD_SCORE) == f"{status['score']:.2f}"
    objectives = browser.evaluate(OBJECTIVES)
    rows = browser.evaluate(ROWS)
    for objective in status["objectives"]:
        assert objectives[objective["id"]] == f"{objective['score']:.2f}"
        for kr in objective["key_results"]:
            cells = rows[kr["id"]]
            assert cells["score"].rstrip("*") == f"{kr['score']:.2f}", kr["id"]
            assert cells["state"].startswith(kr["status"]), kr["id"]
            confidence = kr["confidence"]
            assert cells["confidence"] == ("-" if confidence is None else f"{confidence:.0%}")
            assert cells["owner"] == (kr["owner"] or "")
            assert cells["due"] in ("", kr["due"])
            for name in ("current", "target", "min", "max"):
                if isinstance(kr[name], int | float) and not isinstance(kr[name], bool):
                    assert show_number(kr[name]) in cells["value"], (kr["id"], name)


def test_the_eased_target_is_marked_in_a_warning_colour_and_in_words(
    browser: Chromium, report_url: str
) -> None:
    browser.open_offline(report_url)
    found = browser.evaluate(
        """(() => {
          const figure = document.querySelector('figure[data-id="PLAT-3.1"]');
          const mark = figure.querySelector("g.marker.eased");
          const actual = figure.querySelector("polyline.actual");
          return {
            label: mark.getAttribute("aria-label"),
            text: mark.querySelector("text").textContent,
            seen: mark.querySelector("text").getBBox().width > 0,
            stroke: getComputedStyle(mark.querySelector("line")).stroke,
            warn: getComputedStyle(document.documentElement).getPropertyValue("--warn").trim(),
            actual: getComputedStyle(actual).stroke,
          };
        })()"""
    )
    assert found["label"] == "target 140 -> 150 (eased), 2026-10-30, Dana Ruiz"
    assert found["text"] == "eased" and found["seen"]
    assert found["stroke"] == _rgb(found["warn"]) != found["actual"]


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def test_hovering_or_focusing_a_point_shows_its_date_author_value_and_note(
    browser: Chromium, report_url: str
) -> None:
    browser.open_offline(report_url)
    point = "document.querySelector('figure[data-id=\"PLAT-3.1\"] circle.pt.checkin')"
    readout = "document.querySelector('figure[data-id=\"PLAT-3.1\"] .readout').textContent"
    browser.evaluate(f"{point}.focus()")
    label = browser.evaluate(f"{point}.getAttribute('aria-label')")
    assert label == "2026-10-09 · Dana Ruiz · 180.43 k USD/month · PLAT-3.1 182 -> 180.43"
    assert browser.evaluate(readout) == label
    browser.evaluate("document.activeElement.blur()")
    last = "document.querySelectorAll('figure[data-id=\"PLAT-3.1\"] circle.pt.checkin')[6]"
    box = browser.evaluate(
        f"(() => {{ const p = {last}; p.scrollIntoView({{block: 'center'}});"
        " const r = p.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    browser.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": box[0], "y": box[1]})
    hovered = browser.evaluate(readout)
    assert hovered.startswith("2026-11-20 · Dana Ruiz · 171 k USD/month · PLAT-3.1 172.57 -> 171")


def test_the_keyboard_reaches_the_points_of_the_charts(browser: Chromium, report_url: str) -> None:
    """Tab moves through the page's links and then each chart's points; a focused
    point's date, author, value and note are read out under its chart."""
    browser.open_offline(report_url)
    seen = []
    for _ in range(400):
        for kind in ("rawKeyDown", "keyUp"):
            browser.call(
                "Input.dispatchKeyEvent",
                {"type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
            )
        focused = browser.evaluate(
            "(() => { const e = document.activeElement;"
            " return [e.tagName, e.getAttribute('class') || '']; })()"
        )
        seen.append(focused)
        if focused[0] == "circle":
            break
    assert seen[0] == ["A", "skip"]  # the first stop skips to the teams
    assert seen[-1][0] == "circle" and "pt" in seen[-1][1], seen[-5:]
    figure = "document.activeElement.closest('figure')"
    readout = browser.evaluate(f"{figure}.querySelector('.readout').textContent")
    assert readout == browser.evaluate("document.activeElement.getAttribute('aria-label')")
    assert re.match(r"2026-\d\d-\d\d · \S+", readout), readout
    outline = browser.evaluate("getComputedStyle(document.activeElement).strokeWidth")
    assert outline == "4px"  # focus is visible


def test_a_full_page_screenshot_is_not_blank(browser: Chromium, report_url: str) -> None:
    browser.open_offline(report_url)
    png = browser.screenshot()
    width, height = png_size(png)
    assert width == 1280 and height > 5000
    stats = image_stats(browser, png)
    assert stats["height"] == height and stats["colours"] > 50
    assert 0.02 < stats["other"] < 0.9  # ink on a page: neither blank nor a block
    # The README's screenshot: the same page down to the end of its first objective
    # (the summary, the teams, what needs attention, an objective with its charts).
    browser.open_offline(report_url)
    first = "document.querySelector('article.objective').getBoundingClientRect().bottom"
    top = browser.screenshot(height=browser.evaluate(f"{first} + window.scrollY + 16"))
    if os.environ.get("OKR_UPDATE_GOLDEN") == "1":
        SCREENSHOT.write_bytes(top)
    kept = SCREENSHOT.read_bytes()
    assert png_size(kept)[0] == 1280 and png_size(kept)[1] > 1500
    assert image_stats(browser, kept)["other"] > 0.02


def test_it_reads_on_a_phone_and_follows_dark_mode(browser: Chromium, report_url: str) -> None:
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    browser.call(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
    )
    try:
        log = browser.open_offline(report_url)
        assert log.errors == []
        assert browser.evaluate("document.documentElement.scrollWidth") <= 390
        background = browser.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(13, 17, 23)"
        label = browser.evaluate(
            "getComputedStyle(document.querySelector('table.krs td.score'), '::before').content"
        )
        assert label == '"Score: "'  # each cell says what it is, as a card
    finally:
        browser.call("Emulation.setEmulatedMedia", {"features": []})
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": browser.width, "height": browser.height, "deviceScaleFactor": 1,
             "mobile": False},
        )  # fmt: skip


def test_it_prints_on_a4(browser: Chromium, report_url: str) -> None:
    browser.open_offline(report_url)
    pdf = browser.call(
        "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True}
    )["data"]
    document = base64.b64decode(pdf)
    assert document.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page(?!s)", document)
    assert len(pages) > 3


# ---- a hostile title, author and message -------------------------------------------------

HOSTILE_TITLE = "<img src=x onerror=\"document.title='pwned'\"></script>\r<!-- &amp; "
# git keeps no `<` or `>` in a name: the author tries to end the attribute it lands in.
HOSTILE_AUTHOR = 'Eve" onfocus="window.pwned=2" x=\'&amp; Co'

HOSTILE_NOTE = 'PLAT-3.1 <img src=y onerror="window.pwned=1"> </script>\r<!--'


@pytest.fixture(scope="module")
def hostile_url(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo with PLAT-3.1's title turned into markup, checked in by an author whose
    name is markup, with a note that is markup; committed before the as-of day."""
    repo = tmp_path_factory.mktemp("hostile") / "repo"
    shutil.copytree(demo, repo)
    platform = repo / "okrs" / "2026-Q4" / "platform.yaml"
    text = platform.read_text(encoding="utf-8")
    at = text.index("- id: PLAT-3.1")
    title_start = text.index("title:", at)
    title_end = text.index("\n", title_start)
    quoted = json.dumps(HOSTILE_TITLE)  # a YAML double-quoted scalar: "\r" is a CR
    text = text[:title_start] + f"title: {quoted}" + text[title_end:]
    current = text.index("current:", at)
    text = text[:current] + "current: 170\n" + text[text.index("\n", current) + 1 :]
    platform.write_text(text, encoding="utf-8")
    stamp = "2026-11-21T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, **ISOLATED_GIT, "GIT_AUTHOR_NAME": HOSTILE_AUTHOR}
    env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(
        ["git", "commit", "-qam", "okr: platform </script>", "-m", HOSTILE_NOTE],
        cwd=repo, env=env, check=True,
    )  # fmt: skip
    return write_report(repo, repo.parent / "report.html")


def test_a_hostile_title_author_and_note_render_as_text(
    browser: Chromium, hostile_url: str
) -> None:
    log = browser.open_offline(hostile_url)
    assert log.requests == [hostile_url]  # no <img src=x> was fetched
    assert log.errors == []  # nor blocked: nothing tried to run
    assert browser.evaluate("document.title") == "OKR report 2026-Q4"
    assert browser.evaluate("typeof window.pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img, b').length") == 0
    assert browser.evaluate("document.scripts.length") == 1
    title = browser.evaluate(
        "document.querySelector('tr[data-id=\"PLAT-3.1\"] th').firstChild.nextSibling.textContent"
    )
    assert title.strip() == HOSTILE_TITLE.replace("\r", " ").strip()
    rows = browser.evaluate(
        """[...document.querySelectorAll('figure[data-id="PLAT-3.1"] tr.checkin')].map(
             r => r.textContent)"""
    )
    assert any(HOSTILE_AUTHOR in row and "<img src=y" in row for row in rows), rows[-1]
    point = browser.evaluate(
        """[...document.querySelectorAll('figure[data-id="PLAT-3.1"] circle.checkin')].pop()
             .getAttribute("aria-label")"""
    )
    assert HOSTILE_AUTHOR in point and "</script>" in point
