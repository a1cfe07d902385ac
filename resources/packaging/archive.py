"""Wraps the PyInstaller folder for delivery: one clear top folder with 使用说明.txt (and, on Linux, a .desktop
entry), zipped on Windows and tar.gz on Linux; prints the ten largest files and the sizes.

    python resources/packaging/archive.py dist/GovInfoAnnualReport
"""

from __future__ import annotations

import platform
import shutil
import stat
import sys
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
from report.about import APP_NAME, VERSION
from report.title import NAME as REPORT_NAME

DESKTOP_ENTRY = f"""[Desktop Entry]
Type=Application
Name={APP_NAME}
Comment=编制{REPORT_NAME}（离线）
Exec=sh -c '"$(dirname "%k")/GovInfoAnnualReport"'
Icon=_internal/resources/icons/app.png
Terminal=false
Categories=Office;
"""


def add_extras(folder: Path) -> None:
    shutil.copy(HERE / "使用说明.txt", folder / "使用说明.txt")
    if sys.platform != "win32":
        desktop = folder / f"{APP_NAME}.desktop"
        desktop.write_text(DESKTOP_ENTRY, encoding="utf-8")
        script = folder / "安装桌面快捷方式.sh"
        shutil.copy(HERE / "install-desktop-entry.sh", script)
        for path in (desktop, script):
            path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def largest(folder: Path, count: int = 10) -> list[tuple[int, Path]]:
    files = [(p.stat().st_size, p) for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sorted(files, reverse=True)[:count]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def archive(folder: Path) -> Path:
    machine = platform.machine().lower() or "unknown"
    top = f"{folder.name}-{VERSION}"
    if sys.platform == "win32":
        out = folder.parent / f"{top}-windows-{machine}.zip"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for path in sorted(folder.rglob("*")):
                z.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
    else:
        out = folder.parent / f"{top}-linux-{machine}.tar.gz"
        with tarfile.open(out, "w:gz", compresslevel=9) as t:
            t.add(folder, arcname=top)
    return out


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "dist/GovInfoAnnualReport").resolve()
    if not folder.is_dir():
        print(f"找不到打包结果文件夹 {folder}", file=sys.stderr)
        return 2
    add_extras(folder)
    print("最大的十个文件：")
    for size, path in largest(folder):
        print(f"  {size / 2**20:7.1f} MB  {path.relative_to(folder)}")
    out = archive(folder)
    print(f"解压后大小：{folder_size(folder) / 2**20:.1f} MB")
    print(f"压缩包：{out}（{out.stat().st_size / 2**20:.1f} MB）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
