"""A faculty of independent programmes: each solved alone, then joined, repaired and improved.

Programmes that share no session (``programme_batches``) are coupled only by the rooms and
instructors they share. Solving each batch alone drops exactly that coupling, so it is a
relaxation: the sum of the batches' proven bounds bounds the faculty, once the one soft
term that can fall when batches meet is allowed for (an instructor teaching in two batches
the same week makes one trip where the batches alone count two, ``trip_allowance``).

A first calendar comes before them, whatever the time limit: the batches placed one beside
the other (``BatchSearch.first_pass``), kept when the rest finds nothing better.

Joined, the batches' own optima are usually a calendar of the faculty already; where two of
them take the same room or instructor, the rooms are matched again, then a programme's
teaching week is moved whole (``week_shifts.py``: the bundled faculty's collisions cost
nothing so), else the batches in conflict are solved again beside the others, the one whose
move costs least kept; what time is left improves, batch by batch, every batch that is not
at its own bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from palliasched.domain.programme import Faculty, Programme
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.quality import total_cost
from palliasched.result import ModelStats, Status
from palliasched.solver.batches import BatchSearch
from palliasched.solver.counting import counting_bound
from palliasched.solver.groups import session_groups
from palliasched.solver.placements import PlacementSpace
from palliasched.solver.replan import replan_search
from palliasched.solver.rooms import rematch_rooms
from palliasched.solver.search import (
    BARE_MODEL,
    COUNTING_MODEL,
    DATED_MODEL,
    POSITIONED_MODEL,
    Outcome,
    Settings,
)
from palliasched.solver.week_shifts import mend_by_week_shifts
from palliasched.verify import verify

# Share of the time the batches alone get (the rest repairs and improves).
ALONE_SHARE = 0.6

# Groups are solved alone only when at most this share of the sessions may be taught by
# someone teaching in another group: more coupled, the groups' own optima collide and the
# repair costs more than it saves (ten synthetic programmes sharing a pool of instructors,
# every session coupled: 15048 against 9954). The bundled faculty, with the MOOC's live
# sessions given by two of the Master's instructors, has 15 %.
COUPLED_SESSIONS = 0.2

# Seconds a group solved alone needs at least (building its models takes a few tenths).
MIN_SHARE = 0.5

# Share of the time left the closest calendar of the joined ones gets (``_closest``).
CLOSEST_SHARE = 0.75

# Rounds of re-solving the batches in conflict, and the share of the time left they may take
# before the closest calendar of the whole faculty is looked for instead.
MAX_REPAIRS = 6
RESOLVE_SHARE = 0.5

# Share of the time left that moving teaching weeks may take (it needs tenths of a second).
SHIFT_SHARE = 0.25

BOUND_BY = "the sum of the bounds of the {n} programme groups solved alone ({names})"

# The models a group's bound may come from, the longer name first (it holds the shorter).
MODELS = (POSITIONED_MODEL, BARE_MODEL, DATED_MODEL, COUNTING_MODEL)

SolvePart = Callable[[Faculty, Settings], Outcome]


@dataclass(frozen=True)
class Alone:
    """What the batches solved alone give: their calendars and the faculty's bound."""

    outcomes: list[Outcome]
    bound: float | None
    bound_by: str | None


def solve_decomposed(faculty: Faculty, settings: Settings, solve_part: SolvePart) -> Outcome:
    """The faculty solved batch by batch from each batch's own optimum (see the module)."""
    search = BatchSearch(faculty, settings)
    # A calendar first, whatever the time limit: the batches placed one beside the other.
    placed = search.first_pass()
    if not placed and search.status is Status.INFEASIBLE:
        return Outcome(Status.INFEASIBLE, None, None, search.stats)
    first = list(search.current) if placed else None
    alone = solve_alone(search.parts, faculty, settings, solve_part)
    stats = _stats(search, alone.outcomes)
    if any(o.status is Status.INFEASIBLE for o in alone.outcomes):
        # A relaxation of the faculty has no calendar: neither has the faculty.
        return Outcome(Status.INFEASIBLE, None, None, stats)
    # A batch that found nothing alone in its share keeps its calendar of the first pass.
    joined = [
        o.solution.sessions if o.solution is not None else first[n] if first else None
        for n, o in enumerate(alone.outcomes)
    ]
    if len(joined) == len(search.parts) and all(sessions is not None for sessions in joined):
        search.current = [sessions for sessions in joined if sessions is not None]
        search.settings = replace(settings, phase="repair")
        if not _repair(search, settings):
            if first is None:
                return Outcome(Status.UNKNOWN, None, alone.bound, stats, alone.bound_by)
            search.current = first
        elif first is not None and _cost(faculty, first) < _cost(faculty, search.current):
            search.current = first
    elif first is None:
        return Outcome(Status.UNKNOWN, None, alone.bound, stats, alone.bound_by)
    else:
        search.current = first
    at_bound = {
        n
        for n, o in enumerate(alone.outcomes)
        if o.solution is not None
        and o.bound is not None
        and o.status is Status.OPTIMAL
        and _times(search.current[n]) == _times(o.solution.sessions)
    }
    if alone.bound is None or total_cost(faculty, search.solution()) > alone.bound:
        search.improve(settings.remaining(), proven=at_bound)
    solution = search.solution()
    status = Status.FEASIBLE
    if alone.bound is not None and total_cost(faculty, solution) <= alone.bound:
        status = Status.OPTIMAL
    first_s = search.first_complete or None
    stats = replace(_stats(search, alone.outcomes), first_solution_seconds=first_s)
    return Outcome(status, solution, alone.bound, stats, alone.bound_by)


