"""Checks that span entries of a faculty: references, hours, dates, and sessions no day can hold.

Runs before any solving, on the domain model, so it serves every input format. Every
problem names its entry and field; ``Locations`` adds the file, line and column.
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

from palliasched.domain.calendar import (
    FULL_DAY,
    DateRange,
    SlotTemplate,
    duration_of,
    format_hours,
    french_date,
)
from palliasched.domain.programme import (
    BOTH_SEMESTERS,
    Faculty,
    Programme,
    SessionOrder,
    SessionSpec,
    Unit,
)
from palliasched.errors import Problem, Severity, did_you_mean
from palliasched.io.hours_checks import check_cohort_hours
from palliasched.io.internship_checks import check_internship
from palliasched.io.locations import Locations, Report
from palliasched.io.references import check_precedences, check_references
from palliasched.io.rhythm_checks import check_rhythm
from palliasched.io.session_days import check_session_days
from palliasched.io.spacing_checks import check_spacing
from palliasched.io.travel_checks import check_travel
from palliasched.io.turn_checks import check_turns
from palliasched.words import plural_en

HOURS_PER_ECTS = 22


def validate_faculty(faculty: Faculty, locations: Locations | None = None) -> list[Problem]:
    """Every problem of ``faculty`` (errors and warnings), in file order of the checks."""
    loc = locations or Locations()
    problems: list[Problem] = []

    def report(kind: str, entry_id: str, message: str, **options: Any) -> None:
        problem = loc.problem(kind, entry_id, message, **options)
        if problem not in problems:  # copies of a ``count: n`` session fail together
            problems.append(problem)

    _check_calendar(faculty, problems)
    _check_something_to_schedule(faculty, problems, report)
    check_references(faculty, report)
    references_resolve = not any(p.severity is Severity.ERROR for p in problems)
    for programme in faculty.programmes:
        _check_programme(faculty, programme, report)
    if references_resolve:  # the checks below follow references
        check_precedences(faculty, report)
        check_travel(faculty, report)
        for session in faculty.sessions:
            check_session_days(faculty, session, report)
    return problems


def _check_something_to_schedule(faculty: Faculty, problems: list[Problem], report: Report) -> None:
    """A file without a programme, or a programme without a session, gives no calendar."""
    if not faculty.programmes:
        problems.append(
            Problem(
                "the file defines no programme: there is nothing to schedule",
                file=faculty.source,
                line=1,
                field="programmes",
                hint="add a 'programmes:' list (see data/m2-medecine-palliative-2026-2027.yaml)",
            )
        )
    for programme in faculty.programmes:
        if not programme.sessions:
            report(
                "programme",
                programme.id,
                "has no session: there is nothing to schedule",
                field="units",
                hint="give its units sessions, or remove the programme",
            )


# --- calendar and dates --------------------------------------------------------------------


def _check_calendar(faculty: Faculty, problems: list[Problem]) -> None:
    year = faculty.calendar.year
    source = faculty.source
    if year.start > year.end:
        problems.append(
            Problem(
                "the academic year ends before it starts",
                file=source,
                entry="calendar",
                field="academic_year",
            )
        )
    if not faculty.calendar.weekdays:
        problems.append(
            Problem("no teaching weekday", file=source, entry="calendar", field="weekdays")
        )
    for closure in faculty.calendar.closures:
        if not closure.dates.within(year):
            problems.append(
                Problem(
                    f"closure {closure.dates} is outside the academic year {year}",
                    file=source,
                    entry="calendar",
                    field="closures",
                    severity=Severity.WARNING,
                )
            )


def _check_programme(faculty: Faculty, programme: Programme, report: Report) -> None:
    year = faculty.calendar.year
    pid = programme.id
    _check_template(programme.slots, pid, report)
    if not programme.weekdays:
        report("programme", pid, "no teaching weekday", field="weekdays")
    for name, span in programme.semesters:
        if span.start > span.end:
            report("programme", pid, f"semester {name} ends before it starts", field="semesters")
        elif not span.within(year):
            report(
                "programme",
                pid,
                f"semester {name} ({span}) is outside the academic year {year}",
                field="semesters",
                hint="semester windows must lie within calendar.academic_year",
            )
    rules = programme.teaching_weeks
    if rules.max_days > len(programme.weekdays):
        report(
            "programme",
            pid,
            f"teaching_weeks.max_days is {rules.max_days} but only {len(programme.weekdays)} "
            "weekdays are taught",
            field="teaching_weeks",
            severity=Severity.WARNING,
        )
    check_rhythm(faculty, programme, report)
    semester_ids = [name for name, _ in programme.semesters]
    for unit in programme.units:
        _check_unit(faculty, programme, unit, semester_ids, report)
    for session in programme.sessions:
        _check_session(faculty, programme, session, semester_ids, report)
    check_spacing(faculty, programme, report)
    check_turns(programme, report)


def _check_template(template: SlotTemplate, programme_id: str, report: Report) -> None:
    seen: set[str] = set()
    for slot in template:
        if slot.id in seen or slot.id == FULL_DAY:
            report("programme", programme_id, f"slot id '{slot.id}' is used twice", field="slots")
        seen.add(slot.id)
        if slot.start >= slot.end:
            report(
                "programme",
                programme_id,
                f"slot '{slot.id}' ends ({slot.end:%H:%M}) before it starts ({slot.start:%H:%M})",
                field="slots",
            )
    ordered = list(template)
    for first, second in itertools.pairwise(ordered):
        if first.overlaps(second):
            report(
                "programme",
                programme_id,
                f"slots '{first.id}' and '{second.id}' overlap",
                field="slots",
                hint="a day's slots must not overlap; a full day takes every slot",
            )


def _check_unit(
    faculty: Faculty, programme: Programme, unit: Unit, semester_ids: list[str], report: Report
) -> None:
    uid = unit.id
    if unit.total_minutes <= 0:
        report("unit", uid, "total hours must be positive", field="total_hours")
    if unit.presence_minutes <= 0 and unit.internship is None and not unit.async_minutes:
        report(
            "unit",
            uid,
            "presence hours must be positive",
            field="presence_hours",
            hint="a unit without in-person hours is an internship: add 'internship:'",
        )
    if unit.presence_minutes > unit.total_minutes > 0:
        report(
            "unit",
            uid,
            f"presence hours ({format_hours(unit.presence_minutes)}) exceed total hours "
            f"({format_hours(unit.total_minutes)})",
            field="presence_hours",
        )
    elif unit.presence_minutes + unit.async_minutes > unit.total_minutes > 0:
        report(
            "unit",
            uid,
            f"presence ({format_hours(unit.presence_minutes)}) and asynchronous hours "
            f"({format_hours(unit.async_minutes)}) exceed total hours "
            f"({format_hours(unit.total_minutes)})",
            field="async_hours",
            hint="asynchronous hours are part of the UE's work: lower them or raise total_hours",
        )
    expected = round((unit.ects or 0) * HOURS_PER_ECTS * 60)
    if unit.ects is not None and unit.total_minutes > 0 and expected != unit.total_minutes:
        report(
            "unit",
            uid,
            f"{unit.ects:g} ECTS make {format_hours(expected)} of work (1 ECTS = 22 h), "
            f"but total hours are {format_hours(unit.total_minutes)}",
            field="total_hours",
            severity=Severity.WARNING,
        )
    _check_dates(faculty, "unit", uid, unit.semester, unit.window, semester_ids, report)
    if unit.internship is not None:
        check_internship(faculty, programme, unit, report)
        if unit.internship.min_days > unit.internship.max_days:
            report("unit", uid, "internship min_days exceeds max_days", field="internship")
        if programme.sessions_of(uid):
            report(
                "unit",
                uid,
                "an internship unit has no room sessions",
                field="sessions",
                hint="remove its sessions, or its 'internship:' entry",
            )
        return
    _check_unit_hours(faculty, programme, unit, report)


def _check_unit_hours(faculty: Faculty, programme: Programme, unit: Unit, report: Report) -> None:
    """Its sessions make its presence hours, and each cohort's own."""
    if any(not programme.slots.knows(s.length) for s in programme.sessions_of(unit.id)):
        return  # reported on the session; its hours cannot be counted
    scheduled = programme.scheduled_minutes(unit.id)
    if scheduled != unit.presence_minutes and unit.presence_minutes > 0:
        count = len(programme.sessions_of(unit.id))
        report(
            "unit",
            unit.id,
            f"declared presence hours are {format_hours(unit.presence_minutes)} but its "
            f"{plural_en(count, 'session')} count {format_hours(scheduled)}",
            field="presence_hours",
            hint=_reachable_hint(programme.slots, unit.presence_minutes),
        )
        return
    check_cohort_hours(faculty, programme, unit, report)


