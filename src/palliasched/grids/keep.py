"""Keep what a grid already placed: its sessions become pinned to their dates.

A session is kept when its date is one it may take on its own terms (a teaching day of its
window, its fixed instructors available); its slots follow from its length, as always. The
others are rescheduled, each with the reason it could not stay.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from palliasched.domain.calendar import french_date
from palliasched.domain.programme import Faculty
from palliasched.grids.findings import GridReading


def pin_grid_sessions(
    faculty: Faculty, reading: GridReading
) -> tuple[Faculty, list[str], list[tuple[str, str]]]:
    """(faculty with the kept sessions pinned, kept ids, [(id, why not kept)])."""
    pinned = {}
    dropped = []
    for placed in reading.solution.sessions:
        spec = faculty.session(placed.session)
        why = _why_not(faculty, placed.session, placed.date)
        if why is None:
            pinned[spec.id] = placed.date
        else:
            dropped.append((spec.id, why))
    programmes = tuple(
        replace(
            p,
            sessions=tuple(
                replace(s, date=pinned[s.id]) if s.id in pinned else s for s in p.sessions
            ),
        )
        for p in faculty.programmes
    )
    return replace(faculty, programmes=programmes), sorted(pinned), dropped


def _why_not(faculty: Faculty, session_id: str, day: dt.date) -> str | None:
    spec = faculty.session(session_id)
    span = faculty.session_span(spec)
    if span is None or day not in span:
        return f"{french_date(day)} is outside its allowed dates ({span})"
    reason = faculty.no_teaching_reason(faculty.programme(spec.programme), day)
    if reason is not None:
        return f"{french_date(day)}: {reason}"
    away = [
        faculty.instructor(i).name
        for i in spec.instructors
        if not faculty.instructor(i).available_on(day)
    ]
    if away:
        return f"{', '.join(away)} unavailable on {french_date(day)}"
    return None
