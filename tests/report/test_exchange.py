"""The exchange file: round trips, stable output, and precise Chinese messages for what cannot be read."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given

from report import exchange
from report.exchange import ExchangeError
from report.formats import get_format
from report.model import Report, text_ids

from ..strategies import valid_reports


def _same(a: Report, b: Report) -> None:
    assert (a.agency, a.year, a.format_id, a.date) == (b.agency, b.year, b.format_id, b.date)
    assert {t: a.text(t) for t in text_ids(a.format)} == {t: b.text(t) for t in text_ids(b.format)}
    assert {c: a.value(c) for c in a.format.cells} == {c: b.value(c) for c in b.format.cells}
    for cid in a.format.cells:
        assert type(a.value(cid)) is type(b.value(cid))


def test_seed_round_trip_is_byte_stable(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    assert exchange.dumps(exchange.loads(text)) == text


@given(valid_reports())
def test_round_trip(report):
    text = exchange.dumps(report)
    back = exchange.loads(text)
    _same(report, back)
    assert exchange.dumps(back) == text


def test_output_is_sorted_utf8_and_complete(seed):
    text = exchange.dumps(seed, exported_at="2021-01-20T09:00:00+08:00", generator="测试")
    doc = json.loads(text)
    assert list(doc) == ["schema", "schema_version", "format", "agency", "year", "texts", "cells", "exported_at", "generator"]
    assert list(doc["cells"]) == sorted(seed.format.cells)
    assert "西工区退役军人事务局" in text  # ensure_ascii=False
    assert doc["cells"]["s2.procurement:amount"] == "16.895"
    assert doc["cells"]["s3.total:total"] == 0  # computed cells are written too


def test_amounts_stay_exact():
    doc = {"schema": exchange.SCHEMA, "schema_version": 1, "agency": "某局", "year": 2021,
           "cells": {"s2.fees:amount": "1234.567891"}}
    report = exchange.from_dict(doc)
    assert report.cells["s2.fees:amount"] == Decimal("1234.567891")
    # A JSON number is accepted on input and read without binary rounding.
    report = exchange.loads('{"schema": "gov-info-annual-report", "schema_version": 1, "agency": "某局", '
                            '"year": 2021, "cells": {"s2.fees:amount": 0.1}}')
    assert report.cells["s2.fees:amount"] == Decimal("0.1")
    assert json.loads(exchange.dumps(report))["cells"]["s2.fees:amount"] == "0.1"


def test_format_derived_from_year_and_kept_when_explicit():
    base = {"schema": exchange.SCHEMA, "schema_version": 1, "agency": "某局"}
    assert exchange.from_dict({**base, "year": 2020}).format_id == "2019"
    assert exchange.from_dict({**base, "year": 2022}).format_id == "2021"
    assert exchange.from_dict({**base, "year": 2020, "format": "2021"}).format_id == "2021"


def test_given_total_is_kept_as_published():
    doc = {"schema": exchange.SCHEMA, "schema_version": 1, "agency": "某局", "year": 2020,
           "cells": {"s3.new:natural": 2, "s3.new:total": 5}}
    report = exchange.from_dict(doc)
    assert report.value("s3.new:total") == 5
    assert json.loads(exchange.dumps(report))["cells"]["s3.new:total"] == 5


def _problems(doc) -> list[str]:
    with pytest.raises(ExchangeError) as e:
        exchange.from_dict(doc) if not isinstance(doc, (str, bytes)) else exchange.loads(doc)
    return e.value.problems


BASE = {"schema": exchange.SCHEMA, "schema_version": 1, "agency": "某局", "year": 2021}


def test_messages_name_the_key_or_cell():
    assert any("s3.new:natural" in p and "整数" in p for p in _problems({**BASE, "cells": {"s3.new:natural": "3"}}))
    assert any("s3.other:natural" in p and "2019年版" in p for p in _problems({**BASE, "cells": {"s3.other:natural": 1}}))
    assert any("colour" in p for p in _problems({**BASE, "colour": "red"}))
    assert any("year" in p and "2008" in p for p in _problems({**BASE, "year": 1999}))
    assert any("schema_version" in p and "更新版本" in p for p in _problems({**BASE, "schema_version": 3}))
    assert any("texts" in p and "s2" in p for p in _problems({**BASE, "texts": {"s2": "x"}}))


def test_all_problems_are_listed_not_just_the_first():
    problems = _problems({**BASE, "agency": "", "year": "2021", "extra": 1})
    assert len(problems) == 3


def test_a_file_cut_off_inside_a_character_is_said_to_be_cut_off(seed_path):
    data = seed_path.read_bytes()
    cut = data.index("局".encode()) + 1  # the middle of a three-byte character
    with pytest.raises(ExchangeError, match="意外结束，内容不完整（可能被截断）"):
        exchange.loads(data[:cut])
    with pytest.raises(ExchangeError, match="不是 UTF-8 编码"):  # a stray byte inside is still the encoding
        exchange.loads(data[:cut] + data[cut + 2:])


def test_syntax_error_says_where():
    (p,) = _problems('{"schema": "gov-info-annual-report",\n "year" 2020}')
    assert "第 2 行" in p and "冒号" in p


def test_version_2_carries_the_preamble_and_version_1_is_read_unchanged(seed):
    seed.texts["preamble"] = "本报告由某局编制。统计期限自2020年1月1日至2020年12月31日。"
    doc = json.loads(exchange.dumps(seed))
    assert doc["schema_version"] == 2
    assert list(doc["texts"]) == ["preamble", "s1", "s5", "s6"]
    assert exchange.loads(exchange.dumps(seed)).text("preamble") == seed.texts["preamble"]
    # A version 1 file (no preamble) reads as before, with an empty preamble.
    old = {**doc, "schema_version": 1, "texts": {k: v for k, v in doc["texts"].items() if k != "preamble"}}
    back = exchange.from_dict(old)
    assert back.text("preamble") == "" and back.text("s1") == seed.text("s1")
    assert back.cells == exchange.from_dict(doc).cells


def test_a_version_1_file_never_carries_a_preamble():
    (p,) = _problems({**BASE, "texts": {"preamble": "本报告由某局编制。"}})
    assert "preamble" in p and "schema_version" in p and "2" in p
    assert exchange.from_dict({**BASE, "schema_version": 2, "texts": {"preamble": "导语"}}).text("preamble") == "导语"


@pytest.mark.parametrize("odd", ["<", "&", ">", "\x7f", "\x85", "\ufdd0", "\ufffe", "\U0001ffff", "\U0010ffff"])
def test_embedded_document_escapes_what_markup_cannot_carry_and_reads_back(odd):
    report = Report("某局", 2021, "2021", texts={text_id: f"甲{odd}乙" for text_id in text_ids(get_format("2021"))})
    embedded = exchange.dumps_embedded(report)
    assert odd not in embedded
    assert json.loads(embedded)["texts"] == report.texts  # what an exchange file may then hold is load's to judge
