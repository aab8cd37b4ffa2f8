"""What a solve returns: its status (carried, never raised), the calendar, and its quality."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from palliasched.domain.solution import Solution
from palliasched.quality import SoftCost
from palliasched.replan.moves import Move
from palliasched.verify import Violation
from palliasched.words import plural_en

# How the summary counts moves, by kind.
MOVE_WORDS = {
    "added": "added",
    "day": "to another day",
    "instructors": "with other instructors",
    "removed": "removed",
    "room": "to another room",
    "slot": "to another slot",
}


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "no solution in time"

    @property
    def has_solution(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


@dataclass(frozen=True, slots=True)
class ModelStats:
    """Sizes and times of a solve, for benchmarks and ``--log``."""

    sessions: int = 0
    groups: int = 0
    placements: int = 0
    variables: int = 0
    constraints: int = 0
    build_seconds: float = 0.0
    first_solution_seconds: float | None = None
    batches: int = 1
    parts: int = 1
    # Combinations forbidden because their rooms could not be matched (``solver/rooms.py``).
    room_cuts: int = 0
    # Batches whose first calendar came without a model (``solver/first_fit.py``).
    fitted: int = 0


@dataclass(frozen=True)
class Result:
    """The outcome of :func:`palliasched.solve`.

    ``objective`` is the weighted soft cost of ``solution`` (see ``palliasched.quality``),
    ``bound`` the best proven lower bound (None when not proven, e.g. after decomposition).
    ``conflicts`` explains an infeasible programme in sentences; ``moves`` (after
    :func:`palliasched.replan`) lists the sessions a re-planning changed; ``violations`` lists hard
    rules the returned calendar breaks according to the independent checker (always empty
    unless the solver has a bug).
    """

    status: Status
    objective: int | None = None
    bound: float | None = None
    # The model that proved ``bound`` ("the bare-week relaxation", "the dated model", ...).
    bound_by: str | None = None
    runtime: float = 0.0
    solution: Solution | None = None
    soft: tuple[SoftCost, ...] = ()
    conflicts: tuple[str, ...] = ()
    violations: tuple[Violation, ...] = ()
    stats: ModelStats = field(default_factory=ModelStats)
    # Re-planning only: every session moved, added or removed, against the previous calendar.
    moves: tuple[Move, ...] = ()

    @property
    def gap(self) -> float | None:
        """Relative gap between objective and bound (0 when optimal)."""
        if self.objective is None or self.bound is None:
            return None
        if self.objective == 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / abs(self.objective))

    def status_words(self) -> str:
        if self.status is Status.FEASIBLE:
            gap = self.gap
            return "feasible, gap unknown" if gap is None else f"feasible, gap {gap:.1%}"
        return self.status.value

    def summary(self) -> str:
        """A few lines for a coordinator: status, objective, bound, and soft rules given up."""
        lines = [f"Status: {self.status_words()} ({self.runtime:.1f} s)"]
        if self.objective is not None:
            bound = "unknown" if self.bound is None else f"{self.bound:g}"
            if self.bound is not None and self.bound_by:
                bound += f", proven by {self.bound_by}"
            lines.append(f"Objective: {self.objective} (bound {bound})")
        if self.solution is not None:
            lines.append(f"Sessions scheduled: {len(self.solution.sessions)}")
        if self.moves:
            kinds = Counter(move.kind.value for move in self.moves)
            counts = ", ".join(f"{n} {MOVE_WORDS[kind]}" for kind, n in sorted(kinds.items()))
            lines.append(f"Changed sessions: {counts}")
        for cost in self.soft:
            if cost.count:
                lines.append(
                    f"  {cost.rule.replace('_', ' ')}: {cost.count} x {cost.weight} = {cost.cost}"
                )
        if self.violations:
            lines.append(f"CHECKER: {plural_en(len(self.violations), 'violation')} (a solver bug):")
            lines += [f"  {v}" for v in self.violations]
        if self.conflicts:
            lines.append("No calendar satisfies these rules together:")
            lines += [f"  - {c}" for c in self.conflicts]
        return "\n".join(lines)
