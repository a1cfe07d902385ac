"""Writes fixtures/schema_v1.sqlite: a database as the first schema (version 1) left it, with some data.

Kept for the record of how the fixture was made; the committed file is what the upgrade test reads, so that a
later change to this script cannot quietly change what "version 1" means. Run: python tests/storage/make_v1_fixture.py
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

V1_DDL = """
CREATE TABLE agencies (
    id INTEGER NOT NULL, name VARCHAR(100) NOT NULL, created_at DATETIME NOT NULL,
    PRIMARY KEY (id), UNIQUE (name));
CREATE TABLE reports (
    id INTEGER NOT NULL, agency_id INTEGER NOT NULL, year INTEGER NOT NULL, format_id VARCHAR(8) NOT NULL,
    status VARCHAR(8) NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL, deleted_at DATETIME,
    PRIMARY KEY (id), CONSTRAINT reports_status CHECK (status IN ('草稿', '定稿')),
    FOREIGN KEY(agency_id) REFERENCES agencies (id) ON DELETE RESTRICT);
CREATE UNIQUE INDEX reports_agency_year ON reports (agency_id, year) WHERE deleted_at IS NULL;
CREATE TABLE cells (
    report_id INTEGER NOT NULL, cell_id VARCHAR(64) NOT NULL, value VARCHAR(48) NOT NULL,
    PRIMARY KEY (report_id, cell_id), FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE texts (
    report_id INTEGER NOT NULL, section_id VARCHAR(8) NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (report_id, section_id), FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE revisions (
    id INTEGER NOT NULL, report_id INTEGER NOT NULL, at DATETIME NOT NULL, kind VARCHAR(16) NOT NULL,
    target VARCHAR(64), old TEXT, new TEXT, detail TEXT,
    PRIMARY KEY (id), FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE);
CREATE INDEX revisions_report ON revisions (report_id, id);
PRAGMA application_id = 1195983186;
PRAGMA user_version = 1;
"""

DATA = """
INSERT INTO agencies VALUES (1, '洛阳市西工区退役军人事务局', '2021-01-10 09:00:00.000000');
INSERT INTO reports VALUES (1, 1, 2020, '2019', '定稿', '2021-01-10 09:00:00.000000',
    '2021-01-12 16:30:00.000000', NULL);
INSERT INTO cells VALUES (1, 's2.procurement:projects', '1'), (1, 's2.procurement:amount', '16.8950'),
    (1, 's3.new:natural', '5'), (1, 's3.granted:natural', '4'), (1, 's3.carried_out:natural', '1');
INSERT INTO texts VALUES (1, 's1', '2020年，我局认真贯彻落实《条例》……'), (1, 's6', '无');
INSERT INTO revisions VALUES
    (1, 1, '2021-01-10 09:00:00.000000', 'create', NULL, NULL, NULL, '新建空白报告'),
    (2, 1, '2021-01-11 10:00:00.000000', 'cell', 's3.new:natural', NULL, '4', NULL),
    (3, 1, '2021-01-11 10:05:00.000000', 'cell', 's3.new:natural', '4', '5', NULL),
    (4, 1, '2021-01-12 16:30:00.000000', 'status', NULL, '草稿', '定稿', NULL);
"""


def make(path: Path) -> None:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(V1_DDL)
    db.executescript(f"BEGIN; {DATA} COMMIT;")
    db.close()


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "fixtures" / "schema_v1.sqlite")
