"""What an import tells the user: what it could not place, what it guessed, what the publication left blank."""

from __future__ import annotations

from dataclasses import dataclass

from report.checks import Finding, check
from report.model import Report

from .normalise import clean_cell

ERROR = "error"  # the report cannot be imported as it is: a number or table could not be placed
WARNING = "warning"  # imported, but the user must look: a guess, a blank, a misprinted label
INFO = "info"  # imported as published; said for completeness (ignored text, the signature's date)

LEVEL_NAMES = {ERROR: "错误", WARNING: "警告", INFO: "提示"}


@dataclass(frozen=True)
class Note:
    level: str
    where: str  # position in the source, Chinese (「第 40 行」); "" for the document as a whole
    message: str
    cells: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"{self.where}：" if self.where else ""
        return f"{LEVEL_NAMES[self.level]}：{where}{self.message}"


@dataclass
class ImportResult:
    report: Report | None  # None when an error note says why
    notes: list[Note]
    format_reason: str = ""  # how the format was chosen, for the user
    # Without a title: what the user must give ("agency", "year"), whether that is all that stops the import,
    # and what the document suggests (the year section 一 speaks of, the signature's name), never taken as is.
    missing: tuple[str, ...] = ()
    title_only: bool = False
    year_hint: int | None = None
    agency_hint: str | None = None
    # The cells the document was found to show (a value, or a total left blank), and those it shows but does not
    # determine (importer.document.UNREAD): a check of carried data against it leaves every other cell alone.
    read_cells: frozenset[str] = frozenset()
    unread_cells: frozenset[str] = frozenset()

    @property
    def errors(self) -> list[Note]:
        return [n for n in self.notes if n.level == ERROR]

    @property
    def warnings(self) -> list[Note]:
        return [n for n in self.notes if n.level == WARNING]

    @property
    def published_errors(self) -> list[Finding]:
        """The errors of the report as published (a total that is not the sum of its items …): imported as they
        stand, for the user to see."""
        return [f for f in check(self.report) if f.is_error] if self.report is not None else []

    @property
    def clean(self) -> bool:
        """Everything placed, nothing guessed."""
        return self.report is not None and not self.errors and not self.warnings


def brief(text: str, limit: int = 30) -> str:
    """A quotation of the source short enough for a message."""
    text = clean_cell(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
