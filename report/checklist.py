"""The reviewer's checklist: what a 政务公开办 or a third-party evaluator checks in a report before it is
published, as items with ids, each citing where the requirement comes from.

An item is judged by findings: the format's checks and quality warnings (report/checks.py, report/quality.py)
and the rules defined here that only a reviewer applies (五's problems and improvements, a government's
考核、社会评议和责任追究). `review` returns every finding; `judge` says, item by item, whether a report passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import deadline
from .checks import WARNING, Finding
from .model import Report
from .quality import _meaningful
from .quality import review as quality_review


@dataclass(frozen=True)
class Item:
    id: str
    title: str  # short, for a column heading
    source: str  # where the requirement is written down
    rules: tuple[str, ...]  # finding rule ids (or prefixes ending in ".") this item is judged by
    needs_previous: bool = False  # judged only against last year's report


ITEMS: tuple[Item, ...] = (
    Item("tables", "表格勾稽", "国办公开办函〔2021〕30号及〔2019〕60号格式的表格说明（合计、勾稽关系）",
         ("computed.", "value.", "s3.", "format.")),
    Item("parts", "内容完整", "《政府信息公开条例》第五十条（年度报告应当包括的内容）；格式规定的六个部分",
         ("quality.empty",)),
    Item("preamble", "导语", "国办公开办函〔2021〕30号格式：导语写明编制依据、统计期限和查询联系方式",
         ("quality.preamble",)),
    Item("overview", "总体情况五方面", "国办公开办函〔2021〕30号：总体情况从主动公开、依申请公开、政府信息管理、"
         "平台建设、监督保障等方面说明", ("quality.s1_outline",)),
    Item("problems", "问题与改进", "《政府信息公开条例》第五十条第（五）项；国办公开办函〔2021〕30号："
         "逐条列明存在的问题和改进措施，并说明上年度问题的整改情况", ("checklist.s5_",)),
    Item("fee", "信息处理费", "国办公开办函〔2021〕30号；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）："
         "第六部分说明收取信息处理费的情况，未收取的也应写明", ("quality.fee_",)),
    Item("assessment", "考核评议追究", "《政府信息公开条例》第五十条：各级人民政府的年度报告还应当包括工作考核、"
         "社会评议和责任追究结果情况", ("checklist.assessment",)),
    Item("deadline", "按时公布", "《政府信息公开条例》第四十九条：部门于每年1月31日前公布，本级政府于3月31日前公布",
         ("deadline.",)),
    Item("prose", "正文与表格一致", "国办公开办函〔2021〕30号格式：正文与统计表同属年度报告，所述数字应一致", ("quality.prose_number",)),
    Item("continuity", "与上年衔接", "国办公开办函〔2021〕30号表格说明：结转数、现行有效件数与上年报告衔接",
         ("cross.", "quality.year_jump", "quality.table_copied"), needs_previous=True),
    Item("copied", "未照搬上年", "国办公开办函〔2021〕30号：年度报告应反映本年度实际情况，不得照搬上年内容",
         ("quality.prose_copied",), needs_previous=True),
    Item("similar", "未雷同他机关", "国办公开办函〔2021〕30号：年度报告应反映本机关实际情况", ("review.similar",)),
)

# What 五 must say, by format id: words naming a problem, words naming an improvement, and words that report on
# last year's problems. Both formats title 五 「存在的主要问题及改进情况」; the 30号 notes ask in addition what
# became of the problems the last report named.
S5_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    fid: {
        "problems": ("问题", "不足", "短板", "差距", "薄弱", "不够", "有待", "不及时", "不到位", "不规范", "滞后", "欠缺"),
        "measures": ("改进", "整改", "措施", "加强", "下一步", "将进一步", "提升", "完善", "推进", "为此", "今后",
                     "将继续", "将探索", "将着力", "将持续", "将加大", "将采取"),
        "last_year": ("上年", "上一年", "去年", "前一年度"),
    }
    for fid in ("2019", "2021")
}
# The formats whose notes ask 五 to say what became of last year's problems.
S5_LAST_YEAR_FORMATS = frozenset({"2021"})

# 条例 第五十条: what a government's report adds, as the words that show each part was reported.
ASSESSMENT_PARTS = (("工作考核", ("考核",)), ("社会评议", ("评议", "测评", "满意度")), ("责任追究", ("责任追究", "追责", "问责")))

_CLAUSE = re.compile(r"[。；;！？!?\n]")


def review(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding the checklist is judged by: the format's checks, the quality warnings and the reviewer's
    own rules; errors first."""
    findings = quality_review(report, previous) + problems_and_measures(report) + assessment(report)
    return sorted(findings, key=lambda f: not f.is_error)


