"""Upgrading a database file written by an older version of the program: a short ordered list of steps.

Each step takes the file from version N-1 to N inside one transaction together with the new user_version, so a
crash leaves either the old or the new version, never half of one. The caller takes a backup first.

Why not Alembic: this is one embedded file per user, always upgraded forward by the program itself on open; we
need none of Alembic's branching, autogeneration or downgrade scripts, while shipping it means a migration-script
folder, env.py and Mako templates as data files inside the packaged executable. The checks that matter to us
(refuse a newer file, back up first, keep the file untouched on failure) have to be written by us either way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from .file_format import SCHEMA_VERSION


def _v2_report_date(db: sqlite3.Connection) -> None:
    """Schema 2 keeps the report's 成文日期 (the exchange file's `date`)."""
    db.execute("ALTER TABLE reports ADD COLUMN date DATE")


def _v3_applications(db: sqlite3.Connection) -> None:
    """Schema 3 keeps each agency's ledger of applications (依申请公开台账)."""
    db.execute(
        """CREATE TABLE applications (
            id INTEGER NOT NULL,
            agency_id INTEGER NOT NULL,
            number VARCHAR(64) NOT NULL,
            received DATE NOT NULL,
            applicant_type VARCHAR(32) NOT NULL,
            applicant TEXT NOT NULL,
            content TEXT NOT NULL,
            corrections TEXT NOT NULL,
            extended BOOLEAN NOT NULL,
            answered DATE,
            result VARCHAR(64),
            fee VARCHAR(24) NOT NULL,
            review TEXT NOT NULL,
            suit TEXT NOT NULL,
            updated_at DATETIME NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(agency_id) REFERENCES agencies (id) ON DELETE RESTRICT
        )"""
    )
    db.execute("CREATE UNIQUE INDEX applications_agency_number ON applications (agency_id, number)")


def _v4_report_ledger(db: sqlite3.Connection) -> None:
    """Schema 4 marks a report whose table 三 (and section 四) follow the ledger (由台账生成)."""
    db.execute("ALTER TABLE reports ADD COLUMN ledger BOOLEAN NOT NULL DEFAULT 0")


# Version reached -> step. Append only; never edit a step that has shipped.
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: _v2_report_date,
    3: _v3_applications,
    4: _v4_report_ledger,
}

assert max(STEPS) == SCHEMA_VERSION, "every schema version needs its step"


def upgrade(db: sqlite3.Connection, from_version: int) -> None:
    """Apply every step after `from_version`; `db` must be in autocommit mode (isolation_level=None)."""
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            STEPS[version](db)
            db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
