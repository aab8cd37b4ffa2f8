"""The soft rules as named objective terms (the same definitions as ``palliasched.quality``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from palliasched.domain.calendar import duration_of, iso_week
from palliasched.domain.programme import BOTH_SEMESTERS
from palliasched.solver.placements import Placement
from palliasched.solver.rules import repeat_spacing
from palliasched.solver.rules.max_gap import week_windows

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel, Var


def add_soft_rules(m: ScheduleModel) -> None:
    weights = m.weights
    for weeks in m.cohort_weeks.values():
        for week_used in weeks.values():
            m.penalise("regroupements", weights.regroupements, week_used)
    if weights.instructor_trips or weights.travel_time:
        _trips(m)
    if weights.unit_spread:
        _unit_spread(m)
    if weights.rhythm and not m.bare:  # bare weeks have no dates: no rhythm (a bound)
        _rhythm(m)
    if weights.short_visits:
        _short_visits(m)
    if weights.site_changes:
        _site_changes(m)
    if weights.repeat_spacing:
        repeat_spacing.penalise(m)
    for p in m.placements:
        spec = m.group_of(p).spec
        if duration_of(spec.length) is not None:
            late = m.group_of(p).programme.slots.late_quarters(p.slots)
            m.penalise("late_starts", weights.late_starts, m.x[p.index], late)
        for instructor, literal in teachers(m, p):
            if not m.faculty.instructor(instructor).prefers(p.day):
                m.penalise("preferred_days", weights.preferred_days, literal)
        if spec.unit is not None and spec.semester == BOTH_SEMESTERS:
            unit = m.faculty.unit(spec.unit)
            own = m.group_of(p).programme.semester(unit.semester)
            if own is not None and p.day not in own:
                m.penalise("own_semester", weights.own_semester, m.x[p.index])


def teachers(m: ScheduleModel, p: Placement) -> list[tuple[str, Var]]:
    """Who teaches placement ``p``, each with the literal that says so."""
    found = [(i, m.x[p.index]) for i in m.group_of(p).spec.instructors]
    found += [(i, m.z[(p.index, i)]) for i in m.space.pool.get(p.index, {})]
    return found


def _trips(m: ScheduleModel) -> None:
    """A trip starts on a day taught on a site not taught on the day before, in the same week;
    a trip costs ``instructor_trips``, and its journeys from home and back ``travel_time``."""
    for instructor, days in m.instructor_days.items():
        home = m.faculty.instructor(instructor).home_site
        on_site = _taught_on_sites(m, instructor, days)
        trips: dict[tuple[int, int], list[Var]] = defaultdict(list)
        for day, sites in sorted(on_site.items()):
            before = day - dt.timedelta(days=1)
            earlier = on_site.get(before, {}) if iso_week(before) == iso_week(day) else {}
            for site, here in sorted(sites.items(), key=lambda item: item[0] or ""):
                trip = here
                if site in earlier:
                    trip = m.model.new_bool_var(f"trip_{instructor}_{day:%Y%m%d}_{site}")
                    m.model.add(trip >= here - earlier[site])
                trips[iso_week(day)].append(trip)
                m.penalise("instructor_trips", m.weights.instructor_trips, trip)
                hours = m.faculty.travel.round_trip_hours(home, site)
                m.penalise("travel_time", m.weights.travel_time, trip, hours)
        # LP link: a week the instructor teaches in holds at least one trip.
        for week, week_trips in trips.items():
            m.model.add(sum(week_trips) >= m.instructor_weeks[instructor][week])


def _taught_on_sites(
    m: ScheduleModel, instructor: str, days: dict[dt.date, Var]
) -> dict[dt.date, dict[str | None, Var]]:
    """Per day, whether the instructor teaches there on each site (their day indicator when
    all their sessions are on one site)."""
    sites = {p.site for p, _ in m.teaching[instructor]}
    if len(sites) == 1:
        (site,) = sites
        return {day: {site: teaches} for day, teaches in days.items()}
    literals: dict[dt.date, dict[str | None, list[Var]]] = defaultdict(lambda: defaultdict(list))
    for p, literal in m.teaching[instructor]:
        literals[p.day][p.site].append(literal)
    return {
        day: {
            site: m.at_least_one_of(f"teaches_{instructor}_{day:%Y%m%d}_{site}", found)
            for site, found in by_site.items()
        }
        for day, by_site in literals.items()
    }


def _unit_spread(m: ScheduleModel) -> None:
    weight = m.weights.unit_spread
    by_unit: dict[str, dict[tuple[int, int], list[Var]]] = defaultdict(lambda: defaultdict(list))
    for p in m.placements:
        unit = m.group_of(p).spec.unit
        if unit is not None:
            by_unit[unit][iso_week(p.day)].append(m.x[p.index])
    for unit, weeks in sorted(by_unit.items()):
        sessions = sum(g.count for g in m.groups if g.spec.unit == unit)
        if sessions < 2:
            continue
        for week, literals in sorted(weeks.items()):
            used = m.model.new_bool_var(f"unit_week_{unit}_{week[0]}_{week[1]}")
            for literal in literals:
                m.model.add(literal <= used)
            m.penalise("unit_spread", weight, used)
        m.objective_offset["unit_spread"] -= weight


def _rhythm(m: ScheduleModel) -> None:
    """Each run of ``every_weeks`` open weeks without teaching costs one week off the rhythm."""
    for programme in m.faculty.programmes:
        for cohort in programme.cohorts:
            every = programme.week_rules(cohort.id).every_weeks
            if every is None:
                continue
            for n, window in enumerate(week_windows(m, cohort.id, every)):
                empty = m.model.new_bool_var(f"rhythm_{cohort.id}_{n}")
                m.model.add_bool_or([*window, empty])
                m.penalise("rhythm", m.weights.rhythm, empty)


def _short_visits(m: ScheduleModel) -> None:
    """A teaching week of a cohort with fewer than ``min_half_days`` half-days (slots used)."""
    for cohort, attended in sorted(m.attending.items()):
        least = m.faculty.week_rules(cohort).min_half_days
        if least <= 1:
            continue
        by_slot: dict[tuple[dt.date, str], list[Var]] = defaultdict(list)
        for p, x in attended:
            for slot in m.group_of(p).programme.slots.rows_of(p.slots):
                by_slot[(p.day, slot)].append(x)
        half_days: dict[tuple[int, int], list[Var]] = defaultdict(list)
        for (day, slot), literals in sorted(by_slot.items()):
            name = f"half_{cohort}_{day:%Y%m%d}_{slot}"
            half_days[iso_week(day)].append(m.at_least_one_of(name, literals))
        for week, week_used in sorted(m.cohort_weeks.get(cohort, {}).items()):
            short = m.model.new_bool_var(f"short_{cohort}_{week[0]}_{week[1]}")
            m.model.add(least * short >= least * week_used - sum(half_days[week]))
            m.penalise("short_visits", m.weights.short_visits, short)


def _site_changes(m: ScheduleModel) -> None:
    """A cohort on one site a day and on another the next day."""
    for cohort, attended in sorted(m.attending.items()):
        by_site: dict[tuple[dt.date, str], list[Var]] = defaultdict(list)
        for p, x in attended:
            if p.site is not None:
                by_site[(p.day, p.site)].append(x)
        if len({site for _, site in by_site}) < 2:
            continue
        at = {
            key: m.at_least_one_of(f"at_{cohort}_{key[0]:%Y%m%d}_{key[1]}", literals)
            for key, literals in sorted(by_site.items())
        }
        sites_of: dict[dt.date, list[tuple[str, Var]]] = defaultdict(list)
        for (day, site), here in at.items():
            sites_of[day].append((site, here))
        for (day, site), here in at.items():
            after = day + dt.timedelta(days=1)
            if m.bare and iso_week(after) != iso_week(day):
                continue  # bare weeks are not consecutive: no bound across them
            for other_site, there in sites_of.get(after, []):
                if other_site != site:
                    change = m.model.new_bool_var(f"change_{cohort}_{day:%Y%m%d}_{site}")
                    m.model.add(change >= here + there - 1)
                    m.penalise("site_changes", m.weights.site_changes, change)
