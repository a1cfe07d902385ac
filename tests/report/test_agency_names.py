"""Agency names: invisible characters that would reverse or disguise a name (bidirectional overrides, zero-width
spaces, separators) are refused with a message naming them, wherever a name comes in."""

from __future__ import annotations

import json

import pytest

from report import exchange
from report.model import agency_problem

from ..conftest import FIXTURES


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u200b", "\u200f", "\ufeff", "\u00ad", "\u2028",
                                  "\u2029", "\u061c"])
def test_invisible_characters_are_refused_and_named(char):
    problem = agency_problem(f"某某区\u3000{char}司法局")
    assert problem is not None and f"U+{ord(char):04X}" in problem and "不可见的控制字符" in problem
    assert char not in problem


@pytest.mark.parametrize("name", ["某某市某某区财政局（本级）", "中共某某县委办公室·某某县人民政府办公室",
                                  "某某市 公安局", "Ürümqi 某某局", "𠮷野家区教育局"])
def test_ordinary_names_pass(name):
    assert agency_problem(name) is None


def test_the_exchange_reader_refuses_an_override_in_the_agency():
    doc = json.loads((FIXTURES / "seed_2020_xigong.json").read_text(encoding="utf-8"))
    doc["agency"] = "西工区\u202e局务事人军伍退"
    with pytest.raises(exchange.ExchangeError) as e:
        exchange.from_dict(doc)
    assert any("U+202E" in p for p in e.value.problems)


def test_the_database_refuses_it(tmp_path):
    from storage.errors import StorageError
    from storage.repository import Repository

    with Repository.open(tmp_path / "年报.sqlite") as repo:
        with pytest.raises(StorageError, match="U\\+202E"):
            repo.create_report("西工区\u202e局", 2021)
        assert repo.reports() == []
