"""A lower bound on the cost of any calendar, from the same model on a calendar of bare weeks.

Number the weeks a calendar teaches in 1, 2, ... in date order, keep each session's weekday and
slot, and every soft rule keeps its cost: regroupements and trips are counted week by week,
a UE's spread counts its weeks, preferred days depend on the weekday only (a preferred date
makes its weekday preferred: the bare cost is never more than the real one). Clashes, regroupement
bounds, weekly limits, orders and precedences still hold, since the numbering keeps the date
order. What the dates themselves forbid (holidays, closures, windows, availability, pinned
dates) is dropped. So the optimum over K bare weeks is a lower bound for every calendar that
teaches in at most K weeks; and a calendar teaching in more weeks costs at least one
regroupement per week, which bounds K by the cost of the best calendar known.

This bound is what the dated model's linear relaxation cannot see: whichever weeks a solution
picks among thirty near-identical ones, it costs the same; on bare weeks there is nothing to
pick.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from palliasched.domain.calendar import Calendar, DateRange, HolidayRegion, iso_week
from palliasched.domain.programme import Faculty, Instructor, Programme, SessionOrder
from palliasched.domain.solution import Solution
from palliasched.domain.week_rules import TeachingWeekRules
from palliasched.solver.groups import SessionGroup
from palliasched.solver.model import ScheduleModel
from palliasched.solver.plans import bare_plan

if TYPE_CHECKING:
    from palliasched.solver.model import Var

# A Monday in ISO week 1: bare week n is ISO week n of 2001.
BARE_START = dt.date(2001, 1, 1)


def bare_weeks(faculty: Faculty, upper: float | None) -> int:
    """How many bare weeks a calendar costing at most ``upper`` can teach in."""
    weeks = {
        iso_week(day)
        for spec in faculty.sessions
        if (span := faculty.session_span(spec)) is not None
        for day in faculty.calendar.teaching_days(span)
    }
    count = len(weeks)
    if upper is not None and faculty.weights.regroupements > 0:
        count = min(count, int(upper // faculty.weights.regroupements))
    caps = [_capped_weeks(faculty, p) for p in faculty.programmes if p.sessions]
    if caps and all(cap is not None for cap in caps):
        count = min(count, sum(cap for cap in caps if cap is not None))
    return max(count, 0)


def _capped_weeks(faculty: Faculty, programme: Programme) -> int | None:
    """At most how many weeks ``programme``'s cohorts teach in, from the per-semester cap;
    None without a cap, or when a session may fall outside every semester (uncapped).

    A cohort that attends only sessions another cohort attends too teaches in none of its
    own weeks: only the other cohorts' weeks are counted.
    """
    cap = programme.teaching_weeks.max_per_semester
    if cap is None:
        return None
    semesters = [s for _, s in programme.semesters]
    spans = {faculty.session_span(spec) for spec in programme.sessions}
    for span in spans:
        if span is None:
            continue
        if any(not any(d in s for s in semesters) for d in faculty.calendar.teaching_days(span)):
            return None
    leading = _leading_cohorts(faculty, programme)
    return cap * _semesters_used(faculty, programme) * len(leading)


def _leading_cohorts(faculty: Faculty, programme: Programme) -> list[str]:
    """The cohorts of ``programme`` whose sessions are not all attended by another cohort
    (of two with the same sessions, the first)."""
    attended = {
        c.id: frozenset(s.id for s in faculty.sessions if c.id in s.cohorts)
        for c in programme.cohorts
    }
    ids = list(attended)
    return [
        c
        for n, c in enumerate(ids)
        if not any(
            attended[c] <= attended[d] and (attended[c] < attended[d] or m < n)
            for m, d in enumerate(ids)
            if d != c
        )
    ]


def bare_bound(
    faculty: Faculty,
    weeks: int,
    seed: int,
    workers: int,
    time_limit: float,
    consecutive_days: bool = False,
    work: float | None = None,
) -> tuple[float | None, Solution | None]:
    """The proven lower bound of the bare-week model and its best plan (None when it has none),
    searched for ``time_limit`` seconds and at most ``work`` (deterministic time).

    The plan's sessions are on bare dates, without rooms (``plans.dated_plan`` dates them).
    With ``consecutive_days`` the regroupements skip no weekday: no longer a bound (a holiday
    may make a real week skip one), but a plan more real weeks can take.
    """
    m = bare_model(faculty, weeks, consecutive_days)
    return solve_bare(m, seed, workers, time_limit, work=work)


def bare_model(faculty: Faculty, weeks: int, consecutive_days: bool = False) -> ScheduleModel:
    """The bare-week model of ``faculty`` on ``weeks`` weeks, its symmetries broken."""
    m = ScheduleModel(bare_faculty(faculty, weeks), consecutive_days=consecutive_days, bare=True)
    add_bare_week_symmetry_breaking(m)
    add_bare_instructor_symmetry_breaking(m)
    return m


def solve_bare(
    m: ScheduleModel,
    seed: int,
    workers: int,
    time_limit: float,
    date_of: Callable[[cp_model.CpSolver, dt.date], dt.date] = lambda _, day: day,
    work: float | None = None,
) -> tuple[float | None, Solution | None]:
    """Solve a bare-week model: its proven bound, and its best plan with each bare date moved
    by ``date_of`` (given the solver's values; None, None when it has no plan)."""
    solver = bare_solver(seed, workers, time_limit, work=work)
    code = solver.solve(m.model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, None
    return solver.best_objective_bound, bare_plan(m, solver, date_of)


def bare_solver(
    seed: int,
    workers: int,
    time_limit: float,
    subsolvers: tuple[str, ...] = ("core", "max_lp"),
    work: float | None = None,
) -> cp_model.CpSolver:
    """The solver of the bare-week models, for ``time_limit`` seconds and at most ``work`` of
    deterministic time (default: as many): ``subsolvers`` interleaved on ``workers``
    workers, or with one worker the core-based search alone."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.random_seed = seed
    params.max_time_in_seconds = time_limit
    # A deterministic limit keeps the plan, hence the calendar hinted from it, the same on
    # every machine (interleaved workers are deterministic too).
    params.max_deterministic_time = time_limit if work is None else min(work, time_limit)
    if workers == 1:
        # Its work is its limit, its seconds a guard only: work is what keeps it the same on
        # every machine, and the cores do about two of work a second.
        params.max_deterministic_time = time_limit if work is None else work
        # The cores without the LP, uninterrupted: they prove the DU's parts in 0.5-3 s,
        # where interleaved (cut in chunks) they had not in 20 s (benchmarks/README.md).
        params.num_workers = 1
        params.optimize_with_core = True
        params.linearization_level = 0
        return solver
    params.num_workers = workers
    params.interleave_search = True
    # Core-based bounds beside an LP-heavy search prove the M2 parts in about a second,
    # where the default portfolio takes ten (benchmarks/m2.py).
    params.subsolvers.extend(subsolvers)
    return solver


def bare_faculty(faculty: Faculty, weeks: int) -> Faculty:
    """``faculty`` on ``weeks`` bare weeks: no holidays, closures, windows or unavailability."""
    year = DateRange(BARE_START, BARE_START + dt.timedelta(days=7 * weeks - 1))
    calendar = Calendar(
        year=year,
        weekdays=faculty.calendar.weekdays,
        holiday_region=HolidayRegion.NONE,
        timezone=faculty.calendar.timezone,
    )
    return replace(
        faculty,
        calendar=calendar,
        rooms=tuple(replace(r, unavailable=()) for r in faculty.rooms),
        instructors=tuple(
            replace(
                i,
                unavailable=(),
                busy=(),
                available_only=None,
                preferred_weekdays=bare_preferred(i),
                preferred_dates=(),
            )
            for i in faculty.instructors
        ),
        programmes=tuple(_bare_programme(faculty, p, year) for p in faculty.programmes),
    )


def bare_preferred(instructor: Instructor) -> frozenset[int]:
    """The weekdays an instructor prefers on bare weeks: those of their preferred dates too."""
    if not instructor.preferred_dates:
        return instructor.preferred_weekdays
    dated = {day.weekday() for span in instructor.preferred_dates for day in span.days()}
    return instructor.preferred_weekdays | dated


def _bare_programme(faculty: Faculty, programme: Programme, year: DateRange) -> Programme:
    used = _semesters_used(faculty, programme)

    def bare_rules(rules: TeachingWeekRules) -> TeachingWeekRules:
        cap = rules.max_per_semester
        return replace(
            rules, min_weeks_between=1, max_per_semester=None if cap is None else cap * used
        )

    return replace(
        programme,
        # Every semester spans the bare weeks, so a per-semester cap covers them all: it
        # becomes the cap of all the semesters the sessions use.
        semesters=tuple((name, year) for name, _ in programme.semesters),
        closures=(),
        units=tuple(replace(u, window=None) for u in programme.units),
        sessions=tuple(replace(s, window=None, date=None) for s in programme.sessions),
    ).with_week_rules(bare_rules)


def _semesters_used(faculty: Faculty, programme: Programme) -> int:
    """Semesters of ``programme`` that some of its sessions may be taught in (at least 1)."""
    used = 0
    for _, semester in programme.semesters:
        for spec in programme.sessions:
            span = faculty.session_span(spec)
            if span is not None and span.intersect(semester) is not None:
                used += 1
                break
    return max(used, 1)


def add_used_weeks_first(m: ScheduleModel, weeks: list[tuple[int, int]]) -> list[Var]:
    """Bare weeks a calendar teaches in come first (numbered 1, 2, ... in date order): an
    indicator per week, each at least the next."""
    used = [
        m.at_least_one_of(f"bare_week_{w[1]}", [ws[w] for ws in m.cohort_weeks.values() if w in ws])
        for w in weeks
    ]
    for earlier, later in itertools.pairwise(used):
        m.model.add(earlier >= later)
    return used


def add_bare_week_symmetry_breaking(m: ScheduleModel) -> None:
    """Bare weeks are all alike: used ones come first, and the middle ones are sorted.

    Renumbering the weeks a calendar uses 1, 2, ... leaves no unused week between them. Weeks
    strictly between the first session's and the last session's hold no ordered session, so
    without precedences they can be permuted: sort them by teaching days, most first. Without
    first or last sessions ``add_week_symmetry_breaking`` already sorts every week.
    """
    weeks = sorted({iso_week(d) for days in m.cohort_days.values() for d in days})
    used = add_used_weeks_first(m, weeks)
    specs = [g.spec for g in m.groups]
    ordered = {s.programme: s.order for s in specs if s.order is not None}
    if any(s.after for s in specs) or len(ordered) != 1:
        return
    programme_id = next(iter(ordered))
    orders = {s.order for s in specs if s.programme == programme_id and s.order is not None}
    counts = [
        sum(v for days in m.cohort_days.values() for d, v in days.items() if iso_week(d) == w)
        for w in weeks
    ]
    start = 1 if SessionOrder.FIRST in orders else 0
    last = SessionOrder.LAST in orders
    for n in range(start, len(weeks) - (2 if last else 1)):
        sorted_pair = m.model.add(counts[n] >= counts[n + 1])
        if last:  # only while week n + 1 is not the last week used
            sorted_pair.only_enforce_if(used[n + 2])


IDENTITY = ("id", "name")  # what names an instructor, not what they can do


def alike_key(instructor: Instructor, groups: Sequence[SessionGroup]) -> tuple[object, ...]:
    """What makes two instructors interchangeable on bare weeks: their roles in every session
    group and every field but the identity. A field added to Instructor tells them apart by
    default, so the bound cannot silently merge instructors that differ."""
    roles = tuple(
        (instructor.id in g.spec.instructors, instructor.id in g.spec.instructor_pool)
        for g in groups
    )
    return (
        roles,
        *(getattr(instructor, f.name) for f in fields(Instructor) if f.name not in IDENTITY),
    )


def add_bare_instructor_symmetry_breaking(m: ScheduleModel) -> None:
    """Instructors alike in everything (on bare weeks, with no dates to tell them apart) are
    interchangeable: order their teaching days lexicographically, so that only one of the
    equivalent assignments of pool places between them is searched."""
    alike: dict[tuple[object, ...], list[str]] = {}
    for instructor in m.faculty.instructors:
        if instructor.id not in m.instructor_days:
            continue
        alike.setdefault(alike_key(instructor, m.groups), []).append(instructor.id)
    for ids in alike.values():
        for first, second in itertools.pairwise(ids):
            _lex_at_least(m, m.instructor_days[first], m.instructor_days[second])


def _lex_at_least(m: ScheduleModel, ahead: dict[dt.date, Var], behind: dict[dt.date, Var]) -> None:
    """``ahead``'s days, read in date order as a 0-1 word, are at least ``behind``'s."""
    equal: list[Var] = []  # [e]: true while the words agree on every earlier day
    for day in sorted(ahead.keys() & behind.keys()):
        a, b = ahead[day], behind[day]
        unless = [e.Not() for e in equal]
        m.model.add_bool_or([*unless, a, b.Not()])  # a >= b while equal so far
        following = m.model.new_bool_var(f"lex_{day:%Y%m%d}")
        # following <=> equal so far and (a == b), that is, with a >= b: (not a or b)
        for e in equal:
            m.model.add_implication(following, e)
        m.model.add_bool_or([following.Not(), a.Not(), b])
        m.model.add_bool_or([*unless, a, following])
        m.model.add_bool_or([*unless, b.Not(), following])
        equal = [following]
