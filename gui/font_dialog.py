"""设置 → 导出字体: the four fonts of the PDF (export/pdf_fonts.py ROLES), remembered in gui/settings.py.

Each role offers 自动 (the official system font if installed, else the bundled one), the official fonts found on
this PC, the bundled fonts, and any font file. A file ReportLab cannot embed (CFF outlines, no embedding
licence, no Chinese characters) is refused at once with the reason in Chinese. Fonts are shown by their names
(the font's own, Chinese when it has one: gui/font_names.py); where a file lies is only in the tooltips.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QRawFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from export import pdf_fonts
from export.pdf_fonts import ROLE_NAMES, ROLES, FontError
from report import title as report_title

from . import file_dialogs, settings, window_size
from .font_names import font_name
from .scroll_page import scroll_area

BROWSE = "browse"  # item data of 其他字体文件…
PREVIEW = report_title.NAME
FONT_FILTER = "字体文件 (*.ttf *.ttc *.otf);;所有文件 (*)"

_qt_fonts: dict[Path, QFont | None] = {}


def _qt_font(path: Path) -> QFont | None:
    """The file's face as a Qt font for the preview (registered once; its weight kept, e.g. the bold title);
    None if Qt cannot read it."""
    if path not in _qt_fonts:
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        font = None
        if families:
            font = QFont(families[0])
            raw = QRawFont(str(path), 14)
            if raw.isValid():
                font.setBold(raw.weight() >= QFont.Weight.DemiBold.value)
                font.setStyleName(raw.styleName())
        _qt_fonts[path] = font
    return _qt_fonts[path]


class FontDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出字体")
        self.defaults = pdf_fonts.default_choice()
        self.candidates = _unique(pdf_fonts.official_fonts() + pdf_fonts.bundled_fonts())
        self.official = set(pdf_fonts.official_fonts())
        saved = settings.font_choice()
        self.combos: dict[str, QComboBox] = {}
        self.previews: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        self._current: dict[str, int] = {}

        intro = QLabel("导出 PDF 时各级文字使用的字体。「自动」使用本机已安装的公文字体（仿宋、黑体、楷体、小标宋），"
                       "没有时使用程序自带的字体。只能使用可以嵌入 PDF 的 TrueType 字体（.ttf、.ttc）。\n"
                       "这里的选择只用于在窗口中导出；命令行导出总是使用自动选择。")
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(12)
        for i, role in enumerate(ROLES):
            combo = QComboBox()
            combo.setMinimumContentsLength(22)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self._fill(combo, role, saved.get(role))
            label = QLabel(f"{ROLE_NAMES[role]}(&{i + 1})：")  # Alt+1 … Alt+4, top to bottom
            label.setBuddy(combo)
            preview = QLabel(PREVIEW)
            note = QLabel()
            note.setStyleSheet("color: #555;")
            note.setWordWrap(True)
            grid.addWidget(label, 3 * i, 0)
            grid.addWidget(combo, 3 * i, 1)
            grid.addWidget(preview, 3 * i + 1, 1)
            grid.addWidget(note, 3 * i + 2, 1)
            self.combos[role], self.previews[role], self.notes[role] = combo, preview, note
            self._current[role] = combo.currentIndex()
            combo.activated.connect(lambda index, r=role: self._activated(r, index))
            self._show(role)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")  # as every dialog here, whatever Qt's catalogue
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        reset = buttons.addButton("全部恢复为自动(&R)", QDialogButtonBox.ButtonRole.ResetRole)
        reset.clicked.connect(self.reset)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        page = QVBoxLayout()
        page.addWidget(intro)
        page.addSpacing(6)
        page.addLayout(grid)
        page.addStretch(1)
        layout = QVBoxLayout(self)
        # The fonts scroll where the screen is short (1366×768 at 200 %); 确定 and 取消 stay in view below them.
        layout.addWidget(scroll_area(page))
        layout.addWidget(buttons)
        window_size.fit_dialog(self, 620, page.sizeHint().height() + buttons.sizeHint().height() + 40)

    # ------------------------------------------------------------------ the lists

    def _fill(self, combo: QComboBox, role: str, saved: Path | None) -> None:
        combo.addItem(f"自动（{pdf_fonts.label(self.defaults[role])}）", None)
        combo.setItemData(0, str(self.defaults[role]), Qt.ItemDataRole.ToolTipRole)
        for path in self.candidates:
            self._add(combo, combo.count(), path)
        if saved is not None and str(saved) not in [combo.itemData(i) for i in range(combo.count())]:
            self._add(combo, combo.count(), saved)  # a file chosen earlier
        combo.addItem("其他字体文件…", BROWSE)
        index = combo.findData(str(saved)) if saved is not None else 0
        combo.setCurrentIndex(max(index, 0))

    def _add(self, combo: QComboBox, index: int, path: Path) -> None:
        combo.insertItem(index, self._name(path), str(path))
        combo.setItemData(index, str(path), Qt.ItemDataRole.ToolTipRole)  # where it is, for whoever asks

    def _name(self, path: Path) -> str:
        if path in self.official:
            return f"{pdf_fonts.label(path)}（本机）"
        if path in self.candidates:
            return pdf_fonts.label(path)
        return f"{font_name(path) or pdf_fonts.label(path)}（其他字体）"  # a file the clerk chose

    def _activated(self, role: str, index: int) -> None:
        combo = self.combos[role]
        if combo.itemData(index) == BROWSE:
            chosen = self.browse(role)
            if chosen is None:
                combo.setCurrentIndex(self._current[role])
                return
            found = combo.findData(str(chosen))
            if found < 0:
                self._add(combo, combo.count() - 1, chosen)
                found = combo.count() - 2
            combo.setCurrentIndex(found)
        self._current[role] = combo.currentIndex()
        self._show(role)

    def browse(self, role: str) -> Path | None:
        """Ask for a font file and check that it can be embedded; None (with the reason shown) if not."""
        start = str((self.path(role) or self.defaults[role]).parent)
        name = file_dialogs.open_file(self, f"选择{ROLE_NAMES[role]}", start, FONT_FILTER)
        if name is None:
            return None
        try:
            pdf_fonts.check_choice(name)
        except FontError as e:
            QMessageBox.warning(self, "不能使用这个字体", f"{e}。\n\n请选择其他字体文件。")
            return None
        return name

    def _show(self, role: str) -> None:
        path = self.path(role) or self.defaults[role]
        face = _qt_font(path) if path.is_file() else None
        preview = self.previews[role]
        font = QFont(face) if face is not None else QFont()
        font.setPointSize(14)
        preview.setFont(font)
        preview.setText(PREVIEW if face is not None else f"{PREVIEW}（无法预览）")
        note = self.notes[role]
        note.setToolTip(str(path))
        if not path.is_file():
            note.setText(f"找不到字体文件「{path.name}」；导出时将改用内置字体")
            note.setStyleSheet("color: #b00;")
        else:
            note.setText(f"字体名称：{font_name(path) or pdf_fonts.label(path)}")
            note.setStyleSheet("color: #555;")

    # ------------------------------------------------------------------ the result

    def path(self, role: str) -> Path | None:
        data = self.combos[role].currentData()
        return Path(data) if data and data != BROWSE else None

    def choice(self) -> dict[str, Path | None]:
        return {role: self.path(role) for role in ROLES}

    def reset(self) -> None:
        for role, combo in self.combos.items():
            combo.setCurrentIndex(0)
            self._current[role] = 0
            self._show(role)

    def accept(self) -> None:
        problems = []
        for role, path in self.choice().items():
            if path is None:
                continue
            try:
                pdf_fonts.check_choice(path)
            except FontError as e:
                problems.append(f"{ROLE_NAMES[role]}：{e}")
        if problems:
            QMessageBox.warning(self, "不能使用这些字体", "\n".join(problems) + "\n\n请改选其他字体，或选「自动」。")
            return
        settings.set_font_choice(self.choice())
        super().accept()


def _unique(paths: list[Path]) -> list[Path]:
    seen: list[Path] = []
    for p in paths:
        if p not in seen:
            seen.append(p)
    return seen
