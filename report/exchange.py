"""The exchange file (.json): one report per file, read with strict validation, written byte-stable.

The contract is ../shared/spec/contract.md: scripts at supervising offices read these files, so every problem
is named precisely (which key or cell, what is wrong, what is allowed) and nothing is silently dropped.
"""

from __future__ import annotations

import datetime
import errno
import json
import os
import re
import unicodedata
from decimal import Decimal
from typing import Any, TypeGuard

from . import limits
from .definition import Format, Kind
from .errors import UserFacingError
from .formats import FORMATS, format_for_year, year_problem
from .model import PREAMBLE, Report, agency_problem, text_ids
from .values import Value, show

SCHEMA = "gov-info-annual-report"
SCHEMA_VERSION = 2  # 2 adds texts.preamble; version 1 files are read unchanged
MAX_FILE_BYTES = limits.EXCHANGE_BYTES
MAX_TEXT_CHARS = limits.TEXT_CHARS
MAX_NUMBER_CHARS = limits.NUMBER_CHARS
MAX_PROBLEMS = 20

KEYS = ("schema", "schema_version", "format", "agency", "year", "date", "texts", "cells", "exported_at", "generator")
REQUIRED = ("schema", "schema_version", "agency", "year")


class ExchangeError(ValueError, UserFacingError):
    """The file cannot be used. `problems` are Chinese sentences, each naming the key or cell at fault."""

    def __init__(self, problems: list[str]):
        self.problems = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            self.problems.append(f"……另有 {len(problems) - MAX_PROBLEMS} 处问题未列出")
        super().__init__("；".join(self.problems))

    @property
    def lines(self) -> list[str]:
        return list(self.problems)


# ---------------------------------------------------------------------------------------------------- reading


def read(path: str | os.PathLike[str]) -> Report:
    """Read an exchange file; ExchangeError (Chinese) for anything unusable, including I/O problems."""
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ExchangeError([f"找不到文件 {path}"]) from None
    except IsADirectoryError:
        raise ExchangeError([f"{path} 是文件夹，不是交换文件"]) from None
    except PermissionError:
        raise ExchangeError([f"没有读取 {path} 的权限"]) from None
    except OSError as e:
        if e.errno == errno.ENAMETOOLONG:
            raise ExchangeError([f"无法读取 {path}：文件名或路径太长"]) from None
        raise ExchangeError([f"无法读取 {path}：{e.strerror or e}"]) from None
    return loads(data)


