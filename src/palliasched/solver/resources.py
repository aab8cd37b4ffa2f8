"""Resources in one place at a time: instructors, cohorts, rooms (by capacity), one site a day.

Clashes are cliques per day and time point: two clock intervals overlap exactly when one
contains the other's start, so checking every slot start of every template is enough, even
across programmes with different templates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from palliasched.rules import HardRule, Rule
from palliasched.solver.placements import Placement
from palliasched.solver.registry import enforces

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel, Var


@enforces(HardRule.INSTRUCTOR_CLASH, HardRule.COHORT_CLASH)
def add_clashes(m: ScheduleModel) -> None:
    for instructor, taught in m.teaching.items():
        _one_at_a_time(m, taught, Rule(HardRule.INSTRUCTOR_CLASH, instructor))
    for cohort, sessions in m.attending.items():
        _one_at_a_time(m, sessions, Rule(HardRule.COHORT_CLASH, cohort))


def _one_at_a_time(m: ScheduleModel, uses: list[tuple[Placement, Var]], rule: Rule) -> None:
    by_day: dict[dt.date, list[tuple[Placement, Var]]] = defaultdict(list)
    for p, literal in uses:
        by_day[p.day].append((p, literal))
    for day_uses in by_day.values():
        if len(day_uses) < 2:
            continue
        for minute in m.space.time_points:
            covering = [literal for p, literal in day_uses if p.covers(minute)]
            if len(covering) > 1:
                m.enforce(m.model.add_at_most_one(covering), rule)


@enforces(HardRule.ROOMS)
def add_room_capacity(m: ScheduleModel) -> None:
    """Hall's condition per site, day, time and size: sessions needing >= k seats fit the rooms.

    Rooms a session may use are "open that day, at least its group size, among its allowed
    rooms": for sessions without allowed rooms these sets are nested, and the counts are
    exact; allowed rooms add one count per allowed set, and ``rooms.py`` checks the rest.
    """
    at: dict[tuple[str, dt.date], list[Placement]] = defaultdict(list)
    for p in m.placements:
        if p.site is not None and m.group_of(p).spec.rooms_per_group:
            at[(p.site, p.day)].append(p)
    for (site, day), placed in sorted(at.items()):
        rooms = [r for r in m.faculty.rooms_of(site) if r.available_on(day)]
        rule = Rule(HardRule.ROOMS, site)
        for minute in m.space.time_points:
            covering = [p for p in placed if p.covers(minute)]
            if not covering:
                continue
            free = [
                r for r in rooms if m.space.reserved.room_free(r.id, day, ((minute, minute + 1),))
            ]
            classes = {frozenset(m.group_of(p).spec.allowed_rooms) for p in covering}
            for allowed in classes:
                members = [
                    p
                    for p in covering
                    if not allowed or set(m.group_of(p).spec.allowed_rooms) <= allowed
                ]
                pool = [r for r in free if not allowed or r.id in allowed]
                for need in sorted({m.faculty.group_size(m.group_of(p).spec) for p in members}):
                    demand = [
                        (m.group_of(p).spec.rooms_needed, m.x[p.index])
                        for p in members
                        if m.faculty.group_size(m.group_of(p).spec) >= need
                    ]
                    supply = sum(1 for r in pool if r.capacity >= need)
                    if sum(n for n, _ in demand) > supply:
                        m.enforce(m.model.add(sum(n * x for n, x in demand) <= supply), rule)


@enforces(HardRule.COHORT_SITE, HardRule.INSTRUCTOR_SITE)
def add_one_site_a_day(m: ScheduleModel) -> None:
    """A cohort, and an instructor, is on one site a day (only where two sites are possible)."""
    people: dict[tuple[HardRule, str], list[tuple[Placement, Var]]] = defaultdict(list)
    for cohort, attended in m.attending.items():
        people[(HardRule.COHORT_SITE, cohort)].extend(attended)
    for instructor, taught in m.teaching.items():
        people[(HardRule.INSTRUCTOR_SITE, instructor)].extend(taught)
    for (kind, who), uses in people.items():
        by_day: dict[dt.date, dict[str, list[Var]]] = defaultdict(lambda: defaultdict(list))
        for p, literal in uses:
            if p.site is not None:
                by_day[p.day][p.site].append(literal)
        for day, sites in by_day.items():
            if len(sites) < 2:
                continue
            used = [
                m.at_least_one_of(f"site_{who}_{day:%Y%m%d}_{site}", literals)
                for site, literals in sorted(sites.items())
            ]
            m.enforce(m.model.add(sum(used) <= 1), Rule(kind, who))
