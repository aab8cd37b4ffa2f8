"""``calendar.xlsx``: the grid coordinators publish, one sheet per cohort, and summary sheets.

A cohort's sheet reads like the published 2026-2027 grid: the title, a section per semester,
one block per teaching week whose columns are its teaching days only ("Lundi 05/10/2026"),
a room row, one row per slot of the template ("9h30-12h30", "14h-18h"), and cells reading
"UE 1 : PEDAGOGIE", the session title, then one instructor per line. A full-day session is
merged over the slot rows; parallel groups stand side by side under their day. One colour per
UE, with a legend; frozen header rows; printed A4 landscape, fitted to the page width.

Summary sheets: hours per UE (declared against scheduled, differences highlighted), instructor
workload, room occupancy, and the soft rules given up, by name.

No cell written from a programme's text can become a formula: every text cell is typed as text.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from palliasched.domain.calendar import FRENCH_WEEKDAYS, french_date, iso_week
from palliasched.domain.internships import internship_words, periods
from palliasched.domain.programme import Cohort, Faculty, Programme, SessionSpec
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.files import reproducible_xlsx
from palliasched.publish.cells import (
    BOLD,
    BOX,
    DEFAULT_ROW_PT,
    FULL_WIDTH_CHARS,
    HEADER_FILL,
    MIN_SCALE,
    academic_years,
    print_a4_landscape,
    set_text,
    unit_colours,
)
from palliasched.publish.summaries import SUMMARY_SHEETS, add_summary_sheets
from palliasched.replan.moves import Move
from palliasched.words import ONLINE

WRAP = Alignment(wrap_text=True, vertical="top", horizontal="center")
CHANGED = Font(bold=True, color="C00000")
CHANGED_NOTE = "En rouge : séances déplacées ou ajoutées par la replanification (feuille Changes)"


def calendar_workbook(
    faculty: Faculty, solution: Solution, moves: Sequence[Move] | None = None
) -> bytes:
    """The grid workbook; after a re-planning (``moves`` given) with a "Changes" sheet, and
    the sessions moved or added marked in red in the grids."""
    changed = frozenset(m.session for m in moves or () if m.after is not None)
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    names = {name.lower() for name in SUMMARY_SHEETS}
    for programme in faculty.programmes:
        for cohort in programme.cohorts:
            title = _sheet_name(programme, cohort, names)
            sheet = workbook.create_sheet(title)
            _GridSheet(faculty, programme, cohort, solution, sheet, changed).write()
    add_summary_sheets(workbook, faculty, solution, moves)
    return reproducible_xlsx(workbook)  # the same workbook for the same calendar


NOTE_PREFIX = "palliasched session: "


def session_note(session_id: str) -> Comment:
    """A cell note naming the session: sessions that read alike are told apart on import."""
    return Comment(f"{NOTE_PREFIX}{session_id}", "palliasched", width=220, height=40)


@dataclass(frozen=True)
class _Column:
    """One column of a week block: a day, and which parallel group it shows."""

    day: dt.date
    group: int
    groups: int


# Page geometry (A4 landscape, fitted to the width): see ``cells.py``; a page holds
# PAGE_HEIGHT_PT points of rows at scale 1, below the repeated title row.
DAY_WIDTH, MIN_DAY_WIDTH, LABEL_WIDTH = 28, 15, 13
PAGE_HEIGHT_PT = 480
HEADER_ROW_PT = 28  # two lines: a day label wraps in a narrow column
SLOT_ROW_PT = 80
LEGEND_SPAN = 3  # columns a legend label spans


def _weeks(sessions: list[ScheduledSession]) -> list[list[ScheduledSession]]:
    by_week: dict[tuple[int, int], list[ScheduledSession]] = defaultdict(list)
    for placed in sessions:
        by_week[iso_week(placed.date)].append(placed)
    return [by_week[week] for week in sorted(by_week)]


class _Pages:
    """Rows laid on pages of ``capacity`` points: where a block must start a new page."""

    def __init__(self, capacity: float, used: float) -> None:
        self.capacity, self.used = capacity, used

    def needs_break(self, block: float, keep_with: float = 0.0) -> bool:
        """Place ``block`` (which must share its page with the next ``keep_with`` points)."""
        if self.used + block + keep_with > self.capacity and self.used > 0:
            self.used = block
            return True
        self.used += block
        return False


class _GridSheet:
    def __init__(
        self,
        faculty: Faculty,
        programme: Programme,
        cohort: Cohort,
        solution: Solution,
        sheet: Worksheet,
        changed: frozenset[str] = frozenset(),
    ) -> None:
        self.faculty = faculty
        self.changed = changed  # sessions a re-planning moved or added: marked in red
        self.programme = programme
        self.cohort = cohort
        self.sheet = sheet
        self.sessions = [
            p for p in solution.sessions if cohort.id in faculty.session(p.session).cohorts
        ]
        self.colours = unit_colours(programme)
        self.internships = periods(faculty, solution)
        self.row = 1

    def write(self) -> None:
        sheet = self.sheet
        title = f"{self.programme.title} {academic_years(self.faculty)}"
        if len(self.programme.cohorts) > 1:
            title += f" — {self.cohort.name}"
        set_text(sheet, 1, 1, title)
        sheet.cell(1, 1).font = Font(bold=True, size=14)
        if any(p.session in self.changed for p in self.sessions):
            set_text(sheet, 3, 1, CHANGED_NOTE)
            sheet.cell(3, 1).font = CHANGED
        self.row = 4
        sections = self._sections()
        widest = max(
            (len(self._columns(week)) for _, sessions in sections for week in _weeks(sessions)),
            default=1,
        )
        fits = FULL_WIDTH_CHARS / MIN_SCALE - LABEL_WIDTH  # the widest week at MIN_SCALE
        day_width = round(max(MIN_DAY_WIDTH, min(DAY_WIDTH, fits / widest)), 1)
        for letter in (get_column_letter(2 + n) for n in range(max(widest, LEGEND_SPAN))):
            sheet.column_dimensions[letter].width = day_width
        scale = min(1.0, FULL_WIDTH_CHARS / (LABEL_WIDTH + max(widest, LEGEND_SPAN) * day_width))
        page = _Pages(PAGE_HEIGHT_PT / scale, self._height(1, self.row))
        for heading, sessions in sections:
            weeks = _weeks(sessions)
            first_block = self._block_height(weeks[0]) if weeks else 0
            if page.needs_break(self._height(self.row, self.row + 2), keep_with=first_block):
                sheet.row_breaks.append(Break(id=self.row - 1))
            set_text(sheet, self.row, 1, heading)
            sheet.cell(self.row, 1).font = Font(bold=True, size=12)
            self.row += 2
            for week in weeks:
                if page.needs_break(self._block_height(week)):  # a week never splits
                    sheet.row_breaks.append(Break(id=self.row - 1))
                self._week(week)
                self.row += 1
        legend = DEFAULT_ROW_PT * (1 + len(self.programme.units))
        if page.needs_break(legend):  # the legend, last, on one page
            sheet.row_breaks.append(Break(id=self.row - 1))
        self._legend(self.row)
        sheet.column_dimensions["A"].width = LABEL_WIDTH
        sheet.freeze_panes = "B2"
        print_a4_landscape(sheet)

    def _legend(self, row: int) -> int:
        """One UE a row, its colour and label over LEGEND_SPAN columns; the row after it."""
        set_text(self.sheet, row, 1, "Légende :")
        self.sheet.cell(row, 1).font = BOLD
        stages = {
            unit.id: span for unit, cohort, span in self.internships if cohort == self.cohort.id
        }
        for unit in self.programme.units:
            label = unit.label
            if unit.id in stages:
                label += f" — {internship_words(stages[unit.id])}"
            set_text(self.sheet, row, 2, label)  # unmerged: its text runs on to the right
            for column in range(2, 2 + LEGEND_SPAN):
                self.sheet.cell(row, column).fill = PatternFill(
                    "solid", fgColor=self.colours[unit.id]
                )
            row += 1
        return row

    def _columns(self, sessions: list[ScheduledSession]) -> list[_Column]:
        columns: list[_Column] = []
        for day in sorted({p.date for p in sessions}):
            groups = max(self.faculty.session(p.session).groups for p in sessions if p.date == day)
            columns += [_Column(day, g, groups) for g in range(groups)]
        return columns

    def _block_height(self, sessions: list[ScheduledSession]) -> float:
        """Points a week block takes: header, rooms, slots and the blank row after it."""
        return HEADER_ROW_PT + 2 * DEFAULT_ROW_PT + SLOT_ROW_PT * len(self.programme.slots.slots)

    def _height(self, first: int, end: int) -> float:
        return sum(self.sheet.row_dimensions[r].height or DEFAULT_ROW_PT for r in range(first, end))

    def _sections(self) -> list[tuple[str, list[ScheduledSession]]]:
        span = academic_years(self.faculty)
        sections = []
        left = list(self.sessions)
        for n, (_, semester) in enumerate(self.programme.semesters, start=1):
            inside = [p for p in left if p.date in semester]
            left = [p for p in left if p.date not in semester]
            ordinal = "1er" if n == 1 else f"{n}ème"
            if inside:
                sections.append((f"{ordinal} semestre {span}", inside))
        if left:
            sections.append((f"Hors semestre {span}", left))
        return sections

    def _week(self, sessions: list[ScheduledSession]) -> None:
        sheet = self.sheet
        days = sorted({p.date for p in sessions})
        columns = self._columns(sessions)
        template = self.programme.slots.ids
        header, room_row = self.row, self.row + 1
        slot_rows = {slot.id: room_row + 1 + n for n, slot in enumerate(self.programme.slots)}
        set_text(sheet, header, 1, "Journée" if len(days) == 1 else "Semaine")
        sheet.cell(header, 1).font = BOLD
        sheet.row_dimensions[header].height = HEADER_ROW_PT  # "Mercredi 12/05/2027" may wrap
        for n, slot in enumerate(self.programme.slots):
            set_text(sheet, room_row + 1 + n, 1, slot.label)
            sheet.cell(room_row + 1 + n, 1).font = BOLD
            sheet.row_dimensions[room_row + 1 + n].height = SLOT_ROW_PT
        for day in days:
            first = 2 + next(n for n, c in enumerate(columns) if c.day == day)
            width = sum(1 for c in columns if c.day == day)
            label = f"{FRENCH_WEEKDAYS[day.weekday()]} {french_date(day)}"
            self._merged(header, first, header, first + width - 1, label)
            cell = sheet.cell(header, first)
            cell.font = BOLD
            cell.fill = HEADER_FILL
            for offset in range(width):
                # One segment per session in this column, in slot order: "Salles - A et B"
                # puts the first in A and the second in B; one segment when they agree.
                column = columns[first - 2 + offset]
                covering = [p for p in sessions if p.date == day and self._covers(p, column)]
                covering.sort(key=lambda p: min(template.index(s) for s in self._rows(p)))
                segments = [" + ".join(self._group_rooms(p, column)) for p in covering]
                segments = [seg for seg in segments if seg]
                if len(set(segments)) == 1:
                    segments = segments[:1]
                text = ("Salles - " if len(segments) > 1 else "Salle - ") + " et ".join(segments)
                if segments == [ONLINE]:
                    text = ONLINE
                set_text(sheet, room_row, first + offset, text.strip())
                sheet.cell(room_row, first + offset).alignment = WRAP
                sheet.cell(room_row, first + offset).border = BOX
            for placed in (p for p in sessions if p.date == day):
                self._session(placed, first, width, slot_rows)
        self.row = room_row + 1 + len(self.programme.slots.slots)

    def _covers(self, placed: ScheduledSession, column: _Column) -> bool:
        groups = self.faculty.session(placed.session).groups
        return groups == 1 or column.group < groups

    def _group_rooms(self, placed: ScheduledSession, column: _Column) -> list[str]:
        spec = self.faculty.session(placed.session)
        if spec.online:
            return [ONLINE]
        rooms = [self.faculty.room(r).name for r in placed.rooms]
        if spec.groups == 1:
            return rooms
        if column.group >= spec.groups:
            return []
        share = spec.rooms_per_group
        return rooms[column.group * share : (column.group + 1) * share]

    def _session(
        self, placed: ScheduledSession, first: int, width: int, slot_rows: dict[str, int]
    ) -> None:
        spec = self.faculty.session(placed.session)
        rows = sorted(slot_rows[s] for s in self._rows(placed))
        fill = PatternFill("solid", fgColor=self.colours.get(spec.unit or "", "FFFFFF"))
        if spec.groups == 1:
            self._merged(rows[0], first, rows[-1], first + width - 1, self._text(spec, placed))
            cell = self.sheet.cell(rows[0], first)
            cell.fill = fill
            cell.comment = session_note(spec.id)
            if spec.id in self.changed:
                cell.font = CHANGED
            return
        instructors = list(placed.instructors)
        for group in range(spec.groups):
            mine = instructors[group :: spec.groups] if len(instructors) >= spec.groups else []
            text = self._text(
                spec, placed, mine or instructors, f"Groupe {group + 1}/{spec.groups}"
            )
            self._merged(rows[0], first + group, rows[-1], first + group, text)
            self.sheet.cell(rows[0], first + group).fill = fill
            self.sheet.cell(rows[0], first + group).comment = session_note(spec.id)
            if spec.id in self.changed:
                self.sheet.cell(rows[0], first + group).font = CHANGED

    def _rows(self, placed: ScheduledSession) -> tuple[str, ...]:
        return self.programme.slots.rows_of(placed.slots)

    def _text(
        self,
        spec: SessionSpec,
        placed: ScheduledSession,
        instructors: list[str] | None = None,
        group: str | None = None,
    ) -> str:
        lines = []
        if spec.unit is not None:
            lines.append(self.faculty.unit(spec.unit).label)
        if spec.title:
            lines.append(spec.title)
        if group:
            lines.append(group)
        lines += self.programme.slots.clock_labels(placed.slots)  # its own times: 9h30-13h30
        ids = placed.instructors if instructors is None else instructors
        lines += [self.faculty.instructor(i).name for i in ids]
        return "\n".join(lines)

    def _merged(self, top: int, left: int, bottom: int, right: int, text: str) -> None:
        if (top, left) != (bottom, right):
            self.sheet.merge_cells(
                start_row=top, start_column=left, end_row=bottom, end_column=right
            )
        set_text(self.sheet, top, left, text)
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                cell = self.sheet.cell(row, column)
                cell.alignment = WRAP
                cell.border = BOX


def _sheet_name(programme: Programme, cohort: Cohort, taken: set[str]) -> str:
    base = programme.title if len(programme.cohorts) == 1 else f"{programme.id} {cohort.name}"
    # Excel refuses these characters, a name starting or ending with an apostrophe, and
    # "History" (its own); a summary sheet's name is taken too.
    base = "".join(ch for ch in base if ch not in "[]:*?/\\")[:31].strip(" '")
    if not base or base.lower() == "history":
        base = programme.id[:31]
    name, n = base, 2
    while name.lower() in taken:
        name = f"{base[: 31 - len(str(n)) - 1]} {n}"
        n += 1
    taken.add(name.lower())
    return name
