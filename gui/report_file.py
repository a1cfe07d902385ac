"""文件 → 另存为… and 文件 → 打开文件…: the whole report as one file a clerk can carry (USB stick, mail) to another
PC and open there in this program, e.g. for the leader who approves it.

Underneath it is the contract's exchange file (UTF-8 JSON, `.json`), shown under the plain name 「年报文件」:
a private extension would add nothing a clerk can use, while the exchange format also goes through the command
line (check, export, db import) and any other program that reads the contract. Opening such a file puts the
report into the database, asking before it replaces one already there (gui/storing.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from export import kinds
from report import exchange
from report.model import Report

from . import exports, file_dialogs, settings

NAME = "年报文件"
SUFFIX = kinds.EXCHANGE.suffix
SAVE_FILTER = f"{NAME} (*{SUFFIX})"
OPEN_FILTER = f"{SAVE_FILTER};;所有文件 (*)"
SAVE_TITLE = "另存为年报文件"
OPEN_TITLE = "打开年报文件"


def save_as(parent: QWidget, report: Report) -> Path | None:
    """Ask where, write the report there atomically; the path written, or None (cancelled or refused, said)."""
    from export.layout import file_name  # deferred: the layout is loaded with a writer, not at start

    folder = settings.export_folder()
    proposed = folder / file_name(report, SUFFIX, folder)
    path = file_dialogs.save_file(parent, SAVE_TITLE, proposed, SAVE_FILTER)
    if path is None:
        return None
    settings.set_export_folder(path.parent)
    if not exports.write(parent, kinds.prepare(report, kinds.EXCHANGE), path):
        return None
    return path


def choose(parent: QWidget) -> Path | None:
    return file_dialogs.open_file(parent, OPEN_TITLE, settings.export_folder(), OPEN_FILTER)


def read(parent: QWidget, path: Path) -> Report | None:
    """The report in the file, or None with the reasons shown (a file of another kind, damaged, unreadable)."""
    try:
        return exchange.read(path)
    except exchange.ExchangeError as e:
        lines = "\n".join(f"• {p}" for p in e.problems)  # already cut to a readable few
        QMessageBox.warning(parent, OPEN_TITLE,
                            f"无法打开「{path.name}」：它不是本程序可以读取的年报文件。\n\n{lines}\n\n数据库未作任何修改。")
        return None
