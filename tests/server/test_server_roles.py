"""Two report databases on one server: each has group roles of its own (roles belong to the whole server), a
login of one cannot connect to the other, one login name cannot serve both, and a database made when every
database shared one pair of roles is moved to its own by db init."""

from __future__ import annotations

import io

import psycopg
import pytest

import main
from storage import server_roles
from storage.errors import StorageError
from storage.server import ServerRepository, init_database
from storage.server_logins import login_problem

A, B = "甲区财政局", "乙区教育局"


@pytest.fixture
def two(cluster, database):
    """Two databases on the cluster, not yet initialised."""
    other = f"{database}_b"
    cluster.admin(f'CREATE DATABASE "{other}"')
    return database, other


def add(cluster, database, login, *options, password="pw", url=None):
    """db user add through the command line (as `url`, the superuser's by default); its exit status and what it
    said."""
    import contextlib

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        old = main.sys.stdin
        main.sys.stdin = io.StringIO(password + "\n")
        try:
            code = main.main(["db", "user", "add", login, *options, "--password-stdin", "--db",
                              url or cluster.url(database)])
        finally:
            main.sys.stdin = old
    return code, out.getvalue() + err.getvalue()


def can_connect(cluster, database, login, password="pw") -> bool:
    try:
        psycopg.connect(host="127.0.0.1", port=cluster.port, dbname=database, user=login, password=password).close()
    except psycopg.OperationalError as e:
        assert "permission denied" in str(e) or "CONNECT" in str(e), e
        return False
    return True


def test_each_database_has_its_own_roles_and_only_its_logins_connect(cluster, two):
    first, second = two
    for name in two:
        assert init_database(cluster.url(name)) == "created"
        roles = cluster.admin("SELECT kind, role FROM server_roles ORDER BY kind", name)
        assert [r for _k, r in roles] == list(server_roles.names_for(name))
    assert set(server_roles.names_for(first)).isdisjoint(server_roles.names_for(second))
    logins = {"clerk": f"c_{first}", "reviewer": f"r_{first}", "other": f"c_{second}"}
    assert add(cluster, first, logins["clerk"], "--agency", A)[0] == 0
    assert add(cluster, first, logins["reviewer"], "--reviewer")[0] == 0
    assert add(cluster, second, logins["other"], "--agency", B)[0] == 0
    with ServerRepository.connect(cluster.url(second, user=logins["other"], password="pw")) as repo:
        repo.create_report(B, 2021)

    assert can_connect(cluster, first, logins["reviewer"]) and can_connect(cluster, first, logins["clerk"])
    assert not can_connect(cluster, second, logins["reviewer"])  # a reviewer of the first reads nothing of the second
    assert not can_connect(cluster, second, logins["clerk"])
    assert not can_connect(cluster, first, logins["other"])
    with pytest.raises(StorageError) as refused:
        ServerRepository.connect(cluster.url(second, user=logins["reviewer"], password="pw"))
    assert refused.value.reason == "denied" and "权限" in refused.value.message
    cluster.admin(f'CREATE ROLE "plain_{first}" LOGIN PASSWORD \'pw\'')  # a login of nobody's: no longer let in
    assert not can_connect(cluster, first, f"plain_{first}")
    with ServerRepository.connect(cluster.url(first, user=logins["reviewer"], password="pw")) as repo:
        assert repo.reports() == []  # sees the first database (empty), nothing of the second


def test_one_login_name_cannot_serve_two_databases(cluster, two):
    first, second = two
    for name in two:
        init_database(cluster.url(name))
    login = f"same_{first}"
    assert add(cluster, first, login, "--agency", A, password="first-pw")[0] == 0
    code, said = add(cluster, second, login, "--agency", B, password="second-pw")
    assert code == 2 and "另一个共享数据库" in said
    assert can_connect(cluster, first, login, "first-pw")  # its password is the first owner's still
    assert cluster.admin(f"SELECT count(*) FROM agency_logins WHERE login = '{login}'", second) == [(0,)]


def test_db_init_does_not_take_a_login_named_as_its_group(cluster, database):
    clerks, _reviewers = server_roles.names_for(database)
    cluster.admin(f'CREATE ROLE "{clerks}" LOGIN PASSWORD \'pw\'')
    try:
        with pytest.raises(StorageError) as refused:
            init_database(cluster.url(database))
        assert refused.value.reason == "exists" and clerks in refused.value.message
        assert cluster.admin("SELECT count(*) FROM information_schema.tables WHERE table_name = 'reports'",
                             database) == [(0,)]
    finally:
        cluster.admin(f'DROP ROLE "{clerks}"')


