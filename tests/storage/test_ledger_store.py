"""The ledger in the database: one application added, changed or deleted; a bad one refused, nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest

from report.ledger import Application, Correction
from storage.repository import Repository, StorageError


def test_save_change_and_refuse(tmp_path):
    with Repository.open(tmp_path / "年报.sqlite") as repo:
        first = Application("A", dt.date(2024, 5, 6), "natural", applicant="张三",
                            corrections=(Correction(dt.date(2024, 5, 8), None),))
        repo.save_application("某某区司法局", first)
        repo.save_application("某某区司法局", Application("B", dt.date(2024, 5, 7), "legal"))
        with pytest.raises(StorageError, match="已有编号为「B」"):
            repo.save_application("某某区司法局", Application("B", dt.date(2024, 5, 7), "natural"), replacing="A")
        with pytest.raises(StorageError, match="未填答复日期"):
            repo.save_application("某某区司法局", Application("C", dt.date(2024, 5, 7), "natural", result="s3.granted"))
        assert repo.applications("某某区司法局")[0] == first  # corrections and the name come back as stored
        renamed = Application("A-1", dt.date(2024, 5, 6), "natural", answered=dt.date(2024, 6, 1), result="s3.granted")
        repo.save_application("某某区司法局", renamed, replacing="A")
        assert [a.number for a in repo.applications("某某区司法局")] == ["A-1", "B"]
        repo.delete_application("某某区司法局", "B")
        with pytest.raises(StorageError, match="没有编号为「B」"):
            repo.delete_application("某某区司法局", "B")
        assert repo.applications("某某区司法局") == [renamed]
