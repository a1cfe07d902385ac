"""Shared test set-up: an offscreen Qt platform, a private data folder, deterministic hypothesis runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile("project", derandomize=True, database=None, deadline=None, max_examples=60)
settings.load_profile("project")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch):
    """The program's data folder (log, database) goes to a temporary folder, never the tester's home."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("GOV_REPORT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def seed_path() -> Path:
    return FIXTURES / "seed_2020_xigong.json"


@pytest.fixture
def seed(seed_path):
    from report import exchange

    return exchange.read(seed_path)


def pytest_collection_modifyitems(items):
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or "tests/gui" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
