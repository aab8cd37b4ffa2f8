"""One CP-SAT search of the dated model: its settings, its outcome, the solver's parameters.

``solve_whole`` builds the model of a faculty (or a part, or a batch), solves it, matches
rooms and, when the rooms of a site-day cannot be matched, forbids that combination and
searches again.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from palliasched.domain.programme import Faculty
from palliasched.domain.solution import Solution
from palliasched.result import ModelStats, Status
from palliasched.solver.extract import extract
from palliasched.solver.model import ScheduleModel
from palliasched.solver.placements import Reservations


@dataclass(frozen=True, slots=True)
class Progress:
    """One improving calendar found during the search."""

    elapsed: float
    objective: float
    bound: float
    solutions: int
    phase: str = ""  # which search of a decomposed solve found it (empty: the only one)


ProgressHook = Callable[[Progress], None]
LogHook = Callable[[str], None]

MAX_ROOM_CUTS = 20


@dataclass(frozen=True)
class Settings:
    time_limit: float
    seed: int
    workers: int
    log: LogHook | None
    progress: ProgressHook | None
    started: float
    firsts: list[float] = field(default_factory=list)  # when each search found its first
    phase: str = ""  # shown with the progress of a decomposed solve

    def remaining(self) -> float:
        return max(0.1, self.time_limit - (time.monotonic() - self.started))

    def expired(self) -> bool:
        """True once the time limit has passed: nothing more is started."""
        return time.monotonic() - self.started >= self.time_limit


# Which model proved a bound: named with the bound wherever it is reported.
DATED_MODEL = "the dated model"


BARE_MODEL = "the bare-week relaxation"
POSITIONED_MODEL = "the bare-week relaxation with real weeks"
COUNTING_MODEL = "the counting bound"


@dataclass(frozen=True)
class Outcome:
    status: Status
    solution: Solution | None
    bound: float | None
    stats: ModelStats
    bound_by: str | None = None  # the model that proved ``bound`` (see DATED_MODEL)


class Watcher(cp_model.CpSolverSolutionCallback):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.solutions = 0
        self.first: float | None = None

    def on_solution_callback(self) -> None:
        self.solutions += 1
        elapsed = time.monotonic() - self.settings.started
        if self.first is None:
            self.first = elapsed
            self.settings.firsts.append(elapsed)
        if self.settings.progress is not None:
            self.settings.progress(
                Progress(
                    elapsed,
                    self.objective_value,
                    self.best_objective_bound,
                    self.solutions,
                    self.settings.phase,
                )
            )


def make_solver(
    settings: Settings, time_limit: float, first_only: bool = False
) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.stop_after_first_solution = first_only
    params.max_time_in_seconds = time_limit
    params.num_workers = settings.workers
    params.random_seed = settings.seed
    # Interleaved workers search in a fixed order: the same seed gives the same calendar
    # whatever the machine, and on these models it also proves optima sooner.
    params.interleave_search = settings.workers > 1
    if first_only:  # one thread finds a first calendar fastest, and deterministically
        params.num_workers = 1
        params.interleave_search = False
        # Neither presolve nor LP pays for itself before the first calendar: without them the
        # batches of ten synthetic programmes take 5 s instead of 11 (benchmarks/scale.py).
        params.cp_model_presolve = False
        params.linearization_level = 0
    if settings.log is not None:
        params.log_search_progress = True
        params.log_to_stdout = False
        solver.log_callback = settings.log
    return solver


def solve_whole(
    faculty: Faculty,
    settings: Settings,
    reserved: Reservations | None = None,
    reserved_days: dict[tuple[str, tuple[int, int]], set[object]] | None = None,
    time_limit: float | None = None,
    start_from: Solution | None = None,
    first_only: bool = False,
    lower_bound: float | None = None,
    keep_hint: bool = False,
    deterministic: bool = False,
) -> Outcome:
    built = time.monotonic()
    m = ScheduleModel(
        faculty, reserved=reserved, reserved_days=reserved_days, packing_bounds=not first_only
    )
    if first_only:
        # Each session at its earliest placement first: a first calendar of the DU in 0.7 s
        # instead of 2.6, of the bundled faculty whole in 2.4 s instead of 5.0.
        m.model.add_decision_strategy(m.x, cp_model.CHOOSE_FIRST, cp_model.SELECT_MAX_VALUE)
    if start_from is not None:
        m.hint(start_from)
    if lower_bound is not None:  # proven elsewhere: lets the search stop when it reaches it
        m.model.add(m.objective_expression() >= math.ceil(lower_bound))
    stats = m.stats(time.monotonic() - built)
    deadline = built + (time_limit if time_limit and not deterministic else settings.remaining())
    hint: list[bool] | None = None
    for _ in range(MAX_ROOM_CUTS + 1):
        if hint is not None:
            m.model.clear_hints()  # type: ignore[no-untyped-call]
            for x, value in zip(m.x, hint, strict=True):
                m.model.add_hint(x, value)
        solver = make_solver(settings, max(0.1, deadline - time.monotonic()), first_only)
        solver.parameters.fix_variables_to_their_hinted_value = keep_hint
        if first_only:
            solver.parameters.search_branching = cp_model.FIXED_SEARCH
        if deterministic:  # stopped by its work (the whole limit only): the same calendar anywhere
            solver.parameters.max_deterministic_time = time_limit or settings.remaining()
        watcher = Watcher(settings)
        code = solver.solve(m.model, watcher)
        if stats.first_solution_seconds is None and watcher.first is not None:
            stats = replace(stats, first_solution_seconds=watcher.first)
        if code == cp_model.INFEASIBLE:
            return Outcome(Status.INFEASIBLE, None, None, stats)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if code == cp_model.MODEL_INVALID:
                raise RuntimeError(f"invalid CP-SAT model: {m.model.validate()}")
            return Outcome(Status.UNKNOWN, None, None, stats)
        values = [bool(solver.value(x)) for x in m.x]
        solution, conflicts = extract(m, solver, values)
        if not conflicts:
            if keep_hint:  # a restricted solve: its optimum and bound hold for it alone
                return Outcome(Status.FEASIBLE, solution, None, stats)
            status = Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE
            return Outcome(status, solution, solver.best_objective_bound, stats, DATED_MODEL)
        for placements in conflicts:  # no rooms for these together: forbid the combination
            m.model.add(sum(m.x[i] for i in placements) <= len(placements) - 1)
        stats = replace(stats, room_cuts=stats.room_cuts + len(conflicts))
        hint = values
    return Outcome(Status.UNKNOWN, None, None, stats)


def add_stats(total: ModelStats, part: ModelStats) -> ModelStats:
    """The stats of two searches (or parts) added up; the later first calendar kept."""
    first = total.first_solution_seconds
    if part.first_solution_seconds is not None:
        first = part.first_solution_seconds  # the last batch's first solution: the whole's first
    return replace(
        total,
        sessions=total.sessions + part.sessions,
        groups=total.groups + part.groups,
        placements=total.placements + part.placements,
        variables=total.variables + part.variables,
        constraints=total.constraints + part.constraints,
        build_seconds=total.build_seconds + part.build_seconds,
        first_solution_seconds=first,
        batches=max(total.batches, part.batches),
        room_cuts=total.room_cuts + part.room_cuts,
        fitted=total.fitted + part.fitted,
    )
