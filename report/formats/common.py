"""The parts both official formats share: section titles, the table of applications (三) up to its （六） row,
the review and litigation table (四), and the rules that go with them."""

from __future__ import annotations

from typing import Any

from ..definition import (
    AppealRows,
    ApplicationRows,
    BalanceRule,
    Block,
    CarryRule,
    Column,
    ColumnGroup,
    Row,
    RowGroup,
    RowNode,
    Section,
    Table,
    Term,
)

TITLES = {
    "s1": "一、总体情况",
    "s2": "二、主动公开政府信息情况",
    "s3": "三、收到和处理政府信息公开申请情况",
    "s4": "四、政府信息公开行政复议、行政诉讼情况",
    "s5": "五、存在的主要问题及改进情况",
    "s6": "六、其他需要报告的事项",
}

S3_COLUMNS = (
    ColumnGroup(
        "申请人情况",
        (
            Column("natural", "自然人"),
            ColumnGroup(
                "法人或其他组织",
                (
                    Column("commercial", "商业企业"),
                    Column("research", "科研机构"),
                    Column("nonprofit", "社会公益组织"),
                    Column("legal", "法律服务机构"),
                    Column("other_org", "其他"),
                ),
            ),
            Column("total", "总计", total=True),
        ),
    ),
)

S3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def s3_table(other_handling: RowNode) -> Table:
    """Section 三; the formats differ only in the （六）其他处理 row(s)."""
    results = RowGroup(
        "三、本年度办理结果",
        (
            Row("s3.granted", "（一）予以公开"),
            Row("s3.partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            RowGroup(
                "（三）不予公开",
                (
                    Row("s3.withheld.state_secret", "1.属于国家秘密"),
                    Row("s3.withheld.law_forbidden", "2.其他法律行政法规禁止公开", misprints=("2.其他法律法规禁止公开",)),
                    Row("s3.withheld.security", "3.危及“三安全一稳定”"),
                    Row("s3.withheld.third_party", "4.保护第三方合法权益"),
                    Row("s3.withheld.internal", "5.属于三类内部事务信息"),
                    Row("s3.withheld.process", "6.属于四类过程性信息"),
                    Row("s3.withheld.enforcement", "7.属于行政执法案卷"),
                    Row("s3.withheld.inquiry", "8.属于行政查询事项"),
                ),
            ),
            RowGroup(
                "（四）无法提供",
                (
                    Row("s3.unavailable.not_held", "1.本机关不掌握相关政府信息"),
                    Row("s3.unavailable.needs_creation", "2.没有现成信息需要另行制作"),
                    Row("s3.unavailable.unclear", "3.补正后申请内容仍不明确"),
                ),
            ),
            RowGroup(
                "（五）不予处理",
                (
                    Row("s3.declined.petition", "1.信访举报投诉类申请"),
                    Row("s3.declined.repeated", "2.重复申请"),
                    Row("s3.declined.publication", "3.要求提供公开出版物"),
                    Row("s3.declined.excessive", "4.无正当理由大量反复申请", misprints=("4.无正当理由由大量反复申请",)),
                    Row("s3.declined.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
                ),
            ),
            other_handling,
            Row("s3.total", "（七）总计", total=True),
        ),
    )
    rows = (
        Row("s3.new", "一、本年新收政府信息公开申请数量"),
        Row("s3.carried_in", "二、上年结转政府信息公开申请数量"),
        results,
        Row("s3.carried_out", "四、结转下年度继续办理"),
    )
    return Table((Block(rows=rows, columns=S3_COLUMNS, corner=S3_NOTE),))


S3_BALANCE = BalanceRule(
    id="s3.balance",
    left=("s3.new", "s3.carried_in"),
    right=("s3.total", "s3.carried_out"),
    left_text="第一项加第二项之和",
    right_text="第三项加第四项之和",
)

S3_APPLICATIONS = ApplicationRows(
    new="s3.new", carried_in="s3.carried_in", results_total="s3.total", carried_out="s3.carried_out"
)

S3_APPLICANT_COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other_org")

# This year's 上年结转 is last year's 结转下年度继续办理, column by column (the total follows by itself).
S3_CARRY = tuple(
    CarryRule("cross.s3.carried_in", f"s3.carried_in:{c}", (Term(1, f"s3.carried_out:{c}"),))
    for c in S3_APPLICANT_COLUMNS
)

S4_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计", total=True),
)

