"""Cell styles and writing shared by the grid and the summary sheets of ``calendar.xlsx``."""

from __future__ import annotations

from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
HIGHLIGHT = PatternFill("solid", fgColor="F4B6B6")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")

# Printed on A4 landscape, fitted to the width: FULL_WIDTH_CHARS character widths fill the
# page at scale 1, and 11 pt text prints at 8 pt or more down to MIN_SCALE (LibreOffice's
# rendering, checked by tests/test_workbook_print.py). A line of 11 pt text takes
# DEFAULT_ROW_PT points.
FULL_WIDTH_CHARS = 117
MIN_SCALE = 0.78
DEFAULT_ROW_PT = 15


def set_text(sheet: Worksheet, row: int, column: int, value: object) -> None:
    """Write a cell; text stays text (never a formula, whatever it starts with)."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value  # type: ignore[assignment]
    if isinstance(value, str):
        cell.data_type = "s"
