"""From a faculty to a verified calendar: build, solve, match rooms, verify, explain.

Small faculties are solved as one model. Large ones are solved in batches of programmes
(programmes sharing a cohort stay together), each batch seeing the instructors and rooms the
earlier batches took; the whole is then verified like any other calendar.
"""

from __future__ import annotations

import time
from dataclasses import replace

from palliasched.domain.programme import Faculty
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.quality import soft_costs, total_cost
from palliasched.result import ModelStats, Result, Status
from palliasched.solver.batches import BatchSearch, programme_batches
from palliasched.solver.bounded import better, solve_bounded, with_bound
from palliasched.solver.cases import Case, solve_cases, split_cases
from palliasched.solver.counting import counting_bound
from palliasched.solver.decomposition import loosely_coupled, solve_decomposed
from palliasched.solver.parts import split_by_dates, spread_correction
from palliasched.solver.positioned import has_rhythm
from palliasched.solver.search import (
    COUNTING_MODEL,
    LogHook,
    Outcome,
    ProgressHook,
    Settings,
    add_stats,
    solve_whole,
)
from palliasched.verify import verify

# Above this many candidate placements, a part holding several independent programmes is
# solved batch by batch (about two M2-size programmes: one model then takes 15 s and more
# to find a first calendar, the batches 2 s each).
BATCHES_FROM = 8_000

# Up to this many independent programme groups, each is solved alone to its optimum first
# (a few seconds each); beyond, the batches take first calendars one beside the other.
DECOMPOSE_UP_TO = 12

# ... when they are loosely coupled (``decomposition.loosely_coupled``).


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
    outcome = _solve_groups(faculty, settings, batches)
    runtime = time.monotonic() - started
    if outcome.status is Status.INFEASIBLE and explain:
        from palliasched.solver.conflicts import explain_infeasibility

        remaining = max(5.0, time_limit - runtime)
        matching = outcome.stats.room_cuts > 0
        conflicts = tuple(
            explain_infeasibility(faculty, time_limit=remaining, seed=seed, room_matching=matching)
        )
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


def _solve_groups(faculty: Faculty, settings: Settings, batches: bool | None) -> Outcome:
    """Independent programme groups each solved alone then joined (``decomposition.py``)
    when there are a few; else the faculty split by dates (``_solve_parts``)."""
    groups = programme_batches(faculty)
    if batches is None and 1 < len(groups) <= DECOMPOSE_UP_TO and loosely_coupled(faculty, groups):
        outcome = solve_decomposed(faculty, settings, lambda part, s: _solve_parts(part, s, False))
        # Every group at its own bound, yet not proven together (the trips two groups could
        # share): a small faculty is then proven, or improved, as one model.
        small = _estimated_placements(faculty) <= BATCHES_FROM
        if outcome.status is Status.FEASIBLE and small and outcome.solution is not None:
            whole = solve_whole(
                faculty, settings, start_from=outcome.solution, lower_bound=outcome.bound
            )
            # Both bounds hold for the whole faculty: each calendar gets the stronger one.
            joined = with_bound(faculty, outcome, whole.bound, whole.bound_by or "")
            searched = with_bound(faculty, whole, outcome.bound, outcome.bound_by or "")
            best = better(faculty, joined, searched) or joined
            return replace(best, stats=add_stats(outcome.stats, whole.stats))
        if outcome.status is not Status.UNKNOWN or settings.expired():
            return outcome
        # The groups' calendars could not be joined: the whole model, which can also prove
        # that the shared rooms and instructors leave no calendar.
        batches = False
    return _solve_parts(faculty, settings, batches)


