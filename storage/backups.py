"""Automatic backups in a `backups` folder beside the database, taken with SQLite's online backup API.

The backup API copies a consistent snapshot even while the file is being written (WAL contents included),
which a plain file copy of a WAL database does not. A backup is written under a temporary name and renamed
when complete, so a crash never leaves half a backup that looks whole.
"""

from __future__ import annotations

import datetime
import glob
import os
import re
import shutil
import sqlite3
from pathlib import Path

KEEP = 10
FOLDER = "backups"
_STAMP = "%Y-%m-%d %H%M%S"


def folder_for(db_path: Path) -> Path:
    return db_path.parent / FOLDER


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(db_path.stem) + r" (\d{4}-\d{2}-\d{2} \d{6})(?:-(\d+))?" + re.escape(db_path.suffix) + "$")


def list_backups(db_path: Path) -> list[Path]:
    """This database's backups, newest first."""
    folder = folder_for(db_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    pattern = _pattern(db_path)
    found = []
    for name in names:
        match = pattern.match(name)
        if match:
            found.append((match.group(1), int(match.group(2) or 0), folder / name))
    return [p for *_, p in sorted(found, reverse=True)]


def newest_backup(db_path: Path) -> Path | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def take_backup(source: sqlite3.Connection, db_path: Path, now: datetime.datetime) -> Path:
    """Copy the open database `source` into a new backup file and drop all but the newest KEEP."""
    folder = folder_for(db_path)
    folder.mkdir(exist_ok=True)
    # Only the window holding the file takes backups, one at a time: a .partial left now is from a crash.
    for stale in folder.glob(f"{glob.escape(db_path.stem)} *{glob.escape(db_path.suffix)}.partial"):
        _remove(stale)
    base = f"{db_path.stem} {now.strftime(_STAMP)}"
    target = folder / f"{base}{db_path.suffix}"
    counter = 1
    while target.exists():
        target = folder / f"{base}-{counter}{db_path.suffix}"
        counter += 1
    partial = target.with_name(target.name + ".partial")
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # a backup is a single self-contained file
        finally:
            dest.close()
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    except BaseException:
        _remove(partial)
        raise
    for old in list_backups(db_path)[KEEP:]:
        _remove(old)
    return target


def recover(db_path: Path, backup: Path, now: datetime.datetime | None = None) -> Path:
    """Put `backup` in place of the database; the unusable file is kept beside it under a new name, returned.

    Nothing is deleted: a damaged file may still hold something worth recovering by hand.
    """
    now = now or datetime.datetime.now()
    aside = db_path.with_name(f"{db_path.name}.损坏-{now.strftime('%Y%m%d-%H%M%S')}")
    if db_path.exists():
        os.replace(db_path, aside)
        for suffix in ("-wal", "-shm"):
            extra = db_path.with_name(db_path.name + suffix)
            if extra.exists():
                os.replace(extra, aside.with_name(aside.name + suffix))
    partial = db_path.with_name(db_path.name + ".partial")
    shutil.copyfile(backup, partial)
    with open(partial, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(partial, db_path)
    return aside


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
