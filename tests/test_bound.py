"""The bare-week bound (solver/relaxation.py): never above a true optimum, and its plan dates.

The dated model, solved to optimality on its own, is the reference: the bound may prove a
calendar optimal only if it never exceeds what the dated model can reach.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from ortools.sat.python import cp_model

from palliasched import Faculty, Solution, load_programme, solve, verify
from palliasched.domain.programme import Instructor
from palliasched.quality import total_cost
from palliasched.solver.bounded import capped_bound
from palliasched.solver.counting import counting_bound
from palliasched.solver.groups import session_groups
from palliasched.solver.model import ScheduleModel
from palliasched.solver.parts import split_by_dates
from palliasched.solver.plans import dated_plan
from palliasched.solver.positioned import positioned_bound
from palliasched.solver.relaxation import IDENTITY, alike_key, bare_bound, bare_weeks
from palliasched.solver.search import POSITIONED_MODEL, Settings

from . import rule_cases
from .conftest import M2
from .test_solve_property import generated_examples, load_generated, programmes


def dated_optimum(faculty: Faculty, workers: int = 2) -> float | None:
    m = ScheduleModel(faculty, packing_bounds=False)  # the reference: no bound of the engine
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    # Work, not wall time: the same examples are proven whatever the load of the machine.
    solver.parameters.max_deterministic_time = 2.5
    solver.parameters.interleave_search = True  # deterministic, on one thread too
    solver.parameters.max_time_in_seconds = 30
    if solver.solve(m.model) != cp_model.OPTIMAL:
        return None
    return solver.objective_value


def test_the_bare_bound_never_exceeds_the_dated_optimum(tmp_path: Path) -> None:
    compared = 0

    @generated_examples(6)
    @given(data=programmes())
    def checked(data: dict[str, Any]) -> None:
        nonlocal compared
        # The generated years hold 11 November (a Wednesday in 2026): regroupements may skip it.
        faculty = load_generated(data, tmp_path)
        # One thread (four of the six examples proven within its work), one core of the two.
        optimum = dated_optimum(faculty, workers=1)
        if optimum is None:  # infeasible, or not proven in time: nothing to compare with
            return
        weeks = bare_weeks(faculty, optimum)
        assert weeks > 0
        lower, plan = bare_bound(faculty, weeks, seed=0, workers=2, time_limit=10)
        assert lower is not None and plan is not None  # the optimum itself fits on bare weeks
        assert lower <= optimum + 1e-6
        assert counting_bound(faculty) <= optimum
        compared += 1

    checked()
    # Counted, not assumed: most examples must reach the comparison.
    assert compared >= 4, f"only {compared} of 6 examples had a proven optimum to compare"


def test_a_preferred_date_keeps_the_bare_bound_below_the_optimum(tmp_path: Path) -> None:
    """On bare weeks a preferred date makes its weekday preferred: never dearer than the real
    calendar, where only that date is."""
    path = tmp_path / "micro.yaml"
    edit = rule_cases.instructor(
        "ana", "weekdays: [tue], preferred_days: [fri], preferred_dates: [2027-01-05]"
    )
    path.write_text(rule_cases.apply((edit,)), encoding="utf-8")
    faculty = load_programme(path)
    optimum = dated_optimum(faculty)
    assert optimum is not None
    weeks = bare_weeks(faculty, optimum)
    lower, _ = bare_bound(faculty, weeks, seed=0, workers=2, time_limit=10)
    assert lower is not None and lower <= optimum + 1e-6
    # With the weeks kept in the year, the preferred date is priced where it falls: the bound
    # sees that Ana's S2 session cannot be on 5 January.
    positioned, _ = positioned_bound(faculty, weeks, seed=0, workers=2, time_limit=10)
    assert positioned is not None and lower < positioned <= optimum + 1e-6


RHYTHMS = [
    (gap, every, pinned)
    for gap in (None, 1, 2, 3)
    for every in (None, 2, 3)
    for pinned in (False, True)
    if gap or every
]


@pytest.mark.parametrize(("gap", "every", "pinned"), RHYTHMS)
def test_the_bound_with_real_weeks_never_exceeds_the_dated_optimum(
    gap: int | None, every: int | None, pinned: bool, tmp_path: Path
) -> None:
    """With a rhythm, the bound that keeps the weeks in the year stays a bound: on the micro
    programme (milliseconds, whatever the load), against the dated model's proven optimum."""
    rules = ", ".join(
        f"{key}: {value}"
        for key, value in (("max_gap_weeks", gap), ("every_weeks", every))
        if value is not None
    )
    edits = [rule_cases.weeks("du", f"max_days: 5, {rules}")]
    if pinned:  # UE 1 in the first week, UE 2 in the last: the gap between is forced
        edits += [rule_cases.pinned("u1-a", 5), rule_cases.session("u2-a", "date: 2027-02-01")]
    path = tmp_path / "micro.yaml"
    path.write_text(rule_cases.apply(tuple(edits)), encoding="utf-8")
    faculty = load_programme(path)
    optimum = dated_optimum(faculty)
    if optimum is None:  # three weeks between UE 1 and UE 2 cannot keep a gap of one
        assert gap == 1 and pinned
        return
    weeks = bare_weeks(faculty, optimum)
    lower, plan = positioned_bound(faculty, weeks, seed=0, workers=2, time_limit=10)
    assert lower is not None and plan is not None  # the optimum itself fits
    assert lower <= optimum + 1e-6  # a bound...
    # ...and, here, the optimum itself (the bare weeks alone give 320: they see no rhythm).
    assert lower == optimum


