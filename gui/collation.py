"""Agency names in the order a Chinese reader looks for them: by pinyin (阿, 北, 李, 张), not by code point.

Qt's QCollator does it with ICU's Chinese collation, whatever the machine's own locale is; the packaged
program's slimmed ICU data keeps that collation (resources/packaging/slim_icu.py), and --smoke-test checks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cmp_to_key

from PySide6.QtCore import QCollator, QLocale

_collator: QCollator | None = None


def _chinese() -> QCollator:
    global _collator
    if _collator is None:
        _collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedChineseScript,
                                      QLocale.Country.China))
        _collator.setNumericMode(True)  # 第2科 before 第10科
    return _collator


def pinyin_key() -> Callable[[str], object]:
    """A sort key for names."""
    return cmp_to_key(_chinese().compare)


def by_pinyin(names: Iterable[str]) -> list[str]:
    return sorted(names, key=pinyin_key())
