"""The package's slimmed ICU data (resources/packaging/slim_icu.py): what it keeps, and that Qt still sorts
Chinese by pinyin, knows GB18030 and China's time zone with it. The whole package is run by smoke.sh."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("slim_icu", ROOT / "resources" / "packaging" / "slim_icu.py")
slim_icu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(slim_icu)


@pytest.mark.parametrize("item", [
    "coll/zh.res", "coll/zh_Hans_CN.res", "coll/root.res", "coll/ucadata.icu", "coll/res_index.res",
    "zone/zh.res", "zone/en.res", "zone/pool.res", "zone/tzdbNames.res",
    "root.res", "pool.res", "zh_Hans.res", "supplementalData.res", "zoneinfo64.res", "metaZones.res",
    "timezoneTypes.res", "likelySubtags.res", "cnvalias.icu", "uemoji.icu",
])
def test_kept(item):
    assert slim_icu.keep(item, 100_000)


@pytest.mark.parametrize("item", [
    "coll/ja.res", "coll/ko.res", "zone/fr.res", "brkitr/cjdict.dict", "brkitr/zh.res", "curr/zh.res",
    "lang/zh.res", "region/zh.res", "unit/zh.res", "rbnf/zh.res", "translit/root.res",
    "fr.res", "sr_Latn_BA.res", "ja.res", "unames.icu", "confusables.cfu", "nfkc.nrm", "rfc3491.spp",
])
def test_dropped(item):
    assert not slim_icu.keep(item, 1_000)


def test_codecs_small_and_chinese_kept():
    assert slim_icu.keep("gb18030.cnv", 232_816)
    assert slim_icu.keep("ibm-1386_P100-2001.cnv", 116_704)  # GBK
    assert slim_icu.keep("ibm-5478_P100-1995.cnv", 73_152)  # GB 2312
    assert slim_icu.keep("ibm-912_P100-1995.cnv", 3_000)  # a small single-byte table
    assert not slim_icu.keep("ibm-943_P15A-2003.cnv", 154_000)  # Shift-JIS
    assert not slim_icu.keep("euc-tw-2014.cnv", 545_632)


PROBE = """
import functools, sys
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
maps = open("/proc/self/maps").read()
assert sys.argv[1] + "/libicudata" in maps, "the slimmed library was not the one loaded"
collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
print("".join(sorted("张赵北阿李王", key=functools.cmp_to_key(collator.compare))))
print(QStringDecoder("GB18030").isValid(), QStringDecoder("GBK").isValid(), QTimeZone(b"Asia/Shanghai").isValid())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only the Linux wheels of PySide6 ship ICU")
def test_qt_works_with_the_slimmed_icu(tmp_path):
    import PySide6

    original = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    slim = slim_icu.slim(original, tmp_path)
    assert slim.name == original.name
    assert slim.stat().st_size < original.stat().st_size / 4
    env = {**os.environ, "LD_LIBRARY_PATH": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["阿北李王张赵", "True True True"]


WITHOUT_SSL = """
import importlib.abc, runpy, sys

class NoSsl(importlib.abc.MetaPathFinder):  # as in the package, which leaves Python's ssl out
    def find_spec(self, name, path, target=None):
        if name in ("ssl", "_ssl"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoSsl())
runpy.run_path(sys.argv[1])
import psycopg
print(psycopg.pq.__impl__, "ssl" in sys.modules)
try:
    import ssl
except ImportError:
    print("no ssl")
"""


def test_psycopg_binary_loads_in_a_build_without_ssl():
    """rth_psycopg_ssl.py: psycopg's compiled modules load although the package has no ssl module, and the
    stand-in they import is gone afterwards (asyncio and the rest still see no ssl)."""
    hook = ROOT / "resources" / "packaging" / "rth_psycopg_ssl.py"
    done = subprocess.run([sys.executable, "-c", WITHOUT_SSL, str(hook)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["binary False", "no ssl"]


def test_without_the_hook_psycopg_binary_needs_ssl():
    """The hook is needed: without it psycopg finds no usable implementation in such a build."""
    script = WITHOUT_SSL.replace("runpy.run_path(sys.argv[1])", "")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "no pq wrapper available" in done.stderr
