"""The --smoke-test of the contract, and what the window shows when a report is open."""

from __future__ import annotations

import os
import subprocess
import sys

from ..conftest import ROOT
from .conftest import write_prose

TITLES = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
          "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def run_smoke(*args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--smoke-test", *args], env=env,
                          capture_output=True, timeout=120)


def test_smoke_test_offscreen():
    result = run_smoke()
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8").splitlines() == ["自检：窗口已显示", "自检：6 节均已显示", "自检：Qt 对话框为中文",
                                                          "自检：机关名称按拼音排序"]


def test_smoke_test_prints_when_asked(tmp_path):
    import pypdfium2

    target = tmp_path / "打印.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOV_REPORT_SMOKE_PRINT": str(target)}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--smoke-test"], env=env, capture_output=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    lines = result.stdout.decode("utf-8").splitlines()
    printed = next(line for line in lines if line.startswith("自检：已打印"))
    pdf = pypdfium2.PdfDocument(target)
    try:
        assert printed == f"自检：已打印 {len(pdf)} 页" and len(pdf) >= 1
    finally:
        pdf.close()


def test_smoke_test_on_a_database_with_a_report(db_path):
    from storage.repository import Repository

    with Repository.open(db_path) as repo:
        rid = repo.create_report("某某县人民政府办公室", 2021)
        repo.set_cell(rid, "s3.new:natural", 4)
    result = run_smoke("--db", str(db_path))
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    with Repository.open(db_path) as repo:  # the smoke test changed nothing and released the file
        assert repo.load(rid).cells == {"s3.new:natural": 4}


def test_smoke_test_refuses_a_database_that_is_not_ours(tmp_path):
    bad = tmp_path / "别的文件.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    result = run_smoke("--db", str(bad))
    assert result.returncode == 2
    assert "错误" in result.stderr.decode("utf-8")


def test_window_shows_the_report_with_its_title_and_six_tabs(open_window, repo):
    write_prose(repo, repo.create_report("某某区司法局", 2020))  # no finding counts in the tab titles
    window = open_window("某某区司法局", 2020)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == TITLES + ["台账"]  # the ledger after them
    title = window.windowTitle()
    assert "某某区司法局" in title and "2020 年度" in title and "2019年版" in title


def test_prose_tabs_offer_the_outline_and_the_fee_hint(open_window, qtbot):
    window = open_window("某某区司法局", 2023)
    s1 = window.section_widgets["s1"]
    assert s1.outline_button is not None
    s1.outline_button.click()
    text = window.document.text("s1")
    assert [p.strip() for p in text.split("\n\n")] == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设",
                                      "（五）监督保障"]
    assert "5 段" in s1.count.text()
    s6 = window.section_widgets["s6"]
    hints = [w.text() for w in s6.findChildren(type(s6.count)) if "信息处理费" in w.text()]
    assert hints, "the 2021 format's section 六 reminds the clerk of the 信息处理费"
    old = open_window("某某区司法局", 2020)
    assert old.section_widgets["s1"].outline_button is None


def test_smoke_test_checks_the_keyring_when_asked():
    """GOV_REPORT_SMOKE_KEYRING (the package's smoke test): keyring's backends are found, whichever this machine
    has (none on a CI machine: a session bus is not needed)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOV_REPORT_SMOKE_KEYRING": "1"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--smoke-test"], env=env, capture_output=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    lines = result.stdout.decode("utf-8").splitlines()
    assert any(line.startswith("自检：系统密码库的组件齐全（本机选用 keyring.backends.") for line in lines), lines
