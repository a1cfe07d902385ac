"""Damaged, foreign, newer, older, read-only and full files: a clear Chinese message and the file untouched."""

from __future__ import annotations

import datetime
import os
import random
import shutil
import sqlite3
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from storage import backups, database
from storage.file_format import SCHEMA_VERSION
from storage.repository import Repository, StorageError, recover_from_backup

from .conftest import FIXTURES_V1, Clock, digest, mount


def _filled_db(path: Path, seed_path: Path, *, opens: int = 1) -> None:
    """A database with a few reports, opened `opens` times after an edit (each takes a backup), then closed
    with its lock file removed: as a file copied from another computer would arrive."""
    clock = Clock()
    with Repository.open(path, clock=clock) as repo:
        rid = repo.import_exchange(seed_path)
        for year in (2021, 2022, 2023):
            repo.start_from_previous(repo.info(rid).agency, year)
        repo.set_text(rid, "s6", "补充说明" * 500)
    for i in range(opens):
        clock.advance(minutes=1)
        with Repository.open(path, clock=clock) as repo:
            repo.set_cell(rid, "s3.new:natural", i)
    path.with_name(path.name + ".lock").unlink()


def _state(db_path: Path, backup: Path) -> sqlite3.Connection:
    """The database state a backup (a whole file or a delta) stands for, rebuilt beside it."""
    rebuilt = backup.with_name(backup.name + ".rebuilt.sqlite")
    rebuilt.unlink(missing_ok=True)
    backups.materialize(db_path, backup, rebuilt)
    return sqlite3.connect(rebuilt)


