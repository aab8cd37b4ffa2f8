"""Returned availability forms, read and merged into a programme's data
(``palliasched availability collect``).

A form answers for the dates it asked, and only those: on them, « indisponible » makes the day
unavailable and « de préférence » a preferred date, an empty answer clears what the file said;
every other date of the file is kept as written, with its reason. Nothing is merged unless
every form reads: a form of an unknown instructor, two forms of one instructor, a date changed
or a row added, a formula in any cell, an answer outside the list: each is an error at its
file and cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from palliasched.domain.programme import Faculty, Instructor
from palliasched.errors import PalliaschedError, Problem, did_you_mean
from palliasched.io.availability_forms import (
    ANSWER_COL,
    COMMENT_COL,
    DATE_COL,
    FIRST_ROW,
    FORM_FORMAT,
    FORM_SHEET,
    PREFERRED,
    RECORD_FIRST_DATE,
    RECORD_INSTRUCTOR,
    RECORD_SHEET,
    UNAVAILABLE,
    form_instructors,
)
from palliasched.io.workbook_limits import WorkbookRefused, open_workbook
from palliasched.limits import MAX_FORMS
from palliasched.words import normalise

# Answers as written, without accents or case: what each means.
_ANSWERS = {
    "indisponible": UNAVAILABLE,
    "indispo": UNAVAILABLE,
    "de preference": PREFERRED,
    "preference": PREFERRED,
    "prefere": PREFERRED,
}


class FormProblems(PalliaschedError):
    """Forms that cannot be merged: every problem, each at its file and cell."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class FormAnswers:
    """One returned form: the instructor, the dates it asked, what they marked."""

    instructor: str
    file: str
    asked: tuple[dt.date, ...]
    unavailable: frozenset[dt.date]
    preferred: frozenset[dt.date]
    comments: tuple[tuple[dt.date, str], ...] = ()


@dataclass(frozen=True)
class Merged:
    """What one form changed in its instructor's entry."""

    instructor: str
    name: str
    form: str
    unavailable_added: tuple[dt.date, ...]
    unavailable_removed: tuple[dt.date, ...]
    preferred_added: tuple[dt.date, ...]
    preferred_removed: tuple[dt.date, ...]
    comments: tuple[tuple[dt.date, str], ...]

    @property
    def changed(self) -> bool:
        return bool(
            self.unavailable_added
            or self.unavailable_removed
            or self.preferred_added
            or self.preferred_removed
        )


@dataclass
class Collected:
    """The programme's data with the answers merged, and the report of the merge."""

    data: dict[str, Any]
    merged: list[Merged] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)  # names of those asked, no form back
    # The keys changed, per instructor entry (its index in ``instructors``).
    edits: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments_lost: int = 0  # YAML comment lines the merged file could not keep
    written: list[str] = field(default_factory=list)  # the files written


def form_files(directory: Path) -> list[Path]:
    """The workbooks of ``directory`` (not the lock files office suites leave beside them)."""
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and p.suffix.lower() == ".xlsx" and not p.name.startswith(("~$", ".~"))
    )


def read_forms(directory: Path, faculty: Faculty) -> list[FormAnswers]:
    """Every form of ``directory``; raises FormProblems listing every problem of every form."""
    problems: list[Problem] = []
    files = form_files(directory)
    if not files:
        problems.append(
            Problem(
                "no returned form (.xlsx) in this folder",
                file=str(directory),
                hint="put the forms `palliasched availability forms` wrote, once filled, here",
            )
        )
    elif len(files) > MAX_FORMS:
        problems.append(
            Problem(f"more than {MAX_FORMS} forms", file=str(directory), hint="one per instructor")
        )
    answers: list[FormAnswers] = []
    if not problems:
        asked = {i.id: i for i in form_instructors(faculty)}
        for path in files:
            answer = _read_form(path, str(path), faculty, asked, problems)
            if answer is not None:
                answers.append(answer)
    seen: dict[str, str] = {}
    for answer in answers:
        first = seen.get(answer.instructor)
        if first is not None:
            problems.append(
                Problem(
                    f"a second form of '{answer.instructor}' (the first: {first})",
                    file=answer.file,
                    hint="keep one form per instructor in the folder",
                )
            )
        seen.setdefault(answer.instructor, answer.file)
    if problems:
        raise FormProblems(problems)
    return answers


