"""File names fit the file system: proposed names are shortened in the agency (the year and the kind stay), a
name given that no file system takes is refused in Chinese before anything is written."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from export import file_names, kinds
from export.files import OutputError, write_atomically
from export.layout import file_name
from report.model import MAX_AGENCY_CHARS, Report
from report.title import NAME

from ..conftest import FIXTURES, ROOT

LONG_AGENCY = "中共某某省某某市某某县委员会办公室某某县人民政府办公室某某县政务服务和大数据管理局" * 2  # 80 characters


@pytest.mark.parametrize("agency", [LONG_AGENCY[:66], LONG_AGENCY, ("某" * MAX_AGENCY_CHARS)])
@pytest.mark.parametrize("kind", kinds.KINDS, ids=lambda k: k.suffix)
def test_a_long_agency_gives_a_name_the_file_system_takes(tmp_path, agency, kind):
    report = Report(agency=agency, year=2024, format_id="2021")
    name = file_name(report, kind.suffix, tmp_path)
    assert len(os.fsencode(name)) + file_names.TEMP_EXTRA <= file_names.NAME_LIMIT
    assert name.endswith(f"2024年{NAME}{kind.suffix}")  # the year and the kind of report stay
    assert name.startswith(agency[:8]) and "…" in name  # the place comes first; the cut is shown
    write_atomically(tmp_path / name, b"x")
    assert (tmp_path / name).read_bytes() == b"x"


def test_the_end_of_the_agency_is_kept_too():
    agency = "某某省" * 20 + "市场监督管理局"
    name = file_name(Report(agency=agency, year=2024, format_id="2021"), ".pdf")
    assert name.endswith(f"管理局2024年{NAME}.pdf")


def test_a_short_agency_is_left_whole():
    report = Report(agency="某某区司法局", year=2022, format_id="2021")
    assert file_name(report, ".docx") == f"某某区司法局2022年{NAME}.docx"
    assert file_name(report) == f"某某区司法局2022年{NAME}"


def test_on_windows_the_whole_path_stays_within_259_characters():
    folder = "C:\\Users\\张三\\Documents\\" + "政府信息公开年度报告资料汇编\\" * 8
    name = file_names.fitting(LONG_AGENCY, f"2024年{NAME}", ".docx", folder, windows=True)
    assert len(folder) + 1 + len(name) + file_names.TEMP_EXTRA <= file_names.WINDOWS_PATH_LIMIT
    assert name.endswith(f"2024年{NAME}.docx")
    # With no folder, Windows counts characters, not bytes: a longer name fits.
    assert len(file_names.fitting(LONG_AGENCY, f"2024年{NAME}", ".pdf", windows=True)) > len(name)


def test_a_name_too_long_is_refused_with_its_length(tmp_path):
    assert file_names.name_problem(tmp_path / ("长" * 85), windows=False) is None  # 255 bytes
    problem = file_names.name_problem(tmp_path / ("长" * 86), windows=False)
    assert problem == "文件名太长（258 字节，最多 255 字节，约 85 个汉字），请改用较短的文件名"
    assert file_names.name_problem("长" * 255, windows=True) is None
    assert "256 个字符" in file_names.name_problem("长" * 256, windows=True)


@pytest.mark.skipif(sys.platform == "win32", reason="the byte limit of Linux file systems")
def test_a_name_of_exactly_255_bytes_is_written(tmp_path):
    target = tmp_path / ("长" * 83 + "ab.pdf")
    assert len(os.fsencode(target.name)) == 255
    write_atomically(target, b"%PDF")
    assert target.read_bytes() == b"%PDF"
    with pytest.raises(OutputError, match="文件名太长"):
        write_atomically(tmp_path / ("长" * 84 + ".pdf"), b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


@pytest.mark.parametrize("command", [
    ["export", str(FIXTURES / "seed_2020_xigong.json"), "--to"],
    ["aggregate", str(FIXTURES / "seed_2020_xigong.json"), "--agency", "某某市", "--to"],
    ["check"],
])
def test_the_command_line_says_a_name_is_too_long(tmp_path, command):
    too_long = tmp_path / ("长" * 90 + ".json")
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), *command, str(too_long)],
                            capture_output=True, timeout=120)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and ("文件名太长" in err or "文件名或路径太长" in err), err
    assert "内部出错" not in err and list(tmp_path.iterdir()) == []