def _solve_parts(faculty: Faculty, settings: Settings, batches: bool | None) -> Outcome:
    """Solve each part of an exact split by dates (S1, S2) on its own, then join them.

    A part is solved whole, or batch by batch when ``batches`` says so or, by default, when it
    holds several independent programmes and is large. Batch by batch, every part first gets a
    calendar quickly, then the time left improves them.
    """
    parts = split_by_dates(faculty)
    if len(parts) == 1 and batches is not True and (cases := split_cases(faculty)):
        return _solve_cases(faculty, cases, settings)
    if len(parts) == 1 and batches is not True and has_rhythm(faculty):
        coupled = split_by_dates(faculty, across_rhythm=True)
        if len(coupled) > 1:
            return _solve_coupled(faculty, coupled, settings)

    def by_batches(part: Faculty) -> bool:
        if batches is not None:
            return batches
        many = len(programme_batches(part)) > 1
        return many and _estimated_placements(part) > BATCHES_FROM

    searches = {n: BatchSearch(part, settings) for n, part in enumerate(parts) if by_batches(part)}
    for search in searches.values():
        if not search.first_pass():
            return Outcome(search.status, None, None, search.stats)
    sessions: list[ScheduledSession] = []
    bound: float | None = spread_correction(faculty, parts) if len(parts) > 1 else 0
    totals = ModelStats()
    statuses = []
    provers: list[str] = []
    for n, part in enumerate(parts):
        if settings.expired():
            return Outcome(Status.UNKNOWN, None, None, totals)  # the time limit is a limit
        # Batches fixed one beside the other prove nothing: the sessions' count bounds.
        counted = counting_bound(part) if n in searches else 0
        share = settings.remaining() / (len(parts) - n)
        if n in searches:
            status, found = searches[n].improve(share)
            outcome = Outcome(status, found, counted, searches[n].stats, COUNTING_MODEL)
        else:
            outcome = solve_bounded(part, settings, share)
        totals = add_stats(totals, outcome.stats)
        statuses.append(outcome.status)
        if outcome.solution is None:
            return Outcome(outcome.status, None, None, totals)
        sessions += outcome.solution.sessions
        bound = None if bound is None or outcome.bound is None else bound + outcome.bound
        provers.append(outcome.bound_by or "")
    status = Status.OPTIMAL if all(s is Status.OPTIMAL for s in statuses) else Status.FEASIBLE
    if searches:
        first = max(s.first_complete for s in searches.values())
        totals = replace(totals, first_solution_seconds=first)
    totals = replace(totals, parts=len(parts))
    return Outcome(status, Solution(tuple(sessions)), bound, totals, _bound_source(provers))


def _solve_cases(faculty: Faculty, cases: list[Case], settings: Settings) -> Outcome:
    """The year solved by cases (``cases.py``); when they found no calendar in their time,
    the whole model goes on with their bound."""
    outcome = solve_cases(faculty, cases, settings, solve_bounded)
    if outcome.solution is not None or outcome.status is Status.INFEASIBLE or settings.expired():
        return outcome
    whole = solve_whole(faculty, settings, lower_bound=outcome.bound)
    stats = add_stats(outcome.stats, whole.stats)
    return replace(with_bound(faculty, whole, outcome.bound, outcome.bound_by or ""), stats=stats)


# Share of the time the parts of a split across a rhythm get; the whole model has the rest.
COUPLED_SHARE = 0.5


def _solve_coupled(faculty: Faculty, parts: list[Faculty], settings: Settings) -> Outcome:
    """Parts split across a rhythm (``split_by_dates(across_rhythm=True)``), each solved and
    bounded with its side of the rhythm, then joined.

    The sum of their bounds bounds the whole (a run of weeks without teaching across a cut
    costs at least what its sides cost apart). The joined calendar is optimal when it breaks
    no rule and costs that sum; else the whole model goes on from it, with that bound.
    """
    sessions: list[ScheduledSession] = []
    bound: float | None = spread_correction(faculty, parts)
    totals = ModelStats()
    provers: list[str] = []
    for n, part in enumerate(parts):
        if settings.expired():
            return Outcome(Status.UNKNOWN, None, None, totals)
        share = settings.remaining() * COUPLED_SHARE / (len(parts) - n)
        outcome = solve_bounded(part, settings, share)
        totals = add_stats(totals, outcome.stats)
        if outcome.status is Status.INFEASIBLE:
            break  # a relaxation without a calendar: the whole model explains why
        if outcome.solution is not None:
            sessions += outcome.solution.sessions
        bound = None if bound is None or outcome.bound is None else bound + outcome.bound
        provers.append(outcome.bound_by or "")
    else:
        joined = Solution(tuple(sessions))
        if (
            bound is not None
            and len(sessions) == sum(1 for _ in faculty.sessions)
            and not verify(faculty, joined)
            and total_cost(faculty, joined) <= bound
        ):
            totals = replace(totals, parts=len(parts))
            return Outcome(Status.OPTIMAL, joined, bound, totals, _bound_source(provers))
    hint = Solution(tuple(sessions)) if sessions else None
    lower = None if bound is None or len(provers) < len(parts) else bound
    whole = solve_whole(faculty, settings, start_from=hint, lower_bound=lower)
    totals = add_stats(totals, whole.stats)
    if lower is None or whole.solution is None or (whole.bound or 0) >= lower:
        return replace(whole, stats=totals)
    return replace(whole, bound=lower, bound_by=_bound_source(provers), stats=totals)


def _bound_source(provers: list[str]) -> str | None:
    """Which model(s) proved a bound summed over the parts of a split by dates."""
    if not all(provers):
        return None
    if len(provers) == 1:
        return provers[0]
    names = " and ".join(dict.fromkeys(provers))
    return f"the sum of the bounds of the {len(provers)} parts split by dates ({names})"


def _estimated_placements(faculty: Faculty) -> int:
    total = 0
    for spec in faculty.sessions:
        span = faculty.session_span(spec)
        days = 0 if span is None else (span.end - span.start).days * 5 // 7
        total += days * max(1, len(spec.sites))
    return total