def problems_and_measures(report: Report) -> list[Finding]:
    """五 names problems, pairs them with improvements, and (2021 format) says what became of last year's."""
    fmt = report.format
    section = fmt.section("s5")
    text = report.text("s5")
    if not _meaningful(text):
        return []  # an empty 五 is quality.empty's finding
    words = S5_WORDS.get(fmt.id, S5_WORDS["2021"])
    # Last year named by its number too: 「针对2020年政府信息公开中存在的问题，积极整改」 in the report on 2021.
    last_year = (*words["last_year"], f"{report.year - 1}年")
    out = []
    # What is said about last year's problems is not this year's pairing of problems and improvements.
    this_year = "。".join(c for c in _CLAUSE.split(text) if not any(w in c for w in last_year))
    has_problems = any(w in this_year for w in words["problems"])
    has_measures = any(w in this_year for w in words["measures"])
    if not has_problems or not has_measures:
        lacking = "存在的问题" if not has_problems else "改进措施"
        out.append(Finding(WARNING, "checklist.s5_pairing", ("s5",),
                           f"「{section.title}」未写明{lacking}；应逐条列出问题，并对应写明改进措施"))
    if fmt.id in S5_LAST_YEAR_FORMATS and not any(
        w in clause and any(v in clause for v in ("问题", "整改", "改进", "落实"))
        for clause in _CLAUSE.split(text) for w in last_year
    ):
        out.append(Finding(WARNING, "checklist.s5_last_year", ("s5",),
                           f"「{section.title}」未说明上年度报告所列问题的整改情况"))
    return out


def assessment(report: Report) -> list[Finding]:
    """A government's report (not a department's) reports 工作考核、社会评议和责任追究 (条例 第五十条)."""
    if deadline.scope_for(report.agency) is not deadline.Scope.GOVERNMENT:
        return []
    text = "\n".join(report.text(s.id) for s in report.format.prose_sections)
    missing = [name for name, words in ASSESSMENT_PARTS if not any(w in text for w in words)]
    if not missing:
        return []
    return [Finding(WARNING, "checklist.assessment", ("s1", "s6"),
                    f"本级人民政府的年度报告应包括工作考核、社会评议和责任追究结果情况，未见{'、'.join(missing)}的内容")]


# Verdicts of one item for one report.
PASS, FAIL, NOT_APPLICABLE = "pass", "fail", "n/a"


def matches(item: Item, rule: str) -> bool:
    return any(rule == r or (r.endswith((".", "_")) and rule.startswith(r)) for r in item.rules)


def judge(findings: list[Finding], has_previous: bool, applies: set[str] | None = None) -> dict[str, tuple[str, int]]:
    """Item id -> (verdict, how many findings). `applies`: item ids that apply though they need something the
    single report does not have (similarity among the inputs is judged by the caller)."""
    out = {}
    for item in ITEMS:
        hits = sum(1 for f in findings if matches(item, f.rule))
        applicable = (has_previous or not item.needs_previous) and (item.id != "similar" or (applies and "similar" in applies))
        out[item.id] = (FAIL if hits else PASS if applicable else NOT_APPLICABLE, hits)
    return out


def item_of(rule: str) -> Item | None:
    return next((i for i in ITEMS if matches(i, rule)), None)
