"""Can any day hold each session? The reasons each day cannot, counted, for a warning."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from palliasched.domain.calendar import (
    NOT_A_TEACHING_WEEKDAY,
)
from palliasched.domain.programme import (
    Faculty,
    SessionSpec,
)
from palliasched.errors import Severity
from palliasched.io.locations import Report
from palliasched.rules import day_rules_against
from palliasched.words import plural_en


def session_blockers(faculty: Faculty, session: SessionSpec, day: dt.date) -> list[str]:
    """Why ``session`` cannot take place on ``day`` (empty when the day can hold it).

    Only rules of a single session on a single day: calendar, instructors, rooms.
    """
    programme = faculty.programme(session.programme)
    reason = faculty.no_teaching_reason(programme, day)
    if reason is not None:
        return [reason]
    reasons = []
    for instructor_id in session.instructors:
        instructor = faculty.instructor(instructor_id)
        reasons += [f"{instructor.name} {r.day_reason}" for r in day_rules_against(instructor, day)]
    pool = [faculty.instructor(i) for i in session.instructor_pool if i not in session.instructors]
    able = sum(not day_rules_against(i, day) for i in pool)
    if session.pool_count and able < session.pool_count:
        needed = plural_en(session.pool_count, "instructor")
        reasons.append(f"fewer than {needed} of its pool available")
    if session.rooms_per_group and not any(
        len(usable_rooms(faculty, session, site, day)) >= session.rooms_needed
        for site in session.sites
    ):
        reasons.append(f"fewer than {plural_en(session.rooms_needed, 'suitable room')} available")
    return reasons


def usable_rooms(
    faculty: Faculty, session: SessionSpec, site: str, day: dt.date | None = None
) -> list[str]:
    """Rooms of ``site`` that fit one group of ``session`` (and are open on ``day`` if given)."""
    need = faculty.group_size(session)
    return [
        room.id
        for room in faculty.rooms_of(site)
        if room.capacity >= need
        and (not session.allowed_rooms or room.id in session.allowed_rooms)
        and (day is None or room.available_on(day))
    ]


def check_session_days(faculty: Faculty, session: SessionSpec, report: Report) -> None:
    sid = session.id
    if session.rooms_per_group:
        capable = [s for s in session.sites if usable_rooms(faculty, session, s)]
        if not capable:
            sites = ", ".join(session.sites)
            report(
                "session",
                sid,
                f"no room of {sites} holds {faculty.group_size(session)} students"
                + (" among the allowed rooms" if session.allowed_rooms else ""),
                field="rooms",
                hint="add a larger room, split it into groups, or lower min_capacity",
            )
            return
    span = faculty.session_span(session)
    if span is None:
        report(
            "session",
            sid,
            "its date windows do not overlap (semester, unit window, session window, pinned date)",
            field="window",
        )
        return
    blocked: Counter[str] = Counter()
    for day in span.days():
        reasons = session_blockers(faculty, session, day)
        if not reasons:
            return
        for reason in reasons:
            if reason != NOT_A_TEACHING_WEEKDAY:
                blocked[reason] += 1
    detail = "; ".join(f"{reason}: {plural_en(n, 'day')}" for reason, n in blocked.most_common(4))
    report(
        "session",
        sid,
        f"no day of its window ({span}) can hold it" + (f" — {detail}" if detail else ""),
        field="date" if session.date is not None else "window",
        hint="widen its window, or change the availability that blocks it; "
        "until then 'palliasched solve' finds no calendar and explains why",
        # A warning, not an error: solving states the conflict in the programme's own terms.
        severity=Severity.WARNING,
    )
