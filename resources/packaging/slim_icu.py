"""Rebuilds Qt's ICU data library (libicudata, ~31 MB) with only what Qt uses for a Chinese desktop (~4 MB).

Qt Core calls ICU for collation (QCollator: the file dialog sorts names with it), time-zone names and
canonical ids (QTimeZone), non-Unicode text codecs (QStringConverter) and case mapping. It never asks ICU for
break iterators, transliteration, number spelling, or the display names of currencies, languages, regions and
units, which are most of the data. The library is rebuilt with ICU's own tools, so the result is an ordinary
ICU data library that the unchanged libicuuc loads:

    readelf      finds the data's symbol (icudtNN_dat) in the original library
    icupkg       removes the items we do not keep from the extracted package (icudtNNl.dat)
    genccode     turns the smaller package back into assembly under the same symbol
    gcc          links it as a shared library with the original soname

Needs Debian's icu-devtools, binutils and gcc (`make package` installs them). Kept: the root, Chinese and
English locales of the collation and time-zone trees, the collation base (ucadata), every top-level resource
that is not a locale (calendars, time zones, likely subtags...), the codec alias table, the small codecs and
the Chinese ones (GB18030, GBK, GB2312).

    python resources/packaging/slim_icu.py libicudata.so.73 out_dir     -> out_dir/libicudata.so.73
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

TOOLS = ("readelf", "icupkg", "genccode", "gcc")

# A locale's resource file: "zh.res", "zh_Hans_CN.res", "sr_Latn_BA.res"; not "supplementalData.res".
LOCALE_FILE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
KEPT_LOCALES = ("zh", "en")
# Trees (sub-folders of the package) Qt reads, with the non-locale files they need besides their locales.
KEPT_TREES = {"coll": ("ucadata.icu",), "zone": ("tzdbNames.res",)}
TREE_FILES = ("root.res", "res_index.res", "pool.res")
# Codec tables: the small ones stay (about 0.5 MB for 150 codecs); of the large ones only the Chinese.
SMALL_CODEC = 30_000
CHINESE_CODECS = ("gb18030", "ibm-1383_", "ibm-5478_", "ibm-1386_", "windows-936")
KEPT_TOP_FILES = ("cnvalias.icu", "ulayout.icu", "uemoji.icu")


class SlimError(Exception):
    pass


def keep(item: str, size: int) -> bool:
    """Whether an item of the package (e.g. "coll/zh.res", "gb18030.cnv") stays."""
    tree, _, name = item.rpartition("/")
    locale = name in TREE_FILES or (name.startswith(KEPT_LOCALES) and LOCALE_FILE.match(name) is not None)
    if tree:
        return tree in KEPT_TREES and (locale or name in KEPT_TREES[tree])
    if name.endswith(".cnv"):
        return size < SMALL_CODEC or name.startswith(CHINESE_CODECS)
    if name.endswith(".res"):
        return locale or LOCALE_FILE.match(name) is None
    return name in KEPT_TOP_FILES


def run(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SlimError(f"{args[0]} 失败：{(done.stderr or done.stdout).strip()}")
    return done.stdout + done.stderr


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol's name, file offset and size in the original library."""
    symbols = run("readelf", "-W", "--dyn-syms", str(library))
    found = re.search(r"^\s*\d+:\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+(icudt\d+_dat)\s*$",
                      symbols, re.M)
    if not found:
        raise SlimError(f"{library} 中没有 ICU 数据符号")
    address, size, name = int(found[1], 16), int(found[2], 0), found[3]
    # The file offset of the address, from the loadable segment that holds it.
    for line in run("readelf", "-W", "-l", str(library)).splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"]:
            offset, vaddr, filesz = int(fields[1], 16), int(fields[2], 16), int(fields[4], 16)
            if vaddr <= address and address + size <= vaddr + filesz:
                return name, address - vaddr + offset, size
    raise SlimError(f"{library} 中找不到 ICU 数据所在的段")


def slim(library: Path, out_dir: Path) -> Path:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise SlimError(f"缺少工具 {'、'.join(missing)}（Debian：apt-get install icu-devtools binutils gcc）")
    symbol, offset, size = data_symbol(library)
    package = symbol.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b")
    work = out_dir / "icu-work"
    shutil.rmtree(work, ignore_errors=True)
    (work / "items").mkdir(parents=True)
    (work / "slim").mkdir()
    with library.open("rb") as f:
        f.seek(offset)
        (work / f"{package}.dat").write_bytes(f.read(size))

    items = run("icupkg", "-l", f"{package}.dat", cwd=work).split()
    (work / "all.txt").write_text("\n".join(items) + "\n", encoding="ascii")
    run("icupkg", "-x", "all.txt", "-d", "items", f"{package}.dat", cwd=work)
    removed = {item for item in items if not keep(item, (work / "items" / item).stat().st_size)}
    # A codec table may extend another; drop the extensions of removed bases too, until icupkg is satisfied.
    # The output is named like the input: the package's name prefixes every item inside it.
    while True:
        (work / "remove.txt").write_text("\n".join(sorted(removed)) + "\n", encoding="ascii")
        done = subprocess.run(["icupkg", "-r", "remove.txt", f"{package}.dat", f"slim/{package}.dat"],
                              cwd=work, capture_output=True, text=True)
        dependants = set(re.findall(r"^Item (\S+) depends on missing item", done.stdout + done.stderr, re.M))
        if done.returncode == 0 and not dependants:
            break
        if not dependants - removed:
            raise SlimError(f"icupkg 失败：{(done.stderr or done.stdout).strip()}")
        removed |= dependants

    run("genccode", "-q", "-a", "gcc", "-e", symbol.removesuffix("_dat"), "-d", ".", f"{package}.dat",
        cwd=work / "slim")
    out = out_dir / library.name
    run("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-Wl,-z,noexecstack", "-o", str(out),
        str(work / "slim" / f"{package}_dat.S"))
    if data_symbol(out)[0] != symbol:
        raise SlimError(f"重建的 {out.name} 没有导出 {symbol}")
    print(f"ICU 数据：{library.stat().st_size / 2**20:.1f} MB → {out.stat().st_size / 2**20:.1f} MB"
          f"（保留 {len(items) - len(removed)} 项，共 {len(items)} 项）")
    shutil.rmtree(work)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    out_dir = Path(argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        slim(Path(argv[1]), out_dir)
    except SlimError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
