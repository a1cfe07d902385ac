"""Logins of the shared database: a clerk's login confined to named agencies, or a reviewer's that reads all.

The password reaches the server only as a SCRAM-SHA-256 verifier computed here by libpq (PQencryptPasswordConn),
so neither the program nor the server's statement log ever holds it in plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from sqlalchemy import Connection, text

from . import server_roles
from .errors import StorageError
from .rights import READING, Rights
from .server_schema import read_version

MAX_LOGIN_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1


def login_problem(login: str) -> str | None:
    if not login or login != login.strip():
        return "登录名不能为空，也不能以空格开头或结尾"
    if len(login.encode("utf-8")) > MAX_LOGIN_BYTES:
        return f"登录名太长：最多 {MAX_LOGIN_BYTES} 个字节（约 21 个汉字）"
    if any(ord(ch) < 32 or ch in '"\x7f' for ch in login):
        return "登录名不能含有控制字符或双引号"
    if login.lower().startswith(("pg_", server_roles.PREFIX)):
        return f"登录名「{login}」是数据库保留的名字（不能以 pg_ 或 {server_roles.PREFIX} 开头），请换一个"
    return None


def add_login_to(url: str, login: str, password: Callable[[], str], agencies: list[str], *, reviewer: bool,
                 ask_password: Callable[[str], str] | None = None) -> list[str]:
    """`db user add`: `add_login` in one transaction as the owner at `url`. The agency names are checked (and
    trimmed, as they are stored) before `password()` is asked for and before connecting. Returns the agencies
    that were not yet in the database and were added."""
    from report.model import agency_problem

    from .server import with_owner

    agencies = [a.strip() for a in agencies]
    if problems := [why for a in agencies if (why := agency_problem(a))]:
        raise StorageError(problems[0], reason="bad_input")
    work = partial(add_login, login=login, password=password(), agencies=agencies, reviewer=reviewer, now=datetime.now())
    added: list[str] = with_owner(url, "添加登录名", work, ask_password)
    return added


def add_login(conn: Connection, login: str, password: str, agencies: list[str], *, reviewer: bool,
              now: datetime) -> list[str]:
    """Make `login` (or update an existing login of ours: a new password, more agencies), inside the caller's
    transaction as the database's owner. Returns the agencies that were not yet in the database and were added."""
    import psycopg
    from psycopg import sql

    if why := login_problem(login):
        raise StorageError(why, reason="bad_input")
    if not password:
        raise StorageError("密码不能为空", reason="bad_input")
    if reviewer == bool(agencies):
        raise StorageError("请指定该登录名可以填报的机关（--agency），或者指定为审核人（--reviewer），二者选一",
                           reason="bad_input")
    if read_version(conn) is None:
        raise StorageError("共享数据库还没有初始化，请先运行 db init", reason="not_initialised")
    roles = server_roles.recorded(conn)
    if roles is None:
        raise StorageError("共享数据库由较早版本的程序建立，请先运行 db init 升级（各数据库改用自己的角色）后再添加登录名",
                           reason="not_initialised")
    clerks, reviewers = roles
    raw = conn.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    verifier = raw.pgconn.encrypt_password(password.encode("utf-8"), login.encode("utf-8"), b"scram-sha-256")
    role = sql.Identifier(login)
    # Ours only when a direct member of this database's group roles and not a superuser (pg_has_role says yes to
    # a superuser for every role: the owner's own password must never be changed here). A login of another
    # database on the server is not ours either: its owner's, with its own password.
    exists = conn.execute(text(
        "SELECT NOT r.rolsuper AND EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "WHERE m.member = r.oid AND g.rolname IN (:c, :r)), EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g "
        "ON g.oid = m.roleid WHERE m.member = r.oid AND g.rolname LIKE :ours) FROM pg_roles r WHERE r.rolname = :l"),
        {"l": login, "c": clerks, "r": reviewers, "ours": server_roles.PREFIX.replace("_", "\\_") + "%"}).first()
    if exists is not None and not exists[0]:
        if exists[1]:
            raise StorageError(f"登录名「{login}」已是这台服务器上另一个共享数据库的登录名；同一个登录名不能用于两个数据库，"
                               "请换一个", reason="exists")
        raise StorageError(f"登录名「{login}」已被服务器上的其他用户使用，请换一个", reason="exists")
    verb = "ALTER" if exists is not None else "CREATE"
    raw.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(role, sql.Literal(verifier.decode("ascii"))))
    raw.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(reviewers if reviewer else clerks), role))
    added = []
    for name in agencies:
        found = conn.execute(text("SELECT id FROM agencies WHERE name = :n"), {"n": name}).first()
        if found is None:
            found = conn.execute(text("INSERT INTO agencies (name, created_at) VALUES (:n, :t) RETURNING id"),
                                 {"n": name, "t": now}).first()
            added.append(name)
        assert found is not None
        conn.execute(text("INSERT INTO agency_logins (login, agency_id) VALUES (:l, :a) ON CONFLICT DO NOTHING"),
                     {"l": login, "a": found[0]})
    return added


def rights_of(conn: Connection, *, read_only: bool) -> Rights:
    """What the connected login may do (one statement, at connect): what the server grants it on the tables. A
    reviewer's group is granted reading only; a clerk's writes reports (the policies confine it to its agencies,
    which are all it sees of `agencies`) but no agency; the owner, everything. `read_only`: the opening's own."""
    create, change, new_agencies = conn.execute(text(
        "SELECT has_table_privilege('reports', 'INSERT'), has_table_privilege('reports', 'UPDATE'), "
        "has_table_privilege('agencies', 'INSERT')")).one()
    if read_only:
        return READING
    return Rights(create=bool(create), change=bool(change), new_agencies=bool(new_agencies))
