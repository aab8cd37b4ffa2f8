"""A second thread that only tries to show a question has no answer, beside the main search.

Asked "any plan cheaper than C?" close to its bound, the bare-week relaxation is searched by
its cores alone, on one thread (``relaxation.bare_solver``). Some of these questions the LP
settles at once (the DU's first semester with no thesis conference, asked below 672: 0.2 s
with the LP, 1 s with the cores), others only the cores do (asked below 735: the LP alone
had not in 20 s). The prover runs the LP search on the other thread, for at most
``PROVER_WORK``.

The answer stays deterministic: the only outcome of the prover ever used is "none", a fact
of the model, never a plan or a bound (an interleaved or stopped search may report plans
in another order from run to run). When the main search ends without settling the question,
the prover is let run to its own limit; when it settles it (a plan, or its own proof), the
prover is stopped.
"""

from __future__ import annotations

import threading

from ortools.sat.python import cp_model

# Deterministic time (about seconds) the prover may work.
PROVER_WORK = 1.0

SETTLED = (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.INFEASIBLE)


def solve_or_disprove(
    model: cp_model.CpModel,
    solver: cp_model.CpSolver,
    seed: int,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> cp_model.CpSolverStatus:
    """``solver``'s status on ``model``, or INFEASIBLE when the prover shows there is no
    solution first (the main search is then stopped)."""
    prover = cp_model.CpSolver()
    params = prover.parameters
    params.random_seed = seed
    params.num_workers = 1
    params.linearization_level = 2
    params.max_deterministic_time = min(PROVER_WORK, solver.parameters.max_deterministic_time)
    params.max_time_in_seconds = solver.parameters.max_time_in_seconds
    proven, settled = threading.Event(), threading.Event()

    def prove() -> None:
        if prover.solve(model) == cp_model.INFEASIBLE:
            proven.set()
            _stop_until(solver, settled)  # the main search may not have started yet

    thread = threading.Thread(target=prove, daemon=True)
    thread.start()
    code = solver.solve(model, callback)
    settled.set()
    while thread.is_alive():
        if code in SETTLED:
            prover.stop_search()  # a plan, or the main search's own proof
        thread.join(0.01)
    if proven.is_set() or code == cp_model.INFEASIBLE:
        return cp_model.INFEASIBLE
    return code


def _stop_until(solver: cp_model.CpSolver, done: threading.Event) -> None:
    """Stops ``solver``'s search, again until ``done``: a stop before its search starts is lost."""
    while not done.is_set():
        solver.stop_search()
        done.wait(0.01)
