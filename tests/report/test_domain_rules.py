"""The domain rules report/ holds for every layer: a report's status, and the rules below as they are added."""

from __future__ import annotations

from report.status import Status


def test_status_is_the_chinese_word_itself():
    assert [s.value for s in Status] == ["草稿", "定稿"]
    assert Status.FINAL == "定稿" and f"已{Status.FINAL}" == "已定稿" and str(Status.DRAFT) == "草稿"
    assert Status("定稿") is Status.FINAL

