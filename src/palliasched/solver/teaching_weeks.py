"""Teaching weeks: a cohort's days form regroupements; instructors' days, weekly limits, trips.

Day and week indicators are tied to the placements with sums (``x <= day``, ``day <= sum x``,
``sum days <= max_days * week``) so that the LP relaxation sees them and bounds the number of
regroupements well.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from typing import TYPE_CHECKING, TypeVar

from palliasched.domain.calendar import DateRange, iso_week
from palliasched.domain.programme import Faculty
from palliasched.rules import HardRule, Rule, unit_of
from palliasched.solver.groups import SessionGroup
from palliasched.solver.placements import Placement
from palliasched.solver.registry import enforces

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel, Var

Week = tuple[int, int]
V = TypeVar("V")


@enforces(HardRule.REGROUPEMENT, HardRule.SPACING, HardRule.PER_SEMESTER)
def add_cohort_weeks(m: ScheduleModel) -> None:
    attended: dict[str, dict[dt.date, list[Placement]]] = defaultdict(lambda: defaultdict(list))
    for cohort, uses in m.attending.items():
        for p, _ in uses:
            attended[cohort][p.day].append(p)
    points = len(m.space.time_points)
    for cohort_id, days in sorted(attended.items()):
        day_used = {}
        for day, placed in sorted(days.items()):
            literals = [m.x[p.index] for p in placed]
            used = m.at_least_one_of(f"day_{cohort_id}_{day:%Y%m%d}", literals)
            # LP link: a day holds at most one session per time point.
            capacity = m.model.add(
                sum(points_of(m, p) * m.x[p.index] for p in placed) <= points * used
            )
            m.enforce(capacity, Rule(HardRule.COHORT_CLASH, cohort_id))
            day_used[day] = used
        m.cohort_days[cohort_id] = day_used
        m.cohort_weeks[cohort_id] = _regroupements(m, cohort_id, day_used)
    cohort_rounding_bounds(m)


def cohort_rounding_bounds(m: ScheduleModel, units: set[str] | None = None) -> None:
    """Rounding bounds on each cohort's days and weeks, from the sessions of ``units`` (all).

    Those an instructor with a tighter weekly limit teaches need weeks at that limit too.
    An explanation adds them again for the UEs still in question: in a relaxed model a bound
    holds only while the hours and windows of every UE it counts do.
    """
    for cohort_id, day_used in m.cohort_days.items():
        mine = [
            g
            for g in m.groups
            if cohort_id in g.spec.cohorts and (units is None or unit_of(g.spec) in units)
        ]
        max_days = m.faculty.week_rules(cohort_id).max_days
        rules = [Rule(HardRule.COHORT_CLASH, cohort_id), Rule(HardRule.REGROUPEMENT, cohort_id)]
        weeks = m.cohort_weeks[cohort_id]
        _fewest_weeks(m, mine, max_days, day_used, weeks, rules)
        for instructor_id in sorted({i for g in mine for i in g.spec.instructors}):
            limit = m.faculty.instructor(instructor_id).max_days_per_week
            if limit is not None and limit < max_days:
                theirs = [g for g in mine if instructor_id in g.spec.instructors]
                because = [*rules, Rule(HardRule.WEEK_LIMIT, instructor_id)]
                _fewest_weeks(m, theirs, limit, {}, weeks, because)


def points_of(m: ScheduleModel, p: Placement) -> int:
    """The time points (of a day's ``m.space.time_points``) placement ``p`` covers."""
    return sum(1 for minute in m.space.time_points if p.covers(minute))


def _days_needed(m: ScheduleModel, groups: list[SessionGroup]) -> int:
    """Days ``groups`` need at least, for one cohort or one instructor: their time points
    over a day's, and the sessions that take one time point wherever they are placed, each on
    its own day (every morning session, say)."""
    points_per_day = len(m.space.time_points)
    # The bare-week bound's search (its proof of the M2 takes three times as long with the
    # per-point counts, benchmarks/m2.py) keeps to the total.
    per_point = () if m.bare else m.space.time_points
    load = 0
    at_point: dict[int, int] = defaultdict(int)
    for g in groups:
        placed = [m.placements[i] for i in m.space.by_group[g.index]]
        load += g.count * points_of(m, placed[0])
        for minute in per_point:
            if all(p.covers(minute) for p in placed):
                at_point[minute] += g.count
    return max(-(-load // points_per_day), *at_point.values(), 0)


def _fewest_weeks(
    m: ScheduleModel,
    groups: list[SessionGroup],
    max_days: int,
    days_used: dict[dt.date, Var],
    weeks_used: dict[Week, Var],
    rules: list[Rule],
) -> None:
    """Rounding bounds: sessions that must fall in a span need ceil(days / max_days) weeks.

    ``groups`` are the sessions of one cohort or one instructor. Implied by the model; stated
    because the LP relaxation does not round. In a relaxed model they hold only while the
    rules they follow from do: ``rules``, and the hours and windows of the sessions counted.
    """
    spans = {m.faculty.session_span(g.spec) for g in groups}
    for span in sorted(s for s in spans if s is not None):
        inside = [g for g in groups if m.space.by_group[g.index] and _within(g, span, m)]
        days = _days_needed(m, inside)
        if not days:
            continue
        weeks = -(-days // max_days)
        week_sum = sum(u for w, u in weeks_used.items() if _week_meets(w, span))
        bounds = [m.model.add(week_sum >= weeks)]
        if days > 1 and days_used:
            bounds.append(m.model.add(sum(u for d, u in days_used.items() if d in span) >= days))
        if m.relaxed:
            because = [*rules]
            for unit in sorted({unit_of(g.spec) for g in inside}):
                because += [Rule(HardRule.HOURS, unit), Rule(HardRule.WINDOW, unit)]
            for bound in bounds:
                bound.only_enforce_if([m.literal(r) for r in because])


def _within(group: SessionGroup, span: DateRange, m: ScheduleModel) -> bool:
    own = m.faculty.session_span(group.spec)
    return own is not None and own.within(span)


def _week_meets(week: Week, span: DateRange) -> bool:
    monday = dt.date.fromisocalendar(week[0], week[1], 1)
    return monday <= span.end and monday + dt.timedelta(days=6) >= span.start


def _regroupements(
    m: ScheduleModel, cohort_id: str, day_used: dict[dt.date, Var]
) -> dict[Week, Var]:
    cohort = m.faculty.cohort(cohort_id)
    programme = m.faculty.programme(cohort.programme)
    rules = programme.teaching_weeks
    by_week: dict[Week, list[dt.date]] = defaultdict(list)
    for day in day_used:
        by_week[iso_week(day)].append(day)
    weeks: dict[Week, Var] = {}
    shape = Rule(HardRule.REGROUPEMENT, cohort_id)
    for week, days in sorted(by_week.items()):
        week_used = m.model.new_bool_var(f"week_{cohort_id}_{week[0]}_{week[1]}")
        weeks[week] = week_used
        for day in days:
            m.model.add(day_used[day] <= week_used)
        m.model.add(week_used <= sum(day_used[d] for d in days))
        m.enforce(m.model.add(sum(day_used[d] for d in days) <= rules.max_days * week_used), shape)
        # Consecutive: no teaching day of the programme left out between two used days.
        monday = dt.date.fromisocalendar(week[0], week[1], 1)
        teaching = [
            d
            for d in (monday + dt.timedelta(days=n) for n in range(7))
            if m.faculty.no_teaching_reason(programme, d) is None
        ]
        for first, middle, last in itertools.combinations(teaching, 3):
            if not m.consecutive_days:
                break
            if first in day_used and last in day_used:
                inside = day_used.get(middle)
                lhs = day_used[first] + day_used[last] - (inside if inside is not None else 0)
                m.enforce(m.model.add(lhs <= 1), shape)
    _spacing(m, cohort_id, weeks, rules.min_weeks_between)
    if rules.max_per_semester is not None:
        for name, semester in programme.semesters:
            counted = []
            for week, days in sorted(by_week.items()):
                in_semester = [day_used[d] for d in days if d in semester]
                if len(in_semester) == len(days):
                    counted.append(weeks[week])
                elif in_semester:
                    name_ = f"sem_{cohort_id}_{name}_{week}"
                    counted.append(m.at_least_one_of(name_, in_semester))
            if len(counted) > rules.max_per_semester:
                rule = Rule(HardRule.PER_SEMESTER, cohort_id)
                m.enforce(m.model.add(sum(counted) <= rules.max_per_semester), rule)
    return weeks


def _spacing(m: ScheduleModel, cohort_id: str, weeks: dict[Week, Var], apart: int) -> None:
    rule = Rule(HardRule.SPACING, cohort_id)
    for window in windows_apart(weeks, apart):
        m.enforce(m.model.add(sum(window) <= 1), rule)


def most_days_a_week(faculty: Faculty, instructor_id: str) -> int:
    """The most days an instructor can teach in a week: their weekly limit, and no more than
    the weekdays the programmes teach on (Saturdays too, where they are taught)."""
    weekdays = len(faculty.teaching_weekdays)
    return min(faculty.instructor(instructor_id).max_days_per_week or weekdays, weekdays)


def windows_apart(weeks: dict[Week, V], apart: int) -> list[list[V]]:
    """The groups of ``weeks`` within ``apart`` weeks of each one's Monday that hold more than
    one: at most one of each may be taught when teaching weeks are ``apart`` weeks apart."""
    if apart <= 1:
        return []
    mondays = {week: dt.date.fromisocalendar(week[0], week[1], 1) for week in weeks}
    windows = []
    for monday in mondays.values():
        window = [
            weeks[other]
            for other, other_monday in mondays.items()
            if 0 <= (other_monday - monday).days // 7 < apart
        ]
        if len(window) > 1:
            windows.append(window)
    return windows


@enforces(HardRule.WEEK_LIMIT)
def add_instructor_days(m: ScheduleModel) -> None:
    """Teaching-day indicators per instructor, their weekly limits, and trips for the objective."""
    for instructor_id, taught in sorted(m.teaching.items()):
        instructor = m.faculty.instructor(instructor_id)
        by_day: dict[dt.date, list[Var]] = defaultdict(list)
        for p, literal in taught:
            by_day[p.day].append(literal)
        days = {
            day: m.at_least_one_of(f"teaches_{instructor_id}_{day:%Y%m%d}", literals)
            for day, literals in sorted(by_day.items())
        }
        m.instructor_days[instructor_id] = days
        by_week: dict[Week, list[Var]] = defaultdict(list)
        for day, day_used in days.items():
            by_week[iso_week(day)].append(day_used)
        m.instructor_weeks[instructor_id] = {
            week: m.at_least_one_of(f"teaches_{instructor_id}_{week[0]}_{week[1]}", in_week)
            for week, in_week in sorted(by_week.items())
        }
        limit = instructor.max_days_per_week
        mine = [g for g in m.groups if instructor_id in g.spec.instructors]
        if not m.relaxed:
            taught_weeks = m.instructor_weeks[instructor_id]
            most = most_days_a_week(m.faculty, instructor_id)
            _fewest_weeks(m, mine, most, days, taught_weeks, [])
            # What a cohort with shorter regroupements attends needs weeks at its pace.
            for cohort_id in sorted({c for g in mine for c in g.spec.cohorts}):
                pace = m.faculty.week_rules(cohort_id).max_days
                if pace < most:
                    theirs = [g for g in mine if cohort_id in g.spec.cohorts]
                    _fewest_weeks(m, theirs, pace, {}, taught_weeks, [])
        if limit is None:
            continue
        for week, used in by_week.items():
            room = limit - len(m.reserved_days.get((instructor_id, week), ()))
            if len(used) > room:
                rule = Rule(HardRule.WEEK_LIMIT, instructor_id)
                m.enforce(m.model.add(sum(used) <= max(room, 0)), rule)
