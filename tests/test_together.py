"""Parts solved side by side, and the LP prover beside the cores: faster, never different."""

from __future__ import annotations

import time
from dataclasses import replace

from ortools.sat.python import cp_model

from palliasched import Faculty, Status, load_programme
from palliasched.solver.bounded import solve_bounded
from palliasched.solver.cases import split_cases
from palliasched.solver.parts import part_violations
from palliasched.solver.prover import solve_or_disprove
from palliasched.solver.relaxation import bare_solver
from palliasched.solver.search import Outcome, Settings
from palliasched.solver.together import solve_together

from .conftest import DATA


def _settings(workers: int) -> Settings:
    return Settings(60.0, 0, workers, None, None, time.monotonic())


def test_parts_side_by_side_give_what_each_part_gives_alone() -> None:
    # The DU's likeliest case (2 of its 4 thesis conferences before January) in two parts:
    # solved at once on the two workers, each part gets one, and its calendar and bound are
    # exactly those of the part solved alone on one worker (the joined calendar does not
    # depend on which thread ends first).
    du = load_programme(DATA / "du-pccpu-2026-2027.yaml")
    case = split_cases(du)[2]
    together = solve_together(case.parts, _settings(2), 60.0, solve_bounded)
    alone = [solve_bounded(part, _settings(1), 60.0) for part in case.parts]
    for part, one, other in zip(case.parts, together, alone, strict=True):
        assert one.status is other.status is Status.OPTIMAL
        assert one.solution is not None and other.solution is not None
        assert one.solution.to_json() == other.solution.to_json()
        assert one.bound == other.bound
        assert part_violations(part, one.solution) == []


def test_parts_side_by_side_start_nothing_past_the_time_limit() -> None:
    du = load_programme(DATA / "du-pccpu-2026-2027.yaml")
    started: list[Faculty] = []

    def solve_part(part: Faculty, settings: Settings, time_limit: float) -> Outcome:
        started.append(part)
        return solve_bounded(part, settings, time_limit)

    expired = replace(_settings(2), time_limit=1e-9)
    outcomes = solve_together(split_cases(du)[2].parts, expired, 1.0, solve_part)
    assert started == []
    assert [o.status for o in outcomes] == [Status.UNKNOWN, Status.UNKNOWN]


def _pigeons(holes: int) -> cp_model.CpModel:
    """``holes + 1`` pigeons, ``holes`` holes: no solution, which the LP sees at once."""
    model = cp_model.CpModel()
    x = {(p, h): model.new_bool_var(f"x{p}_{h}") for p in range(holes + 1) for h in range(holes)}
    for p in range(holes + 1):
        model.add_exactly_one(x[p, h] for h in range(holes))
    for h in range(holes):
        model.add_at_most_one(x[p, h] for p in range(holes + 1))
    model.minimize(sum(x.values()))
    return model


def test_the_prover_answers_none_only_when_there_is_none() -> None:
    # The cores alone search long for pigeons (a proof by cases); the LP sees it at once.
    impossible = _pigeons(12)
    solver = bare_solver(0, 2, 30.0, ("core",))
    assert solve_or_disprove(impossible, solver, 0) == cp_model.INFEASIBLE
    feasible = cp_model.CpModel()
    y = [feasible.new_bool_var(f"y{n}") for n in range(10)]
    feasible.add(sum(y) >= 3)
    feasible.minimize(sum(y))
    solver = bare_solver(0, 2, 30.0, ("core",))
    code = solve_or_disprove(feasible, solver, 0)
    assert code == cp_model.OPTIMAL and solver.objective_value == 3
