"""A part solved whole, with the bare-week bound (``relaxation.py``) to prove optimality."""

from __future__ import annotations

import math
import time
from dataclasses import replace

from ortools.sat.python import cp_model

from palliasched.domain.programme import Faculty
from palliasched.domain.solution import Solution
from palliasched.quality import total_cost
from palliasched.result import ModelStats, Status
from palliasched.solver.parts import part_violations
from palliasched.solver.plans import bare_plan, dated_plan
from palliasched.solver.positioned import has_rhythm, positioned_bound, positioned_model
from palliasched.solver.prover import solve_or_disprove
from palliasched.solver.relaxation import (
    bare_bound,
    bare_model,
    bare_solver,
    bare_weeks,
)
from palliasched.solver.rooms import rematch_rooms
from palliasched.solver.search import (
    BARE_MODEL,
    POSITIONED_MODEL,
    Outcome,
    Progress,
    Settings,
    solve_whole,
)

# The bare-week bound is computed when at most this many weeks can be taught, with at most
# this share of a part's time when it runs first.
BARE_MAX_WEEKS = 12


BARE_SHARE = 0.3


# ... but at least this many seconds (or what is left): the DU's and the M2's parts have their
# relaxation's first plan after 1-1.5 s; with less, none, and the part falls back on the
# one-thread first search's calendar (the DU with `--time-limit 8`: 2366 against 1542).
BARE_SECONDS = 2.0


# Work (deterministic time, about seconds) of the relaxation's optimisation before it is
# asked for cheaper plans (``_descend``); more when it has no plan yet. On one worker, the
# cores alone prove most parts within ``CORE_WORK`` (the DU's: 1-6); limited, a programme
# the probe would show impossible is not held up.
BOUND_WORK = 2.0
CORE_WORK = 8.0


# Without regroupement caps, a first dated calendar bounds the weeks: it gets this share.
FIRST_SHARE = 0.3


# Share of the time left the relaxation gets to prove that no calendar beats the best found.
CAPPED_SHARE = 0.5


# A calendar within this share of the bound is likely optimal: the relaxation, asked whether
# any is cheaper, searches for a proof rather than for a plan.
NEAR_SHARE = 0.1


# Seconds a part on one worker keeps for the first search when its relaxation finds nothing.
PROBE_RESERVE = 1.0


# Work (about seconds) of the one-thread first search that opens a bounded solve when the
# relaxation cannot (no caps) or its plan makes no calendar: it proves most impossible
# programmes at once.
PROBE_WORK = 2.0


# Work (about seconds) after which the relaxation, asked whether any calendar is cheaper,
# stops at the next plan it finds: that plan's calendar is the next one asked about, where
# proving the plan optimal could take far longer than asking again (a coordinator-written M2
# variant's second semester: a plan at 611 after 4 s, its proof at 25 s; asked again below
# its calendar's 611, the answer "none" in 3 s).
PLAN_WORK = 4.0


# The first question more than this share above the bound ends with its plan after
# ``FAR_WORK`` (work, about seconds), if it has one.
FAR_SHARE = 0.05
FAR_WORK = 3.0


def solve_bounded(part: Faculty, settings: Settings, time_limit: float) -> Outcome:
    """``_bounded``, reporting when the first calendar of any of its searches was found."""
    mark = len(settings.firsts)
    outcome = _bounded(part, settings, time_limit)
    first = min(settings.firsts[mark:], default=None)
    return replace(outcome, stats=replace(outcome.stats, first_solution_seconds=first))


