"""A first calendar without a model: each session, in turn, at a place no rule forbids.

What a coordinator does by hand. The sessions are taken unit by unit (pinned dates and
opening sessions first, closing ones last, a session after those it follows; the units of the
busiest instructors, then of the fewest places to go, first); each goes to a week its unit
already takes, else its cohorts already come to (there, where its instructors make the fewest
trips), else to any week (the first place that makes no trip more and costs no day of an
instructor's weekly limit, else the one that makes the fewest); always a day where its
cohorts are free and stay on one site, their days of the week consecutive, at most
``max_days``, their weeks apart; with instructors free that day and within their weekly
limit, and the smallest free rooms that hold it. It takes milliseconds a programme where a
CP-SAT model takes a second to build, so every first pass over batches (``batches.py``)
tries it first.

It knows the common rules only: whatever it makes goes to the independent checker, and a
programme it cannot place, or whose calendar the checker rejects, is left to the model.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from palliasched.domain.calendar import FULL_DAY, iso_week
from palliasched.domain.programme import Faculty, Programme, SessionOrder, SessionSpec
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.solver.groups import SessionGroup, session_groups
from palliasched.solver.parts import part_violations
from palliasched.solver.placements import Placement, PlacementSpace, Reservations

Week = tuple[int, int]
WEEKDAYS = 5  # the days a week of an instructor who states no limit
ReservedDays = dict[tuple[str, Week], set[object]]


def first_fit(
    part: Faculty, reserved: Reservations, days: ReservedDays
) -> tuple[ScheduledSession, ...] | None:
    """A calendar of ``part`` (a faculty, or a part of its year) beside the ``reserved``
    instructors and rooms (and the instructors' ``days`` taught per week elsewhere), checked;
    None when it finds none.

    ``reserved`` and ``days`` get the calendar's own instructors and rooms."""
    placer = _Placer(part, reserved, days)
    sessions = placer.place_all()
    if sessions is None:
        return None
    return None if part_violations(part, Solution(sessions)) else sessions


class _Placer:
    """The state of one first-fit pass: who and what is taken, where each cohort goes."""

    def __init__(self, part: Faculty, reserved: Reservations, days: ReservedDays) -> None:
        self.part = part
        self.reserved = reserved
        self.days = days
        self.groups = session_groups(part)
        self.space = PlacementSpace(part, self.groups, reserved=reserved)
        self.cohort_busy: dict[tuple[str, dt.date], list[tuple[int, int]]] = defaultdict(list)
        self.cohort_site: dict[tuple[str, dt.date], str] = {}
        self.cohort_weeks: dict[str, dict[Week, set[dt.date]]] = defaultdict(dict)
        self.unit_weeks: dict[str | None, set[Week]] = defaultdict(set)
        self.ends: dict[str, int] = {}  # session id: end key, once placed
        self.first_end: dict[str, int] = {}  # programme: end of its opening session
        self.last_end: dict[str, int] = {}  # programme: latest end of its sessions
        self.teaching: dict[str, set[dt.date]] = {
            p.id: set(self.space.teaching_days(p)) for p in part.programmes
        }
        self.weeks: dict[dt.date, Week] = {}
        self.taught: dict[str, set[dt.date]] = defaultdict(set)  # instructor: days

    def place_all(self) -> tuple[ScheduledSession, ...] | None:
        placed: list[ScheduledSession] = []
        choices = {g.index: len(self.space.by_group[g.index]) / g.count for g in self.groups}
        for group in _in_turn(self.groups, self._loads(), choices):
            for spec in group.sessions:
                found = self._place(group, spec)
                if found is None:
                    return None
                placed.append(found)
        return tuple(placed)

    def _loads(self) -> dict[str, float]:
        """Per instructor, the days their sessions take over the days a week they teach."""
        demand: dict[str, float] = defaultdict(float)
        for group in self.groups:
            days = 1.0 if group.spec.length == FULL_DAY else 0.5
            for instructor in group.spec.instructors:
                demand[instructor] += days * group.count
        return {
            i: need / (self.part.instructor(i).max_days_per_week or WEEKDAYS)
            for i, need in demand.items()
        }

    def _week(self, day: dt.date) -> Week:
        if day not in self.weeks:
            self.weeks[day] = iso_week(day)
        return self.weeks[day]

    def _place(self, group: SessionGroup, spec: SessionSpec) -> ScheduledSession | None:
        """The best placement that fits, booked: in a week its unit takes, else its cohorts
        come to (there, the one that makes its instructors the fewest trips), else in any
        week the first that makes no trip more and, for instructors who teach few days a
        week, no day more (else the one that makes the fewest)."""
        unit_weeks = self.unit_weeks[spec.unit]
        cohort_weeks = {w for c in spec.cohorts for w in self.cohort_weeks[c]} - unit_weeks
        indices = self.space.by_group[group.index]
        for weeks in (unit_weeks, cohort_weeks):
            best: tuple[int, int, Placement, tuple[str, ...], tuple[str, ...]] | None = None
            for index in indices:
                p = self.space.placements[index]
                if self._week(p.day) not in weeks:
                    continue
                chosen = self._fits(spec, p)
                if chosen is not None:
                    trips = sum(self._new_trip(i, p) for i in chosen[0])
                    if best is None or (trips, p.key) < best[:2]:
                        best = (trips, p.key, p, *chosen)
            if best is not None:
                return self._book(spec, *best[2:])
        shared = self._limited_days(spec)
        first: tuple[int, Placement, tuple[str, ...], tuple[str, ...]] | None = None
        for index in indices:
            p = self.space.placements[index]
            chosen = self._fits(spec, p)
            if chosen is None:
                continue
            trips = sum(self._new_trip(i, p) for i in chosen[0]) + (
                bool(shared) and p.day not in shared
            )
            if trips == 0:
                return self._book(spec, p, *chosen)
            if first is None or trips < first[0]:
                first = (trips, p, *chosen)
        return None if first is None else self._book(spec, *first[1:])

    def _new_trip(self, instructor: str, p: Placement) -> int:
        """Whether ``instructor`` makes one trip more teaching at ``p``: not when they teach
        there that day, the day before or the day after."""
        sites = self.reserved.instructor_sites
        one_day = dt.timedelta(days=1)
        if p.site is None or p.site in sites.get((instructor, p.day), ()):
            return 0
        if p.site in sites.get((instructor, p.day - one_day), ()):
            return 0
        return 0 if p.site in sites.get((instructor, p.day + one_day), ()) else 1

    def _limited_days(self, spec: SessionSpec) -> set[dt.date]:
        """Days one of its instructors with a weekly limit teaches already: another session
        that day costs them no day of their limit."""
        found: set[dt.date] = set()
        for instructor in spec.instructors:
            if self.part.instructor(instructor).max_days_per_week is not None:
                found.update(self.taught[instructor])
        return found

    def _fits(
        self, spec: SessionSpec, p: Placement
    ) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """The instructors and rooms ``spec`` takes at ``p``, or None when a rule forbids it."""
        if not self._in_sequence(spec, p) or not self._cohorts_fit(spec, p):
            return None
        instructors = list(spec.instructors)
        if not all(self._instructor_free(i, p) for i in instructors):
            return None
        if spec.pool_count:
            pool = [i for i in self.space.pool.get(p.index, {}) if self._instructor_free(i, p)]
            if len(pool) < spec.pool_count:
                return None
            week = self._week(p.day)
            pool.sort(key=lambda i: (p.day not in self.days.get((i, week), ()),))
            instructors += pool[: spec.pool_count]
        rooms: list[str] = []
        if spec.rooms_per_group and p.site is not None:
            for room in self.space.smallest_rooms(spec, p.site, p.day):
                if self.reserved.room_free(room, p.day, p.intervals):
                    rooms.append(room)
                    if len(rooms) == spec.rooms_needed:
                        break
            else:
                return None
        return tuple(instructors), tuple(rooms)

    def _in_sequence(self, spec: SessionSpec, p: Placement) -> bool:
        """After the sessions it follows, the programme's opening one, and (closing) all."""
        start = p.start_key
        if any(self.ends.get(before, 0) > start for before in spec.after):
            return False
        if spec.order is None and self.first_end.get(spec.programme, 0) > start:
            return False
        return spec.order is not SessionOrder.LAST or self.last_end.get(spec.programme, 0) <= start

    def _cohorts_fit(self, spec: SessionSpec, p: Placement) -> bool:
        week = self._week(p.day)
        one_day = dt.timedelta(days=1)
        for cohort in spec.cohorts:
            busy = self.cohort_busy.get((cohort, p.day), [])
            if any(a < d and c < b for a, b in busy for c, d in p.intervals):
                return False
            if p.site is not None:
                for day in (p.day - one_day, p.day, p.day + one_day):
                    if self.cohort_site.get((cohort, day), p.site) != p.site:
                        return False
            if not self._week_fits(cohort, week, p.day):
                return False
        return True

    def _week_fits(self, cohort: str, week: Week, day: dt.date) -> bool:
        """The cohort's days of ``week`` stay consecutive and few enough, its weeks apart."""
        rules = self.part.week_rules(cohort)
        weeks = self.cohort_weeks[cohort]
        if week in weeks:
            taught = weeks[week] | {day}
            if len(taught) > rules.max_days:
                return False
            teaching = self.teaching[self.part.cohort(cohort).programme]
            first, last = min(taught), max(taught)
            span = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
            return all(d in taught or d not in teaching for d in span)
        monday = dt.date.fromisocalendar(*week, 1)
        for other in weeks:
            apart = abs((dt.date.fromisocalendar(*other, 1) - monday).days) // 7
            if apart < rules.min_weeks_between:
                return False
        if rules.max_per_semester is not None:
            programme = self.part.programme(self.part.cohort(cohort).programme)
            return self._semester_room(programme, weeks, day, rules.max_per_semester)
        return True

    @staticmethod
    def _semester_room(
        programme: Programme, weeks: dict[Week, set[dt.date]], day: dt.date, cap: int
    ) -> bool:
        for _, semester in programme.semesters:
            if day in semester:
                held = sum(1 for taught in weeks.values() if any(d in semester for d in taught))
                if held >= cap:
                    return False
        return True

    def _instructor_free(self, instructor_id: str, p: Placement) -> bool:
        if not self.reserved.instructor_free(
            instructor_id, p.day, p.intervals, p.site, self.part.travel
        ):
            return False
        limit = self.part.instructor(instructor_id).max_days_per_week
        if limit is None:
            return True
        taught = self.days.get((instructor_id, self._week(p.day)), set())
        return p.day in taught or len(taught) < limit

    def _book(
        self,
        spec: SessionSpec,
        p: Placement,
        instructors: tuple[str, ...],
        rooms: tuple[str, ...],
    ) -> ScheduledSession:
        week = self._week(p.day)
        self.reserved.book(p.day, p.intervals, instructors, rooms, p.site)
        for instructor in instructors:
            self.days.setdefault((instructor, week), set()).add(p.day)
            self.taught[instructor].add(p.day)
        for cohort in spec.cohorts:
            self.cohort_busy[(cohort, p.day)] += p.intervals
            if p.site is not None:
                self.cohort_site[(cohort, p.day)] = p.site
            self.cohort_weeks[cohort].setdefault(week, set()).add(p.day)
        self.unit_weeks[spec.unit].add(week)
        self.ends[spec.id] = p.end_key
        if spec.order is SessionOrder.FIRST:
            self.first_end[spec.programme] = p.end_key
        self.last_end[spec.programme] = max(self.last_end.get(spec.programme, 0), p.end_key)
        return ScheduledSession(spec.id, p.day, p.slots, instructors, rooms, p.site)


def _in_turn(
    groups: list[SessionGroup], loads: dict[str, float], choices: dict[int, float]
) -> list[SessionGroup]:
    """Pinned and opening sessions first, closing ones last, each after those it follows;
    otherwise unit by unit (its sessions together, to keep it in few regroupements): first
    the units of the busiest instructors (for their days a week), then those with the
    fewest places to choose from (per copy), then in the order of the file."""
    busiest: dict[str | None, float] = defaultdict(float)
    fewest: dict[str | None, tuple[float, int]] = {}  # and the unit's first group
    for group in groups:
        unit = group.spec.unit
        load = max((loads[i] for i in group.spec.instructors), default=0.0)
        busiest[unit] = max(busiest[unit], round(load, 1))
        least, first = fewest.get(unit, (choices[group.index], group.index))
        fewest[unit] = (min(least, choices[group.index]), first)

    def rank(group: SessionGroup) -> tuple[int, float, float, int, float, int]:
        spec = group.spec
        own = (choices[group.index], group.index)
        if spec.order is SessionOrder.FIRST:
            return (0, 0.0, 0.0, 0, *own)
        if spec.order is SessionOrder.LAST:
            return (3, 0.0, 0.0, 0, *own)
        if spec.date is not None:
            return (1, 0.0, 0.0, 0, *own)
        return (2, -busiest[spec.unit], *fewest[spec.unit], *own)

    waiting = sorted(groups, key=rank)
    done: set[str] = set()
    ordered: list[SessionGroup] = []
    while waiting:
        ready = next(
            (g for g in waiting if all(a in done or a in g.ids for a in g.spec.after)), waiting[0]
        )
        waiting.remove(ready)
        ordered.append(ready)
        done.update(ready.ids)
    return ordered
