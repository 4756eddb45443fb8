"""Run an iterator ahead in a background thread, so its work overlaps the consumer's.

The spaCy model spends much of a parse in code that releases the interpreter lock (matrix products,
the parser's transition loop); while it parses the next batch, the build extracts claims from and
stores the previous one. Items keep their order; an exception in the producer is raised in the
consumer at the point it happened; a consumer that stops early stops the producer.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_DONE = object()
_POLL = 0.1  # seconds a blocked producer waits before checking whether the consumer has gone


class _Failure:
    def __init__(self, exc: BaseException):
        self.exc = exc


def prefetch(items: Iterable[T], *, ahead: int) -> Iterator[T]:
    """Yield ``items`` in order while a daemon thread computes up to ``ahead`` of them in advance."""
    if ahead < 1:
        raise ValueError(f"ahead must be at least 1, not {ahead}")
    buffer: queue.Queue = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                buffer.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            put(_Failure(exc))
            return
        put(_DONE)

    worker = threading.Thread(target=produce, name="kg-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            item = buffer.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.exc
            yield item
    finally:
        stop.set()
        worker.join()
