"""The outputs the 导出 menu offers: each one a `write(report, path)` in export/, shown only when it exists."""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Output:
    label: str  # menu text
    suffix: str
    filter: str  # file dialog filter
    modules: tuple[str, ...]  # where its writer may live, first found wins


OUTPUTS = (
    Output("交换文件（.json）…", ".json", "交换文件 (*.json)", ("export.exchange_file",)),
    Output("PDF 文件（.pdf）…", ".pdf", "PDF 文件 (*.pdf)", ("export.pdf",)),
    Output("Word 文档（.docx）…", ".docx", "Word 文档 (*.docx)", ("export.docx", "export.word")),
    Output("网页（.html）…", ".html", "网页 (*.html)", ("export.html", "export.web")),
    Output("电子表格（.xlsx）…", ".xlsx", "电子表格 (*.xlsx)", ("export.xlsx", "export.spreadsheet")),
)


def writer(output: Output) -> Callable | None:
    """The output's write(report, path), or None while that exporter has not been written."""
    for name in output.modules:
        try:
            if importlib.util.find_spec(name) is None:
                continue
            module = importlib.import_module(name)
        except ImportError:
            continue
        write = getattr(module, "write", None)
        if callable(write):
            return write
    return None


def available() -> list[tuple[Output, Callable]]:
    return [(o, w) for o in OUTPUTS if (w := writer(o)) is not None]
