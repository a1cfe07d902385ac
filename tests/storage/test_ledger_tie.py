"""A report 由台账生成: table 三 follows the agency's ledger, refuses typing, and may be detached to hand entry."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest

from report.ledger import Application, derived_cells
from storage import database, migrations
from storage.file_format import SCHEMA_VERSION
from storage.repository import Repository, StorageError

from .conftest import FIXTURES_V1, Clock

AGENCY = "某某区司法局"


def _answered(number: str, received: dt.date, answered: dt.date, kind: str = "natural") -> Application:
    return Application(number, received, kind, answered=answered, result="s3.granted")


def test_import_ties_the_report_and_a_ledger_change_moves_table_three(tmp_path):
    with Repository.open(tmp_path / "年报.sqlite", clock=Clock()) as repo:
        rid, _derived, _ = repo.import_ledger(AGENCY, 2024, [_answered("A", dt.date(2024, 3, 1), dt.date(2024, 3, 8))])
        assert repo.from_ledger(rid)
        assert repo.load(rid).cells["s3.new:natural"] == 1
        # A new application saved in the ledger is in the report's table at once, in the same transaction.
        repo.save_application(AGENCY, _answered("B", dt.date(2024, 4, 1), dt.date(2024, 4, 9), "legal"))
        report = repo.load(rid)
        assert (report.cells["s3.new:natural"], report.cells["s3.granted:legal"]) == (1, 1)
        repo.delete_application(AGENCY, "A")
        assert repo.load(rid).cells["s3.new:natural"] == 0
        assert repo.revisions(rid)[-1].kind == "create"


def test_a_tied_cell_refuses_typing_and_nothing_changes(tmp_path):
    with Repository.open(tmp_path / "年报.sqlite", clock=Clock()) as repo:
        rid, _, _ = repo.import_ledger(AGENCY, 2024, [_answered("A", dt.date(2024, 3, 1), dt.date(2024, 3, 8))])
        before = repo.load(rid)
        with pytest.raises(StorageError, match="由台账生成，不能直接修改"):
            repo.set_cell(rid, "s3.new:natural", 7)
        assert repo.load(rid) == before
        repo.set_cell(rid, "s2.rules:issued", 3)  # other tables stay typed
        assert "s2.rules:issued" not in derived_cells(before.format)


def test_detach_keeps_the_figures_and_makes_them_editable(tmp_path):
    with Repository.open(tmp_path / "年报.sqlite", clock=Clock()) as repo:
        rid, _, _ = repo.import_ledger(AGENCY, 2024, [_answered("A", dt.date(2024, 3, 1), dt.date(2024, 3, 8))])
        figures = repo.load(rid).cells
        repo.detach_from_ledger(rid)
        assert not repo.from_ledger(rid)
        assert repo.load(rid).cells == figures
        assert repo.revisions(rid)[0].description == "表三改为手工填写（数字保持不变）"
        repo.set_cell(rid, "s3.new:natural", 7)
        # The ledger no longer moves a detached table.
        repo.save_application(AGENCY, _answered("B", dt.date(2024, 4, 1), dt.date(2024, 4, 9)))
        assert repo.load(rid).cells["s3.new:natural"] == 7
        # Restoring the state before the detach ties the report again (the mark is part of its history).
        detached = next(r for r in repo.revisions(rid) if r.kind == "ledger" and r.new is None)
        repo.restore_revision(rid, detached.id - 1)
        assert repo.from_ledger(rid)


def test_a_final_report_keeps_its_figures_when_the_ledger_changes(tmp_path):
    with Repository.open(tmp_path / "年报.sqlite", clock=Clock()) as repo:
        rid, _, _ = repo.import_ledger(AGENCY, 2024, [_answered("A", dt.date(2024, 3, 1), dt.date(2024, 3, 8))])
        repo.set_status(rid, "定稿")
        repo.save_application(AGENCY, _answered("B", dt.date(2024, 4, 1), dt.date(2024, 4, 9)))
        assert repo.load(rid).cells["s3.new:natural"] == 1
        with pytest.raises(StorageError, match="定稿"):
            repo.detach_from_ledger(rid)


def test_a_schema_3_file_is_upgraded_with_its_reports_typed(tmp_path, monkeypatch):
    path = tmp_path / "旧.sqlite"
    shutil.copyfile(FIXTURES_V1, path)
    db = database.connect_raw(path, "rw")
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    migrations.upgrade(db, 1)
    db.close()
    monkeypatch.undo()
    with Repository.open(path, clock=Clock()) as repo:
        [info] = repo.reports()
        assert not repo.from_ledger(info.id)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert db.execute("SELECT ledger FROM reports").fetchall() == [(0,)]


def test_the_first_look_reads_the_mark_without_sqlalchemy(tmp_path):
    from storage import plain_read

    path = tmp_path / "年报.sqlite"
    with Repository.open(path, clock=Clock()) as repo:
        rid, _, _ = repo.import_ledger(AGENCY, 2024, [_answered("A", dt.date(2024, 3, 1), dt.date(2024, 3, 8))])
    look = plain_read.first_look(path)
    assert look.report_id == rid and look.from_ledger


def test_section_four_follows_recorded_reviews_and_suits(tmp_path):
    reviewed = Application("R", dt.date(2024, 2, 1), "natural", answered=dt.date(2024, 2, 20), result="s3.granted",
                           review="复议维持", suit="法院判决撤销原答复")
    with Repository.open(tmp_path / "年报.sqlite", clock=Clock()) as repo:
        rid, derived, _ = repo.import_ledger(AGENCY, 2024, [reviewed])
        cells = repo.load(rid).cells
        assert (cells["s4.review:upheld"], cells["s4.suit_after_review:corrected"]) == (1, 1)
        assert derived.appeals["s4.suit_direct:pending"] == 0
        with pytest.raises(StorageError, match="由台账生成"):
            repo.set_cell(rid, "s4.review:other", 2)
        repo.save_application(AGENCY, Application("S", dt.date(2024, 3, 1), "legal", answered=dt.date(2024, 3, 5),
                                                   result="s3.granted", suit="审理中"))
        assert repo.load(rid).cells["s4.suit_direct:pending"] == 1


def test_a_ledger_without_reviews_leaves_section_four_typed(tmp_path):
    with Repository.open(tmp_path / "年报.sqlite", clock=Clock()) as repo:
        rid = repo.create_report(AGENCY, 2024)
        repo.set_cell(rid, "s4.review:upheld", 3)
        _, derived, _ = repo.import_ledger(AGENCY, 2024, [_answered("A", dt.date(2024, 3, 1), dt.date(2024, 3, 8))])
        assert derived.appeals == {}
        assert repo.load(rid).cells["s4.review:upheld"] == 3
        repo.set_cell(rid, "s4.review:upheld", 4)  # still typed: the ledger says nothing of reviews
        assert repo.load(rid).cells["s4.review:upheld"] == 4
