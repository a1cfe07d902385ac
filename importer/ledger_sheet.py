"""Reading a spreadsheet ledger of applications (依申请公开台账, .xlsx) into report.ledger records.

Agencies keep their registers in their own spreadsheets: the header row is found by its names (the known
wordings, full or half width, remarks in brackets ignored), applicant types and results are matched to the
format's labels, and dates are read in the ways clerks type them. A row that cannot be read is named with its
reason; nothing is guessed: a blank or unreadable required value is a problem, never a default.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from report.errors import UserFacingError
from report.formats import FIRST_YEAR, LAST_YEAR, format_for_year
from report.ledger import FIELD_NAMES, Application, Correction, Shape, problems, shape

from .normalise import clean_cell, label_key

# Field -> the header wordings seen in registers besides its own name (compared by key, so width and
# punctuation do not matter).
HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("编号", "申请编号", "受理编号", "登记编号", "申请号", "案件编号", "流水号"),
    "received": ("收到日期", "收到申请日期", "收到申请时间", "申请日期", "申请时间", "受理日期", "受理时间",
                 "收件日期", "登记日期"),
    "applicant_type": ("申请人类型", "申请人类别", "申请人性质", "申请主体类型"),
    "applicant": ("申请人", "申请人姓名", "申请人名称", "申请人姓名或名称", "申请人姓名名称"),
    "content": ("申请内容", "申请事项", "申请公开内容", "申请公开的内容", "所需信息", "所需政府信息", "申请信息内容"),
    "corrections_asked": ("补正告知日期", "补正日期", "告知补正日期", "补正通知日期"),
    "corrections_received": ("补正收到日期", "收到补正日期", "补正后收到日期", "补正完成日期"),
    "extended": ("延期", "是否延期", "延长答复期限", "延期答复"),
    "answered": ("答复日期", "答复时间", "办结日期", "办结时间", "告知日期"),
    "result": ("办理结果", "答复结果", "处理结果", "答复类型", "办理结果类型"),
    "fee": ("信息处理费", "收取信息处理费", "信息处理费金额", "收费金额"),
    "review": ("行政复议", "行政复议情况", "复议情况", "复议"),
    "suit": ("行政诉讼", "行政诉讼情况", "诉讼情况", "诉讼"),
}
REQUIRED = ("number", "received", "applicant_type", "result", "answered")

# Applicant types as registers write them, beside the format's own labels.
APPLICANT_WORDS: dict[str, tuple[str, ...]] = {
    "natural": ("公民", "个人", "自然人申请"),
    "commercial": ("企业", "公司"),
    "legal": ("律师事务所", "律师"),
    "other_org": ("其他组织", "其他法人或其他组织"),
}

_TRUE = {"是", "延期", "已延期", "√", "✓", "✔", "y", "yes", "1", "true"}
_FALSE = {"", "否", "未延期", "不延期", "无", "×", "n", "no", "0", "false", "-", "—", "/"}
_NO_FEE = {"", "无", "否", "0", "-", "—", "/", "不收费", "未收费", "免费"}
_BRACKETS = re.compile(r"[（(【\[][^（）()【】\[\]]*[）)】\]]")
_ENUM = re.compile(r"^\s*[（(]?(?:[一二三四五六七八九十]+|\d+)[)）]?[、.．:：]?\s*")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SPLIT = re.compile(r"[；;、,，\n]+")
EXCEL_EPOCH = datetime.date(1899, 12, 30)
HEADER_SEARCH_ROWS = 20  # the header row is among the first rows (a title and notes may come above it)


class LedgerSheetError(ValueError, UserFacingError):
    """The file as a whole cannot be used; one Chinese sentence."""


@dataclass
class SheetResult:
    applications: list[Application] = field(default_factory=list)
    bad_rows: list[str] = field(default_factory=list)  # 「第 N 行：reason」
    sheet: str = ""
    ignored_columns: list[str] = field(default_factory=list)

    def refusal(self, name: str) -> list[str]:
        """Why nothing of the sheet may be stored, one line each naming the file (`name`) and the sheet; none
        when it may. One unreadable row stops the whole import: the clerk corrects the sheet rather than finding
        half of it stored."""
        if self.bad_rows:
            return [f"{name}「{self.sheet}」{line}" for line in self.bad_rows] + [
                f"以上 {len(self.bad_rows)} 行无法读取，台账未导入，数据库未作任何改动；请改正后重新导入"]
        return [] if self.applications else [f"{name}「{self.sheet}」的表头下没有任何申请"]


def header_key(text: str) -> str:
    return label_key(_BRACKETS.sub("", clean_cell(text)))


_HEADER_KEYS = {header_key(w): f for f, words in HEADERS.items() for w in words}


def value_key(text: str) -> str:
    """A label without its numbering and bracketed remarks: 「（二）部分公开（区分处理的…）」→ 部分公开."""
    text = clean_cell(text)
    parts = [_ENUM.sub("", _BRACKETS.sub("", p)) for p in re.split(r"[-－—/／:：>＞·|]+", text)]
    return "/".join(label_key(p) for p in parts if label_key(p))


def read(path: str | Path) -> SheetResult:
    """Every application of the first sheet that has the ledger's header row."""
    import openpyxl  # ~0.2 s: only when a ledger is read
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    if not path.is_file():
        raise LedgerSheetError(f"找不到文件 {path}")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, EOFError):
        raise LedgerSheetError(f"{path.name} 不是可以读取的 Excel 工作簿（.xlsx）；旧版 .xls 或 .csv 文件请先在 "
                               "Excel 或 WPS 中另存为 .xlsx") from None
    except OSError as e:
        raise LedgerSheetError(f"无法打开 {path.name}：{e.strerror or e}") from None
    except Exception as e:  # a damaged zip or XML inside it
        raise LedgerSheetError(f"{path.name} 已损坏，无法读取（{type(e).__name__}）") from None
    try:
        missing_best: list[str] | None = None
        for ws in book.worksheets:
            rows = ws.iter_rows(values_only=True)
            for index, row in enumerate(rows, 1):
                if index > HEADER_SEARCH_ROWS:
                    break
                columns = _header(row)
                if not columns:
                    continue
                missing = [FIELD_NAMES[f] for f in REQUIRED if f not in columns]
                if missing:
                    if missing_best is None or len(missing) < len(missing_best):
                        missing_best = missing
                    continue
                result = SheetResult(sheet=ws.title)
                result.ignored_columns = [clean_cell(str(row[i])) for i in range(len(row))
                                          if row[i] not in (None, "") and i not in columns.values()]
                _rows(rows, index, columns, result)
                return result
        if missing_best:
            raise LedgerSheetError(f"{path.name} 的表头缺少必需的列：{'、'.join(missing_best)}")
        raise LedgerSheetError(f"{path.name} 中找不到台账的表头行（应有 {'、'.join(FIELD_NAMES[f] for f in REQUIRED)} 等列）")
    finally:
        book.close()


