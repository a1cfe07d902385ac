"""Automatic backups in a `backups` folder beside the database, taken with SQLite's online backup API.

The backup API copies a consistent snapshot even while the file is being written (WAL contents included),
which a plain file copy of a WAL database does not. A backup is written under a temporary name, checked with
SQLite's quick_check and renamed when complete, so a crash never leaves half a backup that looks whole and a
damaged database never pushes a good backup out.

A backup is taken only when the content changed since the newest one (a fingerprint of the content is noted
beside the backups), so restarting the program copies nothing. Backups are kept by age: the newest KEEP, and
besides them the newest of each of the last KEEP_DAYS days and of each of the last KEEP_MONTHS months, so
neither restarts nor a busy day can erase every older state.

Only the newest backup is a whole SQLite file (the one offered when the database cannot be used); each older
state is kept as the pages in which it differs from the next newer one (storage.page_delta), so ten states of
a large file take little more room than one copy. A delta is checked by its checksum before it is applied.
"""

from __future__ import annotations

import datetime
import glob
import json
import os
import re
import shutil
import sqlite3
from pathlib import Path

from . import page_delta

KEEP = 10
KEEP_DAYS = 7
KEEP_MONTHS = 12
DELTA = ".delta"
FOLDER = "backups"
_STAMP = "%Y-%m-%d %H%M%S"


def folder_for(db_path: Path) -> Path:
    return db_path.parent / FOLDER


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(db_path.stem) + r" (\d{4}-\d{2}-\d{2} \d{6})(?:-(\d+))?" + re.escape(db_path.suffix)
                      + f"(?:{re.escape(DELTA)})?$")


def is_delta(backup: Path) -> bool:
    return backup.name.endswith(DELTA)


def list_backups(db_path: Path) -> list[Path]:
    """This database's restorable states, newest first: whole SQLite files, and deltas (see storage.page_delta)
    that `materialize` rebuilds."""
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
    """The newest backup that is a whole SQLite file (the one to offer when the database cannot be used)."""
    return next((p for p in list_backups(db_path) if not is_delta(p)), None)


def materialize(db_path: Path, backup: Path, into: Path) -> None:
    """Write the state `backup` stands for into the file `into` as a whole SQLite file (synced).
    page_delta.DamagedDelta when a delta on the way is damaged."""
    states = list_backups(db_path)
    chain: list[Path] = []
    for state in reversed(states[: states.index(backup) + 1]):  # from `backup` towards the newest
        if not is_delta(state):
            break
        chain.append(state)
    else:
        raise page_delta.DamagedDelta(f"no whole backup newer than {backup.name}")
    shutil.copyfile(state, into)
    with open(into, "r+b") as f:
        for delta in reversed(chain):  # from the newest down to `backup`
            page_delta.apply(delta, f)
        f.flush()
        os.fsync(f.fileno())


class DamagedSource(Exception):
    """The copy failed SQLite's integrity check: the database itself is damaged. No backup was kept."""


# What any change the program makes moves: every change is logged as a revision or touches a report.
_FINGERPRINT = ("SELECT (SELECT max(id) FROM revisions), (SELECT max(updated_at) FROM reports), "
                "(SELECT count(*) FROM reports), (SELECT count(*) FROM agencies)")


def fingerprint(source: sqlite3.Connection) -> list[object]:
    version = source.execute("PRAGMA user_version").fetchone()[0]
    return [version, *map(str, source.execute(_FINGERPRINT).fetchone())]


def _note_path(db_path: Path) -> Path:
    return folder_for(db_path) / f"{db_path.name}.backed-up"


def up_to_date(source: sqlite3.Connection, db_path: Path) -> bool:
    """Whether the newest backup already holds what `source` holds now."""
    try:
        noted = json.loads(_note_path(db_path).read_text(encoding="utf-8"))
        newest = newest_backup(db_path)
        return newest is not None and noted["backup"] == newest.name and noted["fingerprint"] == fingerprint(source)
    except (OSError, ValueError, KeyError, TypeError, sqlite3.Error):
        return False