def loads(data: bytes | str) -> Report:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_FILE_BYTES:
        raise ExchangeError([f"文件过大（超过 {MAX_FILE_BYTES // (1024 * 1024)} MB），不是本程序写出的交换文件"])
    if data.startswith(b"\xef\xbb\xbf"):
        raise ExchangeError(["文件以字节顺序标记（BOM）开头；交换文件应为不带 BOM 的 UTF-8 编码，请用“另存为 UTF-8（无 BOM）”重新保存"])
    if not data.strip():
        raise ExchangeError(["文件是空的"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if data[e.start:].rstrip() == data[e.start:e.end] and e.reason == "unexpected end of data":
            # Cut off inside a character (a copy or download broken off): the encoding is not the problem.
            raise ExchangeError([f"文件在第 {e.start + 1} 个字节处意外结束，内容不完整（可能被截断），"
                                 "请重新复制或导出"]) from None
        raise ExchangeError([f"文件不是 UTF-8 编码（第 {e.start + 1} 个字节无法识别）；请以 UTF-8 编码保存"]) from None
    try:
        doc = json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as e:
        if e.pos >= len(text.rstrip()) and e.msg != "Extra data":
            raise ExchangeError([f"JSON 格式错误：文件在第 {e.lineno} 行意外结束，内容不完整（可能被截断）"]) from None
        raise ExchangeError([f"JSON 格式错误：第 {e.lineno} 行第 {e.colno} 列{_json_reason(e.msg)}"]) from None
    except _JsonProblem as e:
        raise ExchangeError([str(e)]) from None
    except RecursionError:
        raise ExchangeError([f"JSON 嵌套层数过多（超过 {limits.JSON_DEPTH} 层），不是交换文件"]) from None
    except ValueError as e:  # e.g. an integer with thousands of digits
        raise ExchangeError([f"JSON 中有无法读取的数值（{_digits_reason(e)}）"]) from None
    if _depth(doc) > limits.JSON_DEPTH:
        raise ExchangeError([f"JSON 嵌套层数过多（超过 {limits.JSON_DEPTH} 层），不是交换文件"])
    return from_dict(doc)


def _depth(doc: Any) -> int:
    """How deeply `doc` nests, measured without recursion (the parser allows some thousand levels)."""
    deepest = 0
    stack = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        elif not isinstance(value, list):
            continue
        deepest = max(deepest, depth)
        if depth <= limits.JSON_DEPTH:  # deeper is refused anyway: stop counting
            stack.extend((v, depth + 1) for v in value)
    return deepest


class _JsonProblem(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _JsonProblem(f"文件中有 {name}，这不是合法的数值；请填写具体数字")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _JsonProblem(f"键「{key}」出现了不止一次，无法确定应取哪个值")
        out[key] = value
    return out


_JSON_REASONS = {
    "Expecting value": "：此处缺少值（文件可能不完整）",
    "Expecting ',' delimiter": "：缺少逗号（文件可能不完整）",
    "Expecting ':' delimiter": "：缺少冒号",
    "Expecting property name enclosed in double quotes": "：键名应放在英文双引号中（或多了一个逗号）",
    "Unterminated string starting at": "：字符串没有结束（缺少右引号，文件可能不完整）",
    "Extra data": "：JSON 内容结束后还有多余的内容",
    "Invalid control character at": "：字符串中有控制字符",
    "Invalid \\escape": "：无效的转义序列",
    "Invalid \\uXXXX escape": "：无效的 \\u 转义序列",
}


def _json_reason(msg: str) -> str:
    for key, reason in _JSON_REASONS.items():
        if msg.startswith(key):
            return reason
    return "：不是合法的 JSON"


def _digits_reason(e: ValueError) -> str:
    return "数字位数过多" if "digits" in str(e) else "格式不正确"


def from_dict(doc: Any) -> Report:
    """Validate a parsed document and build the report; every problem is collected, not just the first."""
    if not isinstance(doc, dict):
        raise ExchangeError([f"文件的最外层应为 JSON 对象（{{…}}），现为{_type_name(doc)}"])
    problems: list[str] = []
    unknown = [k for k in doc if k not in KEYS]
    if unknown:
        problems.append(f"未知的键：{'、'.join(_quote(k) for k in unknown)}；允许的键为 {'、'.join(KEYS)}")
    missing = [k for k in REQUIRED if k not in doc]
    if missing:
        problems.append(f"缺少必需的键：{'、'.join(missing)}")

    if "schema" in doc and doc["schema"] != SCHEMA:
        problems.append(f"schema 应为 \"{SCHEMA}\"，现为 {_brief(doc['schema'])}：这不是政府信息公开年报交换文件")
    version = SCHEMA_VERSION
    if "schema_version" in doc:
        version = doc["schema_version"]
        if not _is_int(version):
            problems.append(f"schema_version 应为整数 1 或 {SCHEMA_VERSION}，现为{_type_name(version)} {_brief(version)}")
        elif version > SCHEMA_VERSION:
            raise ExchangeError(
                [f"此文件由更新版本的程序写出（schema_version {version}），本程序只能读取版本 {SCHEMA_VERSION}；请升级程序"]
            )
        elif version < 1:
            problems.append(f"schema_version 应为 1 或 {SCHEMA_VERSION}，现为 {version}")

    agency = doc.get("agency")
    if "agency" in doc:
        agency_problem = _agency_problem(agency)
        if agency_problem:
            problems.append(agency_problem)

    year = doc.get("year")
    if "year" in doc:
        if not _is_int(year):
            problems.append(f"year 应为整数年份，现为{_type_name(year)} {_brief(year)}")
            year = None
        elif problem := year_problem(year, "year（年度）"):
            problems.append(problem)
            year = None

    fmt = None
    if "format" in doc:
        if not isinstance(doc["format"], str) or doc["format"] not in FORMATS:
            problems.append(f"format 应为 {' 或 '.join(_quote(f) for f in FORMATS)}，现为 {_brief(doc['format'])}")
        else:
            fmt = FORMATS[doc["format"]]
    elif year is not None:
        fmt = format_for_year(year)

    date = None
    if "date" in doc:
        date = _date(doc["date"], problems)
    for key in ("exported_at", "generator"):
        if key in doc:
            _optional_string(key, doc[key], problems)

    texts: dict[str, str] = {}
    if "texts" in doc:
        texts = _texts(doc["texts"], fmt, problems, version if _is_int(version) else SCHEMA_VERSION)

    cells: dict[str, Value] = {}
    if "cells" in doc:
        cells = _cells(doc["cells"], fmt, problems)

    if problems:
        raise ExchangeError(problems)
    assert fmt is not None and isinstance(year, int) and isinstance(agency, str)
    return Report(agency=agency, year=year, format_id=fmt.id, texts=texts, cells=cells, date=date)


def _agency_problem(agency: Any) -> str | None:
    if not isinstance(agency, str):
        return f"agency（机关名称）应为文字，现为{_type_name(agency)}"
    return agency_problem(agency, "agency（机关名称）")


def _date(value: Any, problems: list[str]) -> datetime.date | None:
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(f"date（成文日期）应为 YYYY-MM-DD 形式的有效日期，现为 {_brief(value)}")
    return None


def _optional_string(key: str, value: Any, problems: list[str]) -> None:
    if not isinstance(value, str) or len(value) > 200:
        problems.append(f"{key} 应为不超过 200 字的文字，现为{_type_name(value)}")
    elif key == "exported_at":
        try:
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            problems.append(f"exported_at 应为 ISO 格式的时间（如 2021-01-20T09:30:00+08:00），现为 {_brief(value)}")


def _texts(value: Any, fmt: Format | None, problems: list[str], version: int) -> dict[str, str]:
    if not isinstance(value, dict):
        problems.append(f"texts 应为 JSON 对象（{{\"preamble\": …, \"s1\": …, \"s5\": …, \"s6\": …}}），现为{_type_name(value)}")
        return {}
    sections = [s.id for s in fmt.prose_sections] if fmt else ["s1", "s5", "s6"]
    allowed = [PREAMBLE, *sections] if version >= 2 else sections
    out = {}
    for key, text in value.items():
        if key == PREAMBLE and version < 2:
            problems.append(f"texts.preamble（导语）是交换文件第 2 版才有的键，但文件写明 schema_version 为 {version}；"
                            "请把 schema_version 改为 2")
        elif key not in allowed:
            problems.append(f"texts 中有未知的键 {_quote(key)}；文字只有 {'、'.join(allowed)}（{'导语和' if version >= 2 else ''}正文三节）")
        elif not isinstance(text, str):
            problems.append(f"texts.{key} 应为文字，现为{_type_name(text)}")
        elif len(text) > MAX_TEXT_CHARS:
            problems.append(f"texts.{key} 过长：{len(text)} 个字，最多 {MAX_TEXT_CHARS} 个")
        elif any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\r\t" for ch in text):
            problems.append(f"texts.{key} 中有不可见的控制字符，请删除后再导入")
        else:
            out[key] = text.replace("\r\n", "\n").replace("\r", "\n")
    return out


def _cells(value: Any, fmt: Format | None, problems: list[str]) -> dict[str, Value]:
    if not isinstance(value, dict):
        problems.append(f"cells 应为 JSON 对象（单元格编号 → 数值），现为{_type_name(value)}")
        return {}
    if fmt is None:
        return {}  # the format is unknown, so cell ids cannot be judged; the format problem is reported
    out: dict[str, Value] = {}
    for cid, raw in value.items():
        cell = fmt.cells.get(cid)
        if cell is None:
            others = [f.name for f in FORMATS.values() if f is not fmt and cid in f.cells]
            hint = f"（它属于{others[0]}）" if others else ""
            problems.append(f"cells 中的 {_quote(cid)} 不是{fmt.name}的单元格编号{hint}")
            continue
        parsed = _cell_value(cell.kind, raw, total=cid in fmt.computed)
        if isinstance(parsed, str):
            problems.append(f"cells.{cid}（{cell.label}）{parsed}")
        else:
            out[cid] = parsed
    return out


def _cell_value(kind: Kind, raw: Any, *, total: bool = False) -> Value | str:
    """The value, or (as a str) what is wrong with it for its kind. Only figures inside the domain
    (report/limits.py) are taken: every writer can write them and the program's own file reads back."""
    if kind is Kind.AMOUNT:
        if _is_int(raw) or isinstance(raw, Decimal):
            value = Decimal(raw)
        elif isinstance(raw, str):
            if not (len(raw) <= MAX_NUMBER_CHARS and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", raw)):
                return f"应为以万元计的十进制数（如 \"16.895\"），现为 {_brief(raw)}"
            value = Decimal(raw)
        else:
            return f"应为以万元计的数额（如 \"16.895\"），现为{_type_name(raw)}"
        why = limits.figure_problem(value, total=total)
        return why if why else limits.plain(value)
    if _is_int(raw):
        return limits.figure_problem(raw, total=total) or raw
    if isinstance(raw, Decimal):
        return f"应为整数，现为带小数的数 {_brief(raw)}"
    return f"应为 JSON 整数，现为{_type_name(raw)} {_brief(raw)}"


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


# JSON's kinds of value as a message names them; bool before int, which it is a subclass of.
_TYPE_NAMES = ((type(None), "空值 null"), (bool, "真假值"), (int, "整数"), (Decimal, "小数"), (str, "文字"),
               (list, "数组"), (dict, "对象"))


def _type_name(value: Any) -> str:
    return next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)), type(value).__name__)


def _brief(value: Any) -> str:
    if isinstance(value, str) and len(value) > 40:
        value = value[:40]  # only the start is shown
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "…"


def _quote(key: str) -> str:
    return _brief(key)


# ---------------------------------------------------------------------------------------------------- writing


def to_dict(report: Report, *, exported_at: str | None = None, generator: str | None = None) -> dict[str, Any]:
    """The document in contract order; every cell of the format, given computed values kept as given."""
    fmt = report.format
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "format": fmt.id,
        "agency": report.agency,
        "year": report.year,
    }
    if report.date is not None:
        doc["date"] = report.date.isoformat()
    doc["texts"] = {tid: report.text(tid) for tid in text_ids(fmt)}
    cells: dict[str, Any] = {}
    for cid in sorted(fmt.cells):
        value = report.value(cid)
        cells[cid] = show(value) if fmt.cells[cid].kind is Kind.AMOUNT else value
    doc["cells"] = cells
    if exported_at is not None:
        doc["exported_at"] = exported_at
    if generator is not None:
        doc["generator"] = generator
    return doc


