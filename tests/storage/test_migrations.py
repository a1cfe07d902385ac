"""storage.migrations on its own: each step on a plain connection, one transaction per version, nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from storage import database, migrations
from storage.schema import SCHEMA_VERSION

from .conftest import FIXTURES_V1

TABLES = ("agencies", "reports", "cells", "texts", "revisions")


def _copy_v1(tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "旧版 数据.sqlite"
    shutil.copyfile(FIXTURES_V1, path)
    return database.connect_raw(path, "rw")


def _version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _rows(db: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}


def _shape(db: sqlite3.Connection) -> tuple[dict, list[str]]:
    tables = sorted(_tables(db))
    columns = {t: sorted((c[1], c[2], c[3], c[5]) for c in db.execute(f"PRAGMA table_info({t})")) for t in tables}
    indexes = sorted(r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    return columns, indexes


def test_every_version_after_the_first_has_exactly_one_step():
    assert sorted(migrations.STEPS) == list(range(2, SCHEMA_VERSION + 1))


def test_upgrading_version_1_keeps_every_row_and_reaches_the_schema_of_a_new_file(tmp_path):
    db = _copy_v1(tmp_path)
    before = _rows(db)
    assert _version(db) == 1
    migrations.upgrade(db, 1)
    assert _version(db) == SCHEMA_VERSION
    after = _rows(db)
    # Rows gain the columns later schemas added (empty), and lose nothing.
    assert {t: [row[:len(before[t][0])] for row in after[t]] for t in TABLES if before[t]} == \
        {t: rows for t, rows in before.items() if rows}
    assert [r[-1] for r in db.execute("SELECT id, date FROM reports")] == [None]
    assert db.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []

    fresh = tmp_path / "新.sqlite"
    database.create_schema(fresh)
    assert _shape(db) == _shape(database.connect_raw(fresh, "ro"))


def test_each_step_takes_the_file_one_version_further(tmp_path, monkeypatch):
    db = _copy_v1(tmp_path)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    migrations.upgrade(db, 1)
    assert _version(db) == 2
    assert "date" in {c[1] for c in db.execute("PRAGMA table_info(reports)")}
    assert "applications" not in _tables(db)
    monkeypatch.undo()
    migrations.upgrade(db, 2)  # from an intermediate version: only the steps after it
    assert _version(db) == SCHEMA_VERSION and "applications" in _tables(db)


def test_a_step_that_fails_leaves_its_version_untouched(tmp_path, monkeypatch):
    """Step 2 is committed with its version; step 3, failing half-way, leaves no trace of itself."""
    db = _copy_v1(tmp_path)
    real = migrations.STEPS[3]

    def half_then_fail(conn: sqlite3.Connection) -> None:
        real(conn)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(migrations.STEPS, 3, half_then_fail)
    with pytest.raises(sqlite3.OperationalError):
        migrations.upgrade(db, 1)
    assert _version(db) == 2
    assert "applications" not in _tables(db)
    assert not db.in_transaction
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    monkeypatch.undo()
    migrations.upgrade(db, _version(db))  # the next open finishes the job
    assert _version(db) == SCHEMA_VERSION


def test_a_current_file_has_nothing_to_upgrade(tmp_path):
    path = tmp_path / "新.sqlite"
    database.create_schema(path)
    db = database.connect_raw(path, "rw")
    shape = _shape(db)
    migrations.upgrade(db, SCHEMA_VERSION)
    assert _version(db) == SCHEMA_VERSION and _shape(db) == shape
