"""Re-planning: the calendar closest to a previous one, then the best by the usual objective.

The model is the usual one (``model.py``) with three lexicographic objectives, each solved
to optimality then fixed, the previous calendar as a complete hint:

1. sessions moved to another day (a group's sessions are interchangeable: per day, a group
   keeps as many sessions as it had there and still has there);
2. sessions moved to another slot or site, and pool instructors replaced;
3. the usual soft cost.

Sessions before ``today`` are fixed to their old place, pool instructors included. Rooms are
matched afterwards (``rooms.py``), each session keeping its old rooms wherever they are free.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from palliasched.domain.programme import Faculty
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.result import ModelStats, Status
from palliasched.solver.extract import extract
from palliasched.solver.model import LinearExpr, ScheduleModel
from palliasched.solver.search import MAX_ROOM_CUTS, Settings, Watcher, make_solver

Place = tuple[int, object, tuple[str, ...], str | None]  # group, day, slots, site

# Seconds the mended previous calendar may take to find (``_warm_start``).
WARM_SECONDS = 2.0


@dataclass(frozen=True)
class Replanned:
    """The outcome of a re-planning search: status, calendar, and each level's value."""

    status: Status
    solution: Solution | None
    day_moves: int | None = None
    slot_moves: int | None = None
    objective: int | None = None
    bound: float | None = None
    stats: ModelStats = field(default_factory=ModelStats)


class ReplanModel:
    """The schedule model, with the previous calendar as the reference and the past fixed."""

    def __init__(self, faculty: Faculty, previous: Solution, past: set[str]) -> None:
        self.m = ScheduleModel(faculty, symmetry_breaking=False, packing_bounds=False)
        self.previous = Solution(
            tuple(s for s in previous.sessions if faculty.has("session", s.session))
        )
        m = self.m
        group_of = {s.id: g.index for g in m.groups for s in g.sessions}
        at: dict[Place, int] = {}
        for p in m.placements:
            at[(p.group, p.day, p.slots, p.site)] = p.index
        by_group_day: dict[tuple[int, object], list[int]] = defaultdict(list)
        for p in m.placements:
            by_group_day[(p.group, p.day)].append(p.index)
        old_days: Counter[tuple[int, object]] = Counter()
        old_places: list[tuple[ScheduledSession, int | None]] = []
        for placed in self.previous.sessions:
            group = group_of[placed.session]
            old_days[(group, placed.date)] += 1
            old_places.append((placed, at.get((group, placed.date, placed.slots, placed.site))))
        self.sessions = len(old_places)
        self.day_moves: LinearExpr = self._day_moves(old_days, by_group_day)
        self.slot_moves: LinearExpr = self._slot_moves(old_places, past)
        # Proven bounds: the search stops when it reaches them.
        m.model.add(self.day_moves >= self.forced_day_moves)
        m.model.add(self.slot_moves >= self.forced_slot_moves)
        m.hint(self.previous)

    def _day_moves(
        self,
        old_days: Counter[tuple[int, object]],
        by_group_day: dict[tuple[int, object], list[int]],
    ) -> LinearExpr:
        """Sessions moved to another day (a group keeps, per day, as many as it had there and
        still has there); ``forced_day_moves``: those whose day no longer takes them."""
        m = self.m
        kept_days: list[LinearExpr] = []
        # Sessions whose day no longer takes them must move: a bound the search stops at.
        self.forced_day_moves = 0
        for (group, day), count in sorted(old_days.items(), key=str):
            here = [m.x[i] for i in by_group_day.get((group, day), [])]
            if not here:
                self.forced_day_moves += count
                continue
            if count == 1 and len(here) == 1:
                kept_days.append(here[0])
                continue
            kept = m.model.new_int_var(0, count, f"kept_{group}_{day}")
            m.model.add(kept <= sum(here))
            kept_days.append(kept)
        return self.sessions - cp_model.LinearExpr.sum(kept_days)

    def _slot_moves(
        self, old_places: list[tuple[ScheduledSession, int | None]], past: set[str]
    ) -> LinearExpr:
        """Sessions moved to another place (day, slots, site) and pool instructors replaced;
        the past fixed where it took place. ``forced_slot_moves``: the sessions whose place
        is gone; ``still_possible``: the places (and pool instructors) still in the model."""
        m = self.m
        swaps: list[LinearExpr] = []
        kept_places: list[LinearExpr] = []
        self.still_possible: list[cp_model.IntVar] = []
        self.forced_slot_moves = sum(1 for _, index in old_places if index is None)
        for placed, index in old_places:
            if index is None:
                if placed.session in past:  # it happened there: no calendar can change that
                    m.model.add_bool_or([])
                continue
            x = m.x[index]
            kept_places.append(x)
            spec = m.faculty.session(placed.session)
            pool = [m.z[(index, i)] for i in placed.instructors if (index, i) in m.z]
            self.still_possible += [x, *pool]
            if spec.pool_count:
                swaps.append(spec.pool_count * x - sum(pool))
            if placed.session in past:
                m.model.add(x == 1)
                for z in pool:
                    m.model.add(z == 1)
        return cp_model.LinearExpr.sum([*swaps, *(-k for k in kept_places)]) + self.sessions


