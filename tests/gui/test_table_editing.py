"""The table editor: values through the model and through the keyboard, totals, refusals, navigation."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from report.grid import HEADER, LABEL

from .conftest import table, write_prose


def cell_index(view, cell_id):
    index = view.table_model.index_of(cell_id)
    assert index.isValid(), cell_id
    return index


def shown(view, cell_id):
    return view.table_model.data(cell_index(view, cell_id))


def type_into(qtbot, view, cell_id, text, key=Qt.Key.Key_Return):
    view.select_cell(cell_id)
    qtbot.keyClicks(view, text[0])  # the first key opens the editor and goes into it
    editor = view.focusWidget()
    assert editor is not view, "typing on a selected cell did not start editing"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)


def test_grid_comes_from_the_format_with_its_merged_header(open_window):
    view = table(open_window(), "s3")
    model = view.table_model
    texts = {(c.role, c.text) for c in model.grid.cells}
    assert (HEADER, "申请人情况") in texts and (LABEL, "三、本年度办理结果") in texts
    group = next(c for c in model.grid.cells if c.text == "三、本年度办理结果")
    assert view.rowSpan(group.row, group.col) == group.rowspan > 20
    header = next(c for c in model.grid.cells if c.text == "申请人情况")
    assert view.columnSpan(header.row, header.col) == 7
    # Row heights leave room for the wrapped text of every label.
    assert all(view.rowHeight(r) >= view.fontMetrics().height() for r in range(model.rowCount()))


def test_editing_through_the_model_updates_totals_and_findings(open_window, repo):
    write_prose(repo, repo.create_report("某某区司法局", 2022))  # only the tables are at issue here
    window = open_window()
    view = table(window, "s3")
    model = view.table_model
    assert model.setData(cell_index(view, "s3.new:natural"), "5")
    assert model.setData(cell_index(view, "s3.new:commercial"), "２")  # full-width digit
    assert shown(view, "s3.new:total") == "7"
    doc = window.document
    assert [f.rule for f in doc.all_findings] == ["s3.balance", "s3.balance", "s3.balance"]
    # The first row is being typed: no column has figures on both sides yet, nothing is judged.
    assert doc.findings == [] and window.tabs.tabText(2) == "三、收到和处理政府信息公开申请情况"
    assert model.setData(cell_index(view, "s3.granted:natural"), "4")
    # Both sides of the 自然人 and 总计 columns hold figures now: judged; 商业企业 still waits.
    assert [f.cells[0] for f in doc.findings] == ["s3.new:natural", "s3.new:total"]
    assert window.tabs.tabText(2).endswith("（2）")
    assert model.setData(cell_index(view, "s3.granted:natural"), "5")
    assert model.setData(cell_index(view, "s3.granted:commercial"), "2")
    assert doc.all_findings == doc.findings == [] and window.tabs.tabText(2) == "三、收到和处理政府信息公开申请情况"
    assert shown(view, "s3.total:total") == "7"


def test_computed_cells_are_read_only_and_look_different(open_window):
    view = table(open_window(), "s4")
    model = view.table_model
    total = cell_index(view, "s4.review:total")
    plain = cell_index(view, "s4.review:upheld")
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(plain) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(total, "3")
    assert model.data(total, Qt.ItemDataRole.BackgroundRole) != model.data(plain, Qt.ItemDataRole.BackgroundRole)
    assert "自动合计" in model.data(total, Qt.ItemDataRole.ToolTipRole)


def test_refused_input_keeps_the_value_and_says_why(open_window, qtbot):
    window = open_window(year=2020)  # format 2019: has the signed 本年增/减
    view = table(window, "s2")
    model = view.table_model
    assert model.setData(cell_index(view, "s2.license:decisions"), "3")
    with qtbot.waitSignal(model.refused) as signal:
        assert not model.setData(cell_index(view, "s2.license:decisions"), "-1")
    assert "负数" in signal.args[0] and "行政许可·处理决定数量" in signal.args[0]
    assert shown(view, "s2.license:decisions") == "3"
    assert window.statusBar().currentMessage() == signal.args[0]
    assert model.setData(cell_index(view, "s2.license:change"), "－2")  # a minus sign is fine in 本年增/减
    assert shown(view, "s2.license:change") == "-2"
    assert model.setData(cell_index(view, "s2.procurement:amount"), "1,234.56789")
    assert window.document.report.cells["s2.procurement:amount"] == Decimal("1234.56789")
    assert any(f.rule == "value.places" for f in window.document.findings)  # the header asks for 4 places
    assert not model.setData(cell_index(view, "s2.procurement:amount"), "1.1234567")
    assert shown(view, "s2.procurement:amount") == "1234.56789"


def test_typing_enter_and_tab_move_like_a_spreadsheet(open_window, qtbot):
    window = open_window()
    view = table(window, "s3")
    type_into(qtbot, view, "s3.new:natural", "12")
    assert shown(view, "s3.new:natural") == "12"
    assert view.table_model.cell_id(view.currentIndex()) == "s3.carried_in:natural"  # Enter: down
    type_into(qtbot, view, "s3.new:other_org", "3", key=Qt.Key.Key_Tab)
    # Tab: right, skipping the computed 总计 column to the next row's first input cell.
    assert view.table_model.cell_id(view.currentIndex()) == "s3.carried_in:natural"
    assert shown(view, "s3.new:total") == "15"
    # Enter on the row above the computed 总计 row goes past it.
    type_into(qtbot, view, "s3.other.others:natural", "1")
    assert view.table_model.cell_id(view.currentIndex()) == "s3.carried_out:natural"
    # Without an editor, Enter just moves and Tab moves.
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.table_model.cell_id(view.currentIndex()) == "s3.carried_out:commercial"


def test_refused_typing_stays_on_the_cell(open_window, qtbot):
    window = open_window()
    view = table(window, "s3")
    type_into(qtbot, view, "s3.new:natural", "7")
    type_into(qtbot, view, "s3.new:natural", "abc")
    assert "「abc」" in window.statusBar().currentMessage()  # typing replaced the old value, as in a spreadsheet
    assert shown(view, "s3.new:natural") == "7"
    assert view.table_model.cell_id(view.currentIndex()) == "s3.new:natural"
    assert "不是数字" in window.statusBar().currentMessage()


def test_refused_typing_stays_on_the_cell_whichever_key_commits(open_window, qtbot):
    window = open_window()
    view = table(window, "s3")
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        type_into(qtbot, view, "s3.new:other_org", "-3", key=key)
        assert view.table_model.cell_id(view.currentIndex()) == "s3.new:other_org"
        assert "负数" in window.statusBar().currentMessage()
    type_into(qtbot, view, "s3.new:other_org", "3", key=Qt.Key.Key_Backtab)  # taken: Shift+Tab moves left
    assert shown(view, "s3.new:other_org") == "3"
    assert view.table_model.cell_id(view.currentIndex()) != "s3.new:other_org"


def test_a_cell_left_by_the_mouse_is_committed_and_a_refusal_said(open_window, qtbot):
    window = open_window()
    view = table(window, "s3")
    view.select_cell("s3.new:natural")
    qtbot.keyClicks(view, "x")
    editor = view.focusWidget()
    assert editor is not view
    view.select_cell("s3.new:commercial")  # the cursor moved away by a click: the editor commits as it closes
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert "不是数字" in window.statusBar().currentMessage()
    assert shown(view, "s3.new:natural") in ("", "0")


def test_enter_in_the_one_row_table_moves_right(open_window, qtbot):
    view = table(open_window(), "s4")
    type_into(qtbot, view, "s4.review:pending", "2")
    assert view.table_model.cell_id(view.currentIndex()) == "s4.suit_direct:upheld"  # 总计 skipped
    assert shown(view, "s4.review:total") == "2"


def test_arrow_keys_move_between_value_cells(open_window, qtbot):
    view = table(open_window(), "s3")
    view.select_cell("s3.new:other_org")
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.table_model.cell_id(view.currentIndex()) == "s3.new:total"  # arrows may visit totals
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.table_model.cell_id(view.currentIndex()) == "s3.carried_in:total"


def test_delete_sets_the_selection_to_zero_in_one_step(open_window, qtbot):
    window = open_window()
    view = table(window, "s4")
    model = view.table_model
    for cid, text in (("s4.review:upheld", "4"), ("s4.review:corrected", "5")):
        model.setData(cell_index(view, cid), text)
    view.select_cell("s4.review:upheld")
    view.selectionModel().select(QItemSelection(cell_index(view, "s4.review:upheld"), cell_index(view, "s4.review:total")),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert shown(view, "s4.review:upheld") == "0" and shown(view, "s4.review:corrected") == "0"
    window.document.undo_stack.undo()
    assert shown(view, "s4.review:total") == "9"


def test_a_long_afternoon_of_edits_does_not_wear_out_the_binding(open_window):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on void Qt calls and to True on each emit, until
    the interpreter aborts; pyproject.toml keeps that version out. This notices a binding that leaks again."""
    import gc
    import sys

    view = table(open_window(), "s3")
    model = view.table_model
    index = cell_index(view, "s3.new:natural")
    gc.collect()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(300):
        assert model.setData(index, str(i % 9 + 1))
    gc.collect()
    after = sys.getrefcount(None), sys.getrefcount(True)
    if sys.version_info < (3, 12):  # from 3.12 these objects are immortal and their counts mean nothing
        assert after[0] > before[0] - 100 and after[1] > before[1] - 100, (before, after)
