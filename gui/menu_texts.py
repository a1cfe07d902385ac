"""Every text of the main window's menus, each with its access letter, as Chinese programs write it: the letter in
parentheses after the Chinese text, before the ellipsis (打开报告(&O)…). Alt and the menu's letter open the menu,
then the item's letter chooses it; so a letter is used once within its menu. gui/window_menus.py builds the menus
from these; the toolbar and tooltips show the same words without the letter (plain).
"""

from __future__ import annotations

import re

FILE, EDIT, TOOLS, SETTINGS, HELP = "文件(&F)", "编辑(&E)", "工具(&T)", "设置(&S)", "帮助(&H)"

# 文件
NEW = "新建报告(&N)…"
OPEN = "打开报告(&O)…"
OPEN_FILE = "打开文件(&F)…"
OPEN_DATABASE = "打开数据库(&D)…"
CONNECT = "连接共享数据库(&C)…"
SAVE = "保存(&S)"
SAVE_AS = "另存为(&A)…"
PREVIEW = "打印预览(&V)…"
PRINT = "打印(&P)…"
EXPORT = "导出(&E)"
IMPORT_PUBLISHED = "导入已发布的年报(&I)…"
IMPORT_CLIPBOARD = "从剪贴板导入已发布的年报(&B)"
CHECK_PUBLISHED = "核对已发布的版本(&K)…"
AGGREGATE = "汇总多份报告(&G)…"
FINAL, NOT_FINAL = "定稿(&L)", "取消定稿(&L)"  # one entry, named by the report's state
QUIT = "退出(&X)"

# 编辑
UNDO, REDO = "撤销(&U)", "重做(&Y)"  # followed by what they would undo or redo
COPY = "复制(&C)"
PASTE = "粘贴(&P)"
HISTORY = "修改记录(&H)…"
FIND = "查找(&F)…"
REPLACE = "替换(&R)…"
FIND_NEXT = "查找下一个(&N)"
FIND_PREVIOUS = "查找上一个(&V)"

# 工具
REVIEW = "批量审核(&R)…"
SIGNOFF = "审查单(&S)…"
CHART = "图解(&C)…"

# 设置, 帮助
FONTS = "导出字体(&F)…"
ABOUT = "关于(&A)"

# The toolbar's short texts, where they differ from the menu entry's words.
PDF_BUTTON = "导出 PDF"

_ACCESS = re.compile(r"\(&(.)\)|&(?=[^&])")


def plain(text: str) -> str:
    """The words alone: 打开报告(&O)… → 打开报告 (for a toolbar button or a tooltip)."""
    return without_letter(text).rstrip("…").strip()


def without_letter(text: str) -> str:
    """The text as read aloud: 另存为(&A)… → 另存为…"""
    return _ACCESS.sub("", text).replace("&&", "&")


def access_letter(text: str) -> str:
    """The letter after & ("" when there is none), upper case."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).upper() if found else ""


def with_letter(text: str, letter: str) -> str:
    """`text` with (&letter) after its words, before a closing ellipsis."""
    words, dots = (text[:-1], "…") if text.endswith("…") else (text, "")
    return f"{words}(&{letter}){dots}"


def lettered(texts: list[str], hints: list[str], taken: str = "") -> list[str]:
    """Access letters for entries made at run time (导出's kinds): each takes the first letter of its hint (then
    of its text, then of the alphabet) not taken by an entry before it."""
    used = set(taken.upper())
    out = []
    for text, hint in zip(texts, hints, strict=True):
        letter = next((c for c in f"{hint}{text}ABCDEFGHIJKLMNOPQRSTUVWXYZ".upper()
                       if "A" <= c <= "Z" and c not in used), "")
        used.add(letter)
        out.append(with_letter(text, letter) if letter else text)
    return out
