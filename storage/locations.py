"""Where the program keeps its files: the user's data folder, never the program's own folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

APP_DIR_NAME = "GovInfoAnnualReport"
DATA_DIR_ENV = "GOV_REPORT_DATA_DIR"  # tests and portable installs point this elsewhere


def data_dir() -> Path:
    """The user's data folder for this program, created on first use."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_path() -> Path:
    """The log file; falls back to the temporary folder when the data folder cannot be written."""
    try:
        folder = data_dir()
        probe = folder / ".write-test"
        probe.touch()
        probe.unlink()
    except OSError:
        folder = Path(tempfile.gettempdir())
    return folder / "程序日志.log"


def default_db_path() -> Path:
    """The database in the user's data folder; a StorageError when that folder cannot be made (a read-only or
    full profile), said so that the clerk knows where and what to do."""
    from .errors import StorageError, os_reason

    try:
        return data_dir() / "年报数据.sqlite"
    except OSError as e:
        reason = os_reason(e)
        why = {"full": "磁盘空间不足", "read_only": "没有写入权限"}.get(reason, "文件夹不存在或无法访问")
        raise StorageError(f"无法建立程序的数据文件夹 {e.filename or ''}（{why}）。"
                           "请检查该文件夹的权限和磁盘空间，或用 --db 指定其他位置的数据库文件", reason=reason) from None
