"""The report value: one agency, one year, one format; its texts and its cells as entered or published."""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field

from . import limits
from .definition import Format
from .formats import get_format, year_problem
from .values import ZERO, Value

MAX_AGENCY_CHARS = limits.AGENCY_CHARS

# The preamble (导语): the report's own paragraphs between its title and 一、总体情况 (who compiled it under which
# rules, the statistical period, where to ask). Not a section of either official format, so it lives beside them.
PREAMBLE = "preamble"
PREAMBLE_TITLE = "导语"


def text_ids(fmt: Format) -> tuple[str, ...]:
    """Every text a report of `fmt` holds, in printed order: the preamble, then the prose sections."""
    return (PREAMBLE, *(s.id for s in fmt.prose_sections))


def text_title(fmt: Format, text_id: str) -> str:
    """How messages name a text (or any section): 「导语」 or the section's title in the format."""
    if text_id == PREAMBLE:
        return PREAMBLE_TITLE
    return next((s.title for s in fmt.sections if s.id == text_id), text_id)


def agency_problem(agency: object, name: str = "机关名称") -> str | None:
    """What is wrong with an agency name, as a Chinese sentence about `name`; None when it will do."""
    if not isinstance(agency, str):
        return f"{name}应为文字"
    if not agency.strip():
        return f"{name}不能为空"
    if len(agency) > MAX_AGENCY_CHARS:
        return f"{name}最多 {MAX_AGENCY_CHARS} 个字，现有 {len(agency)} 个"
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in agency):
        return f"{name}中不能有换行、制表符等控制字符"
    invisible = list(dict.fromkeys(ch for ch in agency if unicodedata.category(ch) in _INVISIBLE))
    if invisible:
        codes = "、".join(f"U+{ord(ch):04X}" for ch in invisible[:5])
        return f"{name}中有不可见的控制字符（{codes}），常见于从网页或文档复制的文字，请删去后重新输入"
    return None


def agency_and_year_problems(agency: str | None, year: int | None, *, agency_name: str = "机关名称",
                             year_name: str = "年度") -> list[str]:
    """What is wrong with an agency and a year given together (either may be absent), both said at once."""
    found = (agency is not None and agency_problem(agency, agency_name),
             year is not None and year_problem(year, year_name))
    return [why for why in found if why]


# Format characters (bidirectional overrides such as U+202E, zero-width spaces, soft hyphens) and line or
# paragraph separators: invisible in a name, yet they can reverse how its titles read or make two names that
# look alike differ. No agency's name needs one.
_INVISIBLE = frozenset({"Cf", "Zl", "Zp"})


@dataclass
class Report:
    agency: str
    year: int
    format_id: str
    texts: dict[str, str] = field(default_factory=dict)  # preamble, s1, s5, s6; missing means empty
    # Cell id -> value. A missing input cell means 0; a missing computed cell means "compute it"; a computed
    # cell that is present keeps its published value so that checks can say where the publication was wrong.
    cells: dict[str, Value] = field(default_factory=dict)
    date: datetime.date | None = None  # 成文日期

    @property
    def format(self) -> Format:
        return get_format(self.format_id)

    def text(self, section_id: str) -> str:
        return self.texts.get(section_id, "")

    def value(self, cell_id: str) -> Value:
        """The cell as the report shows it: the given value, else the computed sum, else zero."""
        if cell_id in self.cells:
            return self.cells[cell_id]
        addends = self.format.computed.get(cell_id)
        if addends is not None:
            return sum((self.value(a) for a in addends), ZERO[self.format.cells[cell_id].kind])
        return ZERO[self.format.cells[cell_id].kind]
