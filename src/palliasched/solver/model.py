"""The CP-SAT model: variables on the placement space, one module per constraint family.

``x[p]`` is true when placement ``p`` (group, day, slots, site) holds one session of its
group; ``z[p, i]`` when pool instructor ``i`` teaches at placement ``p``. Rooms are out of the
time model: capacity is counted per site, time and size (``resources.py``) and concrete
rooms are matched afterwards (``rooms.py``).

In a *relaxed* model (to explain infeasibility) every rule group is enforced by its own
literal (``rule_literals``); otherwise constraints are plain.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ortools.sat.python import cp_model

from palliasched.domain.programme import Faculty
from palliasched.domain.solution import Solution
from palliasched.domain.weights import SoftWeights
from palliasched.result import ModelStats
from palliasched.rules import CATALOGUE, HardRule, Rule, unit_of
from palliasched.solver import instructor_weeks, objective, resources, sequence, teaching_weeks
from palliasched.solver import rules as _rules  # noqa: F401  (registers solver/rules/)
from palliasched.solver.groups import SessionGroup, session_groups
from palliasched.solver.placements import Placement, PlacementSpace, Reservations
from palliasched.solver.registry import CONSTRAINTS, enforces
from palliasched.solver.symmetry import add_week_symmetry_breaking

Var = cp_model.IntVar
LinearExpr = cp_model.LinearExprT


class ScheduleModel:
    """Builds the whole model on construction; ``objective_terms`` names every soft term."""

    def __init__(
        self,
        faculty: Faculty,
        *,
        relaxed: bool = False,
        reserved: Reservations | None = None,
        reserved_days: dict[tuple[str, tuple[int, int]], set[object]] | None = None,
        weights: SoftWeights | None = None,
        consecutive_days: bool = True,
        symmetry_breaking: bool = True,
        bare: bool = False,
        packing_bounds: bool = True,
    ) -> None:
        self.faculty = faculty
        # False skips the instructors' week packings (``instructor_weeks.py``): a search for a
        # first calendar, or for the fewest moves, has no use for a bound.
        self.packing_bounds = packing_bounds
        # True in the bare-week models of the bound (``relaxation.py``): their dates are not
        # real, so a constraint about dates (``solver/rules/``) must not hold there.
        self.bare = bare
        # False leaves a regroupement's days free to skip a weekday (the bare-week bound,
        # whose weeks have no holiday to explain a skipped day).
        self.consecutive_days = consecutive_days
        self.relaxed = relaxed
        # False keeps every calendar in the model: re-planning tells symmetric weeks apart.
        self.symmetry_breaking = symmetry_breaking
        self.weights = weights or faculty.weights
        self.groups: list[SessionGroup] = session_groups(faculty)
        self.space = PlacementSpace(faculty, self.groups, relaxed=relaxed, reserved=reserved)
        # Days an instructor already teaches elsewhere, per ISO week (their weekly limit).
        self.reserved_days = reserved_days or {}
        self.model = cp_model.CpModel()
        self.rule_literals: dict[Rule, Var] = {}
        self._blocked: dict[Rule, list[Var]] = defaultdict(list)
        self.x: list[Var] = [
            self.model.new_bool_var(f"x_{p.group}_{p.day:%Y%m%d}_{p.slots[0]}_{p.site}")
            for p in self.space.placements
        ]
        self.z: dict[tuple[int, str], Var] = {}
        # Per instructor: (placement, literal true when they teach there).
        self.teaching: dict[str, list[tuple[Placement, Var]]] = defaultdict(list)
        # Per cohort: (placement, literal true when it attends there).
        self.attending: dict[str, list[tuple[Placement, Var]]] = defaultdict(list)
        self.objective_terms: dict[str, list[tuple[int, LinearExpr]]] = defaultdict(list)
        self.objective_offset: dict[str, int] = defaultdict(int)
        # Filled by teaching_weeks: cohort day and week indicators, instructor day indicators.
        self.cohort_days: dict[str, dict[dt.date, Var]] = {}
        self.cohort_weeks: dict[str, dict[tuple[int, int], Var]] = {}
        self.instructor_days: dict[str, dict[dt.date, Var]] = {}
        self.instructor_weeks: dict[str, dict[tuple[int, int], Var]] = {}
        self._build()

    # --- helpers used by the constraint families -------------------------------------------

    @property
    def placements(self) -> list[Placement]:
        return self.space.placements

    def group_of(self, placement: Placement) -> SessionGroup:
        return self.groups[placement.group]

    def enforce(self, constraint: cp_model.Constraint, rule: Rule) -> None:
        """Tie ``constraint`` to ``rule``'s literal in a relaxed model (no-op otherwise)."""
        if self.relaxed:
            constraint.only_enforce_if(self.literal(rule))

    def literal(self, rule: Rule) -> Var:
        if rule not in self.rule_literals:
            self.rule_literals[rule] = self.model.new_bool_var(f"rule_{rule.kind}_{rule.subject}")
        return self.rule_literals[rule]

    def at_least_one_of(self, name: str, literals: Sequence[Var]) -> Var:
        """A 0-1 variable equal to OR(literals), linked by sums the LP relaxation sees."""
        if len(literals) == 1:
            return literals[0]
        indicator = self.model.new_bool_var(name)
        for literal in literals:
            self.model.add(literal <= indicator)
        self.model.add(indicator <= sum(literals))
        return indicator

    def penalise(self, rule: str, weight: int, term: LinearExpr, coefficient: int = 1) -> None:
        if weight and coefficient:
            self.objective_terms[rule].append((weight * coefficient, term))

    # --- build ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self._each_group_scheduled()
        self._people()
        self._blockers()
        resources.add_clashes(self)
        resources.add_room_capacity(self)
        resources.add_one_site_a_day(self)
        sequence.add_precedences(self)
        teaching_weeks.add_cohort_weeks(self)
        teaching_weeks.add_instructor_days(self)
        if self.packing_bounds and not self.relaxed and not self.bare:
            instructor_weeks.add_instructor_week_bounds(self)
        for info in CATALOGUE:  # the rules of solver/rules/, in catalogue order
            if info.id in CONSTRAINTS:
                CONSTRAINTS[info.id](self)  # type: ignore[index]
        if self.symmetry_breaking:
            add_week_symmetry_breaking(self)
        if not self.relaxed:
            objective.add_soft_rules(self)
            self.model.minimize(self.objective_expression())
        for rule, blocked in self._blocked.items():
            self.model.add(sum(blocked) == 0).only_enforce_if(self.literal(rule))

    def objective_expression(self) -> LinearExpr:
        terms = [c * t for ts in self.objective_terms.values() for c, t in ts]
        return sum(terms) + sum(self.objective_offset.values())

    @enforces(HardRule.HOURS)
    def _each_group_scheduled(self) -> None:
        for group in self.groups:
            chosen = [self.x[p] for p in self.space.by_group[group.index]]
            rule = Rule(HardRule.HOURS, unit_of(group.spec))
            if self.relaxed:
                self.model.add(sum(chosen) <= group.count)
            self.enforce(self.model.add(sum(chosen) == group.count), rule)

    def _people(self) -> None:
        """Who is where: each placement's cohorts and instructors, and its pool's choice."""
        for p in self.placements:
            spec = self.group_of(p).spec
            x = self.x[p.index]
            for cohort in spec.cohorts:
                self.attending[cohort].append((p, x))
            for instructor in spec.instructors:
                self.teaching[instructor].append((p, x))
            if not spec.pool_count:
                continue
            members = self.space.pool.get(p.index, {})
            chosen = []
            for instructor, rules in members.items():
                z = self.model.new_bool_var(f"z_{p.index}_{instructor}")
                self.z[(p.index, instructor)] = z
                chosen.append(z)
                self.teaching[instructor].append((p, z))
                for rule in rules:
                    self._blocked[rule].append(z)
            self.model.add(sum(chosen) == spec.pool_count * x)

    def _blockers(self) -> None:
        for p in self.placements:
            for rule in p.blockers:
                self._blocked[rule].append(self.x[p.index])

    # --- reading a solution back ------------------------------------------------------------

    def chosen(self, values: Iterable[bool]) -> list[Placement]:
        return [p for p, value in zip(self.placements, values, strict=True) if value]

    def pool_chosen(self, placement: Placement, value: dict[tuple[int, str], bool]) -> list[str]:
        members = self.space.pool.get(placement.index, {})
        return [i for i in members if value.get((placement.index, i), False)]

    def hint(self, solution: Solution) -> None:
        """Hint every x and z from a calendar of this faculty (a complete hint: CP-SAT repairs
        a complete hint far better than a partial one)."""
        group_of = {s.id: g.index for g in self.groups for s in g.sessions}
        where: dict[tuple[int, dt.date, tuple[str, ...], str | None], set[str]] = {}
        for placed in solution.sessions:
            if placed.session in group_of:
                key = (group_of[placed.session], placed.date, placed.slots, placed.site)
                where.setdefault(key, set()).update(placed.instructors)
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for p, x in zip(self.placements, self.x, strict=True):
            teachers = where.get((p.group, p.day, p.slots, p.site))
            self.model.add_hint(x, teachers is not None)
            for instructor in self.space.pool.get(p.index, {}):
                z = self.z[(p.index, instructor)]
                self.model.add_hint(z, teachers is not None and instructor in teachers)

    def stats(self, build_seconds: float) -> ModelStats:
        """Its sizes, for benchmarks and ``--log``."""
        proto = self.model.proto
        return ModelStats(
            sessions=sum(g.count for g in self.groups),
            groups=len(self.groups),
            placements=len(self.placements),
            variables=len(proto.variables),
            constraints=len(proto.constraints),
            build_seconds=build_seconds,
        )
