"""From a faculty to a verified calendar: build, solve, match rooms, verify, explain.

Small faculties are solved as one model. Large ones are solved in batches of programmes
(programmes sharing a cohort stay together), each batch seeing the instructors and rooms the
earlier batches took; the whole is then verified like any other calendar.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from palliasched.programme import Faculty
from palliasched.quality import soft_costs, total_cost
from palliasched.result import ModelStats, Result, Status
from palliasched.solution import ScheduledSession, Solution
from palliasched.solver.batches import BatchSearch, programme_batches
from palliasched.solver.grid import Reservations
from palliasched.solver.model import ScheduleModel
from palliasched.solver.parts import split_by_dates, spread_correction
from palliasched.solver.relaxation import bare_bound, bare_weeks, dated_plan
from palliasched.solver.rooms import Booking, assign_rooms
from palliasched.verify import verify

# Above this many candidate placements, a part holding several independent programmes is
# solved batch by batch (about two M2-size programmes: one model then takes 15 s and more
# to find a first calendar, the batches 2 s each).
BATCHES_FROM = 8_000
MAX_ROOM_CUTS = 20
# The bare-week bound is computed when at most this many weeks can be taught, with at most
# this share of a part's time when it runs first.
BARE_MAX_WEEKS = 12
BARE_SHARE = 0.3
# Without regroupement caps, a first dated calendar bounds the weeks: it gets this share.
FIRST_SHARE = 0.3
# Work (about seconds) of the one-thread first search that opens every bounded solve: it
# proves most impossible programmes at once, before the bare-week bound spends its share.
PROBE_WORK = 2.0


@dataclass(frozen=True, slots=True)
class Progress:
    """One improving calendar found during the search."""

    elapsed: float
    objective: float
    bound: float
    solutions: int


ProgressHook = Callable[[Progress], None]
LogHook = Callable[[str], None]


def solve(
    faculty: Faculty,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 2,
    log: LogHook | None = None,
    progress: ProgressHook | None = None,
    batches: bool | None = None,
    explain: bool = True,
) -> Result:
    """The best calendar found within ``time_limit`` seconds; the status is in the result.

    Deterministic for a given ``seed`` and ``workers`` when the search ends before the time
    limit (an optimum or a proof of infeasibility). ``batches`` forces (True) or forbids
    (False) solving programme by programme; by default it depends on the faculty's size.
    """
    started = time.monotonic()
    settings = Settings(time_limit, seed, workers, log, progress, started)
    outcome = _solve_parts(faculty, settings, batches)
    runtime = time.monotonic() - started
    if outcome.status is Status.INFEASIBLE and explain:
        from palliasched.solver.conflicts import explain_infeasibility

        remaining = max(5.0, time_limit - runtime)
        conflicts = tuple(explain_infeasibility(faculty, time_limit=remaining, seed=seed))
        return Result(
            Status.INFEASIBLE,
            runtime=time.monotonic() - started,
            conflicts=conflicts,
            stats=outcome.stats,
        )
    if outcome.solution is None:
        return Result(outcome.status, runtime=runtime, stats=outcome.stats)
    solution = outcome.solution.with_faculty(faculty)
    objective = total_cost(faculty, solution)
    bound = outcome.bound
    status = outcome.status
    if bound is not None and status is Status.FEASIBLE and bound >= objective:
        status = Status.OPTIMAL
    return Result(
        status,
        objective=objective,
        bound=bound if bound is None else min(bound, objective),
        bound_by=outcome.bound_by if bound is not None else None,
        runtime=runtime,
        solution=solution,
        soft=tuple(soft_costs(faculty, solution)),
        violations=tuple(verify(faculty, solution)),
        stats=outcome.stats,
    )


@dataclass(frozen=True)
class Settings:
    time_limit: float
    seed: int
    workers: int
    log: LogHook | None
    progress: ProgressHook | None
    started: float
    firsts: list[float] = field(default_factory=list)  # when each search found its first

    def remaining(self) -> float:
        return max(0.1, self.time_limit - (time.monotonic() - self.started))


# Which model proved a bound: named with the bound wherever it is reported.
DATED_MODEL = "the dated model"
BARE_MODEL = "the bare-week relaxation"


@dataclass(frozen=True)
class _Outcome:
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
                Progress(elapsed, self.objective_value, self.best_objective_bound, self.solutions)
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


def _solve_whole(
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
) -> _Outcome:
    built = time.monotonic()
    m = ScheduleModel(faculty, reserved=reserved, reserved_days=reserved_days)
    if start_from is not None:
        m.hint(start_from)
    if lower_bound is not None:  # proven elsewhere: lets the search stop when it reaches it
        m.model.add(m.objective_expression() >= math.ceil(lower_bound))
    stats = m.stats(time.monotonic() - built)
    deadline = time.monotonic() + (settings.remaining() if time_limit is None else time_limit)
    hint: list[bool] | None = None
    for _ in range(MAX_ROOM_CUTS + 1):
        if hint is not None:
            m.model.clear_hints()  # type: ignore[no-untyped-call]
            for x, value in zip(m.x, hint, strict=True):
                m.model.add_hint(x, value)
        solver = make_solver(settings, max(0.1, deadline - time.monotonic()), first_only)
        solver.parameters.fix_variables_to_their_hinted_value = keep_hint
        if deterministic:  # stop after a fixed amount of work: the same calendar everywhere
            solver.parameters.max_deterministic_time = time_limit or settings.remaining()
        watcher = Watcher(settings)
        code = solver.solve(m.model, watcher)
        if stats.first_solution_seconds is None and watcher.first is not None:
            stats = replace(stats, first_solution_seconds=watcher.first)
        if code == cp_model.INFEASIBLE:
            return _Outcome(Status.INFEASIBLE, None, None, stats)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if code == cp_model.MODEL_INVALID:
                raise RuntimeError(f"invalid CP-SAT model: {m.model.validate()}")
            return _Outcome(Status.UNKNOWN, None, None, stats)
        values = [bool(solver.value(x)) for x in m.x]
        solution, conflicts = extract(m, solver, values)
        if not conflicts:
            if keep_hint:  # a restricted solve: its optimum and bound hold for it alone
                return _Outcome(Status.FEASIBLE, solution, None, stats)
            status = Status.OPTIMAL if code == cp_model.OPTIMAL else Status.FEASIBLE
            return _Outcome(status, solution, solver.best_objective_bound, stats, DATED_MODEL)
        for placements in conflicts:  # no rooms for these together: forbid the combination
            m.model.add(sum(m.x[i] for i in placements) <= len(placements) - 1)
        hint = values
    return _Outcome(Status.UNKNOWN, None, None, stats)


def extract(
    m: ScheduleModel,
    solver: cp_model.CpSolver,
    values: list[bool],
    previous: Solution | None = None,
) -> tuple[Solution, list[list[int]]]:
    """The calendar of a solved model, its rooms matched, and the site-days without rooms.

    A group's placements go to its sessions in date order; with a ``previous`` calendar, a
    session keeps its place, then its day, when the group still holds it, and its rooms.
    """
    chosen = m.chosen(values)
    by_group: dict[int, list[int]] = {}
    for p in chosen:
        by_group.setdefault(p.group, []).append(p.index)
    placed: list[tuple[int, str]] = []
    for group in m.groups:
        ordered = sorted(by_group.get(group.index, []), key=lambda i: m.placements[i].start_key)
        if previous is None:
            placed += [(i, s.id) for i, s in zip(ordered, group.sessions, strict=True)]
        else:
            placed += _keep_ids(m, group.ids, ordered, previous)
    bookings = [Booking(m.placements[i], m.faculty.session(sid)) for i, sid in placed]
    keep = None if previous is None else {s.session: s.rooms for s in previous.sessions}
    rooms, conflicts = assign_rooms(m.faculty, m.grid, bookings, keep)
    pool_values = {key: bool(solver.value(z)) for key, z in m.z.items()}
    sessions = []
    for index, session_id in placed:
        p = m.placements[index]
        spec = m.faculty.session(session_id)
        instructors = spec.instructors + tuple(m.pool_chosen(p, pool_values))
        sessions.append(
            ScheduledSession(
                session_id,
                p.day,
                p.slots,
                instructors,
                rooms.get((index, session_id), ()),
                p.site,
            )
        )
    return Solution(tuple(sessions)), conflicts


def _keep_ids(
    m: ScheduleModel, ids: tuple[str, ...], ordered: list[int], previous: Solution
) -> list[tuple[int, str]]:
    """Hand a group's placements to its sessions: same place first, then same day, then in
    date order (copies of a session are interchangeable, their feeds' UIDs are not)."""
    was = {s.session: s for s in previous.sessions if s.session in ids}
    free_ids, free_places = list(ids), list(ordered)
    placed: list[tuple[int, str]] = []
    for same in (
        lambda i, s: (i.day, i.slots, i.site) == (s.date, s.slots, s.site),
        lambda i, s: i.day == s.date,
    ):
        for session_id in list(free_ids):
            if session_id not in was:
                continue
            for index in free_places:
                if same(m.placements[index], was[session_id]):
                    placed.append((index, session_id))
                    free_ids.remove(session_id)
                    free_places.remove(index)
                    break
    placed += list(zip(free_places, free_ids, strict=True))
    return placed


def _solve_parts(faculty: Faculty, settings: Settings, batches: bool | None) -> _Outcome:
    """Solve each part of an exact split by dates (S1, S2) on its own, then join them.

    A part is solved whole, or batch by batch when ``batches`` says so or, by default, when it
    holds several independent programmes and is large. Batch by batch, every part first gets a
    calendar quickly, then the time left improves them.
    """
    parts = split_by_dates(faculty)

    def by_batches(part: Faculty) -> bool:
        if batches is not None:
            return batches
        many = len(programme_batches(part)) > 1
        return many and _estimated_placements(part) > BATCHES_FROM

    searches = {
        n: BatchSearch(part, settings, _solve_whole)
        for n, part in enumerate(parts)
        if by_batches(part)
    }
    for search in searches.values():
        if not search.first_pass():
            return _Outcome(search.status, None, None, search.stats)
    sessions: list[ScheduledSession] = []
    bound: float | None = spread_correction(faculty, parts) if len(parts) > 1 else 0
    totals = ModelStats()
    statuses = []
    provers: list[str] = []
    for n, part in enumerate(parts):
        share = settings.remaining() / (len(parts) - n)
        if n in searches:
            status, found = searches[n].improve(share)
            outcome = _Outcome(status, found, None, searches[n].stats)
        else:
            outcome = _solve_bounded(part, settings, share)
        totals = _add_stats(totals, outcome.stats)
        statuses.append(outcome.status)
        if outcome.solution is None:
            return _Outcome(outcome.status, None, None, totals)
        sessions += outcome.solution.sessions
        bound = None if bound is None or outcome.bound is None else bound + outcome.bound
        provers.append(outcome.bound_by or "")
    status = Status.OPTIMAL if all(s is Status.OPTIMAL for s in statuses) else Status.FEASIBLE
    if searches:
        first = max(s.first_complete for s in searches.values())
        totals = replace(totals, first_solution_seconds=first)
    totals = replace(totals, parts=len(parts))
    return _Outcome(status, Solution(tuple(sessions)), bound, totals, _bound_source(provers))


def _bound_source(provers: list[str]) -> str | None:
    """Which model(s) proved a bound summed over the parts of a split by dates."""
    if not all(provers):
        return None
    if len(provers) == 1:
        return provers[0]
    names = " and ".join(dict.fromkeys(provers))
    return f"the sum of the bounds of the {len(provers)} parts split by dates ({names})"


def _solve_bounded(part: Faculty, settings: Settings, time_limit: float) -> _Outcome:
    """``_bounded``, reporting when the first calendar of any of its searches was found."""
    mark = len(settings.firsts)
    outcome = _bounded(part, settings, time_limit)
    first = min(settings.firsts[mark:], default=None)
    return replace(outcome, stats=replace(outcome.stats, first_solution_seconds=first))


def _bounded(part: Faculty, settings: Settings, time_limit: float) -> _Outcome:
    """``part`` solved whole, with the bare-week bound (``relaxation.py``) to prove optimality.

    A short one-thread search opens it: a first calendar, or at once the proof that there is
    none. The bare model needs few weeks: the regroupement caps may give them, else the cost
    of a first dated calendar does (found with a share of the time). Its bound then cuts the dated
    search, and its plan, moved onto real weeks, is often an optimal calendar as it stands;
    else the dated search goes on from the best calendar known.
    """
    deadline = time.monotonic() + time_limit
    probe = _solve_whole(
        part,
        settings,
        time_limit=min(PROBE_WORK, time_limit * FIRST_SHARE),
        first_only=True,
        deterministic=True,
    )
    if probe.status in (Status.INFEASIBLE, Status.OPTIMAL):  # nothing (or one thing) to find
        return probe  # the bare-week relaxation drops dates: it could not have seen why
    weeks = bare_weeks(part, None)
    incumbent = probe if probe.solution is not None else None
    weeks_from_incumbent = False
    if not 0 < weeks <= BARE_MAX_WEEKS:
        weeks_from_incumbent = True
        first = _solve_whole(
            part,
            settings,
            time_limit=time_limit * FIRST_SHARE,
            deterministic=True,
            start_from=probe.solution,
        )
        if first.status in (Status.OPTIMAL, Status.INFEASIBLE):
            return first
        incumbent = _better(part, first, incumbent)
        if incumbent is None or incumbent.solution is None:
            left = max(0.1, deadline - time.monotonic())
            return _solve_whole(part, settings, time_limit=left)
        weeks = bare_weeks(part, total_cost(part, incumbent.solution))
        if not 0 < weeks <= BARE_MAX_WEEKS:
            left = max(0.1, deadline - time.monotonic())
            return _solve_whole(part, settings, time_limit=left, start_from=incumbent.solution)
    budget = max(0.1, deadline - time.monotonic()) * BARE_SHARE
    lower, bare = bare_bound(part, weeks, settings.seed, settings.workers, budget)
    if lower is not None and weeks_from_incumbent:
        # A calendar on more weeks than the incumbent allows pays more regroupements.
        lower = min(lower, (weeks + 1) * part.weights.regroupements)
    kept = _keep_plan(part, settings, deadline, bare, lower)
    if kept is None or kept.status is not Status.OPTIMAL:
        # The bound's plan may skip a weekday that no real week skips: plan without gaps.
        _, bare = bare_bound(
            part, weeks, settings.seed, settings.workers, budget, consecutive_days=True
        )
        kept = _better(part, kept, _keep_plan(part, settings, deadline, bare, lower))
    best = _better(part, kept, incumbent and _with_bound(part, incumbent, lower))
    if best is not None and best.status is Status.OPTIMAL:
        return best
    left = max(0.1, deadline - time.monotonic())
    hint = None if best is None else best.solution
    outcome = _solve_whole(part, settings, time_limit=left, start_from=hint, lower_bound=lower)
    return _better(part, _with_bound(part, outcome, lower), best) or outcome


def _better(part: Faculty, one: _Outcome | None, other: _Outcome | None) -> _Outcome | None:
    """The outcome with the cheaper calendar (the first on a tie); None when neither has one."""
    found = [o for o in (one, other) if o is not None and o.solution is not None]
    if not found:
        return None
    return min(found, key=lambda o: total_cost(part, o.solution) if o.solution else 0)


def _keep_plan(
    part: Faculty, settings: Settings, deadline: float, bare: Solution | None, lower: float | None
) -> _Outcome | None:
    """The bare plan on real weeks, completed by the dated model (rooms, every indicator)
    without moving a session: often optimal as it stands. None when it has no real weeks."""
    plan = None if bare is None else dated_plan(part, bare)
    if plan is None:
        return None
    left = max(0.1, deadline - time.monotonic())
    kept = _solve_whole(part, settings, time_limit=left, start_from=plan, keep_hint=True)
    return _with_bound(part, kept, lower) if kept.solution is not None else None


def _with_bound(part: Faculty, outcome: _Outcome, lower: float | None) -> _Outcome:
    """``outcome`` with the bare-week bound ``lower`` where it is the stronger one; optimal
    when the bound meets the calendar's cost. ``outcome`` must come from an unrestricted solve
    (or carry no bound): a restricted solve's bound proves nothing about ``part``."""
    if lower is None or outcome.solution is None:
        return outcome
    bound, bound_by = outcome.bound, outcome.bound_by
    if bound is None or lower > bound:
        bound, bound_by = lower, BARE_MODEL
    status = outcome.status
    if status is Status.FEASIBLE and bound >= total_cost(part, outcome.solution):
        status = Status.OPTIMAL
    return replace(outcome, bound=bound, status=status, bound_by=bound_by)


def _estimated_placements(faculty: Faculty) -> int:
    total = 0
    for spec in faculty.sessions:
        span = faculty.session_span(spec)
        days = 0 if span is None else (span.end - span.start).days * 5 // 7
        total += days * max(1, len(spec.sites))
    return total


def _add_stats(total: ModelStats, part: ModelStats) -> ModelStats:
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
    )
