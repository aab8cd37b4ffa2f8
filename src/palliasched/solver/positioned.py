"""The bare-week bound with the weeks put back in the year: a bound that sees the rhythm.

On bare weeks (``relaxation.py``) a calendar loses its dates, so whatever depends on where its
weeks lie in the year (the longest gap between regroupements, the rhythm wanted) costs
nothing there, and the bound falls short of any calendar that keeps a rhythm. Here each bare
week ``k`` also gets the real week it stands for, ``week[k]``, strictly increasing over the
weeks taught. A session on a weekday of bare week ``k`` forces ``week[k]`` among the real
weeks where that day is allowed to it (its window, a teaching day, its instructors
available, rooms open), and the gaps between a cohort's consecutive weeks, read on the real
weeks, carry the longest-gap rule and the rhythm's cost.

Every calendar maps onto this model at the same cost (number its taught weeks 1, 2, ... and
set ``week[k]`` to the real week), so its optimum is a lower bound; what it still drops is
that a regroupement's days are consecutive across a holiday. Its plan is dated already: each
bare week goes to ``week[k]``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from palliasched.domain.calendar import DateRange, iso_week
from palliasched.domain.programme import Faculty, Programme, SessionSpec
from palliasched.domain.rhythm import open_weeks
from palliasched.domain.solution import Solution
from palliasched.io.session_days import usable_rooms
from palliasched.rules import day_rules_against
from palliasched.solver.model import ScheduleModel
from palliasched.solver.objective import teachers
from palliasched.solver.relaxation import (
    add_bare_instructor_symmetry_breaking,
    add_used_weeks_first,
    bare_faculty,
    bare_preferred,
    solve_bare,
)

if TYPE_CHECKING:
    from palliasched.solver.model import Var


def has_rhythm(faculty: Faculty) -> bool:
    """True when where the weeks lie in the year costs or forbids something (the rhythm)."""
    return any(
        p.week_rules(c.id).keeps_rhythm(faculty.weights.rhythm)
        for p in faculty.programmes
        for c in p.cohorts
    )


def positioned_bound(
    faculty: Faculty,
    weeks: int,
    seed: int,
    workers: int,
    time_limit: float,
    consecutive_days: bool = False,
    work: float | None = None,
) -> tuple[float | None, Solution | None]:
    """The proven lower bound of the positioned bare-week model and its plan, on real dates
    (searched as ``bare_bound``)."""
    m, positions = positioned_model(faculty, weeks, consecutive_days)
    return solve_bare(m, seed, workers, time_limit, positions.real_date, work)


def positioned_model(
    faculty: Faculty, weeks: int, consecutive_days: bool = False
) -> tuple[ScheduleModel, _Positions]:
    """The bare-week model on ``weeks`` weeks, each with its real week, and its objective."""
    m = ScheduleModel(
        bare_faculty(faculty, weeks),
        consecutive_days=consecutive_days,
        symmetry_breaking=False,
        bare=True,
    )
    add_bare_instructor_symmetry_breaking(m)
    positions = _Positions(m, faculty)
    m.model.minimize(m.objective_expression())
    return m, positions


class _Positions:
    def __init__(self, m: ScheduleModel, faculty: Faculty) -> None:
        self.m, self.faculty = m, faculty
        year = faculty.calendar.year
        self.mondays = sorted({d - dt.timedelta(days=d.weekday()) for d in year.days()})
        bare = sorted({iso_week(d) for days in m.cohort_days.values() for d in days})
        self.index = {week: k for k, week in enumerate(bare)}
        self.used = add_used_weeks_first(m, bare)
        last = len(self.mondays) - 1
        self.week = [m.model.new_int_var(0, last, f"real_week_{k}") for k in range(len(bare))]
        for k in range(len(bare) - 1):
            m.model.add(self.week[k + 1] >= self.week[k] + 1).only_enforce_if(self.used[k + 1])
        self._allowed_weeks()
        self._preferred_dates()
        for programme in faculty.programmes:
            for cohort in programme.cohorts:
                self._cohort_weeks(cohort.id)
                if not m.consecutive_days:
                    self._consecutive_days(programme, cohort.id)

    def real_date(self, solver: cp_model.CpSolver, bare_day: dt.date) -> dt.date:
        """Where a bare day lies in the year, by the solver's value of its week."""
        k = self.index[iso_week(bare_day)]
        return self._real(solver.value(self.week[k]), bare_day)

    # --- which real weeks each placement allows -------------------------------------------

    def _allowed_weeks(self) -> None:
        """What a placement allows depends on its group, weekday and site, not on its bare
        week: computed once for each."""
        m = self.m
        allowed: dict[tuple[int, int, str | None], list[int]] = {}
        free: dict[tuple[int, int, str | None, str], list[int]] = {}
        for p in m.placements:
            k = self.index[iso_week(p.day)]
            key = (p.group, p.day.weekday(), p.site)
            if key not in allowed:
                spec = self.faculty.session(m.group_of(p).spec.id)
                weeks = range(len(self.mondays))
                allowed[key] = [r for r in weeks if self._day_allowed(spec, r, p.day, p.site)]
            self._restrict(k, allowed[key], m.x[p.index])
            for instructor_id in m.space.pool.get(p.index, {}):
                if (*key, instructor_id) not in free:
                    member = self.faculty.instructor(instructor_id)
                    free[(*key, instructor_id)] = [
                        r
                        for r in allowed[key]
                        if not day_rules_against(member, self._real(r, p.day))
                    ]
                self._restrict(k, free[(*key, instructor_id)], m.z[(p.index, instructor_id)])

    def _preferred_dates(self) -> None:
        """A weekday preferred on bare weeks only through an instructor's preferred dates
        (``bare_preferred``) is preferred on the real weeks where one of those dates falls:
        elsewhere the session costs ``preferred_days``, as it does in the year."""
        m, faculty = self.m, self.faculty
        weeks_of: dict[tuple[str, int], list[int]] = {}
        for p in m.placements:
            weekday = p.day.weekday()
            for instructor_id, literal in teachers(m, p):
                instructor = faculty.instructor(instructor_id)
                if weekday in instructor.preferred_weekdays or weekday not in bare_preferred(
                    instructor
                ):
                    continue  # priced exactly by the bare model: always, or never
                key = (instructor_id, weekday)
                if key not in weeks_of:
                    weeks_of[key] = [
                        r
                        for r in range(len(self.mondays))
                        if instructor.prefers(self._real(r, p.day))
                    ]
                on_date = m.model.new_bool_var(f"preferred_{instructor_id}")
                self._restrict(self.index[iso_week(p.day)], weeks_of[key], on_date)
                cost = m.model.new_bool_var(f"not_preferred_{instructor_id}")
                m.model.add(cost >= literal - on_date)
                m.penalise("preferred_days", m.weights.preferred_days, cost)

    def _restrict(self, k: int, weeks: list[int], literal: Var) -> None:
        if not weeks:
            self.m.model.add(literal == 0)
        elif len(weeks) < len(self.mondays):
            domain = cp_model.Domain.from_values(weeks)
            self.m.model.add_linear_expression_in_domain(self.week[k], domain).only_enforce_if(
                literal
            )

    def _real(self, r: int, bare_day: dt.date) -> dt.date:
        return self.mondays[r] + dt.timedelta(days=bare_day.weekday())

    def _day_allowed(self, spec: SessionSpec, r: int, bare_day: dt.date, site: str | None) -> bool:
        day = self._real(r, bare_day)
        faculty = self.faculty
        span = faculty.session_span(spec)
        if span is None or day not in span or day not in faculty.calendar.year:
            return False
        if faculty.no_teaching_reason(faculty.programme(spec.programme), day) is not None:
            return False
        if any(day_rules_against(faculty.instructor(i), day) for i in spec.instructors):
            return False
        if spec.rooms_per_group and site is not None:
            return len(usable_rooms(faculty, spec, site, day)) >= spec.rooms_needed
        return True

    def _consecutive_days(self, programme: Programme, cohort_id: str) -> None:
        """A regroupement's days are consecutive, except across a day its real week does
        not teach (a holiday, a closure): that skip forces the bare week onto such a week."""
        m = self.m
        by_week: dict[int, dict[int, Var]] = {}
        for day, used in m.cohort_days.get(cohort_id, {}).items():
            by_week.setdefault(self.index[iso_week(day)], {})[day.weekday()] = used
        skipped: dict[int, list[int]] = {}  # weekday -> the real weeks that do not teach it
        for k, days in sorted(by_week.items()):
            for first, last in itertools.combinations(sorted(days), 2):
                for middle in range(first + 1, last):
                    self._no_skip(k, cohort_id, days, (first, middle, last), skipped, programme)

    def _no_skip(
        self,
        k: int,
        cohort_id: str,
        days: dict[int, Var],
        weekdays: tuple[int, int, int],
        skipped: dict[int, list[int]],
        programme: Programme,
    ) -> None:
        """Teaching on ``first`` and ``last`` of bare week ``k`` teaches ``middle`` too, unless
        the real week of ``k`` does not teach it."""
        m = self.m
        first, middle, last = weekdays
        if middle not in skipped:
            skipped[middle] = [
                r
                for r, monday in enumerate(self.mondays)
                if self.faculty.no_teaching_reason(programme, monday + dt.timedelta(days=middle))
                is not None
            ]
        gap = days[first] + days[last] - days.get(middle, 0)
        if not skipped[middle]:
            m.model.add(gap <= 1)
            return
        off = m.model.new_bool_var(f"skips_{cohort_id}_{k}_{middle}")
        domain = cp_model.Domain.from_values(skipped[middle])
        m.model.add_linear_expression_in_domain(self.week[k], domain).only_enforce_if(off)
        m.model.add(gap <= 1 + off)

    # --- the rhythm, on the real weeks --------------------------------------------------------

    def _cohort_weeks(self, cohort_id: str) -> None:
        """Spacing, the longest gap and the rhythm of a cohort's weeks, on the real weeks."""
        m, faculty = self.m, self.faculty
        programme = faculty.programme(faculty.cohort(cohort_id).programme)
        rules = programme.week_rules(cohort_id)
        taught = m.cohort_weeks.get(cohort_id, {})
        flags = [(k, taught[w]) for w, k in sorted(self.index.items()) if w in taught]
        if rules.min_weeks_between > 1:
            for (k, flag), (k2, flag2) in itertools.combinations(flags, 2):
                spaced = m.model.add(self.week[k2] - self.week[k] >= rules.min_weeks_between)
                spaced.only_enforce_if([flag, flag2])
        if rules.max_per_semester is not None:
            self._per_semester(programme, cohort_id, flags, rules.max_per_semester)
        every = rules.every_weeks if m.weights.rhythm else None
        if rules.max_gap_weeks is None and every is None:
            return
        for n, period in enumerate(faculty.rhythm_periods(cohort_id)):
            runs = self._runs(programme, period, flags, f"{cohort_id}_{n}")
            for length, present, absent in runs:
                # ``on`` is forced true when the run exists: its weeks present, none between.
                on = m.model.new_bool_var(f"run_{cohort_id}")
                m.model.add(on >= sum(present) - len(present) + 1 - sum(absent))
                if rules.max_gap_weeks is not None:
                    m.model.add(length <= rules.max_gap_weeks).only_enforce_if(on)
                if every is not None:
                    beyond = m.model.new_int_var(0, len(self.mondays), f"beyond_{cohort_id}")
                    m.model.add(beyond >= length - (every - 1)).only_enforce_if(on)
                    m.penalise("rhythm", m.weights.rhythm, beyond)

    def _per_semester(
        self, programme: Programme, cohort_id: str, flags: list[tuple[int, Var]], cap: int
    ) -> None:
        """At most ``cap`` taught weeks inside each semester (a real week across two
        semesters is counted in neither: the bound stays a bound)."""
        m = self.m
        for name, semester in programme.semesters:
            inside = [
                r
                for r, monday in enumerate(self.mondays)
                if monday in semester and monday + dt.timedelta(days=6) in semester
            ]
            if not inside or len(flags) <= cap:
                continue
            domain = cp_model.Domain.from_values(inside)
            outside = domain.complement().intersection_with(
                cp_model.Domain(0, len(self.mondays) - 1)
            )
            counted = []
            for k, flag in flags:
                there = m.model.new_bool_var(f"in_{name}_{cohort_id}_{k}")
                m.model.add_linear_expression_in_domain(self.week[k], domain).only_enforce_if(there)
                m.model.add_linear_expression_in_domain(self.week[k], outside).only_enforce_if(
                    ~there
                )
                both = m.model.new_bool_var(f"taught_in_{name}_{cohort_id}_{k}")
                m.model.add_implication(both, there)
                m.model.add_implication(both, flag)
                m.model.add_bool_or([both, ~flag, ~there])
                counted.append(both)
            m.model.add(sum(counted) <= cap)

    def _runs(
        self, programme: Programme, period: DateRange, flags: list[tuple[int, Var]], name: str
    ) -> list[tuple[cp_model.LinearExprT, list[Var], list[Var]]]:
        """Every run of open weeks of ``period`` a cohort may leave without teaching: (its
        length, the taught weeks that bound it, the weeks that must be untaught inside)."""
        m, faculty = self.m, self.faculty
        opened_weeks = set(open_weeks(faculty, programme, period))
        is_open = [int(iso_week(monday) in opened_weeks) for monday in self.mondays]
        before = [sum(is_open[:r]) for r in range(len(self.mondays))]  # open weeks before r
        total = sum(is_open)
        opened, here = {}, {}
        for k, _ in flags:
            opened[k] = m.model.new_int_var(0, total, f"open_before_{name}_{k}")
            m.model.add_element(self.week[k], before, opened[k])
            here[k] = m.model.new_int_var(0, 1, f"open_{name}_{k}")
            m.model.add_element(self.week[k], is_open, here[k])
        runs: list[tuple[cp_model.LinearExprT, list[Var], list[Var]]] = []
        for n, (k, flag) in enumerate(flags):
            earlier = [f for _, f in flags[:n]]
            later = [f for _, f in flags[n + 1 :]]
            runs.append((opened[k], [flag], earlier))  # the run before the first week
            runs.append((total - opened[k] - here[k], [flag], later))  # after the last
            for j, (k2, flag2) in enumerate(flags[n + 1 :], start=n + 1):
                between = [f for _, f in flags[n + 1 : j]]
                runs.append((opened[k2] - opened[k] - here[k], [flag, flag2], between))
        return runs
