"""The vocabulary in which an official format is written down.

A format is data: sections, tables made of stacked blocks, row and column trees, value kinds and rules.
Everything that draws, stores or checks a report walks these objects; nothing else spells a label.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import overload


class Kind(enum.Enum):
    """What a cell may hold."""

    COUNT = "count"  # whole number >= 0
    SIGNED = "signed"  # whole number, may be negative (本年增/减)
    AMOUNT = "amount"  # exact decimal >= 0 in 万元, at most MAX_PLACES places


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: Kind = Kind.COUNT
    total: bool = False  # the sum of the block's other columns in the same row
    span: int = 1  # printed width in grid columns (a lone column spans the whole block)
    places: int | None = None  # decimal places the printed header asks for, if it says
    # What stands at the year's end rather than what the year did (对外公开总数量, 现行有效件数): the same figure
    # as last year's is no sign of a copied table.
    stock: bool = False


@dataclass(frozen=True)
class ColumnGroup:
    label: str
    children: tuple[ColumnNode, ...]


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    total: bool = False  # the sum of every other data row of its group
    # Misprints of the label common in published reports (a character dropped or doubled): read on import as this
    # row, with a note; never written.
    misprints: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowGroup:
    """A label-only row spanning the rows below it (e.g. （三）不予公开)."""

    label: str
    children: tuple[RowNode, ...]


ColumnNode = Column | ColumnGroup
RowNode = Row | RowGroup


@dataclass(frozen=True)
class Block:
    """One header plus its rows; a table stacks blocks (section 二 has one per 第二十条 item)."""

    rows: tuple[RowNode, ...]
    columns: tuple[ColumnNode, ...]
    title: str | None = None  # printed on a row of its own above the header
    corner: str | None = None  # the top-left header cell over the row labels
    across: bool = False  # printed as one line, the rows side by side under their labels (section 四)

    def leaf_rows(self) -> list[Row]:
        return list(leaves(self.rows))

    def leaf_columns(self) -> list[Column]:
        return list(leaves(self.columns))


@dataclass(frozen=True)
class Table:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Section:
    id: str  # s1 … s6
    title: str
    table: Table | None = None  # None: a prose section
    outline: tuple[str, ...] = ()  # headings the official guidance asks the prose to cover
    hint: str = ""  # a reminder shown to the clerk while writing
    aliases: tuple[str, ...] = ()  # other official wordings of the title, accepted on import, never written
    # What the title means, as words any agency's wording of it carries: each entry a set of words that must all
    # appear. A published heading with this section's number (五、) and one such set is this section's title
    # (「五、政府信息公开工作存在的主要问题及整改措施」), however else it is worded; never written.
    meaning: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class BalanceRule:
    """Printed in the template: in every column of the block, the left rows add up to the right rows."""

    id: str
    left: tuple[str, ...]  # row ids
    right: tuple[str, ...]
    left_text: str  # how the printed note names each side
    right_text: str


@dataclass(frozen=True)
class Term:
    sign: int  # +1 or -1
    cell: str
    previous: bool = True  # last year's report; False: this year's


@dataclass(frozen=True)
class CarryRule:
    """A cell of this year's report that follows from last year's: target = Σ sign × cell."""

    id: str
    target: str
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class ApplicationRows:
    """The rows of the application table (三) that a ledger of applications fills by dates.

    The result rows are the data rows of the group holding `results_total`; the applicant types are the data
    columns of the same block."""

    new: str  # received in the year
    carried_in: str  # received before the year, still open on 31 December of the year before
    results_total: str  # the total row of the results answered in the year
    carried_out: str  # still open on 31 December


@dataclass(frozen=True)
class AppealRows:
    """The rows of section 四 that a ledger's recorded 行政复议 and 行政诉讼 fill, and how a recorded outcome reads:
    outcome columns with the words that name them in a clerk's note, tried in order (the first that matches
    wins: 「已受理，尚未审结」 is pending, 「部分维持、部分撤销」 corrected); a note no word names is `otherwise`."""

    review: str  # 行政复议
    suit_direct: str  # 行政诉讼 without a review first
    suit_after_review: str  # 行政诉讼 after a review
    outcomes: tuple[tuple[str, tuple[str, ...]], ...]  # (column id, words)
    otherwise: str  # the column of an outcome no word names


@dataclass(frozen=True)
class CellDef:
    id: str
    section: Section
    block: Block
    row: Row
    column: Column
    row_path: tuple[str, ...]  # labels of the groups above the row, then the row's own label
    column_path: tuple[str, ...]

    @property
    def kind(self) -> Kind:
        return self.column.kind

    @property
    def computed(self) -> bool:
        return self.row.total or self.column.total

    @property
    def label(self) -> str:
        """How messages name the cell: 「section」row path·column path.

        A column group spanning the whole block (申请人情况) says nothing about the cell and is left out.
        """
        columns = self.column_path
        top = self.block.columns
        if len(top) == 1 and isinstance(top[0], ColumnGroup) and len(columns) > 1:
            columns = columns[1:]
        return f"「{self.section.title}」{' '.join(self.row_path)}·{'·'.join(columns)}"

    @property
    def short_label(self) -> str:
        """The row's own label and the column's, for use inside a longer sentence."""
        return f"{self.row.label}·{self.column.label}"


@dataclass(frozen=True)
class Format:
    id: str  # "2019" or "2021"
    name: str
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    balance_rules: tuple[BalanceRule, ...] = ()
    carry_rules: tuple[CarryRule, ...] = field(default=())
    applications: ApplicationRows | None = None  # how a ledger of applications fills table 三
    appeals: AppealRows | None = None  # how a ledger's recorded 复议 and 诉讼 fill section 四
    fees_section: str | None = None  # the prose section that states the year's 信息处理费 (国办函〔2020〕109号)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    @property
    def prose_sections(self) -> list[Section]:
        return [s for s in self.sections if s.table is None]

    @property
    def table_sections(self) -> list[Section]:
        return [s for s in self.sections if s.table is not None]

    @cached_property
    def cells(self) -> dict[str, CellDef]:
        """Every data cell by id, in printed order (section, block, row, column)."""
        out: dict[str, CellDef] = {}
        for section in self.table_sections:
            assert section.table is not None
            for block in section.table.blocks:
                for row, row_path in _leaf_paths(block.rows):
                    for column, column_path in _leaf_paths(block.columns):
                        cid = f"{row.id}:{column.id}"
                        if cid in out:
                            raise ValueError(f"duplicate cell id {cid} in format {self.id}")
                        out[cid] = CellDef(cid, section, block, row, column, row_path, column_path)
        return out

    @cached_property
    def computed(self) -> dict[str, tuple[str, ...]]:
        """Computed cell id -> the cell ids it adds up.

        A total column sums the other columns of its row (so the corner total sums the column totals' row);
        a total row sums every other data row of its group.
        """
        out: dict[str, tuple[str, ...]] = {}
        for cell in self.cells.values():
            if cell.column.total:
                others = [c for c in cell.block.leaf_columns() if not c.total]
                out[cell.id] = tuple(f"{cell.row.id}:{c.id}" for c in others)
            elif cell.row.total:
                siblings = group_of(cell.block.rows, cell.row.id)
                out[cell.id] = tuple(f"{r.id}:{cell.column.id}" for r in leaves(siblings) if not r.total)
        return out

    @cached_property
    def sums(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Computed cell id -> every sum it must equal: its row's, its column's, or both.

        A cell in a total row and a total column (（七）总计·总计) is the sum of its row and also of its
        column; `computed` keeps one of them for working the cell out, a check must hold it to both."""
        out: dict[str, tuple[tuple[str, ...], ...]] = {}
        for cid, addends in self.computed.items():
            cell = self.cells[cid]
            if cell.row.total and cell.column.total:
                siblings = group_of(cell.block.rows, cell.row.id)
                down = tuple(f"{r.id}:{cell.column.id}" for r in leaves(siblings) if not r.total)
                out[cid] = (addends, down)
            else:
                out[cid] = (addends,)
        return out

    @cached_property
    def input_cells(self) -> list[str]:
        return [cid for cid in self.cells if cid not in self.computed]

    @cached_property
    def _blocks_by_row(self) -> dict[str, Block]:
        # Checks ask for a row's block per rule and per prose figure: a scan of every cell each time was slow.
        out: dict[str, Block] = {}
        for cell in self.cells.values():
            out.setdefault(cell.row.id, cell.block)
        return out

    def block_of_row(self, row_id: str) -> Block:
        return self._blocks_by_row[row_id]


@overload
def leaves(nodes: tuple[RowNode, ...]) -> Iterator[Row]: ...
@overload
def leaves(nodes: tuple[ColumnNode, ...]) -> Iterator[Column]: ...
def leaves(nodes: tuple[RowNode, ...] | tuple[ColumnNode, ...]) -> Iterator[Row | Column]:
    """The rows (or columns) under `nodes` that hold cells, in printed order, groups opened."""
    for node in nodes:
        if isinstance(node, (RowGroup, ColumnGroup)):
            yield from leaves(node.children)
        else:
            yield node


_Labels = tuple[str, ...]  # the group labels above a leaf, outermost first


@overload
def _leaf_paths(nodes: tuple[RowNode, ...], prefix: _Labels = ()) -> Iterator[tuple[Row, _Labels]]: ...
@overload
def _leaf_paths(nodes: tuple[ColumnNode, ...], prefix: _Labels = ()) -> Iterator[tuple[Column, _Labels]]: ...
def _leaf_paths(nodes: tuple[RowNode, ...] | tuple[ColumnNode, ...],
                prefix: _Labels = ()) -> Iterator[tuple[Row | Column, _Labels]]:
    for node in nodes:
        if isinstance(node, (RowGroup, ColumnGroup)):
            yield from _leaf_paths(node.children, prefix + (node.label,))
        else:
            yield node, prefix + (node.label,)


def group_of(nodes: tuple[RowNode, ...], row_id: str) -> tuple[RowNode, ...]:
    """The children of the innermost group holding row_id (the block's top level if none)."""
    for node in nodes:
        if isinstance(node, RowGroup) and any(r.id == row_id for r in leaves(node.children)):
            return group_of(node.children, row_id)
    return nodes
