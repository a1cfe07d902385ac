"""Format 2021 (国办公开办函〔2021〕30号, issued 2021-09-26): reports on 2021 and later."""

from __future__ import annotations

from ..definition import CarryRule, Column, Format, Kind, Row, RowGroup, Table, Term
from .common import FEES_SECTION, S3_APPLICATIONS, S3_BALANCE, S3_CARRY, S4_APPEALS, s2_block, s3_table, sections

_DOCUMENTS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数", stock=True),
)
_DECISIONS = (Column("decisions", "本年处理决定数量", span=3),)

S2 = Table(
    (
        s2_block("第二十条第（一）项", (Row("s2.rules", "规章"), Row("s2.normative", "行政规范性文件")), _DOCUMENTS),
        s2_block("第二十条第（五）项", (Row("s2.license", "行政许可"),), _DECISIONS),
        s2_block("第二十条第（六）项", (Row("s2.penalty", "行政处罚"), Row("s2.enforcement", "行政强制")), _DECISIONS),
        s2_block(
            "第二十条第（八）项",
            (Row("s2.fees", "行政事业性收费"),),
            (Column("amount", "本年收费金额（单位：万元）", kind=Kind.AMOUNT, span=3),),
        ),
    )
)

_OTHER_HANDLING = RowGroup(
    "（六）其他处理",
    (
        Row(
            "s3.other.no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            misprints=("1.申请人无正当理由由逾期不补正、行政机关不再处理其政府信息公开申请",),  # 由 doubled, as in 4.
        ),
        Row("s3.other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        Row("s3.other.others", "3.其他"),
    ),
)

# 现行有效件数 is a stock: last year's, plus what this year issued, less what it repealed.
_IN_FORCE_CARRY = tuple(
    CarryRule(
        "cross.s2.in_force",
        f"{r}:in_force",
        (Term(1, f"{r}:in_force"), Term(1, f"{r}:issued", previous=False), Term(-1, f"{r}:repealed", previous=False)),
    )
    for r in ("s2.rules", "s2.normative")
)

S1_OUTLINE = (
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）政府信息公开平台建设",
    "（五）监督保障",
)

FORMAT_2021 = Format(
    id="2021",
    name="2021年版（国办公开办函〔2021〕30号）",
    first_year=2021,
    last_year=None,
    sections=sections(
        s1_outline=S1_OUTLINE,
        s2=S2,
        s3=s3_table(_OTHER_HANDLING),
        s6_hint="请说明本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况"
        "（收费件数和金额），未收取的也请写明。",
    ),
    balance_rules=(S3_BALANCE,),
    applications=S3_APPLICATIONS,
    appeals=S4_APPEALS,
    fees_section=FEES_SECTION,
    carry_rules=S3_CARRY + _IN_FORCE_CARRY,
)
