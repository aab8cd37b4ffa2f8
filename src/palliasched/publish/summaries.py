"""The summary sheets of ``calendar.xlsx``: hours per UE (declared against scheduled,
differences highlighted), instructor workload, room occupancy, the soft rules given up by
name, and after a re-planning the changes.

Each is a table fitted to A4 landscape at 11 pt: columns take the width of their text, the
widest wrap (at word boundaries) when the whole would not fit, and every row is as high as
its wrapped text, so that no text is cut or overlaps its neighbour when printed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from palliasched.domain.calendar import french_day
from palliasched.domain.programme import Faculty
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.publish.cells import (
    BOLD,
    BOX,
    DEFAULT_ROW_PT,
    FULL_WIDTH_CHARS,
    HEADER_FILL,
    HIGHLIGHT,
    print_a4_landscape,
    set_text,
)
from palliasched.quality import instructor_trips, soft_costs
from palliasched.replan.moves import Move, MoveKind, slot_labels
from palliasched.rules import rule_info
from palliasched.scorecard import minutes_per_unit, score

SUMMARY_SHEETS = (
    "Heures par UE",
    "Intervenants",
    "Salles",
    "Qualité",
    "Règles souples",
    "Changes",
)


def add_summary_sheets(
    workbook: Workbook, faculty: Faculty, solution: Solution, moves: Sequence[Move] | None
) -> None:
    """The summary sheets after the grids; "Changes" first, after a re-planning."""
    hours, instructors, rooms, scorecard, quality, changes = SUMMARY_SHEETS
    _hours_sheet(faculty, solution, workbook.create_sheet(hours))
    _instructors_sheet(faculty, solution, workbook.create_sheet(instructors))
    _rooms_sheet(faculty, solution, workbook.create_sheet(rooms))
    rows: list[list[object]] = [list(row) for row in score(faculty, solution).rows()]
    fitted_table(workbook.create_sheet(scorecard), ["Promotion", "Critère", "Valeur"], rows)
    _quality_sheet(faculty, solution, workbook.create_sheet(quality))
    if moves is not None:
        _changes_sheet(faculty, moves, workbook.create_sheet(changes, index=0))


MIN_COLUMN = 6  # character widths
PADDING = 2
# Widths in the units of a column width (the digit "0"): capitals and bold text are wider.
CAPITAL_WIDTH, BOLD_FACTOR = 1.25, 1.1


def text_width(text: str, bold: bool = False) -> float:
    width = sum(CAPITAL_WIDTH if c.isupper() else 1.0 for c in text)
    return width * BOLD_FACTOR if bold else width


def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """Lines ``text`` takes in a column ``width`` wide, wrapped at spaces as a spreadsheet does."""
    room = max(1.0, width - PADDING)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            size = text_width(word, bold)
            needed = size if used == 0 else used + text_width(" ") + size
            if used and needed > room:
                lines += 1
                used = size
            else:
                used = needed
            if used > room:  # a word longer than the column breaks inside
                extra = math.ceil(used / room) - 1
                lines += extra
                used -= extra * room
    return lines


def column_widths(cells: list[list[tuple[str, bool]]], budget: float) -> list[float]:
    """Natural widths, the widest capped (never below their longest word) to fit ``budget``."""
    natural, minimum = [], []
    for column in cells:
        natural.append(
            max(
                MIN_COLUMN,
                *(
                    text_width(line, bold) + PADDING
                    for text, bold in column
                    for line in text.split("\n")
                ),
            )
        )
        minimum.append(
            max(
                MIN_COLUMN,
                *(
                    text_width(word, bold) + PADDING
                    for text, bold in column
                    for word in text.split()
                ),
            )
        )
    if sum(natural) <= budget:
        return natural
    low, high = 0.0, max(natural)
    for _ in range(40):  # the largest cap that fits
        cap = (low + high) / 2
        if sum(max(m, min(n, cap)) for n, m in zip(natural, minimum, strict=True)) <= budget:
            low = cap
        else:
            high = cap
    return [round(max(m, min(n, low)), 1) for n, m in zip(natural, minimum, strict=True)]


def fitted_table(sheet: Worksheet, headers: list[str], rows: list[list[object]]) -> None:
    """A header row and ``rows``, boxed, filterable, fitted to the printed page."""
    for column, header in enumerate(headers, start=1):
        set_text(sheet, 1, column, header)
        cell = sheet.cell(1, column)
        cell.font = BOLD
        cell.fill = HEADER_FILL
    for r, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            set_text(sheet, r, column, value)
    shown = [
        [(_shown(v), r == 0) for r, v in enumerate([h, *(row[c] for row in rows)])]
        for c, h in enumerate(headers)
    ]
    widths = column_widths(shown, FULL_WIDTH_CHARS)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for r in range(1, len(rows) + 2):
        lines = max(
            wrapped_lines(shown[c][r - 1][0], widths[c], bold=r == 1) for c in range(len(headers))
        )
        sheet.row_dimensions[r].height = lines * DEFAULT_ROW_PT + 1
        for column in range(1, len(headers) + 1):
            cell = sheet.cell(r, column)
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    print_a4_landscape(sheet)


def _shown(value: object) -> str:
    """A cell's text as a spreadsheet shows it (numbers in the general format)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


