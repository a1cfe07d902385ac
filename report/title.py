"""The report's own name and its title, as the official formats head a report: 「<机关><年度>年政府信息公开工作年度报告」."""

from __future__ import annotations

NAME = "政府信息公开工作年度报告"


def title_parts(agency: str, year: int) -> tuple[str, str]:
    """The title as its two natural lines: the agency, then 「2024年政府信息公开工作年度报告」."""
    return agency.strip(), f"{year}年{NAME}"


def title(agency: str, year: int) -> str:
    """「某某市人民政府办公室2024年政府信息公开工作年度报告」."""
    return "".join(title_parts(agency, year))
