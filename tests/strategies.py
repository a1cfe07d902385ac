"""Hypothesis strategies: random reports that satisfy every rule of their format."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from report.definition import Format, Kind
from report.formats import FORMATS
from report.model import Report, text_ids

SMALL = st.integers(min_value=0, max_value=500)


def _amount(places: int):
    return st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n).scaleb(-places))


# Figures as most agencies publish them: mostly nothing, now and then a few.
FEW = st.one_of(st.just(0), st.just(0), st.integers(min_value=1, max_value=12))


@st.composite
def valid_reports(draw, format_id: str | None = None, few: bool = False) -> Report:
    """`few`: figures as FEW gives them, amounts of a few digits."""
    counts = FEW if few else SMALL
    fmt: Format = FORMATS[format_id or draw(st.sampled_from(sorted(FORMATS)))]
    year = draw(st.integers(fmt.first_year, fmt.last_year or fmt.first_year + 30))
    cells: dict = {}
    for cid in fmt.input_cells:
        cell = fmt.cells[cid]
        if cell.kind is Kind.SIGNED:
            cells[cid] = draw(counts) * draw(st.sampled_from((1, -1))) if few else draw(st.integers(-500, 500))
        elif cell.kind is Kind.AMOUNT and few:
            cells[cid] = Decimal(draw(st.integers(0, 99999))).scaleb(-draw(st.integers(0, 4)))
        elif cell.kind is Kind.AMOUNT:
            cells[cid] = draw(_amount(draw(st.integers(0, cell.column.places if cell.column.places is not None else 6))))
        else:
            cells[cid] = draw(counts)
    # Make the printed 勾稽 rule hold in every applicant column: new + carried_in = results + carried_out.
    rule = fmt.balance_rules[0]
    block = fmt.block_of_row(rule.left[0])
    for column in block.leaf_columns():
        if column.total:
            continue
        results = sum(cells[a] for a in fmt.computed[f"{rule.right[0]}:{column.id}"])
        right = results + cells[f"{rule.right[1]}:{column.id}"]
        carried_in = draw(st.integers(0, right))
        cells[f"{rule.left[1]}:{column.id}"] = carried_in
        cells[f"{rule.left[0]}:{column.id}"] = right - carried_in
    prose = st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.just("\n"), max_size=40)
    texts = {tid: draw(prose) for tid in text_ids(fmt)}
    agency = draw(st.text(st.characters(whitelist_categories=("Lo", "Nd")), min_size=1, max_size=30))
    return Report(agency=agency, year=year, format_id=fmt.id, texts=texts, cells=cells)
