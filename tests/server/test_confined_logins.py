"""Each clerk sees only their agencies, enforced by the server: through the program and through raw SQL with the
clerk's own password; a reviewer reads everything and writes nothing; the history names who changed what."""

from __future__ import annotations

import io
import itertools

import psycopg
import pytest

import main
from storage.errors import StorageError
from storage.server import ServerRepository, init_database

_numbers = itertools.count(1)
A, B = "甲区财政局", "乙区教育局"


@pytest.fixture
def office(cluster, database, monkeypatch, capsys):
    """An initialised database with a clerk for A, a clerk for B and a reviewer (logins are the cluster's, so
    their names are the test's own), made through the command line; one report of each agency."""
    n = next(_numbers)
    logins = {"a": f"clerk_a_{database}", "b": f"clerk_b_{database}", "r": f"reviewer_{n}_{database}"}
    owner = cluster.url(database)
    init_database(owner)
    for key, extra in (("a", ["--agency", A]), ("b", ["--agency", B]), ("r", ["--reviewer"])):
        monkeypatch.setattr("sys.stdin", io.StringIO(f"pw-{key}-密码\n"))
        assert main.main(["db", "user", "add", logins[key], *extra, "--password-stdin", "--db", owner]) == 0
    out = capsys.readouterr().out
    assert f"登录名「{logins['a']}」已就绪" in out and "pw-" not in out
    urls = {k: cluster.url(database, user=v, password=f"pw-{k}-密码") for k, v in logins.items()}
    with ServerRepository.connect(urls["a"]) as repo:
        ra = repo.create_report(A, 2020)
        repo.set_cell(ra, "s2.procurement:projects", 3)
        repo.set_text(ra, "s6", "甲区的正文")
    with ServerRepository.connect(urls["b"]) as repo:
        rb = repo.create_report(B, 2020)
        repo.set_cell(rb, "s2.procurement:projects", 7)
    return cluster, database, logins, urls, ra, rb


def raw(cluster, database, login, password):
    return psycopg.connect(host="127.0.0.1", port=cluster.port, dbname=database, user=login, password=password,
                           autocommit=True)


def test_a_clerk_sees_and_changes_only_their_agency(office):
    _cluster, _db, _logins, urls, ra, rb = office
    with ServerRepository.connect(urls["a"]) as repo:
        assert [(i.agency, i.year) for i in repo.reports()] == [(A, 2020)]
        assert [a.name for a in repo.agencies()] == [A]
        assert repo.find_report(B, 2020) is None
        with pytest.raises(StorageError) as other:
            repo.load(rb)
        assert other.value.reason == "missing"
        with pytest.raises(StorageError) as stranger:
            repo.create_report(B, 2021)
        assert stranger.value.reason == "denied" and "没有" in stranger.value.message and "权限" in stranger.value.message
        with pytest.raises(StorageError):
            repo.set_cell(rb, "s2.procurement:projects", 99)
        repo.set_cell(ra, "s2.procurement:projects", 4)
    with ServerRepository.connect(urls["b"]) as repo:
        assert repo.load(rb).cells["s2.procurement:projects"] == 7


