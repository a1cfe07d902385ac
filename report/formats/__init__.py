"""The registry of official formats, and which one a report year uses."""

from __future__ import annotations

from ..definition import Format
from .f2019 import FORMAT_2019
from .f2021 import FORMAT_2021

FORMATS: dict[str, Format] = {f.id: f for f in (FORMAT_2019, FORMAT_2021)}

# The report years this program takes, everywhere: a year typed, read from a file or stored.
FIRST_YEAR = 2008  # the year the 条例 took effect
LAST_YEAR = 2100


def year_problem(year: int, name: str = "年度") -> str | None:
    """What is wrong with `year` as a report year, as a Chinese sentence about `name`; None when it will do."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"{name}应在 {FIRST_YEAR}–{LAST_YEAR} 之间，现为 {year}"


def format_for_year(year: int) -> Format:
    """The format in force for a report on `year` (the newest whose first year is not after it)."""
    candidates = [f for f in FORMATS.values() if f.first_year <= year]
    if not candidates:
        # Reports before 2019 used older templates that this program does not model; the 2019 one is closest.
        return min(FORMATS.values(), key=lambda f: f.first_year)
    return max(candidates, key=lambda f: f.first_year)


def get_format(format_id: str) -> Format:
    return FORMATS[format_id]
