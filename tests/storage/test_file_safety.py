"""Damaged, foreign, newer, older, read-only and full files: a clear Chinese message and the file untouched."""

from __future__ import annotations

import datetime
import random
import shutil
import sqlite3
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from storage import backups
from storage.repository import Repository, StorageError, recover_from_backup

from .conftest import FIXTURES_V1, Clock, digest, mount


def _filled_db(path: Path, seed_path: Path, *, opens: int = 1) -> None:
    """A database with a few reports, opened `opens` times (each open with reports takes a backup)."""
    clock = Clock()
    with Repository.open(path, clock=clock) as repo:
        rid = repo.import_exchange(seed_path)
        for year in (2021, 2022, 2023):
            repo.start_from_previous(repo.info(rid).agency, year)
        repo.set_text(rid, "s6", "补充说明" * 500)
    for _ in range(opens):
        clock.advance(minutes=1)
        Repository.open(path, clock=clock).close()


def _refused(path: Path, reason: str, match: str) -> StorageError:
    before = digest(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(StorageError, match=match) as e:
        Repository.open(path)
    assert e.value.reason == reason
    assert digest(path) == before, "the refused file must be left byte for byte as it was"
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) == \
        sorted(n for n in siblings if not n.endswith(".lock"))
    return e.value


# ------------------------------------------------------------------------------------------ versions


def test_upgrade_from_version_1_after_a_backup(db_path):
    shutil.copyfile(FIXTURES_V1, db_path)
    original = digest(db_path)
    with Repository.open(db_path, clock=Clock()) as repo:
        [info] = repo.reports()
        report = repo.load(info.id)
        assert (report.agency, report.year, report.format_id, info.status) == ("洛阳市西工区退役军人事务局", 2020, "2019", "定稿")
        assert str(report.cells["s2.procurement:amount"]) == "16.8950"
        assert report.texts["s6"] == "无" and report.date is None
        assert [r.kind for r in repo.revisions(info.id)] == ["status", "cell", "cell", "create"]
        repo.restore_revision(info.id, 2)  # the old log still works
        assert repo.load(info.id).cells["s3.new:natural"] == 4
        repo.set_status(info.id, "草稿")
        repo.set_date(info.id, datetime.date(2021, 1, 15))  # what schema 2 added
        [backup] = repo.backups()
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM cells").fetchone()[0] == 5
    assert original != digest(db_path)


def test_upgraded_file_has_the_schema_of_a_new_file(tmp_path):
    upgraded, fresh = tmp_path / "旧.sqlite", tmp_path / "新.sqlite"
    shutil.copyfile(FIXTURES_V1, upgraded)
    Repository.open(upgraded).close()
    Repository.open(fresh).close()

    def shape(path):
        db = sqlite3.connect(path)
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted((c[1], c[2], c[3], c[5]) for c in db.execute(f"PRAGMA table_info({t})")) for t in tables}, \
            sorted(r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))

    assert shape(upgraded) == shape(fresh)


def test_no_upgrade_without_a_backup(db_path):
    shutil.copyfile(FIXTURES_V1, db_path)
    (db_path.parent / "backups").write_text("a file where the backup folder should be")
    err = _refused(db_path, "io", "升级前无法备份.*没有升级，文件未作改动")
    assert err.backup is None


def test_newer_file_is_refused(db_path, seed_path):
    _filled_db(db_path, seed_path)
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA user_version = 7")
    db.close()
    err = _refused(db_path, "newer", "由更新版本的本程序创建（数据格式第 7 版，本程序只支持到第 2 版），请升级程序")
    assert "文件未作任何改动" in str(err)


def test_other_programs_sqlite_file_is_refused(db_path):
    db = sqlite3.connect(db_path)
    db.execute("CREATE TABLE contacts (name TEXT)")
    db.commit()
    db.close()
    _refused(db_path, "foreign", "是其他程序的 SQLite 数据库")


# ------------------------------------------------------------------------------------------ damaged files


