"""Many inputs for a batch (review): exchange files, published documents, and folders holding them.

Each input becomes an entry; one that cannot be read is an entry saying why, so that a batch never stops at
the first bad file."""

from __future__ import annotations

import logging
from pathlib import Path

from report import exchange
from report.batch import Entry
from report.model import Report

from . import KINDS, UnusableInput, import_file

SUFFIXES = frozenset({".json", *KINDS})
MAX_FILES = 5000  # a folder with more than this is not a folder of annual reports


def collect(paths: list[str]) -> tuple[list[Path], list[Entry]]:
    """The files to read (folders searched, subfolders included, for the suffixes read), and entries for
    inputs that are no report file at all (missing, an unreadable folder)."""
    files: list[Path] = []
    bad: list[Entry] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            try:
                found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                               and not f.name.startswith(("~$", ".")))
            except OSError as e:
                bad.append(Entry(given, problem=f"无法读取文件夹：{e.strerror or e}"))
                continue
            if not found:
                bad.append(Entry(given, problem="文件夹中没有可读取的报告文件（" + "、".join(sorted(SUFFIXES)) + "）"))
            files += found
        elif p.exists():
            files.append(p)
        else:
            bad.append(Entry(given, problem="找不到该文件"))
    if len(files) > MAX_FILES:
        raise UnusableInput(f"共找到 {len(files)} 个文件，超过一次最多审核的 {MAX_FILES} 个；请分批审核")
    return list(dict.fromkeys(files)), bad


def read(path: Path, title_from: Report | None = None) -> Entry:
    """One file as an entry: an exchange file read as such, anything else through the importer.

    `title_from`: the report this file is to be compared with. A document whose only fault is a missing title
    (a copy of the body alone) takes the agency and/or year it lacks from it; the entry's `completed` says which.
    A title the document does give is never replaced, so a changed year still shows as a difference."""
    name = str(path)
    if path.suffix.lower() == ".json":
        try:
            return Entry(name, exchange.read(path))
        except exchange.ExchangeError as e:
            return Entry(name, problem="；".join(e.problems[:3]) + ("等" if len(e.problems) > 3 else ""))
    try:
        result = import_file(path)
        completed: tuple[str, ...] = ()
        if result.report is None and result.missing and result.title_only and title_from is not None:
            completed = result.missing
            given = {"agency": title_from.agency, "year": title_from.year}
            result = import_file(path, **{m: given[m] for m in completed})
    except UnusableInput as e:
        return Entry(name, problem=str(e))
    except Exception:  # a document no reader foresaw: one row says so, the batch goes on
        logging.getLogger(__name__).exception("reading %s for a batch", name)
        return Entry(name, problem="读取时出错，无法识别为年度报告（详细信息已写入日志）")
    if result.report is None:
        why = [n.message for n in result.errors][:2]
        if result.missing:
            why.insert(0, "文件中没有报告标题（机关名称和年度），请先用「导入」逐份导入")
        return Entry(name, problem="；".join(why) or "未能读成报告")
    return Entry(name, result.report, completed=completed)


def read_all(paths: list[str], output: str | Path | None = None) -> list[Entry]:
    """Every input read; the review's own `output` is none of them (last run's result left in the folder)."""
    files, bad = collect(paths)
    if output is not None:
        files = [f for f in files if f.resolve() != Path(output).resolve()]
    return bad + [read(f) for f in files]
