"""The soft rules as named objective terms (the same definitions as ``palliasched.quality``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from palliasched.domain.calendar import iso_week
from palliasched.domain.programme import BOTH_SEMESTERS
from palliasched.solver.placements import Placement

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel, Var


def add_soft_rules(m: ScheduleModel) -> None:
    weights = m.weights
    for weeks in m.cohort_weeks.values():
        for week_used in weeks.values():
            m.penalise("regroupements", weights.regroupements, week_used)
    if weights.instructor_trips:
        _trips(m)
    if weights.unit_spread:
        _unit_spread(m)
    for p in m.placements:
        spec = m.group_of(p).spec
        for instructor, literal in _teachers(m, p):
            preferred = m.faculty.instructor(instructor).preferred_weekdays
            if preferred and p.day.weekday() not in preferred:
                m.penalise("preferred_days", weights.preferred_days, literal)
        if spec.unit is not None and spec.semester == BOTH_SEMESTERS:
            unit = m.faculty.unit(spec.unit)
            own = m.group_of(p).programme.semester(unit.semester)
            if own is not None and p.day not in own:
                m.penalise("own_semester", weights.own_semester, m.x[p.index])


def _teachers(m: ScheduleModel, p: Placement) -> list[tuple[str, Var]]:
    found = [(i, m.x[p.index]) for i in m.group_of(p).spec.instructors]
    found += [(i, m.z[(p.index, i)]) for i in m.space.pool.get(p.index, {})]
    return found


def _trips(m: ScheduleModel) -> None:
    """A trip starts on a teaching day whose previous day, in the same week, is not one."""
    weight = m.weights.instructor_trips
    for instructor, days in m.instructor_days.items():
        trips: dict[tuple[int, int], list[Var]] = defaultdict(list)
        for day, teaches in days.items():
            before = day - dt.timedelta(days=1)
            previous = days.get(before) if iso_week(before) == iso_week(day) else None
            trip = teaches
            if previous is not None:
                trip = m.model.new_bool_var(f"trip_{instructor}_{day:%Y%m%d}")
                m.model.add(trip >= teaches - previous)
            trips[iso_week(day)].append(trip)
            m.penalise("instructor_trips", weight, trip)
        # LP link: a week the instructor teaches in holds at least one trip.
        for week, week_trips in trips.items():
            m.model.add(sum(week_trips) >= m.instructor_weeks[instructor][week])


def _unit_spread(m: ScheduleModel) -> None:
    weight = m.weights.unit_spread
    by_unit: dict[str, dict[tuple[int, int], list[Var]]] = defaultdict(lambda: defaultdict(list))
    for p in m.placements:
        unit = m.group_of(p).spec.unit
        if unit is not None:
            by_unit[unit][iso_week(p.day)].append(m.x[p.index])
    for unit, weeks in sorted(by_unit.items()):
        sessions = sum(g.count for g in m.groups if g.spec.unit == unit)
        if sessions < 2:
            continue
        for week, literals in sorted(weeks.items()):
            used = m.model.new_bool_var(f"unit_week_{unit}_{week[0]}_{week[1]}")
            for literal in literals:
                m.model.add(literal <= used)
            m.penalise("unit_spread", weight, used)
        m.objective_offset["unit_spread"] -= weight
