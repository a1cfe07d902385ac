"""Optimistic concurrency for the ledger's applications: the 台账 belongs to an agency, not to a report, so the
report's edit lease does not cover it, and two clerks (or two windows) may change one application at once.

A change states the version it was based on (the row's id and stamp, read when the clerk opened it); the write is
one statement that matches that version only (UPDATE/DELETE … WHERE id = :id AND updated_at = :seen), so nothing a
colleague saved in between is overwritten. When no row matched, a second read tells why: the application went
(reason "gone") or someone saved it meanwhile (reason "changed"). Every ledger write stamps its rows later than
every stamp before it (watch_mark.next_stamp), so a stamp names one version.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Executable, Table, delete, select, update
from sqlalchemy.orm import Session

from report.ledger import Application

from .errors import StorageError
from .ledger_rows import columns
from .schema import ApplicationRow

_TABLE = cast(Table, ApplicationRow.__table__)


@dataclass(frozen=True)
class Version:
    """One saved state of an application: its row and the stamp of its last write."""

    row_id: int
    stamp: datetime.datetime


def when(stamp: datetime.datetime) -> str:
    return f"{stamp:%Y-%m-%d %H:%M:%S}"


def update_row(s: Session, agency_id: int, app: Application, based_on: Version, stamp: datetime.datetime,
               number: str) -> None:
    """The application `number` changed to `app`, only if it is still as `based_on`."""
    done = _run(s, update(_TABLE).where(*_matching(agency_id, based_on))
                .values(number=app.number, updated_at=stamp, **columns(app)))
    if done.rowcount != 1:
        _refuse(s, based_on, number, "保存")


def delete_row(s: Session, agency_id: int, based_on: Version, number: str) -> None:
    done = _run(s, delete(_TABLE).where(*_matching(agency_id, based_on)))
    if done.rowcount != 1:
        _refuse(s, based_on, number, "删除")


def _matching(agency_id: int, based_on: Version) -> tuple[ColumnElement[bool], ...]:
    return (_TABLE.c.id == based_on.row_id, _TABLE.c.agency_id == agency_id, _TABLE.c.updated_at == based_on.stamp)


def _run(s: Session, statement: Executable) -> CursorResult[Any]:
    return cast("CursorResult[Any]", s.execute(statement))


def _refuse(s: Session, based_on: Version, number: str, doing: str) -> None:
    now = s.execute(select(_TABLE.c.number, _TABLE.c.updated_at).where(_TABLE.c.id == based_on.row_id)).first()
    if now is None:
        raise StorageError(f"编号为「{number}」的申请已被删除（可能是同事在另一台电脑或另一个窗口中删除的），"
                           f"未能{doing}", reason="gone")
    renamed = f"，编号已改为「{now.number}」" if now.number != number else ""
    raise StorageError(f"编号为「{number}」的申请在您打开之后已被修改（{when(now.updated_at)} 保存{renamed}），"
                       f"未能{doing}，以免覆盖对方的修改", reason="changed")
