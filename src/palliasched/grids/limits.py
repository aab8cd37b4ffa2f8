"""Refuse workbooks too large to be a grid before openpyxl loads them into memory.

openpyxl builds every cell, and every cell of a merged range, as an object: a sheet that
claims a cell at XFD1048576 or a merge over the whole sheet takes minutes and gigabytes.
The sheets' XML is scanned first (each bounded in size), and a cell or merge beyond the limits
of ``limits.py`` is refused with its place.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl.utils.cell import column_index_from_string

from palliasched.errors import PalliaschedError
from palliasched.limits import (
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_SHEET_XML_BYTES,
    MAX_WORKBOOK_BYTES,
)

_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})\""
)
_HINT = "a grid workbook is a few hundred rows and columns; check that this is the right file"


class WorkbookTooLarge(PalliaschedError):
    """A workbook beyond the stated limits (or not a workbook at all)."""


def check_workbook(path: Path) -> None:
    """Raise :class:`WorkbookTooLarge` naming the file, sheet part and cell at fault."""
    try:
        size = path.stat().st_size
        if size > MAX_WORKBOOK_BYTES:
            raise WorkbookTooLarge(
                f"{path}: larger than {MAX_WORKBOOK_BYTES // 1_000_000} MB (hint: {_HINT})"
            )
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise WorkbookTooLarge(
            f"{path}: not a readable .xlsx workbook ({exc}) (hint: save it from Excel or "
            "LibreOffice as .xlsx)"
        ) from None
    with archive:
        for info in archive.infolist():
            if not info.filename.startswith("xl/worksheets/") or not info.filename.endswith(".xml"):
                continue
            part = f"{path}: {info.filename}"
            if info.file_size > MAX_SHEET_XML_BYTES:
                raise WorkbookTooLarge(
                    f"{part}: the sheet holds {info.file_size // 1_000_000} MB of cells, more "
                    f"than {MAX_SHEET_XML_BYTES // 1_000_000} MB (hint: {_HINT})"
                )
            try:
                data = archive.read(info)
            except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
                raise WorkbookTooLarge(f"{part}: cannot be read ({exc})") from None
            _check_sheet(part, data)


def _check_sheet(part: str, data: bytes) -> None:
    for cells, match in enumerate(_CELL.finditer(data), start=1):
        _check_cell(part, match.group(1), match.group(2))
        if cells > MAX_SHEET_CELLS:
            raise WorkbookTooLarge(
                f"{part}: more than {MAX_SHEET_CELLS:,} written cells (hint: {_HINT})"
            )
    for match in _MERGE.finditer(data):
        _check_cell(part, match.group(3), match.group(4), merged=True)


def _check_cell(part: str, column: bytes, row: bytes, merged: bool = False) -> None:
    ref = (column + row).decode()
    if int(row) > MAX_SHEET_ROWS or column_index_from_string(column.decode()) > MAX_SHEET_COLUMNS:
        what = "a merged range reaches" if merged else "a cell is written at"
        raise WorkbookTooLarge(
            f"{part}!{ref}: {what} {ref}, beyond the {MAX_SHEET_ROWS:,} rows and "
            f"{MAX_SHEET_COLUMNS} columns a grid may use (hint: {_HINT})"
        )