def take_backup(source: sqlite3.Connection, db_path: Path, now: datetime.datetime, *, force: bool = False) -> Path | None:
    """Copy the open database `source` into a new backup file, then drop the backups no longer kept by age.

    None when nothing changed since the newest backup (unless `force`). DamagedSource when the copy fails
    its integrity check: the partial copy is removed and every earlier backup kept.
    """
    source.execute("BEGIN")  # one snapshot for the fingerprint and the copy
    try:
        if not force and up_to_date(source, db_path):
            return None
        content = fingerprint(source)
        target = _copy(source, db_path, now)
    finally:
        source.execute("ROLLBACK")
    note = _note_path(db_path)
    try:
        note.write_text(json.dumps({"backup": target.name, "fingerprint": content}, ensure_ascii=False),
                        encoding="utf-8")
    except OSError:
        _remove(note)  # without it the next change (or start) simply backs up again
    for previous in list_backups(db_path)[1:]:
        if not is_delta(previous):
            _to_delta(previous, target)
        break
    _prune(db_path)
    return target


def _to_delta(whole: Path, newer: Path) -> None:
    """Keep the state of the whole backup `whole` as its pages that differ from `newer`'s. On any failure (a
    full disk) the whole file simply stays."""
    delta = whole.with_name(whole.name + DELTA)
    try:
        page_delta.write(delta, *page_delta.diff(whole, newer))
    except OSError:
        _remove(delta)
        return
    _remove(whole)


def _prune(db_path: Path) -> None:
    """Let go of the states retention by age does not keep. A delta dropped is merged into the next older one,
    which then leads from the next newer state straight to its own, so every other state still rebuilds."""
    states = list_backups(db_path)
    for state in to_drop(states):
        older = states[states.index(state) + 1:]
        try:
            if is_delta(state):
                if older and is_delta(older[0]):
                    page_delta.merge(state, older[0])
            elif older and is_delta(older[0]):
                continue  # a whole file an older delta leads from (a conversion that failed): kept
        except (OSError, page_delta.DamagedDelta):
            continue  # kept: nothing that still rebuilds is given up
        _remove(state)
        states.remove(state)


def _copy(source: sqlite3.Connection, db_path: Path, now: datetime.datetime) -> Path:
    folder = folder_for(db_path)
    folder.mkdir(exist_ok=True)
    # Only the window holding the file takes backups, one at a time: a .partial left now is from a crash.
    for stale in folder.glob(f"{glob.escape(db_path.stem)} *{glob.escape(db_path.suffix)}*.partial"):
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
            if [r[0] for r in dest.execute("PRAGMA quick_check")] != ["ok"]:
                raise DamagedSource(str(db_path))
        finally:
            dest.close()
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    except BaseException:
        _remove(partial)
        raise
    return target


def to_drop(found: list[Path]) -> list[Path]:
    """The backups (newest first, as list_backups gives them) that retention by age lets go."""
    dated = [(moment, p) for p in found if (moment := _moment(p)) is not None]
    if not dated:
        return []
    latest = dated[0][0]
    keep = {p for _, p in dated[:KEEP]}
    days, months = set(), set()
    for moment, p in dated:  # newest first: the first seen of a day or month is its newest
        day, month = moment.date(), (moment.year, moment.month)
        if (latest.date() - day).days < KEEP_DAYS and day not in days:
            days.add(day)
            keep.add(p)
        if (latest.year - moment.year) * 12 + latest.month - moment.month < KEEP_MONTHS and month not in months:
            months.add(month)
            keep.add(p)
    return [p for _, p in dated if p not in keep]


def _moment(path: Path) -> datetime.datetime | None:
    match = re.search(r" (\d{4}-\d{2}-\d{2} \d{6})(?:-\d+)?\.[^ ]*$", path.name)
    try:
        return datetime.datetime.strptime(match.group(1), _STAMP) if match else None
    except ValueError:
        return None


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
