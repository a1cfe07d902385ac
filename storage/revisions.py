"""The revision log: every change to a report's state is a Revision row, so any earlier state can be brought back.

A report's state is a few kinds of pieces (its cells, its texts, its status …). Each kind is one entry of
`STATE`: how to read a piece as stored text, how to write it, and how to describe a change of it in the
history list. Events that are not a change of one piece (a report created, replaced by an import, restored)
are logged too and described by `EVENTS`. Everything here runs inside the caller's transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from report.definition import Format
from report.model import text_title

from . import queries
from .errors import StorageError
from .schema import DRAFT, CellRow, ReportRow, Revision, TextRow

TEXT_MERGE_WINDOW = datetime.timedelta(seconds=30)  # saves of a text (or a cell) this close together are one revision

Clock = Callable[[], datetime.datetime]


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


@dataclass(frozen=True)
class StateKind:
    """One kind of piece of a report's state. `target` names the piece within the report (a cell or section id;
    None for the report's own fields); values are stored text, None for "not set"."""

    read: Callable[[Session, ReportRow, str | None], str | None]
    write: Callable[[Session, ReportRow, str | None, str | None], None]
    describe: Callable[[Revision, Format], str]
    restored_last: bool = False  # when bringing back an earlier state


def brief(value: str | None) -> str:
    """A stored value short enough for one line of the history."""
    if value is None:
        return "（空）"
    return value if len(value) <= 20 else value[:19] + "…"


def stamp(moment: datetime.datetime) -> str:
    return moment.isoformat(sep=" ", timespec="microseconds")


# ---------------------------------------------------------------------------------------------- cells


def _read_cell(s: Session, row: ReportRow, target: str | None) -> str | None:
    cell = s.get(CellRow, (row.id, target))
    return cell.value if cell else None


def _write_cell(s: Session, row: ReportRow, target: str | None, value: str | None) -> None:
    existing = s.get(CellRow, (row.id, target))
    if value is None:
        if existing is not None:
            s.delete(existing)
    elif existing is not None:
        existing.value = value
    else:
        s.add(CellRow(report_id=row.id, cell_id=target, value=value))
    s.flush()


def _describe_cell(r: Revision, fmt: Format) -> str:
    cell = fmt.cells.get(r.target or "")
    return f"{cell.label if cell else r.target}：{brief(r.old)} → {brief(r.new)}"


# ---------------------------------------------------------------------------------------------- texts


def _read_text(s: Session, row: ReportRow, target: str | None) -> str | None:
    text = s.get(TextRow, (row.id, target))
    return text.text if text else None


def _write_text(s: Session, row: ReportRow, target: str | None, value: str | None) -> None:
    existing = s.get(TextRow, (row.id, target))
    if value is None:
        if existing is not None:
            s.delete(existing)
    elif existing is not None:
        existing.text = value
    else:
        s.add(TextRow(report_id=row.id, section_id=target, text=value))
    s.flush()


def _describe_text(r: Revision, fmt: Format) -> str:
    return f"修改正文「{text_title(fmt, r.target or '')}」（{len(r.old or '')} 字 → {len(r.new or '')} 字）"


# ---------------------------------------------------------------------------------------------- the report's own fields


def _field_change(name: str) -> Callable[[Revision, Format], str]:
    return lambda r, _fmt: f"{name}：{brief(r.old)} → {brief(r.new)}"


def _read_status(_s: Session, row: ReportRow, _target: str | None) -> str | None:
    return row.status


def _write_status(_s: Session, row: ReportRow, _target: str | None, value: str | None) -> None:
    row.status = value or DRAFT


def _read_date(_s: Session, row: ReportRow, _target: str | None) -> str | None:
    return row.date.isoformat() if row.date else None


def _write_date(_s: Session, row: ReportRow, _target: str | None, value: str | None) -> None:
    row.date = datetime.date.fromisoformat(value) if value else None


def _read_format(_s: Session, row: ReportRow, _target: str | None) -> str | None:
    return row.format_id


def _write_format(_s: Session, row: ReportRow, _target: str | None, value: str | None) -> None:
    row.format_id = value or row.format_id


def _read_ledger(_s: Session, row: ReportRow, _target: str | None) -> str | None:
    return "1" if row.ledger else None


def _write_ledger(_s: Session, row: ReportRow, _target: str | None, value: str | None) -> None:
    row.ledger = value is not None


def _describe_ledger(r: Revision, _fmt: Format) -> str:
    return "表三改为由台账生成" if r.new else "表三改为手工填写（数字保持不变）"


def _read_deleted(_s: Session, row: ReportRow, _target: str | None) -> str | None:
    return stamp(row.deleted_at) if row.deleted_at else None