def _read_form(
    path: Path,
    display: str,
    faculty: Faculty,
    asked_instructors: dict[str, Instructor],
    problems: list[Problem],
) -> FormAnswers | None:
    found = len(problems)

    def refuse(message: str, cell: str = "", hint: str = "") -> None:
        problems.append(Problem(message, file=display, cell=cell, hint=hint))

    try:
        book = open_workbook(path)
    except WorkbookRefused as exc:
        refuse(exc.reason)
        return None
    names = book.sheetnames
    record = book[RECORD_SHEET] if RECORD_SHEET in names else None
    if (
        record is None
        or FORM_SHEET not in names
        or not isinstance(record, Worksheet)
        or record.cell(1, 1).value != FORM_FORMAT
    ):
        refuse(
            "not an availability form",
            hint="collect only the forms `palliasched availability forms` wrote, once filled",
        )
        return None
    sheet = book[FORM_SHEET]
    assert isinstance(sheet, Worksheet)
    instructor = _instructor(record, faculty, asked_instructors, display, problems)
    asked = _asked(record)
    _formulas(book.worksheets, refuse)
    marks, comments = _marks(sheet, asked, refuse)
    if instructor is None or len(problems) > found:
        return None
    return FormAnswers(
        instructor.id,
        display,
        tuple(asked),
        frozenset(d for d, a in marks.items() if a == UNAVAILABLE),
        frozenset(d for d, a in marks.items() if a == PREFERRED),
        tuple(comments),
    )


def _instructor(
    record: Worksheet,
    faculty: Faculty,
    known: dict[str, Instructor],
    display: str,
    problems: list[Problem],
) -> Instructor | None:
    """The instructor a form was written for, among ``known`` (those who teach)."""
    written = str(record.cell(RECORD_INSTRUCTOR, 1).value or "")
    if written in known:
        return known[written]
    problems.append(
        Problem(
            f"a form of '{written}', who teaches none of this file's sessions"
            if faculty.has("instructor", written)
            else f"a form of an unknown instructor '{written}'",
            file=display,
            cell=f"{RECORD_SHEET}!A{RECORD_INSTRUCTOR}",
            hint=did_you_mean(written, known)
            or "was it written for another programme file? collect it with that file",
        )
    )
    return None


def _asked(record: Worksheet) -> list[dt.date]:
    asked = []
    for row in range(RECORD_FIRST_DATE, record.max_row + 1):
        value = record.cell(row, 1).value
        if not value:
            break
        try:
            asked.append(dt.date.fromisoformat(str(value)))
        except ValueError:
            break
    return asked


def _formulas(sheets: list[Any], refuse: Any) -> None:
    for sheet in sheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    refuse(
                        "a formula is not read",
                        f"{sheet.title}!{cell.coordinate}",
                        "write the answer itself (« indisponible » or « de préférence »)",
                    )


def _marks(
    sheet: Worksheet, asked: list[dt.date], refuse: Any
) -> tuple[dict[dt.date, str], list[tuple[dt.date, str]]]:
    marks: dict[dt.date, str] = {}
    comments: list[tuple[dt.date, str]] = []
    for offset, day in enumerate(asked):
        row = FIRST_ROW + offset
        written = sheet.cell(row, DATE_COL).value
        now = _as_date(written)
        if now != day:
            refuse(
                f"the date {day:%d/%m/%Y} of this row was changed to "
                f"'{f'{now:%d/%m/%Y}' if now else written or ''}'",
                f"{FORM_SHEET}!A{row}",
                "the dates of a form are not edited: answer in column E, or send a new "
                "form (`palliasched availability forms FILE --only ID`)",
            )
            continue
        cell = sheet.cell(row, ANSWER_COL)
        answer = None if cell.data_type == "f" else cell.value  # a formula: refused above
        if answer is not None and str(answer).strip():
            meaning = _ANSWERS.get(normalise(str(answer)))
            if meaning is None:
                refuse(
                    f"unknown answer '{answer}'",
                    f"{FORM_SHEET}!E{row}",
                    "choose « indisponible » or « de préférence », or leave the cell empty",
                )
            else:
                marks[day] = meaning
        comment = sheet.cell(row, COMMENT_COL).value
        if comment is not None and str(comment).strip():
            comments.append((day, str(comment).strip()))
    last = FIRST_ROW + len(asked)
    for extra in sheet.iter_rows(min_row=last, max_col=COMMENT_COL):
        for leftover in extra:
            if leftover.value is not None and str(leftover.value).strip():
                refuse(
                    "a row the form did not ask about",
                    f"{FORM_SHEET}!{leftover.coordinate}",
                    "answer on the form's own rows; ask for a new form for other dates",
                )
                return marks, comments
    return marks, comments


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
