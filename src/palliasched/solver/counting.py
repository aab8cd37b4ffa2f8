"""The counting bound: regroupements and trips every calendar needs, counted without a solver.

A cohort attends one session at a time, so its sessions need at least their clock minutes
over the most a day holds, in days, and one day each for the sessions that cover one same
minute wherever they are placed (every morning session); those days need at least
``max_days`` a week, in weeks; where every session keeps to one semester, the count holds
semester by semester. An instructor's sessions need days the same way, and a trip holds at
most ``max_days_per_week`` of them (else a run of teaching weekdays: five, or six with
Saturdays), on one site. Slots are not counted: two sessions of 9h-11h and 11h-12h30 share a
morning. Weak, but instant and sound at any size:
the bound of a faculty too large to solve its programmes alone first.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from palliasched.domain.calendar import DateRange, Slot, clock_minutes, longest_run
from palliasched.domain.programme import Faculty, SessionSpec


def counting_bound(faculty: Faculty) -> int:
    """A lower bound on the cost of any calendar of ``faculty`` (see the module)."""
    weights = faculty.weights
    return weights.regroupements * _fewest_regroupements(faculty) + (
        weights.instructor_trips * _fewest_trips(faculty)
    )


def _fewest_regroupements(faculty: Faculty) -> int:
    total = 0
    for programme in faculty.programmes:
        max_days = programme.teaching_weeks.max_days
        for cohort in programme.cohorts:
            attended = [s for s in faculty.sessions if cohort.id in s.cohorts]
            by_semester = _by_semester(faculty, attended, [s for _, s in programme.semesters])
            loads = [attended] if by_semester is None else by_semester
            total += sum(_ceil(_days(faculty, load), max_days) for load in loads)
    return total


def _fewest_trips(faculty: Faculty) -> int:
    """Per instructor, their days over the most a trip holds; and since a trip is on one
    site, at least as many as their days on each site need, added up (sessions that may take
    several sites counted on none; online ones together, as a site)."""
    taught: dict[str, list[SessionSpec]] = defaultdict(list)
    for spec in faculty.sessions:
        for instructor in spec.instructors:
            taught[instructor].append(spec)
    total = 0
    longest = longest_run(faculty.teaching_weekdays)  # a trip's days within a week
    for instructor_id, theirs in taught.items():
        per_trip = min(faculty.instructor(instructor_id).max_days_per_week or longest, longest)
        on_site: dict[str | None, list[SessionSpec]] = defaultdict(list)
        for spec in theirs:
            if spec.online or len(spec.sites) == 1:
                on_site[None if spec.online else spec.sites[0]].append(spec)
        by_site = sum(_ceil(_days(faculty, here), per_trip) for here in on_site.values())
        total += max(_ceil(_days(faculty, theirs), per_trip), by_site)
    return total


def _by_semester(
    faculty: Faculty, sessions: list[SessionSpec], semesters: list[DateRange]
) -> list[list[SessionSpec]] | None:
    """``sessions`` by the semester their dates keep to; None when one may fall in several
    (or the semesters overlap)."""
    ordered = sorted(semesters, key=lambda s: s.start)
    if any(a.end >= b.start for a, b in itertools.pairwise(ordered)):
        return None
    groups: list[list[SessionSpec]] = [[] for _ in ordered]
    for spec in sessions:
        span = faculty.session_span(spec)
        inside = [n for n, s in enumerate(ordered) if span is not None and span.within(s)]
        if not inside:
            return None
        groups[inside[0]].append(spec)
    return groups


def _days(faculty: Faculty, sessions: list[SessionSpec]) -> int:
    """Days ``sessions``, never two at a time (one cohort's, one instructor's), need at least:
    their clock minutes over the most a day holds, and a day each for those that cover one
    same minute wherever they are placed. Released material takes no time."""
    slots = _every_slot(faculty)
    starts = sorted({clock_minutes(slot.start) for slot in slots})
    minutes = 0
    at_start: dict[int, int] = defaultdict(int)
    for spec in sessions:
        options = faculty.programme(spec.programme).slots.options(spec.length)
        if spec.release or not options:
            continue
        minutes += min(sum(slot.clock_minutes for slot in option) for option in options)
        for start in starts:
            if all(any(_covers(slot, start) for slot in option) for option in options):
                at_start[start] += 1
    return max(_ceil(minutes, _day_minutes(slots)), *at_start.values(), 0)


def _every_slot(faculty: Faculty) -> list[Slot]:
    return [slot for p in faculty.programmes for slot in (*p.slots.slots, *p.slots.own)]


def _covers(slot: Slot, minute: int) -> bool:
    return clock_minutes(slot.start) <= minute < clock_minutes(slot.end)


def _day_minutes(slots: list[Slot]) -> int:
    """The minutes of a day any slot of any template covers (their union)."""
    total, reached = 0, 0
    for start, end in sorted((clock_minutes(s.start), clock_minutes(s.end)) for s in slots):
        total += max(0, end - max(start, reached))
        reached = max(reached, end)
    return max(total, 1)


def _ceil(a: int, b: int) -> int:
    return -(-a // max(b, 1))