def reachable_totals(template: SlotTemplate, target: int) -> tuple[int | None, int | None]:
    """The whole-slot totals (minutes) nearest ``target``: the largest below and smallest above."""
    steps = sorted({slot.counted_minutes for slot in template if slot.counted_minutes > 0})
    if not steps:
        return None, None
    limit = target + max(steps)
    reachable = [False] * (limit + 1)
    reachable[0] = True
    for total in range(1, limit + 1):
        reachable[total] = any(total >= s and reachable[total - s] for s in steps)
    below = max((t for t in range(target + 1) if reachable[t]), default=None)
    above = min((t for t in range(target, limit + 1) if reachable[t]), default=None)
    return below, above


def _reachable_hint(template: SlotTemplate, target: int) -> str:
    below, above = reachable_totals(template, target)
    slots = template.describe()
    if below == target:
        return f"add or remove sessions so that they count {format_hours(target)} ({slots})"
    totals = " or ".join(format_hours(t) for t in (below, above) if t is not None)
    return (
        f"{format_hours(target)} is not a whole number of slots ({slots}); nearest reachable "
        f"totals: {totals}; change presence_hours or set counted_hours on a session"
    )


def _check_length(programme: Programme, session: SessionSpec, report: Report) -> None:
    minutes = duration_of(session.length)
    if minutes is not None and not programme.slots.knows(session.length):
        report(
            "session",
            session.id,
            f"a {minutes}-minute session fits in no slot of the template "
            f"({programme.slots.describe()})",
            field="minutes",
            hint="shorten it, or give it its own start and end",
        )
    elif not programme.slots.knows(session.length):
        report(
            "session",
            session.id,
            f"unknown length '{session.length}'",
            field="length",
            hint=did_you_mean(session.length, programme.slots.lengths()),
        )


