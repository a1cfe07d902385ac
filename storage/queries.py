"""Reading the database inside a transaction: the rows of reports and agencies, a stored report as a
report.model.Report, the report list, and the checks every write makes on what it is given.

Each function takes the open Session of the caller's transaction; failures are StorageErrors in Chinese.
"""

from __future__ import annotations

import datetime
import logging
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from report.definition import Format
from report.formats import FORMATS, format_for_year, year_problem
from report.model import Report, agency_problem

from . import plain_read
from .errors import StorageError
from .plain_read import ReportInfo
from .schema import DRAFT, FINAL, Agency, CellRow, ReportRow, TextRow

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------- rows


def row(s: Session, report_id: int, *, live: bool = False) -> ReportRow:
    """The report's row; `live`: refused when the report is deleted."""
    found = s.get(ReportRow, report_id)
    if found is None:
        raise StorageError(f"数据库中没有编号为 {report_id} 的报告", reason="missing")
    if live and found.deleted_at is not None:
        raise StorageError("该报告已被删除；如需修改，请先从“已删除的报告”中恢复", reason="deleted")
    return found


def editable(s: Session, report_id: int) -> ReportRow:
    """The report's row, refused when it is deleted or 定稿."""
    found = row(s, report_id, live=True)
    if found.status == FINAL:
        raise StorageError(f"该报告已{FINAL}，不能修改；如需修改，请先把状态改回「{DRAFT}」", reason="final")
    return found


def live(s: Session, agency: str, year: int) -> ReportRow | None:
    """The agency's report of that year that is not deleted (there is at most one)."""
    return s.scalars(
        select(ReportRow).join(Agency, ReportRow.agency_id == Agency.id)
        .where(Agency.name == agency, ReportRow.year == year, ReportRow.deleted_at.is_(None))
    ).first()


def agency_of(s: Session, found: ReportRow) -> str:
    agency = s.get(Agency, found.agency_id)
    if agency is None:  # the foreign key forbids it; a file changed by another program might not
        raise StorageError(f"数据库中编号为 {found.id} 的报告没有对应的机关，文件可能被其他程序改动过", reason="corrupt")
    return agency.name


def find_or_add_agency(s: Session, name: str, now: Callable[[], datetime.datetime]) -> Agency:
    """The agency of that name, added (with an id) when the database has none yet."""
    agency = s.scalars(select(Agency).where(Agency.name == name)).first()
    if agency is None:
        agency = Agency(name=name, created_at=now())
        s.add(agency)
        s.flush()
    return agency


def format_of(found: ReportRow) -> Format:
    """The format a stored report is in; StorageError for a format this program does not know."""
    return plain_read.format_named(found.format_id, found.year)


def load(s: Session, found: ReportRow) -> Report:
    """The stored report as entered: input cells only (totals come from report.calc), texts, 成文日期."""
    cells = s.execute(select(CellRow.cell_id, CellRow.value).where(CellRow.report_id == found.id))
    texts = s.execute(select(TextRow.section_id, TextRow.text).where(TextRow.report_id == found.id))
    return plain_read.assemble(found.id, agency_of(s, found), found.year, found.format_id, found.date,
                               cells.all(), texts.all())


# Report ids per statement of a bulk load: well under any server's or SQLite's limit on bound parameters.
BULK_IDS = 500


