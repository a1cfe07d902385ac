"""The repository: every read and write of the database that the window and the command line make.

Each edit is one short transaction that also appends to the revision log, so the clerk never presses "save"
and any earlier state of a report can be brought back. Reports are never removed from the file: deleting one
marks it deleted. Every failure is a StorageError with one Chinese sentence, and nothing saved is changed.
"""

from __future__ import annotations

import datetime
import logging
import sqlite3
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from report import exchange
from report.calc import computed_values
from report.formats import FIRST_YEAR, FORMATS, LAST_YEAR, format_for_year
from report.ledger import Application, Derived, derive
from report.ledger import problems as ledger_problems
from report.model import Report, agency_problem, text_ids, text_title
from report.values import Value, show

from . import backups, clean_close, database, migrations, page_delta
from .carry import carried_cells
from .ledger_rows import from_row, to_row
from .cell_text import decode, encode
from .errors import StorageError, from_exception
from .schema import (DRAFT, FINAL, SCHEMA_VERSION, STATUSES, Agency, ApplicationRow, CellRow, ReportRow, Revision,
                     TextRow)

__all__ = ["StorageError", "Repository", "AgencyInfo", "ReportInfo", "RevisionInfo", "recover_from_backup"]

log = logging.getLogger(__name__)

BACKUP_EVERY = datetime.timedelta(days=1)
TEXT_MERGE_WINDOW = datetime.timedelta(seconds=30)  # text saves this close together are one revision


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


@dataclass(frozen=True)
class RevisionInfo:
    """One entry of a report's history. `description` is a Chinese line for a history list."""

    id: int
    report_id: int
    at: datetime.datetime
    kind: str
    target: str | None
    old: str | None
    new: str | None
    detail: str | None
    description: str