def _bounded(part: Faculty, settings: Settings, time_limit: float) -> Outcome:
    """``part`` solved whole, with the bare-week bound (``relaxation.py``) to prove optimality.

    The bare model needs few weeks: the regroupement caps may give them, else the cost of a
    first dated calendar does (found with a share of the time). Its bound then cuts the dated
    search, and its plan, moved onto real weeks, is often an optimal calendar as it stands;
    else the relaxation is asked whether any calendar is cheaper (``_descend``), and the
    dated search goes on from the best calendar known. When the caps give the weeks, the
    relaxation opens; else, or when its plan makes no calendar, a short one-thread search
    does: a first calendar, or at once the proof that there is none.
    """
    deadline = time.monotonic() + time_limit
    weeks = bare_weeks(part, None)
    relaxed = None
    if 0 < weeks <= BARE_MAX_WEEKS:
        relaxed = _bound_and_plan(part, settings, deadline, weeks, False, patient=False)
        if relaxed[1] is not None:
            return _close(part, settings, deadline, weeks, None, relaxed)
        if relaxed[3] is None:
            relaxed = None  # no plan in its first work: asked again, patiently, after the probe
    probe = solve_whole(
        part,
        settings,
        time_limit=min(PROBE_WORK, time_limit * FIRST_SHARE),
        first_only=True,
        deterministic=True,
    )
    if probe.status in (Status.INFEASIBLE, Status.OPTIMAL):  # nothing (or one thing) to find
        return probe  # the bare-week relaxation drops dates: it could not have seen why
    if time.monotonic() >= deadline:
        return probe
    incumbent = probe if probe.solution is not None else None
    if relaxed is None and not 0 < weeks <= BARE_MAX_WEEKS:
        # A calendar first: without caps, its cost bounds the weeks.
        first = solve_whole(part, settings, time_limit=time_limit * FIRST_SHARE, deterministic=True)
        if first.status in (Status.OPTIMAL, Status.INFEASIBLE):
            return first
        incumbent = better(part, first, incumbent)
        if incumbent is None or incumbent.solution is None:
            left = max(0.1, deadline - time.monotonic())
            return solve_whole(part, settings, time_limit=left)
        weeks = bare_weeks(part, total_cost(part, incumbent.solution))
        if not 0 < weeks <= BARE_MAX_WEEKS:
            left = max(0.1, deadline - time.monotonic())
            return solve_whole(part, settings, time_limit=left, start_from=incumbent.solution)
        relaxed = _bound_and_plan(part, settings, deadline, weeks, True)
    if relaxed is None:
        relaxed = _bound_and_plan(part, settings, deadline, weeks, False)
    return _close(part, settings, deadline, weeks, incumbent, relaxed)


def _close(
    part: Faculty,
    settings: Settings,
    deadline: float,
    weeks: int,
    incumbent: Outcome | None,
    relaxed: tuple[float | None, Outcome | None, str, Solution | None],
) -> Outcome:
    """The best of ``incumbent`` and the relaxation's kept plan, its bound raised by
    ``_descend``, then the dated search from it for the time left, unless proven optimal."""
    lower, kept, by, plan = relaxed
    best = better(part, kept, incumbent and with_bound(part, incumbent, lower, by))
    if best is not None and best.status is Status.OPTIMAL:
        return best
    if best is not None and lower is not None:
        best, lower = _descend(part, settings, deadline, weeks, best, lower)
        best = with_bound(part, best, lower, by)
        if best.status is Status.OPTIMAL:
            return best
    left = max(0.1, deadline - time.monotonic())
    # Without a calendar yet, the bound's plan (on real weeks, rooms missing) guides the search.
    # The probe's calendar (each session at its earliest) stays a fallback, never a hint: from
    # it the DU's search stays at 3156 for 7 s, from nothing it finds 1924.
    probed = best is not None and incumbent is not None and best.solution is incumbent.solution
    hint = plan if best is None or probed else best.solution
    outcome = solve_whole(part, settings, time_limit=left, start_from=hint, lower_bound=lower)
    return better(part, with_bound(part, outcome, lower, by), best) or outcome


def _descend(
    part: Faculty, settings: Settings, deadline: float, weeks: int, best: Outcome, lower: float
) -> tuple[Outcome, float]:
    """``best`` and ``lower`` improved by asking the relaxation, again and again, whether any
    calendar costs less than the best one: asked so, it often proves in seconds what its
    optimisation did not (the DU's first semester: 2 s where the optimisation had not
    finished in 30), and when it finds a cheaper plan, that plan on real weeks is the next
    calendar asked about (the relaxation stops at a plan once it has worked ``PLAN_WORK``)."""
    first = True
    while best.solution is not None and lower < (cost := total_cost(part, best.solution)):
        budget = max(0.1, deadline - time.monotonic()) * CAPPED_SHARE
        # Far from the bound, the first question likely has a cheaper plan: it is kept at the
        # end of ``FAR_WORK`` rather than proven (the DU's first semester: 735 found after
        # 1.5 s of work, proven after 12).
        far = first and cost - lower > FAR_SHARE * cost
        proven, by, plan = capped_bound(
            part, weeks, cost, lower, settings, budget, PLAN_WORK, FAR_WORK if far else None
        )
        first = False
        lower = lower if proven is None else max(lower, proven)
        if lower >= cost or plan is None:
            break
        kept = _keep_plan(part, settings, deadline, plan, lower, by)
        if kept is None or kept.solution is None or total_cost(part, kept.solution) >= cost:
            break  # the plan was cheaper than its calendar: nothing more to learn here
        best = kept
    return best, lower


