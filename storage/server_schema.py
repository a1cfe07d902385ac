"""The shared database on a PostgreSQL server: its tables (the same as the file's, storage.schema), which schema
version it holds, and the roles and row-level security policies that confine each clerk to their agencies.

Kept to what PostgreSQL-derived servers share (KingbaseES, openGauss, HighGo): plain tables, sequences, GRANT,
roles with membership, ENABLE ROW LEVEL SECURITY with CREATE POLICY, pg_has_role and current_user. No extension,
no procedural language, no trigger.

- program_schema holds the schema version (SQLite's PRAGMA user_version has no server equivalent).
- agency_logins says which login may read and write which agency's reports; a login in the database's reviewers'
  group role reads every report and writes none. The server enforces it (RLS), whatever client connects. The
  group roles are the database's own (storage.server_roles): roles belong to the whole server.
- edit_leases says who has which report open for editing, and since when (storage.server_leases).
- revisions.login is filled by the server (DEFAULT current_user, and a policy refuses any other value): the
  history says who made each change, and a client cannot pretend to be someone else.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from . import server_roles
from .errors import StorageError
from .file_format import SCHEMA_VERSION

APPLICATION = "GIAR"  # program_schema.application: marks the database as ours

# Tables a clerk writes under the policies; agencies (and the agency_logins map) only the owner writes.
WRITTEN = ("reports", "cells", "texts", "revisions", "applications", "edit_leases")
READ_ONLY = ("agencies", "agency_logins", "program_schema")

# The predicates are written so that the server evaluates them cheaply, as every statement of a clerk carries
# them: the reviewer test as a scalar subquery (evaluated once per statement, not once per row), and a row of a
# report's table visible when an indexed look-up of its report passes the reports' policy (EXISTS, which the
# planner may also run as one hashed pass over the visible reports for a bulk read). `report_id IN (SELECT id
# FROM reports)` meant a pass over every report, with the role test per report, for each single-cell edit.
_OF_VISIBLE_REPORT = "EXISTS (SELECT 1 FROM reports WHERE reports.id = {table}.report_id)"  # reports' policy applies


def policies(reviewers: str) -> dict[str, tuple[str, str | None]]:
    """Table -> (USING, WITH CHECK) of its policy, for the database's reviewers' group role."""
    reviewer = "(SELECT pg_has_role(current_user, '{}', 'MEMBER'))".format(reviewers.replace("'", "''"))
    may_see = f"({reviewer} OR {{column}} IN (SELECT agency_id FROM agency_logins WHERE login = current_user))"

    def of_visible_report(table: str, extra: str = "") -> tuple[str, str]:
        visible = _OF_VISIBLE_REPORT.format(table=table)
        return visible, visible + extra

    return {
        "agency_logins": (f"login = current_user OR {reviewer}", None),
        "agencies": (may_see.format(column="id"), None),
        "reports": (may_see.format(column="agency_id"), may_see.format(column="agency_id")),
        "applications": (may_see.format(column="agency_id"), may_see.format(column="agency_id")),
        "cells": of_visible_report("cells"),
        "texts": of_visible_report("texts"),
        "revisions": of_visible_report("revisions", " AND login = current_user"),
        "edit_leases": of_visible_report("edit_leases", " AND login = current_user"),
    }


# Who is editing which report (storage.server_leases); the server's clock only, so that clients' clocks do not
# matter. Not versioned: `db init` makes it in a database that lacks it.
EDIT_LEASES = ("CREATE TABLE IF NOT EXISTS edit_leases (report_id INTEGER PRIMARY KEY REFERENCES reports (id) "
               "ON DELETE CASCADE, login VARCHAR(63) NOT NULL DEFAULT current_user, holder VARCHAR(200) NOT NULL, "
               "since TIMESTAMP NOT NULL, renewed TIMESTAMP NOT NULL)")

# Version reached -> the statements that upgrade a server database to it. The server schema begins at 3 (it is
# created from storage.schema, always current); a later file step needs its server twin here.
SERVER_STEPS: dict[int, tuple[str, ...]] = {
    4: ("ALTER TABLE reports ADD COLUMN ledger BOOLEAN NOT NULL DEFAULT false",),
}
FIRST_SERVER_VERSION = 3


def read_version(conn: Connection) -> int | None:
    """The schema version of the database; None when it holds none of our tables yet. StorageError when it
    holds another program's tables."""
    found = conn.execute(text("SELECT table_name FROM information_schema.tables "
                              "WHERE table_schema = current_schema() AND table_name IN ('program_schema', 'reports')"))
    names = {r[0] for r in found}
    if "program_schema" not in names:
        if "reports" in names:
            raise StorageError("这个数据库中已有其他程序的数据表（reports），不是本程序的共享数据库；"
                               "请换一个数据库，或请管理员新建一个空数据库", reason="not_db")
        return None
    rows = conn.execute(text("SELECT application, version FROM program_schema")).all()
    if len(rows) != 1 or rows[0][0] != APPLICATION:
        raise StorageError("这个数据库不是本程序的共享数据库（标记不符）", reason="not_db")
    return int(rows[0][1])


def refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise StorageError(f"共享数据库由更新版本的程序建立（结构版本 {version}，本程序为 {SCHEMA_VERSION}），"
                           "请升级本程序后再使用；数据库未作改动", reason="newer")


def initialise(conn: Connection, notes: list[str] | None = None) -> str:
    """Create or upgrade the schema, roles and policies, inside the caller's transaction (as the database's owner,
    who needs CREATEROLE). Returns "created", "upgraded" or "current"; what the administrator should know is
    added to `notes`."""
    from .schema import server_metadata

    conn.execute(text("SELECT pg_advisory_xact_lock(4747)"))  # two administrators at once: one waits
    version = read_version(conn)
    if version is None:
        server_metadata().create_all(conn)
        conn.execute(text("ALTER TABLE revisions ADD COLUMN login VARCHAR(63) NOT NULL DEFAULT current_user"))
        conn.execute(text("CREATE TABLE agency_logins (login VARCHAR(63) NOT NULL, agency_id INTEGER NOT NULL "
                          "REFERENCES agencies (id) ON DELETE CASCADE, PRIMARY KEY (login, agency_id))"))
        conn.execute(text("CREATE TABLE program_schema (application VARCHAR(8) NOT NULL, version INTEGER NOT NULL)"))
        conn.execute(text("INSERT INTO program_schema VALUES (:a, :v)"), {"a": APPLICATION, "v": SCHEMA_VERSION})
        outcome = "created"
    else:
        refuse_newer(version)
        missing = [v for v in range(max(version, FIRST_SERVER_VERSION) + 1, SCHEMA_VERSION + 1) if v not in SERVER_STEPS]
        if missing:
            raise StorageError(f"本程序还不能把共享数据库从结构版本 {version} 升级到 {SCHEMA_VERSION}；数据库未作改动",
                               reason="newer")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in SERVER_STEPS[step]:
                conn.execute(text(statement))
        conn.execute(text("UPDATE program_schema SET version = :v"), {"v": SCHEMA_VERSION})
        outcome = "upgraded" if version < SCHEMA_VERSION else "current"
    said = _roles_and_policies(conn, created=outcome == "created")
    if notes is not None:
        notes.extend(said)
    return outcome


def _roles_and_policies(conn: Connection, *, created: bool) -> list[str]:
    """Idempotent: run at every `db init`, so an upgrade brings the roles and policies of the new version."""
    conn.execute(text(EDIT_LEASES))
    notes = server_roles.set_up(conn, created=created, tables=WRITTEN + READ_ONLY, written=WRITTEN)
    roles = server_roles.recorded(conn)
    assert roles is not None  # set_up recorded them
    _no_jit(conn)
    for table, (using, check) in policies(roles[1]).items():
        conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        conn.execute(text(f"DROP POLICY IF EXISTS confined ON {table}"))
        conn.execute(text(f"CREATE POLICY confined ON {table} USING ({using})"
                          + (f" WITH CHECK ({check})" if check else "")))
    return notes


def _no_jit(conn: Connection) -> None:
    """PostgreSQL 11+ compiles a query whose estimated cost is high (JIT), which the policies' EXISTS make of every
    bulk read (汇总's cells of hundreds of reports): a few hundred milliseconds of compiling for a query that runs
    in tens. None of this program's queries gains from it, so the database's sessions go without (a server that
    has no such setting is left as it is)."""
    if conn.execute(text("SELECT count(*) FROM pg_settings WHERE name = 'jit'")).scalar_one():
        name = conn.execute(text("SELECT current_database()")).scalar_one()
        conn.execute(text(f"ALTER DATABASE {conn.dialect.identifier_preparer.quote_identifier(name)} SET jit = off"))