class Repository:
    """An open database file. Use `Repository.open(path)`; close it (or use `with`) when done."""

    def __init__(self, path: Path, engine, holder, *, read_only: bool, clock: Callable[[], datetime.datetime],
                 warnings: list[str], last_backup: datetime.datetime | None):
        self.path = path
        self.read_only = read_only
        self._warnings = warnings
        self._warning_listeners: list[Callable[[str], None]] = []
        self._warnings_lock = threading.Lock()
        self._backup_thread: threading.Thread | None = None
        self._damage_found = False  # by a backup's check: this session must not vouch for the file at close
        self._checking: sqlite3.Connection | None = None  # the background check's connection, to interrupt
        self._closing = False
        self._engine = engine
        self._write_engine = engine.execution_options(write=True)
        self._holder = holder
        self._clock = clock
        self._last_backup = last_backup

    # ------------------------------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, wait: float = 0.0,
             clock: Callable[[], datetime.datetime] | None = None) -> "Repository":
        """Open (or create) the database at `path`.

        An older file is upgraded after a backup; a newer, foreign, corrupt, truncated, read-only or locked
        file is refused with StorageError and left untouched (no lock or journal file is made beside it).
        A second writer on the same file is refused (reason "in_use") after waiting `wait` seconds for it to
        finish (a command takes its turn); `read_only=True` opens alongside it for reading (the command line's
        check/export/list), and works on a full disk too.

        The full integrity check runs only when the file is not known to be as the program left it at a
        clean close (see storage.clean_close); the start-up backup runs beside the work, only when the content
        changed since the newest backup, and checks its copy.
        """
        clock = clock or datetime.datetime.now
        path = Path(path).expanduser().absolute()
        database.check_location(path, read_only=read_only)
        if read_only:
            return cls._open_for_reading(path, clock)
        # Look first, read-only: a file that is refused gets nothing beside it, not even the lock file; an
        # older file is backed up before anything (a backup only reads).
        upgrade_backup = None
        if path.exists():
            # A window or command of ours holding the file checked it when it opened it.
            trusted = clean_close.matches(path) or database.writer_active(path)
            state = database.inspect(path, verify=not trusted)
            if state.exists and state.version < SCHEMA_VERSION:
                upgrade_backup = cls._backup_before_upgrade(path, clock())
        holder = database.lock(path, wait=wait)
        try:
            # Again under the lock, cheaply: another window or command may have created or upgraded it meanwhile.
            state = database.inspect(path, verify=False)
            last_backup = clock()
            backup_now = False
            if not state.exists:
                try:
                    database.create_schema(path)
                except (SQLAlchemyError, sqlite3.Error, OSError) as e:
                    raise from_exception(e, path, "新建数据库") from None
            elif state.version < SCHEMA_VERSION:
                cls._upgrade(path, state.version, upgrade_backup or cls._backup_before_upgrade(path, clock()))
            else:
                backup_now = state.has_reports
            clean_close.forget(path)  # until this session closes cleanly
            engine = database.make_engine(path, read_only=False)
            repo = cls(path, engine, holder, read_only=False, clock=clock, warnings=[], last_backup=last_backup)
            if backup_now:
                repo._start_backup(last_backup, check=True)
            return repo
        except BaseException:
            holder.release()
            raise

    @classmethod
    def _open_for_reading(cls, path: Path, clock: Callable[[], datetime.datetime]) -> "Repository":
        # A window or command of ours holding the file checked it when it opened it.
        trusted = clean_close.matches(path) or database.writer_active(path)
        mode, holder = database.read_mode(path), None
        try:
            state = database.inspect(path, mode=mode, verify=not trusted)
        except StorageError as e:
            # On a full disk SQLite cannot make the shared-memory file even a reader of a WAL database needs.
            # When the log is empty and no window or command of ours is writing, the file alone is the whole
            # database: read it as immutable, holding the program's lock so that no writer starts meanwhile.
            if e.reason not in ("full", "io") or database.wal_pending(path):
                raise
            holder = database.try_lock(path)
            if holder is None:
                raise
            mode = "ro&immutable=1"
            try:
                state = database.inspect(path, mode=mode, verify=not trusted)
            except BaseException:
                holder.release()
                raise
        try:
            if not state.exists:
                raise StorageError(f"数据库文件 {path} 是空的，还没有任何报告", reason="missing")
            if state.version < SCHEMA_VERSION:
                raise StorageError(f"数据库文件 {path} 是旧版本程序的格式，请先在程序窗口中打开一次以完成升级",
                                   reason="older")
            engine = database.make_engine(path, read_only=True, mode=mode)
        except BaseException:
            if holder is not None:
                holder.release()
            raise
        return cls(path, engine, holder, read_only=True, clock=clock, warnings=[], last_backup=None)

    @staticmethod
    def _backup_before_upgrade(path: Path, now: datetime.datetime) -> Path:
        try:
            taken = _backup(path, now, force=True)
        except (sqlite3.Error, OSError, backups.DamagedSource) as e:
            error = _backup_error(e, path)
            raise StorageError(f"数据库需要升级，但升级前无法备份（{error.message}），为安全起见没有升级，文件未作改动",
                               reason=error.reason) from None
        assert taken is not None  # forced
        return taken

    @staticmethod
    def _upgrade(path: Path, version: int, taken: Path) -> None:
        try:
            db = database.connect_raw(path, "rw")
            try:
                migrations.upgrade(db, version)
            finally:
                db.close()
        except (sqlite3.Error, OSError) as e:
            error = from_exception(e, path, "升级数据库")
            raise StorageError(f"{error.message}；升级前的备份在 {taken}", reason=error.reason, backup=taken) from None
        log.info("upgraded %s from schema %d to %d; backup %s", path, version, SCHEMA_VERSION, taken)

    @property
    def warnings(self) -> list[str]:
        """Things the clerk should know that did not stop the work (e.g. a backup that failed), so far. It does
        not wait for a backup under way: `on_warning` hears of later ones."""
        with self._warnings_lock:
            return list(self._warnings)

    def on_warning(self, listener: Callable[[str], None]) -> None:
        """Call `listener(message)` for every warning: those so far at once, later ones as they come (possibly
        from the backup thread). None is missed or told twice."""
        with self._warnings_lock:
            self._warning_listeners.append(listener)
            so_far = list(self._warnings)
        for message in so_far:
            listener(message)

    def _warn(self, message: str) -> None:
        with self._warnings_lock:
            self._warnings.append(message)
            listeners = list(self._warning_listeners)
        for listener in listeners:
            try:
                listener(message)
            except Exception:  # a listener's failure must not end the backup thread's report
                log.exception("warning listener failed")

    def wait_for_backup(self) -> None:
        """Backups run beside the work (SQLite's backup API reads a snapshot; WAL lets writes go on)."""
        if self._backup_thread is not None:
            self._backup_thread.join()
            self._backup_thread = None

    def _start_backup(self, now: datetime.datetime, *, check: bool = False) -> None:
        """Back up in a thread when the content changed since the newest backup (the copy is checked);
        `check`: when no backup is needed, check the file itself instead, so that every start still checks
        the whole file, only without the window waiting for it."""
        self.wait_for_backup()

        def run() -> None:
            try:
                if _backup(self.path, now) is None and check:
                    self._check_file()
            except backups.DamagedSource:
                log.error("backup of %s failed its integrity check", self.path)
                self._damage_found = True
                clean_close.forget(self.path)  # the next open checks the file in full, and refuses it
                newest = backups.newest_backup(self.path)
                self._warn(f"后台检查发现数据库文件 {self.path} 已损坏（完整性检查未通过），没有为它做备份，以前的备份都保留着；"
                           + (f"请尽快关闭程序，改用最近的自动备份 {newest.name}" if newest else "请尽快关闭程序，复制一份文件后联系技术人员"))
            except (sqlite3.Error, OSError) as e:
                if self._closing:
                    return  # the check was cut short by closing: it runs again at the next start
                log.warning("automatic backup failed: %s", e)
                self._warn(from_exception(e, backups.folder_for(self.path), "自动备份").message)

        self._backup_thread = threading.Thread(target=run, name="database-backup", daemon=True)
        self._backup_thread.start()

    def _check_file(self) -> None:
        """SQLite's quick_check of the file as it is now, read-only; DamagedSource when it fails. Closing
        the repository interrupts it (nothing is written, so nothing is lost)."""
        db = database.connect_raw(self.path, "ro")
        try:
            with self._warnings_lock:
                if self._closing:
                    return
                self._checking = db
            if [r[0] for r in db.execute("PRAGMA quick_check")] != ["ok"]:
                raise backups.DamagedSource(str(self.path))
        finally:
            with self._warnings_lock:
                self._checking = None
            db.close()

    def close(self) -> None:
        with self._warnings_lock:
            self._closing = True
            if self._checking is not None:
                self._checking.interrupt()  # the window closes at once, not after the background check
        self.wait_for_backup()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            if not self.read_only and self._holder is not None and not self._damage_found:
                clean_close.record(self.path)  # last connection closed, lock still held
        if self._holder is not None:
            self._holder.release()
            self._holder = None

    def __enter__(self) -> "Repository":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def backups(self) -> list[Path]:
        """The automatic backups of this file, newest first."""
        self.wait_for_backup()
        return backups.list_backups(self.path)

    # ------------------------------------------------------------------------------------------ sessions

    @contextmanager
    def _reading(self, doing: str) -> Iterator[Session]:
        if self._engine is None:
            raise StorageError("数据库已关闭", reason="closed")
        try:
            with Session(self._engine) as session, session.begin():
                yield session
        except StorageError:
            raise
        except (SQLAlchemyError, sqlite3.Error, OSError) as e:
            raise from_exception(e, self.path, doing, backups.newest_backup(self.path)) from None

    @contextmanager
    def _writing(self, doing: str) -> Iterator[Session]:
        if self._engine is None:
            raise StorageError("数据库已关闭", reason="closed")
        if self.read_only:
            raise StorageError(f"{doing}失败：数据库是以只读方式打开的", reason="read_only")
        try:
            with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
                yield session
        except StorageError:
            raise
        except (SQLAlchemyError, sqlite3.Error, OSError) as e:
            raise from_exception(e, self.path, doing, backups.newest_backup(self.path)) from None
        self._daily_backup()

    def _daily_backup(self) -> None:
        now = self._clock()
        if self._last_backup is not None and now - self._last_backup < BACKUP_EVERY:
            return
        self._last_backup = now  # once a day even when it fails: no retry storm on a full disk
        self._start_backup(now)

    # ------------------------------------------------------------------------------------------ listing

    def agencies(self) -> list[AgencyInfo]:
        with self._reading("读取机关列表") as s:
            return [AgencyInfo(a.id, a.name) for a in s.scalars(select(Agency).order_by(Agency.name))]

    def reports(self, agency_id: int | None = None) -> list[ReportInfo]:
        """Live reports, by agency name then newest year first."""
        return self._report_infos(agency_id, deleted=False)

    def deleted_reports(self) -> list[ReportInfo]:
        return self._report_infos(None, deleted=True)

    def _report_infos(self, agency_id: int | None, *, deleted: bool) -> list[ReportInfo]:
        # Plain SQL, and the stored times parsed by datetime.fromisoformat: the ORM's row handling and its SQLite
        # DateTime parsing were most of the time of listing a large database.
        sql = ("SELECT r.id, a.name, r.year, r.format_id, r.status, r.created_at, r.updated_at, r.deleted_at "
               "FROM reports AS r JOIN agencies AS a ON r.agency_id = a.id "
               f"WHERE r.deleted_at IS {'NOT NULL' if deleted else 'NULL'}"
               + (" AND r.agency_id = ?" if agency_id is not None else "")
               + " ORDER BY a.name, r.year DESC, r.id")
        when = datetime.datetime.fromisoformat
        with self._reading("读取报告列表") as s:
            rows = s.connection().exec_driver_sql(sql, (agency_id,) if agency_id is not None else ()).all()
        return [ReportInfo(rid, agency, year, fmt, status, when(created), when(updated), deleted and when(deleted))
                for rid, agency, year, fmt, status, created, updated, deleted in rows]

    def latest_report(self) -> int | None:
        """The live report changed last (the one the window opens at start), without listing them all."""
        query = (select(ReportRow.id).where(ReportRow.deleted_at.is_(None))
                 .order_by(ReportRow.updated_at.desc(), ReportRow.id.desc()).limit(1))
        with self._reading("读取报告列表") as s:
            return s.scalars(query).first()

    def find_report(self, agency: str, year: int) -> int | None:
        with self._reading("查找报告") as s:
            row = _live(s, agency.strip(), year)
            return row.id if row else None

    def info(self, report_id: int) -> ReportInfo:
        with self._reading("读取报告") as s:
            row = _row(s, report_id)
            return _info(row, s.get(Agency, row.agency_id).name)

    # ------------------------------------------------------------------------------------------ reading

    def load(self, report_id: int) -> Report:
        """The report as entered: input cells only (totals come from report.calc), texts, 成文日期."""
        with self._reading("读取报告") as s:
            return _load(s, _row(s, report_id))

    def previous_year_report(self, report_id: int) -> Report | None:
        """Last year's report of the same agency, for comparison; None when there is none or its format is one
        this program does not know (this year's report still opens)."""
        with self._reading("读取上年报告") as s:
            row = _row(s, report_id)
            last = _live(s, s.get(Agency, row.agency_id).name, row.year - 1)
            if last is None or last.format_id not in FORMATS:
                return None
            return _load(s, last)

    # ------------------------------------------------------------------------------------------ creating

    def create_report(self, agency: str, year: int, format_id: str | None = None) -> int:
        """A new empty draft; the format follows the year unless given. The agency is added if new."""
        name, fmt = _agency_name(agency), _format(year, format_id)
        with self._writing("新建报告") as s:
            return self._create(s, name, year, fmt.id, "新建空白报告").id

    def start_from_previous(self, agency: str, year: int) -> int:
        """A new draft for `year` carrying last year's figures by the format's carry rules; texts start empty."""
        name = _agency_name(agency)
        fmt = _format(year, None)
        with self._writing("从上年结转") as s:
            last = _live(s, name, year - 1)
            if last is None:
                raise StorageError(f"数据库中没有「{name}」{year - 1} 年的报告，无法从上年结转；可以新建空白报告",
                                   reason="missing")
            cells, notes = carried_cells(_load(s, last), fmt)
            detail = "；".join([f"由 {year - 1} 年报告结转（{len(cells)} 个单元格）", *notes])
            row = self._create(s, name, year, fmt.id, detail)
            for cid, value in cells.items():
                s.add(CellRow(report_id=row.id, cell_id=cid, value=encode(fmt, cid, value)))
            return row.id

    def _agency(self, s: Session, name: str) -> Agency:
        """The agency of that name, added (with an id) when the database has none yet."""
        agency = s.scalars(select(Agency).where(Agency.name == name)).first()
        if agency is None:
            agency = Agency(name=name, created_at=self._clock())
            s.add(agency)
            s.flush()
        return agency

    def _create(self, s: Session, name: str, year: int, format_id: str, detail: str) -> ReportRow:
        agency = self._agency(s, name)
        if _live(s, name, year) is not None:
            raise StorageError(f"数据库中已有「{name}」{year} 年的报告，不能重复新建", reason="exists")
        now = self._clock()
        row = ReportRow(agency_id=agency.id, year=year, format_id=format_id, status=DRAFT, created_at=now,
                        updated_at=now)
        s.add(row)
        s.flush()
        s.add(Revision(report_id=row.id, at=now, kind="create", detail=detail))
        return row

    # ------------------------------------------------------------------------------------------ editing

    def set_cell(self, report_id: int, cell_id: str, value: Value) -> None:
        """Save one input cell; an unknown or computed cell, or a value its kind refuses, is a StorageError."""
        with self._writing("保存修改") as s:
            row = _editable(s, report_id)
            text = encode(_format_of(row), cell_id, value)
            self._change(s, row, "cell", cell_id, text)

    def set_text(self, report_id: int, section_id: str, text: str) -> None:
        """Save one prose section or the preamble. Invisible control characters (from pasted Word text) are
        removed."""
        with self._writing("保存正文") as s:
            row = _editable(s, report_id)
            fmt = _format_of(row)
            if section_id not in text_ids(fmt):
                raise StorageError(f"{fmt.name}中没有编号为「{section_id}」的正文部分", reason="bad_input")
            clean = _clean_text(text)
            if len(clean) > exchange.MAX_TEXT_CHARS:
                raise StorageError(f"正文过长：{len(clean)} 个字，最多 {exchange.MAX_TEXT_CHARS} 个", reason="bad_input")
            self._change(s, row, "text", section_id, clean or None, merge=True)

    def set_status(self, report_id: int, status: str) -> None:
        """草稿 or 定稿. A 定稿 report refuses edits until it is set back to 草稿."""
        if status not in STATUSES:
            raise StorageError(f"报告状态应为「{DRAFT}」或「{FINAL}」，现为「{status}」", reason="bad_input")
        with self._writing("修改报告状态") as s:
            self._change(s, _row(s, report_id, live=True), "status", None, status)

    def set_date(self, report_id: int, date: datetime.date | None) -> None:
        """The report's 成文日期 (None: not set)."""
        with self._writing("保存成文日期") as s:
            self._change(s, _editable(s, report_id), "date", None, date.isoformat() if date else None)

    def delete_report(self, report_id: int) -> None:
        """Mark the report deleted; it stays in the file and `restore_deleted` brings it back."""
        with self._writing("删除报告") as s:
            row = _row(s, report_id, live=True)
            self._change(s, row, "deleted", None, _stamp(self._clock()))

    def restore_deleted(self, report_id: int) -> None:
        with self._writing("恢复报告") as s:
            row = _row(s, report_id)
            if row.deleted_at is None:
                return
            self._change(s, row, "deleted", None, None)

    def _change(self, s: Session, row: ReportRow, kind: str, target: str | None, new: str | None, *,
                merge: bool = False) -> bool:
        """Set one piece of the report's state and log it; False when it already had that value.

        `merge`: a text save that follows a save of the same text within TEXT_MERGE_WINDOW, with nothing else
        logged in between, extends that revision instead of adding one (a burst of typing is one revision).
        """
        old = _current(s, row, kind, target)
        if old == new:
            return False
        _apply(s, row, kind, target, new)
        now = self._clock()
        row.updated_at = now
        last = s.scalars(select(Revision).where(Revision.report_id == row.id).order_by(Revision.id.desc())
                         .limit(1)).first() if merge else None
        if (last is not None and last.kind == "text" and last.target == target
                and now - last.at < TEXT_MERGE_WINDOW):
            # Typing in a text: the saves of one burst are one revision from the text before it to the latest.
            if last.old == new:
                s.delete(last)
            else:
                last.new, last.at = new, now
            return True
        s.add(Revision(report_id=row.id, at=now, kind=kind, target=target, old=old, new=new))
        return True

    # ------------------------------------------------------------------------------------------ ledger

    def applications(self, agency: str) -> list[Application]:
        """The agency's ledger of applications, by 收到日期 then 编号; empty for an agency not in the file."""
        name = _agency_name(agency)
        with self._reading("读取台账") as s:
            rows = s.scalars(select(ApplicationRow).join(Agency, ApplicationRow.agency_id == Agency.id)
                             .where(Agency.name == name)
                             .order_by(ApplicationRow.received, ApplicationRow.number)).all()
            return [from_row(r) for r in rows]

    def save_application(self, agency: str, app: Application, *, replacing: str | None = None) -> None:
        """Add an application to the agency's ledger, or change the one numbered `replacing`. A record with
        problems (report.ledger.problems) or a 编号 already taken is refused with its reason; nothing changes."""
        name = _agency_name(agency)
        why = ledger_problems(app)
        if why:
            raise StorageError("；".join(why), reason="bad_input")
        with self._writing("保存申请") as s:
            found = self._agency(s, name)
            rows = {r.number: r for r in s.scalars(select(ApplicationRow).where(ApplicationRow.agency_id == found.id))}
            if app.number != replacing and app.number in rows:
                raise StorageError(f"台账中已有编号为「{app.number}」的申请", reason="exists")
            old = rows.get(replacing) if replacing is not None else None
            if replacing is not None and old is None:
                raise StorageError(f"台账中没有编号为「{replacing}」的申请", reason="missing")
            if old is not None:
                old.number = app.number
            s.add(to_row(app, found.id, self._clock(), old))

    def delete_application(self, agency: str, number: str) -> None:
        name = _agency_name(agency)
        with self._writing("删除申请") as s:
            row = s.scalars(select(ApplicationRow).join(Agency, ApplicationRow.agency_id == Agency.id)
                            .where(Agency.name == name, ApplicationRow.number == number)).first()
            if row is None:
                raise StorageError(f"台账中没有编号为「{number}」的申请", reason="missing")
            s.delete(row)

    def import_ledger(self, agency: str, year: int, applications: list[Application], *,
                      source: str = "") -> tuple[int, Derived, int]:
        """Store `applications` in the agency's ledger (one with a 编号 already there replaces it) and write table
        三 of `year` derived from the whole ledger into that year's report, created if missing. One transaction:
        a failure changes nothing. Returns (report id, what was derived, how many records were replaced)."""
        name, fmt = _agency_name(agency), _format(year, None)
        with self._writing("导入台账") as s:
            found = self._agency(s, name)
            existing = {r.number: r for r in s.scalars(select(ApplicationRow)
                                                       .where(ApplicationRow.agency_id == found.id))}
            now, replaced = self._clock(), 0
            for app in applications:
                old = existing.get(app.number)
                replaced += old is not None
                existing[app.number] = to_row(app, found.id, now, old)
                s.add(existing[app.number])
            s.flush()
            derived = derive([from_row(r) for r in existing.values()], year)
            report = _live(s, name, year)
            if report is None:
                report = self._create(s, name, year, fmt.id, f"由台账生成表三{'（' + source + '）' if source else ''}")
            else:
                report = _editable(s, report.id)
            if _format_of(report).id != fmt.id:
                raise StorageError(f"「{name}」{year} 年的报告使用{_format_of(report).name}，不是该年度的格式，"
                                   f"无法由台账生成表三；数据库未作改动", reason="bad_input")
            for cid, value in derived.cells.items():
                self._change(s, report, "cell", cid, encode(fmt, cid, value))
            return report.id, derived, replaced

    # ------------------------------------------------------------------------------------------ revisions

    def revisions(self, report_id: int) -> list[RevisionInfo]:
        """The report's history, newest first."""
        with self._reading("读取修改记录") as s:
            row = _row(s, report_id)
            fmt = _format_of(row)
            revs = s.scalars(select(Revision).where(Revision.report_id == report_id).order_by(Revision.id.desc()))
            return [RevisionInfo(r.id, r.report_id, r.at, r.kind, r.target, r.old, r.new, r.detail,
                                 _describe(r, fmt)) for r in revs]

    def restore_revision(self, report_id: int, revision_id: int) -> None:
        """Bring the report back to its state just after `revision_id`. The restore is itself logged, so it
        can be undone in turn; nothing in the history is removed."""
        with self._writing("恢复到以前的状态") as s:
            row = _row(s, report_id)
            target = s.get(Revision, revision_id)
            if target is None or target.report_id != report_id:
                raise StorageError(f"该报告没有编号为 {revision_id} 的修改记录", reason="missing")
            later = s.scalars(select(Revision).where(Revision.report_id == report_id, Revision.id > revision_id)
                              .order_by(Revision.id)).all()
            earliest: dict[tuple[str, str | None], str | None] = {}
            for r in later:
                if r.kind in _STATE_KINDS:
                    earliest.setdefault((r.kind, r.target), r.old)
            if not earliest:
                return
            # Undelete last, after the content is back, so that a clash is reported before anything else.
            for (kind, key), value in sorted(earliest.items(), key=lambda kv: kv[0][0] == "deleted"):
                self._change(s, row, kind, key, value)
            try:
                s.flush()
            except IntegrityError:
                raise StorageError("无法恢复：数据库中已有同一机关同一年度的另一份报告，请先删除那一份", reason="exists") from None
            s.add(Revision(report_id=row.id, at=self._clock(), kind="restore", target=str(revision_id),
                           detail=f"恢复到 {target.at:%Y-%m-%d %H:%M:%S} 的状态"))

    # ------------------------------------------------------------------------------------------ exchange files

    def import_exchange(self, path, *, replace: bool = False, notes: list[str] | None = None) -> int:
        """Read an exchange file into the database. An existing agency + year is refused unless `replace`;
        a replaced report's earlier content stays in its revision log. Totals that disagree with their
        addends are recomputed, and said so in `notes` (and in the revision log, with the file's figures)."""
        try:
            incoming = exchange.read(path)
        except exchange.ExchangeError as e:
            error = StorageError(f"无法导入 {path}：{'；'.join(e.problems)}", reason="bad_input")
            raise error from None
        return self.import_report(incoming, replace=replace, source=Path(path).name, notes=notes)

    def import_report(self, incoming: Report, *, replace: bool = False, source: str = "",
                      notes: list[str] | None = None) -> int:
        fmt = incoming.format
        name = _agency_name(incoming.agency)
        _format(incoming.year, fmt.id)
        inputs = {cid: v for cid, v in incoming.cells.items() if cid not in fmt.computed}
        problems = []
        encoded: dict[str, str] = {}
        for cid, value in inputs.items():
            try:
                encoded[cid] = encode(fmt, cid, value)
            except StorageError as e:
                problems.append(e.message)
        if problems:
            raise StorageError(f"无法导入{f' {source}' if source else ''}：{'；'.join(problems[:10])}", reason="bad_input")
        sums = computed_values(fmt, inputs)
        recomputed = [
            f"{fmt.cells[cid].label}文件中为 {show(v)}，与各项之和 {show(sums[cid])} 不符，已按各项之和计算"
            for cid, v in incoming.cells.items() if cid in fmt.computed and v != sums[cid]
        ]
        if notes is not None:
            notes.extend(recomputed)
        texts = {sid: t for sid, t in ((sid, _clean_text(t)) for sid, t in incoming.texts.items()) if t}
        date = incoming.date.isoformat() if incoming.date else None
        detail = "；".join([f"导入自 {source or '交换文件'}", *recomputed])
        with self._writing("导入报告") as s:
            row = _live(s, name, incoming.year)
            if row is None:
                row = self._create(s, name, incoming.year, fmt.id, detail)
                s.add_all(CellRow(report_id=row.id, cell_id=cid, value=v) for cid, v in encoded.items())
                s.add_all(TextRow(report_id=row.id, section_id=sid, text=t) for sid, t in texts.items())
                row.date = incoming.date
                return row.id
            if not replace:
                raise StorageError(f"数据库中已有「{name}」{incoming.year} 年的报告；如要用文件内容替换它，"
                                   f"请选择“替换”（命令行加 --replace），原内容可从修改记录中恢复", reason="exists")
            row = _editable(s, row.id)  # a 定稿 report is not replaced behind the clerk's back either
            s.add(Revision(report_id=row.id, at=self._clock(), kind="import", detail=detail))
            self._change(s, row, "format", None, fmt.id)
            stored = {c.cell_id for c in s.scalars(select(CellRow).where(CellRow.report_id == row.id))}
            for cid in sorted(stored | set(encoded)):
                self._change(s, row, "cell", cid, encoded.get(cid))
            for text_id in text_ids(fmt):
                self._change(s, row, "text", text_id, texts.get(text_id))
            self._change(s, row, "date", None, date)
            return row.id

    def export_exchange(self, report_id: int, path) -> None:
        from export import exchange_file
        from export.files import OutputError

        report = self.load(report_id)
        try:
            exchange_file.write(report, path)
        except OutputError as e:
            raise StorageError(str(e), reason="output") from None


