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


@pytest.fixture(autouse=True, scope="session")
def private_cache_dir(tmp_path_factory):
    """The program's cache folder (parsed fonts) is the test session's own, shared by its tests and the
    programs they start, never the tester's."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get("GOV_REPORT_CACHE_DIR")
    os.environ["GOV_REPORT_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("GOV_REPORT_CACHE_DIR", None)
    else:
        os.environ["GOV_REPORT_CACHE_DIR"] = before


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


@pytest.fixture
def last_year_path(seed, tmp_path) -> Path:
    """The seed's agency's 2019 report as an exchange file, whose carried-out figure (3) the seed's 2020 carried-in
    (0) does not match: a cross-year warning, nothing else."""
    from report import exchange

    last = exchange.loads(exchange.dumps(seed))
    last.year = 2019
    last.cells["s3.new:natural"] = 3
    last.cells["s3.carried_out:natural"] = 3
    path = tmp_path / "2019.json"
    path.write_text(exchange.dumps(last), encoding="utf-8")
    return path


@pytest.fixture
def repo(db_path):
    """The repository on the test's database file (each folder of tests says where: `db_path`)."""
    from storage.repository import Repository

    repository = Repository.open(db_path)
    yield repository
    repository.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or "tests/gui" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)
