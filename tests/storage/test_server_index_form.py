"""PostgreSQL's form of the partial unique index is given only to a server (storage.schema.server_metadata):
a window on a SQLite file never loads SQLAlchemy's PostgreSQL dialect."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy.schema import CreateIndex

ROOT = Path(__file__).resolve().parents[2]


def _index(metadata):
    return next(i for i in metadata.tables["reports"].indexes if i.name == "reports_agency_year")


def test_a_server_creates_the_index_partial():
    from sqlalchemy.dialects import postgresql, sqlite

    from storage.schema import server_metadata

    server_metadata()
    index = _index(server_metadata())  # twice: the same index, still one WHERE
    on_server = str(CreateIndex(index).compile(dialect=postgresql.dialect()))
    on_file = str(CreateIndex(index).compile(dialect=sqlite.dialect()))
    for ddl in (on_server, on_file):
        assert ddl.startswith("CREATE UNIQUE INDEX reports_agency_year")
        assert ddl.count("WHERE deleted_at IS NULL") == 1, ddl


def test_a_sqlite_repository_does_without_the_postgresql_dialect(tmp_path):
    script = (
        "import sys\n"
        "from storage.repository import Repository\n"
        f"repo = Repository.open({str(tmp_path / 'r.sqlite')!r})\n"
        f"repo.import_exchange({str(ROOT / 'tests' / 'fixtures' / 'seed_2020_xigong.json')!r})\n"
        "repo.close()\n"
        "print('sqlalchemy.dialects.postgresql' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT),
                               "GOV_REPORT_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "False"
