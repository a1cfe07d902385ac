"""storage.cell_text on its own: the exact text a cell value is stored as, and back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report.definition import Kind
from report.formats import FORMATS
from report.values import MAX_AMOUNT, MAX_COUNT, MAX_PLACES
from storage.cell_text import decode, encode
from storage.errors import StorageError

F2019 = FORMATS["2019"]
AMOUNT, SIGNED, COUNT = "s2.procurement:amount", "s2.license:change", "s3.new:natural"


def test_amounts_keep_every_written_place():
    assert encode(F2019, AMOUNT, Decimal("16.8950")) == "16.8950"
    assert decode(Kind.AMOUNT, "16.8950").as_tuple() == Decimal("16.8950").as_tuple()
    assert encode(F2019, AMOUNT, Decimal("1E+2")) == "100"  # never an exponent


def test_a_whole_amount_may_be_given_as_an_int():
    assert encode(F2019, AMOUNT, 12) == "12"
    assert decode(Kind.AMOUNT, "12") == Decimal(12) and isinstance(decode(Kind.AMOUNT, "12"), Decimal)


def test_a_negative_zero_amount_is_stored_as_zero():
    assert encode(F2019, AMOUNT, Decimal("-0.00")) == "0.00"


def test_counts_and_signed_counts():
    assert encode(F2019, COUNT, 7) == "7"
    assert encode(F2019, SIGNED, -3) == "-3"
    assert decode(Kind.SIGNED, "-3") == -3 and decode(Kind.COUNT, "7") == 7


@pytest.mark.parametrize("cell_id, value, words", [
    ("s9.nothing:here", 1, "没有编号为「s9.nothing:here」的单元格"),
    ("s3.new:total", 1, "是自动计算的合计，不能直接填写"),
    (COUNT, -1, "应为不小于 0 的整数"),
    (COUNT, True, "应为整数"),
    (COUNT, Decimal("1.5"), "应为整数"),
    (COUNT, MAX_COUNT + 1, "超出允许的范围"),
    (AMOUNT, Decimal("-1"), "应为不小于 0 的数额"),
    (AMOUNT, Decimal("NaN"), "应为以万元计的数额"),
    (AMOUNT, Decimal(1).scaleb(-(MAX_PLACES + 1)), "最多保留"),
])
def test_what_the_format_refuses_is_a_chinese_bad_input(cell_id, value, words):
    with pytest.raises(StorageError, match=words) as e:
        encode(F2019, cell_id, value)
    assert e.value.reason == "bad_input"


@pytest.mark.parametrize("kind, text", [(Kind.COUNT, "abc"), (Kind.COUNT, "1.5"), (Kind.AMOUNT, "1,5"),
                                        (Kind.SIGNED, "")])
def test_stored_text_that_is_no_number_is_a_damaged_file(kind, text):
    with pytest.raises(StorageError, match="无法识别，文件可能被其他程序改动过") as e:
        decode(kind, text)
    assert e.value.reason == "corrupt"


@given(st.integers(0, MAX_COUNT), st.integers(-MAX_COUNT, MAX_COUNT),
       st.integers(0, 10**15), st.integers(0, MAX_PLACES))
def test_every_allowed_value_comes_back_exactly(count, signed, digits, places):
    amount = min(Decimal(digits).scaleb(-places), MAX_AMOUNT)
    for cid, kind, value in ((COUNT, Kind.COUNT, count), (SIGNED, Kind.SIGNED, signed), (AMOUNT, Kind.AMOUNT, amount)):
        back = decode(kind, encode(F2019, cid, value))
        assert back == value and type(back) is type(value)
        if isinstance(value, Decimal):
            assert back.as_tuple().exponent == value.as_tuple().exponent  # 1.50 stays 1.50
