"""Opening the database file safely: look before touching, refuse what cannot be used, then connect.

Every check on an existing file runs through a read-only connection (`mode=ro`), so a file that is refused
(not SQLite, truncated, corrupt, from a newer program, from another program) is left byte for byte as it was.

Connection settings, and why:
- journal_mode=WAL: a reader (the command line, a backup) never blocks the window's writes, and a crash in the
  middle of a write leaves the last committed state.
- synchronous=FULL: in WAL mode, NORMAL only syncs at checkpoints, so after a power cut the last commits can be
  rolled back (the file stays consistent, but a saved edit is lost). FULL syncs the WAL on every commit, so an
  edit the program has reported as saved survives a power cut. It costs one fsync per edit, and edits are
  one cell at a time (see bench/storage.py).
- foreign_keys=ON: cells, texts and revisions can never point at a report that is not there.
- busy_timeout: another program holding a lock for a moment is waited for, not reported as an error.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from . import backups
from .errors import StorageError, describe, from_exception, os_reason
from .file_format import APPLICATION_ID, SCHEMA_VERSION
from .file_lock import Busy, FileLock

if TYPE_CHECKING:  # SQLAlchemy is imported when an engine is made: looking at and holding a file need none of it
    from sqlalchemy import Connection, Engine

BUSY_TIMEOUT_S = 3.0
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileState:
    exists: bool  # False: a new database is to be created
    version: int  # PRAGMA user_version (0 for a new file)
    has_reports: bool


def connect_raw(path: Path, mode: str) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode. `mode` is "ro", "rw" (never creates a missing file: a
    database moved away while open is an error, not a new empty database) or "rwc"."""
    db = sqlite3.connect(f"{path.as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_S,
                         isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def read_mode(path: Path) -> str:
    """How to open for reading. On read-only media SQLite cannot make the -shm file a WAL database needs even
    to be read; there nobody can write the file, so it may be opened as immutable (no locks, no -shm)."""
    if not os.access(path.parent, os.W_OK) and not wal_pending(path):
        return "ro&immutable=1"
    return "ro"


# The longest name derived from the database's own (a backup's "名 2021-01-31 235959-99.sqlite.partial") must
# fit the 255-byte limit of file names on every file system we meet.
NAME_MAX = 255
_DERIVED_EXTRA = 40


def check_location(path: Path, *, read_only: bool) -> None:
    """Refuse a path that cannot be a database file before SQLite gets to see it: only a regular file (or a
    missing one, to be created) is opened; a pipe, a device or a folder would hang or fail deep inside."""
    if len(os.fsencode(path.name)) + _DERIVED_EXTRA > NAME_MAX:
        raise StorageError(f"无法打开数据库：文件名太长（{len(os.fsencode(path.name))} 字节，最多 "
                           f"{NAME_MAX - _DERIVED_EXTRA} 字节，约 {(NAME_MAX - _DERIVED_EXTRA) // 3} 个汉字），"
                           f"请改用较短的文件名：{path}", reason="cant_open")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise StorageError(f"无法打开数据库：{path} 是一个快捷方式（符号链接），但它指向的文件不存在",
                               reason="missing") from None
        if not path.parent.is_dir():
            raise StorageError(f"无法打开数据库：文件夹 {path.parent} 不存在", reason="cant_open") from None
        if read_only:
            raise StorageError(f"找不到数据库文件 {path}", reason="missing") from None
        return
    except OSError as e:
        raise StorageError(_path_problem(e, path), reason="cant_open") from None
    if stat.S_ISDIR(st.st_mode):
        raise StorageError(f"无法打开数据库：{path} 是文件夹，不是数据库文件", reason="cant_open")
    if not stat.S_ISREG(st.st_mode):
        raise StorageError(f"无法打开数据库：{path} 不是普通文件（而是设备、管道等特殊文件），不能用作数据库",
                           reason="cant_open")
    # Ask the operating system for write access rather than trusting permission bits (root ignores them,
    # but not a read-only disk or an immutable file). O_NONBLOCK: should a pipe be swapped in after the look
    # above, opening it must not wait for a writer; fstat below refuses it.
    flags = (os.O_RDONLY if read_only else os.O_RDWR) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise StorageError(describe(os_reason(e), path, "打开数据库"), reason=os_reason(e),
                           backup=backups.newest_backup(path)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StorageError(f"无法打开数据库：{path} 不是普通文件，不能用作数据库", reason="cant_open")
        header = os.read(fd, 100)
        size = os.fstat(fd).st_size
    finally:
        os.close(fd)
    newest = backups.newest_backup(path)
    if size == 0:
        if newest is not None:
            raise _damaged(path, "文件是空的（0 字节），内容已丢失", newest, "truncated")
        return  # an empty file: a new database
    if not header.startswith(SQLITE_MAGIC):
        raise StorageError(
            f"无法打开数据库：{path} 不是 SQLite 数据库文件（可能选错了文件，或文件已损坏）"
            + (f"；可以改用最近的自动备份 {newest.name}" if newest else ""),
            reason="not_db", backup=newest)
    # With a WAL left over (a crash, or a checkpoint cut short by a full disk) the header may count pages
    # that are still only in the WAL; then the integrity check decides.
    if len(header) < 100 or (size < _expected_size(header) and not wal_pending(path)):
        raise _damaged(path, "文件不完整（被截断），可能是复制或保存时中断", newest, "truncated")


def _path_problem(e: OSError, path: Path) -> str:
    if e.errno == errno.ENAMETOOLONG:
        return f"无法打开数据库：路径太长（{len(os.fsencode(str(path)))} 字节），请把文件放到层次较浅的文件夹或改用较短的名称"
    if e.errno == errno.ELOOP:
        return f"无法打开数据库：{path} 的快捷方式（符号链接）互相指向，形成了循环"
    if e.errno == errno.ENOTDIR:
        return f"无法打开数据库：路径 {path} 中有一部分不是文件夹"
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"无法打开数据库：没有访问 {path} 的权限"
    return f"无法打开数据库 {path}：{e.strerror or e}"


def wal_pending(path: Path) -> bool:
    """Whether a write-ahead log with content lies beside the file (committed work not yet in the file itself:
    a window or command is writing, or one ended without closing)."""
    try:
        return os.stat(path.with_name(path.name + "-wal")).st_size > 0
    except OSError:
        return False


def _expected_size(header: bytes) -> int:
    """The size the header says the file has, or 0 when the header's size field is not to be trusted."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96] and pages > 0
    return page_size * pages if valid else 0


def _damaged(path: Path, why: str, newest: Path | None, reason: str) -> StorageError:
    offer = f"；可以改用最近的自动备份 {newest.name}" if newest else "；没有找到自动备份"
    return StorageError(f"无法打开数据库 {path}：{why}{offer}", reason=reason, backup=newest)


def inspect(path: Path, *, mode: str = "ro", verify: bool = True) -> FileState:
    """What the existing file is, read without changing it; StorageError when it cannot be used.

    `verify`: also run SQLite's quick_check over every page. It reads the whole file (most of the time of
    opening a large one), so the caller asks for it only when the file is not known to be as the program
    left it (see storage.clean_close).
    """
    if not path.exists() or path.stat().st_size == 0:
        return FileState(exists=False, version=0, has_reports=False)
    newest = backups.newest_backup(path)
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    fresh = [p for p in sidecars if not p.exists()]
    try:
        db = connect_raw(path, mode)
    except sqlite3.Error as e:
        _remove_empty_sidecars(fresh)
        raise from_exception(e, path, "打开数据库", newest) from None
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id == 0 and not tables:
            return FileState(exists=False, version=0, has_reports=False)  # an empty SQLite file
        if app_id != APPLICATION_ID:
            raise StorageError(
                f"无法打开数据库：{path} 是其他程序的 SQLite 数据库，不是本程序的数据文件；为免损坏，本程序不会修改它",
                reason="foreign")
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"无法打开数据库：{path} 由更新版本的本程序创建（数据格式第 {version} 版，本程序只支持到第 "
                f"{SCHEMA_VERSION} 版），请升级程序后再打开；文件未作任何改动",
                reason="newer")
        if verify:
            problems = [r[0] for r in db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise _damaged(path, "文件已损坏（完整性检查未通过）", newest, "corrupt")
        has_reports = db.execute("SELECT EXISTS (SELECT 1 FROM reports)").fetchone()[0] == 1
        return FileState(exists=True, version=version, has_reports=has_reports)
    except sqlite3.Error as e:
        db.close()
        _remove_empty_sidecars(fresh)
        raise from_exception(e, path, "打开数据库", newest) from None
    except StorageError:
        db.close()
        _remove_empty_sidecars(fresh)  # a refused file is left exactly as found, without new -wal/-shm files
        raise
    finally:
        db.close()


def _remove_empty_sidecars(created: list[Path]) -> None:
    """Remove the -wal/-shm files our read-only look created; only an empty WAL (no data in it) is removed."""
    wal = [p for p in created if p.name.endswith("-wal")]
    if any(p.exists() and p.stat().st_size > 0 for p in wal):
        return
    for p in created:
        try:
            p.unlink()
        except OSError:
            pass


def _holder(path: Path) -> FileLock:
    return FileLock(path.with_name(path.name + ".lock"))


def lock(path: Path, *, wait: float = 0.0) -> FileLock:
    """Hold the file for this program window (or command): a second copy on the same file is told it is in use.

    `wait`: seconds to wait for the holder to let go first, for a command that writes (a second `db import`
    at the same moment takes its turn). The operating system releases the lock when the process ends,
    however it ends (crash, power cut, kill).
    """
    holder = _holder(path)
    try:
        holder.acquire(wait)
    except Busy:
        if wait:
            message = (f"数据库文件 {path} 正由本程序的窗口或另一条命令使用，等待 {wait:g} 秒后仍未释放；"
                       f"请关闭使用它的窗口，或等那条命令完成后重试")
        else:
            message = (f"数据库文件 {path} 已在本程序的另一个窗口中打开（或正由命令行使用）；"
                       f"请切换到那个窗口继续工作，或先关闭它再打开")
        raise StorageError(message, reason="in_use") from None
    except OSError as e:
        raise StorageError(describe(os_reason(e), path, "打开数据库"), reason=os_reason(e)) from None
    return holder


class Lock(Protocol):
    """A lock on the database file held by this process: `lock`'s, or `try_lock`'s stand-in."""

    def release(self) -> None: ...


def try_lock(path: Path) -> Lock | None:
    """The program's lock on the file if nobody of ours holds it now, else None (nothing waits, nothing is
    raised: a lock file that cannot even be made means nobody else could have made it either)."""
    holder = _holder(path)
    try:
        holder.acquire()
    except Busy:
        return None
    except OSError:
        return _NoLock()
    return holder


class _NoLock:
    """Stands for a lock that could not be taken because its file cannot be written (full or read-only disk)."""

    def release(self) -> None:
        pass


def writer_active(path: Path) -> bool:
    """Whether a window or command of this program holds the file now (it checked the file when it opened it)."""
    if not path.with_name(path.name + ".lock").exists():
        return False
    holder = try_lock(path)
    if holder is None:
        return True
    holder.release()
    return False


def make_engine(path: Path, *, read_only: bool, mode: str | None = None, wal: bool = True) -> Engine:
    """The SQLAlchemy engine; a connection is made by sqlite3 itself so that any path (Chinese, spaces) works.
    `mode`: how a reading engine opens the file (default: `read_mode`)."""
    from sqlalchemy import create_engine, event  # here: looking at and holding a file need none of SQLAlchemy

    engine = create_engine("sqlite://", creator=lambda: connect_raw(
        path, (mode or read_mode(path)) if read_only else "rw"))

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if not read_only and wal:
            dbapi_connection.execute("PRAGMA journal_mode = WAL")
            dbapi_connection.execute("PRAGMA synchronous = FULL")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writing transaction takes the write lock at once: no deadlock when upgrading a read lock later.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


def create_schema(path: Path) -> None:
    """Create the database with the current schema, marked as ours. It is built under a temporary name and
    renamed into place once complete, so a failure (a full disk) leaves no empty or half-made file behind."""
    from .schema import Base

    partial = path.with_name(path.name + ".partial")
    leftovers = [partial, *(partial.with_name(partial.name + s) for s in ("-journal", "-wal", "-shm"))]
    for p in leftovers:
        _unlink(p)  # from an earlier attempt cut short: we hold the lock, nobody else makes it
    try:
        connect_raw(partial, "rwc").close()
        engine = make_engine(partial, read_only=False, wal=False)
        try:
            with engine.execution_options(write=True).begin() as conn:
                Base.metadata.create_all(conn)
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        finally:
            engine.dispose()
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, path)
    except BaseException:
        for p in leftovers:
            _unlink(p)
        raise


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
