"""Cell values: what each value kind accepts, and turning typed or pasted text into a value.

Values are int or decimal.Decimal, never float: amounts are kept exactly as entered or published.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from . import limits
from .definition import Kind

Value = int | Decimal

# The plausible range (report/limits.py): outside it a figure is an error that check reports.
MAX_PLACES = limits.PLACES
MAX_COUNT = limits.COUNT
MAX_AMOUNT = limits.AMOUNT

ZERO: dict[Kind, Value] = {Kind.COUNT: 0, Kind.SIGNED: 0, Kind.AMOUNT: Decimal(0)}


def places(value: Value) -> int:
    """Decimal places written in the value (16.8950 has four)."""
    if isinstance(value, int):
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def problem(kind: Kind, value: Value) -> str | None:
    """Why `value` is not allowed for `kind`, as the end of a Chinese sentence; None if it is fine."""
    if kind is Kind.AMOUNT:
        if not isinstance(value, (int, Decimal)) or isinstance(value, bool) or not Decimal(value).is_finite():
            return "应为以万元计的数额"
        if value < 0:
            return f"应为不小于 0 的数额，现为 {show(value)}"
        if places(value) > MAX_PLACES:
            return f"最多保留 {MAX_PLACES} 位小数（精确到分），现有 {places(value)} 位：{show(value)}"
        if value > MAX_AMOUNT:
            return f"超出允许的范围（不超过 {show(MAX_AMOUNT)} 万元），现为 {show(value)}"
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        return f"应为整数，现为 {show(value)}"
    if kind is Kind.COUNT and value < 0:
        return f"应为不小于 0 的整数，现为 {value}"
    if abs(value) > MAX_COUNT:
        return f"超出允许的范围（绝对值不超过 {MAX_COUNT}），现为 {value}"
    return None


def show(value: object) -> str:
    """A value as the report prints it: no exponent, no binary rounding."""
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    return str(value)


class ParseError(ValueError):
    """Text that cannot become a value of the cell's kind; the message is Chinese."""


_BLANKS = {"", "—", "-", "/", "－", "－－", "——", "--", "无", "／", "∕"}
_UNIT_WAN = re.compile(r"万元$|万$")
_UNIT_YUAN = re.compile(r"元$")
_UNITS = re.compile(r"(件|个|项|次|人次|人|条|篇)$")
_NUMBER = re.compile(r"^([+-]?)(\d+)(?:\.(\d+))?$")


def normalise_text(text: str) -> str:
    """Full-width digits and signs to ASCII; spaces and thousands separators removed."""
    text = unicodedata.normalize("NFKC", text)  # ０-９, ．, －, full-width space
    text = text.replace("−", "-").replace("–", "-")
    text = text.replace("萬", "万")  # a page in traditional characters writes its amounts 「萬元」
    return re.sub(r"[\s,，'’_]", "", text)


def parse(kind: Kind, text: str) -> Value:
    """A value from what a clerk typed or pasted: 「１，２３４」→1234, 「—」→0, 「123000元」→12.3 (万元)."""
    raw = text
    text = normalise_text(text)
    if text in _BLANKS:
        return ZERO[kind]
    yuan = False
    if kind is Kind.AMOUNT:
        if _UNIT_WAN.search(text):
            text = _UNIT_WAN.sub("", text)
        elif _UNIT_YUAN.search(text):
            text = _UNIT_YUAN.sub("", text)
            yuan = True
    else:
        text = _UNITS.sub("", text)
    match = _NUMBER.match(text)
    if not match or len(text) > limits.NUMBER_CHARS:
        raise ParseError(f"「{raw.strip()}」不是数字")
    sign, whole, fraction = match.groups()
    if kind is not Kind.AMOUNT:
        if fraction is not None and fraction.strip("0"):
            raise ParseError(f"「{raw.strip()}」不是整数，此处只能填整数")
        value: Value = int(whole)
        if sign == "-":
            if kind is Kind.COUNT:
                raise ParseError(f"「{raw.strip()}」是负数，此处只能填不小于 0 的整数")
            value = -value
    else:
        if sign == "-":
            raise ParseError(f"「{raw.strip()}」是负数，金额不能为负")
        value = Decimal(f"{whole}.{fraction}" if fraction is not None else whole)
        if yuan:
            value = (value / 10000).normalize()
            exponent = value.as_tuple().exponent  # an int: the value is finite
            if isinstance(exponent, int) and exponent > 0:  # normalize() writes 120000 as 1.2E+5
                value = value.quantize(Decimal(1))
    why = problem(kind, value)
    if why:
        raise ParseError(f"「{raw.strip()}」{why}")
    return value

