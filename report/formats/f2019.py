"""Format 2019 (国办公开办函〔2019〕60号, 试行): reports on the years 2019 and 2020."""

from __future__ import annotations

from ..definition import CarryRule, Column, Format, Kind, Row, Table, Term
from .common import FEES_SECTION, S3_APPLICATIONS, S3_BALANCE, S3_CARRY, S4_APPEALS, s2_block, s3_table, sections

_PUBLICATION = (
    Column("made", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("total_public", "对外公开总数量", stock=True),
)
_ITEMS = (
    Column("prev_count", "上一年项目数量", stock=True),
    Column("change", "本年增/减", kind=Kind.SIGNED),
    Column("decisions", "处理决定数量"),
)

S2 = Table(
    (
        s2_block("第二十条第（一）项", (Row("s2.rules", "规章"), Row("s2.normative", "规范性文件")), _PUBLICATION),
        s2_block(
            "第二十条第（五）项",
            (Row("s2.license", "行政许可"), Row("s2.other_services", "其他对外管理服务事项")),
            _ITEMS,
        ),
        s2_block("第二十条第（六）项", (Row("s2.penalty", "行政处罚"), Row("s2.enforcement", "行政强制")), _ITEMS),
        s2_block("第二十条第（八）项", (Row("s2.fees", "行政事业性收费"),), _ITEMS[:2]),
        s2_block(
            "第二十条第（九）项",
            (Row("s2.procurement", "政府集中采购"),),
            (
                Column("projects", "采购项目数量"),
                Column("amount", "采购总金额（单位：万元，保留4位小数）", kind=Kind.AMOUNT, places=4),
            ),
        ),
    )
)

# 上一年项目数量 this year = last year's 上一年项目数量 + 本年增/减.
_ITEM_ROWS = ("s2.license", "s2.other_services", "s2.penalty", "s2.enforcement", "s2.fees")
_PREV_COUNT_CARRY = tuple(
    CarryRule("cross.s2.prev_count", f"{r}:prev_count", (Term(1, f"{r}:prev_count"), Term(1, f"{r}:change")))
    for r in _ITEM_ROWS
)

FORMAT_2019 = Format(
    id="2019",
    name="2019年版（国办公开办函〔2019〕60号）",
    first_year=2019,
    last_year=2020,
    sections=sections(
        s1_outline=(),
        s2=S2,
        s3=s3_table(Row("s3.other", "（六）其他处理")),
    ),
    balance_rules=(S3_BALANCE,),
    applications=S3_APPLICATIONS,
    appeals=S4_APPEALS,
    fees_section=FEES_SECTION,
    carry_rules=S3_CARRY + _PREV_COUNT_CARRY,
)
