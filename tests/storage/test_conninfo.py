"""libpq's keyword/value connection strings, read and written as libpq itself does: checked against libpq's own
parser (PQconninfoParse, through psycopg), which is the oracle, on written pairs and on random text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage import conninfo

psycopg_conninfo = pytest.importorskip("psycopg.conninfo")
KEYWORDS = ("application_name", "options", "sslmode", "sslrootcert", "service", "target_session_attrs",
            "connect_timeout")


def libpq(text: str) -> dict[str, str] | None:
    """What libpq reads in `text`; None when it refuses it."""
    try:
        return psycopg_conninfo.conninfo_to_dict(text)
    except Exception:
        return None


def test_the_forms_libpq_documents():
    assert conninfo.parse("") == {} and conninfo.parse("   ") == {}
    assert conninfo.parse(" sslmode=require  connect_timeout=5 ") == {"sslmode": "require", "connect_timeout": "5"}
    assert conninfo.parse("application_name = '甲 乙' options='-c search_path=年报'") == {
        "application_name": "甲 乙", "options": "-c search_path=年报"}
    assert conninfo.parse(r"application_name='it\'s \\ here' sslrootcert=C:\\certs\\root.crt") == {
        "application_name": "it's \\ here", "sslrootcert": "C:\\certs\\root.crt"}
    assert conninfo.parse(r"application_name=a\ b") == {"application_name": "a b"}  # escaped without quotes
    assert conninfo.parse("sslmode=prefer sslmode=require") == {"sslmode": "require"}  # the last, as libpq
    # A Chinese input method's full-width space separates as a space does.
    assert conninfo.parse("sslmode=require\u3000connect_timeout=5") == {"sslmode": "require", "connect_timeout": "5"}
    # A URL's query, as an administrator may send it.
    assert conninfo.parse("?sslmode=require&application_name=%E7%94%B2%20%E4%B9%99") == {
        "sslmode": "require", "application_name": "甲 乙"}
    assert conninfo.parse("application_name=a&b") == {"application_name": "a&b"}  # not a query: libpq's reading


@pytest.mark.parametrize(("text", "said"), [
    ("sslmode", "「sslmode」后面缺少「="),
    ("sslmode=require connect_timeout", "「connect_timeout」后面缺少「="),
    ("sslmode＝require", "「sslmode＝require」后面缺少「="),  # a full-width ＝
    ("=require", "「=require」缺少参数名"),
    ("sslmode=", "「sslmode」没有写值"),
    ("application_name=''", "「application_name」没有写值"),
    ("application_name='甲 乙", "「application_name」的值缺少结尾的单引号"),
])
def test_what_is_wrong_is_said(text, said):
    with pytest.raises(ValueError) as caught:
        conninfo.parse(text)
    assert said in str(caught.value) and "高级参数" in str(caught.value) and "单引号" in str(caught.value)


def test_keywords_libpq_does_not_know():
    assert conninfo.unknown({"sslmode": "require", "sslmod": "require", "application_name": "x"}) == ["sslmod"]


VALUES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYWORDS), VALUES, max_size=5))
def test_written_pairs_read_back_the_same_here_and_in_libpq(pairs):
    text = conninfo.write(pairs)
    assert conninfo.parse(text) == pairs
    assert libpq(text) == pairs


TRICKY = st.lists(st.sampled_from(["application_name", "sslmode", "=", " ", "'", "\\", "a", "甲", "\t", "b c"]),
                 max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(TRICKY)
def test_random_text_is_read_as_libpq_reads_it(text):
    theirs = libpq(text)
    try:
        ours = conninfo.parse(text)
    except ValueError:
        # Refused here only where libpq refuses too, or reads an empty value (which 高级 asks to be written).
        assert theirs is None or "" in theirs.values()
        return
    if not conninfo.unknown(ours):
        assert ours == theirs
