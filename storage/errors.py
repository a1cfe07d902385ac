"""What can go wrong with the database file, said in one Chinese sentence a clerk can act on."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from report.errors import UserFacingError


class StorageError(UserFacingError):
    """The operation did not happen and nothing saved was changed.

    `backup` is the newest automatic backup to offer when the file itself cannot be used; `reason` is a stable
    short code the window can branch on (e.g. "in_use", "newer", "corrupt", "read_only", "full", "locked").
    """

    def __init__(self, message: str, *, reason: str = "other", backup: Path | None = None):
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.backup = backup


# SQLite's primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB, _PERM = 5, 6, 8, 10, 11, 13, 14, 26, 3


def sqlite_reason(exc: BaseException) -> str:
    """Classify a sqlite3 error (possibly wrapped by SQLAlchemy) as one of the StorageError reasons."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    text = str(orig).lower()
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (_BUSY, _LOCKED) or "locked" in text or "busy" in text:
        return "locked"
    if primary == _FULL or "full" in text:
        return "full"
    if primary in (_READONLY, _PERM) or "readonly" in text or "read-only" in text:
        return "read_only"
    if primary == _NOTADB or "not a database" in text:
        return "not_db"
    if primary == _CORRUPT or "malformed" in text:
        return "corrupt"
    if primary == _CANTOPEN or "unable to open" in text:
        return "cant_open"
    if primary == _IOERR or "disk i/o" in text:
        return "io"
    return "other"


def os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "read_only"
    return "io"


def describe(reason: str, path: Path, doing: str) -> str:
    """One sentence: what failed (`doing`, e.g. "保存修改"), why, and what the clerk can do."""
    name = str(path)
    return {
        "locked": f"{doing}失败：数据库文件 {name} 正被其他程序锁定（例如另一个数据库工具），请关闭该程序后重试",
        "full": f"{doing}失败：磁盘空间不足，请清理磁盘后重试；之前已保存的内容不受影响",
        "read_only": f"{doing}失败：数据库文件 {name} 或其所在文件夹是只读的（或没有写入权限），"
        f"请把文件复制到可写的文件夹（如“文档”）后再打开",
        "not_db": f"{doing}失败：{name} 不是本程序的数据库文件，或文件已严重损坏",
        "corrupt": f"{doing}失败：数据库文件 {name} 已损坏",
        "cant_open": f"{doing}失败：无法打开数据库文件 {name}（文件夹不存在或没有访问权限）",
        "io": f"{doing}失败：读写数据库文件 {name} 时出错（磁盘或网络盘可能有问题），之前已保存的内容不受影响",
    }.get(reason, f"{doing}失败：数据库出错")


def from_exception(exc: BaseException, path: Path, doing: str, backup: Path | None = None) -> StorageError:
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        reason = os_reason(exc)
    else:
        reason = sqlite_reason(exc)
    if reason == "io" and _disk_full(path):
        reason = "full"  # SQLite says only "disk I/O error" when it cannot grow its shared-memory file
    message = describe(reason, path, doing)
    if reason == "other":
        message += f"（{getattr(exc, 'orig', None) or exc}）"
    if reason in ("corrupt", "not_db") and backup is not None:
        message += f"；可以改用最近的自动备份 {backup.name}"
    return StorageError(message, reason=reason, backup=backup)


def _disk_full(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False
