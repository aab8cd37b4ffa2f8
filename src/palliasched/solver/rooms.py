"""Concrete rooms, once times are fixed: an exact matching per site and day.

The time model only counted seats (``resources.add_room_capacity``). Here each placed session
gets ``groups x rooms_per_group`` distinct rooms that fit, are open and free, preferring the
smallest room that fits and, for a cohort, the same room all day. When no matching exists
(possible only with allowed-room lists), the sessions of that site and day are returned as a
conflict for the model to forbid together.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from palliasched.domain.programme import Faculty, SessionSpec
from palliasched.domain.solution import Solution
from palliasched.solver.groups import session_groups
from palliasched.solver.placements import Placement, PlacementSpace

# Above every other preference of the matching: a room a session had before is kept.
KEEP_ROOM = 1_000_000


@dataclass(frozen=True, slots=True)
class Booking:
    """A placed session that needs rooms: its placement and which of the group's copies."""

    placement: Placement
    spec: SessionSpec


def assign_rooms(
    faculty: Faculty,
    space: PlacementSpace,
    bookings: list[Booking],
    keep: dict[str, tuple[str, ...]] | None = None,
) -> tuple[dict[tuple[int, str], tuple[str, ...]], list[list[int]]]:
    """Rooms per (placement index, session id), and the placements of each failed site-day.

    ``keep`` gives sessions rooms they had before (re-planning): a session keeps each of them
    that is free, before any other preference.
    """
    at: dict[tuple[str, dt.date], list[Booking]] = defaultdict(list)
    for booking in bookings:
        p = booking.placement
        if p.site is not None and booking.spec.rooms_per_group:
            at[(p.site, p.day)].append(booking)
    rooms: dict[tuple[int, str], tuple[str, ...]] = {}
    conflicts: list[list[int]] = []
    for (site, day), here in sorted(at.items()):
        found = _match(faculty, space, site, day, here, keep or {})
        if found is None:
            conflicts.append(sorted({b.placement.index for b in here}))
        else:
            rooms.update(found)
    return rooms, conflicts


def _match(
    faculty: Faculty,
    space: PlacementSpace,
    site: str,
    day: dt.date,
    here: list[Booking],
    keep: dict[str, tuple[str, ...]],
) -> dict[tuple[int, str], tuple[str, ...]] | None:
    model = cp_model.CpModel()
    order = [r.id for r in faculty.rooms_of(site)]
    use: dict[tuple[int, str], cp_model.IntVar] = {}
    cost = []
    for n, booking in enumerate(here):
        spec, p = booking.spec, booking.placement
        need = faculty.group_size(spec)
        fitting = [
            room_id
            for room_id in space.usable_rooms(spec, site, day)
            if space.reserved.room_free(room_id, day, p.intervals)
        ]
        if len(fitting) < spec.rooms_needed:
            return None
        for room_id in fitting:
            use[(n, room_id)] = model.new_bool_var(f"r_{n}_{room_id}")
            waste = faculty.room(room_id).capacity - need
            cost.append((waste * len(order) + order.index(room_id)) * use[(n, room_id)])
            if spec.id in keep and room_id not in keep[spec.id]:
                cost.append(KEEP_ROOM * use[(n, room_id)])
        model.add(sum(use[(n, r)] for r in fitting) == spec.rooms_needed)
    for minute in space.time_points:
        for room_id in order:
            covering = [
                use[(n, room_id)]
                for n, b in enumerate(here)
                if (n, room_id) in use and b.placement.covers(minute)
            ]
            if len(covering) > 1:
                model.add_at_most_one(covering)
    cost += _rooms_changed(model, here, order, use)
    model.minimize(sum(cost))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10.0
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    found: dict[tuple[int, str], tuple[str, ...]] = {}
    for n, booking in enumerate(here):
        chosen = tuple(r for r in order if (n, r) in use and solver.value(use[(n, r)]))
        found[(booking.placement.index, booking.spec.id)] = chosen
    return found


def _rooms_changed(
    model: cp_model.CpModel,
    here: list[Booking],
    order: list[str],
    use: dict[tuple[int, str], cp_model.IntVar],
) -> list[cp_model.LinearExpr]:
    """Cost terms of the rooms each cohort uses in the day: it keeps its room when it can."""
    cost: list[cp_model.LinearExpr] = []
    for cohort in sorted({c for b in here for c in b.spec.cohorts}):
        for room_id in order:
            mine = [
                use[(n, room_id)]
                for n, b in enumerate(here)
                if cohort in b.spec.cohorts and (n, room_id) in use
            ]
            if mine:
                used = model.new_bool_var(f"u_{cohort}_{room_id}")
                for v in mine:
                    model.add(v <= used)
                cost.append(1000 * used)
    return cost


def rematch_rooms(
    faculty: Faculty,
    solution: Solution,
    space: PlacementSpace | None = None,
    days: set[dt.date] | None = None,
) -> Solution | None:
    """``solution`` with its rooms matched again over the whole faculty, its times kept (each
    session keeps the rooms it has where they are free); None when some site-day has no
    matching or a session has no place its group may take. ``space``: the faculty's, when
    the caller matches many calendars; ``days``: only these days matched again, the
    sessions of other days keeping their rooms as they are."""
    space = space or PlacementSpace(faculty, session_groups(faculty))
    group_of = {spec.id: g.index for g in space.groups for spec in g.sessions}
    matched = [p for p in solution.sessions if days is None or p.date in days]
    bookings = []
    for placed in matched:
        spec = faculty.session(placed.session)
        where = (placed.date, placed.slots, placed.site)
        found = next(
            (
                space.placements[i]
                for i in space.by_group[group_of[spec.id]]
                if (space.placements[i].day, space.placements[i].slots, space.placements[i].site)
                == where
            ),
            None,
        )
        if found is None:
            return None
        bookings.append(Booking(found, spec))
    keep = {s.session: s.rooms for s in solution.sessions}
    rooms, conflicts = assign_rooms(faculty, space, bookings, keep)
    if conflicts:
        return None
    new = {
        placed.session: rooms.get((booking.placement.index, placed.session), ())
        for placed, booking in zip(matched, bookings, strict=True)
    }
    return Solution(
        tuple(
            replace(placed, rooms=new[placed.session]) if placed.session in new else placed
            for placed in solution.sessions
        )
    )
