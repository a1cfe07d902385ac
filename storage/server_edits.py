"""A cell edit on the shared database in one statement, so in one round trip to the server.

The general path (Repository.set_cell: read the report, check it, read the cell, write it, stamp the report, log
the revision, each a statement of its own) costs a clerk's typing a dozen round trips and the ORM's work around
each. The common case is done here instead, as one statement whose parts the server runs atomically (an
autocommitted statement is its own transaction): the cell written, the report's updated_at stamped and the
revision logged exactly as the general path logs them, or nothing when the value is unchanged.

It writes only when everything the general path checks is plainly fine: the report is live, a draft, in the
format the caller encoded for, not 由台账生成 (whose derived cells are refused), and (when this opening leased
it) still leased to this opening, the lease row locked as the general path locks it. Otherwise it writes nothing
and says so; the caller then takes the general path, which says why in Chinese. Row-level security applies as to
any statement: a report the login may not see is not found here either.
"""

from __future__ import annotations

import datetime

from sqlalchemy import Connection, text

from .schema import DRAFT

# The report as the general path would accept it for an edit; :leased_by adds the lease held by this opening.
_TARGET = ("SELECT id FROM reports WHERE id = :r AND deleted_at IS NULL AND status = :draft AND format_id = :f "
           "AND NOT ledger")
_LEASED = " AND id IN (SELECT report_id FROM edit_leases WHERE report_id = :r AND holder = :h FOR UPDATE)"

_EDIT = """
WITH target AS ({target}),
old AS (SELECT value FROM cells WHERE report_id = :r AND cell_id = :c),
changed AS (SELECT id, (SELECT value FROM old) AS old FROM target
            WHERE (SELECT value FROM old) IS DISTINCT FROM CAST(:v AS VARCHAR)),
put AS (INSERT INTO cells (report_id, cell_id, value) SELECT id, :c, CAST(:v AS VARCHAR) FROM changed
        ON CONFLICT (report_id, cell_id) DO UPDATE SET value = excluded.value RETURNING report_id),
stamped AS (UPDATE reports SET updated_at = :now WHERE id IN (SELECT id FROM changed) RETURNING id),
logged AS (INSERT INTO revisions (report_id, at, kind, target, old, new)
           SELECT id, :now, 'cell', :c, old, CAST(:v AS VARCHAR) FROM changed RETURNING id)
SELECT (SELECT count(*) FROM target), (SELECT count(*) FROM logged)
"""
_STATEMENTS = {leased: text(_EDIT.format(target=_TARGET + (_LEASED if leased else ""))) for leased in (False, True)}


def set_cell(conn: Connection, report_id: int, format_id: str, cell_id: str, value: str, now: datetime.datetime,
             lease_holder: str | None) -> bool:
    """Write the cell's stored text (storage.cell_text.encode's, for `format_id`) with its revision; True when
    done (or already that value), False when the report is not plainly editable and nothing was written.
    `conn` autocommits; `lease_holder`: this opening's name when it leased the report."""
    found = conn.execute(_STATEMENTS[lease_holder is not None], {
        "r": report_id, "f": format_id, "c": cell_id, "v": value, "now": now, "draft": DRAFT,
        **({"h": lease_holder} if lease_holder is not None else {})}).one()
    return bool(found[0])
