"""What Qt's own Simplified Chinese catalogue (qtbase_zh_CN.qm) lacks, so that its dialogs speak Chinese whole.

Qt 6 gave many labels of its dialogs a keyboard mnemonic (「&Look in:」, 「Files of &type:」) while the zh_CN
catalogue still holds them without one (「Look in:」 → 查找范围：): such a label is looked up without its
mnemonic and given it back the Chinese way, 查找范围(&L)：. The few labels the catalogue has in no form are
translated here.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# (context, source) -> Chinese; found by opening every Qt dialog the program shows (file, print, page setup,
# print preview, message box) with a translator that records what nothing translates.
MISSING = {
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QPageSetupWidget", "Page &order:"): "页面顺序(&O)：",
    ("QPageSetupWidget", "Pages &per sheet:"): "每张纸页数(&P)：",
    ("QPrintSettingsOutput", "Page &Set:"): "页面集(&S)：",
}
ENDINGS = ("：", ":", "…", "...")


def with_mnemonic(chinese: str, key: str) -> str:
    """查找范围： and L -> 查找范围(&L)：, the mnemonic before a closing colon or ellipsis."""
    for ending in ENDINGS:
        if chinese.endswith(ending):
            return f"{chinese[:-len(ending)]}(&{key.upper()}){ending}"
    return f"{chinese}(&{key.upper()})"


def mnemonic(source: str) -> tuple[str, str] | None:
    """「Files of &type:」 -> ("Files of type:", "t"); None without a single mnemonic."""
    at = source.replace("&&", "\0\0").find("&")
    if at < 0 or at + 1 >= len(source) or "&" in source[at + 1:].replace("&&", ""):
        return None
    return source[:at] + source[at + 1:], source[at + 1]


class Gaps(QTranslator):
    """Asked before Qt's catalogue (installed after it); answers only what the catalogue lacks."""

    def __init__(self, catalogue: QTranslator, parent=None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue

    def isEmpty(self) -> bool:
        return False

    def translate(self, context, source, disambiguation=None, n=-1):
        if not source:
            return None
        known = MISSING.get((context, source))
        if known is not None:
            return known
        split = mnemonic(source) if "&" in source else None
        if split is None or self.catalogue.translate(context, source, disambiguation, n):
            return None  # None: not ours, Qt asks the next translator
        plain, key = split
        chinese = self.catalogue.translate(context, plain, disambiguation, n)
        return with_mnemonic(chinese, key) if chinese else None
