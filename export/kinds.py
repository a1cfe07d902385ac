"""Every kind of output file, in one place: its suffix, its Chinese name, the module that writes it.

The command line (main.py export) and the window's 导出 menu both read this list; nothing else names a suffix.
A writer module has `write(report, path, **options)` (returning findings, or None) and may have
`findings(report, **options)`: what the user should know before the file is written (the PDF's font findings),
and `prepare(report, **options)` -> (findings, write(path)): both from one rendering, which the window uses
to ask about the findings and then write without rendering again.
Writers are imported only when used: ReportLab, python-docx and openpyxl are slow to import.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kept out of the import: main.py's argument parser reads this list at every start
    from report.checks import Finding
    from report.model import Report


@dataclass(frozen=True)
class Kind:
    suffix: str  # lower case, with the dot
    name: str  # Chinese, as menus and messages say it
    module: str
    # A document for readers (printed, published): the report's errors are pointed out before it is written.
    # The exchange file is not: it carries unfinished work between programs as it stands.
    document: bool = True
    options: tuple[str, ...] = ()  # keyword options the writer takes, e.g. the PDF's chosen fonts

    @property
    def filter(self) -> str:
        """A file dialog's name filter."""
        return f"{self.name} (*{self.suffix})"

    @property
    def label(self) -> str:
        """The menu entry."""
        return f"{self.name}（{self.suffix}）…"

    def writer(self) -> ModuleType:
        return importlib.import_module(self.module)


EXCHANGE = Kind(".json", "交换文件", "export.exchange_file", document=False)
PDF = Kind(".pdf", "PDF 文件", "export.pdf", options=("fonts",))
KINDS: tuple[Kind, ...] = (
    EXCHANGE,
    PDF,
    Kind(".docx", "Word 文档", "export.docx"),
    Kind(".html", "网页", "export.html"),
    Kind(".xlsx", "电子表格", "export.xlsx"),
)
SUFFIXES = tuple(k.suffix for k in KINDS)

def for_path(path) -> Kind | None:
    """The kind an output path asks for by its suffix (any case); None if no writer makes it."""
    suffix = Path(path).suffix.lower()
    return next((k for k in KINDS if k.suffix == suffix), None)


def unknown_message(path) -> str:
    return f"无法识别输出文件 {path} 的类型：扩展名应为 {'、'.join(SUFFIXES)} 之一"


def _options(kind: Kind, options: dict) -> dict:
    return {k: v for k, v in options.items() if k in kind.options and v is not None}


def findings(report: Report, kind: Kind, **options) -> list[Finding]:
    """What the writer of `kind` would report about `report` (nothing written); [] for most kinds."""
    module = kind.writer()
    check = getattr(module, "findings", None)
    return list(check(report, **_options(kind, options))) if check else []


@dataclass(frozen=True)
class Prepared:
    """A report made ready to write as `kind`: what the writer found, and the write itself (atomic)."""

    kind: Kind
    findings: list[Finding]
    write: Callable[[Path], object]


def prepare(report: Report, kind: Kind, **options) -> Prepared:
    """`findings` and then `write` of `report` as `kind`, rendered once where the writer can: what it writes is
    the report as it stood here."""
    module = kind.writer()
    options = _options(kind, options)
    ready = getattr(module, "prepare", None)
    if ready is not None:
        found, write_to = ready(report, **options)
        return Prepared(kind, list(found), write_to)
    return Prepared(kind, findings(report, kind, **options), lambda path: module.write(report, path, **options))


def write(report: Report, path, kind: Kind | None = None, **options) -> list[Finding]:
    """Write `report` to `path` atomically with the writer its suffix (or `kind`) names; options a writer does
    not take are ignored. Returns the writer's findings. Raises ValueError for an unknown suffix, a
    UserFacingError (a file that cannot be written, broken bundled fonts) when the file cannot be written."""
    kind = kind or for_path(path)
    if kind is None:
        raise ValueError(unknown_message(path))
    found = kind.writer().write(report, path, **_options(kind, options))
    return list(found or [])