def _bound_and_plan(
    part: Faculty,
    settings: Settings,
    deadline: float,
    weeks: int,
    capped_by_cost: bool,
    patient: bool = True,
) -> tuple[float | None, Outcome | None, str, Solution | None]:
    """The bare-week bound on ``weeks`` weeks, its plan completed on real weeks, the name
    of the model that proved the bound, and the plan on real weeks (None when it has none).
    ``patient``: without a plan after ``BOUND_WORK``, the rest of its share to find one."""
    left = max(0.1, deadline - time.monotonic())
    budget = max(left * BARE_SHARE, min(left, BARE_SECONDS))
    if settings.workers == 1:
        # The cores alone usually settle the part: all its time but what a first calendar
        # needs when they cannot (the DU with `--time-limit 10`: 3.9 % above its bound with
        # 30 % of its time, optimal with this).
        budget = max(budget, left - PROBE_RESERVE)
    # Where the weeks lie matters (a rhythm): the bare weeks keep their place in the year.
    dated = has_rhythm(part)
    bound = positioned_bound if dated else bare_bound
    by = POSITIONED_MODEL if dated else BARE_MODEL
    # Its optimisation stalls far from its optimum (the DU's first semester: 735 found at
    # 2 s, 694 proven after 20): past a plan, asking for a cheaper one (``_descend``) is faster.
    start = time.monotonic()
    work = BOUND_WORK if settings.workers > 1 else CORE_WORK
    lower, bare = bound(part, weeks, settings.seed, settings.workers, budget, work=work)
    if patient and bare is None and (rest := budget - (time.monotonic() - start)) > 0.1:
        lower, bare = bound(part, weeks, settings.seed, settings.workers, rest)
    if lower is not None and capped_by_cost:
        # A calendar on more weeks than the incumbent allows pays more regroupements.
        lower = min(lower, (weeks + 1) * part.weights.regroupements)
    plan = bare if dated or bare is None else dated_plan(part, bare)
    kept = _keep_plan(part, settings, deadline, plan, lower, by)
    if bare is not None and not dated and (kept is None or kept.status is not Status.OPTIMAL):
        # The bound's plan may skip a weekday that no real week skips: plan without gaps.
        # (With real weeks it skips only what its real week does not teach: it is kept.)
        _, bare = bound(
            part,
            weeks,
            settings.seed,
            settings.workers,
            budget,
            work=work,
            consecutive_days=True,
        )
        plan = None if bare is None else dated_plan(part, bare)
        kept = better(part, kept, _keep_plan(part, settings, deadline, plan, lower, by))
    return lower, kept, by, plan


def better(part: Faculty, one: Outcome | None, other: Outcome | None) -> Outcome | None:
    """The outcome with the cheaper calendar (the first on a tie); None when neither has one."""
    found = [o for o in (one, other) if o is not None and o.solution is not None]
    if not found:
        return None
    return min(found, key=lambda o: total_cost(part, o.solution) if o.solution else 0)


def _keep_plan(
    part: Faculty,
    settings: Settings,
    deadline: float,
    plan: Solution | None,
    lower: float | None,
    by: str,
) -> Outcome | None:
    """A plan of the relaxation on real weeks, completed by the dated model (rooms, every
    indicator) without moving a session: often optimal as it stands. None without a plan
    (or when it found no real weeks)."""
    if plan is None:
        return None
    completed = _completed(part, settings, plan, lower)
    if completed is not None:
        return with_bound(part, completed, lower, by)
    left = max(0.1, deadline - time.monotonic())
    kept = solve_whole(part, settings, time_limit=left, start_from=plan, keep_hint=True)
    return with_bound(part, kept, lower, by) if kept.solution is not None else None


