"""The one thread that writes a shared database's edits, so that the window never waits for the network.

On a server, a write whose packets silently vanish (a dropped network refuses nothing) waits for libpq's
timeouts, ~25 s, before it fails: done on the window's thread, the window would freeze that long. The document
(gui/document.py) hands the writer a batch of its waiting edits; the writer's thread writes them in order, one
at a time, and the outcome comes back on the window's thread as a signal. One batch at a time: the document
sends the next only once the last one's answer is in, so edits reach the server in the order they were made.

The repository is used from this thread and from the lease and watching thread (gui/live_report.py) at once:
each of its calls takes its own connection from the engine's pool (a Session per call), none is shared.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

Edit = tuple[str, str, Any]  # ("cell" | "text" | "date", key, value)


class EditWriter(QObject):
    """Writes batches of edits with `write(what, key, value)` in a thread of its own."""

    # The sender's tag and the batch as sent, how many of its edits were written (a prefix), and the exception
    # that stopped it or None; delivered on the thread that made the writer.
    done = Signal(object, object, int, object)
    _finished = Signal(object, object, int, object)

    def __init__(self, write: Callable[[str, str, Any], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._write = write
        self._jobs: queue.SimpleQueue[tuple[Any, list[Edit]] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self.busy = False  # a batch was sent and its answer is not in yet
        self._finished.connect(self._deliver)

    def send(self, tag: Any, batch: list[Edit]) -> None:
        """Write `batch` in order; `tag` comes back with the answer."""
        if self.busy:
            raise RuntimeError("a batch is already being written")
        self.busy = True
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="edit-writer", daemon=True)
            self._thread.start()
        self._jobs.put((tag, batch))

    def stop(self) -> None:
        """The thread ends once the batch it writes (if any) is done; its answer is still delivered."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread = None

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            tag, batch = job
            written, error = 0, None
            for what, key, value in batch:
                try:
                    self._write(what, key, value)
                except Exception as e:  # StorageError, or anything unforeseen: the document keeps the edit
                    error = e
                    break
                written += 1
            try:
                self._finished.emit(tag, batch, written, error)  # queued to the window's thread
            except RuntimeError:  # the document went away meanwhile
                return

    def _deliver(self, tag: Any, batch: list[Edit], written: int, error: Any) -> None:
        self.busy = False
        self.done.emit(tag, batch, written, error)
