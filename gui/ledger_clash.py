"""What the 台账 tab tells the clerk when an application they opened was saved or deleted by someone else before
their own save (storage.ledger_versions refuses such a save): the colleague's values beside theirs, what they
typed kept in the dialog, and a deliberate way on — save again over the new version, or 另存为新申请 when the
application went. Neither side is ever lost silently."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from report.ledger import FIELD_NAMES, Application, shape_for_year
from storage.errors import StorageError

from .two_choices import Icon, choose

if TYPE_CHECKING:  # storage.ledger_versions loads SQLAlchemy, which the window loads in the background
    from storage.ledger_versions import Version

TITLE = "申请"
_SHOWN = ("number", "received", "applicant_type", "applicant", "content", "corrections", "extended", "answered",
          "result", "fee", "review", "suit")
MAX_CHARS = 40  # of one value in the message; the whole value is in the dialog and the list


def _text(app: Application, field: str) -> str:
    value = getattr(app, field)
    sh = shape_for_year((app.answered or app.received).year)
    if field == "applicant_type":
        return sh.applicant_label(value)
    if field == "result":
        return sh.result_text(sh.result_for(value) or value) if value else "（未答复）"
    if field == "corrections":
        return "；".join(f"{c.asked}→{c.received or '待补正'}" for c in value) or "（无）"
    if field == "extended":
        return "是" if value else "否"
    if field == "fee":
        return f"{value} 元" if value else "（未收取）"
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value or "").replace("\n", " ") or "（空）"
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS] + "……"


def differences(theirs: Application, mine: Application) -> list[str]:
    """One line per field the two differ in: the colleague's value, then the clerk's."""
    out = []
    for field in _SHOWN:
        if getattr(theirs, field) != getattr(mine, field):
            name = "补正" if field == "corrections" else FIELD_NAMES[field]
            out.append(f"{name}：同事保存的「{_text(theirs, field)}」，您填写的「{_text(mine, field)}」")
    return out


def tell_changed(parent: QWidget, why: str, theirs: Application, mine: Application) -> None:
    """The application changed meanwhile: say so, list where the colleague's version and the clerk's differ."""
    lines = differences(theirs, mine)
    listed = "\n".join(lines) if lines else "同事保存的内容与您填写的相同。"
    QMessageBox.warning(
        parent, TITLE,
        f"{why}。\n\n同事保存的版本与您填写的不同之处：\n{listed}\n\n"
        f"您填写的内容仍在对话框中，台账中现在是同事保存的版本。再点「保存」即以您填写的内容替换同事的版本；"
        f"点「取消」则保留同事的版本。")


def offer_as_new(parent: QWidget, why: str) -> bool:
    """The application went meanwhile: offer to keep what the clerk typed as a new application."""
    return choose(parent, Icon.Warning, TITLE,
                  f"{why}。\n\n您填写的内容仍在对话框中。可以把它另存为一件新申请，或返回对话框继续修改。",
                  "另存为新申请(&N)", "返回修改", enter_first=True)


def edit(parent: QWidget, repository, agency: str, app: Application | None, today: datetime.date,
         refresh: Callable[[], None]) -> Application | None:
    """The application dialog for `app` (None: a new one) until saved or given up; the application saved, or None.
    An application is opened as saved now, with its version; a save the storage refuses because a colleague saved
    or deleted it meanwhile is told (ledger list refreshed by `refresh`) and the dialog shown again as left."""
    from .application_dialog import ApplicationDialog  # deferred: the tab is built with every report shown

    version: Version | None = None
    if app is not None:
        try:
            found = repository.application(agency, app.number)
        except StorageError as e:
            QMessageBox.warning(parent, TITLE, str(e))
            return None
        if found is None:
            QMessageBox.information(parent, TITLE, f"编号为「{app.number}」的申请已不在台账中（可能已被同事删除或改了编号）。")
            refresh()
            return None
        app, version = found
    replacing = app.number if app else None
    dialog = ApplicationDialog(app, today, parent)
    while dialog.exec() == ApplicationDialog.DialogCode.Accepted and dialog.application is not None:
        mine = dialog.application
        try:
            repository.save_application(agency, mine, replacing=replacing, based_on=version)
            return mine
        except StorageError as e:
            if e.reason not in ("changed", "gone") or version is None:
                QMessageBox.warning(parent, TITLE, f"{e}\n\n台账未作修改。")
                continue  # the dialog again, as the clerk left it
            why = e.message
        refresh()
        try:
            now = repository.application(agency, row_id=version.row_id)
        except StorageError as e:
            QMessageBox.warning(parent, TITLE, f"{why}。\n\n{e}")
            continue
        if now is not None:
            (theirs, version), replacing = now, now[0].number
            tell_changed(parent, why, theirs, mine)
            dialog.setWindowTitle(f"修改申请（替换同事 {version.stamp:%H:%M:%S} 保存的版本）")
            continue
        version, replacing = None, None  # the application went: what is saved from here on is a new one
        dialog.setWindowTitle("新增申请（原申请已被删除）")
        if offer_as_new(parent, why):
            try:
                repository.save_application(agency, mine)
                return mine
            except StorageError as e:
                QMessageBox.warning(parent, TITLE, f"{e}\n\n台账未作修改。")
    return None


def delete(parent: QWidget, repository, agency: str, number: str) -> bool:
    """Ask, then delete the application numbered `number` as saved when asked: one a colleague saved or deleted
    while the question was up is not deleted (said why). Whether it was deleted."""
    try:
        found = repository.application(agency, number)
        if found is None:
            QMessageBox.information(parent, TITLE, f"编号为「{number}」的申请已不在台账中（可能已被同事删除或改了编号）。")
            return False
        answer = QMessageBox.question(parent, TITLE, f"从台账中删除编号为「{number}」的申请？")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        repository.delete_application(agency, number, based_on=found[1])
    except StorageError as e:
        more = "；台账中现在是同事保存的版本，请查看后再决定是否删除" if e.reason == "changed" else ""
        QMessageBox.warning(parent, TITLE, f"{e}{more}。")
        return False
    return True
