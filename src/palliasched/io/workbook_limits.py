"""Refuse workbooks too large to be read before openpyxl loads them into memory: grids,
programme workbooks and availability forms alike.

openpyxl builds every cell, and every cell of a merged range, as an object: a sheet that
claims a cell at XFD1048576 or a merge over the whole sheet takes minutes and gigabytes.
The sheets' XML is scanned first (each bounded in size), and a cell or merge beyond the limits
of ``limits.py`` is refused with its place.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from palliasched.errors import PalliaschedError
from palliasched.limits import (
    MAX_SHEET_CELLS,
    MAX_SHEET_COLUMNS,
    MAX_SHEET_ROWS,
    MAX_SHEET_XML_BYTES,
    MAX_WORKBOOK_BYTES,
)

if TYPE_CHECKING:
    from openpyxl import Workbook

_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})\""
)
_HINT = "palliasched's workbooks are a few hundred rows and columns; check the file"


class WorkbookRefused(PalliaschedError):
    """A workbook beyond the stated limits, or not a workbook at all: ``reason`` says which,
    after the file's name."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason


def open_workbook(path: Path, data_only: bool = False) -> Workbook:
    """``path`` loaded by openpyxl once within the limits (``data_only``: a formula's last
    computed value instead of its text; nothing is ever evaluated here); raises
    WorkbookRefused, also for a file that is not a workbook."""
    check_workbook(path)
    from openpyxl import load_workbook

    try:
        return load_workbook(path, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds on a file that is not a workbook
        raise WorkbookRefused(path, f"not a readable .xlsx workbook ({exc})") from None


def check_workbook(path: Path) -> None:
    """Raise :class:`WorkbookRefused` naming the file, sheet part and cell at fault."""
    try:
        size = path.stat().st_size
        if size > MAX_WORKBOOK_BYTES:
            raise WorkbookRefused(
                path, f"larger than {MAX_WORKBOOK_BYTES // 1_000_000} MB (hint: {_HINT})"
            )
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise WorkbookRefused(
            path,
            f"not a readable .xlsx workbook ({exc}) (hint: save it from Excel or "
            "LibreOffice as .xlsx)",
        ) from None
    with archive:
        for info in archive.infolist():
            if not info.filename.startswith("xl/worksheets/") or not info.filename.endswith(".xml"):
                continue
            part = info.filename
            if info.file_size > MAX_SHEET_XML_BYTES:
                raise WorkbookRefused(
                    path,
                    f"{part}: the sheet holds {info.file_size // 1_000_000} MB of cells, more "
                    f"than {MAX_SHEET_XML_BYTES // 1_000_000} MB (hint: {_HINT})",
                )
            try:
                data = archive.read(info)
            except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
                raise WorkbookRefused(path, f"{part}: cannot be read ({exc})") from None
            _check_sheet(path, part, data)


def _check_sheet(path: Path, part: str, data: bytes) -> None:
    for cells, match in enumerate(_CELL.finditer(data), start=1):
        _check_cell(path, part, match.group(1), match.group(2))
        if cells > MAX_SHEET_CELLS:
            raise WorkbookRefused(
                path, f"{part}: more than {MAX_SHEET_CELLS:,} written cells (hint: {_HINT})"
            )
    for match in _MERGE.finditer(data):
        _check_cell(path, part, match.group(3), match.group(4), merged=True)


def _check_cell(path: Path, part: str, column: bytes, row: bytes, merged: bool = False) -> None:
    ref = (column + row).decode()
    if int(row) > MAX_SHEET_ROWS or _column_number(column.decode()) > MAX_SHEET_COLUMNS:
        what = "a merged range reaches" if merged else "a cell is written at"
        raise WorkbookRefused(
            path,
            f"{part}!{ref}: {what} {ref}, beyond the {MAX_SHEET_ROWS:,} rows and "
            f"{MAX_SHEET_COLUMNS} columns a workbook may use (hint: {_HINT})",
        )


def _column_number(letters: str) -> int:
    """``A`` is 1, ``Z`` 26, ``AA`` 27 (without importing openpyxl for it)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