def _header(row: tuple) -> dict[str, int]:
    """Field -> column index, when the row names at least two fields; the first column of a name wins."""
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        if isinstance(cell, str):
            f = _HEADER_KEYS.get(header_key(cell))
            if f is not None and f not in found:
                found[f] = i
    return found if len(found) >= 2 else {}


def _rows(rows, header_index: int, columns: dict[str, int], out: SheetResult) -> None:
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, header_index + 1):
        values = {f: (row[i] if i < len(row) else None) for f, i in columns.items()}
        if all(_blank(v) for v in values.values()):
            continue  # an empty line between blocks, or the formatted rows below the last entry
        app, why = _application(values)
        if app is not None:
            if app.number in seen:
                why = [f"编号「{app.number}」与第 {seen[app.number]} 行重复"]
            else:
                seen[app.number] = number
                why = problems(app)
        if why:
            out.bad_rows.append(f"第 {number} 行：{'；'.join(why)}")
        else:
            out.applications.append(app)


def _application(v: dict) -> tuple[Application | None, list[str]]:
    why: list[str] = []

    def day(f: str, required: bool) -> datetime.date | None:
        raw = v.get(f)
        if _blank(raw):
            if required:
                why.append(f"{FIELD_NAMES[f]}为空")
            return None
        d = parse_date(raw)
        if d is None:
            why.append(f"{FIELD_NAMES[f]}「{_show(raw)}」不是可识别的日期")
        elif not FIRST_YEAR <= d.year <= LAST_YEAR:
            why.append(f"{FIELD_NAMES[f]} {d.isoformat()} 不在 {FIRST_YEAR}–{LAST_YEAR} 年之间")
            d = None
        return d

    number = _text(v.get("number"))
    if isinstance(v.get("number"), float) and v["number"].is_integer():
        number = str(int(v["number"]))
    if not number:
        why.append("编号为空")
    received = day("received", True)
    answered = day("answered", False)
    sh = shape(format_for_year((answered or received).year if (answered or received) else LAST_YEAR))
    applicant_type = None
    if _blank(v.get("applicant_type")):
        why.append("申请人类型为空")
    else:
        applicant_type = match_applicant(_text(v["applicant_type"]), sh)
        if applicant_type is None:
            choices = "、".join(label for _, label in sh.applicant_columns)
            why.append(f"申请人类型「{_show(v['applicant_type'])}」无法识别（可选：{choices}）")
    result = None
    if not _blank(v.get("result")):
        result = match_result(_text(v["result"]), sh)
        if result is None:
            why.append(f"办理结果「{_show(v['result'])}」不是{sh.format.name}表三的办理结果")
    corrections = _corrections(v.get("corrections_asked"), v.get("corrections_received"), why)
    extended = _flag(v.get("extended"), why)
    fee = _fee(v.get("fee"), why)
    if why or received is None or applicant_type is None:
        return None, why
    return Application(
        number=number, received=received, applicant_type=applicant_type, applicant=_text(v.get("applicant")),
        content=_text(v.get("content")), corrections=corrections, extended=extended, answered=answered,
        result=result, fee=fee, review=_text(v.get("review")), suit=_text(v.get("suit")),
    ), []


