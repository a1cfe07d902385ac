"""Whether the database file is exactly as this program left it when it last closed it cleanly.

SQLite's quick_check reads every page: on a large file it is most of the time of opening. It is needed when
the file may have been damaged since the program last had it: after a crash or a power cut (a write-ahead log
is left over), or when anything else wrote, copied or restored the file. So when a window or command closes
the file cleanly it notes the file's size, modification time and identity in the backups folder, and the next
open skips the check only when the file still matches that note and no write-ahead log is pending. Anything
else (no note, a note that cannot be read or written, any difference) means a full check, as before.

The check also runs on every automatic backup (see storage.backups), so damage that changes nothing visible
from outside (a failing disk) is still found, in the background, before a damaged copy can be kept.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from . import backups


def note_path(db_path: Path) -> Path:
    return backups.folder_for(db_path) / f"{db_path.name}.closed"


def _identity(db_path: Path) -> dict[str, int]:
    st = os.stat(db_path)
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "inode": st.st_ino}


def record(db_path: Path) -> None:
    """Note the file as the program leaves it; call after its last connection has closed, lock still held.
    Failing to write the note only costs the next open a full check."""
    note = note_path(db_path)
    partial = note.with_name(note.name + ".partial")
    try:
        if _wal_left(db_path):
            raise OSError("write-ahead log still pending")  # another reader kept it: not a clean state
        note.parent.mkdir(exist_ok=True)
        partial.write_text(json.dumps(_identity(db_path)), encoding="utf-8")
        os.replace(partial, note)
    except OSError:
        forget(db_path)
        try:
            partial.unlink()
        except OSError:
            pass


def matches(db_path: Path) -> bool:
    """True only when the file is known to be as the program left it at a clean close."""
    try:
        noted = json.loads(note_path(db_path).read_text(encoding="utf-8"))
        return not _wal_left(db_path) and noted == _identity(db_path)
    except (OSError, ValueError):
        return False


def forget(db_path: Path) -> None:
    """The next open checks the file in full (e.g. a backup of it failed its own check)."""
    try:
        note_path(db_path).unlink()
    except OSError:
        pass


def _wal_left(db_path: Path) -> bool:
    try:
        return os.stat(db_path.with_name(db_path.name + "-wal")).st_size > 0
    except OSError:
        return False
