"""The soft rules, measured on any calendar: what the solver minimises, re-derived from dates.

Like ``verify.py`` it shares no code with the model, so a test can check that the solver's
objective is exactly the weighted sum of these costs.

- ``regroupements``: teaching weeks per cohort (students travel for each);
- ``instructor_trips``: runs of consecutive teaching days of an instructor within one week;
- ``unit_spread``: weeks a UE's sessions use beyond the first;
- ``preferred_days``: an instructor teaching on a weekday they did not prefer (per session);
- ``own_semester``: a session allowed in either semester placed outside its UE's semester.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields

from palliasched.domain.calendar import FRENCH_WEEKDAYS, french_date, french_day, iso_week
from palliasched.domain.programme import BOTH_SEMESTERS, Faculty, SoftWeights
from palliasched.domain.solution import Solution
from palliasched.words import plural

SOFT_RULES: tuple[str, ...] = tuple(f.name for f in fields(SoftWeights))


@dataclass(frozen=True, slots=True)
class SoftCost:
    """How often one soft rule is given up, and where (one sentence per occurrence group)."""

    rule: str
    weight: int
    count: int
    details: tuple[str, ...] = ()

    @property
    def cost(self) -> int:
        return self.weight * self.count


def soft_costs(faculty: Faculty, solution: Solution) -> list[SoftCost]:
    """One entry per soft rule, in ``SOFT_RULES`` order, weighted by the faculty's weights."""
    measured = {
        "regroupements": _regroupements(faculty, solution),
        "instructor_trips": _instructor_trips(faculty, solution),
        "unit_spread": _unit_spread(faculty, solution),
        "preferred_days": _preferred_days(faculty, solution),
        "own_semester": _own_semester(faculty, solution),
    }
    return [
        SoftCost(rule, getattr(faculty.weights, rule), count, tuple(details))
        for rule, (count, details) in measured.items()
    ]


def total_cost(faculty: Faculty, solution: Solution) -> int:
    return sum(c.cost for c in soft_costs(faculty, solution))


Measure = tuple[int, list[str]]


def _regroupements(faculty: Faculty, solution: Solution) -> Measure:
    weeks: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for placed in solution.sessions:
        for cohort in faculty.session(placed.session).cohorts:
            weeks[cohort].add(iso_week(placed.date))
    details = [
        f"{faculty.cohort(cohort).name} : {plural(len(used), 'regroupement')}"
        for cohort, used in sorted(weeks.items())
    ]
    return sum(len(used) for used in weeks.values()), details


def instructor_trips(solution: Solution) -> dict[str, int]:
    """Trips per instructor id: runs of consecutive teaching days within one week."""
    days: dict[str, set[dt.date]] = defaultdict(set)
    for placed in solution.sessions:
        for instructor in placed.instructors:
            days[instructor].add(placed.date)
    return {
        instructor: sum(
            1
            for day in taught
            if (day - dt.timedelta(days=1)) not in taught
            or iso_week(day - dt.timedelta(days=1)) != iso_week(day)
        )
        for instructor, taught in sorted(days.items())
    }


def _instructor_trips(faculty: Faculty, solution: Solution) -> Measure:
    trips = instructor_trips(solution)
    details = [
        f"{faculty.instructor(instructor).name} : {plural(count, 'déplacement')}"
        for instructor, count in trips.items()
        if count > 1
    ]
    return sum(trips.values()), details


def _unit_spread(faculty: Faculty, solution: Solution) -> Measure:
    weeks: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for placed in solution.sessions:
        unit = faculty.session(placed.session).unit
        if unit is not None:
            weeks[unit].add(iso_week(placed.date))
    total, details = 0, []
    for unit_id, used in sorted(weeks.items()):
        extra = len(used) - 1
        total += extra
        if extra:
            details.append(
                f"{faculty.unit(unit_id).code} : séances sur {plural(len(used), 'semaine')}"
            )
    return total, details


def _preferred_days(faculty: Faculty, solution: Solution) -> Measure:
    details = []
    for placed in solution.sessions:
        for instructor_id in placed.instructors:
            instructor = faculty.instructor(instructor_id)
            preferred = instructor.preferred_weekdays
            if preferred and placed.date.weekday() not in preferred:
                days = ", ".join(FRENCH_WEEKDAYS[d].lower() for d in sorted(preferred))
                details.append(
                    f"{instructor.name} enseigne « {placed.session} » le "
                    f"{french_day(placed.date).lower()} (préfère : {days})"
                )
    return len(details), details


def _own_semester(faculty: Faculty, solution: Solution) -> Measure:
    details = []
    for placed in solution.sessions:
        spec = faculty.session(placed.session)
        if spec.unit is None or spec.semester != BOTH_SEMESTERS:
            continue  # otherwise its semester is a hard window
        unit = faculty.unit(spec.unit)
        own = faculty.programme(spec.programme).semester(unit.semester)
        if own is not None and placed.date not in own:
            when = french_date(placed.date)
            details.append(f"« {placed.session} » ({unit.code}, {unit.semester}) a lieu le {when}")
    return len(details), details
