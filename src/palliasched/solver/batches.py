"""Large faculties, batch by batch: a first calendar fast, then fix-and-optimize.

A batch is a set of programmes linked by shared sessions (one session, cohorts of both).
First pass: each batch in turn takes its first calendar, seeing the instructors and rooms the
earlier batches took. Second pass: while time remains, each batch is solved again with every
other batch fixed, starting from its current calendar (a complete hint); the new calendar is
kept when the whole faculty's soft cost does not rise. The result carries no global bound.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import replace

from palliasched.domain.calendar import clock_minutes as minutes
from palliasched.domain.calendar import iso_week
from palliasched.domain.programme import Faculty, Programme
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.quality import total_cost
from palliasched.result import ModelStats, Status
from palliasched.solver.counting import counting_bound
from palliasched.solver.first_fit import first_fit
from palliasched.solver.placements import Reservations
from palliasched.solver.search import Outcome, Progress, Settings, solve_whole

RESTARTS = 3
REPAIR_WITH = 3  # earlier batches re-solved with one that finds no calendar beside them
MIN_BATCH_SECONDS = 3.0  # a first calendar of one programme takes 0.5-1.5 s here
# Kept from the improvement's time for what follows its last search: matching its rooms,
# costing and checking the faculty's calendar (measured: 0.6 s at 3,000 sessions, 1.1 s at
# 6,000, on a loaded machine; and a search may end 0.3 s past its limit), in seconds, and
# per session.
FINISH_SECONDS = 0.6
FINISH_PER_SESSION = 1 / 8000
ReservedDays = dict[tuple[str, tuple[int, int]], set[object]]


def programme_batches(faculty: Faculty) -> list[list[Programme]]:
    """Programmes linked by a shared session (one session, cohorts of both) stay together."""
    parent = {p.id: p.id for p in faculty.programmes}

    def root(pid: str) -> str:
        while parent[pid] != pid:
            pid = parent[pid]
        return pid

    for spec in faculty.sessions:
        for cohort in spec.cohorts:
            a, b = root(spec.programme), root(faculty.cohort(cohort).programme)
            parent[max(a, b)] = min(a, b)
    batches: dict[str, list[Programme]] = {}
    for programme in faculty.programmes:
        batches.setdefault(root(programme.id), []).append(programme)
    return list(batches.values())


class BatchSearch:
    """The two passes over the batches of one faculty (or one part of the year)."""

    def __init__(self, faculty: Faculty, settings: Settings) -> None:
        self.faculty = faculty
        self.settings = settings
        self.parts = [replace(faculty, programmes=tuple(p)) for p in programme_batches(faculty)]
        # The batch of each programme, by id.
        self.batch_of = {p.id: n for n, part in enumerate(self.parts) for p in part.programmes}
        self.current: list[tuple[ScheduledSession, ...]] = []
        self.stats = ModelStats(sessions=sum(1 for _ in faculty.sessions), batches=len(self.parts))
        self.status = Status.FEASIBLE
        self.first_complete: float = 0.0

    def first_pass(self) -> bool:
        """A calendar for every batch; False (with ``status``) when one could not be found.

        First fit places the whole faculty without a model when it can (``first_fit.py``);
        else each batch's model in turn. A batch that finds no calendar beside the earlier ones
        is solved again together with the earlier batches it shares most instructors with; if
        that fails too, it goes first and the pass starts again (a few times), as a greedy
        order can leave it without instructors.
        """
        self.settings = replace(self.settings, phase="first calendar")
        sessions = first_fit(self.faculty, *self._reserved(()))  # no model, if one fits
        if sessions is not None:
            self.split(Solution(sessions))
            self.stats = replace(self.stats, fitted=len(self.parts))
            self.first_complete = time.monotonic() - self.settings.started
            self._show(Solution(sessions))
            return True
        order = list(range(len(self.parts)))
        for _ in range(RESTARTS + 1):
            failed = self._first_calendars(order)
            if failed is None:
                self.first_complete = time.monotonic() - self.settings.started
                self.status = Status.FEASIBLE
                return True
            if order.index(failed) == 0 or self._out_of_time():
                break  # it fails alone (no order will help), or the time is up
            order.remove(failed)
            order.insert(0, failed)
        return False

    def _first_calendars(self, order: list[int]) -> int | None:
        """Place the batches in ``order``; the batch that failed, or None."""
        found: dict[int, tuple[ScheduledSession, ...]] = {}
        for position, n in enumerate(order):
            if self._out_of_time():
                self.status = Status.UNKNOWN  # the time limit is a limit: no calendar in time
                return n
            reserved, days = self._reserved(found.values())
            part = self.parts[n]
            outcome = solve_whole(
                part,
                self.settings,
                reserved,
                days,
                self._within(MIN_BATCH_SECONDS),
                first_only=True,
            )
            if outcome.status is Status.UNKNOWN and not self._out_of_time():  # one longer try
                outcome = solve_whole(
                    part,
                    self.settings,
                    reserved,
                    days,
                    self._within(4 * MIN_BATCH_SECONDS),
                    first_only=True,
                )
            self._count(outcome.stats, sizes=True)
            if outcome.solution is None and position > 0 and not self._out_of_time():
                outcome = self._repair(n, found)
            if outcome.solution is None:
                # Infeasible beside the earlier batches is not a proof; alone, it is.
                self.status = outcome.status if position == 0 else Status.UNKNOWN
                return n
            self._hand_out(n, outcome.solution.sessions, found)
        self.current = [found[n] for n in range(len(self.parts))]
        return None

    def _show(self, solution: Solution) -> None:
        """Report a first calendar made without a model (the models report their own)."""
        if self.settings.progress is not None:
            elapsed = time.monotonic() - self.settings.started
            cost = total_cost(self.faculty, solution)
            bound = counting_bound(self.faculty)
            self.settings.progress(Progress(elapsed, cost, bound, 1, self.settings.phase))

    def _out_of_time(self) -> bool:
        return self.settings.expired()

    def _within(self, seconds: float) -> float:
        """``seconds``, or what is left of the time limit when that is less."""
        left = self.settings.time_limit - (time.monotonic() - self.settings.started)
        return max(0.1, min(seconds, left))

    def _repair(self, n: int, found: dict[int, tuple[ScheduledSession, ...]]) -> Outcome:
        """Batch ``n`` found no calendar beside the earlier ones: solve it again together with
        the earlier batches that share the most instructors with it, the rest staying fixed."""
        mine = _instructors(self.parts[n])
        sharing = sorted(
            (m for m in found if _instructors(self.parts[m]) & mine),
            key=lambda m: (-len(_instructors(self.parts[m]) & mine), m),
        )[:REPAIR_WITH]
        programmes = [p for m in [n, *sharing] for p in self.parts[m].programmes]
        union = replace(self.faculty, programmes=tuple(programmes))
        others = (c for m, c in found.items() if m not in sharing)
        reserved, days = self._reserved(others)
        outcome = solve_whole(
            union,
            self.settings,
            reserved,
            days,
            self._within(4 * MIN_BATCH_SECONDS),
            first_only=True,
        )
        self._count(outcome.stats)
        return outcome

    def _hand_out(
        self,
        n: int,
        sessions: tuple[ScheduledSession, ...],
        found: dict[int, tuple[ScheduledSession, ...]],
    ) -> None:
        """Give each batch its sessions of a calendar found for ``n`` (and repaired ones)."""
        mine: dict[int, list[ScheduledSession]] = {}
        for placed in sessions:
            programme = self.faculty.session(placed.session).programme
            mine.setdefault(self.batch_of[programme], []).append(placed)
        for m, taken in mine.items():
            found[m] = tuple(taken)
        found.setdefault(n, ())

    def improve(self, time_limit: float, proven: set[int] | None = None) -> tuple[Status, Solution]:
        """Re-solve batches with the others fixed until ``time_limit`` seconds are spent;
        batches in ``proven`` are at their best already and stay as they are.

        Rounds alternate between a search from nothing and one from the batch's calendar: from
        a poor calendar the search stays near it (the bundled DU, 1706 alone in its share, is
        not improved in 24 s from it; from nothing it reaches about 1600), from a good one
        it improves it fastest. A calendar is kept only when the faculty's cost falls."""
        finish = FINISH_SECONDS + FINISH_PER_SESSION * self.stats.sessions
        deadline = time.monotonic() + time_limit - finish
        self.settings = replace(self.settings, phase="improvement")
        proven = set(proven or ())
        counted = [counting_bound(part) for part in self.parts]  # what each must cost at least
        rounds = 0
        while len(proven) < len(self.parts) and deadline - time.monotonic() >= MIN_BATCH_SECONDS:
            hinted = rounds % 2 == 1
            rounds += 1
            # Batches furthest above what their sessions count up to first: with many
            # batches and little time, not all are improved.
            todo = sorted(
                (n for n in range(len(self.parts)) if n not in proven),
                key=lambda n: (counted[n] - self._own_cost(n), n),
            )
            for k, n in enumerate(todo):
                # An equal share each, but enough for one solve: with many batches and little
                # time, the first batches in the order get improved and the rest wait.
                left = deadline - time.monotonic()
                if left < MIN_BATCH_SECONDS:
                    break
                share = max(MIN_BATCH_SECONDS, left / (len(todo) - k))
                before = total_cost(self.faculty, self.solution())
                outcome = self._resolve(n, share, hinted)
                if outcome.solution is None:
                    continue
                kept = self.current[n]
                self.current[n] = outcome.solution.sessions
                if total_cost(self.faculty, self.solution()) > before:
                    self.current[n] = kept
                elif outcome.status is Status.OPTIMAL:
                    proven.add(n)
        # Several batches: each optimal with the others fixed proves nothing overall.
        optimal = len(self.parts) == 1 and bool(proven)
        return (Status.OPTIMAL if optimal else Status.FEASIBLE), self.solution()

    def _own_cost(self, n: int) -> int:
        """Batch ``n``'s calendar's cost, as if it were alone."""
        return total_cost(self.parts[n], Solution(self.current[n]))

    def resolve(self, n: int, time_limit: float) -> tuple[ScheduledSession, ...] | None:
        """Batch ``n`` solved again beside the others as they are, from its current calendar;
        None when it finds none in ``time_limit`` seconds."""
        outcome = self._resolve(n, time_limit)
        return None if outcome.solution is None else outcome.solution.sessions

    def _resolve(self, n: int, time_limit: float, hinted: bool = True) -> Outcome:
        others = (c for m, c in enumerate(self.current) if m != n)
        reserved, days = self._reserved(others)
        outcome = solve_whole(
            self.parts[n],
            self.settings,
            reserved,
            days,
            time_limit,
            start_from=Solution(self.current[n]) if hinted else None,
        )
        self._count(outcome.stats)
        return outcome

    def split(self, solution: Solution) -> None:
        """A faculty calendar back into its batches' calendars (``current``)."""
        by_batch: dict[int, list[ScheduledSession]] = {n: [] for n in range(len(self.parts))}
        for placed in solution.sessions:
            programme = self.faculty.session(placed.session).programme
            by_batch[self.batch_of[programme]].append(placed)
        self.current = [tuple(by_batch[n]) for n in range(len(self.parts))]

    def solution(self) -> Solution:
        return Solution(tuple(s for sessions in self.current for s in sessions))

    def _reserved(
        self, calendars: Iterable[tuple[ScheduledSession, ...]]
    ) -> tuple[Reservations, ReservedDays]:
        reserved = Reservations()
        days: ReservedDays = {}
        for sessions in calendars:
            for placed in sessions:
                _reserve(self.faculty, placed, reserved, days)
        return reserved, days

    def _count(self, part: ModelStats, sizes: bool = False) -> None:
        """Add a batch solve's build time, and its model size in the first pass."""
        total = self.stats
        self.stats = replace(
            total,
            variables=total.variables + (part.variables if sizes else 0),
            constraints=total.constraints + (part.constraints if sizes else 0),
            build_seconds=total.build_seconds + part.build_seconds,
        )


def _instructors(part: Faculty) -> set[str]:
    return {i for spec in part.sessions for i in spec.candidate_instructors}


def _reserve(
    faculty: Faculty, placed: ScheduledSession, reserved: Reservations, days: ReservedDays
) -> None:
    template = faculty.programme(faculty.session(placed.session).programme).slots
    intervals = tuple((minutes(s.start), minutes(s.end)) for s in template.placed(placed.slots))
    reserved.book(placed.date, intervals, placed.instructors, placed.rooms, placed.site)
    for instructor in placed.instructors:
        days.setdefault((instructor, iso_week(placed.date)), set()).add(placed.date)
