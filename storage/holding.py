"""Taking hold of a database file before any of SQLAlchemy is needed: the checks made before a file is touched,
the program's lock, an older file's upgrade (after a backup), a new file's creation; and for reading, how to open
it alongside a writer.

storage.open_file puts a file held here to work (its engine, the start's backup); the window holds the file and
shows its newest report (storage.plain_read) while SQLAlchemy, a few tenths of a second to import, still loads.
"""

from __future__ import annotations

import datetime
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import backups, clean_close, database, migrations
from .errors import StorageError, from_exception
from .file_format import SCHEMA_VERSION

log = logging.getLogger(__name__)


@dataclass
class Held:
    """A file held for writing, checked and at the current schema."""

    path: Path
    holder: database.Lock
    opened_at: datetime.datetime
    backup_due: bool  # a file with reports: backed up (or else checked) in the background once at work


@dataclass
class Looked:
    """A file checked for reading alongside a writer: how to open it, and the lock taken when it had to be."""

    path: Path
    mode: str
    holder: database.Lock | None


def hold(path: str | Path, *, wait: float = 0.0, clock: Callable[[], datetime.datetime] | None = None) -> Held:
    """Hold the file at `path` for writing, creating or upgrading it. A newer, foreign, corrupt, truncated,
    read-only or locked file is refused with StorageError and left untouched (no lock or journal file is made
    beside it); another writer is waited for `wait` seconds (reason "in_use" after). The full integrity check
    runs only when the file is not known to be as the program left it at a clean close (storage.clean_close)."""
    clock = clock or datetime.datetime.now
    path = Path(path).expanduser().absolute()
    database.check_location(path, read_only=False)
    # Look first, read-only: a file that is refused gets nothing beside it, not even the lock file; an older file
    # is backed up before anything (a backup only reads).
    upgrade_backup = None
    if path.exists():
        # A window or command of ours holding the file checked it when it opened it.
        trusted = clean_close.matches(path) or database.writer_active(path)
        state = database.inspect(path, verify=not trusted)
        if state.exists and state.version < SCHEMA_VERSION:
            upgrade_backup = backup_before_upgrade(path, clock())
    holder = database.lock(path, wait=wait)
    try:
        # Again under the lock, cheaply: another window or command may have created or upgraded it meanwhile.
        state = database.inspect(path, verify=False)
        opened_at = clock()
        if not state.exists:
            _create(path)
        elif state.version < SCHEMA_VERSION:
            _upgrade(path, state.version, upgrade_backup or backup_before_upgrade(path, clock()))
        clean_close.forget(path)  # until this session closes cleanly
    except BaseException:
        holder.release()
        raise
    return Held(path, holder, opened_at, backup_due=state.exists and state.version == SCHEMA_VERSION
                and state.has_reports)


def look(path: str | Path) -> Looked:
    """Check the file at `path` for reading alongside a writer; StorageError when it cannot be read. Works on a
    full disk too (then read as immutable, under the program's lock so that no writer starts meanwhile)."""
    path = Path(path).expanduser().absolute()
    database.check_location(path, read_only=True)
    # A window or command of ours holding the file checked it when it opened it.
    trusted = clean_close.matches(path) or database.writer_active(path)
    mode, holder = database.read_mode(path), None
    try:
        state = database.inspect(path, mode=mode, verify=not trusted)
    except StorageError as e:
        # On a full disk SQLite cannot make the shared-memory file even a reader of a WAL database needs. When
        # the log is empty and no window or command of ours is writing, the file alone is the whole database.
        if e.reason not in ("full", "io") or database.wal_pending(path):
            raise
        holder = database.try_lock(path)
        if holder is None:
            raise
        mode = "ro&immutable=1"
        try:
            state = database.inspect(path, mode=mode, verify=not trusted)
        except BaseException:
            holder.release()
            raise
    try:
        if not state.exists:
            raise StorageError(f"数据库文件 {path} 是空的，还没有任何报告", reason="missing")
        if state.version < SCHEMA_VERSION:
            raise StorageError(f"数据库文件 {path} 是旧版本程序的格式，请先在程序窗口中打开一次以完成升级",
                               reason="older")
    except BaseException:
        if holder is not None:
            holder.release()
        raise
    return Looked(path, mode, holder)


def _create(path: Path) -> None:
    from sqlalchemy.exc import SQLAlchemyError  # the schema is made from SQLAlchemy's classes of the tables

    try:
        database.create_schema(path)
    except (SQLAlchemyError, sqlite3.Error, OSError) as e:
        raise from_exception(e, path, "新建数据库") from None


def backup_before_upgrade(path: Path, now: datetime.datetime) -> Path:
    try:
        taken = take_backup(path, now, force=True)
    except (sqlite3.Error, OSError, backups.DamagedSource) as e:
        error = backup_error(e, path)
        raise StorageError(f"数据库需要升级，但升级前无法备份（{error.message}），为安全起见没有升级，文件未作改动",
                           reason=error.reason) from None
    assert taken is not None  # forced
    return taken


def _upgrade(path: Path, version: int, taken: Path) -> None:
    try:
        db = database.connect_raw(path, "rw")
        try:
            migrations.upgrade(db, version)
        finally:
            db.close()
    except (sqlite3.Error, OSError) as e:
        error = from_exception(e, path, "升级数据库")
        raise StorageError(f"{error.message}；升级前的备份在 {taken}", reason=error.reason, backup=taken) from None
    log.info("upgraded %s from schema %d to %d; backup %s", path, version, SCHEMA_VERSION, taken)


def take_backup(path: Path, now: datetime.datetime, *, force: bool = False) -> Path | None:
    """A backup of the file now (storage.backups); None when the newest already holds its content."""
    source = database.connect_raw(path, "ro")
    try:
        return backups.take_backup(source, path, now, force=force)
    finally:
        source.close()


def backup_error(e: BaseException, path: Path) -> StorageError:
    if isinstance(e, backups.DamagedSource):
        return StorageError(f"数据库文件 {path} 已损坏（完整性检查未通过）", reason="corrupt")
    return from_exception(e, backups.folder_for(path), "备份")