def test_raw_sql_with_the_clerks_password_shows_nothing_else(office):
    cluster, database, logins, _urls, ra, rb = office
    with raw(cluster, database, logins["a"], "pw-a-密码") as conn:
        for table in ("reports", "cells", "texts", "revisions"):
            column = "id" if table == "reports" else "report_id"
            seen = {r[0] for r in conn.execute(f"SELECT {column} FROM {table}")}
            assert seen == {ra}, table
        assert [r[0] for r in conn.execute("SELECT name FROM agencies")] == [A]
        assert conn.execute("UPDATE cells SET value = '99' WHERE report_id = %s", (rb,)).rowcount == 0
        assert conn.execute("DELETE FROM reports WHERE id = %s", (rb,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO cells (report_id, cell_id, value) VALUES (%s, 's2.procurement:projects', '1')",
                         (rb,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the history cannot name someone else
            conn.execute("INSERT INTO revisions (report_id, at, kind, login) VALUES (%s, now(), 'cell', 'someone')",
                         (ra,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO agency_logins (login, agency_id) SELECT current_user, id FROM agencies")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE reports DISABLE ROW LEVEL SECURITY")
    assert cluster.admin(f"SELECT value FROM cells WHERE report_id = {rb}", database) == [("7",)]


def test_the_reviewer_reads_all_and_writes_nothing(office):
    cluster, database, logins, urls, ra, rb = office
    with ServerRepository.connect(urls["r"]) as repo:
        assert [(i.agency, i.year) for i in repo.reports()] == [(B, 2020), (A, 2020)]  # by name, as the file lists them
        assert repo.load(rb).cells["s2.procurement:projects"] == 7
        with pytest.raises(StorageError) as write:
            repo.set_cell(ra, "s2.procurement:projects", 1)
        assert write.value.reason == "denied"
    with raw(cluster, database, logins["r"], "pw-r-密码") as conn:
        assert conn.execute("SELECT count(*) FROM texts").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE cells SET value = '0'")


def test_revisions_name_the_login_that_made_each_change(office):
    cluster, database, logins, _urls, ra, rb = office
    rows = cluster.admin("SELECT report_id, kind, login FROM revisions ORDER BY id", database)
    assert {(r, login) for r, _kind, login in rows} == {(ra, logins["a"]), (rb, logins["b"])}


def test_adding_agencies_and_a_new_password_to_an_existing_login(office, monkeypatch, capsys):
    cluster, database, logins, _urls, _ra, _rb = office
    monkeypatch.setattr("sys.stdin", io.StringIO("新密码-2\n"))
    code = main.main(["db", "user", "add", logins["a"], "--agency", "丙区民政局", "--password-stdin",
                      "--db", cluster.url(database)])
    assert code == 0 and "原来没有机关「丙区民政局」，已添加" in capsys.readouterr().out
    with pytest.raises(StorageError) as old:
        ServerRepository.connect(cluster.url(database, user=logins["a"], password="pw-a-密码"))
    assert old.value.reason == "auth"
    with ServerRepository.connect(cluster.url(database, user=logins["a"], password="新密码-2")) as repo:
        assert sorted(a.name for a in repo.agencies()) == sorted([A, "丙区民政局"])
        repo.create_report("丙区民政局", 2020)


def test_logins_that_cannot_be_made(office, monkeypatch, capsys):
    from .cluster import SUPERUSER

    cluster, database, _logins, _urls, _ra, _rb = office
    owner = cluster.url(database)
    for login, why in ((SUPERUSER, "其他用户使用"), ("pg_monitor", "保留"), ("x" * 64, "太长")):
        monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
        code = main.main(["db", "user", "add", login, "--agency", A, "--password-stdin", "--db", owner])
        err = capsys.readouterr().err
        assert code == 2 and why in err, (login, err)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main.main(["db", "user", "add", "empty_pw", "--agency", A, "--password-stdin", "--db", owner])
    assert code == 2 and "密码不能为空" in capsys.readouterr().err
    assert cluster.admin("SELECT count(*) FROM pg_roles WHERE rolname = 'empty_pw'") == [(0,)]


def test_reading_many_reports_at_once_is_confined_as_well(office):
    """汇总's bulk read (one statement for many reports' cells) goes through the same policies."""
    from storage.year_reports import reports_to_aggregate

    _cluster, _db, _logins, urls, ra, rb = office
    with ServerRepository.connect(urls["a"]) as repo:
        [mine] = repo.load_many([ra])
        assert mine.agency == A and mine.cells == {"s2.procurement:projects": 3} and mine.texts == {"s6": "甲区的正文"}
        with pytest.raises(StorageError) as other:
            repo.load_many([ra, rb])
        assert other.value.reason == "missing"
        assert [r.agency for r in reports_to_aggregate(repo, 2020, "某区人民政府")] == [A]
    with ServerRepository.connect(urls["r"]) as repo:
        summed = reports_to_aggregate(repo, 2020, "某区人民政府")
        assert [(r.agency, r.cells) for r in summed] == [(B, {"s2.procurement:projects": 7}),
                                                         (A, {"s2.procurement:projects": 3})]
