"""Calendars people made: read a grid workbook, check it, build on it."""

from palliasched.grids.check import check_grid
from palliasched.grids.findings import CellRef, GridError, GridFinding, GridReading
from palliasched.grids.reader import read_grid

__all__ = ["CellRef", "GridError", "GridFinding", "GridReading", "check_grid", "read_grid"]