def solve_alone(
    parts: list[Faculty], faculty: Faculty, settings: Settings, solve_part: SolvePart
) -> Alone:
    """Each batch solved alone with its share of ``ALONE_SHARE`` of the time, the smaller
    first (time a batch does not use goes to the next: the largest gets what the others leave),
    and the faculty's bound from their bounds."""
    budget_end = time.monotonic() + settings.remaining() * ALONE_SHARE
    by_size = sorted(range(len(parts)), key=lambda n: sum(1 for _ in parts[n].sessions))
    found: dict[int, Outcome] = {}
    for k, n in enumerate(by_size):
        share = (budget_end - time.monotonic()) / (len(parts) - k)
        if share < MIN_SHARE:  # the time limit is a limit: building its models takes longer
            found[n] = Outcome(Status.UNKNOWN, None, None, ModelStats())
            continue
        label = f"programme group {k + 1} of {len(parts)}"
        mine = replace(
            settings, time_limit=time.monotonic() - settings.started + share, phase=label
        )
        found[n] = solve_part(parts[n], mine)
        if found[n].status is Status.INFEASIBLE:
            break
    outcomes = [found[n] for n in range(len(parts)) if n in found]
    if len(outcomes) < len(parts):
        return Alone(outcomes, None, None)
    bounds, provers = [], []
    for part, outcome in zip(parts, outcomes, strict=True):
        # A group not proven in its share still needs what its sessions count up to.
        counted = counting_bound(part)
        if outcome.bound is None or outcome.bound < counted:
            bounds.append(float(counted))
            provers.append(COUNTING_MODEL)
        else:
            bounds.append(outcome.bound)
            provers.append(outcome.bound_by or DATED_MODEL)
    total = sum(bounds) - trip_allowance(faculty, parts)
    by = BOUND_BY.format(n=len(parts), names=_models(provers))
    return Alone(outcomes, max(0.0, total), by)


def _models(provers: Iterable[str]) -> str:
    """The models named in ``provers`` (each may name several), once each."""
    found: list[str] = []
    for text in provers:
        for model in MODELS:
            if model in text:
                text = text.replace(model, "")
                found.append(model)
    return " and ".join(model for model in MODELS if model in found)


def trip_allowance(faculty: Faculty, parts: list[Faculty]) -> int:
    """How much lower the faculty's trips may cost than the sum of the batches' trips.

    Trips never merge across sites (a trip is a run of consecutive days taught on one site
    within a week), and an online session has no site. On one site, adding a day to the days
    an instructor teaches there can merge two runs into one, no more: the faculty's runs are
    at least one batch's runs less the days the other batches add, and each of those batches
    counts at most one run per day. Each batch teaches them at most one day per session it may
    give them there; so joining saves at most, per site, twice the sum of those session counts
    less the largest, each a trip and its journeys to that site. (Not once: Monday and
    Wednesday in one batch and Tuesday in the other are three trips apart, one together.)
    """
    weights, travel = faculty.weights, faculty.travel
    saved = 0
    for (instructor, site), counts in _sessions_by_site(faculty, parts).items():
        home = faculty.instructor(instructor).home_site
        journeys = travel.round_trip_hours(home, site)  # 0 online
        per_trip = weights.instructor_trips + weights.travel_time * journeys
        saved += 2 * (sum(counts) - max(counts)) * per_trip
    return saved


def _sessions_by_site(
    faculty: Faculty, parts: list[Faculty]
) -> dict[tuple[str, str | None], list[int]]:
    """Per instructor and site (None: online), how many sessions of each part they may teach
    there (a session that may take several sites counts on each)."""
    counts: dict[tuple[str, str | None], list[int]] = {}
    for n, part in enumerate(parts):
        for spec in part.sessions:
            for instructor in spec.candidate_instructors:
                for site in spec.sites or (None,):
                    counts.setdefault((instructor, site), [0] * len(parts))[n] += 1
    return counts


def loosely_coupled(faculty: Faculty, groups: list[list[Programme]]) -> bool:
    """At most ``COUPLED_SESSIONS`` of the sessions may be taught by an instructor who also
    teaches in another group."""
    parts = [replace(faculty, programmes=tuple(group)) for group in groups]
    counts = _sessions_by_group(faculty, parts)
    shared = {i for i, per_group in counts.items() if sum(1 for n in per_group if n) > 1}
    specs = list(faculty.sessions)
    coupled = sum(1 for s in specs if shared.intersection(s.candidate_instructors))
    return coupled <= COUPLED_SESSIONS * len(specs)


