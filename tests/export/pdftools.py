"""Reading a PDF back the way a reader's tools see it: poppler's pdftotext, pdffonts and pdfinfo."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) missing")


def run(*argv) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True, encoding="utf-8", errors="replace").stdout


def text(path: Path, layout: bool = False, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return run(*args, str(path), "-")


def info(path: Path) -> dict[str, str]:
    out = {}
    for line in run("pdfinfo", "-enc", "UTF-8", str(path)).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts rows: name, type, emb, sub."""
    rows = []
    for line in run("pdffonts", str(path)).splitlines()[2:]:
        parts = line.split()
        # name type [type…] encoding emb sub uni object ID
        rows.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": parts[-5], "sub": parts[-4]})
    return rows


@dataclass(frozen=True)
class Line:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def lines(path: Path) -> tuple[list[Line], tuple[float, float]]:
    """Every text line with its box (points from the top-left), and the page size."""
    xml = run("pdftotext", "-enc", "UTF-8", "-bbox-layout", str(path), "-")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    root = ET.fromstring(xml)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    out = []
    size = (0.0, 0.0)
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        size = (float(page.get("width")), float(page.get("height")))
        for line in page.iterfind(".//h:line", ns):
            words = "".join(w.text or "" for w in line.iterfind("h:word", ns))
            out.append(Line(number, words, *(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))))
    return out, size


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def find_spread(haystack: str, needle: str, start: int = 0, slack: int = 40) -> int:
    """Index where `needle`'s characters begin, in order, within len(needle)+slack characters of `haystack`
    from `start` (a wrapped table cell's lines may be interleaved with its neighbours'); -1 if nowhere."""
    needle = squeeze(needle)
    i = haystack.find(needle[0], start)
    while i >= 0:
        j, k = i, 0
        limit = i + len(needle) + slack
        while j < len(haystack) and j < limit and k < len(needle):
            if haystack[j] == needle[k]:
                k += 1
            j += 1
        if k == len(needle):
            return i
        i = haystack.find(needle[0], i + 1)
    return -1
