"""A year cut at a semester by cases: how many copies of a session fall on either side.

``split_by_dates`` cuts the year only where every session keeps to one side of the cut. A
session taught ``count: n`` times over both semesters (the DU's four thesis conferences, one
per regroupement) keeps the year whole, and the whole year is far harder to prove than its
semesters. Its copies are interchangeable, so every calendar has some number ``c`` of them
before the cut and the rest after: the year is the best of ``n + 1`` cases, each an exact
split (``c`` copies with their window clipped to before the cut, the others to after). A
case's bound is the sum of its parts' bounds (plus the spread ``spread_correction`` adds),
the year's bound the least case bound; a case whose bound reaches the best calendar found
needs no calendar of its own.

The cases are taken in the order of their counting bounds; the first is solved part by
part, every other one is first bounded (the bare-week relaxation of each part, asked only
whether it can beat what the best calendar leaves it) and solved only when it may be better.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import time
from dataclasses import dataclass, replace

from palliasched.domain.calendar import DateRange, french_date
from palliasched.domain.programme import Faculty, SessionSpec
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.quality import total_cost
from palliasched.result import ModelStats, Status
from palliasched.solver.bounded import capped_bound
from palliasched.solver.counting import counting_bound
from palliasched.solver.parts import split_by_dates, spread_correction
from palliasched.solver.relaxation import bare_weeks
from palliasched.solver.search import (
    COUNTING_MODEL,
    Outcome,
    Settings,
    add_stats,
)
from palliasched.solver.together import SolvePart, solve_together
from palliasched.verify import verify

# At most this many cases (the product of each crossing series' copies plus one).
MAX_CASES = 12

# Share of the time the first case (the likeliest best) may take; what it leaves goes on.
FIRST_SHARE = 0.5


@dataclass(frozen=True)
class Case:
    """One case: its parts, what their objectives miss of the whole's, and which copies of
    which series it puts where (``series``: the same for every case of a cut)."""

    parts: tuple[Faculty, ...]
    correction: int
    name: str
    series: str


def split_cases(faculty: Faculty) -> list[Case]:
    """The year cut at a semester start by cases of how many copies of each session series
    taught in both semesters fall before it; [] when no cut is held back by such copies only
    (or the year splits without cases)."""
    if len(split_by_dates(faculty)) > 1:
        return []
    cuts = sorted(
        {
            semester.start
            for programme in faculty.programmes
            for _, semester in programme.semesters
            if semester.start > faculty.calendar.year.start
        }
    )
    for cut in cuts:
        series = _crossing_series(faculty, cut)
        if not series or math.prod(len(s) + 1 for s in series) > MAX_CASES:
            continue
        cases = []
        for before in itertools.product(*(range(len(s) + 1) for s in series)):
            clipped = _clipped(faculty, cut, series, before)
            parts = split_by_dates(clipped)
            if len(parts) < 2:
                break  # something else holds this cut back
            name = ", ".join(
                f"{n} of the {len(s)} « {s[0].title} » before {french_date(cut)}"
                for n, s in zip(before, series, strict=True)
            )
            titles = " and ".join(f"the {len(s)} « {s[0].title} »" for s in series)
            where = f"how many of {titles} fall before {french_date(cut)}"
            cases.append(Case(tuple(parts), spread_correction(clipped, parts), name, where))
        else:
            return cases
    return []


def _crossing_series(faculty: Faculty, cut: dt.date) -> list[list[SessionSpec]] | None:
    """The sessions whose dates reach both sides of ``cut``, as series of identical copies;
    None when one of them is not such a copy (or is pinned, ordered or kept days apart)."""
    crossing = []
    for spec in faculty.sessions:
        span = faculty.session_span(spec)
        if span is not None and span.start < cut <= span.end:
            crossing.append(spec)
    series: dict[SessionSpec, list[SessionSpec]] = {}
    for spec in crossing:
        spacing = spec.spacing
        if spec.order is not None or spec.date is not None or spec.after:
            return None
        if spacing is not None and spacing.min_days_between and not spacing.soft:
            return None  # copies on either side could come too close across the cut
        series.setdefault(replace(spec, id=""), []).append(spec)
    named = {spec.id for spec in crossing}
    if any(named.intersection(other.after) for other in faculty.sessions):
        return None  # a precedence could run across the cut
    found = list(series.values())
    alike = sum(1 for spec in faculty.sessions if replace(spec, id="") in series)
    return found if found and alike == len(crossing) else None


def _clipped(
    faculty: Faculty, cut: dt.date, series: list[list[SessionSpec]], before: tuple[int, ...]
) -> Faculty:
    """``faculty`` with the first ``before[n]`` copies of series ``n`` kept before ``cut``, the
    others after it."""
    year = faculty.calendar.year
    sides = (DateRange(year.start, cut - dt.timedelta(days=1)), DateRange(cut, year.end))
    side_of = {
        spec.id: sides[0] if k < count else sides[1]
        for copies, count in zip(series, before, strict=True)
        for k, spec in enumerate(copies)
    }

    def clip(spec: SessionSpec) -> SessionSpec:
        side = side_of.get(spec.id)
        if side is None:
            return spec
        return replace(spec, window=side if spec.window is None else spec.window.intersect(side))

    programmes = tuple(
        replace(p, sessions=tuple(clip(s) for s in p.sessions)) for p in faculty.programmes
    )
    return replace(faculty, programmes=programmes)


def solve_cases(
    faculty: Faculty, cases: list[Case], settings: Settings, solve_part: SolvePart
) -> Outcome:
    """The best calendar of the cases and the least of their bounds (see the module)."""
    search = _CaseSearch(faculty, cases, settings)
    deadline = search.deadline
    order = sorted(range(len(cases)), key=lambda k: (search.bound(k), k))
    for rank, k in enumerate(order):
        left = deadline - time.monotonic()
        if left <= 0.1:
            break
        if search.bound(k) >= search.best_cost:
            continue
        if search.best is not None:
            # Can it beat the best calendar at all? Its parts' relaxations answer quickly.
            search.tighten(k, left / (len(order) - rank) / 2)
            if search.bound(k) >= search.best_cost:
                continue
        share = left * FIRST_SHARE if search.best is None else left / (len(order) - rank)
        search.solve(k, share, solve_part)
    # The time left closes the gap: the cases still open asked again, sharing what is left
    # (a relaxation asked a second time starts over: one long search beats doubling ones).
    while search.best is not None:
        left = deadline - time.monotonic()
        still = [k for k in order if search.bound(k) < search.best_cost]
        if not still or left <= 0.1:
            break
        before = [search.bound(k) for k in still]
        for n, k in enumerate(still):
            search.tighten(k, max(0.1, deadline - time.monotonic()) / (len(still) - n))
        if before == [search.bound(k) for k in still]:
            break  # the time it had changed nothing: nothing more to prove here
    return search.outcome()


class _CaseSearch:
    """The cases' part bounds and the best calendar found so far."""

    def __init__(self, faculty: Faculty, cases: list[Case], settings: Settings) -> None:
        self.faculty, self.cases, self.settings = faculty, cases, settings
        self.deadline = time.monotonic() + settings.remaining()
        self.lower = [[float(counting_bound(p)) for p in case.parts] for case in cases]
        self.by = [[COUNTING_MODEL for _ in case.parts] for case in cases]
        self.best: Solution | None = None
        self.best_cost = math.inf
        self.stats = ModelStats()

    def bound(self, k: int) -> float:
        return sum(self.lower[k]) + self.cases[k].correction

    def tighten(self, k: int, budget: float) -> None:
        """Raise the bounds of case ``k``'s parts, each asked only whether it can cost less
        than what the best calendar leaves it, the cheaper part first, each for ``budget``
        seconds at most and none past the deadline."""
        parts = self.cases[k].parts
        for j in sorted(range(len(parts)), key=lambda j: self.lower[k][j]):
            left = min(budget, self.deadline - time.monotonic())
            if self.bound(k) >= self.best_cost or left < 0.1:
                return
            below = self.best_cost - (self.bound(k) - self.lower[k][j])
            weeks = bare_weeks(parts[j], None)
            found, by, _ = capped_bound(
                parts[j], weeks, below, self.lower[k][j], self.settings, left
            )
            if found is not None and found > self.lower[k][j]:
                self.lower[k][j], self.by[k][j] = found, by

    def solve(self, k: int, share: float, solve_part: SolvePart) -> None:
        """Case ``k`` solved part by part: its parts' bounds, and its calendar when better."""
        case = self.cases[k]
        phases = [
            f"case {k + 1} of {len(self.cases)}, part {j + 1} of {len(case.parts)}"
            for j in range(len(case.parts))
        ]
        outcomes = solve_together(case.parts, self.settings, share, solve_part, phases)
        sessions: list[ScheduledSession] = []
        for j, outcome in enumerate(outcomes):
            self.stats = add_stats(self.stats, outcome.stats)
            if outcome.status is Status.INFEASIBLE:
                self.lower[k][j], self.by[k][j] = math.inf, outcome.bound_by or ""
            elif outcome.bound is not None and outcome.bound > self.lower[k][j]:
                self.lower[k][j], self.by[k][j] = outcome.bound, outcome.bound_by or ""
            if outcome.solution is not None:
                sessions += outcome.solution.sessions
        if any(outcome.solution is None for outcome in outcomes):
            return
        joined = Solution(tuple(sessions))
        if verify(self.faculty, joined):
            return  # never expected (an exact split): the other cases still hold
        cost = total_cost(self.faculty, joined)
        if cost < self.best_cost:
            self.best, self.best_cost = joined, cost

    def outcome(self) -> Outcome:
        bounds = [self.bound(k) for k in range(len(self.cases))]
        least = min(bounds)
        stats = replace(self.stats, parts=max(len(c.parts) for c in self.cases))
        if self.best is None:
            status = Status.INFEASIBLE if least == math.inf else Status.UNKNOWN
            return Outcome(status, None, None if least == math.inf else least, stats)
        status = Status.OPTIMAL if self.best_cost <= least else Status.FEASIBLE
        return Outcome(status, self.best, least, stats, self._bound_by())

    def _bound_by(self) -> str:
        models = " and ".join(
            dict.fromkeys(b for row in self.by for b in row if b and b != COUNTING_MODEL)
            or [COUNTING_MODEL]
        )
        return (
            f"the least, over the {len(self.cases)} cases of {self.cases[0].series}, of the sums"
            f" of their parts' bounds ({models})"
        )