def test_the_m2_bound_is_its_optimum_and_its_plan_takes_real_weeks() -> None:
    faculty = load_programme(M2)
    semester_2 = split_by_dates(faculty)[1]
    weeks = bare_weeks(semester_2, None)
    assert weeks == 6  # max_per_semester
    # Bare weeks lose the rhythm: 4 regroupements, 16 trips, 2 for the rest, and a plan that
    # leaves 17 weeks without teaching once on real weeks.
    lower, bare = bare_bound(semester_2, weeks, seed=0, workers=2, time_limit=20)
    assert lower == 562
    assert bare is not None
    plan = dated_plan(semester_2, bare)
    assert plan is not None and len(plan.sessions) == len(bare.sessions)
    assert {v.rule for v in verify(semester_2, plan)} - {"unit-hours"} == {"rooms", "max-gap"}
    weekdays = sorted((s.session, s.date.weekday()) for s in plan.sessions)
    assert weekdays == sorted((s.session, s.date.weekday()) for s in bare.sessions)
    # Kept in the year, they see it: one more regroupement, and the optimum of the part.
    lower, plan = positioned_bound(semester_2, weeks, seed=0, workers=2, time_limit=20)
    assert lower == 662
    assert plan is not None
    # On real weeks already: only the rooms are left to choose; windows, holidays,
    # availability and the longest gap hold. (A part holds the semester-2 sessions only: its
    # UEs' hours are counted on the whole.)
    assert {v.rule for v in verify(semester_2, plan)} - {"unit-hours"} == {"rooms"}


def test_instructors_are_interchangeable_only_when_every_field_agrees(m2: Faculty) -> None:
    """The bare-week bound merges alike instructors: any field but the identity tells them
    apart, including a field added later, so the bound cannot become unsound silently."""
    groups = session_groups(m2)
    first = m2.instructors[0]
    twin = replace(first, id="twin", name="Twin")
    assert alike_key(twin, []) == alike_key(first, [])
    for f in fields(Instructor):
        if f.name in IDENTITY:
            continue
        other = replace(first, **{f.name: object()})  # any different value
        assert alike_key(other, groups) != alike_key(first, groups), f.name


@pytest.mark.parametrize("closed", [False, True])
def test_regroupement_days_skip_only_what_their_real_week_does_not_teach(
    closed: bool, tmp_path: Path
) -> None:
    """Ana teaches on Mondays, Ben on Wednesdays: their first-semester sessions share a
    regroupement only when the Tuesday between is not taught (a closure). The bound with real
    weeks sees both: never above the dated optimum, and equal to it."""
    edits = [
        rule_cases.instructor("ana", "weekdays: [mon]"),
        rule_cases.instructor("ben", "weekdays: [wed]"),
        rule_cases.weeks("du", "max_days: 3, max_gap_weeks: 4"),
    ]
    if closed:
        edits.append(
            lambda text: text.replace(
                "  holidays: none\n",
                "  holidays: none\n  closures: [{start: 2027-01-12, end: 2027-01-12}]\n",
            )
        )
    path = tmp_path / "micro.yaml"
    path.write_text(rule_cases.apply(tuple(edits)), encoding="utf-8")
    faculty = load_programme(path)
    optimum = dated_optimum(faculty)
    assert optimum is not None
    weeks = bare_weeks(faculty, optimum)
    lower, plan = positioned_bound(faculty, weeks, seed=0, workers=2, time_limit=10)
    assert lower is not None and plan is not None
    assert lower == optimum


