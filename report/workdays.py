"""Working days: Monday to Friday, except the State Council's public holidays, plus its 调休 make-up weekend days.

The holiday arrangements are announced each year by a 国务院办公厅 notice; those shipped here are the years whose
notices we have checked (SHIPPED). A clerk adds a newer year's arrangement as text (see `parse`), one day a line:
「2026-01-02 休」 or 「2026-01-04 班」.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

Day = datetime.date


def _days(first: str, last: str | None = None) -> list[Day]:
    start = Day.fromisoformat(first)
    end = Day.fromisoformat(last) if last else start
    return [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]


def _year(holidays: list[tuple[str, str | None]], workdays: list[str]) -> dict[Day, bool]:
    out: dict[Day, bool] = {}
    for first, last in holidays:
        out.update((d, False) for d in _days(first, last))
    out.update((Day.fromisoformat(d), True) for d in workdays)
    return out


# Day -> True (a working day, though maybe a weekend: 调休) or False (a holiday, though maybe a weekday).
SHIPPED: dict[int, dict[Day, bool]] = {
    2022: _year(  # 国办发明电〔2021〕11号
        [("2022-01-01", "2022-01-03"), ("2022-01-31", "2022-02-06"), ("2022-04-03", "2022-04-05"),
         ("2022-04-30", "2022-05-04"), ("2022-06-03", "2022-06-05"), ("2022-09-10", "2022-09-12"),
         ("2022-10-01", "2022-10-07")],
        ["2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09"],
    ),
    2023: _year(  # 国办发明电〔2022〕16号
        [("2022-12-31", "2023-01-02"), ("2023-01-21", "2023-01-27"), ("2023-04-05", None),
         ("2023-04-29", "2023-05-03"), ("2023-06-22", "2023-06-24"), ("2023-09-29", "2023-10-06")],
        ["2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08"],
    ),
    2024: _year(  # 国办发明电〔2023〕7号
        [("2024-01-01", None), ("2024-02-10", "2024-02-17"), ("2024-04-04", "2024-04-06"),
         ("2024-05-01", "2024-05-05"), ("2024-06-10", None), ("2024-09-15", "2024-09-17"),
         ("2024-10-01", "2024-10-07")],
        ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29",
         "2024-10-12"],
    ),
    2025: _year(  # 国办发明电〔2024〕12号
        [("2025-01-01", None), ("2025-01-28", "2025-02-04"), ("2025-04-04", "2025-04-06"),
         ("2025-05-01", "2025-05-05"), ("2025-05-31", "2025-06-02"), ("2025-10-01", "2025-10-08")],
        ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    ),
}

_LINE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s+(休|班)\s*$")


class CalendarError(ValueError):
    """A line of a clerk's holiday arrangement that cannot be read; the message is Chinese and names the line."""


def parse(text: str) -> dict[Day, bool]:
    """A holiday arrangement typed by a clerk: one day a line, 「2026-01-02 休」 or 「2026-01-04 班」; blank lines and
    lines starting with # are ignored."""
    out: dict[Day, bool] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _LINE.match(line.replace("\u3000", " "))
        if not m:
            raise CalendarError(f"第 {number} 行「{line.strip()[:30]}」无法识别，应写作「2026-01-02 休」或「2026-01-04 班」")
        try:
            day = Day(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise CalendarError(f"第 {number} 行的日期「{line.strip()[:30]}」不存在") from None
        out[day] = m[4] == "班"
    return out


def show(days: dict[Day, bool]) -> str:
    """The inverse of `parse`."""
    return "".join(f"{d.isoformat()} {'班' if work else '休'}\n" for d, work in sorted(days.items()))


@dataclass
class Calendar:
    """The shipped arrangements, overridden day by day by the clerk's own."""

    extra: dict[Day, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._days: dict[Day, bool] = {}
        for year in SHIPPED.values():
            self._days.update(year)
        self._days.update(self.extra)
        self._years = set(SHIPPED) | {d.year for d in self.extra}

    def is_workday(self, day: Day) -> bool:
        known = self._days.get(day)
        return known if known is not None else day.weekday() < 5

    def knows(self, year: int) -> bool:
        """Whether the holiday arrangement of `year` is shipped or was entered; other years count Monday–Friday."""
        return year in self._years

    def add_workdays(self, day: Day, n: int) -> Day:
        """The n-th working day after `day` (the day itself is not counted, as with every legal period)."""
        while n > 0:
            day += datetime.timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def workdays_between(self, first: Day, last: Day) -> int:
        """Working days after `first` up to and including `last` (negative when `last` is before `first`)."""
        if last < first:
            return -self.workdays_between(last, first)
        count, day = 0, first
        while day < last:
            day += datetime.timedelta(days=1)
            count += self.is_workday(day)
        return count
