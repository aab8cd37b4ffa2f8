"""The plans of the bare-week models (``relaxation.py``, ``positioned.py``) as calendars:
read off a solved model, and moved onto the real weeks of the year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from ortools.sat.python import cp_model

from palliasched.domain.calendar import DateRange, iso_week
from palliasched.domain.programme import Faculty
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.solver.model import ScheduleModel


def bare_plan(
    m: ScheduleModel,
    solver: cp_model.CpSolver,
    date_of: Callable[[cp_model.CpSolver, dt.date], dt.date] = lambda _, day: day,
) -> Solution:
    """The plan of a solved bare-week model, each bare date moved by ``date_of``."""
    sessions = []
    for p in m.placements:
        if not solver.boolean_value(m.x[p.index]):
            continue
        group = m.group_of(p)
        pool = [i for i in m.space.pool.get(p.index, {}) if solver.boolean_value(m.z[(p.index, i)])]
        placed = ScheduledSession(
            "", date_of(solver, p.day), p.slots, group.spec.instructors + tuple(pool), (), p.site
        )
        sessions.append((group, placed))
    # A group's sessions are interchangeable: hand them out in date order.
    handed: dict[int, int] = {}
    plan = []
    for group, placed in sorted(sessions, key=lambda gs: (gs[0].index, gs[1].date, gs[1].slots)):
        n = handed.get(group.index, 0)
        handed[group.index] = n + 1
        plan.append(replace(placed, session=group.sessions[n].id))
    return Solution(tuple(plan))


def dated_plan(faculty: Faculty, bare: Solution) -> Solution | None:
    """``bare`` moved onto real weeks, in the same order, each as early as its dates allow.

    Every session keeps its weekday, slots, site and instructors; a bare week goes to the
    first real week (after the previous one, with the programmes' spacing) where all its
    sessions fall on teaching days of their windows with their instructors available. None
    when some bare week finds no real week. Rooms are left to the model: this is a hint.
    """
    by_week: dict[tuple[int, int], list[ScheduledSession]] = {}
    for placed in bare.sessions:
        by_week.setdefault(iso_week(placed.date), []).append(placed)
    year = faculty.calendar.year
    mondays = sorted({d - dt.timedelta(days=d.weekday()) for d in year.days()})
    spacing = max((p.teaching_weeks.min_weeks_between for p in faculty.programmes), default=1)
    dated: list[ScheduledSession] = []
    earliest = 0
    for week in sorted(by_week):
        bare_monday = dt.date.fromisocalendar(week[0], week[1], 1)
        offsets = [placed.date - bare_monday for placed in by_week[week]]
        for position in range(earliest, len(mondays)):
            moved = [
                replace(placed, date=mondays[position] + offset, rooms=())
                for placed, offset in zip(by_week[week], offsets, strict=True)
            ]
            if all(_allowed(faculty, p) for p in moved) and _consecutive(faculty, moved):
                dated += moved
                earliest = position + spacing
                break
        else:
            return None
    return Solution(tuple(dated))


def _consecutive(faculty: Faculty, week: list[ScheduledSession]) -> bool:
    """True when each cohort's days of ``week`` skip no teaching day of its programme."""
    days: dict[str, set[dt.date]] = {}
    for placed in week:
        for cohort in faculty.session(placed.session).cohorts:
            days.setdefault(cohort, set()).add(placed.date)
    for cohort, used in days.items():
        programme = faculty.programme(faculty.cohort(cohort).programme)
        between = DateRange(min(used), max(used)).days()
        if any(d not in used and faculty.no_teaching_reason(programme, d) is None for d in between):
            return False
    return True


def _allowed(faculty: Faculty, placed: ScheduledSession) -> bool:
    spec = faculty.session(placed.session)
    span = faculty.session_span(spec)
    if span is None or placed.date not in span:
        return False
    if faculty.no_teaching_reason(faculty.programme(spec.programme), placed.date) is not None:
        return False
    return all(faculty.instructor(i).available_on(placed.date) for i in placed.instructors)
