"""Cell values as the database keeps them: the exact number as text, validated against the format."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from report.definition import Format, Kind
from report.values import Value, problem, show

from .errors import StorageError


def encode(fmt: Format, cell_id: str, value: Value) -> str:
    """The stored text of `value` for `cell_id`; StorageError (Chinese) for an id or value the format refuses."""
    cell = fmt.cells.get(cell_id)
    if cell is None:
        raise StorageError(f"{fmt.name}中没有编号为「{cell_id}」的单元格", reason="bad_input")
    if cell.computed:
        raise StorageError(f"{cell.label}是自动计算的合计，不能直接填写", reason="bad_input")
    if cell.kind is Kind.AMOUNT and isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    why = problem(cell.kind, value)
    if why:
        raise StorageError(f"{cell.label}{why}", reason="bad_input")
    if isinstance(value, Decimal) and value.is_zero():
        value = abs(value)  # no "-0"
    return show(value)


def decode(kind: Kind, text: str) -> Value:
    try:
        return Decimal(text) if kind is Kind.AMOUNT else int(text)
    except (InvalidOperation, ValueError):
        raise StorageError(f"数据库中的数值「{text[:20]}」无法识别，文件可能被其他程序改动过", reason="corrupt") from None