def _sessions_by_group(faculty: Faculty, parts: list[Faculty]) -> dict[str, list[int]]:
    """Per instructor, how many sessions of each part they may teach."""
    counts = {i.id: [0] * len(parts) for i in faculty.instructors}
    for n, part in enumerate(parts):
        for spec in part.sessions:
            for instructor in spec.candidate_instructors:
                counts[instructor][n] += 1
    return counts


def _repair(search: BatchSearch, settings: Settings) -> bool:
    """Mend the joined calendars: the rooms matched again over the faculty, times kept; then
    teaching weeks moved (``week_shifts.py``); then the batches whose calendars still break
    a rule re-solved beside the others (``_resolve_involved``); else the closest calendar of
    the whole faculty (``_closest``). False when all of that fails in its time."""
    faculty = search.faculty
    joined = search.solution()
    violations = verify(faculty, joined)
    if not violations:
        return True
    space = PlacementSpace(faculty, session_groups(faculty))  # one for every matching below
    # Two batches in one room at once: the rooms matched again over the faculty, times kept.
    rematched = rematch_rooms(faculty, joined, space)
    if rematched is not None and len(verify(faculty, rematched)) < len(violations):
        search.split(rematched)
    end = time.monotonic() + settings.remaining() * SHIFT_SHARE
    mended = mend_by_week_shifts(faculty, search.solution(), end, space)
    if mended is not None:
        search.split(mended)
    if mended is not None or _resolve_involved(search, settings) or _closest(search, settings):
        search.first_complete = search.first_complete or time.monotonic() - settings.started
        return True
    return False


def _resolve_involved(search: BatchSearch, settings: Settings) -> bool:
    """The batches named by the calendar's violations re-solved beside the others, the move
    that clears every violation at the least cost kept (else the last batch moved, and looked
    at again), at most ``MAX_REPAIRS`` rounds, within ``RESOLVE_SHARE`` of the time left.
    True when the calendar then breaks no rule; else the calendars are left as they were."""
    faculty = search.faculty
    before = list(search.current)
    end = time.monotonic() + settings.remaining() * RESOLVE_SHARE
    for _ in range(MAX_REPAIRS):
        violations = verify(faculty, search.solution())
        if not violations:
            return True
        involved = sorted(
            {
                search.batch_of[faculty.session(s).programme]
                for v in violations
                for s in v.sessions
                if faculty.has("session", s)
            }
        ) or list(range(len(search.parts)))
        best: tuple[int, int, tuple[ScheduledSession, ...]] | None = None
        for k, n in enumerate(involved):
            share = (end - time.monotonic()) / (2 * (len(involved) - k))
            moved = search.resolve(n, share) if share > MIN_SHARE else None
            if moved is None:
                continue
            kept = search.current[n]
            search.current[n] = moved
            if not verify(faculty, search.solution()):
                cost = total_cost(faculty, search.solution())
                if best is None or cost < best[0]:
                    best = (cost, n, moved)
            search.current[n] = kept
        if best is not None:
            search.current[best[1]] = best[2]
            continue
        # No single move clears every conflict: move the last batch involved, look again.
        share = (end - time.monotonic()) / 2
        moved = search.resolve(involved[-1], share) if share > MIN_SHARE else None
        if moved is None:
            break
        search.current[involved[-1]] = moved
    if not verify(faculty, search.solution()):
        return True
    search.current = before
    return False


def _closest(search: BatchSearch, settings: Settings) -> bool:
    """The joined calendars re-planned as one: the collisions of rooms usually need no
    session moved (the rooms are matched again), an instructor's week limit one or two;
    the fewest moves are proven first, then the soft cost (the re-planning's three levels).
    True when it found a valid calendar within ``CLOSEST_SHARE`` of the time left."""
    faculty = search.faculty
    share = settings.remaining() * CLOSEST_SHARE
    # No progress from it: its levels count moves, and its bounds hold for the restricted
    # search only, not for the faculty.
    mine = replace(settings, time_limit=time.monotonic() - settings.started + share, progress=None)
    found = replan_search(faculty, search.solution(), set(), mine)
    if found.solution is None or verify(faculty, found.solution):
        return False
    search.split(found.solution)
    return True


def _times(sessions: Iterable[ScheduledSession]) -> set[tuple[object, ...]]:
    """Where and when each session takes place, by whom: its rooms aside (they cost nothing,
    and the closest calendar may match them again)."""
    return {(s.session, s.date, s.slots, s.instructors, s.site) for s in sessions}


def _cost(faculty: Faculty, calendars: list[tuple[ScheduledSession, ...]]) -> int:
    return total_cost(faculty, Solution(tuple(s for c in calendars for s in c)))


def _stats(search: BatchSearch, outcomes: list[Outcome]) -> ModelStats:
    total = search.stats
    for o in outcomes:
        total = replace(
            total,
            groups=total.groups + o.stats.groups,
            placements=total.placements + o.stats.placements,
            variables=total.variables + o.stats.variables,
            constraints=total.constraints + o.stats.constraints,
            build_seconds=total.build_seconds + o.stats.build_seconds,
            room_cuts=total.room_cuts + o.stats.room_cuts,
        )
    return total
