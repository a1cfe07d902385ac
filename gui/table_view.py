"""The table editor: a QTableView over `TableModel` that behaves like a spreadsheet.

Enter commits and moves down, Tab moves right, both skipping computed cells; after a run of Tabs, Enter goes
back to the column the run began in, on the next row (as Excel does); typing on a cell starts editing, and on a
cell that cannot take input says why; Delete sets 0; a block can be pasted from Excel, WPS or a web page and copied out. Column widths and row heights
follow the font, so the official merged header stays readable at any display scaling.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QToolTip,
    QWidget,
)

from report import grid as g
from report import paste as pasting
from report.ledger import DERIVED_TIP
from report.values import ZERO

from .cell_delegate import CellDelegate
from .frozen_header import FrozenHeader
from .table_model import TableModel

_Hint = QAbstractItemDelegate.EndEditHint
_Move = QAbstractItemView.CursorAction


class TableView(QTableView):
    pasted = Signal(str, list)  # a summary, and the problems naming cells that could not take a value
    message = Signal(str)  # anything else for the status bar

    def __init__(self, model: TableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tab_start: g.GridCell | None = None  # where the current run of Tabs began, for Enter
        self._rows_pending = False  # row heights to fit once shown (see _apply_widths)
        self._tabbing = False  # the cursor is being moved by Tab or Shift+Tab
        self.setModel(model)
        self.table_model = model
        self.setItemDelegate(CellDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # A long table's heading rows stay in view over its scrolling rows.
        self._frozen = FrozenHeader(self, model.grid.header_rows) if model.grid.header_rows else None
        for c in model.grid.cells:
            if c.rowspan > 1 or c.colspan > 1:
                self.setSpan(c.row, c.col, c.rowspan, c.colspan)
                if self._frozen:
                    self._frozen.set_span(c.row, c.col, c.rowspan, c.colspan)
        self.fit_to_font()
        first = self._input_cells()
        if first:
            self.setCurrentIndex(self._index(first[0]))

    def showEvent(self, event) -> None:
        # A table section is shown ready to type: the keyboard goes to its cursor (the first input cell at first).
        super().showEvent(event)
        if self._rows_pending:
            self._apply_widths()
        if not self.hasFocus():
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ sizing

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_font()

    def fit_to_font(self) -> None:
        """Column widths in multiples of the font's character width; row heights fitting the wrapped text."""
        grid = self.table_model.grid
        fm = QFontMetrics(self.font())
        em = fm.horizontalAdvance("中")
        pad = em  # room for the cell's margins and grid line
        widths = [0] * grid.cols
        self._label_cols = min((c.col for c in grid.cells if c.role == g.VALUE), default=0)
        for col in range(grid.cols):
            if col < self._label_cols:
                # Outer label columns hold group labels standing beside their rows; the innermost the row labels.
                widths[col] = em * (16 if col == self._label_cols - 1 else 5) + pad
            else:
                singles = [c for c in grid.cells if c.col == col and c.colspan == 1 and c.role == g.HEADER]
                longest = max((fm.horizontalAdvance(c.text) for c in singles), default=em * 4)
                widths[col] = max(em * 4 + pad, min(longest + pad, em * 6 + pad))
        self._base_widths = widths
        self._em = em
        self._apply_widths()

    def _apply_widths(self) -> None:
        """The base widths, the row labels widened into spare room (long labels then wrap less)."""
        widths = list(self._base_widths)
        if self._label_cols:
            spare = self.viewport().width() - sum(widths) - 2
            widths[self._label_cols - 1] += max(0, min(spare, self._em * 12))
        if widths == [self.columnWidth(c) for c in range(len(widths))] and not self._rows_pending:
            return
        for col, w in enumerate(widths):
            self.setColumnWidth(col, w)
        if not self.isVisible():
            # Rows are fitted (every label's wrapped text measured) when the table is shown, at its real width:
            # the tables on tabs not shown at start cost the start nothing, the one shown is fitted once.
            self._rows_pending = True
            return
        self._rows_pending = False
        self._fit_rows(widths, QFontMetrics(self.font()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if hasattr(self, "_base_widths"):
            self._apply_widths()
        self._sync_frozen()

    def updateGeometries(self) -> None:  # also when a scroll bar comes or goes
        super().updateGeometries()
        self._sync_frozen()

    def _sync_frozen(self) -> None:
        if getattr(self, "_frozen", None) is not None:
            self._frozen.sync()

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        super().scrollTo(index, hint)
        if getattr(self, "_frozen", None) is not None:
            self._frozen.uncover(index)

    def _fit_rows(self, widths: list[int], fm: QFontMetrics) -> None:
        grid = self.table_model.grid
        line = fm.height()
        base = line + max(8, line // 2)
        heights = [base] * grid.rows
        flags = int(Qt.TextFlag.TextWordWrap)

        def needed(c: g.GridCell) -> int:
            width = sum(widths[c.col:c.col + c.colspan]) - fm.horizontalAdvance("中")
            text = c.text if c.role != g.VALUE else "0"
            return fm.boundingRect(QRect(0, 0, max(width, 10), 100000), flags, text).height() + line // 2 + 6

        for c in grid.cells:
            if c.rowspan == 1:
                heights[c.row] = max(heights[c.row], needed(c))
        for c in grid.cells:  # a tall spanning label pushes its last row down
            if c.rowspan > 1:
                have = sum(heights[c.row:c.row + c.rowspan])
                want = needed(c)
                if want > have:
                    heights[c.row + c.rowspan - 1] += want - have
        for row, h in enumerate(heights):
            self.setRowHeight(row, h)
        self._sync_frozen()

    # ------------------------------------------------------------------ navigation

    def _index(self, cell: g.GridCell) -> QModelIndex:
        return self.table_model.index(cell.row, cell.col)

    def _input_cells(self) -> list[g.GridCell]:
        """Cells that take input, in reading order."""
        cells = [c for c in self.table_model.grid.cells if c.role == g.VALUE and self.table_model.is_input(c.cell)]
        return sorted(cells, key=lambda c: (c.row, c.col))

    def _value_cells(self) -> list[g.GridCell]:
        cells = [c for c in self.table_model.grid.cells if c.role == g.VALUE]
        return sorted(cells, key=lambda c: (c.row, c.col))

    def current_cell(self) -> g.GridCell | None:
        index = self.currentIndex()
        return self.table_model.cell_at(index.row(), index.column()) if index.isValid() else None

    def _next(self, action: _Move, inputs_only: bool) -> g.GridCell | None:
        """The cell the cursor moves to; None to stay."""
        here = self.current_cell()
        cells = self._input_cells() if inputs_only else self._value_cells()
        if here is None or not cells:
            return cells[0] if cells else None
        col_of = self.currentIndex().column()
        if action in (_Move.MoveNext, _Move.MoveRight):
            after = [c for c in cells if (c.row, c.col) > (here.row, here.col)]
            if action == _Move.MoveRight:
                after = [c for c in after if c.row == here.row]
            return after[0] if after else None
        if action in (_Move.MovePrevious, _Move.MoveLeft):
            before = [c for c in cells if (c.row, c.col) < (here.row, here.col)]
            if action == _Move.MoveLeft:
                before = [c for c in before if c.row == here.row]
            return before[-1] if before else None
        if action in (_Move.MoveDown, _Move.MoveUp):
            down = action == _Move.MoveDown
            same_col = [c for c in cells if c.col <= col_of < c.col + c.colspan
                        and (c.row > here.row if down else c.row < here.row)]
            if same_col:
                return min(same_col, key=lambda c: c.row) if down else max(same_col, key=lambda c: c.row)
            return None
        return None

    def moveCursor(self, action: _Move, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        here = self.current_cell()
        on_value = here is not None and here.role == g.VALUE
        if action in (_Move.MoveNext, _Move.MovePrevious):
            target = self._next(action, inputs_only=True)
            return self._index(target) if target else self.currentIndex()
        if on_value and action in (_Move.MoveUp, _Move.MoveDown, _Move.MoveLeft, _Move.MoveRight):
            target = self._next(action, inputs_only=False)
            return self._index(target) if target else self.currentIndex()
        return super().moveCursor(action, modifiers)

    def move_down_for_entry(self) -> None:
        """Enter: the next input cell below; past the last row (and in the one-row table 四), the next one on.
        After a run of Tabs along a row, the input cell below the cell where the run began."""
        start, self._tab_start = self._tab_start, None
        here = self.current_cell()
        target = None
        if start is not None and here is not None and here.row == start.row:
            below = [c for c in self._input_cells() if c.row > here.row and c.col <= start.col < c.col + c.colspan]
            target = min(below, key=lambda c: c.row) if below else None
        target = target or self._next(_Move.MoveDown, inputs_only=True) or self._next(_Move.MoveNext, inputs_only=True)
        if target is not None:
            self.go_to(target)

    def _tab_to(self, target: g.GridCell | None) -> None:
        if target is not None:
            self._tabbing = True
            try:
                self.go_to(target)
            finally:
                self._tabbing = False

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        if not self._tabbing:
            self._tab_start = None  # a click, an arrow key, Enter: the Tab run is over
        elif previous.isValid() and current.row() != previous.row():
            self._tab_start = None  # Tab wrapped onto another row: a new run starts there
        elif self._tab_start is None and previous.isValid():
            self._tab_start = self.table_model.cell_at(previous.row(), previous.column())

    def go_to(self, cell: g.GridCell) -> None:
        index = self._index(cell)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def select_cell(self, cell_id: str) -> bool:
        index = self.table_model.index_of(cell_id)
        if not index.isValid():
            return False
        self.setFocus()
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)
        return True

    # ------------------------------------------------------------------ editing

    def closeEditor(self, editor: QWidget, hint: _Hint) -> None:
        # Qt would open the next editor on Tab; a spreadsheet moves the selection and waits for typing.
        super().closeEditor(editor, _Hint.NoHint)
        if hint == _Hint.SubmitModelCache:
            self.move_down_for_entry()
        elif hint == _Hint.EditNextItem:
            self._tab_to(self._next(_Move.MoveNext, inputs_only=True))
        elif hint == _Hint.EditPreviousItem:
            self._tab_to(self._next(_Move.MovePrevious, inputs_only=True))

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self._tabbing = True
                try:
                    super().keyPressEvent(event)
                finally:
                    self._tabbing = False
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_text(QGuiApplication.clipboard().text())
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.move_down_for_entry()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_selection()
                return
            if _is_typing(event) and not self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable:
                self.explain_not_editable()
                return
        super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        pass  # Qt would jump to a cell whose text starts with the typed key; a spreadsheet never does

    def mouseDoubleClickEvent(self, event) -> None:
        super().mouseDoubleClickEvent(event)
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and not index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.explain_not_editable()

    def explain_not_editable(self) -> None:
        """Why the current cell takes no typing, in the status bar and beside the cell."""
        here = self.current_cell()
        if here is None:
            return
        if here.role != g.VALUE:
            text = "这里是表头或项目名称，不能填写；请选择数字单元格后输入"
        else:
            assert here.cell is not None
            cell = self.table_model.document.format.cells[here.cell]
            if here.cell in self.table_model.document.derived:
                text = f"「{cell.short_label}」{DERIVED_TIP}"
            elif not self.table_model.is_input(here.cell):
                text = f"「{cell.short_label}」是自动合计，不能直接填写；请填写它所合计的各项，合计会自动算出"
            else:
                text = self.table_model.document.locked_reason()
        self.message.emit(text)
        rect = self.visualRect(self.currentIndex())
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), text, self)

    def selected_cells(self) -> list[g.GridCell]:
        seen: dict[tuple[int, int], g.GridCell] = {}
        for index in self.selectionModel().selectedIndexes():
            c = self.table_model.cell_at(index.row(), index.column())
            if c is not None:
                seen[(c.row, c.col)] = c
        current = self.current_cell()
        if not seen and current is not None:
            seen[(current.row, current.col)] = current
        return [seen[k] for k in sorted(seen)]

    def clear_selection(self) -> None:
        """Delete: every selected input cell to 0, as one undo step."""
        doc = self.table_model.document
        zeros = {c.cell: ZERO[doc.format.cells[c.cell].kind] for c in self.selected_cells()
                 if c.role == g.VALUE and self.table_model.is_input(c.cell)}
        if doc.locked:
            self.message.emit(doc.locked_reason())
        elif zeros:
            doc.set_cells(zeros, "清零")

    # ------------------------------------------------------------------ clipboard

    def copy_selection(self) -> None:
        """The selected rectangle as tab-separated text, labels included, as a spreadsheet would paste it."""
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        if not rows:
            return
        lines = []
        for r in range(rows[0], rows[-1] + 1):
            texts = []
            for c in range(cols[0], cols[-1] + 1):
                index = self.table_model.index(r, c)
                texts.append(str(self.table_model.data(index) or "").replace("\n", " ").replace("\t", " "))
            lines.append("\t".join(texts))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
        self.message.emit(f"已复制 {len(lines)} 行")

    def paste_text(self, text: str) -> None:
        doc = self.table_model.document
        if doc.locked:
            self.message.emit(doc.locked_reason())
            return
        block = pasting.read_block(text)
        if not block:
            self.message.emit("剪贴板中没有可粘贴的数字")
            return
        selection = [c for c in self.selected_cells() if c.role == g.VALUE]
        if pasting.is_vertical_list(block) and len(selection) > 1:
            # One value per line into a selected range: fill it in reading order.
            ids: list[str | None] = [c.cell for c in selection]
            targets = [[ids[i] if i < len(ids) else None] for i in range(len(block))]
        else:
            anchor = selection[0] if selection else self.current_cell()
            if anchor is None:
                return
            targets = pasting.targets_from(self.table_model.grid, anchor.row, anchor.col, [len(r) for r in block])
        result = pasting.plan(doc.format, block, targets, doc.report.cells)
        changed = doc.set_cells(result.values, "粘贴")
        count = len(result.values)
        summary = f"已粘贴 {count} 个单元格" if count else "没有粘贴任何单元格"
        if result.problems:
            summary += f"，{len(result.problems)} 处未能粘贴"
        if not changed and count:
            summary = "粘贴的数值与表中现有数值相同"
        self.pasted.emit(summary, result.problems)
        ids_done = [cid for cid in result.values]
        if ids_done:
            first = self.table_model.index_of(ids_done[0])
            last = self.table_model.index_of(ids_done[-1])
            self.selectionModel().select(
                _rectangle(self.table_model, first, last),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )


def _is_typing(event) -> bool:
    """A key that would type a character (not a shortcut, not navigation)."""
    text = event.text()
    shortcut = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                    | Qt.KeyboardModifier.MetaModifier)
    return bool(text) and text.isprintable() and not shortcut


def _rectangle(model, first: QModelIndex, last: QModelIndex) -> QItemSelection:
    top, bottom = min(first.row(), last.row()), max(first.row(), last.row())
    left, right = min(first.column(), last.column()), max(first.column(), last.column())
    return QItemSelection(model.index(top, left), model.index(bottom, right))
