"""Reading stored reports with sqlite3 alone: the report list, the newest report with last year's and its
agency's ledger, for what must be quick before SQLAlchemy (a few tenths of a second to import) is loaded — the
window's first look at its database and `db list`. storage.queries reads the same through SQLAlchemy's session
and shares the pieces here (the list, the report put together from its rows, the format's refusal).

Each function takes a sqlite3 connection (the caller holds the transaction); a report that is missing or in a
format this program does not know is a StorageError, a failure of SQLite a sqlite3.Error.
"""

from __future__ import annotations

import datetime
import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from report.definition import Format, Kind
from report.formats import FORMATS
from report.ledger import Application
from report.model import Report
from report.values import Value

from . import backups, database
from .cell_text import decode
from .errors import StorageError, from_exception
from .ledger_rows import corrections_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AgencyInfo:
    id: int
    name: str


class ReportInfo(NamedTuple):
    """One line of the report list (a named tuple: a large database lists ten thousand of them)."""

    id: int
    agency: str
    year: int
    format_id: str
    status: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    deleted_at: datetime.datetime | None = None


def report_infos(db: sqlite3.Connection, agency_id: int | None = None, *, deleted: bool = False) -> list[ReportInfo]:
    """Live (or deleted) reports, by agency name then newest year first."""
    # Plain SQL, and the stored times parsed by datetime.fromisoformat: the ORM's row handling and its SQLite
    # DateTime parsing were most of the time of listing a large database.
    sql = ("SELECT r.id, a.name, r.year, r.format_id, r.status, r.created_at, r.updated_at, r.deleted_at "
           "FROM reports AS r JOIN agencies AS a ON r.agency_id = a.id "
           f"WHERE r.deleted_at IS {'NOT NULL' if deleted else 'NULL'}"
           + (" AND r.agency_id = ?" if agency_id is not None else "")
           + " ORDER BY a.name, r.year DESC, r.id")
    when = datetime.datetime.fromisoformat
    rows = db.execute(sql, (agency_id,) if agency_id is not None else ()).fetchall()
    return [ReportInfo(rid, agency, year, fmt, status, when(created), when(updated),
                       when(gone) if deleted else None)
            for rid, agency, year, fmt, status, created, updated, gone in rows]


def format_named(format_id: str, year: int) -> Format:
    """The format a stored report is in; a format id this program does not know (written by a newer version,
    or by another tool) is a clear refusal for this report, not an internal error."""
    fmt = FORMATS.get(format_id)
    if fmt is None:
        raise StorageError(f"数据库中{year} 年的这份报告使用了本程序不认识的格式「{format_id}」"
                           f"（可能由更新版本的程序或其他工具写入），无法打开；请升级程序，数据库中的内容未作改动",
                           reason="unknown_format")
    return fmt


_INPUT_KINDS: dict[str, dict[str, Kind]] = {}


def _input_kinds(fmt: Format) -> dict[str, Kind]:
    """The format's input cells and their kinds (汇总 assembles tens of thousands of stored cells)."""
    kinds = _INPUT_KINDS.get(fmt.id)
    if kinds is None:
        kinds = _INPUT_KINDS[fmt.id] = {cid: c.kind for cid, c in fmt.cells.items() if not c.computed}
    return kinds


def assemble(report_id: int, agency: str, year: int, format_id: str, date: datetime.date | None,
             cells: Iterable[tuple[str, str]], texts: Iterable[tuple[str, str]]) -> Report:
    """The stored report as entered from its rows: input cells only (totals come from report.calc)."""
    fmt = format_named(format_id, year)
    kinds = _input_kinds(fmt)
    values: dict[str, Value] = {}
    for cell_id, text in cells:
        kind = kinds.get(cell_id)
        if kind is None:
            log.warning("report %d: stored cell %s is not an input cell of format %s", report_id, cell_id, fmt.id)
            continue
        values[cell_id] = decode(kind, text)
    return Report(agency=agency, year=year, format_id=format_id, texts=dict(texts), cells=values, date=date)


_REPORT = ("SELECT r.id, a.name, r.year, r.format_id, r.status, r.date, r.created_at, r.updated_at, r.deleted_at "
           "FROM reports AS r JOIN agencies AS a ON r.agency_id = a.id ")


@dataclass(frozen=True)
class _Row:
    id: int
    agency: str
    year: int
    format_id: str
    status: str
    date: str | None
    created_at: str
    updated_at: str
    deleted_at: str | None


def _row(db: sqlite3.Connection, report_id: int) -> _Row:
    found = db.execute(_REPORT + "WHERE r.id = ?", (report_id,)).fetchone()
    if found is None:
        raise StorageError(f"数据库中没有编号为 {report_id} 的报告", reason="missing")
    return _Row(*found)


