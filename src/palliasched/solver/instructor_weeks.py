"""The fewest weeks an instructor can teach in: a small model of their sessions alone.

The trips of an instructor are at least their teaching weeks, and which of their sessions can
share a week is a packing the LP relaxation of the whole model does not see (it spreads each
session over every week a little). This module solves that packing on its own, with the
instructor's sessions only and the rules any calendar keeps for them: each session in a week
where it has a placement, copies of a ``one_per_regroupement`` series in different weeks, a
cohort's weekly days and its weeks apart (``min_weeks_between``), the instructor's weekly
limit, one session per time point and day. Every calendar of the whole model keeps these for
the instructor's sessions, so the packing's proven bound is a lower bound on their weeks,
which the whole model then states (``add_instructor_week_bounds``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from palliasched.domain.calendar import iso_week
from palliasched.solver.groups import SessionGroup
from palliasched.solver.teaching_weeks import most_days_a_week, points_of, windows_apart

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel

Week = tuple[int, int]
# Work (about seconds) each instructor's packing may take; its bound holds when cut short.
PACKING_WORK = 0.5


def add_instructor_week_bounds(m: ScheduleModel) -> None:
    """Each instructor teaches in at least as many weeks as their sessions alone need."""
    for instructor_id, weeks in sorted(m.instructor_weeks.items()):
        mine = [g for g in m.groups if instructor_id in g.spec.instructors]
        if sum(g.count for g in mine) < 2:
            continue
        fewest = fewest_weeks(m, instructor_id, mine)
        if fewest > 1:
            m.model.add(sum(weeks.values()) >= fewest)


def fewest_weeks(m: ScheduleModel, instructor_id: str, groups: list[SessionGroup]) -> int:
    """A proven lower bound on the weeks ``groups`` (all taught by the instructor) take.

    Remembered for the same sessions, places and rules: a solve builds several models of one
    programme, and re-planning or batches build them again."""
    key = _key(m, instructor_id, groups)
    if key not in _FOUND:
        if len(_FOUND) >= MAX_REMEMBERED:
            _FOUND.clear()
        _FOUND[key] = _solved(m, instructor_id, groups)
    return _FOUND[key]


_FOUND: dict[tuple[object, ...], int] = {}
MAX_REMEMBERED = 10_000


def _key(m: ScheduleModel, instructor_id: str, groups: list[SessionGroup]) -> tuple[object, ...]:
    """What the packing reads: the instructor's limit, each group's spec, count and places,
    the week rules of its cohorts, and the day's time points."""
    cohorts = sorted({c for g in groups for c in g.spec.cohorts})
    return (
        m.faculty.instructor(instructor_id).max_days_per_week,
        tuple(m.space.time_points),
        tuple(
            (c, m.faculty.week_rules(c).max_days, m.faculty.week_rules(c).min_weeks_between)
            for c in cohorts
        ),
        tuple(
            (
                g.spec,
                g.count,
                tuple(
                    (m.placements[i].day, m.placements[i].intervals)
                    for i in m.space.by_group[g.index]
                ),
            )
            for g in groups
        ),
    )


def _solved(m: ScheduleModel, instructor_id: str, groups: list[SessionGroup]) -> int:
    packing = _Packing(m, instructor_id, groups)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = PACKING_WORK
    solver.parameters.random_seed = 0
    code = solver.solve(packing.model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0  # infeasible alone: the whole model will say why, not this bound
    return int(-(-solver.best_objective_bound // 1))


class _Packing:
    def __init__(self, m: ScheduleModel, instructor_id: str, groups: list[SessionGroup]) -> None:
        self.m = m
        self.model = cp_model.CpModel()
        self.points_per_day = len(m.space.time_points)
        # Copies of each group in each week; the days each group may take in each week.
        self.copies: dict[tuple[int, Week], cp_model.IntVar] = {}
        self.most: dict[tuple[int, Week], int] = {}
        self.days: dict[Week, set[dt.date]] = defaultdict(set)
        self.load: dict[int, int] = {}
        self.fixed_points: dict[int, list[int]] = {}
        for g in groups:
            self._place(g)
        taught = self._open_weeks(groups, "taught")
        self._capacity(groups, most_days_a_week(m.faculty, instructor_id), taught)
        for cohort_id in sorted({c for g in groups for c in g.spec.cohorts}):
            theirs = [g for g in groups if cohort_id in g.spec.cohorts]
            rules = m.faculty.week_rules(cohort_id)
            attended = self._open_weeks(theirs, cohort_id)
            for week, used in attended.items():
                self.model.add(used <= taught[week])
            self._capacity(theirs, rules.max_days, attended)
            self._apart(attended, rules.min_weeks_between)
        self.model.add(sum(taught.values()) >= 1)
        self.model.minimize(sum(taught.values()))

    def _open_weeks(self, groups: list[SessionGroup], name: str) -> dict[Week, cp_model.IntVar]:
        """Whether ``groups`` use each week: at least one copy of them there."""
        used = {}
        for week in sorted(self.days):
            here = [(g.index, week) for g in groups if (g.index, week) in self.copies]
            if not here:
                continue
            used[week] = self.model.new_bool_var(f"{name}_{week[0]}_{week[1]}")
            for key in here:
                self.model.add(self.copies[key] <= self.most[key] * used[week])
            self.model.add(sum(self.copies[key] for key in here) >= used[week])
        return used

    def _place(self, g: SessionGroup) -> None:
        placed = [self.m.placements[i] for i in self.m.space.by_group[g.index]]
        if not placed:
            return
        by_week: dict[Week, set[tuple[dt.date, tuple[str, ...]]]] = defaultdict(set)
        for p in placed:
            by_week[iso_week(p.day)].add((p.day, p.slots))
            self.days[iso_week(p.day)].add(p.day)
        spacing = g.spec.spacing
        apart = (
            spacing is not None
            and not spacing.soft
            and (spacing.one_per_regroupement or spacing.min_days_between >= 7)
        )
        for week, places in sorted(by_week.items()):
            most = min(g.count, len(places), 1 if apart else g.count)
            self.copies[(g.index, week)] = self.model.new_int_var(0, most, f"n_{g.index}_{week}")
            self.most[(g.index, week)] = most
        self.model.add(sum(n for (i, _), n in self.copies.items() if i == g.index) == g.count)
        self.load[g.index] = min(points_of(self.m, p) for p in placed)
        self.fixed_points[g.index] = [
            minute for minute in self.m.space.time_points if all(p.covers(minute) for p in placed)
        ]

    def _capacity(
        self, groups: list[SessionGroup], max_days: int, used: dict[Week, cp_model.IntVar]
    ) -> None:
        """At most ``max_days`` days in a week used: their time points, and one session per
        point and day (a session that covers a point wherever it is placed takes it)."""
        for week, is_used in used.items():
            here = [g.index for g in groups if (g.index, week) in self.copies]
            most = min(max_days, len(self.days[week]))
            load = sum(self.load[g] * self.copies[(g, week)] for g in here)
            self.model.add(load <= most * self.points_per_day * is_used)
            for minute in self.m.space.time_points:
                at = [self.copies[(g, week)] for g in here if minute in self.fixed_points[g]]
                if at:
                    self.model.add(sum(at) <= most * is_used)

    def _apart(self, used: dict[Week, cp_model.IntVar], apart: int) -> None:
        """A cohort's teaching weeks at least ``apart`` weeks apart."""
        for window in windows_apart(used, apart):
            self.model.add(sum(window) <= 1)