def _levels(
    r: ReplanModel, max_day_moves: int | None, max_slot_moves: int | None, first_only: bool
) -> list[tuple[str, LinearExpr]]:
    """What is minimised, in turn: day moves, slot moves, the soft cost; fewer levels when a
    bound on moves is asked (a proof) or any calendar will do."""
    levels: list[tuple[str, LinearExpr]] = [
        ("day_moves", r.day_moves),
        ("slot_moves", r.slot_moves),
        ("objective", r.m.objective_expression()),
    ]
    if max_slot_moves is not None:
        return levels[:2]
    if max_day_moves is not None or first_only:
        return levels[:1]
    return levels


def replan_search(
    faculty: Faculty,
    previous: Solution,
    past: set[str],
    settings: Settings,
    *,
    max_day_moves: int | None = None,
    max_slot_moves: int | None = None,
    first_only: bool = False,
) -> Replanned:
    """The three levels in turn on ``faculty`` (whose future sessions are already kept off
    past dates). ``max_day_moves`` and ``max_slot_moves`` ask for a calendar with at most that
    many moves (and stop at the levels they bound): a proof that fewer cannot be done.
    ``first_only`` asks for any calendar."""
    built = time.monotonic()
    r = ReplanModel(faculty, previous, past)
    m = r.m
    stats = m.stats(time.monotonic() - built)
    if max_day_moves is not None:
        m.model.add(r.day_moves <= max_day_moves)
    if max_slot_moves is not None:
        m.model.add(r.slot_moves <= max_slot_moves)
    levels = _levels(r, max_day_moves, max_slot_moves, first_only)
    warm = _warm_start(r, settings)
    values: dict[str, int] = {}
    solution: Solution | None = None
    bound: float | None = None
    proven, earlier = True, None  # earlier: the last level's search, when it was searched
    for name, expression in levels:
        m.model.minimize(expression)
        # The mended calendar answers the levels it reaches a proven bound of: the forced day
        # moves (``_warm_start``), then the forced slot moves.
        reached = warm is not None and (
            name == "day_moves"
            or (name == "slot_moves" and warm[1].value(expression) <= r.forced_slot_moves)
        )
        found = warm if reached else _solve_level(r, settings, first_only, earlier)
        if found is None:
            return Replanned(Status.UNKNOWN, None, stats=stats)
        code, solver, solution = found
        if code == cp_model.INFEASIBLE:
            return Replanned(Status.INFEASIBLE, None, stats=stats)
        value = round(solver.value(expression))
        values[name] = value
        bound = solver.best_objective_bound
        proven = proven and code == cp_model.OPTIMAL and not first_only
        earlier = None if reached else solver
        # Fix this level, and hint the next one with every value of this calendar.
        m.model.add(expression <= value)
        _hint_all(m.model, solver)
    status = Status.OPTIMAL if proven else Status.FEASIBLE
    return Replanned(
        status,
        solution,
        values.get("day_moves"),
        values.get("slot_moves"),
        values.get("objective"),
        bound if "objective" in values else None,
        stats,
    )


