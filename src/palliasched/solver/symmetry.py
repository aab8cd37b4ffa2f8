"""Interchangeable weeks: sort them, so that the search does not try every permutation.

Two weeks are interchangeable when every group may take the same weekdays, slots, sites and
pool instructors in both, the same rooms are open on the same weekdays, the programmes teach
on the same weekdays and the weeks lie in the same semesters. Swapping the whole content of
two such weeks then maps a calendar to one of equal cost, unless an order between sessions
tells them apart; those weeks are left alone. Among the rest, the first cohort's weeks are
sorted by their number of teaching days (most first); when a rule on the place of
regroupements in the year (spacing, rhythm, longest gap) makes which weeks are taught matter,
only the taught weeks are sorted among themselves.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from typing import TYPE_CHECKING

from palliasched.domain.calendar import iso_week
from palliasched.domain.internships import candidates, reserving_units
from palliasched.domain.programme import SessionOrder

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel

Week = tuple[int, int]


def add_week_symmetry_breaking(m: ScheduleModel) -> None:
    if m.relaxed or _has_reservations(m) or not m.cohort_days:
        return
    weeks_of_group: dict[int, set[Week]] = defaultdict(set)
    signature: dict[Week, set[tuple[object, ...]]] = defaultdict(set)
    for p in m.placements:
        week = iso_week(p.day)
        weeks_of_group[p.group].add(week)
        pool = tuple(sorted(m.space.pool.get(p.index, {})))
        signature[week].add(("group", p.group, p.day.weekday(), p.slots, p.site, pool))
    for week in list(signature):
        monday = dt.date.fromisocalendar(week[0], week[1], 1)
        for day in (monday + dt.timedelta(days=n) for n in range(7)):
            for programme in m.faculty.programmes:
                if m.faculty.no_teaching_reason(programme, day) is None:
                    signature[week].add(("teaches", programme.id, day.weekday()))
                for name, semester in programme.semesters:
                    if day in semester:
                        signature[week].add(("semester", programme.id, name, day.weekday()))
            for room in m.faculty.rooms:
                if not room.available_on(day):
                    signature[week].add(("closed", room.id, day.weekday()))
    # Weeks an internship may take stay where they are: which of them are free matters.
    for unit in reserving_units(m.faculty):
        periods = candidates(m.faculty, unit)
        for week in list(signature):
            monday = dt.date.fromisocalendar(week[0], week[1], 1)
            if any(p.start <= monday + dt.timedelta(days=6) and monday <= p.end for p in periods):
                del signature[week]
    classes: dict[frozenset[tuple[object, ...]], list[Week]] = defaultdict(list)
    for week, marks in sorted(signature.items()):
        classes[frozenset(marks)].append(week)
    pairs = _ordered_pairs(m)
    for weeks in classes.values():
        if len(weeks) > 1 and _swappable(m, weeks, pairs, weeks_of_group):
            if _positional(m, weeks):
                _sort_used_weeks(m, weeks)
            else:
                _sort_weeks(m, weeks)


def _has_reservations(m: ScheduleModel) -> bool:
    reserved = m.space.reserved
    return bool(reserved.instructor_busy or reserved.room_busy or m.reserved_days)


def _ordered_pairs(m: ScheduleModel) -> list[tuple[int, int]]:
    """(earlier, later) group pairs that precedences and first/last sessions impose."""
    group_of = {s.id: g.index for g in m.groups for s in g.sessions}
    pairs = []
    for group in m.groups:
        spec = group.spec
        pairs += [(group_of[s], group.index) for s in spec.after if s in group_of]
        if spec.order is not None:
            for other in m.groups:
                if other is not group and other.programme.id == group.programme.id:
                    first = spec.order is SessionOrder.FIRST
                    pairs.append(
                        (group.index, other.index) if first else (other.index, group.index)
                    )
    return pairs


def _swappable(
    m: ScheduleModel,
    weeks: list[Week],
    pairs: list[tuple[int, int]],
    weeks_of_group: dict[int, set[Week]],
) -> bool:
    inside = set(weeks)
    for earlier, later in pairs:
        early_weeks, late_weeks = weeks_of_group[earlier], weeks_of_group[later]
        if not (early_weeks & inside) and not (late_weeks & inside):
            continue
        if not (early_weeks & inside) and max(early_weeks, default=min(weeks)) < min(weeks):
            continue
        if not (late_weeks & inside) and min(late_weeks, default=max(weeks)) > max(weeks):
            continue
        return False
    return True


def _positional(m: ScheduleModel, weeks: list[Week]) -> bool:
    """True when a cohort taught in ``weeks`` has rules on which weeks it is taught in:
    spacing, and (on dated weeks) the rhythm and its longest gap. Moving teaching to another
    week then changes the calendar's worth; swapping the contents of two taught weeks does
    not."""
    inside = set(weeks)
    for cohort_id, days in m.cohort_days.items():
        rules = m.faculty.week_rules(cohort_id)
        rhythm = rules.keeps_rhythm(m.weights.rhythm)
        positional = rules.min_weeks_between > 1 or (rhythm and not m.bare)
        if positional and {iso_week(d) for d in days} & inside:
            return True
    return False


def _sort_used_weeks(m: ScheduleModel, weeks: list[Week]) -> None:
    """Among the weeks of a class the first cohort is taught in, the earlier ones hold at
    least as many of its teaching days: which weeks are taught stays free."""
    cohort_id = _first_cohort(m, weeks)
    if cohort_id is None:
        return
    days = m.cohort_days[cohort_id]
    used = m.cohort_weeks[cohort_id]
    counts = [sum(v for d, v in days.items() if iso_week(d) == week) for week in weeks]
    for (a, more), (b, fewer) in itertools.combinations(zip(weeks, counts, strict=True), 2):
        if a in used and b in used:
            m.model.add(more >= fewer).only_enforce_if([used[a], used[b]])


def _sort_weeks(m: ScheduleModel, weeks: list[Week]) -> None:
    cohort_id = _first_cohort(m, weeks)
    if cohort_id is None:
        return
    days = m.cohort_days[cohort_id]
    counts = [sum(used for d, used in days.items() if iso_week(d) == week) for week in weeks]
    for more, fewer in itertools.pairwise(counts):
        m.model.add(more >= fewer)


def _first_cohort(m: ScheduleModel, weeks: list[Week]) -> str | None:
    """The first cohort (by id) that may be taught in one of ``weeks``."""
    return min(
        (c for c, days in m.cohort_days.items() if any(iso_week(d) in weeks for d in days)),
        default=None,
    )
