"""Checks that span entries of a faculty: references, hours, dates, and sessions no day can hold.

Runs before any solving, on the domain model, so it serves every input format. Every
problem names its entry and field; ``Locations`` adds the file, line and column.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Iterable

from palliasched.calendar import (
    FULL_DAY,
    NOT_A_TEACHING_WEEKDAY,
    DateRange,
    SlotTemplate,
    format_hours,
    french_date,
)
from palliasched.errors import Problem, Severity, did_you_mean
from palliasched.io.locations import Locations
from palliasched.programme import (
    BOTH_SEMESTERS,
    Faculty,
    Programme,
    SessionOrder,
    SessionSpec,
    Unit,
)
from palliasched.words import plural_en

HOURS_PER_ECTS = 22

Report = Callable[..., None]


def validate_faculty(faculty: Faculty, locations: Locations | None = None) -> list[Problem]:
    """Every problem of ``faculty`` (errors and warnings), in file order of the checks."""
    loc = locations or Locations()
    problems: list[Problem] = []

    def report(kind: str, entry_id: str, message: str, **kwargs: object) -> None:
        problem = loc.problem(kind, entry_id, message, **kwargs)  # type: ignore[arg-type]
        if problem not in problems:  # copies of a ``count: n`` session fail together
            problems.append(problem)

    _check_calendar(faculty, problems)
    _check_something_to_schedule(faculty, problems, report)
    _check_references(faculty, report)
    references_resolve = not any(p.severity is Severity.ERROR for p in problems)
    for programme in faculty.programmes:
        _check_programme(faculty, programme, report)
    if references_resolve:  # the checks below follow references
        _check_precedences(faculty, report)
        for session in faculty.sessions:
            _check_session_days(faculty, session, report)
    return problems


def _check_something_to_schedule(
    faculty: Faculty, problems: list[Problem], report: Callable[..., None]
) -> None:
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
    semester_ids = [name for name, _ in programme.semesters]
    for unit in programme.units:
        _check_unit(faculty, programme, unit, semester_ids, report)
    for session in programme.sessions:
        _check_session(faculty, programme, session, semester_ids, report)


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
    if unit.presence_minutes <= 0 and unit.internship is None:
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
    lengths = programme.slots.lengths()
    if any(s.length not in lengths for s in programme.sessions_of(uid)):
        return  # reported on the session; its hours cannot be counted
    scheduled = programme.scheduled_minutes(uid)
    if scheduled != unit.presence_minutes and unit.presence_minutes > 0:
        count = len(programme.sessions_of(uid))
        report(
            "unit",
            uid,
            f"declared presence hours are {format_hours(unit.presence_minutes)} but its "
            f"{plural_en(count, 'session')} count {format_hours(scheduled)}",
            field="presence_hours",
            hint=_reachable_hint(programme.slots, unit.presence_minutes),
        )


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


def _check_session(
    faculty: Faculty,
    programme: Programme,
    session: SessionSpec,
    semester_ids: list[str],
    report: Report,
) -> None:
    sid = session.id
    if session.length not in programme.slots.lengths():
        report(
            "session",
            sid,
            f"unknown length '{session.length}'",
            field="length",
            hint=did_you_mean(session.length, programme.slots.lengths()),
        )
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
    if not session.cohorts:
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


# --- references ----------------------------------------------------------------------------


def _check_references(faculty: Faculty, report: Report) -> None:
    def check(kind: str, entry_id: str, field: str, target: str, ids: Iterable[str]) -> None:
        for ref in ids:
            if not faculty.has(target, ref):
                report(
                    kind,
                    entry_id,
                    f"unknown {target} '{ref}'",
                    field=field,
                    hint=did_you_mean(ref, faculty.ids(target)),
                )

    year = faculty.calendar.year
    for room in faculty.rooms:
        check("room", room.id, "site", "site", [room.site])
        _warn_outside_year(room.unavailable, year, "room", room.id, report)
    for instructor in faculty.instructors:
        if instructor.home_site is not None:
            check("instructor", instructor.id, "home_site", "site", [instructor.home_site])
        _warn_outside_year(instructor.unavailable, year, "instructor", instructor.id, report)
    for programme in faculty.programmes:
        check("programme", programme.id, "site", "site", programme.sites)
        if not programme.sites:
            report("programme", programme.id, "no teaching site", field="site")
        for session in programme.sessions:
            sid = session.id
            check("session", sid, "instructors", "instructor", session.candidate_instructors)
            check("session", sid, "cohorts", "cohort", session.cohorts)
            check("session", sid, "rooms.allowed", "room", session.allowed_rooms)
            check("session", sid, "site", "site", session.sites)
            check("session", sid, "after", "session", session.after)


def _warn_outside_year(
    spans: Iterable[DateRange], year: DateRange, kind: str, entry_id: str, report: Report
) -> None:
    for span in spans:
        if span.end < year.start or span.start > year.end:
            report(
                kind,
                entry_id,
                f"unavailable dates {span} are outside the academic year {year}",
                field="unavailable",
                severity=Severity.WARNING,
                hint="remove last year's dates",
            )


def _check_precedences(faculty: Faculty, report: Report) -> None:
    """``after`` must not form a cycle (A after B after A)."""
    state: dict[str, int] = {}
    in_reported_cycle: set[str] = set()

    def visit(session_id: str, trail: list[str]) -> None:
        state[session_id] = 1
        for before in faculty.session(session_id).after:
            if state.get(before) == 1:
                cycle = [*trail[trail.index(before) :], before]
                if in_reported_cycle & set(cycle):
                    continue
                in_reported_cycle.update(cycle)
                report(
                    "session",
                    session_id,
                    "precedences form a cycle: " + " -> ".join(cycle),
                    field="after",
                    hint="remove one of these 'after' links",
                )
            elif before not in state:
                visit(before, [*trail, before])
        state[session_id] = 2

    for session in faculty.sessions:
        if session.id not in state:
            visit(session.id, [session.id])


# --- can any day hold each session? ----------------------------------------------------------


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
        if not instructor.available_on(day):
            reasons.append(f"{instructor.name} unavailable")
        if not instructor.teaches_on_weekday(day):
            reasons.append(f"{instructor.name} never teaches that weekday")
    pool = [faculty.instructor(i) for i in session.instructor_pool if i not in session.instructors]
    able = sum(i.available_on(day) and i.teaches_on_weekday(day) for i in pool)
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


def _check_session_days(faculty: Faculty, session: SessionSpec, report: Report) -> None:
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