def recover_from_backup(path: str | Path, backup: str | Path) -> Path:
    """Put `backup` in place of the unusable database at `path`; returns where the old file was moved to.

    Refused while another window has the file open; the backup is checked before anything is moved.
    """
    path, backup = Path(path).absolute(), Path(backup).absolute()
    holder = database.lock(path)
    staged = backup.with_name(backup.name + ".restoring")
    try:
        if backups.is_delta(backup):  # an older state: rebuilt from the newest backup first
            try:
                backups.materialize(path, backup, staged)
            except (OSError, ValueError, page_delta.DamagedDelta) as e:
                raise StorageError(f"无法从备份 {backup.name} 恢复：这份较早的备份无法重建（{e}）；"
                                   f"请改用较新的备份", reason="corrupt") from None
            backup = staged
        state = database.inspect(backup)
        if not state.exists:
            raise StorageError(f"备份文件 {backup} 是空的，不能用来恢复", reason="corrupt")
        try:
            return backups.recover(path, backup)
        except OSError as e:
            raise from_exception(e, path, "从备份恢复") from None
    finally:
        try:
            staged.unlink()
        except OSError:
            pass
        holder.release()


# ---------------------------------------------------------------------------------------------- helpers

_STATE_KINDS = ("cell", "text", "status", "date", "format", "deleted")


