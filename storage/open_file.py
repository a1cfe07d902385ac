"""A database file held open: opening it (upgrading an older one after a backup), the backup and check that
run beside the work, the transactions every read and write goes through, and closing it.

storage.repository builds the program's reads and writes on top of this; storage.database holds the checks
made before a file is touched and the connection settings.
"""

from __future__ import annotations

import datetime
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from . import backups, clean_close, database, holding, page_delta
from .errors import StorageError, from_exception

log = logging.getLogger(__name__)

BACKUP_EVERY = datetime.timedelta(days=1)

_Opened = TypeVar("_Opened", bound="OpenFile")


class OpenFile:
    """An open database file. Use `open(path)`; close it (or use `with`) when done."""

    def __init__(self, path: Path, engine: Engine, holder: database.Lock | None, *,
                 read_only: bool, clock: Callable[[], datetime.datetime], warnings: list[str],
                 last_backup: datetime.datetime | None):
        self.path = path
        self.read_only = read_only
        self._warnings = warnings
        self._warning_listeners: list[Callable[[str], None]] = []
        self._warnings_lock = threading.Lock()
        self._backup_thread: threading.Thread | None = None
        self._damage_found = False  # by a backup's check: this session must not vouch for the file at close
        self._checking: sqlite3.Connection | None = None  # the background check's connection, to interrupt
        self._closing = False
        self._engine: Engine | None = engine
        self._write_engine = engine.execution_options(write=True)
        self._holder = holder
        self._clock = clock
        self._last_backup = last_backup

    @classmethod
    def open(cls: type[_Opened], path: str | Path, *, read_only: bool = False, wait: float = 0.0,
             clock: Callable[[], datetime.datetime] | None = None) -> _Opened:
        """Open (or create) the database at `path`.

        An older file is upgraded after a backup; a newer, foreign, corrupt, truncated, read-only or locked
        file is refused with StorageError and left untouched (no lock or journal file is made beside it).
        A second writer on the same file is refused (reason "in_use") after waiting `wait` seconds for it to
        finish (a command takes its turn); `read_only=True` opens alongside it for reading (the command line's
        check/export/list), and works on a full disk too.

        The full integrity check runs only when the file is not known to be as the program left it at a
        clean close (see storage.clean_close); the start-up backup runs beside the work, only when the content
        changed since the newest backup, and checks its copy.
        """
        clock = clock or datetime.datetime.now
        if read_only:
            looked = holding.look(path)
            try:
                engine = database.make_engine(looked.path, read_only=True, mode=looked.mode)
            except BaseException:
                if looked.holder is not None:
                    looked.holder.release()
                raise
            return cls(looked.path, engine, looked.holder, read_only=True, clock=clock, warnings=[], last_backup=None)
        held = holding.hold(path, wait=wait, clock=clock)
        try:
            return cls.adopt(held, clock=clock)
        except BaseException:
            held.holder.release()
            raise

    @classmethod
    def adopt(cls: type[_Opened], held: holding.Held,
              clock: Callable[[], datetime.datetime] | None = None) -> _Opened:
        """Put to work a file held for writing (storage.holding.hold): its engine, and the start's backup (or
        check of the file) beside the work. The lock stays `held`'s until this is closed."""
        engine = database.make_engine(held.path, read_only=False)
        repo = cls(held.path, engine, held.holder, read_only=False, clock=clock or datetime.datetime.now,
                   warnings=[], last_backup=held.opened_at)
        if held.backup_due:
            repo._start_backup(held.opened_at, check=True)
        return repo

    @property
    def warnings(self) -> list[str]:
        """Things the clerk should know that did not stop the work (e.g. a backup that failed), so far. It does
        not wait for a backup under way: `on_warning` hears of later ones."""
        with self._warnings_lock:
            return list(self._warnings)

    def on_warning(self, listener: Callable[[str], None]) -> None:
        """Call `listener(message)` for every warning: those so far at once, later ones as they come (possibly
        from the backup thread). None is missed or told twice."""
        with self._warnings_lock:
            self._warning_listeners.append(listener)
            so_far = list(self._warnings)
        for message in so_far:
            listener(message)

    def _warn(self, message: str) -> None:
        with self._warnings_lock:
            self._warnings.append(message)
            listeners = list(self._warning_listeners)
        for listener in listeners:
            try:
                listener(message)
            except Exception:  # a listener's failure must not end the backup thread's report
                log.exception("warning listener failed")

    def wait_for_backup(self) -> None:
        """Backups run beside the work (SQLite's backup API reads a snapshot; WAL lets writes go on)."""
        if self._backup_thread is not None:
            self._backup_thread.join()
            self._backup_thread = None

    def _start_backup(self, now: datetime.datetime, *, check: bool = False) -> None:
        """Back up in a thread when the content changed since the newest backup (the copy is checked);
        `check`: when no backup is needed, check the file itself instead, so that every start still checks
        the whole file, only without the window waiting for it."""
        self.wait_for_backup()

        def run() -> None:
            try:
                if holding.take_backup(self.path, now) is None and check:
                    self._check_file()
            except backups.DamagedSource:
                log.error("backup of %s failed its integrity check", self.path)
                self._damage_found = True
                clean_close.forget(self.path)  # the next open checks the file in full, and refuses it
                newest = backups.newest_backup(self.path)
                self._warn(f"后台检查发现数据库文件 {self.path} 已损坏（完整性检查未通过），没有为它做备份，以前的备份都保留着；"
                           + (f"请尽快关闭程序，改用最近的自动备份 {newest.name}" if newest else "请尽快关闭程序，复制一份文件后联系技术人员"))
            except (sqlite3.Error, OSError) as e:
                if self._closing:
                    return  # the check was cut short by closing: it runs again at the next start
                log.warning("automatic backup failed: %s", e)
                self._warn(from_exception(e, backups.folder_for(self.path), "自动备份").message)

        self._backup_thread = threading.Thread(target=run, name="database-backup", daemon=True)
        self._backup_thread.start()

    def _check_file(self) -> None:
        """SQLite's quick_check of the file as it is now, read-only; DamagedSource when it fails. Closing
        the repository interrupts it (nothing is written, so nothing is lost)."""
        db = database.connect_raw(self.path, "ro")
        try:
            with self._warnings_lock:
                if self._closing:
                    return
                self._checking = db
            if [r[0] for r in db.execute("PRAGMA quick_check")] != ["ok"]:
                raise backups.DamagedSource(str(self.path))
        finally:
            with self._warnings_lock:
                self._checking = None
            db.close()

    def close(self) -> None:
        with self._warnings_lock:
            self._closing = True
            if self._checking is not None:
                self._checking.interrupt()  # the window closes at once, not after the background check
        self.wait_for_backup()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            if not self.read_only and self._holder is not None and not self._damage_found:
                clean_close.record(self.path)  # last connection closed, lock still held
        if self._holder is not None:
            self._holder.release()
            self._holder = None

    def __enter__(self: _Opened) -> _Opened:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def backups(self) -> list[Path]:
        """The automatic backups of this file, newest first."""
        self.wait_for_backup()
        return backups.list_backups(self.path)

    # ------------------------------------------------------------------------------------------ transactions

    # What a database may raise while reading or writing, and the one Chinese error it becomes (a server says
    # it its own way: no file, no backup to offer).
    _FAULTS: tuple[type[BaseException], ...] = (SQLAlchemyError, sqlite3.Error, OSError)

    def _failure(self, error: BaseException, doing: str) -> StorageError:
        return from_exception(error, self.path, doing, backups.newest_backup(self.path))

    @contextmanager
    def _reading(self, doing: str) -> Iterator[Session]:
        if self._engine is None:
            raise StorageError("数据库已关闭", reason="closed")
        try:
            with Session(self._engine) as session, session.begin():
                yield session
        except StorageError:
            raise
        except self._FAULTS as e:
            raise self._failure(e, doing) from None

    @contextmanager
    def _writing(self, doing: str) -> Iterator[Session]:
        if self._engine is None:
            raise StorageError("数据库已关闭", reason="closed")
        if self.read_only:
            raise StorageError(f"{doing}失败：数据库是以只读方式打开的", reason="read_only")
        try:
            with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
                yield session
        except StorageError:
            raise
        except self._FAULTS as e:
            raise self._failure(e, doing) from None
        self._daily_backup()

    def _daily_backup(self) -> None:
        now = self._clock()
        if self._last_backup is not None and now - self._last_backup < BACKUP_EVERY:
            return
        self._last_backup = now  # once a day even when it fails: no retry storm on a full disk
        self._start_backup(now)


def recover_from_backup(path: str | Path, backup: str | Path) -> Path:
    """Put `backup` in place of the unusable database at `path`; returns where the old file was moved to.

    Refused while another window has the file open; the backup is checked before anything is moved.
    """
    path, backup = Path(path).absolute(), Path(backup).absolute()
    holder = database.lock(path)
    staged = backup.with_name(backup.name + ".restoring")
    try:
        if backups.is_delta(backup):  # an older state: rebuilt from the newest backup first
            try:
                backups.materialize(path, backup, staged)
            except (OSError, ValueError, page_delta.DamagedDelta) as e:
                raise StorageError(f"无法从备份 {backup.name} 恢复：这份较早的备份无法重建（{e}）；"
                                   f"请改用较新的备份", reason="corrupt") from None
            backup = staged
        state = database.inspect(backup)
        if not state.exists:
            raise StorageError(f"备份文件 {backup} 是空的，不能用来恢复", reason="corrupt")
        try:
            return backups.recover(path, backup)
        except OSError as e:
            raise from_exception(e, path, "从备份恢复") from None
    finally:
        try:
            staged.unlink()
        except OSError:
            pass
        holder.release()

