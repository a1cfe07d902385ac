"""At start, a database file that is damaged but has an automatic backup: offer to put the backup in its place.

The storage names the backup in its message («可以改用最近的自动备份 …»), but a clerk who double-clicked the
program cannot act on a file name: without this the program could only say so and exit, every time it started.
The damaged file is never deleted (storage.open_file.recover_from_backup keeps it beside the database under a
new name), so restoring loses nothing that a technician could still get out of it.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from report.about import APP_NAME
from storage.errors import StorageError

from .two_choices import Icon, choose

log = logging.getLogger(__name__)

# The reasons that mean the file's content cannot be used (not a permission, a lock or a newer program).
RESTORABLE = frozenset({"corrupt", "not_db", "truncated"})


def offers_backup(error: BaseException) -> bool:
    return isinstance(error, StorageError) and error.backup is not None and error.reason in RESTORABLE


def _taken_at(backup: Path) -> str:
    try:
        when = datetime.datetime.fromtimestamp(backup.stat().st_mtime)
    except OSError:
        return ""
    return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M} "


def ask_and_restore(error: StorageError, path: Path, message: str) -> bool:
    """Say why the file cannot be opened and offer its backup; True when the backup now stands in its place
    (the start is tried again), False when the clerk chose to quit or the restore failed (said)."""
    assert error.backup is not None
    backup = Path(error.backup)
    if not choose(None, Icon.Critical, f"{APP_NAME} — 数据库文件无法使用", message, "用自动备份恢复(&R)", "退出(&X)",
                  enter_first=True,
                  informative=f"可以用 {_taken_at(backup)}的自动备份恢复：损坏的文件改名后留在原文件夹中，不会删除；"
                              "这份备份之后所做的修改不在其中，恢复后请核对最近录入的内容。"):
        return False
    from storage.repository import recover_from_backup  # SQLAlchemy's import is paid only on this rare path

    try:
        aside = recover_from_backup(path, backup)
    except (StorageError, OSError) as e:
        log.error("restoring %s from %s failed: %s", path, backup, e)
        why = e.message if isinstance(e, StorageError) else f"无法从备份恢复：{e.strerror or e}"
        QMessageBox.critical(None, f"{APP_NAME} — 无法恢复", f"{why}\n数据库文件和备份都未作改动。")
        return False
    log.warning("restored %s from backup %s; the damaged file kept as %s", path, backup, aside)
    QMessageBox.information(None, APP_NAME, f"已用自动备份 {backup.name} 恢复数据库。\n损坏的文件保留为 {aside}")
    return True
