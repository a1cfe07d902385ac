"""Reports the importer tests start from: the seed as typed by hand, and a 2021 report with every cell non-zero."""

from __future__ import annotations

from decimal import Decimal

from report import exchange
from report.calc import with_totals
from report.definition import Kind
from report.formats import FORMATS
from report.model import Report

from ..conftest import FIXTURES

# The seed's table printed these cells blank (its 本年度办理结果 rows up to （五）2 show only the total).
SEED_BLANK_ROWS = (
    "s3.granted", "s3.partial", "s3.withheld.state_secret", "s3.withheld.law_forbidden", "s3.withheld.security",
    "s3.withheld.third_party", "s3.withheld.internal", "s3.withheld.process", "s3.withheld.enforcement",
    "s3.withheld.inquiry", "s3.unavailable.not_held", "s3.unavailable.needs_creation", "s3.unavailable.unclear",
    "s3.declined.petition", "s3.declined.repeated",
)


def seed() -> Report:
    return exchange.read(FIXTURES / "seed_2020_xigong.json")


def seed_blanks() -> set[str]:
    fmt = FORMATS["2019"]
    return {f"{r}:{c.id}" for r in SEED_BLANK_ROWS for c in fmt.block_of_row(r).leaf_columns() if not c.total}


def full(format_id: str = "2021", year: int = 2022, preamble: bool = True) -> Report:
    """Every input cell a different non-zero number (so that a value in the wrong cell shows), totals true.
    `preamble`: with the preamble (导语), or as a report that prints none."""
    fmt = FORMATS[format_id]
    cells = {}
    for i, cid in enumerate(fmt.input_cells):
        kind = fmt.cells[cid].kind
        if kind is Kind.AMOUNT:
            cells[cid] = Decimal("1234.5678") + i
        elif kind is Kind.SIGNED:
            cells[cid] = -(i % 7) - 1
        else:
            cells[cid] = i + 1
    report = Report(
        agency="某某市某某区财政局",
        year=year,
        format_id=format_id,
        texts={
            # framed by render.docx_bytes (a one-cell table a line), as many agencies print their preamble
            "preamble": "本报告由某某市某某区财政局根据《中华人民共和国政府信息公开条例》编制。\n"
                        "报告所列数据的统计期限自1月1日起至12月31日止。如对本报告有疑问，请与本局办公室联系（电话：0123-4567890）。",
            "s1": "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》。\n（一）主动公开。全年主动公开信息 120 条。",
            "s5": "存在的问题：公开内容不够全面。\n改进措施：加强培训。",
            "s6": "本年度未收取信息处理费。",
        },
        cells=cells,
    )
    if not preamble:
        del report.texts["preamble"]
    for column in fmt.block_of_row("s3.new").leaf_columns():
        if not column.total:
            report.cells[f"s3.carried_in:{column.id}"] = 3
    return rebalanced(report)


def rebalanced(report: Report) -> Report:
    """The report with its totals computed and section 三's balance rule holding (新收 set to make it), as in a
    correct publication."""
    report = with_totals(report)
    for column in report.format.block_of_row("s3.new").leaf_columns():
        if not column.total:
            right = report.value(f"s3.total:{column.id}") + report.value(f"s3.carried_out:{column.id}")
            report.cells[f"s3.new:{column.id}"] = right - report.value(f"s3.carried_in:{column.id}")
    return with_totals(report)
