"""The allocation as CSV, XLSX and a bar chart: the same figures as the page's table."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from common.spreadsheets import append_rows, csv_text

CSV_HEADER = ["kommunenummer", "name", "population", "fixed", "population_part", "total"]


def _rows(allocation):
    """One row per share; an «agreed» column before the total when members carry agreed
    shares (R-FIN-9)."""
    agreed = allocation.has_agreed
    return [[s.number, s.name, s.population, s.fixed, s.population_part,
             *([s.agreed] if agreed else []), s.total] for s in allocation.shares]


def allocation_csv(allocation):
    header = CSV_HEADER[:-1] + (["agreed"] if allocation.has_agreed else []) + ["total"]
    return csv_text([header, *_rows(allocation)])


def allocation_xlsx(allocation, title):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    agreed = [_("Agreed share")] if allocation.has_agreed else []
    append_rows(sheet, [[_("Municipality number"), _("Municipality"), _("Population"),
                         _("Fixed part"), _("Population part"), *agreed, _("Total")]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    money_format = "#,##0" if allocation.unit == 1 else "#,##0.00"
    append_rows(sheet, _rows(allocation))
    append_rows(sheet, [["", _("Sum"), allocation.population, None, None,
                         *([None] if agreed else []), allocation.total]])
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=6 + len(agreed)):
        for cell in row:
            cell.number_format = money_format
    for column, width in zip("ABCDEFG", [20, 24, 12, 14, 16, 14, 14], strict=False):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Bar:
    label: str
    value: object
    y: int
    width: str  # SVG numbers with a decimal point, whatever the page's language
    value_x: str


CHART_LABEL_WIDTH = 170
CHART_BAR_SPACE = 480
CHART_ROW = 24


def bar_chart(allocation):
    """Geometry of a horizontal bar chart of the totals, drawn by the template as SVG."""
    largest = max((s.total for s in allocation.shares), default=0) or 1
    bars = []
    for i, share in enumerate(allocation.shares):
        width = round(float(share.total / largest) * CHART_BAR_SPACE, 1)
        bars.append(Bar(label=f"{share.number} {share.name}", value=share.total,
                        y=i * CHART_ROW, width=str(width),
                        value_x=str(CHART_LABEL_WIDTH + width + 6)))
    return {"bars": bars, "height": len(bars) * CHART_ROW, "label_width": CHART_LABEL_WIDTH,
            "bar_x": CHART_LABEL_WIDTH, "width": CHART_LABEL_WIDTH + CHART_BAR_SPACE + 110}
