"""A document's embedded data checked against what the document shows (importer/embedded.py finds the data).

The data gives the report back exactly (the prose byte for byte, which no reading of a drawing can), so where
the two agree the import is the data. Where they differ the document was edited after it was exported, and what
it shows wins, since that is what was published: each difference is a warning naming the cell and both values,
or the passage and where it is.
"""

from __future__ import annotations

import dataclasses

from report.compare import CELL, FIELD, TEXT, Difference, differences
from report.model import Report

from .embedded import Embedded
from .notes import ERROR, INFO, WARNING, ImportResult, Note

SHOWN, CARRIED = "文件中显示", "附带的数据中"


def verify(result: ImportResult, found: Embedded) -> ImportResult:
    """`result` (read from what the document shows) checked against the data the document carries."""
    if found.problem:
        note = Note(WARNING, "", f"文件附带的报告数据未使用：{found.problem}；已按文件中显示的内容导入")
        return dataclasses.replace(result, notes=[note, *result.notes])
    carried = found.report
    if carried is None:
        return result
    shown = result.report
    if shown is None:
        # Nothing of the visible content could be used: the data is the report, unchecked, and said so.
        why = "；".join(n.message for n in result.errors[:3])
        note = Note(WARNING, "", f"文件中显示的内容无法读取（{why}），已按文件附带的报告数据导入，未能与显示的内容核对")
        kept = [dataclasses.replace(n, level=WARNING) if n.level == ERROR else n for n in result.notes]
        return ImportResult(carried, [note, *kept], "格式取自文件附带的报告数据")
    found_differences = differences(carried, shown, letters_only=True)
    if not found_differences:
        note = Note(INFO, "", "文件附带本程序写出的报告数据，与文件中显示的内容一致，已按附带的数据导入（正文逐字不变）")
        return dataclasses.replace(result, report=carried, notes=[note, *(n for n in result.notes if n.level == INFO)])
    report = _shown_wins(carried, shown, found_differences)
    notes = [Note(WARNING, "", f"文件中显示的内容与附带的报告数据有 {len(found_differences)} 处不同（文件可能在导出后被修改），"
                               "已按显示的内容导入；每处不同列在下面")]
    notes += [_note(d) for d in found_differences]
    return dataclasses.replace(result, report=report, notes=[*notes, *result.notes])


def _note(d: Difference) -> Note:
    cells = (d.key,) if d.kind == CELL else ()
    return Note(WARNING, "", d.message(CARRIED, SHOWN) + "，已按显示的内容导入", cells)


def _shown_wins(carried: Report, shown: Report, found: list[Difference]) -> Report:
    """The carried report with every differing cell, text and field as the document shows it."""
    if carried.format_id != shown.format_id:
        return shown  # another grid altogether: nothing of the carried one can be placed in it
    keys = {(d.kind, d.key) for d in found}
    cells = dict(carried.cells)
    for kind, key in keys:
        if kind == CELL:
            cells[key] = shown.value(key)
    texts = dict(carried.texts)
    texts.update({key: shown.text(key) for kind, key in keys if kind == TEXT})
    return dataclasses.replace(
        carried,
        agency=shown.agency if (FIELD, "agency") in keys else carried.agency,
        year=shown.year if (FIELD, "year") in keys else carried.year,
        date=shown.date if (FIELD, "date") in keys else carried.date,
        cells=cells,
        texts=texts,
    )
