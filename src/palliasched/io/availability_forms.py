"""Availability forms: one workbook per instructor listing the days their sessions may take,
each to mark « indisponible » or « de préférence » (``palliasched availability forms``).

A form shows one instructor's days and sessions, nothing of the others'. Its sheet is
protected but for the answer and comment columns; a hidden sheet records the instructor and
the dates asked, so that ``availability collect`` (``availability_collect``) tells an answer
from a tampered date. The days already known are filled in: « indisponible » where the file
says so, « de préférence » for its preferred dates, « occupé (agenda) » beside the days their
agendas are busy (those are read again at every run, not written back).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from palliasched.domain.calendar import FRENCH_WEEKDAYS, DateRange
from palliasched.domain.programme import Faculty, Instructor
from palliasched.files import reproducible_xlsx

FORM_FORMAT = "palliasched-availability-1"
FORM_SHEET = "Disponibilités"
RECORD_SHEET = "Formulaire"  # hidden: the format, the instructor, the dates asked
UNAVAILABLE, PREFERRED = "indisponible", "de préférence"
ANSWERS = (UNAVAILABLE, PREFERRED)
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
# Columns of the form: the date, its weekday, the sessions that may take it, the agenda's
# busy mark, then the two the instructor writes in.
DATE_COL, DAY_COL, SESSIONS_COL, AGENDA_COL, ANSWER_COL, COMMENT_COL = range(1, 7)
HEADERS = ("Date", "Jour", "Séances possibles ce jour", "Agenda", "Réponse", "Commentaire")
WIDTHS = (13, 12, 60, 16, 16, 40)
RECORD_INSTRUCTOR, RECORD_FILE, RECORD_FIRST_DATE = 2, 3, 5  # rows of the hidden sheet
MAX_SESSIONS_SHOWN = 4
BUSY = "occupé (agenda)"
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
WEEK_FILL = PatternFill("solid", fgColor="F2F2F2")  # every other week, to read by week


@dataclass(frozen=True)
class CandidateDay:
    """A day one of the instructor's sessions may take, and what the file already says."""

    day: dt.date
    sessions: tuple[str, ...]  # the sessions that may take it (their labels)
    busy: bool  # their agendas are busy that day
    answer: str  # UNAVAILABLE, PREFERRED or ""


def form_instructors(faculty: Faculty) -> list[Instructor]:
    """Instructors who teach (or may, from a pool) at least one session: those asked."""
    teaching = {i for spec in faculty.sessions for i in spec.candidate_instructors}
    return [i for i in faculty.instructors if i.id in teaching]


def candidate_days(faculty: Faculty, instructor: Instructor) -> list[CandidateDay]:
    """The teaching days any of ``instructor``'s sessions may take, whatever their own
    availability says (that is what they are asked); the weekdays and dates the file limits
    them to are kept."""
    sessions: dict[dt.date, list[str]] = {}
    for spec in faculty.sessions:
        if instructor.id not in spec.candidate_instructors:
            continue
        span = faculty.session_span(spec)
        if span is None:
            continue
        programme = faculty.programme(spec.programme)
        label = faculty.session_label(spec)
        for day in span.days():
            if faculty.no_teaching_reason(programme, day) is not None or not _allowed(
                instructor, day
            ):
                continue
            labels = sessions.setdefault(day, [])
            if label not in labels:
                labels.append(label)
    return [
        CandidateDay(day, tuple(labels), _within(instructor.busy, day), _answer(instructor, day))
        for day, labels in sorted(sessions.items())
    ]


def _allowed(instructor: Instructor, day: dt.date) -> bool:
    if instructor.weekdays is not None and day.weekday() not in instructor.weekdays:
        return False
    return instructor.available_only is None or _within(instructor.available_only, day)


def _within(spans: tuple[DateRange, ...], day: dt.date) -> bool:
    return any(day in span for span in spans)


def _answer(instructor: Instructor, day: dt.date) -> str:
    if _within(instructor.unavailable, day):
        return UNAVAILABLE
    return PREFERRED if _within(instructor.preferred_dates, day) else ""


def form_workbook(
    faculty: Faculty, instructor: Instructor, days: list[CandidateDay], file: str
) -> bytes:
    """The form of ``instructor`` (``file``: the programme file's name, shown and recorded)."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = FORM_SHEET
    titles = ", ".join(p.title for p in faculty.programmes)
    sheet.cell(1, 1, f"Disponibilités de {instructor.name}").font = Font(bold=True, size=14)
    sheet.cell(2, 1, f"{titles} ({file})")
    sheet.cell(3, 1, _INSTRUCTIONS).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=COMMENT_COL)
    sheet.row_dimensions[3].height = 64
    for column, (text, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        cell = sheet.cell(HEADER_ROW, column, text)
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        sheet.column_dimensions[cell.column_letter].width = width
    for row, candidate in enumerate(days, start=FIRST_ROW):
        _day_row(sheet, row, candidate)
    last = FIRST_ROW + max(len(days), 1) - 1
    choices = DataValidation(type="list", formula1=f'"{",".join(ANSWERS)}"', allow_blank=True)
    choices.error = "Choisir « indisponible » ou « de préférence », ou laisser vide."
    choices.errorTitle, choices.showErrorMessage = "Réponse", True
    choices.add(f"E{FIRST_ROW}:E{last}")
    sheet.add_data_validation(choices)
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.protection.sheet = True  # only the answers and comments can be written
    sheet.protection.formatColumns = False
    record = book.create_sheet(RECORD_SHEET)
    record.sheet_state = "veryHidden"
    record.cell(1, 1, FORM_FORMAT)
    record.cell(RECORD_INSTRUCTOR, 1, instructor.id)
    record.cell(RECORD_FILE, 1, file)
    for row, candidate in enumerate(days, start=RECORD_FIRST_DATE):
        record.cell(row, 1, candidate.day.isoformat())
    return reproducible_xlsx(book)


_INSTRUCTIONS = (
    "Pour chaque jour où vous ne pouvez pas enseigner, choisissez « indisponible » dans la "
    "colonne Réponse ; « de préférence » pour les jours qui vous conviennent le mieux ; "
    "laissez vide sinon. Les jours listés sont ceux où vos séances peuvent avoir lieu. "
    "Renvoyez ce fichier sans changer ses dates : seules les colonnes Réponse et Commentaire "
    "sont lues."
)


def _day_row(sheet: Worksheet, row: int, candidate: CandidateDay) -> None:
    date_cell = sheet.cell(row, DATE_COL, candidate.day)
    date_cell.number_format = "DD/MM/YYYY"
    sheet.cell(row, DAY_COL, FRENCH_WEEKDAYS[candidate.day.weekday()])
    shown = list(candidate.sessions[:MAX_SESSIONS_SHOWN])
    if len(candidate.sessions) > MAX_SESSIONS_SHOWN:
        shown.append(f"et {len(candidate.sessions) - MAX_SESSIONS_SHOWN} autres")
    sheet.cell(row, SESSIONS_COL, " ; ".join(shown))
    sheet.cell(row, AGENDA_COL, BUSY if candidate.busy else None)
    if candidate.day.isocalendar().week % 2:
        for column in range(DATE_COL, ANSWER_COL):
            sheet.cell(row, column).fill = WEEK_FILL
    for column, value in ((ANSWER_COL, candidate.answer or None), (COMMENT_COL, None)):
        cell = sheet.cell(row, column, value)
        cell.protection = Protection(locked=False)
        cell.fill = ANSWER_FILL
