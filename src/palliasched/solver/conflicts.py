"""Why no calendar exists: a minimal set of rule groups that cannot hold together.

The relaxed model ties every rule group to one literal; CP-SAT's
``sufficient_assumptions_for_infeasibility`` gives a first set, which is then shrunk by
deletion (drop a group, re-solve; keep it out if still infeasible) until every group left is
needed. Hours and windows are tried first, so that the rules kept are the ones to act on.
"""

from __future__ import annotations

from dataclasses import replace

from ortools.sat.python import cp_model

from palliasched.domain.programme import Faculty
from palliasched.explain import describe_conflict
from palliasched.rules import HardRule, Rule, unit_of
from palliasched.solver.model import ScheduleModel
from palliasched.solver.teaching_weeks import cohort_rounding_bounds

# Dropped first when shrinking: what must be taught and when is the frame of the explanation.
_FIRST_TRIED = (HardRule.HOURS, HardRule.WINDOW)
SHRINK_WORK = 2.0  # deterministic time units (about seconds) per shrinking step


def minimal_conflict(faculty: Faculty, *, time_limit: float = 30.0, seed: int = 0) -> list[Rule]:
    """Rule groups that cannot all hold; [] if none was found within ``time_limit``.

    Minimal as far as each shrinking step could prove: a group stays when leaving it out made
    the rest feasible or was not decided within the step's work limit.
    """
    explainer = _Explainer(faculty, seed, time_limit)
    core = explainer.infeasible(None, work=time_limit)
    if core is None:
        return []
    # Sessions whose hours are not in question may all stay unscheduled: drop them, so that
    # every shrinking step solves a small model.
    units = {r.subject for r in core if r.kind is HardRule.HOURS}
    if not any(r.kind is HardRule.MAX_GAP for r in core):
        # (Any session may be what keeps a gap short: with a longest gap in question, none
        # can be left out, and the model built is the one to shrink on.)
        explainer = _Explainer(_restricted(faculty, units), seed, time_limit)
        core = [r for r in core if r in explainer.literals]
    # A group is left out only when the rest is proven infeasible without it, so the result
    # always explains; a short work limit per try keeps it quick on hard remainders.
    for rule in sorted(core, key=lambda r: (r.kind not in _FIRST_TRIED, r)):
        if rule in core:
            smaller = explainer.infeasible([r for r in core if r != rule], work=SHRINK_WORK)
            if smaller is not None:
                core = smaller
    return sorted(core, key=lambda r: (r.kind in _FIRST_TRIED, r))


class _Explainer:
    def __init__(self, faculty: Faculty, seed: int, time_limit: float) -> None:
        self.model = ScheduleModel(faculty, relaxed=True)
        self.literals = self.model.rule_literals
        self.seed = seed
        self.time_limit = time_limit
        self.bounded: set[frozenset[str]] = set()

    def infeasible(self, rules: list[Rule] | None, work: float) -> list[Rule] | None:
        """A sufficient subset of ``rules`` (all when None) if they cannot hold, else None."""
        m, literals = self.model, self.literals
        kept = set(literals) if rules is None else set(rules)
        units = frozenset(r.subject for r in kept if r.kind is HardRule.HOURS)
        if units not in self.bounded:
            self.bounded.add(units)
            cohort_rounding_bounds(m, set(units))
        m.model.clear_assumptions()
        # Every other group is given up outright: far easier to satisfy than left free.
        m.model.add_assumptions([lit if r in kept else ~lit for r, lit in literals.items()])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.seed
        # Work limits, not seconds, so that the same input gives the same explanation.
        solver.parameters.max_deterministic_time = work
        solver.parameters.max_time_in_seconds = self.time_limit
        solver.parameters.cp_model_probing_level = 0  # probing costs seconds, finds nothing here
        solver.parameters.stop_after_first_solution = True  # feasible is all a step asks
        if solver.solve(m.model) != cp_model.INFEASIBLE:
            return None
        found = set(solver.sufficient_assumptions_for_infeasibility())
        return sorted(r for r in kept if literals[r].index in found) or sorted(kept)


def _restricted(faculty: Faculty, units: set[str]) -> Faculty:
    programmes = tuple(
        replace(p, sessions=tuple(s for s in p.sessions if unit_of(s) in units))
        for p in faculty.programmes
    )
    return replace(faculty, programmes=programmes)


def explain_infeasibility(
    faculty: Faculty, *, time_limit: float = 30.0, seed: int = 0, room_matching: bool = False
) -> list[str]:
    """Sentences a coordinator understands: a summary, then each rule that takes part.

    ``room_matching``: the proof went through rooms that could not be matched (capacity is
    counted in the model, concrete rooms matched afterwards), which the explaining model,
    counting only, cannot see."""
    rules = minimal_conflict(faculty, time_limit=time_limit, seed=seed)
    if not rules and room_matching:
        return [
            "No calendar exists: on the days the other rules leave, the sessions cannot all "
            "be given rooms they may use (their allowed rooms, large enough) at once.",
            "Widen the allowed rooms of a session, add or enlarge a room, or open more days.",
        ]
    if not rules:
        return [
            "No calendar exists, but no small set of rules could be singled out "
            "(try a longer --time-limit)."
        ]
    return describe_conflict(faculty, rules)
