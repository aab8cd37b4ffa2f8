"""'optimal' is printed only when the whole problem's optimum is proven, and every bound is one.

Each claim is checked by a solve of its own, outside the engine's path: the unrestricted
model (or, for the bundled M2 whose dated model cannot close its gap, the bare-week relaxation,
with its weeks kept in the year for a rhythm, of each part of its exact split by dates) asked
for a cost below the claim must be proven infeasible.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from ortools.sat.python import cp_model

from palliasched import Faculty, Result, ScheduledSession, Solution, Status, solve
from palliasched.quality import total_cost
from palliasched.solver.model import ScheduleModel
from palliasched.solver.parts import split_by_dates, spread_correction
from palliasched.solver.positioned import has_rhythm, positioned_model
from palliasched.solver.relaxation import (
    add_bare_instructor_symmetry_breaking,
    add_bare_week_symmetry_breaking,
    bare_faculty,
    bare_weeks,
)

from .test_solve_property import generated_examples, load_generated, programmes

# The bundled M2's optimum, proven by test_m2_claims_hold_whatever_the_worker_count.
M2_OPTIMUM = 1146


def cheaper_exists(
    model: ScheduleModel, cost: float, core: bool = False, time_limit: float = 120
) -> int:
    """CP-SAT's answer to 'a calendar of ``model`` costing less than ``cost``?'."""
    model.model.add(model.objective_expression() <= math.ceil(cost) - 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = time_limit
    if core:
        solver.parameters.subsolvers.extend(["core", "max_lp"])
    return solver.solve(model.model)


def assert_proven_by_parts(faculty: Faculty, solution: Solution) -> None:
    """Each part of the exact split costs its own optimum: no bare-week plan is cheaper."""
    parts = split_by_dates(faculty)
    costs = []
    for part in parts:
        ids = {spec.id for spec in part.sessions}
        cost = total_cost(part, Solution(tuple(s for s in solution.sessions if s.session in ids)))
        costs.append(cost)
        weeks = bare_weeks(part, cost)
        if has_rhythm(part):  # bare weeks that keep their place in the year
            relaxed, _ = positioned_model(part, weeks)
        else:
            relaxed = ScheduleModel(bare_faculty(part, weeks))
            add_bare_week_symmetry_breaking(relaxed)
            add_bare_instructor_symmetry_breaking(relaxed)
        assert cheaper_exists(relaxed, cost, core=True) == cp_model.INFEASIBLE
    assert total_cost(faculty, solution) == sum(costs) + spread_correction(faculty, parts)


def test_m2_claims_hold_whatever_the_worker_count(m2: Faculty) -> None:
    statuses = []
    proven: set[tuple[ScheduledSession, ...]] = set()
    for workers, seed in ((1, 0), (3, 0)):  # 2 workers: test_solve proves it optimal
        result = solve(m2, time_limit=4 if workers == 1 else 60, seed=seed, workers=workers)
        statuses.append(result.status)
        if result.solution is None:  # out of time on a loaded machine: then no claim at all
            assert result.status is Status.UNKNOWN and result.bound is None
            continue
        assert result.objective is not None and result.violations == ()
        if result.status is Status.OPTIMAL:
            assert result.objective == M2_OPTIMUM
            assert result.bound == M2_OPTIMUM
            if result.solution.sessions not in proven:  # the same calendar is proven once
                assert_proven_by_parts(m2, result.solution)
                proven.add(result.solution.sessions)
        else:
            assert result.status is Status.FEASIBLE
            assert result.bound is None or result.bound <= M2_OPTIMUM
        if result.bound is not None:
            assert result.bound_by  # a bound names the model that proved it
            assert f"proven by {result.bound_by}" in result.summary()
    # Interleaved workers prove it in seconds (benchmarks/m2.py): some claim was checked.
    assert Status.OPTIMAL in statuses


def claim_checked(faculty: Faculty, result: Result) -> bool:
    """Check an optimal status with the unrestricted dated model (or, for a bound from the
    bare-week relaxation, by parts as for the M2); True when the check was conclusive. A cheaper
    calendar refutes the claim; a check that runs out of time proves nothing either way.

    A bound of a calendar left feasible is only checked against its cost (proving it would
    take the dated model as long as closing the gap)."""
    if result.bound is not None:
        assert result.bound_by and result.objective is not None
        assert result.bound <= result.objective
    if result.status is not Status.OPTIMAL:
        return False
    assert result.objective is not None and result.bound == result.objective
    assert result.solution is not None
    if result.bound_by and "bare-week" in result.bound_by:  # the dated model cannot close it
        assert_proven_by_parts(faculty, result.solution)
        return True
    # The dated model without the packing bounds: the check shares no bound with the engine.
    unbounded = ScheduleModel(faculty, packing_bounds=False)
    answer = cheaper_exists(unbounded, result.objective, time_limit=10)
    assert answer != cp_model.FEASIBLE, "a cheaper calendar exists: the optimum was not proven"
    return answer == cp_model.INFEASIBLE


@pytest.mark.parametrize("workers", [1, 2, 4])  # one, as many as the cores, more
def test_small_programmes_claims_hold(workers: int, tmp_path: Path) -> None:
    checked: list[bool] = []

    @generated_examples(5)
    @given(data=programmes())
    def claims_hold(data: dict[str, Any]) -> None:
        faculty = load_generated(data, tmp_path)
        # One seed per worker count: the examples are fixed, another seed proves the same.
        result = solve(faculty, time_limit=3, seed=workers, workers=workers)
        if result.solution is not None:
            checked.append(claim_checked(faculty, result))

    claims_hold()
    assert sum(checked) >= 3, f"only {sum(checked)} optimal claims of {len(checked)} were checked"
