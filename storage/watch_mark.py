"""What a watching window compares, every couple of seconds, to learn that something it shows was saved meanwhile
by someone else, without reading any of it (storage.Repository.mark).

A report shows more than its own rows: table 三 and the 台账 tab follow the agency's ledger, and the findings
compare with last year's report. The mark has one part for each, so that the window reads again only the part
that changed:
- `report`: the report's newest revision and last change (a burst of typing extends its last revision in place,
  moving only the time), its status, deletion and tie to the ledger;
- `ledger`: the agency's applications — how many, the newest id, the latest stamp (an edit keeps its row's id;
  storage stamps each ledger write later than every stamp before it, see `next_stamp`, so that a colleague's
  clock running behind still moves it);
- `previous`: last year's live report of the agency and its newest revision.

One statement, so one round trip: scalar subqueries over indexed columns, which every PostgreSQL-derived server
and SQLite run alike. Row-level security applies as to any read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from .errors import StorageError
from .schema import ApplicationRow

_MARK = text("""
SELECT r.updated_at, r.status, r.deleted_at, r.ledger,
       (SELECT max(v.id) FROM revisions v WHERE v.report_id = r.id),
       (SELECT count(*) FROM applications a WHERE a.agency_id = r.agency_id),
       (SELECT max(a.id) FROM applications a WHERE a.agency_id = r.agency_id),
       (SELECT max(a.updated_at) FROM applications a WHERE a.agency_id = r.agency_id),
       (SELECT max(p.id) FROM reports p
         WHERE p.agency_id = r.agency_id AND p.year = r.year - 1 AND p.deleted_at IS NULL),
       (SELECT max(v.id) FROM revisions v JOIN reports p ON v.report_id = p.id
         WHERE p.agency_id = r.agency_id AND p.year = r.year - 1 AND p.deleted_at IS NULL)
FROM reports r WHERE r.id = :r
""")

# A stamp later than the latest by at least this much: the smallest step both SQLite's text and a server's
# TIMESTAMP keep.
_STEP = datetime.timedelta(microseconds=1)


@dataclass(frozen=True)
class Mark:
    report: tuple[object, ...]
    ledger: tuple[object, ...]
    previous: tuple[object, ...]

    @property
    def from_ledger(self) -> bool:
        """Whether the report is 由台账生成 (its table 三 follows the ledger)."""
        return bool(self.report[4])


def read(s: Session, report_id: int) -> Mark:
    found = s.execute(_MARK, {"r": report_id}).first()
    if found is None:
        raise StorageError(f"数据库中没有编号为 {report_id} 的报告", reason="missing")
    updated, status, deleted, ledger, newest, count, last_id, stamped, previous, previous_newest = found
    return Mark((newest, updated, status, deleted, bool(ledger)), (count, last_id, stamped),
                (previous, previous_newest))


def next_stamp(s: Session, agency_id: int, now: datetime.datetime) -> datetime.datetime:
    """The stamp of a write to the agency's ledger: now, or just after the latest stamp when that is later (another
    PC's clock ahead of this one), so that every write moves the mark's newest stamp."""
    latest = s.scalar(select(func.max(ApplicationRow.updated_at)).where(ApplicationRow.agency_id == agency_id))
    if latest is not None and latest >= now:
        return latest + _STEP
    return now
