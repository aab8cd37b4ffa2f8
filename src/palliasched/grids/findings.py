"""What reading a grid gives: the calendar read, and findings located by cell."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.errors import PalliaschedError


class GridError(PalliaschedError):
    """A workbook that cannot be opened, or that holds no grid."""


@dataclass(frozen=True, order=True)
class CellRef:
    sheet: str
    row: int
    column: int

    def __str__(self) -> str:
        return f"{self.sheet}!{get_column_letter(self.column)}{self.row}"


@dataclass(frozen=True)
class GridFinding:
    """Something wrong in a grid, where it is, in a sentence. ``note`` does not fail a check."""

    rule: str
    message: str
    where: tuple[CellRef, ...] = ()
    note: bool = False

    def __str__(self) -> str:
        places = ", ".join(str(c) for c in self.where)
        return f"{places}: {self.message}" if places else self.message


@dataclass
class GridReading:
    """What a grid says: the sessions it places (as a Solution), where each was read, the
    sessions it places beyond the programme's (``extras``), and what could not be read."""

    solution: Solution
    cells: dict[str, tuple[CellRef, ...]]
    extras: list[tuple[str, ScheduledSession, tuple[CellRef, ...]]]
    findings: list[GridFinding]
    without_rooms: set[str] = field(default_factory=set)


@dataclass
class Cell:
    ref: CellRef
    text: str
    day: dt.date
    slots: tuple[str, ...]
    columns: tuple[int, ...]
    refs: list[CellRef] = field(default_factory=list)