HOURS_HEADERS = [
    "Programme",
    "UE",
    "Intitulé",
    "Semestre",
    "ECTS",
    "Heures de travail",
    "Heures présentielles déclarées",
    "Heures planifiées",
    "Écart",
    "Dont en ligne",
    "Heures asynchrones",
    "Promotion",
]
GAP_COLUMN = HOURS_HEADERS.index("Écart") + 1


def _hours_sheet(faculty: Faculty, solution: Solution, sheet: Worksheet) -> None:
    """One line per UE, and one per cohort attending only part of it, with its own hours;
    the hours taught online among those scheduled, and the UE's asynchronous hours."""
    hours = minutes_per_unit(faculty, solution)
    online: dict[str, int] = defaultdict(int)
    for placed in solution.sessions:
        spec = faculty.session(placed.session)
        if spec.online and spec.unit is not None:
            online[spec.unit] += faculty.programme(spec.programme).counted_minutes(spec)
    own_cohorts = {c for p in faculty.programmes for u in p.units for c, _ in u.cohort_minutes}
    theirs = {c: minutes_per_unit(faculty, solution, c) for c in sorted(own_cohorts)}
    rows: list[list[object]] = []
    for programme in faculty.programmes:
        for unit in programme.units:
            declared = unit.presence_minutes / 60
            scheduled = hours.get(unit.id, 0) / 60
            head = [programme.title, unit.code, unit.title, unit.semester]
            whole = [unit.ects, unit.total_minutes / 60, declared, scheduled, scheduled - declared]
            distance = [online[unit.id] / 60, unit.async_minutes / 60]
            rows.append([*head, *whole, *distance, "toutes"])
            for cohort_id, minutes in unit.cohort_minutes:
                own = theirs[cohort_id].get(unit.id, 0) / 60
                name = faculty.cohort(cohort_id).name
                mine = [minutes / 60, own, own - minutes / 60]
                rows.append([*head, None, None, *mine, None, None, name])
    fitted_table(sheet, HOURS_HEADERS, rows)
    for r, values in enumerate(rows, start=2):
        if values[GAP_COLUMN - 1] != 0:
            for column in (GAP_COLUMN - 2, GAP_COLUMN - 1, GAP_COLUMN):
                sheet.cell(r, column).fill = HIGHLIGHT


