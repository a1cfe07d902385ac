"""The group roles of one shared database, kept apart from those of every other database on the same server.

PostgreSQL's roles belong to the whole server, not to a database. Each report database therefore has group roles
of its own, named after it (`giar_<database>_clerk`, `giar_<database>_reviewer`), recorded in its table
server_roles (the policies and `db user add` use what is recorded there), and only its own groups may CONNECT to
it: a login of database A cannot so much as connect to database B, and the same login name cannot be made in both.

Databases made before this (one pair `giar_clerk`/`giar_reviewer` shared by every database of the server) are
moved to roles of their own by `db init`: each clerk that has agencies here, and each reviewer (which database a
reviewer was meant for is recorded nowhere; they keep the reading they had, and `db init` names them), becomes a
member of the new groups; the old groups lose every right here and are dropped once no database uses them.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

from .errors import StorageError

PREFIX = "giar_"  # a login may not start with it (storage.server_logins): the program's group roles do
LEGACY = ("giar_clerk", "giar_reviewer")  # shared by every database of a server, before roles were per database
MAX_NAME_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1: a longer name is cut short by the server
_DATABASE_BYTES = MAX_NAME_BYTES - len(PREFIX) - len("_reviewer")

SERVER_ROLES = ("CREATE TABLE IF NOT EXISTS server_roles (kind VARCHAR(16) PRIMARY KEY, "
                "role VARCHAR(63) NOT NULL)")


def names_for(database: str) -> tuple[str, str]:
    """The clerks' and reviewers' group roles of `database`. A name too long for a role is shortened and followed
    by a digest of the whole, so that two long names sharing their beginning still differ."""
    part = database
    if len(part.encode("utf-8")) > _DATABASE_BYTES:
        digest = hashlib.sha256(database.encode("utf-8")).hexdigest()[:8]
        part = part.encode("utf-8")[:_DATABASE_BYTES - 9].decode("utf-8", "ignore") + "_" + digest
    return f"{PREFIX}{part}_clerk", f"{PREFIX}{part}_reviewer"


def recorded(conn: Connection) -> tuple[str, str] | None:
    """The database's group roles (clerks, reviewers) as `db init` recorded them; None in a database made before
    they were per database (until `db init` upgrades it)."""
    found = conn.execute(text("SELECT count(*) FROM information_schema.tables "
                              "WHERE table_schema = current_schema() AND table_name = 'server_roles'")).scalar_one()
    if not found:
        return None
    rows: dict[str, str] = {kind: role for kind, role in conn.execute(text("SELECT kind, role FROM server_roles"))}
    if set(rows) != {"clerk", "reviewer"}:
        return None
    return rows["clerk"], rows["reviewer"]


def members(conn: Connection, role: str) -> list[str]:
    """The logins that are direct members of `role`."""
    return list(conn.execute(text(
        "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r "
        "ON r.oid = m.member WHERE g.rolname = :g ORDER BY r.rolname"), {"g": role}).scalars())


def quoted(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def set_up(conn: Connection, *, created: bool, tables: tuple[str, ...], written: tuple[str, ...]) -> list[str]:
    """Make (or move to) this database's own group roles, grant them the tables (`written` also for writing, by
    clerks) and CONNECT, and take CONNECT from everyone else. Inside `db init`'s transaction, as the database's
    owner. Returns notes for the administrator."""
    database = conn.execute(text("SELECT current_database()")).scalar_one()
    clerks, reviewers = names_for(database)
    before = recorded(conn)
    if before is None and not created:
        legacy = conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname IN (:c, :r)"),
                              {"c": LEGACY[0], "r": LEGACY[1]}).scalar_one()
        before = LEGACY if legacy == 2 else None
    for role in (clerks, reviewers):
        _make_group(conn, role, fresh=created)
    notes = []
    if before is not None and before != (clerks, reviewers):
        notes = _move_members(conn, before, (clerks, reviewers), database, tables)
    conn.execute(text(SERVER_ROLES))
    conn.execute(text("DELETE FROM server_roles"))
    conn.execute(text("INSERT INTO server_roles (kind, role) VALUES ('clerk', :c), ('reviewer', :r)"),
                 {"c": clerks, "r": reviewers})
    groups = f"{quoted(conn, clerks)}, {quoted(conn, reviewers)}"
    conn.execute(text(f"GRANT SELECT ON {', '.join(tables + ('server_roles',))} TO {groups}"))
    conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(written)} TO {quoted(conn, clerks)}"))
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {quoted(conn, clerks)}"))
    conn.execute(text(f"REVOKE CONNECT ON DATABASE {quoted(conn, database)} FROM PUBLIC"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {quoted(conn, database)} TO {groups}"))
    return notes


def _make_group(conn: Connection, role: str, *, fresh: bool) -> None:
    """Create the group role; one already there is taken only when it cannot log in (a login of that name would
    otherwise gain the group's rights). A new database starts with no members: a group left behind by a dropped
    database of the same name keeps none of its logins."""
    found = conn.execute(text("SELECT rolcanlogin OR rolsuper FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    if found is None:
        conn.execute(text(f"CREATE ROLE {quoted(conn, role)} NOLOGIN"))
        return
    if found[0]:
        raise StorageError(f"服务器上已有登录名「{role}」，与本数据库要建立的角色同名；请数据库管理员把它改名或删除后"
                           "再运行 db init；数据库未作改动", reason="exists")
    if fresh:
        for login in members(conn, role):
            conn.execute(text(f"REVOKE {quoted(conn, role)} FROM {quoted(conn, login)}"))


def _move_members(conn: Connection, before: tuple[str, str], after: tuple[str, str], database: str,
                  tables: tuple[str, ...]) -> list[str]:
    """Make this database's logins members of its new groups and take every right here from the old ones, which
    are dropped when no other database uses them (else kept for those)."""
    here = set(conn.execute(text("SELECT DISTINCT login FROM agency_logins")).scalars())
    clerks = [login for login in members(conn, before[0]) if login in here]
    reviewers = members(conn, before[1])
    for logins, group in ((clerks, after[0]), (reviewers, after[1])):
        for login in logins:
            conn.execute(text(f"GRANT {quoted(conn, group)} TO {quoted(conn, login)}"))
    for old in before:
        if old in after:
            continue
        conn.execute(text(f"REVOKE ALL ON {', '.join(tables)} FROM {quoted(conn, old)}"))
        conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {quoted(conn, old)}"))
        conn.execute(text(f"REVOKE ALL ON DATABASE {quoted(conn, database)} FROM {quoted(conn, old)}"))
        try:
            with conn.begin_nested():  # refused while another database still grants it rights: kept for that one
                conn.execute(text(f"DROP ROLE {quoted(conn, old)}"))
        except SQLAlchemyError:
            pass
    notes = [f"本数据库的登录名已改用本数据库自己的角色 {after[0]}、{after[1]}（原为 {before[0]}、{before[1]}）"]
    if reviewers:
        notes.append(f"原有的审核人登录名 {'、'.join(reviewers)} 仍可读取本数据库的全部报告；其中如有其他数据库的审核人，"
                     f"请数据库管理员执行 REVOKE {quoted(conn, after[1])} FROM 登录名")
    return notes