def _refused(path: Path, reason: str, match: str) -> StorageError:
    before = digest(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(StorageError, match=match) as e:
        Repository.open(path)
    assert e.value.reason == reason
    assert digest(path) == before, "the refused file must be left byte for byte as it was"
    assert sorted(p.name for p in path.parent.iterdir()) == siblings, "nothing is made beside a refused file"
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
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
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
    err = _refused(db_path, "newer", f"由更新版本的本程序创建（数据格式第 7 版，本程序只支持到第 {SCHEMA_VERSION} 版），请升级程序")
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


def test_backup_on_open_only_when_something_changed(db_path, seed_path):
    clock = Clock()
    with Repository.open(db_path, clock=clock) as repo:
        rid = repo.import_exchange(seed_path)
        assert repo.backups() == []  # the new file had nothing to back up
    for _ in range(12):  # restarts without an edit copy nothing and erase nothing
        clock.advance(minutes=10)
        Repository.open(db_path, clock=clock).close()
    [first] = backups.list_backups(db_path)
    with Repository.open(db_path, clock=clock) as repo:
        repo.set_cell(rid, "s3.new:natural", 41)
    clock.advance(minutes=10)
    Repository.open(db_path, clock=clock).close()
    newest, older = backups.list_backups(db_path)
    assert older == first.with_name(first.name + ".delta")  # an older state is kept as the pages that differ
    assert _state(db_path, older).execute("SELECT count(*) FROM cells WHERE value = '41'").fetchone()[0] == 0
    db = sqlite3.connect(newest)
    assert db.execute("SELECT count(*) FROM cells WHERE value = '41'").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(backups.folder_for(db_path).glob("*.partial"))


def test_backups_are_kept_by_age(db_path):
    """Forty days of two sessions a day, an edit in each: the newest ten states, the newest of each of the last
    seven days and of each month are kept; restarts and busy days cannot erase every older state."""
    clock = Clock(datetime.datetime(2021, 1, 10, 9, 0, 0))
    with Repository.open(db_path, clock=clock) as repo:
        rid = repo.create_report("甲局", 2021)
    for day in range(40):
        for hour in (9, 15):
            clock.now = datetime.datetime(2021, 1, 10, hour) + datetime.timedelta(days=day)
            with Repository.open(db_path, clock=clock) as repo:
                repo.set_cell(rid, "s3.new:natural", day * 100 + hour)
    states = backups.list_backups(db_path)
    kept = [p.name.removeprefix(db_path.stem + " ").removesuffix(".delta").removesuffix(".sqlite") for p in states]
    newest_ten = [f"2021-02-{d} {h}0001" for d in range(18, 13, -1) for h in ("15", "09")]  # the clock ticks
    assert kept == [*newest_ten, "2021-02-13 150001", "2021-02-12 150001", "2021-01-31 150001"]
    # Every state kept rebuilds: each holds the edit made in the session before it was taken (at a 09:00 start,
    # the previous day's 15:00 edit; at 15:00, that day's 09:00 edit).
    for name, state in zip(kept, states, strict=True):
        day = datetime.datetime.strptime(name, "%Y-%m-%d %H%M%S")
        edit = (day - datetime.timedelta(hours=6)) if day.hour == 15 else (day - datetime.timedelta(hours=18))
        db = _state(db_path, state)
        assert db.execute("SELECT value FROM cells").fetchone()[0] == str((edit.date() - datetime.date(2021, 1, 10)).days * 100 + edit.hour)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [backups.is_delta(p) for p in states] == [False] + [True] * 12
    # Thirteen states of the file take little more room than one copy of it.
    assert sum(p.stat().st_size for p in states) < 2 * db_path.stat().st_size


def test_monthly_backups_reach_back_a_year():
    names = [Path(f"甲 {datetime.date(2020 + m // 12, m % 12 + 1, 5)} 120000.sqlite") for m in range(30)]
    names.reverse()  # newest first
    dropped = backups.to_drop(names)
    assert [p for p in names if p not in dropped] == names[:12]


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
            repo.wait_for_backup()  # the backup runs beside the work; its failure is told when it comes
            assert any("磁盘空间不足" in w for w in repo.warnings)
            assert len(repo.reports()) == 1
    assert not list(backups.folder_for(path).glob("*.partial"))


def test_new_database_on_a_full_disk_leaves_nothing_half_made(mount_point):
    point, mounted = mount_point
    mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs"], point, mounted)
    filler = _fill(point)
    path = point / "新 年报.sqlite"
    with pytest.raises(StorageError, match="磁盘空间不足") as e:
        Repository.open(path)
    assert e.value.reason == "full"
    assert not path.exists()
    assert [p.name for p in point.iterdir() if p not in (filler, path.with_name(path.name + ".lock"))] == []
    filler.unlink()
    with Repository.open(path) as repo:  # with room again it is made as usual
        repo.create_report("甲局", 2021)


def test_reading_commands_work_on_a_full_disk(capsys, mount_point, seed_path):
    import main

    point, mounted = mount_point
    mount(["-t", "tmpfs", "-o", "size=2m", "tmpfs"], point, mounted)
    path = point / "年报.sqlite"
    with Repository.open(path) as repo:
        rid = repo.import_exchange(seed_path)
    before = sorted(p.name for p in point.iterdir())
    _fill(point)
    assert main.main(["db", "list", "--db", str(path)]) == 0
    out = capsys.readouterr()
    assert "共 1 份报告" in out.out and out.err == ""
    assert main.main(["check", "--db", str(path), "--agency", "西工区退役军人事务局", "--year", "2020"]) == 0
    with Repository.open(path, read_only=True) as repo:
        assert repo.load(rid).cells["s2.procurement:amount"] == Decimal("16.895")
        # While it reads, no window or command of ours may start writing the file it reads as unchanging.
        assert database.writer_active(path)
        with pytest.raises(StorageError, match="磁盘空间不足"):
            Repository.open(path)
    assert sorted(p.name for p in point.iterdir()) == sorted([*before, "filler"])


def test_a_report_in_a_format_this_program_does_not_know(capsys, db_path, seed_path):
    import main

    with Repository.open(db_path) as repo:
        rid = repo.import_exchange(seed_path)
        other = repo.create_report("乙局", 2021)
    db = sqlite3.connect(db_path)
    db.execute("UPDATE reports SET format_id = '2031' WHERE id = ?", (rid,))
    db.commit()
    db.close()
    with Repository.open(db_path) as repo:
        assert {r.format_id for r in repo.reports()} == {"2031", "2021"}  # the list still shows it
        for action in (lambda: repo.load(rid), lambda: repo.revisions(rid),
                       lambda: repo.set_cell(rid, "s3.new:natural", 1)):
            with pytest.raises(StorageError, match="本程序不认识的格式「2031」") as e:
                action()
            assert e.value.reason == "unknown_format"
        assert repo.load(other).year == 2021  # the others are unaffected
        following = repo.create_report("西工区退役军人事务局", 2021)
        assert repo.previous_year_report(following) is None  # this year's opens without last year's to compare
    code = main.main(["check", "--db", str(db_path), "--agency", "西工区退役军人事务局", "--year", "2020"])
    err = capsys.readouterr().err
    assert code == 2 and "本程序不认识的格式「2031」" in err and "程序内部出错" not in err


# ------------------------------------------------------------------------------------------ integrity checks


def _damage_quietly(path: Path) -> None:
    """Overwrite the header of the revision index's page without changing the file's size or modification
    time: what a failing disk does, unseen from outside (and unseen by opening, which does not read it)."""
    db = sqlite3.connect(path)
    [page] = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'revisions_report'").fetchone()
    db.close()
    st = path.stat()
    with open(path, "r+b") as f:
        page_size = int.from_bytes(f.read(18)[16:18], "big")
        f.seek(page_size * (page - 1))
        f.write(b"\xff" * 64)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_damage_unseen_at_open_is_found_by_the_backup_and_refused_next_time(db_path, seed_path):
    """The full check is skipped for a file exactly as the program left it; damage no open could see is found
    by the check every backup makes of its copy: no damaged backup is kept, the clerk is told, and the next
    open checks in full and refuses the file, offering the newest good backup."""
    _filled_db(db_path, seed_path, opens=1)
    with Repository.open(db_path) as repo:
        repo.set_cell(repo.find_report("西工区退役军人事务局", 2021), "s3.new:natural", 9)
    [good] = backups.list_backups(db_path)
    _damage_quietly(db_path)
    heard: list[str] = []
    with Repository.open(db_path) as repo:  # the file matches its note: opened without the full check
        repo.on_warning(heard.append)
        repo.wait_for_backup()
    assert len(heard) == 1 and "已损坏（完整性检查未通过），没有为它做备份" in heard[0] and good.name in heard[0]
    assert backups.list_backups(db_path) == [good]
    assert not list(backups.folder_for(db_path).glob("*.partial"))
    err = _refused(db_path, "corrupt", "文件已损坏（完整性检查未通过）")
    assert err.backup == good


def test_damage_is_found_in_the_background_when_no_backup_is_due(db_path, seed_path):
    _filled_db(db_path, seed_path, opens=1)
    Repository.open(db_path).close()  # the backup of the newest content exists: none is due
    [good] = backups.list_backups(db_path)
    _damage_quietly(db_path)
    with Repository.open(db_path) as repo:
        repo.wait_for_backup()
        assert len(repo.warnings) == 1 and "已损坏" in repo.warnings[0]
    assert backups.list_backups(db_path) == [good]
    assert _refused(db_path, "corrupt", "文件已损坏").backup == good


def test_a_file_changed_behind_the_programs_back_is_checked_in_full(db_path, seed_path):
    _filled_db(db_path, seed_path, opens=1)
    Repository.open(db_path).close()
    _damage_quietly(db_path)
    os.utime(db_path)  # any change of size, time or identity: a copy, a restore, another tool
    _refused(db_path, "corrupt", "文件已损坏")
    with pytest.raises(StorageError, match="文件已损坏"):
        Repository.open(db_path, read_only=True)


def test_a_clean_close_is_noted_and_a_crash_is_not(db_path):
    from storage import clean_close

    with Repository.open(db_path) as repo:
        repo.create_report("甲局", 2021)
        assert not clean_close.matches(db_path)  # while open: not known to be clean
    assert clean_close.matches(db_path)
    repo = Repository.open(db_path)
    repo.create_report("乙局", 2021)
    assert not clean_close.matches(db_path)  # had it crashed now, the next open would check in full
    repo.close()
    assert clean_close.matches(db_path)


def test_recover_an_older_state_and_a_damaged_delta_is_refused(db_path, seed_path):
    clock = Clock()
    with Repository.open(db_path, clock=clock) as repo:
        rid = repo.import_exchange(seed_path)
    for value in (1, 2, 3):
        clock.advance(minutes=10)
        with Repository.open(db_path, clock=clock) as repo:
            repo.set_cell(rid, "s3.new:natural", value)
    Repository.open(db_path, clock=clock).close()
    newest, *older = backups.list_backups(db_path)
    assert not backups.is_delta(newest) and all(backups.is_delta(p) for p in older) and len(older) == 3
    recover_from_backup(db_path, older[0])  # the state before the last session: its edit (3) not yet made
    with Repository.open(db_path, read_only=True) as repo:
        assert repo.load(rid).cells["s3.new:natural"] == 2
    # A delta damaged on disk is refused, never applied; the states newer than it are still whole.
    damaged = older[1]
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(StorageError, match="这份较早的备份无法重建") as e:
        recover_from_backup(db_path, older[2])  # rebuilding it goes through the damaged one
    assert e.value.reason == "corrupt"
    with Repository.open(db_path, read_only=True) as repo:  # the database was not touched
        assert repo.load(rid).cells["s3.new:natural"] == 2
    recover_from_backup(db_path, newest)
    with Repository.open(db_path, read_only=True) as repo:
        assert repo.load(rid).cells["s3.new:natural"] == 3
    assert not list(backups.folder_for(db_path).glob("*.restoring"))


@pytest.mark.parametrize("damaged", [False, True])
def test_a_dropped_delta_is_merged_into_the_older_one_or_kept(db_path, damaged):
    """A state dropped between two kept ones is merged into the older one, which then still rebuilds; when
    that older delta is damaged nothing is dropped."""
    clock = Clock(datetime.datetime(2021, 1, 30, 9))
    with Repository.open(db_path, clock=clock) as repo:
        rid = repo.create_report("甲局", 2021)
        repo.set_cell(rid, "s3.new:natural", 100)
    for day in range(12):  # 31 January, then 1 to 11 February: one session a day, with an edit
        clock.now = datetime.datetime(2021, 1, 31, 9) + datetime.timedelta(days=day)
        with Repository.open(db_path, clock=clock) as repo:
            repo.set_cell(rid, "s3.new:natural", day)
        if day == 10:
            states = backups.list_backups(db_path)
            assert len(states) == 11  # the newest ten, and January's
            january, dropped_next = states[-1], states[-2]
            if damaged:
                january.write_bytes(january.read_bytes()[:-1] + b"\0")
    after = backups.list_backups(db_path)
    assert january in after
    if damaged:
        assert dropped_next in after
    else:
        assert dropped_next not in after and len(after) == 11
        assert _state(db_path, january).execute("SELECT value FROM cells").fetchone()[0] == "100"
