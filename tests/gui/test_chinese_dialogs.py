"""Qt's own dialogs speak Chinese whole, and fonts are shown by their names."""

from __future__ import annotations

import re
import struct

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QAbstractButton, QComboBox, QFileDialog, QGroupBox, QLabel

from gui import qt_chinese
from gui.font_names import font_name


@pytest.fixture
def chinese(qapp):
    """Qt's translations as the program installs them, taken away afterwards (other tests read Qt's English)."""
    from gui.app import install_chinese_translations

    install_chinese_translations(qapp)
    yield qapp
    for translator in qapp._zh_translators:
        qapp.removeTranslator(translator)
    qapp._zh_translators = []


def _english(widget) -> list[str]:
    """The texts a clerk reads in `widget` that still hold an English word (a mnemonic's letter aside)."""
    texts = [w.text() for w in widget.findChildren(QLabel)] + [w.text() for w in widget.findChildren(QAbstractButton)]
    texts += [w.title() for w in widget.findChildren(QGroupBox)] + [a.text() for a in widget.findChildren(QAction)]
    for combo in widget.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    texts = [t for t in texts if "(*." not in t]  # a file type's pattern (年报文件 (*.json)) is no English
    return [t for t in texts if re.search(r"[A-Za-z]{2,}", re.sub(r"\(&\w\)", "", t))]


def test_the_file_dialogs_labels_are_chinese(chinese):
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(None, "打开年报文件", "", "年报文件 (*.json)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, as on a Linux desktop without a portal
        dialog.setAcceptMode(mode)
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        # were 「Look in:」, 「Files of type:」 (Qt 6.8's catalogue has them without the shortcut letter)
        assert {"查找范围(&L)：", "查找范围："} & set(labels) and {"文件类型(&T)：", "文件类型："} & set(labels)
        assert [t for t in _english(dialog) if not t.startswith("/")] == []  # the folder shown is a path
        dialog.deleteLater()


def test_the_print_dialogs_are_chinese(chinese):
    printer = QPrinter()
    for dialog in (QPrintDialog(printer), QPrintPreviewDialog(printer)):
        assert _english(dialog) == []
        dialog.deleteLater()
    assert QCoreApplication.translate("QPageSetupWidget", "Page &order:") == "页面顺序(&O)："


def test_a_label_is_given_its_mnemonic_the_chinese_way():
    assert qt_chinese.mnemonic("Files of &type:") == ("Files of type:", "t")
    assert qt_chinese.mnemonic("Save && close") is None and qt_chinese.mnemonic("&a &b") is None
    assert qt_chinese.with_mnemonic("文件类型：", "t") == "文件类型(&T)："
    assert qt_chinese.with_mnemonic("另存为…", "a") == "另存为(&A)…"
    assert qt_chinese.with_mnemonic("打开", "o") == "打开(&O)"


def test_strings_neither_knows_are_left_to_qt(chinese):
    assert QCoreApplication.translate("NoSuchContext", "&Frobnicate:") == "&Frobnicate:"
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："  # the catalogue's own answer


def _font_with_names(records: list[tuple[int, int, str]]) -> bytes:
    """A file holding only a name table (all font_name reads): (name id, language, text) Windows records."""
    strings = b""
    entries = b""
    for name_id, language, text in records:
        encoded = text.encode("utf-16-be")
        entries += struct.pack(">HHHHHH", 3, 1, language, name_id, len(encoded), len(strings))
        strings += encoded
    table = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records)) + entries + strings
    header = struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0)
    directory = struct.pack(">4sIII", b"name", 0, 12 + 16, len(table))
    return header + directory + table


def test_a_font_is_named_in_chinese_when_it_has_a_chinese_name(tmp_path):
    path = tmp_path / "FZXBSJW.TTF"
    path.write_bytes(_font_with_names([(1, 0x0409, "FZXiaoBiaoSong-B05S"), (2, 0x0409, "Regular"),
                                       (1, 0x0804, "方正小标宋简体"), (2, 0x0804, "常规")]))
    assert font_name(path) == "方正小标宋简体"
    english = tmp_path / "font.ttf"
    english.write_bytes(_font_with_names([(1, 0x0409, "Some Serif"), (2, 0x0409, "Bold")]))
    assert font_name(english) == "Some Serif Bold"
    collection = tmp_path / "fonts.ttc"  # a collection: the first font's names
    inner = _font_with_names([(1, 0x0804, "仿宋"), (2, 0x0409, "Regular")])
    collection.write_bytes(b"ttcf" + struct.pack(">HHII", 1, 0, 1, 16) + inner.replace(
        struct.pack(">4sIII", b"name", 0, 28, len(inner) - 28), struct.pack(">4sIII", b"name", 0, 28 + 16, len(inner) - 28)))
    assert font_name(collection) == "仿宋"


def test_a_file_that_is_no_font_has_no_name(tmp_path):
    for data in (b"", b"\x00" * 64, b"ttcf" + b"\xff" * 40, b"not a font at all, just text\n" * 10):
        path = tmp_path / "x.ttf"
        path.write_bytes(data)
        assert font_name(path) is None
    assert font_name(tmp_path / "missing.ttf") is None
