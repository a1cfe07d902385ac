"""Every file dialog of the window: open one file, open several, save as, choose a folder.

Each builds a QFileDialog itself rather than calling QFileDialog.get*: the dialog is the same (the system's own
where the platform offers one, else Qt's), but Qt's own can then be fitted into the screen before it shows. Many
domestic Linux desktops offer no native dialog, and there Qt's opens at its preferred size, which at 200 % on a
1366×768 screen is taller than the screen: its buttons would be off-screen.

Saving: the suffix of the chosen file type is added when the clerk leaves it out, and a file that already exists
under the completed name is only replaced after a question (Qt's dialog asks for the name as typed; the system's
may not know the suffix we add).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QFileDialog, QWidget

from . import window_size
from .two_choices import Icon, choose

Mode = QFileDialog.FileMode
_SUFFIX = re.compile(r"\*(\.[\w.]+)")


def open_file(parent: QWidget | None, title: str, folder: str | Path = "", filters: str = "") -> Path | None:
    """One existing file, or None when the clerk cancels."""
    chosen, _ = ask(parent, title, folder, filters, Mode.ExistingFile)
    return Path(chosen[0]) if chosen else None


def open_files(parent: QWidget | None, title: str, folder: str | Path = "", filters: str = "") -> list[Path]:
    """Existing files, several at once; [] when the clerk cancels."""
    chosen, _ = ask(parent, title, folder, filters, Mode.ExistingFiles)
    return [Path(name) for name in chosen]


def choose_folder(parent: QWidget | None, title: str, folder: str | Path = "") -> Path | None:
    chosen, _ = ask(parent, title, folder, "", Mode.Directory)
    return Path(chosen[0]) if chosen else None


def save_file(parent: QWidget | None, title: str, proposed: str | Path, filters: str) -> Path | None:
    """Where to write, the suffix of the chosen type completed; None when the clerk cancels.

    `filters` as Qt writes them ("Excel 工作簿 (*.xlsx);;网页 (*.html)"); each one's first *.suffix is the one
    added to a name that has none of them."""
    proposed = str(proposed)
    while True:
        chosen, selected = ask(parent, title, proposed, filters, Mode.AnyFile, save=True)
        if not chosen:
            return None
        path = completed(Path(chosen[0]), selected, filters)
        if str(path) == chosen[0] or not path.exists() or replace(parent, title, path):
            return path
        proposed = str(path)  # not to be replaced: the dialog again, at the same place


def ask(parent: QWidget | None, title: str, start: str | Path, filters: str, mode: Mode,
        save: bool = False) -> tuple[list[str], str]:
    """Show one dialog: the files chosen ([] when cancelled) and the file type selected. The system's dialog
    where the platform has one; Qt's own fitted into its screen, before it shows and again once it has."""
    dialog = QFileDialog(parent, title, str(start), filters)
    dialog.setFileMode(mode)
    if mode == Mode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        if not _native(dialog):  # Qt's own completes the name before its own overwrite question
            _follow_suffix(dialog)
    keeper = _FitOnShow(dialog)
    dialog.installEventFilter(keeper)
    if not _native(dialog):
        fit(dialog, screen_for(parent).availableGeometry())
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        return (dialog.selectedFiles() if accepted else []), dialog.selectedNameFilter()
    finally:
        dialog.removeEventFilter(keeper)
        dialog.deleteLater()


def completed(path: Path, selected: str, filters: str) -> Path:
    """`path` with the selected type's suffix added unless it already ends in one of the offered suffixes."""
    offered = [s.lower() for s in _SUFFIX.findall(filters)]
    wanted = suffix_of(selected) or (offered[0] if offered else "")
    if not wanted or any(path.name.lower().endswith(s) for s in offered):
        return path
    return path.with_name(path.name + wanted)


def suffix_of(name_filter: str) -> str:
    """The first *.suffix in one filter ("" for 所有文件 (*))."""
    found = _SUFFIX.search(name_filter)
    return found.group(1) if found else ""


def replace(parent: QWidget | None, title: str, path: Path) -> bool:
    return choose(parent, Icon.Warning, title, f"「{path.name}」已存在。\n要替换它吗？", "替换(&R)", "另选文件名(&N)",
                  enter_first=False, informative=str(path.parent))


# ------------------------------------------------------------------------------------------ Qt's own dialog


def _native(dialog: QFileDialog) -> bool:
    """Whether the system's dialog will show: Qt builds its own widgets (and layout) only when it will not."""
    return dialog.layout() is None


def _follow_suffix(dialog: QFileDialog) -> None:
    dialog.setDefaultSuffix(suffix_of(dialog.selectedNameFilter()).lstrip("."))
    dialog.filterSelected.connect(lambda chosen: dialog.setDefaultSuffix(suffix_of(chosen).lstrip(".")))


def screen_for(parent: QWidget | None) -> QScreen:
    """The parent's screen; without a parent, the one under the mouse (where the clerk is looking)."""
    window = parent.window() if parent is not None else None
    screen = window.screen() if window is not None else QGuiApplication.screenAt(QCursor.pos())
    return screen or QGuiApplication.primaryScreen()


def fit(dialog: QWidget, available: QRect) -> None:
    """Size the dialog to what it prefers but, title bar and frame included, no larger than `available`, and
    place it inside, over its parent. Before it first shows, the frame is not known: window_size.FRAME stands in."""
    frame = dialog.frameGeometry().size() - dialog.geometry().size() if dialog.isVisible() else window_size.FRAME
    if dialog.isVisible() and available.contains(dialog.frameGeometry()):
        return
    wanted = dialog.size() if dialog.isVisible() else dialog.sizeHint()
    rect = window_size.fitted(available, wanted, frame)
    outer = QRect(0, 0, rect.width() + frame.width(), rect.height() + frame.height())  # the frame's rectangle
    parent = dialog.parentWidget()
    outer.moveCenter(parent.window().frameGeometry().center() if parent is not None else available.center())
    dialog.resize(rect.size())
    # move() places the frame's corner: kept inside `available`, the whole dialog is (the title bar, if not all).
    dialog.move(max(available.left(), min(outer.left(), available.right() + 1 - outer.width())),
                max(available.top(), min(outer.top(), available.bottom() + 1 - outer.height())))


class _FitOnShow(QObject):
    """Once Qt's own dialog is on screen (its real frame known), fit it again; the system's dialog is left be."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QFileDialog) and not _native(watched):
            QTimer.singleShot(0, lambda: watched.isVisible() and fit(watched, screen_for(watched).availableGeometry()))
        return False