def _load(db: sqlite3.Connection, row: _Row) -> Report:
    cells = db.execute("SELECT cell_id, value FROM cells WHERE report_id = ?", (row.id,))
    texts = db.execute("SELECT section_id, text FROM texts WHERE report_id = ?", (row.id,))
    date = datetime.date.fromisoformat(row.date) if row.date else None
    return assemble(row.id, row.agency, row.year, row.format_id, date, cells.fetchall(), texts.fetchall())


def latest(db: sqlite3.Connection) -> int | None:
    """The live report changed last, without listing them all."""
    found = db.execute("SELECT id FROM reports WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC "
                       "LIMIT 1").fetchone()
    return found[0] if found else None


def load(db: sqlite3.Connection, report_id: int) -> Report:
    return _load(db, _row(db, report_id))


def info(db: sqlite3.Connection, report_id: int) -> ReportInfo:
    row = _row(db, report_id)
    when = datetime.datetime.fromisoformat
    return ReportInfo(row.id, row.agency, row.year, row.format_id, row.status, when(row.created_at),
                      when(row.updated_at), when(row.deleted_at) if row.deleted_at else None)


def from_ledger(db: sqlite3.Connection, report_id: int) -> bool:
    """Whether the report is 由台账生成 (schema 4's mark)."""
    found = db.execute("SELECT ledger FROM reports WHERE id = ?", (report_id,)).fetchone()
    return bool(found and found[0])


def previous_year(db: sqlite3.Connection, report_id: int) -> Report | None:
    """Last year's live report of the same agency; None when there is none or its format is unknown."""
    row = _row(db, report_id)
    found = db.execute(_REPORT + "WHERE a.name = ? AND r.year = ? AND r.deleted_at IS NULL",
                       (row.agency, row.year - 1)).fetchone()
    if found is None or found[3] not in FORMATS:
        return None
    return _load(db, _Row(*found))


def applications(db: sqlite3.Connection, agency: str) -> list[Application]:
    """The agency's ledger of applications, by 收到日期 then 编号; empty for an agency not in the file."""
    rows = db.execute(
        "SELECT p.number, p.received, p.applicant_type, p.applicant, p.content, p.corrections, p.extended, "
        "p.answered, p.result, p.fee, p.review, p.suit FROM applications AS p JOIN agencies AS a "
        "ON p.agency_id = a.id WHERE a.name = ? ORDER BY p.received, p.number", (agency,))
    day = datetime.date.fromisoformat
    return [Application(number=number, received=day(received), applicant_type=kind, applicant=applicant,
                        content=content, corrections=corrections_of(corrections), extended=bool(extended),
                        answered=day(answered) if answered else None, result=result, fee=Decimal(fee),
                        review=review, suit=suit)
            for number, received, kind, applicant, content, corrections, extended, answered, result, fee, review,
            suit in rows]


@dataclass(frozen=True)
class FirstLook:
    """What the window shows first: the newest report (None: the file has none), or why it cannot be read."""

    report_id: int | None = None
    report: Report | None = None
    previous: Report | None = None
    info: ReportInfo | None = None
    applications: tuple[Application, ...] = ()
    error: StorageError | None = None
    from_ledger: bool = False


def first_look(path: Path) -> FirstLook:
    """The newest report of the file at `path` (held by the caller, so nobody else writes meanwhile) with last
    year's and its agency's ledger, in one read transaction."""
    try:
        db = database.connect_raw(path, "ro")
        try:
            db.execute("BEGIN")
            report_id = latest(db)
            if report_id is None:
                return FirstLook()
            try:
                report = load(db, report_id)
                return FirstLook(report_id, report, previous_year(db, report_id), info(db, report_id),
                                 tuple(applications(db, report.agency)), from_ledger=from_ledger(db, report_id))
            except StorageError as e:  # said when the window opens the report, as a load would say it
                return FirstLook(report_id, error=e)
        finally:
            db.close()
    except sqlite3.Error as e:
        return FirstLook(error=from_exception(e, path, "读取报告", backups.newest_backup(path)))


def listing(path: str | Path) -> tuple[Path, list[ReportInfo]]:
    """The live reports of the file at `path` (its absolute path with them), read alongside any writer as
    Repository.open(read_only=True) would, without SQLAlchemy: `db list` of a large file."""
    from . import holding

    looked = holding.look(path)
    try:
        db = database.connect_raw(looked.path, looked.mode)
        try:
            return looked.path, report_infos(db)
        finally:
            db.close()
    except sqlite3.Error as e:
        raise from_exception(e, looked.path, "读取报告列表", backups.newest_backup(looked.path)) from None
    finally:
        if looked.holder is not None:
            looked.holder.release()
