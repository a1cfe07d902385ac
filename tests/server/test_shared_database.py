"""The Repository on a PostgreSQL server: db init, the same reads and writes as on a file, revisions naming the
login, a newer schema refused, and a clear Chinese message for each way the connection can fail."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from storage.errors import StorageError
from storage.file_format import SCHEMA_VERSION
from storage.server import ServerRepository, init_database, with_owner
from storage.server_logins import add_login

from .cluster import SUPERUSER, SUPERUSER_PASSWORD, free_port


def test_init_creates_then_finds_current(cluster, database):
    assert init_database(cluster.url(database)) == "created"
    assert init_database(cluster.url(database)) == "current"
    assert cluster.admin("SELECT application, version FROM program_schema", database) == [("GIAR", SCHEMA_VERSION)]


def test_init_upgrades_a_schema_3_database(cluster, database):
    url = cluster.url(database)
    init_database(url)
    with ServerRepository.connect(url) as repo:
        rid = repo.create_report("某局", 2020)
    cluster.admin("ALTER TABLE reports DROP COLUMN ledger", database)
    cluster.admin("UPDATE program_schema SET version = 3", database)
    assert init_database(url) == "upgraded"
    with ServerRepository.connect(url) as repo:
        assert repo.load(rid).agency == "某局"
        repo.set_cell(rid, "s2.procurement:projects", 1)


def test_reports_are_stored_and_revisions_name_the_login(cluster, database):
    url = cluster.url(database)
    init_database(url)
    with ServerRepository.connect(url) as repo:
        assert repo.login == SUPERUSER
        rid = repo.create_report("西工区退役军人事务局", 2020)
        repo.set_cell(rid, "s2.procurement:amount", Decimal("16.895"))
        repo.set_text(rid, "s6", "无")
        repo.set_date(rid, datetime.date(2021, 1, 20))
        [info] = repo.reports()
        assert (info.agency, info.year, info.format_id) == ("西工区退役军人事务局", 2020, "2019")
        report = repo.load(rid)
        assert report.cells["s2.procurement:amount"] == Decimal("16.895")
        assert report.texts["s6"] == "无" and report.date == datetime.date(2021, 1, 20)
        assert repo.find_report("西工区退役军人事务局", 2020) == rid
        with pytest.raises(StorageError) as twice:
            repo.create_report("西工区退役军人事务局", 2020)
        assert twice.value.reason == "exists"
        kinds = [r.kind for r in repo.revisions(rid)]
        assert kinds[-1] == "create" and "cell" in kinds
        # Deleted reports may repeat agency and year (the partial unique index holds on the server too).
        repo.delete_report(rid)
        assert repo.create_report("西工区退役军人事务局", 2020) != rid
    logins = cluster.admin("SELECT DISTINCT login FROM revisions", database)
    assert logins == [(SUPERUSER,)]


def test_a_newer_schema_is_refused_and_left_alone(cluster, database):
    url = cluster.url(database)
    init_database(url)
    cluster.admin("UPDATE program_schema SET version = 99", database)
    with pytest.raises(StorageError) as opened:
        ServerRepository.connect(url)
    assert opened.value.reason == "newer" and "更新版本" in opened.value.message
    with pytest.raises(StorageError) as upgraded:
        init_database(url)
    assert upgraded.value.reason == "newer"
    assert cluster.admin("SELECT version FROM program_schema", database) == [(99,)]


def test_an_uninitialised_database_is_refused(cluster, database):
    with pytest.raises(StorageError) as opened:
        ServerRepository.connect(cluster.url(database))
    assert opened.value.reason == "not_initialised" and "db init" in opened.value.message


def test_another_programs_tables_are_not_taken_over(cluster, database):
    cluster.admin("CREATE TABLE reports (id integer)", database)
    with pytest.raises(StorageError) as init:
        init_database(cluster.url(database))
    assert init.value.reason == "not_db"
    assert cluster.admin("SELECT count(*) FROM information_schema.tables WHERE table_name = 'program_schema'",
                         database) == [(0,)]


def test_wrong_password(cluster, database):
    with pytest.raises(StorageError) as e:
        ServerRepository.connect(cluster.url(database, password="not-the-password"))
    assert e.value.reason == "auth" and "密码不正确" in e.value.message
    assert "not-the-password" not in e.value.message


def test_unknown_login_is_told_as_a_wrong_password(cluster, database):
    with pytest.raises(StorageError) as e:
        ServerRepository.connect(cluster.url(database, user="nobody_here", password="x"))
    assert e.value.reason == "auth"


def test_missing_database(cluster):
    with pytest.raises(StorageError) as e:
        ServerRepository.connect(cluster.url("没有这个库"))
    assert e.value.reason == "no_database" and "「没有这个库」" in e.value.message


def test_refused_connection(cluster):
    url = f"postgresql://someone:pw@127.0.0.1:{free_port()}/office"
    with pytest.raises(StorageError) as e:
        ServerRepository.connect(url)
    assert e.value.reason == "refused" and "拒绝连接" in e.value.message


def test_unknown_host(cluster):
    with pytest.raises(StorageError) as e:
        ServerRepository.connect("postgresql://someone:pw@no-such-server.invalid/office")
    assert e.value.reason == "unknown_host" and "no-such-server.invalid" in e.value.message


def test_a_missing_password_is_asked_for_and_not_kept_in_what_is_shown(cluster, database):
    init_database(cluster.url(database))
    asked = []

    def ask(where: str) -> str:
        asked.append(where)
        return SUPERUSER_PASSWORD

    with ServerRepository.connect(cluster.url(database, password=None), ask_password=ask) as repo:
        assert repo.reports() == []
        assert "口令" not in str(repo.path) and "admin-secret" not in str(repo.path)
    assert len(asked) == 1 and database in asked[0] and "admin-secret" not in asked[0]


def test_libpq_parameters_pass_through(cluster, database):
    init_database(cluster.url(database))
    with pytest.raises(StorageError) as e:  # the test cluster has no TLS: sslmode=require must be refused by libpq
        ServerRepository.connect(cluster.url(database) + "?sslmode=require")
    assert e.value.reason == "tls" and "加密连接" in e.value.message and "sslmode" in e.value.message
    with ServerRepository.connect(cluster.url(database) + "?sslmode=disable&application_name=x") as repo:
        assert repo.reports() == []


def test_adding_a_login_needs_an_initialised_database(cluster, database):
    with pytest.raises(StorageError) as e:
        with_owner(cluster.url(database), "添加登录名",
                   lambda conn: add_login(conn, "clerk_x", "pw", ["某局"], reviewer=False, now=datetime.datetime.now()))
    assert e.value.reason == "not_initialised"
