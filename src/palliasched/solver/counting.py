"""The counting bound: regroupements and trips every calendar needs, counted without a solver.

A cohort attends one session at a time, so its sessions need at least their slots divided by
the slots of a day, in days, and those days at least ``max_days`` a week, in weeks; where
every session keeps to one semester, the count holds semester by semester. An instructor's
sessions need days the same way, and a trip holds at most ``max_days_per_week`` of them (five
otherwise). Weak, but instant and sound at any size: the bound of a faculty too large to
solve its programmes alone first.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from palliasched.domain.calendar import DateRange
from palliasched.domain.programme import Faculty, SessionSpec

WEEKDAYS_A_TRIP = 5


def counting_bound(faculty: Faculty) -> int:
    """A lower bound on the cost of any calendar of ``faculty`` (see the module)."""
    weights = faculty.weights
    return weights.regroupements * _fewest_regroupements(faculty) + (
        weights.instructor_trips * _fewest_trips(faculty)
    )


def _fewest_regroupements(faculty: Faculty) -> int:
    total = 0
    day = _slots_a_day(faculty)
    for programme in faculty.programmes:
        max_days = programme.teaching_weeks.max_days
        for cohort in programme.cohorts:
            attended = [s for s in faculty.sessions if cohort.id in s.cohorts]
            by_semester = _by_semester(faculty, attended, [s for _, s in programme.semesters])
            loads = (
                [_slots(faculty, attended)]
                if by_semester is None
                else [_slots(faculty, mine) for mine in by_semester]
            )
            total += sum(_ceil(_ceil(load, day), max_days) for load in loads)
    return total


def _fewest_trips(faculty: Faculty) -> int:
    slots: dict[str, int] = defaultdict(int)
    for spec in faculty.sessions:
        for instructor in spec.instructors:
            slots[instructor] += _slots(faculty, [spec])
    day = _slots_a_day(faculty)
    total = 0
    for instructor_id, load in slots.items():
        per_trip = faculty.instructor(instructor_id).max_days_per_week or WEEKDAYS_A_TRIP
        total += _ceil(_ceil(load, day), min(per_trip, WEEKDAYS_A_TRIP))
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


def _slots_a_day(faculty: Faculty) -> int:
    """The most slots a day of any template holds (templates may differ between programmes)."""
    return max((len(p.slots.slots) for p in faculty.programmes), default=1)


def _slots(faculty: Faculty, sessions: list[SessionSpec]) -> int:
    return sum(len(faculty.programme(s.programme).slots.slots_of(s.length)) for s in sessions)


def _ceil(a: int, b: int) -> int:
    return -(-a // max(b, 1))
