"""The calendar as a flat table: ``sessions.csv``, one row per scheduled session."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from palliasched.programme import Faculty
from palliasched.publish.files import write_atomically
from palliasched.solution import ScheduledSession, Solution

SESSION_COLUMNS: tuple[str, ...] = (
    "session_id",
    "programme",
    "cohorts",
    "ue",
    "title",
    "date",
    "start",
    "end",
    "counted_hours",
    "instructors",
    "rooms",
    "site",
)
# A spreadsheet reads a cell starting with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def session_rows(faculty: Faculty, solution: Solution) -> list[dict[str, str]]:
    """One row per session, in date order; times in the programme's time zone, HH:MM."""
    return [_row(faculty, placed) for placed in solution.sessions]


def _row(faculty: Faculty, placed: ScheduledSession) -> dict[str, str]:
    spec = faculty.session(placed.session)
    programme = faculty.programme(spec.programme)
    slots = [slot for slot in programme.slots if slot.id in placed.slots]
    unit = faculty.unit(spec.unit) if spec.unit is not None else None
    minutes = programme.counted_minutes(spec)
    return {
        "session_id": spec.id,
        "programme": programme.id,
        "cohorts": ";".join(spec.cohorts),
        "ue": unit.code if unit is not None else "",
        "title": spec.title or (unit.label if unit is not None else spec.id),
        "date": placed.date.isoformat(),
        "start": min(s.start for s in slots).strftime("%H:%M"),
        "end": max(s.end for s in slots).strftime("%H:%M"),
        "counted_hours": f"{minutes / 60:g}",
        "instructors": ";".join(faculty.instructor(i).name for i in placed.instructors),
        "rooms": ";".join(faculty.room(r).name for r in placed.rooms),
        "site": faculty.site(placed.site).name if placed.site is not None else "",
    }


def sessions_csv(faculty: Faculty, solution: Solution) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SESSION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in session_rows(faculty, solution):
        writer.writerow({k: _neutralised(v) for k, v in row.items()})
    return buffer.getvalue()


def _neutralised(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_outputs(faculty: Faculty, solution: Solution, folder: Path) -> list[Path]:
    """Write ``solution.json`` and ``sessions.csv`` into ``folder``; returns the paths written."""
    written = []
    for name, text in (
        ("solution.json", solution.to_json()),
        ("sessions.csv", sessions_csv(faculty, solution)),
    ):
        path = folder / name
        write_atomically(path, text)
        written.append(path)
    return written
