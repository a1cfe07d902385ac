"""Putting a report made elsewhere (an import, a 汇总) into the database: asking before replacing one, never
replacing a report that is 定稿, and saying in Chinese why nothing was stored."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from report.model import Report
from report.status import Status
from storage.errors import StorageError

from .two_choices import Icon, Role, choose


def store_report(parent: QWidget, repository, report: Report, *, title: str, source: str,
                 notes: list[str] | None = None,
                 when_denied: Callable[[StorageError], None] | None = None) -> int | None:
    """The stored report's id, or None when the clerk declined or the database refused (already said).
    `when_denied`: what to do instead of saying so when the login may not write this agency's report (a shared
    database's reviewer, or a clerk of other agencies)."""
    agency = report.agency.strip()
    try:
        existing = repository.find_report(agency, report.year)
        replace = False
        if existing is not None:
            info = repository.info(existing)
            if info.status == Status.FINAL:
                QMessageBox.warning(
                    parent, title,
                    f"数据库中「{agency}」{report.year} 年度的报告已定稿，不能替换。\n"
                    "如确需替换，请先打开该报告并取消定稿，再重新操作。数据库未作任何修改。")
                return None
            if not choose(parent, Icon.Question, title,
                          f"数据库中已有「{agency}」{report.year} 年度的报告。\n\n是否用新的内容替换它？", "替换(&R)", "取消",
                          enter_first=False, first_role=Role.DestructiveRole,
                          informative="替换前的内容会保存在该报告的修改记录中，需要时可以恢复。"):
                return None
            replace = True
        return repository.import_report(report, replace=replace, source=source, notes=notes)
    except StorageError as e:
        if e.reason == "denied" and when_denied is not None:
            when_denied(e)
            return None
        text = str(e)
        if getattr(e, "backup", None):
            text += f"\n\n最近的自动备份：{e.backup}"
        QMessageBox.warning(parent, title, f"{text}\n\n数据库未作任何修改。")
        return None
    except ValueError as e:  # an agency name or year the storage refuses
        QMessageBox.warning(parent, title, f"{e}\n\n数据库未作任何修改。")
        return None