def dumps(report: Report, *, exported_at: str | None = None, generator: str | None = None) -> str:
    doc = to_dict(report, exported_at=exported_at, generator=generator)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------------------------------- embedded in outputs

# Every document the program writes carries the exchange document of the report it draws (issue: outputs that
# carry their own data), so that importing it gives the report back exactly. These names are the contract between
# the writers (export/) and the importer: the PDF's attached file, the custom XML part of a .docx or .xlsx (its
# root element's namespace and name) and the web page's data block.
EMBEDDED_FILE = "gov-info-annual-report.json"
EMBEDDED_NAMESPACE = "urn:gov-info-annual-report:exchange"
EMBEDDED_ELEMENT = "exchange"
EMBEDDED_SCRIPT_ID = "gov-info-annual-report"


def dumps_embedded(report: Report, *, generator: str | None = None) -> str:
    """The exchange document on one line, with 「<」「>」「&」 escaped (as JSON's \\u escapes): safe inside XML
    character data and inside an HTML <script> element (no 「</script>」 or 「<!--」 can appear), and read back by
    `loads` to the same report. The characters XML or HTML cannot carry as text are escaped too. No export time, so
    that a document's bytes depend on the report alone."""
    text = json.dumps(to_dict(report, generator=generator), ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE_IN_MARKUP.sub(_json_escape, text)


# 「&<>」, and what XML or HTML may not carry as text: DEL and C1 controls, noncharacters of every plane, lone
# surrogates (JSON itself escapes the C0 controls).
_UNSAFE_IN_MARKUP = re.compile(
    "[&<>\x7f-\x9f\ufdd0-\ufdef\ud800-\udfff"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the first plane JSON writes a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
