"""Check a grid workbook: every rule of the programme (the solver's own checker, ``verify``),
plus what only a grid can get wrong, each finding with the cells it is about."""

from __future__ import annotations

from collections import defaultdict
from os import PathLike

from palliasched.domain.calendar import format_hours, french_date
from palliasched.domain.programme import Faculty
from palliasched.domain.solution import ScheduledSession
from palliasched.grids.findings import CellRef, GridFinding, GridReading
from palliasched.grids.reader import read_grid
from palliasched.verify import verify
from palliasched.words import plural_en


def check_grid(
    faculty: Faculty, path: str | PathLike[str]
) -> tuple[GridReading, list[GridFinding]]:
    """The grid as read, and every finding (``note`` findings do not make it wrong)."""
    reading = read_grid(faculty, path)
    findings = list(reading.findings)
    unchecked_rooms: set[str] = set()
    for violation in verify(faculty, reading.solution):
        if violation.rule == "unit-hours":
            continue  # counted from the grid's own cells below, repeated sessions included
        ids = violation.sessions
        if violation.rule == "rooms" and ids and set(ids) <= reading.without_rooms:
            unchecked_rooms.update(ids)
            continue
        where = tuple(sorted({ref for sid in ids for ref in reading.cells.get(sid, ())}))
        message = violation.message
        if violation.rule == "outside-window" and len(ids) == 1:
            message += _semester_note(faculty, ids[0])
        findings.append(GridFinding(violation.rule, message, where))
    for session_id, placed, refs in reading.extras:
        spec = faculty.session(session_id)
        findings.append(
            GridFinding(
                "repeated-session",
                f"{_name(faculty, session_id)} on {french_date(placed.date)} repeats a session "
                f"the programme holds once ('{spec.id}', already on "
                f"{french_date(reading.solution.by_session()[session_id][0].date)})",
                refs,
            )
        )
    findings += _unit_hours(faculty, reading)
    if unchecked_rooms:
        findings.append(
            GridFinding(
                "no-room",
                f"{plural_en(len(unchecked_rooms), 'session')} without a room in the grid "
                "(room rows such as 'Salle -' name none): their rooms were not checked",
                note=True,
            )
        )
    return reading, findings


def _semester_note(faculty: Faculty, session_id: str) -> str:
    spec = faculty.session(session_id)
    if spec.unit is None:
        return ""
    unit = faculty.unit(spec.unit)
    semester = spec.semester or unit.semester
    if faculty.programme(spec.programme).semester(semester) is None:
        return ""
    return f" ({unit.code} is a {semester} unit)"


def _name(faculty: Faculty, session_id: str) -> str:
    spec = faculty.session(session_id)
    if spec.unit is None:
        return spec.title or spec.id
    unit = faculty.unit(spec.unit)
    return f"{unit.label} {spec.title}".strip()


def _minutes(faculty: Faculty, placed: ScheduledSession) -> int:
    """Hours a placed session counts: its own when it fills its length, else its slots'."""
    spec = faculty.session(placed.session)
    programme = faculty.programme(spec.programme)
    options = [tuple(s.id for s in slots) for slots in programme.slots.options(spec.length)]
    if tuple(placed.slots) in options:
        return programme.counted_minutes(spec)
    return sum(s.counted_minutes for s in programme.slots.placed(placed.slots))


def _unit_hours(faculty: Faculty, reading: GridReading) -> list[GridFinding]:
    minutes: dict[str, int] = defaultdict(int)
    cells: dict[str, set[CellRef]] = defaultdict(set)
    placed = [(p, reading.cells.get(p.session, ())) for p in reading.solution.sessions]
    placed += [(p, refs) for _, p, refs in reading.extras]
    for session, refs in placed:
        unit_id = faculty.session(session.session).unit
        if unit_id is not None:
            minutes[unit_id] += _minutes(faculty, session)
            cells[unit_id].update(refs)
    findings = []
    for programme in faculty.programmes:
        for unit in programme.units:
            if unit.internship is not None or minutes[unit.id] == unit.presence_minutes:
                continue
            findings.append(
                GridFinding(
                    "unit-hours",
                    f"{unit.code} counts {format_hours(minutes[unit.id])} in the grid, "
                    f"{format_hours(unit.presence_minutes)} of presence declared",
                    tuple(sorted(cells[unit.id])),
                )
            )
    return findings