def test_the_counting_bound_lets_short_sessions_share_a_half_day(tmp_path: Path) -> None:
    """Three one-hour sessions fill one morning: one day, one regroupement (counting their
    slots would ask for two days, and two regroupements of one day each)."""
    hours = [
        (
            "{id: u1-a, title: A, length: matin,",
            "{id: u1-a, title: A, start: '09:30', end: '10:30',",
        ),
        (
            "{id: u1-b, title: B, length: matin,",
            "{id: u1-b, title: B, start: '10:30', end: '11:30',",
        ),
        (
            "{id: u2-a, title: C, length: matin,",
            "{id: u2-a, title: C, start: '11:30', end: '12:30',",
        ),
        ("presence_hours: 8\n        semester: S1", "presence_hours: 2\n        semester: S1"),
        ("presence_hours: 4\n        semester: S2", "presence_hours: 1\n        semester: S1"),
    ]
    text = rule_cases.apply((rule_cases.weeks("du", "max_days: 1"),))
    for old, new in hours:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "micro.yaml"
    path.write_text(text, encoding="utf-8")
    faculty = load_programme(path)
    optimum = dated_optimum(faculty)
    assert optimum is not None
    assert counting_bound(faculty) <= optimum
    assert counting_bound(faculty) >= 2 * faculty.weights.regroupements  # du and dx: one each


def test_the_relaxation_asked_for_a_cheaper_calendar_finds_one_or_proves_none() -> None:
    """What the bounded search asks once it has a calendar (``_descend``): on the M2's first
    semester (optimum 480), "any calendar under 520?" gets a plan on real weeks that costs
    less, whose only defect is its missing rooms; "any under 480?" gets the proof that none
    exists."""
    semester_1 = split_by_dates(load_programme(M2))[0]
    weeks = bare_weeks(semester_1, None)
    settings = Settings(30.0, 0, 2, None, None, time.monotonic())
    found, by, plan = capped_bound(semester_1, weeks, 520, 400, settings, budget=20)
    assert by == POSITIONED_MODEL and found is not None and found <= 480
    assert plan is not None
    assert {v.rule for v in verify(semester_1, plan)} - {"unit-hours"} == {"rooms"}
    assert total_cost(semester_1, plan) < 520
    proven, _, none = capped_bound(semester_1, weeks, 480, 470, settings, budget=20)
    assert (proven, none) == (480, None)


SIX_DAYS = """\
version: 1
calendar:
  academic_year: {start: 2027-01-04, end: 2027-01-17}
  holidays: none
  weekdays: [mon, tue, wed, thu, fri, sat]
  semesters:
    S1: {start: 2027-01-04, end: 2027-01-17}
sites:
  - {id: paris, name: Paris}
rooms:
  - {id: p1, name: P1, site: paris, capacity: 30}
instructors:
  - {id: ben, name: Ben Morel}
programmes:
  - id: du
    title: DU SAMEDI
    site: paris
    cohorts:
      - {id: du-c, size: 20}
    teaching_weeks: {max_days: 6}
    units:
      - id: u1
        code: UE 1
        title: Un
        total_hours: 66
        presence_hours: 48
        semester: S1
        sessions:
          - {id: u1-a, title: A, length: full-day, instructors: [ben], count: 6}
"""


def test_a_six_day_week_is_one_trip_for_every_bound(write: Callable[[str, str], Path]) -> None:
    # Taught Monday to Saturday, Ben's six days are one regroupement and one trip. Bounds that
    # took five days as the most a week or a trip holds proved two of each: `optimal 221` for
    # a programme whose calendar below, which the checker accepts, costs 110.
    faculty = load_programme(write(SIX_DAYS, "six.yaml"))
    solved = solve(faculty)
    assert solved.solution is not None
    week = sorted(solved.solution.sessions, key=lambda s: s.session)
    monday = dt.date(2027, 1, 4)
    by_hand = Solution(
        tuple(replace(s, date=monday + dt.timedelta(days=k)) for k, s in enumerate(week))
    )
    assert verify(faculty, by_hand) == []
    assert total_cost(faculty, by_hand) == 110
    assert counting_bound(faculty) <= 110
    assert solved.bound is not None and solved.bound <= 110
    assert solved.objective == 110