def test_a_database_of_the_shared_roles_is_moved_to_its_own(cluster, two, monkeypatch, capsys):
    """As an earlier build left them: both databases' logins in giar_clerk / giar_reviewer, CONNECT for PUBLIC."""
    first, second = two
    with monkeypatch.context() as earlier:
        earlier.setattr(server_roles, "names_for", lambda _database: server_roles.LEGACY)
        for name in two:
            init_database(cluster.url(name))
        logins = {"a": f"old_a_{first}", "b": f"old_b_{first}", "r": f"old_r_{first}"}
        assert add(cluster, first, logins["a"], "--agency", A)[0] == 0
        assert add(cluster, first, logins["r"], "--reviewer")[0] == 0
        assert add(cluster, second, logins["b"], "--agency", B)[0] == 0
    for name in two:
        cluster.admin("DROP TABLE server_roles", name)
        cluster.admin(f'REVOKE CONNECT ON DATABASE "{name}" FROM giar_clerk, giar_reviewer')
        cluster.admin(f'GRANT CONNECT ON DATABASE "{name}" TO PUBLIC')
    with ServerRepository.connect(cluster.url(first, user=logins["a"], password="pw")) as repo:
        rid = repo.create_report(A, 2021)
        repo.set_cell(rid, "s2.rules:issued", 4)
    assert can_connect(cluster, second, logins["a"])  # the shared roles' flaw: the door stood open

    capsys.readouterr()
    assert main.main(["db", "init", "--db", cluster.url(first)]) == 0
    said = capsys.readouterr().out
    assert "已升级" not in said and "自己的角色" in said and logins["r"] in said
    with ServerRepository.connect(cluster.url(first, user=logins["a"], password="pw")) as repo:
        assert repo.load(rid).cells == {"s2.rules:issued": 4}
        repo.set_cell(rid, "s2.rules:issued", 5)
    with ServerRepository.connect(cluster.url(first, user=logins["r"], password="pw")) as repo:
        assert [i.agency for i in repo.reports()] == [A]
    assert not can_connect(cluster, first, logins["b"])
    # The second database still uses the shared roles, so they stay until it is moved too.
    assert cluster.admin("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'giar\\_clerk'") == [(1,)]
    assert can_connect(cluster, second, logins["b"])

    assert init_database(cluster.url(second)) == "current"
    assert cluster.admin("SELECT count(*) FROM pg_roles WHERE rolname IN ('giar_clerk', 'giar_reviewer')") == [(0,)]
    with ServerRepository.connect(cluster.url(second, user=logins["b"], password="pw")) as repo:
        repo.create_report(B, 2021)
    assert not can_connect(cluster, second, logins["a"])
    assert init_database(cluster.url(first)) == "current"  # again: nothing more to move, and nothing lost
    with ServerRepository.connect(cluster.url(first, user=logins["a"], password="pw")) as repo:
        assert repo.load(rid).cells == {"s2.rules:issued": 5}


def test_role_names_fit_and_stay_apart():
    assert server_roles.names_for("年报") == ("giar_年报_clerk", "giar_年报_reviewer")
    long_a, long_b = "某市各区县政府信息公开年度报告共享数据库" + "甲" * 8, "某市各区县政府信息公开年度报告共享数据库" + "乙" * 8
    for name in (long_a, long_b, "x" * 63):
        for role in server_roles.names_for(name):
            assert len(role.encode("utf-8")) <= server_roles.MAX_NAME_BYTES
    assert set(server_roles.names_for(long_a)).isdisjoint(server_roles.names_for(long_b))
    assert login_problem("giar_someone") is not None and login_problem("giar") is None


def test_an_owner_who_is_no_superuser_sets_up_a_database_of_an_odd_name(cluster):
    """As an office runs it: the database belongs to an administrator with CREATEROLE (not a superuser), and its
    name has Chinese characters, a space and quotes."""
    owner, name = "office_owner_roles", "年报 \"办公室\" '2025'"
    cluster.admin(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD 'owner-pw'")
    cluster.admin(f'CREATE DATABASE "{name.replace(chr(34), chr(34) * 2)}" OWNER {owner}')
    url = cluster.url(name, user=owner, password="owner-pw")
    assert init_database(url) == "created"
    assert init_database(url) == "current"
    clerk = "odd_name_clerk"
    assert add(cluster, name, clerk, "--agency", A, url=url)[0] == 0
    with ServerRepository.connect(cluster.url(name, user=clerk, password="pw")) as repo:
        rid = repo.create_report(A, 2021)
        repo.set_cell(rid, "s2.rules:issued", 1)
        repo.set_cell(rid, "s2.rules:issued", 2)
        assert repo.load(rid).cells == {"s2.rules:issued": 2}
    assert [r for _k, r in cluster.admin("SELECT kind, role FROM server_roles ORDER BY kind", name)] == list(
        server_roles.names_for(name))
