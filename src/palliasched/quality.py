"""The soft rules, measured on any calendar: what the solver minimises, re-derived from dates.

Like ``verify.py`` it shares no code with the model, so a test can check that the solver's
objective is exactly the weighted sum of these costs.

- ``regroupements``: teaching weeks per cohort (students travel for each);
- ``instructor_trips``: runs of consecutive teaching days of an instructor on one site within
  one week;
- ``unit_spread``: weeks a UE's sessions use beyond the first;
- ``preferred_days``: an instructor teaching on a weekday they did not prefer (per session);
- ``own_semester``: a session allowed in either semester placed outside its UE's semester;
- ``rhythm``: weeks without teaching beyond the rhythm wanted (``every_weeks``), per cohort,
  within its teaching period, closed weeks not counted;
- ``short_visits``: a cohort's teaching week of fewer than ``min_half_days`` half-days;
- ``site_changes``: a cohort on another site than the day before;
- ``repeat_spacing``: a copy of a repeated session (soft ``spacing``) closer than asked to
  the copy before it;
- ``travel_time``: hours of an instructor's journeys from their home site to each trip and
  back (``domain/travel.py``);
- ``late_starts``: quarter-hours a session given in minutes starts after its slot's start.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields

from palliasched.domain.calendar import (
    FRENCH_WEEKDAYS,
    duration_of,
    french_date,
    french_day,
    iso_week,
)
from palliasched.domain.programme import BOTH_SEMESTERS, Faculty
from palliasched.domain.rhythm import Week, empty_runs, monday
from palliasched.domain.solution import Solution
from palliasched.domain.spacing import by_series, too_close
from palliasched.domain.weights import SoftWeights
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
        "rhythm": _rhythm(faculty, solution),
        "short_visits": _short_visits(faculty, solution),
        "site_changes": _site_changes(faculty, solution),
        "repeat_spacing": _repeat_spacing(faculty, solution),
        "travel_time": _travel_time(faculty, solution),
        "late_starts": _late_starts(faculty, solution),
    }
    return [
        SoftCost(rule, getattr(faculty.weights, rule), count, tuple(details))
        for rule, (count, details) in measured.items()
    ]


def total_cost(faculty: Faculty, solution: Solution) -> int:
    return sum(c.cost for c in soft_costs(faculty, solution))


Measure = tuple[int, list[str]]


def _regroupements(faculty: Faculty, solution: Solution) -> Measure:
    weeks = cohort_weeks(faculty, solution)
    details = [
        f"{faculty.cohort(cohort).name} : {plural(len(used), 'regroupement')}"
        for cohort, used in sorted(weeks.items())
        if used
    ]
    return sum(len(used) for used in weeks.values()), details


def trip_starts(solution: Solution) -> dict[str, list[tuple[dt.date, str | None]]]:
    """Per instructor id, the days and sites their trips start: a day on a site they did not
    teach on the day before, in the same week (a run of days on one site is one trip)."""
    taught: dict[str, set[tuple[dt.date, str | None]]] = defaultdict(set)
    for placed in solution.sessions:
        for instructor in placed.instructors:
            taught[instructor].add((placed.date, placed.site))
    starts: dict[str, list[tuple[dt.date, str | None]]] = {}
    for instructor, days in sorted(taught.items()):
        starts[instructor] = sorted(
            (
                (day, site)
                for day, site in days
                if (day - dt.timedelta(days=1), site) not in days
                or iso_week(day - dt.timedelta(days=1)) != iso_week(day)
            ),
            key=lambda start: (start[0], start[1] or ""),
        )
    return starts


def instructor_trips(solution: Solution) -> dict[str, int]:
    """Trips per instructor id: runs of consecutive teaching days on one site within a week."""
    return {instructor: len(starts) for instructor, starts in trip_starts(solution).items()}


def _instructor_trips(faculty: Faculty, solution: Solution) -> Measure:
    trips = instructor_trips(solution)
    details = [
        f"{faculty.instructor(instructor).name} : {plural(count, 'déplacement')}"
        for instructor, count in trips.items()
        if count > 1
    ]
    return sum(trips.values()), details


def _travel_time(faculty: Faculty, solution: Solution) -> Measure:
    """Hours of the journeys from each instructor's home site to their trips and back."""
    total, details = 0, []
    for instructor_id, starts in trip_starts(solution).items():
        if not faculty.has("instructor", instructor_id):
            continue
        instructor = faculty.instructor(instructor_id)
        hours = sum(
            faculty.travel.round_trip_hours(instructor.home_site, site) for _, site in starts
        )
        if hours:
            total += hours
            details.append(f"{instructor.name} : {hours} h de trajet")
    return total, details