def _backup(path: Path, now: datetime.datetime, *, force: bool = False) -> Path | None:
    source = database.connect_raw(path, "ro")
    try:
        return backups.take_backup(source, path, now, force=force)
    finally:
        source.close()


def _backup_error(e: BaseException, path: Path) -> StorageError:
    if isinstance(e, backups.DamagedSource):
        return StorageError(f"数据库文件 {path} 已损坏（完整性检查未通过）", reason="corrupt")
    return from_exception(e, backups.folder_for(path), "备份")


def _stamp(moment: datetime.datetime) -> str:
    return moment.isoformat(sep=" ", timespec="microseconds")


def _row(s: Session, report_id: int, *, live: bool = False) -> ReportRow:
    row = s.get(ReportRow, report_id)
    if row is None:
        raise StorageError(f"数据库中没有编号为 {report_id} 的报告", reason="missing")
    if live and row.deleted_at is not None:
        raise StorageError("该报告已被删除；如需修改，请先从“已删除的报告”中恢复", reason="deleted")
    return row


def _editable(s: Session, report_id: int) -> ReportRow:
    row = _row(s, report_id, live=True)
    if row.status == FINAL:
        raise StorageError(f"该报告已{FINAL}，不能修改；如需修改，请先把状态改回「{DRAFT}」", reason="final")
    return row


