"""Fetching many sources at once: at most `concurrency` at a time, each in a thread of
its own, each given up on shortly after its timeout even if its library does not stop
(the thread is left to finish on its own; it is a daemon and cannot keep okr alive)."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from okrcli.model.sources import AnySource
from okrcli.sources.context import Context, Deadline
from okrcli.sources.errors import SourceError

GRACE = 2.0
"""Seconds past a source's own timeout before its thread is given up on: the source's
own timeout (a socket's, a query's) normally ends it first, with a better message."""

T = TypeVar("T")


@dataclass(frozen=True)
class Fetched(Generic[T]):
    """What one source gave: a number, or the error that says why not."""

    item: T
    value: int | float | None
    error: SourceError | None
    seconds: float


def run_all(
    items: Sequence[T],
    source_of: Callable[[T], AnySource],
    context: Context,
    concurrency: int,
    done: Callable[[Fetched[T]], None] | None = None,
) -> list[Fetched[T]]:
    """Fetch the source of every item, `concurrency` at a time; `done` hears of each as
    it finishes (in the calling thread). Results come back in the order of `items`."""
    from okrcli.sources.fetch import fetch

    finished: queue.Queue[tuple[int, Fetched[T]]] = queue.Queue()
    results: dict[int, Fetched[T]] = {}
    running: dict[int, float] = {}  # index -> when it must be given up on
    started: dict[int, float] = {}
    waiting = list(range(len(items)))

    def work(index: int) -> None:
        item = items[index]
        begun = time.monotonic()
        try:
            value = fetch(source_of(item), context)
            outcome = Fetched(item, value, None, time.monotonic() - begun)
        except SourceError as error:
            outcome = Fetched(item, None, error, time.monotonic() - begun)
        except Exception as error:  # a library's surprise is this source's failure
            failure = SourceError(
                f"failed: {type(error).__name__}: {error}"[:300],
                "run the source by hand to see what it gives; report it if it looks fine",
            )
            outcome = Fetched(item, None, failure, time.monotonic() - begun)
        finished.put((index, outcome))

    while waiting or running:
        while waiting and len(running) < concurrency:
            index = waiting.pop(0)
            started[index] = time.monotonic()
            running[index] = started[index] + source_of(items[index]).timeout + GRACE
            threading.Thread(target=work, args=(index,), daemon=True).start()
        next_end = min(running.values())
        try:
            index, outcome = finished.get(timeout=max(0.0, next_end - time.monotonic()))
        except queue.Empty:
            index = min(running, key=lambda i: running[i])
            seconds = source_of(items[index]).timeout
            error = Deadline(seconds).expired()
            outcome = Fetched(items[index], None, error, time.monotonic() - started[index])
        if index not in running:
            continue  # a result that came after it was given up on
        del running[index]
        results[index] = outcome
        if done is not None:
            done(outcome)
    return [results[index] for index in range(len(items))]
