"""The window's database from its first moment: the file held (checked, locked, upgraded or created as
Repository.open would) and its newest report read with sqlite3 alone (storage.plain_read), so that the window
shows that report, ready to type into, while SQLAlchemy — a few tenths of a second to import — loads beside it.

Until the full Repository is at work, only what the window reads to show the first report is answered from that
first look (it cannot be stale: this program holds the file, and nothing has been written yet). Anything else,
any edit above all, waits for the Repository and goes through it: an edit typed at once is saved like any other.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import clean_close, holding, plain_read
from .errors import StorageError
from .rights import EVERYTHING, Rights

if TYPE_CHECKING:
    from report.ledger import Application
    from report.model import Report

    from .repository import Repository

log = logging.getLogger(__name__)


class StartingRepository:
    """Stands for the Repository of a held file; `repository()` is the Repository itself, once loaded."""

    read_only = False
    # A file is never shared: no edit leases (gui/live_report.is_live) and no server to reach. Said here, so that
    # the window asking does not load the Repository (SQLAlchemy, ~0.25 s) before it is shown.
    take_lease = None
    reachable = None

    @staticmethod
    def rights() -> Rights:
        return EVERYTHING  # a held file: the Repository's own answer, without loading it

    def __init__(self, held: holding.Held, look: plain_read.FirstLook,
                 clock: Callable[[], datetime.datetime] | None = None):
        self.path: Path = held.path
        self._held = held
        self._look = look
        self._clock = clock
        self._real: Repository | None = None
        self._loader: threading.Thread | None = None
        self._listeners: list[Callable[[str], None]] = []
        self._closed = False

    @classmethod
    def open(cls, path: str | Path, clock: Callable[[], datetime.datetime] | None = None) -> StartingRepository:
        """Hold the file at `path` and read its newest report; StorageError as Repository.open says it."""
        held = holding.hold(path, clock=clock)
        try:
            return cls(held, plain_read.first_look(held.path), clock)
        except BaseException:
            held.holder.release()
            raise

    # ------------------------------------------------------------------------------------------ loading

    def load_in_background(self, loaded: Callable[[], None] | None = None) -> None:
        """Import the Repository's modules in a thread (the window is idle meanwhile), then call `loaded` from
        that thread: the caller then calls `repository()` on its own thread."""
        def run() -> None:
            try:
                from . import repository  # noqa: F401 - SQLAlchemy and the table classes
            except BaseException:  # said by repository(), which imports again on the caller's thread
                log.exception("loading the repository failed")
            if loaded is not None:
                try:
                    loaded()
                except Exception:  # e.g. the window it would tell has gone: repository() still loads on demand
                    log.exception("telling that the repository is loaded failed")

        if self._loader is None and self._real is None:
            self._loader = threading.Thread(target=run, name="repository-loader", daemon=True)
            self._loader.start()

    def repository(self) -> Repository:
        """The Repository at work on the held file (loaded here if the thread has not done it yet)."""
        if self._real is None:
            if self._closed:
                raise StorageError("数据库已关闭", reason="closed")
            if self._loader is not None:
                self._loader.join()
            from .repository import Repository

            self._real = Repository.adopt(self._held, clock=self._clock)
            for listener in self._listeners:
                self._real.on_warning(listener)
            self._listeners.clear()
        return self._real

    def __getattr__(self, name: str) -> Any:
        # Everything not answered from the first look (writes above all) is the Repository's.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.repository(), name)

    # ------------------------------------------------------------------------------------------ the first look

    def _looking(self, report_id: int | None = None) -> bool:
        """Whether the first look answers a read of `report_id`: the Repository is not at work yet."""
        return self._real is None and (report_id is None or report_id == self._look.report_id)

    def latest_report(self) -> int | None:
        return self._look.report_id if self._looking() else self.repository().latest_report()

    def load(self, report_id: int) -> Report:
        if self._looking(report_id):
            if self._look.error is not None:
                raise self._look.error
            assert self._look.report is not None
            return self._look.report
        return self.repository().load(report_id)

    def previous_year_report(self, report_id: int) -> Report | None:
        if self._looking(report_id) and self._look.error is None:
            return self._look.previous
        return self.repository().previous_year_report(report_id)

    def info(self, report_id: int) -> plain_read.ReportInfo:
        if self._looking(report_id) and self._look.info is not None:
            return self._look.info
        return self.repository().info(report_id)

    def from_ledger(self, report_id: int) -> bool:
        if self._looking(report_id) and self._look.error is None:
            return self._look.from_ledger
        return self.repository().from_ledger(report_id)

    def applications(self, agency: str) -> list[Application]:
        report = self._look.report
        if self._looking() and report is not None and agency.strip() == report.agency:
            return list(self._look.applications)
        return self.repository().applications(agency)

    # ------------------------------------------------------------------------------------------ warnings, closing

    def on_warning(self, listener: Callable[[str], None]) -> None:
        if self._real is not None:
            self._real.on_warning(listener)
        else:
            self._listeners.append(listener)

    @property
    def warnings(self) -> list[str]:
        return self._real.warnings if self._real is not None else []

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._loader is not None:
            self._loader.join()  # no import left running while the program ends
        if self._real is not None:
            self._real.close()
            return
        # Nothing was written: the file is as it was found (checked at the hold, or known as left cleanly).
        clean_close.record(self.path)
        self._held.holder.release()

    def __enter__(self) -> StartingRepository:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
