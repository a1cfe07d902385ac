"""The registry of official formats, and which one a report year uses."""

from __future__ import annotations

from ..definition import Format
from .f2019 import FORMAT_2019
from .f2021 import FORMAT_2021

FORMATS: dict[str, Format] = {f.id: f for f in (FORMAT_2019, FORMAT_2021)}

FIRST_YEAR = 2008  # the year the 条例 took effect
LAST_YEAR = 2100


def format_for_year(year: int) -> Format:
    """The format in force for a report on `year` (the newest whose first year is not after it)."""
    candidates = [f for f in FORMATS.values() if f.first_year <= year]
    if not candidates:
        # Reports before 2019 used older templates that this program does not model; the 2019 one is closest.
        return min(FORMATS.values(), key=lambda f: f.first_year)
    return max(candidates, key=lambda f: f.first_year)


def get_format(format_id: str) -> Format:
    return FORMATS[format_id]
