"""Typed and pasted text to cell values: exact, forgiving of how numbers are written, strict about kinds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from report.definition import Kind
from report.values import ParseError, parse, places, show


@pytest.mark.parametrize(
    "kind,text,value",
    [
        (Kind.COUNT, "12", 12),
        (Kind.COUNT, "１２３", 123),
        (Kind.COUNT, "1,234", 1234),
        (Kind.COUNT, " 1 234 ", 1234),
        (Kind.COUNT, "5件", 5),
        (Kind.COUNT, "—", 0),
        (Kind.COUNT, "/", 0),
        (Kind.COUNT, "-", 0),
        (Kind.COUNT, "", 0),
        (Kind.COUNT, "3.0", 3),
        (Kind.SIGNED, "-3", -3),
        (Kind.SIGNED, "－３", -3),
        (Kind.AMOUNT, "16.895", Decimal("16.895")),
        (Kind.AMOUNT, "16.8950", Decimal("16.8950")),
        (Kind.AMOUNT, "1,234.567891", Decimal("1234.567891")),
        (Kind.AMOUNT, "12万元", Decimal("12")),
        (Kind.AMOUNT, "123000元", Decimal("12.3")),
        (Kind.AMOUNT, "1200000000元", Decimal("120000")),
    ],
)
def test_parse(kind, text, value):
    parsed = parse(kind, text)
    assert parsed == value and type(parsed) is type(value)


def test_parse_keeps_amounts_exact():
    assert show(parse(Kind.AMOUNT, "0.1")) == "0.1"
    assert show(parse(Kind.AMOUNT, "1200000000元")) == "120000"
    assert places(parse(Kind.AMOUNT, "16.8950")) == 4


@pytest.mark.parametrize(
    "kind,text,why",
    [
        (Kind.COUNT, "-3", "负数"),
        (Kind.COUNT, "1.5", "不是整数"),
        (Kind.COUNT, "abc", "不是数字"),
        (Kind.COUNT, "1e5", "不是数字"),
        (Kind.AMOUNT, "-1", "负"),
        (Kind.AMOUNT, "1.1234567", "6 位小数"),
        (Kind.COUNT, "99999999999", "范围"),
    ],
)
def test_parse_refuses_with_chinese_reason(kind, text, why):
    with pytest.raises(ParseError) as e:
        parse(kind, text)
    assert why in str(e.value)