def parse_date(raw: object) -> datetime.date | None:
    """A date as a clerk types or Excel stores it: a date cell, an Excel serial number, 2025-3-1, 2025/03/01,
    2025.3.1, 2025年3月1日, 20250301. None when it is none of these or no such day exists."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if float(raw).is_integer() and 1 <= raw <= 2958465:  # 1900-01-01 … 9999-12-31
            if 19000101 <= raw <= 21001231:
                return parse_date(str(int(raw)))
            return EXCEL_EPOCH + datetime.timedelta(days=int(raw))
        return None
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    m = _DATE.match(text) or _COMPACT_DATE.match(text)
    if not m:
        return None
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def match_applicant(text: str, sh: Shape) -> str | None:
    key = value_key(text)
    for cid, label in sh.applicant_columns:
        if key in (value_key(label), *(value_key(w) for w in APPLICANT_WORDS.get(cid, ()))):
            return cid
    # A type qualified by a header group above it (「法人或其他组织-商业企业」, 「申请人情况/自然人」): the groups are
    # the format's own, the rest must name a column under that group.
    for cid, groups in sh.applicant_groups.items():
        for group in groups:
            prefix = value_key(group)
            if prefix and key.startswith(prefix) and key != prefix:
                rest = key[len(prefix):].lstrip("/")
                if rest and match_applicant(rest, sh) == cid:
                    return cid
    return None


def match_result(text: str, sh: Shape) -> str | None:
    """The result row `text` names: its own label, or a group's label and the row's (「不予公开-属于国家秘密」), or
    an unambiguous part of one label (「国家秘密」)."""
    key = value_key(text)
    if not key:
        return None
    leaf = key.rsplit("/", 1)[-1]
    group = key.rsplit("/", 1)[0] if "/" in key else ""
    exact = [r for r in sh.result_rows if leaf in {value_key(t) for t in (r.label, *r.misprints)}]
    if group:
        exact = [r for r in exact if group in _group_keys(sh, r.id)] or exact
    if len(exact) == 1:
        return exact[0].id
    if exact:
        return None  # 「其他」 alone with several such rows
    partial = [r for r in sh.result_rows if leaf in value_key(r.label)]
    return partial[0].id if len(partial) == 1 and len(leaf) >= 2 else None


def _group_keys(sh: Shape, row_id: str) -> set[str]:
    """Keys of the groups above a result row (「（三）不予公开」 → 不予公开)."""
    cell = next(c for c in sh.format.cells.values() if c.row.id == row_id)
    return {value_key(label) for label in cell.row_path[:-1]}


def _corrections(asked: object, received: object, why: list[str]) -> tuple[Correction, ...]:
    def days(raw: object, name: str) -> list[datetime.date]:
        if _blank(raw):
            return []
        parts = [raw] if not isinstance(raw, str) else [p for p in _SPLIT.split(raw) if p.strip()]
        out = []
        for p in parts:
            d = parse_date(p)
            if d is None:
                why.append(f"{name}「{_show(p)}」不是可识别的日期")
            else:
                out.append(d)
        return out

    asked_days = days(asked, FIELD_NAMES["corrections_asked"])
    received_days = days(received, FIELD_NAMES["corrections_received"])
    if len(received_days) > len(asked_days):
        why.append("补正收到日期比补正告知日期多")
        return ()
    return tuple(Correction(a, received_days[i] if i < len(received_days) else None)
                 for i, a in enumerate(asked_days))


def _flag(raw: object, why: list[str]) -> bool:
    if raw is True or raw is False:
        return raw
    text = _text(raw).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    why.append(f"延期「{_show(raw)}」应填「是」或「否」")
    return False


def _fee(raw: object, why: list[str]) -> Decimal:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = Decimal(str(raw))
    else:
        text = _text(raw).replace("元", "").replace(",", "").replace("，", "").strip()
        if text in _NO_FEE:
            return Decimal(0)
        try:
            value = Decimal(unicodedata.normalize("NFKC", text))
        except InvalidOperation:
            why.append(f"信息处理费「{_show(raw)}」不是金额（以元计）")
            return Decimal(0)
    if not value.is_finite() or value < 0:
        why.append(f"信息处理费「{_show(raw)}」不是金额（以元计）")
        return Decimal(0)
    return value


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not clean_cell(v))


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return clean_cell(str(v))


def _show(v: object) -> str:
    text = _text(v) if not isinstance(v, (datetime.date, datetime.datetime)) else str(v)
    return text if len(text) <= 30 else text[:30] + "…"