def load_many(s: Session, report_ids: Sequence[int]) -> list[Report]:
    """The reports as `load` gives each, in the order asked, read in three statements per BULK_IDS reports
    rather than four per report (汇总 of a year reads hundreds). A missing or unreadable report refuses them all,
    as loading it alone would."""
    ids = list(dict.fromkeys(report_ids))
    heads: dict[int, tuple[str, int, str, datetime.date | None]] = {}
    cells: defaultdict[int, list[tuple[str, str]]] = defaultdict(list)
    texts: defaultdict[int, list[tuple[str, str]]] = defaultdict(list)
    conn = s.connection()  # Core rows, fetched all at once: the ORM's row handling would be most of the time
    for start in range(0, len(ids), BULK_IDS):
        chunk = ids[start:start + BULK_IDS]
        for rid, agency, year, format_id, date in conn.execute(
                select(ReportRow.id, Agency.name, ReportRow.year, ReportRow.format_id, ReportRow.date)
                .join(Agency, ReportRow.agency_id == Agency.id).where(ReportRow.id.in_(chunk))).all():
            heads[rid] = (agency, year, format_id, date)
        for rid, cell_id, value in conn.execute(select(CellRow.report_id, CellRow.cell_id, CellRow.value)
                                                .where(CellRow.report_id.in_(chunk))).all():
            cells[rid].append((cell_id, value))
        for rid, section_id, text in conn.execute(select(TextRow.report_id, TextRow.section_id, TextRow.text)
                                                  .where(TextRow.report_id.in_(chunk))).all():
            texts[rid].append((section_id, text))
    out = {}
    for rid in ids:
        if rid not in heads:
            raise StorageError(f"数据库中没有编号为 {rid} 的报告", reason="missing")
        agency, year, format_id, date = heads[rid]
        out[rid] = plain_read.assemble(rid, agency, year, format_id, date, cells[rid], texts[rid])
    return [out[rid] for rid in report_ids]


# ---------------------------------------------------------------------------------------------- lists


def info(s: Session, found: ReportRow) -> ReportInfo:
    return ReportInfo(found.id, agency_of(s, found), found.year, found.format_id, found.status, found.created_at,
                      found.updated_at, found.deleted_at)


def report_infos(s: Session, agency_id: int | None, *, deleted: bool) -> list[ReportInfo]:
    """Live (or deleted) reports, by agency name then newest year first (read as plain SQL: a large database
    lists ten thousand)."""
    raw = s.connection().connection.driver_connection  # the session's own sqlite3 connection, in its transaction
    if isinstance(raw, sqlite3.Connection):
        return plain_read.report_infos(raw, agency_id, deleted=deleted)
    # A server database: its driver returns datetimes already.
    query = (select(ReportRow.id, Agency.name, ReportRow.year, ReportRow.format_id, ReportRow.status,
                    ReportRow.created_at, ReportRow.updated_at, ReportRow.deleted_at)
             .join(Agency, ReportRow.agency_id == Agency.id)
             .where(ReportRow.deleted_at.is_not(None) if deleted else ReportRow.deleted_at.is_(None))
             .order_by(Agency.name, ReportRow.year.desc(), ReportRow.id))
    if agency_id is not None:
        query = query.where(ReportRow.agency_id == agency_id)
    return [ReportInfo(*r) for r in s.execute(query)]


def latest(s: Session) -> int | None:
    """The live report changed last, without listing them all."""
    return s.scalars(select(ReportRow.id).where(ReportRow.deleted_at.is_(None))
                     .order_by(ReportRow.updated_at.desc(), ReportRow.id.desc()).limit(1)).first()


# ---------------------------------------------------------------------------------------------- what writes are given


def agency_name(agency: str) -> str:
    """The agency's name as stored (trimmed); StorageError when it cannot be one."""
    name = agency.strip() if isinstance(agency, str) else agency
    why = agency_problem(name)
    if why:
        raise StorageError(why, reason="bad_input")
    return name


def year_format(year: int, format_id: str | None) -> Format:
    """The format of a report of `year`: the year's own unless `format_id` names another."""
    if not isinstance(year, int) or isinstance(year, bool):
        raise StorageError(f"年度应为整数，现为 {year!r}", reason="bad_input")
    if why := year_problem(year):
        raise StorageError(why, reason="bad_input")
    if format_id is None:
        return format_for_year(year)
    if format_id not in FORMATS:
        raise StorageError(f"没有「{format_id}」这种报告格式；可选 {'、'.join(FORMATS)}", reason="bad_input")
    return FORMATS[format_id]


_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})


def clean_text(text: str) -> str:
    """Prose as stored: one kind of line break, no invisible control characters (from pasted Word text)."""
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