def test_random_bytes(db_path):
    db_path.write_bytes(random.Random(3).randbytes(20_000))
    err = _refused(db_path, "not_db", "不是 SQLite 数据库文件")
    assert err.backup is None


def test_random_bytes_offers_the_newest_backup(db_path, seed_path):
    _filled_db(db_path, seed_path, opens=2)
    newest = backups.newest_backup(db_path)
    db_path.write_bytes(random.Random(4).randbytes(20_000))
    err = _refused(db_path, "not_db", f"可以改用最近的自动备份 {newest.name}")
    assert err.backup == newest


def test_truncated_file(db_path, seed_path):
    _filled_db(db_path, seed_path, opens=2)
    size = db_path.stat().st_size
    with open(db_path, "r+b") as f:
        f.truncate(size // 2)
    err = _refused(db_path, "truncated", "文件不完整（被截断）")
    assert err.backup == backups.newest_backup(db_path) is not None


def test_emptied_file_with_backups_is_not_taken_for_a_new_one(db_path, seed_path):
    _filled_db(db_path, seed_path)
    db_path.write_bytes(b"")
    err = _refused(db_path, "truncated", "文件是空的（0 字节）")
    assert err.backup is not None


def test_empty_file_without_backups_becomes_a_database(db_path):
    db_path.write_bytes(b"")
    with Repository.open(db_path) as repo:
        repo.create_report("甲局", 2021)


def test_corrupt_page(db_path, seed_path):
    _filled_db(db_path, seed_path, opens=1)
    with open(db_path, "r+b") as f:
        page_size = int.from_bytes(f.read(18)[16:18], "big")
        f.seek(page_size * 3)
        f.write(b"\xff" * 64)  # the header of a b-tree page
    err = _refused(db_path, "corrupt", "已损坏.*；可以改用最近的自动备份")
    assert err.backup is not None


def test_recover_from_the_offered_backup(db_path, seed_path):
    _filled_db(db_path, seed_path, opens=1)
    with Repository.open(db_path) as repo:
        expected = [(r.agency, r.year) for r in repo.reports()]
    damaged = random.Random(5).randbytes(5000)
    db_path.write_bytes(damaged)
    with pytest.raises(StorageError) as e:
        Repository.open(db_path)
    aside = recover_from_backup(db_path, e.value.backup)
    assert aside.read_bytes() == damaged  # the damaged file is kept, not deleted
    with Repository.open(db_path) as repo:
        assert [(r.agency, r.year) for r in repo.reports()] == expected


def test_a_folder_or_a_missing_folder(tmp_path):
    with pytest.raises(StorageError, match="是文件夹，不是数据库文件"):
        Repository.open(tmp_path)
    with pytest.raises(StorageError, match="文件夹 .* 不存在"):
        Repository.open(tmp_path / "没有这个文件夹" / "年报.sqlite")
    with pytest.raises(StorageError, match="找不到数据库文件"):
        Repository.open(tmp_path / "没有.sqlite", read_only=True)
    assert not (tmp_path / "没有.sqlite").exists()


# ------------------------------------------------------------------------------------------ backups


def test_backup_on_open_keeps_the_last_ten(db_path, seed_path):
    clock = Clock()
    with Repository.open(db_path, clock=clock) as repo:
        repo.import_exchange(seed_path)
        assert repo.backups() == []  # the new file had nothing to back up
    for _ in range(12):
        clock.advance(minutes=10)
        Repository.open(db_path, clock=clock).close()
    kept = backups.list_backups(db_path)
    assert len(kept) == 10
    assert kept == sorted(kept, reverse=True)
    db = sqlite3.connect(kept[0])
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    assert not list(backups.folder_for(db_path).glob("*.partial"))


def test_daily_backup_while_the_program_stays_open(db_path):
    clock = Clock()
    with Repository.open(db_path, clock=clock) as repo:
        rid = repo.create_report("甲局", 2021)
        repo.set_cell(rid, "s3.new:natural", 1)
        assert repo.backups() == []
        clock.advance(hours=25)
        repo.set_cell(rid, "s3.new:natural", 2)
        [backup] = repo.backups()
        repo.set_cell(rid, "s3.new:natural", 3)
        assert repo.backups() == [backup]
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT value FROM cells").fetchone()[0] == "2"


def test_backups_of_two_databases_in_one_folder_are_kept_apart(db_path):
    other = db_path.with_name("另一个.sqlite")
    for path in (db_path, other):
        with Repository.open(path) as repo:
            repo.create_report("甲局", 2021)
        Repository.open(path).close()
    assert len(backups.list_backups(db_path)) == len(backups.list_backups(other)) == 1


# ------------------------------------------------------------------------------------------ read-only, full disk


def test_immutable_file_is_read_only_even_for_root(db_path, seed_path):
    """chattr +i is honoured by root too, unlike permission bits; needs a file system that supports it."""
    _filled_db(db_path, seed_path)
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode:
        pytest.skip("chattr +i not available here")
    try:
        _refused(db_path, "read_only", "是只读的")
        with Repository.open(db_path, read_only=True) as repo:  # reading still works
            assert len(repo.reports()) == 4
    finally:
        subprocess.run(["chattr", "-i", str(db_path)], check=True)


def test_read_only_disk(tmp_path, seed_path, mount_point):
    """A read-only bind mount: the kernel refuses writes with EROFS, for root as for anyone."""
    point, mounted = mount_point
    source = tmp_path / "源 文件夹"
    source.mkdir()
    _filled_db(source / "年报.sqlite", seed_path)
    mount(["--bind", str(source)], point, mounted)
    mount(["-o", "remount,bind,ro"], point, mounted)
    path = point / "年报.sqlite"
    _refused(path, "read_only", "只读的.*请把文件复制到可写的文件夹")
    with Repository.open(path, read_only=True) as repo:  # the command line can still check and export it
        [info] = [r for r in repo.reports() if r.year == 2020]
        assert repo.load(info.id).cells["s2.procurement:amount"] == Decimal("16.895")


def _fill(folder: Path) -> Path:
    """Write a file until the disk is full."""
    filler = folder / "filler"
    try:
        with open(filler, "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
    except OSError:
        pass
    return filler


def test_full_disk(tmp_path, mount_point):
    point, mounted = mount_point
    mount(["-t", "tmpfs", "-o", "size=2m", "tmpfs"], point, mounted)
    path = point / "年报 数据.sqlite"
    repo = Repository.open(path)
    try:
        rid = repo.create_report("甲局", 2021)
        repo.set_cell(rid, "s3.new:natural", 7)
        filler = _fill(point)
        text = "".join(chr(0x4E00 + random.Random(6).randrange(20000)) for _ in range(100_000))
        with pytest.raises(StorageError, match="磁盘空间不足") as e:
            repo.set_text(rid, "s1", text)
        assert e.value.reason == "full"
        assert repo.load(rid).cells == {"s3.new:natural": 7} and repo.load(rid).texts == {}
        filler.unlink()
        repo.set_text(rid, "s1", text)
        assert repo.load(rid).texts["s1"] == text
    finally:
        repo.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_open_on_a_full_disk_still_works_without_its_backup(tmp_path, mount_point):
    point, mounted = mount_point
    mount(["-t", "tmpfs", "-o", "size=2m", "tmpfs"], point, mounted)
    path = point / "年报.sqlite"
    with Repository.open(path) as repo:
        repo.set_text(repo.create_report("甲局", 2021), "s1", "正文" * 100_000)
    _fill(point)
    try:
        repo = Repository.open(path)
    except StorageError as e:  # SQLite may not even find room for its shared-memory file
        assert e.reason == "full" and "磁盘空间不足" in str(e)
    else:
        with repo:
            assert any("磁盘空间不足" in w for w in repo.warnings)
            assert len(repo.reports()) == 1
    assert not list(backups.folder_for(path).glob("*.partial"))
