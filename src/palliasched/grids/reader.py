"""Read a calendar workbook laid out like the published grids into a :class:`Solution`.

A grid sheet holds week blocks: a header row starting with "Semaine" (or "Journée") and one
day header per day ("Lundi 05/10/2026", "06-oct", "12-janv", or an Excel date; a short date
takes the year of the block's first full date), a room row ("Salle - Coc 3026"), then one row
per slot whose label is parsed as times ("9h30-12h30", "14h-18h", "9h30-13h30", matched to the
programme's slot with the largest overlap). A session cell reads "UE n : TITLE", then the
session title and the instructors, one per line; a cell merged over the slot rows (or the same
text in both) is a full day; cells side by side under one day that name the same session are
its parallel groups. Blank rows and columns, merged headers and column widths do not matter.

Nothing is dropped silently: every non-empty cell of a block becomes part of a session or a
finding (an unreadable cell, an unknown name, a date label that contradicts its date).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from os import PathLike
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from palliasched.domain.calendar import (
    ENGLISH_WEEKDAYS,
    FRENCH_WEEKDAYS,
    FULL_DAY,
    clock_minutes,
    french_date,
    iso_week,
)
from palliasched.domain.programme import Faculty, Programme, SessionSpec
from palliasched.domain.solution import Solution
from palliasched.grids.findings import Cell, CellRef, GridError, GridFinding, GridReading
from palliasched.grids.labels import FULL_DATE, MONTHS, ROOM_PREFIX, SHORT_DATE, TIMES, UNIT_LINE
from palliasched.grids.matching import SessionMatching
from palliasched.grids.names import normalise
from palliasched.grids.placing import SessionPlacing
from palliasched.io.workbook_limits import open_workbook
from palliasched.publish.workbook import NOTE_PREFIX


def read_grid(faculty: Faculty, path: str | PathLike[str]) -> GridReading:
    """Every session a workbook places, matched to ``faculty``; raises WorkbookRefused when
    it cannot be read, GridError when it holds no grid."""
    path = Path(path)
    workbook = open_workbook(path, data_only=True)
    reader = _Reader(faculty)
    for sheet in workbook.worksheets:
        reader.sheet(sheet)
    if not reader.blocks:
        raise GridError(
            f"{path}: no week block found (a row starting with 'Semaine' or 'Journée' "
            "followed by day headers such as 'Lundi 05/10/2026')"
        )
    return reader.result()


class _Reader(SessionMatching, SessionPlacing):
    def result(self) -> GridReading:
        for name, refs in sorted(self.unknown_rooms.items()):
            self.findings.append(
                GridFinding(
                    "unknown-room",
                    f"room '{name}' is not a room of the programme file (not guessed)",
                    tuple(sorted(set(refs))),
                )
            )
        return GridReading(
            Solution(tuple(self.placed.values()), self.faculty),
            {k: tuple(v) for k, v in self.cells.items()},
            self.extras,
            self.findings,
            self.without_rooms,
        )

    # --- sheets and blocks ---------------------------------------------------------------

    def sheet(self, sheet: Worksheet) -> None:
        values: dict[tuple[int, int], str] = {}
        for cells in sheet.iter_rows():
            for cell in cells:
                if cell.value is None:
                    continue
                value = cell.value
                if isinstance(value, dt.datetime):
                    value = value.date()
                text = value.isoformat() if isinstance(value, dt.date) else str(value)
                if text.strip():
                    values[(cell.row, cell.column)] = text
        spans = {(r.min_row, r.min_col): (r.max_row, r.max_col) for r in sheet.merged_cells.ranges}
        for cells in sheet.iter_rows():
            for cell in cells:
                note = cell.comment.text if cell.comment is not None else ""
                if note.startswith(NOTE_PREFIX) and cell.row and cell.column:
                    self.notes[(sheet.title, cell.row, cell.column)] = note[len(NOTE_PREFIX) :]
        programme = self._programme_of(sheet, values)
        headers = sorted(
            (r, c)
            for (r, c), text in values.items()
            if normalise(text) in ("semaine", "journee")
            and not any(cc < c for (rr, cc) in values if rr == r)
        )
        if not headers:
            return
        if programme is None:
            self.findings.append(
                GridFinding(
                    "unknown-programme",
                    f"sheet '{sheet.title}': no programme of the file is named in its title",
                    (CellRef(sheet.title, 1, 1),),
                )
            )
            return
        last_rows = [r for r, _ in headers[1:]] + [max(r for r, _ in values) + 1]
        known_year: dt.date | None = None
        for (row, column), end in zip(headers, last_rows, strict=True):
            self.blocks += 1
            known_year = self._block(
                sheet.title, programme, values, spans, row, column, end, known_year
            )

    def _programme_of(
        self, sheet: Worksheet, values: dict[tuple[int, int], str]
    ) -> Programme | None:
        if len(self.faculty.programmes) == 1:
            return self.faculty.programmes[0]
        texts = [normalise(sheet.title)] + [normalise(v) for (r, _), v in values.items() if r <= 3]
        for programme in self.faculty.programmes:
            keys = (normalise(programme.title), normalise(programme.id))
            if any(text.startswith(key) for key in keys for text in texts if key):
                return programme
        return None

    def _block(
        self,
        sheet: str,
        programme: Programme,
        values: dict[tuple[int, int], str],
        spans: dict[tuple[int, int], tuple[int, int]],
        header: int,
        label: int,
        end: int,
        known: dt.date | None,
    ) -> dt.date | None:
        days: list[tuple[int, dt.date]] = []
        for (r, c), text in sorted(values.items()):
            if r != header or c <= label:
                continue
            day, known = self._day(sheet, r, c, text, known)
            if day is not None:
                days.append((c, day))
        if not days:
            self.findings.append(
                GridFinding(
                    "unreadable-cell",
                    "a week block with no day header",
                    (CellRef(sheet, header, label),),
                )
            )
            return known
        weeks = {iso_week(d) for _, d in days}
        if len(weeks) > 1:
            dates = ", ".join(french_date(d) for _, d in days)
            self.findings.append(
                GridFinding(
                    "week-block",
                    f"a week block holds dates of {len(weeks)} different weeks ({dates})",
                    (CellRef(sheet, header, label),),
                )
            )
        slot_rows, room_row, stop = self._rows(programme, values, header, label, end)
        if not slot_rows:
            self.findings.append(
                GridFinding(
                    "unreadable-cell",
                    "a week block with no slot row (such as '9h30-12h30')",
                    (CellRef(sheet, header, label),),
                )
            )
            return known
        last_column = max([c for (r, c) in values if header <= r < stop] + [c for c, _ in days])
        bounds = [c for c, _ in days] + [last_column + 1]
        day_columns = {
            day: tuple(range(bounds[n], bounds[n + 1])) for n, (_, day) in enumerate(days)
        }
        room_text = (
            {c: values.get((room_row, c), "") for c in range(label + 1, last_column + 1)}
            if room_row is not None
            else {}
        )
        cells = self._cells(programme, sheet, values, spans, slot_rows, day_columns)
        self._sessions(programme, cells, room_text)
        return known

    def _rows(
        self,
        programme: Programme,
        values: dict[tuple[int, int], str],
        header: int,
        label: int,
        end: int,
    ) -> tuple[dict[int, str], int | None, int]:
        """A block's slot rows (row: slot id), its room row, and the row that ends it."""
        slot_rows: dict[int, str] = {}
        room_row: int | None = None
        for r in sorted({r for r, _ in values if header < r < end}):
            label_text = values.get((r, label))
            if label_text is None:
                if room_row is None and any(
                    ROOM_PREFIX.match(v) and normalise(v).startswith("salle")
                    for (rr, cc), v in values.items()
                    if rr == r and cc > label
                ):
                    room_row = r
                continue
            slot = self._slot(programme, label_text)
            if slot is None:
                return slot_rows, room_row, r  # a heading or anything else ends the block
            slot_rows[r] = slot
        return slot_rows, room_row, end

    def _day(
        self, sheet: str, row: int, column: int, text: str, known: dt.date | None
    ) -> tuple[dt.date | None, dt.date | None]:
        ref = CellRef(sheet, row, column)
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            day = None
        if day is not None:
            return day, day
        full = FULL_DATE.match(text)
        if full:
            try:
                day = dt.date(int(full[4]), int(full[3]), int(full[2]))
            except ValueError:
                self.findings.append(
                    GridFinding("unreadable-cell", f"'{text}' is not a date", (ref,))
                )
                return None, known
            label = full[1]
            expected = FRENCH_WEEKDAYS[day.weekday()]
            if label and normalise(label) != normalise(expected):
                self.findings.append(
                    GridFinding(
                        "day-label",
                        f"'{text.strip()}' names the wrong day: {french_date(day)} is a "
                        f"{ENGLISH_WEEKDAYS[day.weekday()]} ({expected})",
                        (ref,),
                    )
                )
            return day, day
        short = SHORT_DATE.match(normalise(text))  # "06-oct", "02-déc" read "06 oct", "02 dec"
        month = MONTHS.get(short[2]) if short else None
        if short and month and known is not None:
            candidates = []
            for year in (known.year - 1, known.year, known.year + 1):
                try:
                    candidates.append(dt.date(year, month, int(short[1])))
                except ValueError:
                    continue
            if candidates:
                day = min(candidates, key=lambda d: abs((d - known).days))
                return day, known
        self.findings.append(
            GridFinding(
                "unreadable-cell",
                f"'{text}' is not a day header (write 'Lundi 05/10/2026' or '06-oct' after a "
                "full date)",
                (ref,),
            )
        )
        return None, known

    def _slot(self, programme: Programme, text: str) -> str | None:
        times = TIMES.match(text)
        if not times:
            return None
        start = int(times[1]) * 60 + int(times[2] or 0)
        end = int(times[3]) * 60 + int(times[4] or 0)
        best, overlap = None, 0
        for slot in programme.slots:
            a, b = clock_minutes(slot.start), clock_minutes(slot.end)
            shared = min(b, end) - max(a, start)
            if shared > overlap:
                best, overlap = slot.id, shared
        return best

    def _cells(
        self,
        programme: Programme,
        sheet: str,
        values: dict[tuple[int, int], str],
        spans: dict[tuple[int, int], tuple[int, int]],
        slot_rows: dict[int, str],
        day_columns: dict[dt.date, tuple[int, ...]],
    ) -> list[Cell]:
        found: list[Cell] = []
        for day, columns in day_columns.items():
            for row in sorted(slot_rows):
                for column in columns:
                    text = values.get((row, column))
                    if text is None:
                        continue
                    last_row, last_column = spans.get((row, column), (row, column))
                    rows = [r for r in sorted(slot_rows) if row <= r <= last_row]
                    slots = tuple(dict.fromkeys(slot_rows[r] for r in rows))
                    covered = tuple(c for c in columns if column <= c <= last_column)
                    found.append(Cell(CellRef(sheet, row, column), text, day, slots, covered))
        # The same text in both slot rows of one column: a full day written twice, when every
        # session it may name is a full day (else two half-days that read alike).
        merged: list[Cell] = []
        for cell in found:
            twin = next(
                (
                    m
                    for m in merged
                    if m.day == cell.day
                    and m.columns == cell.columns
                    and normalise(m.text) == normalise(cell.text)
                    and not set(m.slots) & set(cell.slots)
                    and self._only_full_days(programme, cell.text)
                ),
                None,
            )
            if twin is None:
                cell.refs = [cell.ref]
                merged.append(cell)
            else:
                twin.slots = tuple(dict.fromkeys(twin.slots + cell.slots))
                twin.refs.append(cell.ref)
        return merged

    def _only_full_days(self, programme: Programme, text: str) -> bool:
        unit = UNIT_LINE.match(text.splitlines()[0]) if text.strip() else None
        code = normalise(unit[1]) if unit else None
        specs = [
            s
            for s in programme.sessions
            if code is None
            or (s.unit is not None and normalise(self.faculty.unit(s.unit).code) == code)
        ]
        return bool(specs) and all(s.length == FULL_DAY for s in specs)

    # --- sessions -------------------------------------------------------------------------

    def _sessions(self, programme: Programme, cells: list[Cell], room_text: dict[int, str]) -> None:
        parsed = [(cell, *self._parse(programme, cell)) for cell in cells]
        # Parallel groups: cells of one day and slots naming the same session.
        grouped: dict[
            tuple[dt.date, tuple[str, ...], str], list[tuple[Cell, SessionSpec | None, list[str]]]
        ] = defaultdict(list)
        for cell, spec, instructors in parsed:
            key = (cell.day, cell.slots, spec.id if spec is not None else f"?{cell.ref}")
            grouped[key].append((cell, spec, instructors))
        for (day, _, _), members in grouped.items():
            cell, spec, _ = members[0]
            refs = [r for m in members for r in m[0].refs]
            if spec is None:
                continue
            ordered_slots = tuple(s.id for s in programme.slots if s.id in cell.slots)
            instructors = list(dict.fromkeys(i for m in members for i in m[2]))
            rooms = self._rooms(programme, cells, members, room_text, refs)
            slots = self._own_times(programme, spec, cell.text, ordered_slots)
            self._place(spec, day, slots, instructors, rooms, refs)