def _late_starts(faculty: Faculty, solution: Solution) -> Measure:
    total, details = 0, []
    for placed in solution.sessions:
        if not faculty.has("session", placed.session):
            continue
        spec = faculty.session(placed.session)
        if duration_of(spec.length) is None:
            continue
        slots = faculty.programme(spec.programme).slots
        late = slots.late_quarters(placed.slots)
        if late:
            total += late
            label = ", ".join(slots.clock_labels(placed.slots))
            details.append(f"« {placed.session} » le {french_date(placed.date)} à {label}")
    return total, details


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
            if not instructor.prefers(placed.date):
                days = [FRENCH_WEEKDAYS[d].lower() for d in sorted(instructor.preferred_weekdays)]
                if instructor.preferred_dates:
                    days.append("les jours marqués « de préférence »")
                details.append(
                    f"{instructor.name} enseigne « {placed.session} » le "
                    f"{french_day(placed.date).lower()} (préfère : {', '.join(days)})"
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


# --- rhythm of the teaching weeks ----------------------------------------------------------------


def cohort_weeks(faculty: Faculty, solution: Solution) -> dict[str, set[Week]]:
    """The weeks each cohort is taught in (every cohort of the faculty, taught or not)."""
    weeks: dict[str, set[Week]] = {c.id: set() for p in faculty.programmes for c in p.cohorts}
    for placed in solution.sessions:
        for cohort in faculty.session(placed.session).cohorts:
            weeks[cohort].add(iso_week(placed.date))
    return weeks


def _rhythm(faculty: Faculty, solution: Solution) -> Measure:
    total, details = 0, []
    for cohort_id, taught in sorted(cohort_weeks(faculty, solution).items()):
        cohort = faculty.cohort(cohort_id)
        every = faculty.week_rules(cohort_id).every_weeks
        if every is None:
            continue
        for _, run in empty_runs(faculty, cohort_id, taught):
            beyond = len(run) - every + 1
            if beyond > 0:
                total += beyond
                details.append(
                    f"{cohort.name} : {plural(len(run), 'semaine')} sans cours à partir du "
                    f"{french_date(monday(run[0]))} (rythme voulu : toutes les {every} semaines)"
                )
    return total, details


def half_days(faculty: Faculty, solution: Solution) -> dict[str, dict[Week, int]]:
    """Half-days (distinct date and slot of the template: an own clock time takes the slots it
    overlaps) each cohort is taught, per week."""
    taken: dict[str, set[tuple[dt.date, str]]] = defaultdict(set)
    for placed in solution.sessions:
        spec = faculty.session(placed.session)
        rows = faculty.programme(spec.programme).slots.rows_of(placed.slots)
        for cohort in spec.cohorts:
            taken[cohort].update((placed.date, row) for row in rows)
    counted: dict[str, dict[Week, int]] = {}
    for cohort, slots in sorted(taken.items()):
        per_week: dict[Week, int] = defaultdict(int)
        for day, _ in slots:
            per_week[iso_week(day)] += 1
        counted[cohort] = dict(sorted(per_week.items()))
    return counted


def _short_visits(faculty: Faculty, solution: Solution) -> Measure:
    details = []
    for cohort_id, weeks in half_days(faculty, solution).items():
        cohort = faculty.cohort(cohort_id)
        least = faculty.week_rules(cohort_id).min_half_days
        for week, count in weeks.items():
            if count < least:
                details.append(
                    f"{cohort.name} : semaine du {french_date(monday(week))}, "
                    f"{plural(count, 'demi-journée')} (au moins {least} voulues)"
                )
    return len(details), details


def site_changes(faculty: Faculty, solution: Solution) -> dict[str, list[dt.date]]:
    """Per cohort, the days it is on another site than the day before (the later day)."""
    sites: dict[str, dict[dt.date, set[str]]] = defaultdict(lambda: defaultdict(set))
    for placed in solution.sessions:
        if placed.site is None:
            continue
        for cohort in faculty.session(placed.session).cohorts:
            sites[cohort][placed.date].add(placed.site)
    changes: dict[str, list[dt.date]] = {}
    for cohort, days in sorted(sites.items()):
        changes[cohort] = [
            day
            for day in sorted(days)
            if any(a != b for a in days.get(day - dt.timedelta(days=1), ()) for b in days[day])
        ]
    return changes


def _site_changes(faculty: Faculty, solution: Solution) -> Measure:
    details = [
        f"{faculty.cohort(cohort).name} : change de site le {french_date(day)}"
        for cohort, days in site_changes(faculty, solution).items()
        for day in days
    ]
    return len(details), details


def _repeat_spacing(faculty: Faculty, solution: Solution) -> Measure:
    total, details = 0, []
    for _, (spacing, copies) in sorted(by_series(faculty, solution.sessions, True).items()):
        dates = [placed.date for placed in copies]
        title = faculty.session(copies[0].session).title
        near, same_week = too_close(spacing, dates)
        total += len(near) + len(same_week)
        for day in near:
            details.append(
                f"« {title} » le {french_date(day)} : moins de "
                f"{plural(spacing.min_days_between, 'jour')} après la précédente"
            )
        for day in same_week:
            details.append(
                f"« {title} » le {french_date(day)} : dans le même regroupement qu'une autre"
            )
    return total, details
