"""A cell edit on the shared database in one statement (storage.server_edits): the same cells, report stamp and
history as the general path, nothing logged for an unchanged value, and every case the general path refuses
still refused, with its Chinese reason, changing nothing."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest

import main
from storage import server_edits
from storage.errors import StorageError
from storage.server import ServerRepository, init_database
from tests.storage.conftest import Clock

AGENCY = "壬区司法局"
EDITS = [("s2.procurement:projects", 3), ("s2.procurement:amount", Decimal("16.8950")),
         ("s2.procurement:projects", 3), ("s2.procurement:projects", 0), ("s2.procurement:amount", 2)]


@pytest.fixture
def clerk_url(cluster, database, monkeypatch, capsys):
    owner = cluster.url(database)
    init_database(owner)
    login = f"quick_{database}"
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main.main(["db", "user", "add", login, "--agency", AGENCY, "--password-stdin", "--db", owner]) == 0
    capsys.readouterr()
    return cluster.url(database, user=login, password="pw")


@pytest.fixture
def counted(monkeypatch):
    """How many edits the one-statement path wrote (or found unchanged)."""
    done = []
    quick = server_edits.set_cell

    def counting(*args, **kwargs):
        answer = quick(*args, **kwargs)
        done.append(answer)
        return answer

    monkeypatch.setattr(server_edits, "set_cell", counting)
    return done


def _edit_all(url, report_year):
    """The cells and history after EDITS; the report's stamp is its newest revision's time."""
    with ServerRepository.connect(url, clock=Clock()) as repo:
        rid = repo.create_report(AGENCY, report_year)
        assert repo.take_lease(rid).mine
        for cell, value in EDITS:
            repo.set_cell(rid, cell, value)
        revisions = repo.revisions(rid)
        assert repo.info(rid).updated_at == revisions[0].at
        return repo.load(rid).cells, [(r.kind, r.target, r.old, r.new) for r in revisions]


def test_the_same_cells_stamp_and_history_as_the_general_path(clerk_url, counted, monkeypatch):
    quick = _edit_all(clerk_url, 2019)
    assert counted == [True] * (len(EDITS) - 1)  # the first edit of a report takes the general path
    monkeypatch.setattr(server_edits, "set_cell", lambda *a, **k: False)
    general = _edit_all(clerk_url, 2020)
    assert quick == general
    cells, history = quick
    assert cells == {"s2.procurement:projects": 0, "s2.procurement:amount": Decimal("2")}
    assert len([h for h in history if h[0] == "cell"]) == 4  # the repeated 3 logged nothing


def test_a_loaded_reports_first_edit_is_quick_too(clerk_url, counted):
    with ServerRepository.connect(clerk_url) as repo:
        rid = repo.create_report(AGENCY, 2021)
    with ServerRepository.connect(clerk_url) as repo:
        repo.load(rid)
        repo.set_cell(rid, "s2.rules:issued", 1)
        assert counted == [True] and repo.load(rid).cells == {"s2.rules:issued": 1}


def test_the_server_names_the_login_of_a_quick_edit(clerk_url, cluster, database, counted):
    with ServerRepository.connect(clerk_url) as repo:
        rid = repo.create_report(AGENCY, 2020)
        repo.set_cell(rid, "s2.procurement:projects", 1)
        repo.set_cell(rid, "s2.procurement:projects", 2)
        login = repo.login
    assert counted == [True]
    assert cluster.admin(f"SELECT DISTINCT login FROM revisions WHERE report_id = {rid}", database) == [(login,)]


def _refused(repo, rid, cell="s2.procurement:projects", value=9):
    before = (repo.load(rid).cells, len(repo.revisions(rid)))
    with pytest.raises(StorageError) as refused:
        repo.set_cell(rid, cell, value)
    assert (repo.load(rid).cells, len(repo.revisions(rid))) == before
    return refused.value


def test_what_the_general_path_refuses_is_refused_with_its_reason(clerk_url, cluster, database, counted):
    with ServerRepository.connect(clerk_url) as repo:
        rid = repo.create_report(AGENCY, 2020)
        repo.set_cell(rid, "s2.procurement:projects", 1)
        assert "不小于 0" in _refused(repo, rid, "s2.procurement:projects", -1).message
        assert _refused(repo, rid, "s2.nonexistent", 1).reason == "bad_input"
        repo.set_status(rid, "定稿")
        assert _refused(repo, rid).reason == "final"
        repo.set_status(rid, "草稿")
        repo.set_cell(rid, "s2.procurement:projects", 2)
        repo.delete_report(rid)
        assert _refused(repo, rid).reason == "deleted"
        repo.restore_deleted(rid)
        repo.set_cell(rid, "s2.procurement:projects", 3)
        # Someone else made it a report of the other format meanwhile: the edit is checked against that one.
        cluster.admin(f"UPDATE reports SET format_id = '2021' WHERE id = {rid}", database)
        assert "没有编号" in _refused(repo, rid).message
    assert counted.count(True) == 2 and False in counted


def test_a_reviewer_cannot_write_through_it_either(clerk_url, cluster, database, monkeypatch, capsys):
    owner = cluster.url(database)
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    login = f"quick_reviewer_{database}"
    assert main.main(["db", "user", "add", login, "--reviewer", "--password-stdin", "--db", owner]) == 0
    with ServerRepository.connect(clerk_url) as repo:
        rid = repo.create_report(AGENCY, 2020)
        repo.set_cell(rid, "s2.procurement:projects", 1)
    with ServerRepository.connect(cluster.url(database, user=login, password="pw")) as repo:
        repo._formats[rid] = "2019"  # as if it had written there before: the server still refuses
        assert _refused(repo, rid).reason == "denied"


def test_a_ledger_report_keeps_its_derived_cells(clerk_url, counted):
    from report.ledger import Application

    with ServerRepository.connect(clerk_url) as repo:
        app = Application(number="1", received=datetime.date(2020, 3, 2), applicant_type="自然人", applicant="",
                          content="", corrections=(), extended=False, answered=datetime.date(2020, 3, 20),
                          result="予以公开", fee=Decimal(0), review="", suit="")
        rid, derived, _replaced = repo.import_ledger(AGENCY, 2020, [app])
        repo.set_cell(rid, "s2.procurement:projects", 1)
        cell = next(iter(derived.cells))
        assert "由台账生成" in _refused(repo, rid, cell, 5).message
        repo.set_cell(rid, "s2.procurement:projects", 2)  # other cells still save
        assert repo.load(rid).cells["s2.procurement:projects"] == 2
