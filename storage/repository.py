"""The repository: every read and write of the database that the window and the command line make.

Each edit is one short transaction that also appends to the revision log (storage.revisions), so the clerk never
presses "save" and any earlier state of a report can be brought back. Reports are never removed from the file:
deleting one marks it deleted. Every failure is a StorageError with one Chinese sentence, and nothing saved is
changed. Opening, upgrading, backups and transactions are storage.open_file's; reading rows is storage.queries'.
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from report import exchange
from report.calc import wrong_totals
from report.carry import carried_cells
from report.formats import FORMATS
from report.ledger import Application, Derived, derive, derived_cells
from report.ledger import problems as ledger_problems
from report.model import Report, text_ids
from report.values import Value, show

from . import ledger_versions, queries, revisions, watch_mark
from .cell_text import encode
from .errors import StorageError
from .ledger_rows import from_row, to_row
from .ledger_versions import Version
from .open_file import OpenFile, recover_from_backup
from .plain_read import AgencyInfo, ReportInfo
from .revisions import RevisionInfo
from .rights import EVERYTHING, READING, Rights
from .schema import DRAFT, FINAL, STATUSES, Agency, ApplicationRow, CellRow, ReportRow, TextRow
from .watch_mark import Mark

__all__ = ["StorageError", "Repository", "AgencyInfo", "ReportInfo", "RevisionInfo", "recover_from_backup"]


class Repository(OpenFile):
    """An open database file. Use `Repository.open(path)`; close it (or use `with`) when done."""

    # ------------------------------------------------------------------------------------------ listing

    def rights(self) -> Rights:
        """What this opening may do with reports (storage.rights): a file opened for writing, everything."""
        return READING if self.read_only else EVERYTHING

    def agencies(self) -> list[AgencyInfo]:
        with self._reading("读取机关列表") as s:
            return [AgencyInfo(a.id, a.name) for a in s.scalars(select(Agency).order_by(Agency.name))]

    def reports(self, agency_id: int | None = None) -> list[ReportInfo]:
        """Live reports, by agency name then newest year first."""
        with self._reading("读取报告列表") as s:
            return queries.report_infos(s, agency_id, deleted=False)

    def deleted_reports(self) -> list[ReportInfo]:
        with self._reading("读取报告列表") as s:
            return queries.report_infos(s, None, deleted=True)

    def latest_report(self) -> int | None:
        """The live report changed last (the one the window opens at start), without listing them all."""
        with self._reading("读取报告列表") as s:
            return queries.latest(s)

    def find_report(self, agency: str, year: int) -> int | None:
        with self._reading("查找报告") as s:
            row = queries.live(s, agency.strip(), year)
            return row.id if row else None

    def info(self, report_id: int) -> ReportInfo:
        with self._reading("读取报告") as s:
            return queries.info(s, queries.row(s, report_id))

    def mark(self, report_id: int) -> Mark:
        """Compare with the mark read before: a part differs when the report, the agency's ledger or last year's
        report changed since (someone else's edit on a shared database). Polled by a window that watches a
        report it may not edit; one statement."""
        with self._reading("读取报告") as s:
            return watch_mark.read(s, report_id)

    # ------------------------------------------------------------------------------------------ reading

    def load(self, report_id: int) -> Report:
        """The report as entered: input cells only (totals come from report.calc), texts, 成文日期."""
        with self._reading("读取报告") as s:
            return queries.load(s, queries.row(s, report_id))

    def load_many(self, report_ids: list[int]) -> list[Report]:
        """Several reports as `load` gives each, in one transaction and a few statements for all of them (汇总 of
        a year); StorageError when any of them cannot be read."""
        with self._reading("读取报告") as s:
            return queries.load_many(s, report_ids)

    def previous_year_report(self, report_id: int) -> Report | None:
        """Last year's report of the same agency, for comparison; None when there is none or its format is one
        this program does not know (this year's report still opens)."""
        with self._reading("读取上年报告") as s:
            row = queries.row(s, report_id)
            last = queries.live(s, queries.agency_of(s, row), row.year - 1)
            if last is None or last.format_id not in FORMATS:
                return None
            return queries.load(s, last)

    # ------------------------------------------------------------------------------------------ creating

    def create_report(self, agency: str, year: int, format_id: str | None = None) -> int:
        """A new empty draft; the format follows the year unless given. The agency is added if new."""
        name, fmt = queries.agency_name(agency), queries.year_format(year, format_id)
        with self._writing("新建报告") as s:
            return self._create(s, name, year, fmt.id, "新建空白报告").id

    def start_from_previous(self, agency: str, year: int) -> int:
        """A new draft for `year` carrying last year's figures by the format's carry rules; texts start empty."""
        name = queries.agency_name(agency)
        fmt = queries.year_format(year, None)
        with self._writing("从上年结转") as s:
            last = queries.live(s, name, year - 1)
            if last is None:
                raise StorageError(f"数据库中没有「{name}」{year - 1} 年的报告，无法从上年结转；可以新建空白报告",
                                   reason="missing")
            cells, notes = carried_cells(queries.load(s, last), fmt)
            detail = "；".join([f"由 {year - 1} 年报告结转（{len(cells)} 个单元格）", *notes])
            row = self._create(s, name, year, fmt.id, detail)
            for cid, value in cells.items():
                s.add(CellRow(report_id=row.id, cell_id=cid, value=encode(fmt, cid, value)))
            return row.id

    def _create(self, s: Session, name: str, year: int, format_id: str, detail: str) -> ReportRow:
        agency = queries.find_or_add_agency(s, name, self._clock)
        if queries.live(s, name, year) is not None:
            raise StorageError(f"数据库中已有「{name}」{year} 年的报告，不能重复新建", reason="exists")
        now = self._clock()
        row = ReportRow(agency_id=agency.id, year=year, format_id=format_id, status=DRAFT, created_at=now,
                        updated_at=now)
        s.add(row)
        s.flush()
        revisions.log_event(s, row, "create", now, detail=detail)
        return row

    # ------------------------------------------------------------------------------------------ editing

    def set_cell(self, report_id: int, cell_id: str, value: Value) -> None:
        """Save one input cell; an unknown or computed cell, or a value its kind refuses, is a StorageError."""
        with self._writing("保存修改") as s:
            row = queries.editable(s, report_id)
            fmt = queries.format_of(row)
            if row.ledger and cell_id in derived_cells(fmt, self._records_appeals(s, row.agency_id)):
                raise StorageError(f"「{fmt.cells[cell_id].label}」由台账生成，不能直接修改；如需手工填写，"
                                   f"请先在「台账」页改为手工填写", reason="bad_input")
            text = encode(fmt, cell_id, value)
            # The window saves a cell at every key typed (gui/cell_delegate.py): one revision for the figure.
            self._change(s, row, "cell", cell_id, text, merge=True)

    def set_text(self, report_id: int, section_id: str, text: str) -> None:
        """Save one prose section or the preamble. Invisible control characters (from pasted Word text) are
        removed."""
        with self._writing("保存正文") as s:
            row = queries.editable(s, report_id)
            fmt = queries.format_of(row)
            if section_id not in text_ids(fmt):
                raise StorageError(f"{fmt.name}中没有编号为「{section_id}」的正文部分", reason="bad_input")
            clean = queries.clean_text(text)
            if len(clean) > exchange.MAX_TEXT_CHARS:
                raise StorageError(f"正文过长：{len(clean)} 个字，最多 {exchange.MAX_TEXT_CHARS} 个", reason="bad_input")
            self._change(s, row, "text", section_id, clean or None, merge=True)

    def set_status(self, report_id: int, status: str) -> None:
        """草稿 or 定稿. A 定稿 report refuses edits until it is set back to 草稿."""
        if status not in STATUSES:
            raise StorageError(f"报告状态应为「{DRAFT}」或「{FINAL}」，现为「{status}」", reason="bad_input")
        with self._writing("修改报告状态") as s:
            self._change(s, queries.row(s, report_id, live=True), "status", None, status)

    def set_date(self, report_id: int, date: datetime.date | None) -> None:
        """The report's 成文日期 (None: not set)."""
        with self._writing("保存成文日期") as s:
            self._change(s, queries.editable(s, report_id), "date", None, date.isoformat() if date else None)

    def delete_report(self, report_id: int) -> None:
        """Mark the report deleted; it stays in the file and `restore_deleted` brings it back."""
        with self._writing("删除报告") as s:
            row = queries.row(s, report_id, live=True)
            self._change(s, row, "deleted", None, revisions.stamp(self._clock()))

    def restore_deleted(self, report_id: int) -> None:
        with self._writing("恢复报告") as s:
            row = queries.row(s, report_id)
            if row.deleted_at is None:
                return
            self._change(s, row, "deleted", None, None)

    def _change(self, s: Session, row: ReportRow, kind: str, target: str | None, new: str | None, *,
                merge: bool = False) -> bool:
        return revisions.change(s, row, kind, target, new, self._clock, merge=merge)

    # ------------------------------------------------------------------------------------------ revisions

    def revisions(self, report_id: int) -> list[RevisionInfo]:
        """The report's history, newest first."""
        with self._reading("读取修改记录") as s:
            return revisions.history(s, queries.row(s, report_id))

    def restore_revision(self, report_id: int, revision_id: int) -> None:
        """Bring the report back to its state just after `revision_id`. The restore is itself logged, so it
        can be undone in turn; nothing in the history is removed."""
        with self._writing("恢复到以前的状态") as s:
            revisions.restore(s, queries.row(s, report_id), revision_id, self._clock)

    # ------------------------------------------------------------------------------------------ ledger

    def applications(self, agency: str) -> list[Application]:
        """The agency's ledger of applications, by 收到日期 then 编号; empty for an agency not in the file."""
        name = queries.agency_name(agency)
        with self._reading("读取台账") as s:
            rows = s.scalars(select(ApplicationRow).join(Agency, ApplicationRow.agency_id == Agency.id)
                             .where(Agency.name == name)
                             .order_by(ApplicationRow.received, ApplicationRow.number)).all()
            return [from_row(r) for r in rows]

    def application(self, agency: str, number: str | None = None, *,
                    row_id: int | None = None) -> tuple[Application, Version] | None:
        """One application of the agency's ledger as saved now, by 编号 or by row, with the version a change of
        it states (ledger_versions); None when there is none."""
        name = queries.agency_name(agency)
        with self._reading("读取申请") as s:
            query = select(ApplicationRow).join(Agency, ApplicationRow.agency_id == Agency.id).where(Agency.name == name)
            query = query.where(ApplicationRow.id == row_id) if row_id is not None else \
                query.where(ApplicationRow.number == number)
            row = s.scalars(query).first()
            return None if row is None else (from_row(row), Version(row.id, row.updated_at))

    def save_application(self, agency: str, app: Application, *, replacing: str | None = None,
                         based_on: Version | None = None) -> None:
        """Add an application to the agency's ledger, or change the one numbered `replacing`. A record with
        problems (report.ledger.problems) or a 编号 already taken is refused with its reason; nothing changes.
        With `based_on` (the version the clerk opened), the change is refused when the application was saved by
        someone else meanwhile (reason "changed") or deleted (reason "gone"): see ledger_versions."""
        name = queries.agency_name(agency)
        why = ledger_problems(app)
        if why:
            raise StorageError("；".join(why), reason="bad_input")
        with self._writing("保存申请") as s:
            found = queries.find_or_add_agency(s, name, self._clock)
            of_agency = select(ApplicationRow.id).where(ApplicationRow.agency_id == found.id)
            taken = s.scalar(of_agency.where(ApplicationRow.number == app.number))
            if taken is not None and (replacing is None or app.number != replacing) and \
                    (based_on is None or taken != based_on.row_id):
                raise StorageError(f"台账中已有编号为「{app.number}」的申请", reason="exists")
            stamp = watch_mark.next_stamp(s, found.id, self._clock())
            if based_on is not None and replacing is not None:
                ledger_versions.update_row(s, found.id, app, based_on, stamp, replacing)
            else:
                old = None if replacing is None else s.scalars(
                    select(ApplicationRow).where(ApplicationRow.agency_id == found.id,
                                                 ApplicationRow.number == replacing)).first()
                if replacing is not None and old is None:
                    raise StorageError(f"台账中没有编号为「{replacing}」的申请", reason="missing")
                if old is not None:
                    old.number = app.number
                s.add(to_row(app, found.id, stamp, old))
            self._follow_ledger(s, found.id)

    def delete_application(self, agency: str, number: str, *, based_on: Version | None = None) -> None:
        """Take an application out of the ledger; with `based_on`, only if no one saved it meanwhile."""
        name = queries.agency_name(agency)
        with self._writing("删除申请") as s:
            row = s.scalars(select(ApplicationRow).join(Agency, ApplicationRow.agency_id == Agency.id)
                            .where(Agency.name == name, ApplicationRow.number == number)).first()
            if based_on is not None:
                agency_id = row.agency_id if row is not None else s.scalar(select(Agency.id).where(Agency.name == name))
                if agency_id is None:
                    raise StorageError(f"台账中没有编号为「{number}」的申请", reason="gone")
                ledger_versions.delete_row(s, agency_id, based_on, number)
                self._follow_ledger(s, agency_id)
                return
            if row is None:
                raise StorageError(f"台账中没有编号为「{number}」的申请", reason="missing")
            s.delete(row)
            self._follow_ledger(s, row.agency_id)

    def import_ledger(self, agency: str, year: int, applications: list[Application], *,
                      source: str = "") -> tuple[int, Derived, int]:
        """Store `applications` in the agency's ledger (one with a 编号 already there replaces it) and write table
        三 of `year` derived from the whole ledger into that year's report, created if missing. One transaction:
        a failure changes nothing. Returns (report id, what was derived, how many records were replaced)."""
        name, fmt = queries.agency_name(agency), queries.year_format(year, None)
        with self._writing("导入台账") as s:
            found = queries.find_or_add_agency(s, name, self._clock)
            existing = {r.number: r for r in s.scalars(select(ApplicationRow)
                                                       .where(ApplicationRow.agency_id == found.id))}
            now, replaced = watch_mark.next_stamp(s, found.id, self._clock()), 0
            for app in applications:
                old = existing.get(app.number)
                replaced += old is not None
                if old is not None and old.applicant and not app.applicant.strip():
                    # A ledger exported without names and read back: an empty 申请人 keeps the stored one.
                    app = dataclasses.replace(app, applicant=old.applicant)
                existing[app.number] = to_row(app, found.id, now, old)
                s.add(existing[app.number])
            s.flush()
            derived = derive([from_row(r) for r in existing.values()], year)
            report = queries.live(s, name, year)
            if report is None:
                report = self._create(s, name, year, fmt.id, f"由台账生成表三{'（' + source + '）' if source else ''}")
            else:
                report = queries.editable(s, report.id)
            if queries.format_of(report).id != fmt.id:
                raise StorageError(f"「{name}」{year} 年的报告使用{queries.format_of(report).name}，不是该年度的格式，"
                                   f"无法由台账生成表三；数据库未作改动", reason="bad_input")
            self._change(s, report, "ledger", None, "1")
            self._write_derived(s, report, derived)
            return report.id, derived, replaced

    def from_ledger(self, report_id: int) -> bool:
        """Whether the report is 由台账生成: its table 三 follows the ledger and is not typed."""
        with self._reading("读取报告") as s:
            return queries.row(s, report_id).ledger

    def detach_from_ledger(self, report_id: int) -> None:
        """Table 三 back to hand entry: the figures stay as they are, now editable (logged; a restore undoes it)."""
        with self._writing("改为手工填写") as s:
            self._change(s, queries.editable(s, report_id), "ledger", None, None)

    def _follow_ledger(self, s: Session, agency_id: int) -> None:
        """After a change to the agency's ledger: each of its draft reports 由台账生成 derived anew, in the same
        transaction. A 定稿 report keeps its figures; so does one whose format is not its year's (import_ledger
        refuses to derive it)."""
        s.flush()
        reports = s.scalars(select(ReportRow).where(ReportRow.agency_id == agency_id, ReportRow.ledger.is_(True),
                                                    ReportRow.deleted_at.is_(None),
                                                    ReportRow.status != FINAL)).all()
        if not reports:
            return
        apps = [from_row(r) for r in s.scalars(select(ApplicationRow).where(ApplicationRow.agency_id == agency_id))]
        for report in reports:
            if queries.format_of(report).id == queries.year_format(report.year, None).id:
                self._write_derived(s, report, derive(apps, report.year))

    def _write_derived(self, s: Session, report: ReportRow, derived: Derived) -> None:
        fmt = queries.format_of(report)
        for cid, value in (derived.cells | derived.appeals).items():
            self._change(s, report, "cell", cid, encode(fmt, cid, value))

    @staticmethod
    def _records_appeals(s: Session, agency_id: int) -> bool:
        """report.ledger.records_appeals without reading the ledger: whether any record notes a review or suit."""
        noted = (ApplicationRow.review != "") | (ApplicationRow.suit != "")
        return s.scalars(select(ApplicationRow.id).where(ApplicationRow.agency_id == agency_id, noted)
                         .limit(1)).first() is not None


    # ------------------------------------------------------------------------------------------ exchange files

    def import_exchange(self, path: str | Path, *, replace: bool = False, notes: list[str] | None = None) -> int:
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
        name = queries.agency_name(incoming.agency)
        queries.year_format(incoming.year, fmt.id)
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
        recomputed = [f"{fmt.cells[cid].label}文件中为 {show(given)}，与各项之和 {show(true)} 不符，已按各项之和计算"
                      for cid, (given, true) in wrong_totals(incoming).items()]
        if notes is not None:
            notes.extend(recomputed)
        texts = {sid: t for sid, t in ((sid, queries.clean_text(t)) for sid, t in incoming.texts.items()) if t}
        date = incoming.date.isoformat() if incoming.date else None
        detail = "；".join([f"导入自 {source or '交换文件'}", *recomputed])
        with self._writing("导入报告") as s:
            row = queries.live(s, name, incoming.year)
            if row is None:
                row = self._create(s, name, incoming.year, fmt.id, detail)
                s.add_all(CellRow(report_id=row.id, cell_id=cid, value=v) for cid, v in encoded.items())
                s.add_all(TextRow(report_id=row.id, section_id=sid, text=t) for sid, t in texts.items())
                row.date = incoming.date
                return row.id
            if not replace:
                raise StorageError(f"数据库中已有「{name}」{incoming.year} 年的报告；如要用文件内容替换它，"
                                   f"请选择“替换”（命令行加 --replace），原内容可从修改记录中恢复", reason="exists")
            row = queries.editable(s, row.id)  # a 定稿 report is not replaced behind the clerk's back either
            revisions.log_event(s, row, "import", self._clock(), detail=detail)
            self._change(s, row, "format", None, fmt.id)
            stored = {c.cell_id for c in s.scalars(select(CellRow).where(CellRow.report_id == row.id))}
            for cid in sorted(stored | set(encoded)):
                self._change(s, row, "cell", cid, encoded.get(cid))
            for text_id in text_ids(fmt):
                self._change(s, row, "text", text_id, texts.get(text_id))
            self._change(s, row, "date", None, date)
            return row.id
