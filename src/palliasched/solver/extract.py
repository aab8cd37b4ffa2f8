"""A solved model read back as a calendar: placements to sessions, pool instructors, rooms."""

from __future__ import annotations

from ortools.sat.python import cp_model

from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.solver.model import ScheduleModel
from palliasched.solver.rooms import Booking, assign_rooms


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
    rooms, conflicts = assign_rooms(m.faculty, m.space, bookings, keep)
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