S4_TABLE = Table(
    (
        Block(
            rows=(
                Row("s4.review", "行政复议"),
                RowGroup(
                    "行政诉讼",
                    (
                        Row("s4.suit_direct", "未经复议直接起诉"),
                        Row("s4.suit_after_review", "复议后起诉"),
                    ),
                ),
            ),
            columns=S4_COLUMNS,
            across=True,
        ),
    )
)

# 信息处理费 are stated in 六 (其他需要报告的事项), not counted in 表二's 行政事业性收费: the fee is charged for
# answering an application (国办函〔2020〕109号), not an administrative charge of the agency's own.
FEES_SECTION = "s6"

# How a ledger's note of a review or a suit reads (「复议维持」, 「法院判决撤销原答复」, 「审理中」); 驳回 is the
# applicant's claim dismissed, the agency's answer standing.
S4_APPEALS = AppealRows(
    review="s4.review",
    suit_direct="s4.suit_direct",
    suit_after_review="s4.suit_after_review",
    outcomes=(
        ("pending", ("尚未审结", "未审结", "未结", "审理中", "审查中", "待审", "正在审")),
        ("corrected", ("纠正", "撤销", "确认违法", "责令", "变更", "重新答复", "重新作出")),
        ("upheld", ("维持", "驳回")),
    ),
    otherwise="other",
)

# The wordings agencies really print (an added 政府信息公开工作, 整改 for 改进); anything else of the same number
# and meaning is found by MEANINGS.
ALIASES = {
    "s1": ("一、政府信息公开工作总体情况", "一、政府信息公开总体情况", "一、基本情况", "一、概述"),
    "s2": ("二、主动公开政府信息", "二、主动公开情况", "二、政府信息主动公开情况"),
    "s3": ("三、收到和处理政府信息公开申请", "三、依申请公开政府信息情况", "三、依申请公开情况"),
    "s4": ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "四、因政府信息公开申请行政复议、提起行政诉讼情况",
           "四、政府信息公开行政复议和行政诉讼情况", "四、因政府信息公开申请行政复议、行政诉讼情况"),
    "s5": ("五、存在的主要问题及整改措施", "五、存在的主要问题及整改情况", "五、存在的主要问题及改进措施",
           "五、政府信息公开工作存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及整改措施",
           "五、存在的问题及改进措施", "五、存在的主要问题和改进情况"),
    "s6": ("六、其他需要报告的事项", "六、其他事项", "六、其他需要报告事项"),
}

MEANINGS = {
    "s1": (("总体",), ("概述",), ("概况",), ("基本情况",)),
    "s2": (("主动公开",),),
    "s3": (("申请",),),
    "s4": (("复议",), ("诉讼",)),
    "s5": (("问题",), ("改进",), ("整改",), ("不足",)),
    "s6": (("其他",), ("其它",)),
}


def sections(s1_outline: tuple[str, ...], s2: Table, s3: Table, s6_hint: str = "") -> tuple[Section, ...]:
    def section(sid: str, **kw: Any) -> Section:
        aliases = tuple(a for a in ALIASES[sid] if a != TITLES[sid])
        return Section(sid, TITLES[sid], aliases=aliases, meaning=MEANINGS[sid], **kw)

    return (
        section("s1", outline=s1_outline),
        section("s2", table=s2),
        section("s3", table=s3),
        section("s4", table=S4_TABLE),
        section("s5"),
        section("s6", hint=s6_hint),
    )


# Column trees of section 二 are flat; this is the header over its row labels.
S2_CORNER = "信息内容"


def s2_block(title: str, rows: tuple[Row, ...], columns: tuple[Column, ...]) -> Block:
    return Block(rows=rows, columns=columns, title=title, corner=S2_CORNER)
