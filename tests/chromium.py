"""Headless Chromium driven over the DevTools protocol, for the tests of the HTML report.

The browser is the distribution's (`apt-get install chromium`, found by
tests/system_tools.py); nothing is downloaded. It is driven through a pipe
(`--remote-debugging-pipe`: JSON messages ended by NUL on file descriptors 3 and 4), so
there is no port to open, no websocket and no driver binary, and a page can be watched
as it loads: every network request, console message, exception and log entry is kept.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

TIMEOUT = 60.0


def _high(pair: tuple[int, int]) -> tuple[int, int]:
    """The pipe's two ends moved above 9: the child copies them to 3 and 4, and an end
    that already is 3 or 4 would be overwritten by the other copy first."""
    moved = tuple(fcntl.fcntl(end, fcntl.F_DUPFD_CLOEXEC, 10) for end in pair)
    for end in pair:
        os.close(end)
    return moved[0], moved[1]


class BrowserError(Exception):
    pass


@dataclass
class PageLog:
    """What a page did while it loaded and ran."""

    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    """(type, text) of every console call."""
    exceptions: list[str] = field(default_factory=list)
    entries: list[tuple[str, str]] = field(default_factory=list)
    """(level, text) of the browser's own log: CSP violations, failed loads."""

    @property
    def errors(self) -> list[str]:
        return (
            [text for kind, text in self.console if kind in ("error", "assert")]
            + self.exceptions
            + [text for level, text in self.entries if level == "error"]
        )


class Chromium:
    """One headless browser with one page. Use as a context manager."""

    def __init__(self, binary: str, *, width: int = 1280, height: int = 900) -> None:
        self._profile = tempfile.mkdtemp(prefix="okr-chromium-")
        commands_read, self._commands = _high(os.pipe())
        self._replies, replies_write = _high(os.pipe())
        arguments = [
            "--headless=new",
            "--remote-debugging-pipe",
            f"--user-data-dir={self._profile}",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--hide-scrollbars",
            "--mute-audio",
            # No name resolves and no proxy is asked: a request could go nowhere.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-proxy-server",
            f"--window-size={width},{height}",
            "about:blank",
        ]

        # The browser reads commands on fd 3 and writes replies on fd 4.
        def pipe_to_3_and_4() -> None:  # in the child, before the browser starts
            os.dup2(commands_read, 3)
            os.dup2(replies_write, 4)

        self._process = subprocess.Popen(
            [binary, *arguments],
            # Python's own descriptors close on exec anyway (PEP 446); closing the others
            # would close 3 and 4 too, after they are set.
            close_fds=False,
            preexec_fn=pipe_to_3_and_4,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self.session = ""
        self.width, self.height = width, height

    def __enter__(self) -> Chromium:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False},
        )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.session = ""
            self.call("Browser.close", timeout=10)
        except (BrowserError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._commands, self._replies):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)

    # ---- the protocol -------------------------------------------------------------------

    def call(
        self, method: str, params: dict[str, Any] | None = None, *, timeout: float = TIMEOUT
    ) -> dict[str, Any]:
        """Send a command (to the page once attached) and wait for its reply."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self._events.append(reply)

    def wait_for(self, event: str, *, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The first event `event` received (kept earlier or arriving now)."""
        for index, seen in enumerate(self._events):
            if seen.get("method") == event:
                return self._events.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("method") == event:
                return reply
            self._events.append(reply)

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("Chromium did not answer in time")
            ready, _, _ = select.select([self._replies], [], [], left)
            if ready:
                chunk = os.read(self._replies, 1 << 20)
                if not chunk:
                    raise BrowserError("Chromium closed the pipe")
                self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        decoded: dict[str, Any] = json.loads(message)
        return decoded

    # ---- what the tests do ----------------------------------------------------------------

    def open_offline(self, url: str) -> PageLog:
        """Open `url` with the network switched off, wait for it to load and settle, and
        return what it did."""
        self.call(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        self._events.clear()
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")
        self.evaluate("new Promise(done => setTimeout(done, 300))")  # late requests, errors
        self.call("Runtime.evaluate", {"expression": "1"})
        return self.log()

    def log(self) -> PageLog:
        found = PageLog()
        for event in self._events:
            params = event.get("params", {})
            match event.get("method"):
                case "Network.requestWillBeSent":
                    found.requests.append(params["request"]["url"])
                case "Runtime.consoleAPICalled":
                    text = " ".join(
                        str(a.get("value", a.get("description"))) for a in params["args"]
                    )
                    found.console.append((params["type"], text))
                case "Runtime.exceptionThrown":
                    found.exceptions.append(json.dumps(params["exceptionDetails"]))
                case "Log.entryAdded":
                    entry = params["entry"]
                    found.entries.append(
                        (entry["level"], f"{entry['text']} {entry.get('url', '')}")
                    )
        return found

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        reply = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in reply:
            raise BrowserError(json.dumps(reply["exceptionDetails"]))
        return reply["result"].get("value")

    def screenshot(self, height: float | None = None) -> bytes:
        """A PNG of the whole page, top to bottom (or of its top `height` pixels)."""
        if height is None:
            metrics = self.call("Page.getLayoutMetrics")
            height = (metrics.get("cssContentSize") or metrics["contentSize"])["height"]
        clip = {"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1}
        shot = self.call(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": clip},
        )
        return base64.b64decode(shot["data"])


# ---- PNG ------------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG, from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


IMAGE_STATS = """
(async () => {
  const image = new Image();
  image.src = "data:image/png;base64,%s";
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d", {willReadFrequently: true});
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  let other = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) other++;
    if (colours.size < 1000) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  }
  return {width: canvas.width, height: canvas.height, other: other / (data.length / 4),
          colours: colours.size};
})()
"""


def image_stats(browser: Chromium, png: bytes) -> dict[str, float]:
    """Decode `png` in a blank page of `browser`: its size, the share of pixels unlike the
    top-left one, and how many colours it has (up to 1,000). A blank page has one."""
    browser.call("Page.navigate", {"url": "about:blank"})
    browser.wait_for("Page.loadEventFired")
    stats: dict[str, float] = browser.evaluate(IMAGE_STATS % base64.b64encode(png).decode())
    return stats
