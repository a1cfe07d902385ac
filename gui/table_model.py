"""One table section as a Qt model: the printed grid of `report.grid`, its value cells bound to the document.

Every label, header and span comes from the format definition through `table_grid`; this module only decides
how each role of grid cell looks and which cells take input.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from report import grid as g
from report.checks import ERROR
from report.definition import Kind, Section
from report.ledger import DERIVED_TIP
from report.values import ParseError, Value, parse, show

from .document import Document

HEADER_BG = QColor("#e9edf3")
TITLE_BG = QColor("#dfe5ee")
COMPUTED_BG = QColor("#eaf1fb")
COMPUTED_FG = QColor("#1f4e99")
DERIVED_BG = QColor("#e6f2e6")  # 由台账生成: read-only like a total, in a colour of its own
DERIVED_FG = QColor("#2f5d34")
ERROR_BG = QColor("#fbd9d6")
WARNING_BG = QColor("#fff1c7")

_ERROR_BRUSH, _WARNING_BRUSH, _COMPUTED_BRUSH = QBrush(ERROR_BG), QBrush(WARNING_BG), QBrush(COMPUTED_BG)
_DERIVED_BRUSH = QBrush(DERIVED_BG)

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
GRID_ROLE = Qt.ItemDataRole.UserRole + 2  # the GridCell, for the view's sizing and navigation

_Index = QModelIndex | QPersistentModelIndex


class TableModel(QAbstractTableModel):
    refused = Signal(str)  # why setData did not take a typed value, in Chinese (setData returns False)

    def __init__(self, document: Document, section: Section, parent=None) -> None:
        super().__init__(parent)
        assert section.table is not None
        self.document = document
        self.section = section
        self.grid = g.table_grid(section.table)
        self._origin: dict[tuple[int, int], g.GridCell] = {(c.row, c.col): c for c in self.grid.cells}
        self._cover: dict[tuple[int, int], g.GridCell] = {}
        for c in self.grid.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    self._cover[(r, k)] = c
        self._position = {c.cell: (c.row, c.col) for c in self.grid.cells if c.role == g.VALUE}
        self._bold = QFont()
        self._bold.setBold(True)
        self._dependents = _dependents(document.format.computed)
        self._flagged = self._flagged_cells()
        document.cellsChanged.connect(self._cells_changed)
        document.findingsChanged.connect(self._findings_changed)
        document.lockedChanged.connect(self._refresh_all)

    # ------------------------------------------------------------------ geometry

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.grid.rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.grid.cols

    def cell_at(self, row: int, col: int) -> g.GridCell | None:
        """The grid cell whose span covers (row, col)."""
        return self._cover.get((row, col))

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self._position.get(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    def cell_id(self, index: _Index) -> str | None:
        c = self._origin.get((index.row(), index.column()))
        return c.cell if c is not None and c.role == g.VALUE else None

    def is_input(self, cell_id: str | None) -> bool:
        return (cell_id is not None and cell_id not in self.document.format.computed
                and cell_id not in self.document.derived)

    # ------------------------------------------------------------------ data

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        cell = self._origin.get((index.row(), index.column()))
        if cell is None:
            return None
        if role == GRID_ROLE:
            return cell
        if cell.role != g.VALUE:
            return self._label_data(cell, role)
        cid = cell.cell
        assert cid is not None
        computed = cid in self.document.format.computed
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return show(self.document.value(cid))
        if role == CELL_ID_ROLE:
            return cid
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            level = self._flagged.get(cid)
            if level is not None:
                return _ERROR_BRUSH if level == ERROR else _WARNING_BRUSH
            if cid in self.document.derived:
                return _DERIVED_BRUSH
            return _COMPUTED_BRUSH if computed else None
        if role == Qt.ItemDataRole.ForegroundRole and cid in self.document.derived:
            return QBrush(DERIVED_FG)
        if role == Qt.ItemDataRole.ForegroundRole and computed:
            return QBrush(COMPUTED_FG)
        if role == Qt.ItemDataRole.FontRole and computed:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cid, computed)
        return None

    def _label_data(self, cell: g.GridCell, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.role == g.LABEL and cell.rowspan == 1:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.role == g.TITLE:
                return QBrush(TITLE_BG)
            if cell.role in (g.HEADER, g.CORNER):
                return QBrush(HEADER_BG)
            return None
        if role == Qt.ItemDataRole.FontRole and cell.role in (g.HEADER, g.TITLE):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and cell.text:
            return cell.text
        return None

    def _tooltip(self, cid: str, computed: bool) -> str:
        cell = self.document.format.cells[cid]
        lines = [cell.label]
        if cid in self.document.derived:
            lines.append(DERIVED_TIP)
        elif computed:
            lines.append("自动合计，不能直接填写")
        elif cell.kind is Kind.SIGNED:
            lines.append("整数，可为负数（减少时填负数）")
        elif cell.kind is Kind.AMOUNT:
            lines.append("以万元计的数额，最多 6 位小数")
        else:
            lines.append("不小于 0 的整数")
        lines += [("错误：" if f.is_error else "警告：") + f.message for f in self.document.findings_for(cid)]
        return "\n".join(lines)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        cell = self._origin.get((index.row(), index.column()))
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if cell is None or cell.role != g.VALUE:
            return base
        if self.is_input(cell.cell) and not self.document.locked:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cid = self.cell_id(index)
        if role != Qt.ItemDataRole.EditRole or not self.is_input(cid) or self.document.locked:
            return False
        assert cid is not None
        cell = self.document.format.cells[cid]
        try:
            parsed = parse(cell.kind, str(value))
        except ParseError as e:
            self.refused.emit(f"{cell.label}：{e}，未填入")
            return False
        self.document.set_cells({cid: parsed}, f"填写 {cell.short_label}", typed=True)
        return True

    def keep_typing(self, index: _Index, text: str, editor: object) -> None:
        """The text of a cell being typed, kept in the report at every key, so that a crash or a power cut loses
        no key typed. Text that is no value yet ("1.", a stray letter) leaves the last that was; Enter or Tab
        then refuses it and says why (setData)."""
        cid = self.cell_id(index)
        if not self.is_input(cid) or self.document.locked:
            return
        assert cid is not None
        cell = self.document.format.cells[cid]
        try:
            parsed = parse(cell.kind, text)
        except ParseError:
            return
        self.document.set_cells({cid: parsed}, f"填写 {cell.short_label}", typed=True, typing=editor)

    def put_back(self, index: _Index, value: Value, editor: object) -> None:
        """Esc: the cell goes back to `value`, what it held before `editor` was opened."""
        cid = self.cell_id(index)
        if self.is_input(cid) and not self.document.locked:
            assert cid is not None
            self.document.set_cells({cid: value}, "取消填写", typed=True, typing=editor)

    # Repaint only what an edit can change: the cells themselves, the totals over them, and the cells whose
    # findings changed. Repainting the whole grid on every keystroke costs more than the 16 ms of a frame.

    def _cells_changed(self, cell_ids: set[str]) -> None:
        touched = set(cell_ids)
        for cid in cell_ids:
            touched |= self._dependents.get(cid, set())
        self._repaint(touched)

    def _findings_changed(self) -> None:
        flagged = self._flagged_cells()
        self._repaint(set(flagged) | set(self._flagged))
        self._flagged = flagged

    def _flagged_cells(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.document.findings:
            for cid in f.cells:
                if cid in self._position and out.get(cid) != ERROR:
                    out[cid] = f.level
        return out

    def _repaint(self, cell_ids: set[str]) -> None:
        for cid in cell_ids:
            pos = self._position.get(cid)
            if pos is not None:
                index = self.index(*pos)
                self.dataChanged.emit(index, index)

    def _refresh_all(self, *_args) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(self.grid.rows - 1, self.grid.cols - 1))


def _dependents(computed: dict[str, tuple[str, ...]]) -> dict[str, set[str]]:
    """Cell id -> every computed cell whose sum it enters, directly or through another total."""
    direct: dict[str, set[str]] = {}
    for total, addends in computed.items():
        for a in addends:
            direct.setdefault(a, set()).add(total)
    out: dict[str, set[str]] = {}

    def reach(cid: str) -> set[str]:
        if cid not in out:
            found: set[str] = set()
            for t in direct.get(cid, ()):
                found |= {t} | reach(t)
            out[cid] = found
        return out[cid]

    for cid in list(direct):
        reach(cid)
    return out
