"""Real database files in temporary folders whose names have Chinese characters and spaces."""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.fixture
def db_path(tmp_path) -> Path:
    folder = tmp_path / "年报 数据文件夹"
    folder.mkdir()
    return folder / "某区 年报数据.sqlite"


class Clock:
    """A clock the test moves by hand: backups and revision times become deterministic."""

    def __init__(self, start=datetime.datetime(2021, 1, 10, 9, 0, 0)):
        self.now = start

    def __call__(self) -> datetime.datetime:
        self.now += datetime.timedelta(seconds=1)
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += datetime.timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture
def mount_point(tmp_path):
    """A folder to mount on; unmounted afterwards whatever happens. Needs root (CI runs as root)."""
    if not can_mount():
        pytest.skip("needs root to mount a tmpfs or a read-only bind")
    point = tmp_path / "挂载 点"
    point.mkdir()
    mounted: list[Path] = []
    yield point, mounted
    for target in reversed(mounted):
        subprocess.run(["umount", "-l", str(target)], check=False)


def mount(args: list[str], target: Path, mounted: list[Path]) -> None:
    result = subprocess.run(["mount", *args, str(target)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"mount not permitted here: {result.stderr.strip()}")
    mounted.append(target)


FIXTURES_V1 = Path(__file__).parent / "fixtures" / "schema_v1.sqlite"