def _live(s: Session, agency: str, year: int) -> ReportRow | None:
    return s.scalars(
        select(ReportRow).join(Agency, ReportRow.agency_id == Agency.id)
        .where(Agency.name == agency, ReportRow.year == year, ReportRow.deleted_at.is_(None))
    ).first()


def _info(row: ReportRow, agency: str) -> ReportInfo:
    return ReportInfo(row.id, agency, row.year, row.format_id, row.status, row.created_at, row.updated_at,
                      row.deleted_at)


def _load(s: Session, row: ReportRow) -> Report:
    fmt = _format_of(row)
    cells: dict[str, Value] = {}
    for c in s.scalars(select(CellRow).where(CellRow.report_id == row.id)):
        cell = fmt.cells.get(c.cell_id)
        if cell is None or cell.computed:
            log.warning("report %d: stored cell %s is not an input cell of format %s", row.id, c.cell_id, fmt.id)
            continue
        cells[c.cell_id] = decode(cell.kind, c.value)
    texts = {t.section_id: t.text for t in s.scalars(select(TextRow).where(TextRow.report_id == row.id))}
    agency = s.get(Agency, row.agency_id).name
    return Report(agency=agency, year=row.year, format_id=row.format_id, texts=texts, cells=cells, date=row.date)


def _current(s: Session, row: ReportRow, kind: str, target: str | None) -> str | None:
    if kind == "cell":
        cell = s.get(CellRow, (row.id, target))
        return cell.value if cell else None
    if kind == "text":
        text = s.get(TextRow, (row.id, target))
        return text.text if text else None
    if kind == "status":
        return row.status
    if kind == "date":
        return row.date.isoformat() if row.date else None
    if kind == "format":
        return row.format_id
    if kind == "deleted":
        return _stamp(row.deleted_at) if row.deleted_at else None
    raise ValueError(kind)