def _completed(
    part: Faculty, settings: Settings, plan: Solution, lower: float | None
) -> Outcome | None:
    """A plan that places every session, completed without a model: its rooms matched and
    the whole checked (the dated model, every session fixed, would find the same calendar
    after taking longer to build than this takes). None when its rooms do not match or the
    checker finds a rule it breaks: the dated model then says what can be kept."""
    roomed = rematch_rooms(part, plan)
    if roomed is None or part_violations(part, roomed):
        return None
    elapsed = time.monotonic() - settings.started
    settings.firsts.append(elapsed)
    if settings.progress is not None:
        cost = total_cost(part, roomed)
        bound = 0.0 if lower is None else lower  # every cost is a count times a weight, >= 0
        settings.progress(Progress(elapsed, cost, bound, 1, settings.phase))
    return Outcome(Status.FEASIBLE, roomed, None, ModelStats())


def with_bound(part: Faculty, outcome: Outcome, lower: float | None, by: str) -> Outcome:
    """``outcome`` with the bare-week bound ``lower`` where it is the stronger one; optimal
    when the bound meets the calendar's cost. ``outcome`` must come from an unrestricted solve
    (or carry no bound): a restricted solve's bound proves nothing about ``part``."""
    if lower is None or outcome.solution is None:
        return outcome
    bound, bound_by = outcome.bound, outcome.bound_by
    if bound is None or lower > bound:
        bound, bound_by = lower, by
    status = outcome.status
    if status is Status.FEASIBLE and bound >= total_cost(part, outcome.solution):
        status = Status.OPTIMAL
    return replace(outcome, bound=bound, status=status, bound_by=bound_by)


class _PlanAfter(cp_model.CpSolverSolutionCallback):
    """Stops the search at the first plan found after ``work`` of deterministic time."""

    def __init__(self, work: float) -> None:
        super().__init__()
        self.work = work

    def on_solution_callback(self) -> None:
        if self.deterministic_time >= self.work:
            self.stop_search()


def capped_bound(
    part: Faculty,
    weeks: int,
    below: float,
    lower: float,
    settings: Settings,
    budget: float,
    plan_work: float | None = None,
    plan_limit: float | None = None,
) -> tuple[float | None, str, Solution | None]:
    """A bound of ``part`` from its bare-week relaxation on ``weeks`` weeks (enough for any
    calendar cheaper than ``below``), asked only whether a calendar cheaper than ``below``
    exists: ``below`` when none does, else what it proves within ``budget`` seconds, and the
    plan it found cheaper than ``below`` (on real weeks, rooms missing), if any. None
    without a relaxation (too many weeks, or no time). With ``plan_work``, the search stops
    at the first plan it finds after that much work; with ``plan_limit``, at that much work
    when it has a plan (else it starts again without the limit)."""
    if not 0 < weeks <= BARE_MAX_WEEKS or budget < 0.1:
        return None, "", None
    positions = None
    if has_rhythm(part):
        m, positions = positioned_model(part, weeks)
        by = POSITIONED_MODEL
    else:
        m, by = bare_model(part, weeks), BARE_MODEL
    m.model.add(m.objective_expression() <= math.ceil(below) - 1)
    # Close to the bound (``lower``), the core-based search alone proves twice as fast (the
    # DU's parts: 2 s, not 4), and the LP search beside it shows at once what its relaxation
    # settles (``prover.py``); far from it, a cheaper plan is likely, found by the LP search.
    near = below - lower <= NEAR_SHARE * below
    subsolvers = ("core",) if near else ("core", "max_lp")
    code = cp_model.UNKNOWN
    if plan_limit is not None:  # a plan by then, kept; else asked again without the limit
        started = time.monotonic()
        solver = bare_solver(settings.seed, settings.workers, budget, subsolvers, plan_limit)
        code = solver.solve(m.model)
        budget -= time.monotonic() - started
    if code == cp_model.UNKNOWN and budget >= 0.1:
        solver = bare_solver(settings.seed, settings.workers, budget, subsolvers)
        callback = None if plan_work is None else _PlanAfter(plan_work)
        if near and settings.workers > 1:
            code = solve_or_disprove(m.model, solver, settings.seed, callback)
        else:
            code = solver.solve(m.model, callback)
    if code == cp_model.INFEASIBLE:
        return below, by, None
    if code == cp_model.MODEL_INVALID:
        raise RuntimeError(f"invalid CP-SAT model: {m.model.validate()}")
    plan = None
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # dated already, or moved to real weeks
        plan = (
            bare_plan(m, solver, positions.real_date)
            if positions is not None
            else dated_plan(part, bare_plan(m, solver))
        )
    # Calendars from ``below`` on are not searched: the bound holds up to it.
    return min(solver.best_objective_bound, below), by, plan
