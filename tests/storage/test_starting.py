"""The window's first moment (storage.starting): the file held and its newest report read with sqlite3 alone,
the Repository taking over later; an edit made before that is saved all the same."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from storage import clean_close, plain_read
from storage.errors import StorageError
from storage.repository import Repository
from storage.starting import StartingRepository

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def stored(db_path, seed_path, clock):
    """A file with the seed (2020) and a 2019 report of the same agency, closed cleanly."""
    with Repository.open(db_path, clock=clock) as repo:
        seed_id = repo.import_exchange(seed_path)
        earlier = repo.create_report("西工区退役军人事务局", 2019)
        repo.set_cell(earlier, "s3.new:natural", 7)
        repo.set_cell(seed_id, "s3.new:natural", 5)  # the seed is the newest report again
        repo.wait_for_backup()
    return db_path, seed_id


def test_the_first_look_is_what_the_repository_reads(stored, clock):
    path, seed_id = stored
    with Repository.open(path, read_only=True) as repo:
        expected = (repo.latest_report(), repo.load(seed_id), repo.previous_year_report(seed_id), repo.info(seed_id),
                    repo.applications("西工区退役军人事务局"), repo.reports())
    with StartingRepository.open(path, clock=clock) as starting:
        seen = (starting.latest_report(), starting.load(seed_id), starting.previous_year_report(seed_id),
                starting.info(seed_id), starting.applications("西工区退役军人事务局"))
        assert starting._real is None  # all of it from the first look
    assert seen == expected[:5]
    assert seen[2] is not None and seen[2].cells["s3.new:natural"] == 7
    assert plain_read.listing(path) == (path, expected[5])


def test_the_first_look_needs_no_sqlalchemy(stored):
    """In a process of its own: holding the file, the first look and the list import no SQLAlchemy."""
    path, seed_id = stored
    script = (
        "import sys, json\n"
        "from storage.starting import StartingRepository\n"
        "from storage.plain_read import listing\n"
        "s = StartingRepository.open(sys.argv[1])\n"
        "r = s.load(s.latest_report())\n"
        "s.previous_year_report(s.latest_report()); s.applications(r.agency)\n"
        "n = len(listing(sys.argv[1])[1])\n"
        "s.close()\n"
        "print(json.dumps([r.agency, n, sorted(m for m in sys.modules if m.startswith('sqlalchemy'))]))\n")
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, encoding="utf-8",
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
    assert json.loads(out.stdout) == ["西工区退役军人事务局", 2, []]


def test_an_edit_before_the_repository_is_loaded_is_saved(stored, clock):
    path, seed_id = stored
    starting = StartingRepository.open(path, clock=clock)
    try:
        starting.load_in_background()
        starting.set_cell(seed_id, "s3.new:natural", 42)  # waits for the Repository, then goes through it
        assert starting.load(seed_id).cells["s3.new:natural"] == 42  # read back through it, not the first look
    finally:
        starting.close()
    with Repository.open(path, read_only=True) as repo:
        assert repo.load(seed_id).cells["s3.new:natural"] == 42
        assert repo.revisions(seed_id)[0].new == "42"


def test_the_file_is_held_from_the_first_moment(stored, clock):
    path, _ = stored
    with StartingRepository.open(path, clock=clock):
        with pytest.raises(StorageError) as refused:
            Repository.open(path)
        assert refused.value.reason == "in_use"
        with pytest.raises(StorageError):
            StartingRepository.open(path)
    Repository.open(path).close()  # let go at close


def test_closing_before_the_repository_leaves_the_file_as_found(stored, clock):
    path, _ = stored
    before = path.read_bytes()
    StartingRepository.open(path, clock=clock).close()
    assert path.read_bytes() == before
    assert clean_close.matches(path)  # the next start need not check the whole file again


def test_warnings_asked_for_early_are_heard_from_the_repository(stored, clock):
    path, seed_id = stored
    heard: list[str] = []
    with StartingRepository.open(path, clock=clock) as starting:
        starting.on_warning(heard.append)
        repo = starting.repository()
        repo._warn("测试提示")
        assert heard == ["测试提示"] and starting.warnings == ["测试提示"]


def test_an_empty_or_new_file_has_no_first_report(db_path, clock):
    with StartingRepository.open(db_path, clock=clock) as starting:  # created, as Repository.open would
        assert starting.latest_report() is None
        report_id = starting.create_report("某局", 2023)
        assert starting.latest_report() == report_id
    with Repository.open(db_path, read_only=True) as repo:
        assert [r.agency for r in repo.reports()] == ["某局"]


def test_a_report_in_an_unknown_format_is_refused_when_opened(stored, clock):
    path, seed_id = stored
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("UPDATE reports SET format_id = '2099' WHERE id = ?", (seed_id,))
    db.commit()
    db.close()
    with StartingRepository.open(path, clock=clock) as starting:
        assert starting.latest_report() == seed_id
        with pytest.raises(StorageError) as refused:
            starting.load(seed_id)
        assert refused.value.reason == "unknown_format"


def test_amounts_and_dates_read_back_exactly(db_path, clock):
    with Repository.open(db_path, clock=clock) as repo:
        report_id = repo.create_report("某局", 2023)
        fee = next(cid for cid, c in repo.load(report_id).format.cells.items()
                   if c.kind.name == "AMOUNT" and not c.computed)
        repo.set_cell(report_id, fee, Decimal("16.8950"))
        import datetime

        repo.set_date(report_id, datetime.date(2024, 1, 20))
        expected = repo.load(report_id)
    with StartingRepository.open(db_path, clock=clock) as starting:
        assert starting.load(report_id) == expected
