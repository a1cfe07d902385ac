"""libpq's keyword/value connection strings (`sslmode=require application_name='甲 乙'`), read and written as libpq
does: pairs separated by white space, spaces allowed around `=`, a value in single quotes when it holds spaces or
is empty, and a backslash taking the next character as it is (inside quotes or not: `\\'`, `\\\\`, `\\ `).

The connect dialog's 高级 field takes these; a malformed entry is a ValueError saying, in Chinese, which part is
wrong. A single run of `name=value&name=value` (a URL's query, as administrators often send it) is read as that.
Whether libpq knows a keyword is asked of the driver's libpq itself (`unknown`).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# A full-width space (U+3000), as a Chinese input method types it, separates pairs as a plain space does.
_SPACE = frozenset(" \t\n\r\f\v\u3000")
_HINT = "应写成 参数名=值，以空格分隔；值中有空格时写在一对半角单引号中，例如 application_name='甲 乙'"
_QUERY_PAIR = re.compile(r"^[a-z_]+=[^&=]+$")


def parse(text: str) -> dict[str, str]:
    """The keyword -> value pairs of `text`, in order (a keyword given twice: the last, as libpq takes it)."""
    query = text.strip().removeprefix("?")
    if query and "&" in query and not any(c in _SPACE for c in query) and all(
            _QUERY_PAIR.match(p) for p in query.split("&")):
        return {k: unquote(v) for k, v in (p.split("=", 1) for p in query.split("&"))}
    pairs: dict[str, str] = {}
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in _SPACE:
            i += 1
        if i == n:
            return pairs
        start = i
        while i < n and text[i] != "=" and text[i] not in _SPACE:
            i += 1
        keyword = text[start:i]
        while i < n and text[i] in _SPACE:
            i += 1
        if i == n or text[i] != "=":
            raise ValueError(f"高级参数中「{keyword}」后面缺少「=」：{_HINT}")
        if not keyword:
            raise ValueError(f"高级参数中「{_token(text, start)}」缺少参数名：{_HINT}")
        i += 1
        while i < n and text[i] in _SPACE:
            i += 1
        value, i = _value(text, i, keyword)
        if value == "":
            raise ValueError(f"高级参数「{keyword}」没有写值：{_HINT}")
        pairs[keyword] = value


def _value(text: str, i: int, keyword: str) -> tuple[str, int]:
    """The value starting at `i` (quoted or not), and where reading goes on."""
    n = len(text)
    out: list[str] = []
    if i < n and text[i] == "'":
        i += 1
        while True:
            if i == n:
                raise ValueError(f"高级参数「{keyword}」的值缺少结尾的单引号（'）：{_HINT}")
            c = text[i]
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
            elif c == "'":
                return "".join(out), i + 1
            else:
                out.append(c)
                i += 1
    while i < n and text[i] not in _SPACE:
        if text[i] == "\\":
            i += 1
            if i < n:
                out.append(text[i])
                i += 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i


def _token(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end] not in _SPACE:
        end += 1
    return text[start:end]


def write(pairs: dict[str, str]) -> str:
    """`pairs` as a connection string that `parse` (and libpq) reads back as they are."""
    return " ".join(f"{keyword}={_quoted(value)}" for keyword, value in pairs.items())


def _quoted(value: str) -> str:
    if value and not any(c in _SPACE or c in "'\\" for c in value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def unknown(pairs: dict[str, str]) -> list[str]:
    """The keywords of `pairs` that the driver's libpq does not know (it would refuse to connect with them); none
    said when the driver is not there (connecting then says that it is missing)."""
    try:
        from psycopg.pq import Conninfo

        known = {d.keyword.decode("ascii", "replace") for d in Conninfo.get_defaults()}
    except Exception:  # ImportError, or a libpq that cannot be loaded: connecting says so
        return []
    return [keyword for keyword in pairs if keyword not in known]
