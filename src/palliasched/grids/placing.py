"""A matched session placed in the calendar read: its date, slots, rooms and cells."""

from __future__ import annotations

import datetime as dt
import re

from palliasched.domain.calendar import Slot, duration_of
from palliasched.domain.programme import Programme, SessionSpec
from palliasched.domain.solution import ScheduledSession
from palliasched.grids.findings import Cell, CellRef
from palliasched.grids.labels import ROOM_PREFIX, TIMES
from palliasched.grids.state import ReaderState
from palliasched.words import ONLINE


class SessionPlacing(ReaderState):
    def _rooms(
        self,
        programme: Programme,
        cells: list[Cell],
        members: list[tuple[Cell, SessionSpec | None, list[str]]],
        room_text: dict[int, str],
        refs: list[CellRef],
    ) -> list[str]:
        rooms: list[str] = []
        for cell, _, _ in members:
            for column in cell.columns:
                # Sessions in this column, in slot order: "Salles - A et B" gives A to the
                # first and B to the second; a single name is everyone's.
                covering = sorted(
                    (other for other in cells if other.day == cell.day and column in other.columns),
                    key=lambda other: min(programme.slots.ids.index(s) for s in other.slots),
                )
                text = ROOM_PREFIX.sub("", room_text.get(column, "")).strip()
                segments = [seg.strip() for seg in re.split(r"\bet\b", text)]
                segments = [seg for seg in segments if seg]
                if not segments:
                    continue
                position = next(n for n, other in enumerate(covering) if other is cell)
                segment = segments[position] if len(segments) == len(covering) else segments[0]
                for name in re.split(r"\s*[+,]\s*", segment):
                    if not name or name.casefold() == ONLINE.casefold():
                        continue
                    room = self.rooms.find(name)
                    if room is None:
                        self.unknown_rooms.setdefault(name, []).extend(refs)
                    elif room not in rooms:
                        rooms.append(room)
        return rooms

    def _own_times(
        self, programme: Programme, spec: SessionSpec, text: str, rows: tuple[str, ...]
    ) -> tuple[str, ...]:
        """The slots of a session with its own clock times, written in the row it overlaps:
        its fixed ``09:30-13:30``, or for a session given in minutes the times its cell says
        ("10h-11h30"; the row's first start on the grid when the cell says none)."""
        if spec.length in (slot.id for slot in programme.slots.own):
            return (spec.length,)
        if duration_of(spec.length) is None:
            return rows
        options = [slots[0] for slots in programme.slots.options(spec.length)]
        for line in text.splitlines():
            times = TIMES.match(line)
            if times:
                start = dt.time(int(times[1]), int(times[2] or 0))
                end = dt.time(int(times[3]), int(times[4] or 0))
                return (Slot.clock(start, end).id,)
        inside = [o for o in options if any(o.overlaps(programme.slots[r]) for r in rows)]
        return (inside[0].id,) if inside else rows

    def _place(
        self,
        spec: SessionSpec,
        day: dt.date,
        slots: tuple[str, ...],
        instructors: list[str],
        rooms: list[str],
        refs: list[CellRef],
    ) -> None:
        sites = {self.faculty.room(r).site for r in rooms}
        programme = self.faculty.programme(spec.programme)
        site = (
            sites.pop()
            if len(sites) == 1
            else (programme.sites[0] if len(programme.sites) == 1 else None)
        )
        if spec.online:
            site = None
        placed = ScheduledSession(spec.id, day, slots, tuple(instructors), tuple(rooms), site)
        before = self.placed.get(spec.id)
        if before is not None and (before.date, before.slots) == (day, slots):
            self.cells[spec.id] += refs  # a shared session, seen on another cohort's sheet
            return
        if before is not None:
            self.extras.append((spec.id, placed, tuple(refs)))
            return
        if not rooms and spec.rooms_needed:
            self.without_rooms.add(spec.id)
        self.placed[spec.id] = placed
        self.cells[spec.id] = list(refs)