def _check_session(
    faculty: Faculty,
    programme: Programme,
    session: SessionSpec,
    semester_ids: list[str],
    report: Report,
) -> None:
    sid = session.id
    _check_length(programme, session, report)
    _check_dates(faculty, "session", sid, session.semester, session.window, semester_ids, report)
    if session.date is not None and session.date not in faculty.calendar.year:
        report(
            "session",
            sid,
            f"pinned date {french_date(session.date)} is outside the academic year "
            f"{faculty.calendar.year}",
            field="date",
        )
    pool = [i for i in session.instructor_pool if i not in session.instructors]
    if session.pool_count > len(pool):
        report(
            "session",
            sid,
            f"needs {plural_en(session.pool_count, 'instructor')} among a pool of {len(pool)}",
            field="instructors",
            hint="lower 'count' or add instructors to 'among'",
        )
    if not session.cohorts and not session.online:  # online, it is open to anyone
        report("session", sid, "no cohort attends it", field="cohorts")
    size = sum(faculty.cohort(c).size for c in session.cohorts if faculty.has("cohort", c))
    if session.groups > 1 and size and session.groups > size:
        report(
            "session",
            sid,
            f"{session.groups} groups for {size} students",
            field="rooms.groups",
        )
    if session.order is not None and session.after and session.order is SessionOrder.FIRST:
        report(
            "session",
            sid,
            "a session marked 'order: first' cannot come after other sessions",
            field="after",
        )
    duplicates = [i for i, n in Counter(session.candidate_instructors).items() if n > 1]
    if duplicates or len(set(session.instructors)) != len(session.instructors):
        report(
            "session",
            sid,
            "an instructor is listed twice",
            field="instructors",
            severity=Severity.WARNING,
        )


def _check_dates(
    faculty: Faculty,
    kind: str,
    entry_id: str,
    semester: str | None,
    window: DateRange | None,
    semester_ids: list[str],
    report: Report,
) -> None:
    """A unit's or session's semester must exist and its window lie within the year."""
    if semester is not None and semester not in (*semester_ids, BOTH_SEMESTERS):
        report(
            kind,
            entry_id,
            f"unknown semester '{semester}'",
            field="semester",
            hint=did_you_mean(semester, [*semester_ids, BOTH_SEMESTERS]),
        )
    if window is None:
        return
    year = faculty.calendar.year
    if window.start > window.end:
        report(kind, entry_id, f"window ends ({window.end}) before it starts", field="window")
    elif not window.within(year):
        report(
            kind,
            entry_id,
            f"window {window} is outside the academic year {year}",
            field="window",
            hint="dates are YYYY-MM-DD within calendar.academic_year",
        )