def _warm_start(
    r: ReplanModel, settings: Settings
) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver, Solution | None] | None:
    """Hint the first level with the previous calendar mended: every session that may stay
    where it was fixed there, the others placed with the fewest day moves. The previous
    calendar itself, no longer valid, is a hint CP-SAT repairs slowly (the bundled faculty's
    day moves: 3 s); mended, it usually has as few day moves as can be. The first level's
    answer when it has no more than the sessions that must move (``forced_day_moves``, a
    proven bound) and its rooms match; else None, the mended calendar (or, without one, the
    previous calendar) hinting the first level."""
    m = r.m
    m.model.minimize(r.day_moves)
    solver = _solve_fixed(m.model, settings, dict.fromkeys(r.still_possible, True))
    if solver is None:
        m.hint(r.previous)
        return None
    if round(solver.objective_value) > r.forced_day_moves:
        return None
    values = [bool(solver.value(x)) for x in m.x]
    solution, conflicts = extract(m, solver, values, r.previous)
    return None if conflicts else (cp_model.OPTIMAL, solver, solution)


def _tighten_hint(r: ReplanModel, settings: Settings, earlier: cp_model.CpSolver) -> None:
    """Hint with ``earlier``'s calendar, every other value set by the level to solve: a
    searched level's calendar leaves the indicators it does not minimise anywhere (an M2's
    slot moves once left its soft cost at 18427 where its sessions cost 1226; the soft-cost
    level took 13 s from there, 3.5 s from 1226). ``earlier``'s values as they are when that
    takes longer than ``WARM_SECONDS``."""
    m = r.m
    placed = {v: earlier.boolean_value(v) for v in [*m.x, *m.z.values()]}
    if _solve_fixed(m.model, settings, placed) is None:
        _hint_all(m.model, earlier)


def _solve_fixed(
    model: cp_model.CpModel, settings: Settings, values: dict[cp_model.IntVar, bool]
) -> cp_model.CpSolver | None:
    """Solve ``model`` with these variables fixed to these values, within ``WARM_SECONDS``;
    the solver, its calendar hinting every variable, or None without one."""
    model.clear_hints()  # type: ignore[no-untyped-call]
    for variable, value in values.items():
        model.add_hint(variable, value)
    solver = make_solver(settings, min(WARM_SECONDS, settings.remaining()))
    solver.parameters.fix_variables_to_their_hinted_value = True
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    _hint_all(model, solver)
    return solver


def _solve_level(
    r: ReplanModel,
    settings: Settings,
    first_only: bool,
    earlier: cp_model.CpSolver | None = None,
) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver, Solution | None] | None:
    """Solve the current level, forbidding room-less combinations until rooms match; hinted
    by the calendar of the level before when it was searched (``earlier``), its other values
    set first (the mended calendar's need not be)."""
    m = r.m
    if earlier is not None:
        _tighten_hint(r, settings, earlier)
    for _ in range(MAX_ROOM_CUTS + 1):
        solver = make_solver(settings, settings.remaining(), first_only)
        # Probing costs a second in presolve and finds nothing the complete hint does not.
        solver.parameters.cp_model_probing_level = 0
        code = solver.solve(m.model, Watcher(settings))
        if code == cp_model.INFEASIBLE:
            return code, solver, None
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if code == cp_model.MODEL_INVALID:
                raise RuntimeError(f"invalid CP-SAT model: {m.model.validate()}")
            return None
        values = [bool(solver.value(x)) for x in m.x]
        solution, conflicts = extract(m, solver, values, r.previous)
        if not conflicts:
            return code, solver, solution
        for placements in conflicts:
            m.model.add(sum(m.x[i] for i in placements) <= len(placements) - 1)
        _hint_all(m.model, solver)
    return None


def _hint_all(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """Hint every variable with its value in the solver's last solution."""
    model.clear_hints()  # type: ignore[no-untyped-call]
    response = solver.response_proto
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(model.proto.variables)))
    hint.values.extend(response.solution)
