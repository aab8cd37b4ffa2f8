"""Styles, colours and labels shared by the grid and summary sheets of ``calendar.xlsx``
and by ``index.html``."""

from __future__ import annotations

from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from palliasched.domain.programme import Faculty, Programme

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


# Light fills, one per UE in programme order (cycled beyond).
PALETTE = (
    "FCE4D6",
    "DDEBF7",
    "E2EFDA",
    "FFF2CC",
    "EDE1F5",
    "D9F2F2",
    "F8D7E3",
    "E7E6E6",
    "FBE5C8",
    "D6E4F0",
    "E8F3D6",
    "F3E0D0",
)


def academic_years(faculty: Faculty) -> str:
    """``2026-2027``, or ``2026`` for a year within one calendar year."""
    year = faculty.calendar.year
    same = year.start.year == year.end.year
    return str(year.start.year) if same else f"{year.start.year}-{year.end.year}"


def unit_colours(programme: Programme) -> dict[str, str]:
    return {u.id: PALETTE[n % len(PALETTE)] for n, u in enumerate(programme.units)}


def print_a4_landscape(sheet: Worksheet) -> None:
    """Printed on A4 landscape, fitted to the page width, the first row on every page."""
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
