"""What a grid reader keeps while it reads the sheets of a workbook."""

from __future__ import annotations

import datetime as dt

from palliasched.domain.programme import Faculty
from palliasched.domain.solution import ScheduledSession
from palliasched.grids.findings import CellRef, GridFinding
from palliasched.grids.names import Matcher


class ReaderState:
    def __init__(self, faculty: Faculty) -> None:
        self.faculty = faculty
        self.instructors = Matcher((i.id, i.name) for i in faculty.instructors)
        self.rooms = Matcher((r.id, r.name) for r in faculty.rooms)
        self.findings: list[GridFinding] = []
        self.placed: dict[str, ScheduledSession] = {}
        self.cells: dict[str, list[CellRef]] = {}
        self.extras: list[tuple[str, ScheduledSession, tuple[CellRef, ...]]] = []
        self.without_rooms: set[str] = set()
        self.claimed: dict[str, tuple[dt.date, tuple[str, ...]]] = {}
        self.unknown_rooms: dict[str, list[CellRef]] = {}
        # Session ids that palliasched's own exports note on their cells.
        self.notes: dict[tuple[str, int, int], str] = {}
        self.blocks = 0
