"""The message box that asks the clerk to choose between two named actions.

Qt's standard Yes/No buttons would say 是/否 (or Yes/No without a translation loaded); a clerk decides better
between buttons that name what happens (替换, 另选文件名). Esc and the window's close always mean the second,
cautious choice; which one Enter presses is the caller's decision, because for a destructive first choice it
must be the cautious one. The text can be selected, so that a clerk can copy what the box says.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Icon = QMessageBox.Icon
Role = QMessageBox.ButtonRole


def choose(parent: QWidget | None, icon: Icon, title: str, text: str, first: str, second: str, *,
           enter_first: bool, informative: str = "", details: str = "", first_role: Role = Role.AcceptRole) -> bool:
    """True when the clerk pressed `first`; False for `second`, Esc or closing the box. `details` goes behind the
    box's 显示详细信息 button."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    yes = box.addButton(first, first_role)
    no = box.addButton(second, Role.RejectRole)
    box.setDefaultButton(yes if enter_first else no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