def _apply(s: Session, row: ReportRow, kind: str, target: str | None, value: str | None) -> None:
    if kind in ("cell", "text"):
        model, key = (CellRow, "value") if kind == "cell" else (TextRow, "text")
        existing = s.get(model, (row.id, target))
        if value is None:
            if existing is not None:
                s.delete(existing)
        elif existing is not None:
            setattr(existing, key, value)
        elif kind == "cell":
            s.add(CellRow(report_id=row.id, cell_id=target, value=value))
        else:
            s.add(TextRow(report_id=row.id, section_id=target, text=value))
        s.flush()
    elif kind == "status":
        row.status = value or DRAFT
    elif kind == "date":
        row.date = datetime.date.fromisoformat(value) if value else None
    elif kind == "format":
        row.format_id = value or row.format_id
    elif kind == "deleted":
        if value is None:
            agency = s.get(Agency, row.agency_id).name
            clash = _live(s, agency, row.year)
            if clash is not None and clash.id != row.id:
                raise StorageError(f"无法恢复：数据库中已有「{agency}」{row.year} 年的另一份报告，请先删除那一份",
                                   reason="exists")
        row.deleted_at = datetime.datetime.fromisoformat(value) if value else None
    else:
        raise ValueError(kind)


def _agency_name(agency: str) -> str:
    name = agency.strip() if isinstance(agency, str) else agency
    why = agency_problem(name)
    if why:
        raise StorageError(why, reason="bad_input")
    return name