def _instructors_sheet(faculty: Faculty, solution: Solution, sheet: Worksheet) -> None:
    sessions: dict[str, int] = defaultdict(int)
    hours: dict[str, float] = defaultdict(float)
    days: dict[str, set[dt.date]] = defaultdict(set)
    for placed in solution.sessions:
        spec = faculty.session(placed.session)
        programme = faculty.programme(spec.programme)
        for instructor in placed.instructors:
            sessions[instructor] += 1
            # Each group taught in turn is taught (the UE counts the first group's only).
            hours[instructor] += programme.counted_minutes(replace(spec, turn=None)) / 60
            days[instructor].add(placed.date)
    trips = instructor_trips(solution)
    rows: list[list[object]] = [
        [i.name, sessions[i.id], hours[i.id], len(days[i.id]), trips.get(i.id, 0)]
        for i in faculty.instructors
        if i.id in sessions
    ]
    headers = ["Intervenant", "Séances", "Heures comptées", "Jours d'enseignement", "Déplacements"]
    fitted_table(sheet, headers, rows)


def _rooms_sheet(faculty: Faculty, solution: Solution, sheet: Worksheet) -> None:
    sessions: dict[str, int] = defaultdict(int)
    minutes: dict[str, int] = defaultdict(int)
    days: dict[str, set[dt.date]] = defaultdict(set)
    for placed in solution.sessions:
        programme = faculty.programme(faculty.session(placed.session).programme)
        clock = sum(s.clock_minutes for s in programme.slots.placed(placed.slots))
        for room in dict.fromkeys(placed.rooms):
            sessions[room] += 1
            minutes[room] += clock
            days[room].add(placed.date)
    rows: list[list[object]] = [
        [
            r.name,
            faculty.site(r.site).name,
            r.capacity,
            sessions[r.id],
            len(days[r.id]),
            minutes[r.id] / 60,
        ]
        for r in faculty.rooms
    ]
    headers = ["Salle", "Site", "Capacité", "Séances", "Jours occupés", "Heures occupées"]
    fitted_table(sheet, headers, rows)


def _quality_sheet(faculty: Faculty, solution: Solution, sheet: Worksheet) -> None:
    rows: list[list[object]] = []
    for cost in soft_costs(faculty, solution):
        label = rule_info(cost.rule).fr  # the catalogue's French name
        rows.append([label, cost.rule, cost.count, cost.weight, cost.cost, "\n".join(cost.details)])
    headers = ["Règle", "Nom", "Nombre", "Poids", "Coût", "Détail"]
    fitted_table(sheet, headers, rows)


CHANGES_HEADERS = [
    "Séance",
    "Changement",
    "Ancienne date",
    "Ancien créneau",
    "Anciennes salles",
    "Nouvelle date",
    "Nouveau créneau",
    "Nouvelles salles",
    "Raison",
    "Intervenants à prévenir",
]
MOVE_WORDS = {
    MoveKind.DAY: "Autre jour",
    MoveKind.SLOT: "Autre créneau",
    MoveKind.ROOM: "Autre salle",
    MoveKind.INSTRUCTORS: "Autres intervenants",
    MoveKind.ADDED: "Ajoutée",
    MoveKind.REMOVED: "Annulée",
}


def _changes_sheet(faculty: Faculty, moves: Sequence[Move], sheet: Worksheet) -> None:
    """One row per session a re-planning moved, added or removed (first sheet of the book)."""

    def place(placed: ScheduledSession | None) -> list[object]:
        if placed is None:
            return ["", "", ""]
        rooms = [faculty.room(r).name if faculty.has("room", r) else r for r in placed.rooms]
        return [french_day(placed.date), _slot_text(faculty, placed), ", ".join(rooms)]

    rows = []
    for move in moves:
        people = [
            faculty.instructor(i).name if faculty.has("instructor", i) else i
            for i in move.instructors
        ]
        before, after = place(move.before), place(move.after)
        rows.append(
            [move.label, MOVE_WORDS[move.kind], *before, *after, move.reason_fr, ", ".join(people)]
        )
    if not rows:
        rows.append(["Aucun changement", "", "", "", "", "", "", "", "", ""])
    fitted_table(sheet, CHANGES_HEADERS, rows)


def _slot_text(faculty: Faculty, placed: ScheduledSession) -> str:
    return " + ".join(slot_labels(faculty, placed)) or "Journée entière"
