"""Part of Document (gui/document.py): saving every edit as it is made, and keeping it while it cannot be.

Edits wait in `_unsaved`, in order of first change, until the repository has them. On a file they are written
at once, on the window's thread. On a shared database one writer thread writes them (gui/edit_writer.py), since
the network may make a write wait ~25 s; an edit leaves `_unsaved` only when the value the server acknowledged is
still the one waiting. What must see every edit saved first (closing, 定稿, 汇总) waits in gui/edit_wait.py.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any, cast

from PySide6.QtCore import QObject, QTimer

from storage.server_errors import TRANSIENT

from .edit_writer import Edit, EditWriter

log = logging.getLogger(__name__)

RETRY_MS = 5000  # how often unsaved edits are tried again after a storage error
# A shared database's write still unanswered after this long: the network is in trouble (a dropped one refuses
# nothing; libpq gives up only after ~25 s), said as reconnecting at once rather than after the timeouts.
SLOW_WRITE_MS = 2000


class SavesEdits:
    """Mixed into Document, a QObject: the timers and the writer are its children."""

    repository: Any
    report_id: Any
    failure_reason: str | None
    _unsaved: dict[tuple[str, str], Any]
    saved: Any  # Document's signals
    saveFailed: Any
    offline: Any
    reconnected: Any
    writesDone: Any

    def _start_saving(self, repository: Any, report_id: Any) -> None:
        owner = cast(QObject, self)
        self._retry = QTimer(owner)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._retry_due)
        self._offline = False  # the last write found the server out of reach
        # A shared database's edits are written by one thread (gui/edit_writer.py): its network may make a write
        # wait ~25 s. The file's are written here, at once: a write to it, fsynced, takes ~2 ms (median of 300
        # on the developers' loaded machine; bench/storage_bench.py), and each is then on disk before the next
        # key is handled, with nothing in flight to lose on a kill -9 or to wait for at close.
        self._writer: EditWriter | None = None
        if report_id is not None and callable(getattr(repository, "take_lease", None)):
            self._writer = EditWriter(self._write_one, owner)
            self._writer.done.connect(self._written)
        self._generation = 0  # bumped by abandon: answers for edits given up are not applied
        self._written_since = 0  # edits written since all were last saved: said when the server is back
        self._slow = QTimer(owner)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_WRITE_MS)
        self._slow.timeout.connect(self._write_is_slow)
        # A typed cell is written once the keys already typed after it have been handled: a slow disk
        # (synchronous=FULL on an office PC) then delays the 已保存 mark, not the next keystroke.
        self._saver = QTimer(owner)
        self._saver.setSingleShot(True)
        self._saver.setInterval(0)
        self._saver.timeout.connect(self.flush)

    def _save_soon(self) -> None:
        if self._offline:
            self.offline.emit(len(self._unsaved))
        elif not self._retry.isActive():  # after a failure the retry timer owns the timing
            self._saver.start()

    def _write_now(self) -> None:
        if self._offline:  # each keystroke would wait for the network: the edits wait for the server instead
            self.offline.emit(len(self._unsaved))
        else:
            self.flush()

    @property
    def writes_in_background(self) -> bool:
        """Whether edits are written by the writer thread (a shared database), not here at once (a file)."""
        return self._writer is not None

    @property
    def writing(self) -> bool:
        """A batch of edits is with the writer thread, its answer not in yet."""
        return self._writer is not None and self._writer.busy

    def flush(self) -> bool:
        """Write every unsaved edit now, in order; True when nothing is left unsaved.

        On a file, done here and now. On a shared database the edits go to the writer thread and this returns at
        once (True only when nothing waited): what must see them saved waits for `writesDone` (gui/edit_wait.py).
        A write is a value set, not a change applied: one written again (its answer lost with the network) changes
        nothing, so retrying is safe."""
        self._saver.stop()
        if self.repository is None or self.report_id is None:
            self._unsaved.clear()  # an unsaved scratch report (no database): nothing to write to
            return True
        if self._writer is not None:
            self._send()
            return not self._unsaved
        while self._unsaved:
            (what, key), value = next(iter(self._unsaved.items()))
            try:
                self._write_one(what, key, value)
            except Exception as e:  # StorageError, or anything unforeseen: never lose the edit
                self._failed(e)
                return False
            del self._unsaved[(what, key)]
            self._written_since += 1
        self._all_saved()
        return True

    def _write_one(self, what: str, key: str, value: Any) -> None:
        """One edit through the repository (on the writer's thread for a shared database)."""
        if what == "cell":
            self.repository.set_cell(self.report_id, key, value)
        elif what == "date":
            self.repository.set_date(self.report_id, value)
        else:
            self.repository.set_text(self.report_id, key, value)

    def _send(self) -> None:
        """Hand the writer every waiting edit, in order, unless it is still writing the last batch (whose answer
        sends the rest)."""
        assert self._writer is not None
        if self._writer.busy or not self._unsaved:
            return
        batch: list[Edit] = [(what, key, value) for (what, key), value in self._unsaved.items()]
        self._writer.send(self._generation, batch)
        self._slow.start()

    def _written(self, generation: int, batch: list[Edit], written: int, error: Any) -> None:
        """The writer's answer, on the window's thread. An edit leaves `_unsaved` only if the value written is
        still the one waiting: a newer value typed meanwhile stays, to be written next."""
        self._slow.stop()
        if generation == self._generation:
            for what, key, value in batch[:written]:
                if (what, key) in self._unsaved and _same(self._unsaved[(what, key)], value):
                    del self._unsaved[(what, key)]
                    self._written_since += 1
            if error is not None:
                self._failed(error)
            elif self._unsaved:
                self._send()  # typed while the batch was written: written next, in order
            else:
                self._all_saved()
        elif self._unsaved:  # edits made after `abandon` wait for no answer of the given-up ones
            self._send()
        self.writesDone.emit()

    def _write_is_slow(self) -> None:
        if self.writing and self._unsaved:
            self._offline = True
            self.offline.emit(len(self._unsaved))

    def _failed(self, e: Exception) -> None:
        log.warning("save failed: %s", e, exc_info=not _is_storage_error(e))
        self.failure_reason = getattr(e, "reason", None)
        if not self._retry.isActive():
            self._retry.start()
        if self.failure_reason in TRANSIENT:  # a server restarting, the network down: wait for it
            self._offline = True
            self.offline.emit(len(self._unsaved))
        else:
            self.saveFailed.emit(_storage_message(e))

    def _all_saved(self) -> None:
        self._retry.stop()
        self.failure_reason = None
        written, self._written_since = self._written_since, 0
        if self._offline:
            self._offline = False
            self.reconnected.emit(written)
        self.saved.emit(datetime.datetime.now().strftime("%H:%M:%S"))

    def pause(self) -> None:
        """Stop retrying the waiting edits, keeping them (the report may not be written now: its lease was lost);
        `flush` writes them when it may again."""
        self._retry.stop()
        self._saver.stop()

    def abandon(self) -> None:
        """Give up the edits the repository refused (the clerk chose 放弃这些修改): no more retries, so they are
        not written later behind the clerk's back (a batch already with the writer may still land; its answer is
        ignored)."""
        self._retry.stop()
        self._saver.stop()
        self._slow.stop()
        self._unsaved.clear()
        self._offline = False
        self._written_since = 0
        self._generation += 1

    def stop_writing(self) -> None:
        """The window is done with this document: its writer thread ends once its batch (if any) is answered."""
        if self._writer is not None:
            self._writer.stop()

    def _retry_due(self) -> None:
        """Try the waiting edits again. On a shared database the writer's thread waits for the network, and an
        attempt still under way is not doubled."""
        self.flush()


def _same(a: Any, b: Any) -> bool:
    """The same value, as stored: 1 and 1.0 (or Decimal 1) are different cells' contents."""
    return type(a) is type(b) and a == b


def _is_storage_error(e: Exception) -> bool:
    return type(e).__name__ == "StorageError"


def _storage_message(e: Exception) -> str:
    if _is_storage_error(e):
        return str(e)
    return f"保存失败：{e}"