def _format_of(row: ReportRow):
    """The format a stored report is in; a format id this program does not know (written by a newer version,
    or by another tool) is a clear refusal for this report, not an internal error."""
    fmt = FORMATS.get(row.format_id)
    if fmt is None:
        raise StorageError(f"数据库中{row.year} 年的这份报告使用了本程序不认识的格式「{row.format_id}」"
                           f"（可能由更新版本的程序或其他工具写入），无法打开；请升级程序，数据库中的内容未作改动",
                           reason="unknown_format")
    return fmt


def _format(year: int, format_id: str | None):
    if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise StorageError(f"年度应为 {FIRST_YEAR}–{LAST_YEAR} 之间的整数，现为 {year}", reason="bad_input")
    if format_id is None:
        return format_for_year(year)
    if format_id not in FORMATS:
        raise StorageError(f"没有「{format_id}」这种报告格式；可选 {'、'.join(FORMATS)}", reason="bad_input")
    return FORMATS[format_id]


_LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})


def _clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))


_KIND_NAMES = {"status": "状态", "date": "成文日期", "format": "报告格式"}


def _describe(r: Revision, fmt) -> str:
    """A history line: what changed, from what to what."""
    def brief(value: str | None) -> str:
        if value is None:
            return "（空）"
        return value if len(value) <= 20 else value[:19] + "…"

    if r.kind == "cell":
        cell = fmt.cells.get(r.target or "")
        where = cell.label if cell else r.target
        return f"{where}：{brief(r.old)} → {brief(r.new)}"
    if r.kind == "text":
        title = text_title(fmt, r.target or "")
        return f"修改正文「{title}」（{len(r.old or '')} 字 → {len(r.new or '')} 字）"
    if r.kind in _KIND_NAMES:
        return f"{_KIND_NAMES[r.kind]}：{brief(r.old)} → {brief(r.new)}"
    if r.kind == "deleted":
        return "删除报告" if r.new else "恢复已删除的报告"
    if r.kind == "create":
        return f"创建报告：{r.detail or ''}"
    if r.kind == "import":
        return f"用交换文件替换内容：{r.detail or ''}"
    if r.kind == "restore":
        return r.detail or "恢复到以前的状态"
    return r.kind