def _write_deleted(s: Session, row: ReportRow, _target: str | None, value: str | None) -> None:
    if value is None:
        agency = queries.agency_of(s, row)
        clash = queries.live(s, agency, row.year)
        if clash is not None and clash.id != row.id:
            raise StorageError(f"无法恢复：数据库中已有「{agency}」{row.year} 年的另一份报告，请先删除那一份",
                               reason="exists")
    row.deleted_at = datetime.datetime.fromisoformat(value) if value else None


def _describe_deleted(r: Revision, _fmt: Format) -> str:
    return "删除报告" if r.new else "恢复已删除的报告"


# Revision.kind -> the kind of piece it changed.
STATE: dict[str, StateKind] = {
    "cell": StateKind(_read_cell, _write_cell, _describe_cell),
    "text": StateKind(_read_text, _write_text, _describe_text),
    "status": StateKind(_read_status, _write_status, _field_change("状态")),
    "date": StateKind(_read_date, _write_date, _field_change("成文日期")),
    "format": StateKind(_read_format, _write_format, _field_change("报告格式")),
    "ledger": StateKind(_read_ledger, _write_ledger, _describe_ledger),
    # Undeleting comes after the content is back, so that a clash is reported before anything else.
    "deleted": StateKind(_read_deleted, _write_deleted, _describe_deleted, restored_last=True),
}

# Revision.kind -> the history line of an event that changed no single piece (its detail says what happened).
EVENTS: dict[str, Callable[[Revision], str]] = {
    "create": lambda r: f"创建报告：{r.detail or ''}",
    "import": lambda r: f"用交换文件替换内容：{r.detail or ''}",
    "restore": lambda r: r.detail or "恢复到以前的状态",
}


def describe(r: Revision, fmt: Format) -> str:
    """A history line: what changed, from what to what."""
    if r.kind in STATE:
        return STATE[r.kind].describe(r, fmt)
    if r.kind in EVENTS:
        return EVENTS[r.kind](r)
    return r.kind


# ---------------------------------------------------------------------------------------------- the log


def log_event(s: Session, row: ReportRow, kind: str, at: datetime.datetime, *, detail: str | None = None,
              target: str | None = None) -> None:
    """Log an event of `EVENTS`."""
    assert kind in EVENTS, kind
    s.add(Revision(report_id=row.id, at=at, kind=kind, target=target, detail=detail))


def change(s: Session, row: ReportRow, kind: str, target: str | None, new: str | None, clock: Clock, *,
           merge: bool = False) -> bool:
    """Set one piece of the report's state and log it; False when it already had that value.

    `merge`: a save that follows a save of the same text (or cell) within TEXT_MERGE_WINDOW, with nothing else
    logged in between, extends that revision instead of adding one (a burst of typing is one revision).
    """
    piece = STATE[kind]
    old = piece.read(s, row, target)
    if old == new:
        return False
    piece.write(s, row, target, new)
    now = clock()
    row.updated_at = now
    last = s.scalars(select(Revision).where(Revision.report_id == row.id).order_by(Revision.id.desc())
                     .limit(1)).first() if merge else None
    if (last is not None and last.kind == kind and last.target == target
            and now - last.at < TEXT_MERGE_WINDOW):
        # Typing in a text or a cell: the saves of one burst are one revision from the value before it to the latest.
        if last.old == new:
            s.delete(last)
        else:
            last.new, last.at = new, now
        return True
    s.add(Revision(report_id=row.id, at=now, kind=kind, target=target, old=old, new=new))
    return True


def history(s: Session, row: ReportRow) -> list[RevisionInfo]:
    """The report's history, newest first."""
    fmt = queries.format_of(row)
    revs = s.scalars(select(Revision).where(Revision.report_id == row.id).order_by(Revision.id.desc()))
    return [RevisionInfo(r.id, r.report_id, r.at, r.kind, r.target, r.old, r.new, r.detail, describe(r, fmt))
            for r in revs]


def restore(s: Session, row: ReportRow, revision_id: int, clock: Clock) -> None:
    """Bring the report back to its state just after `revision_id`, logged as one more change."""
    target = s.get(Revision, revision_id)
    if target is None or target.report_id != row.id:
        raise StorageError(f"该报告没有编号为 {revision_id} 的修改记录", reason="missing")
    later = s.scalars(select(Revision).where(Revision.report_id == row.id, Revision.id > revision_id)
                      .order_by(Revision.id)).all()
    earliest: dict[tuple[str, str | None], str | None] = {}
    for r in later:
        if r.kind in STATE:
            earliest.setdefault((r.kind, r.target), r.old)
    if not earliest:
        return
    for (kind, key), value in sorted(earliest.items(), key=lambda kv: STATE[kv[0][0]].restored_last):
        change(s, row, kind, key, value, clock)
    try:
        s.flush()
    except IntegrityError:
        raise StorageError("无法恢复：数据库中已有同一机关同一年度的另一份报告，请先删除那一份", reason="exists") from None
    log_event(s, row, "restore", clock(), target=str(revision_id),
              detail=f"恢复到 {target.at:%Y-%m-%d %H:%M:%S} 的状态")
