"""The row-level security policies cost a clerk's statement an indexed look-up, not a pass over every report, and
a database's sessions do without JIT compiling (which the bulk reads of 汇总 would otherwise pay for)."""

from __future__ import annotations

import datetime

import psycopg

from storage.server import init_database, with_owner
from storage.server_logins import add_login


def test_a_clerks_edit_looks_its_report_up_by_index(cluster, database):
    owner = cluster.url(database)
    init_database(owner)
    cluster.admin("INSERT INTO agencies (name, created_at) SELECT '机关' || g, now() FROM generate_series(1, 300) g",
                  database)
    cluster.admin("INSERT INTO reports (agency_id, year, format_id, status, created_at, updated_at) "
                  "SELECT a.id, y, '2021', '草稿', now(), now() FROM agencies a, generate_series(2016, 2021) y",
                  database)
    cluster.admin("INSERT INTO cells SELECT r.id, 'c' || g, '1' FROM reports r, generate_series(1, 20) g", database)
    cluster.admin("ANALYZE", database)
    login = f"plan_{database}"
    with_owner(owner, "添加登录名", lambda c: add_login(c, login, "pw", ["机关7"], reviewer=False,
                                                      now=datetime.datetime.now()))
    [(rid,)] = cluster.admin("SELECT r.id FROM reports r JOIN agencies a ON a.id = r.agency_id "
                             "WHERE a.name = '机关7' AND r.year = 2021", database)
    with psycopg.connect(host="127.0.0.1", port=cluster.port, dbname=database, user=login, password="pw",
                         autocommit=True) as conn:
        for statement in (f"UPDATE cells SET value = '2' WHERE report_id = {rid} AND cell_id = 'c3'",
                          f"SELECT value FROM cells WHERE report_id = {rid} AND cell_id = 'c3'",
                          f"INSERT INTO revisions (report_id, at, kind) VALUES ({rid}, now(), 'cell')"):
            plan = "\n".join(r[0] for r in conn.execute("EXPLAIN " + statement))  # type: ignore[arg-type]
            assert "Seq Scan on reports" not in plan, plan
            assert "reports_pkey" in plan, plan
        assert conn.execute("SHOW jit").fetchone() in (("off",), None)
        assert conn.execute("SELECT count(*) FROM reports").fetchone() == (6,)  # and still only their agency's
