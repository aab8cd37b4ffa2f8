"""The placement space: every place a session group may take, created only where allowed.

A placement is (group, day, slots, site). Calendar facts (weekdays, public holidays, closures)
always filter; windows, instructor availability and room supply filter too, unless the space
is *relaxed* for an explanation, where they become named blockers instead (see ``rules.py``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from palliasched.domain.calendar import clock_minutes as minutes
from palliasched.domain.programme import Faculty, Instructor, Programme, SessionSpec
from palliasched.domain.travel import Travel
from palliasched.io.session_days import usable_rooms
from palliasched.rules import HardRule, Rule, day_rules_against, unit_of
from palliasched.solver.groups import SessionGroup
from palliasched.solver.registry import enforces

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True, slots=True)
class Placement:
    """One candidate place of a group. ``intervals`` are clock minutes of its slots."""

    index: int
    group: int
    day: dt.date
    slots: tuple[str, ...]
    site: str | None
    intervals: tuple[tuple[int, int], ...]
    key: int  # days since the start of the year x minutes per day: orders placements in time
    blockers: tuple[Rule, ...] = ()

    @property
    def start_key(self) -> int:
        return self.key + self.intervals[0][0]

    @property
    def end_key(self) -> int:
        return self.key + self.intervals[-1][1]

    def covers(self, minute: int) -> bool:
        return any(start <= minute < end for start, end in self.intervals)


@dataclass
class Reservations:
    """Resources already taken by sessions placed elsewhere (another batch, a kept grid)."""

    instructor_busy: dict[tuple[str, dt.date], list[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    instructor_sites: dict[tuple[str, dt.date], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    room_busy: dict[tuple[str, dt.date], list[tuple[int, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # Where an instructor teaches elsewhere: (site, start, end) per day (travel to and from it).
    instructor_at: dict[tuple[str, dt.date], list[tuple[str, int, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def instructor_free(
        self,
        instructor: str,
        day: dt.date,
        intervals: tuple[tuple[int, int], ...],
        site: str | None,
        travel: Travel | None = None,
    ) -> bool:
        sites = self.instructor_sites.get((instructor, day), set())
        if site is not None and sites - {site}:
            return False
        if travel is not None and site is not None:
            start, end = intervals[0][0], intervals[-1][1]
            one_day = dt.timedelta(days=1)
            before = self.instructor_at.get((instructor, day - one_day), [])
            after = self.instructor_at.get((instructor, day + one_day), [])
            if any(travel.unreachable(there, done, site, start, 1) for there, _, done in before):
                return False
            if any(travel.unreachable(site, end, there, begin, 1) for there, begin, _ in after):
                return False
        return not _overlap(self.instructor_busy.get((instructor, day), []), intervals)

    def room_free(self, room: str, day: dt.date, intervals: tuple[tuple[int, int], ...]) -> bool:
        return not _overlap(self.room_busy.get((room, day), []), intervals)

    def book(
        self,
        day: dt.date,
        intervals: tuple[tuple[int, int], ...],
        instructors: tuple[str, ...],
        rooms: tuple[str, ...],
        site: str | None,
    ) -> None:
        """Take the instructors and rooms of a session placed on ``day`` at ``intervals``."""
        for instructor in instructors:
            self.instructor_busy[(instructor, day)] += intervals
            if site is not None:
                self.instructor_sites[(instructor, day)].add(site)
                self.instructor_at[(instructor, day)].append(
                    (site, intervals[0][0], intervals[-1][1])
                )
        for room in rooms:
            self.room_busy[(room, day)] += intervals


def _overlap(taken: list[tuple[int, int]], intervals: tuple[tuple[int, int], ...]) -> bool:
    return any(a < d and c < b for a, b in taken for c, d in intervals)


@enforces(HardRule.WINDOW)
class PlacementSpace:
    """Placements of every group, and the pool instructors each placement may take."""

    def __init__(
        self,
        faculty: Faculty,
        groups: list[SessionGroup],
        *,
        relaxed: bool = False,
        reserved: Reservations | None = None,
    ) -> None:
        self.faculty = faculty
        self.groups = groups
        self.relaxed = relaxed
        self.reserved = reserved or Reservations()
        self.travel = faculty.travel
        self.origin = faculty.calendar.year.start
        self.placements: list[Placement] = []
        self.by_group: list[list[int]] = [[] for _ in groups]
        # Pool members a placement may take, with the rule that forbids each (relaxed space).
        self.pool: dict[int, dict[str, tuple[Rule, ...]]] = {}
        self._days: dict[str, list[dt.date]] = {}
        # Memos: rooms by (site, day, seats, allowed rooms), an instructor's day rules.
        self._rooms: dict[tuple[str, dt.date, int, tuple[str, ...]], list[str]] = {}
        self._smallest: dict[tuple[str, dt.date, int, tuple[str, ...]], list[str]] = {}
        self._blocked: dict[tuple[str, dt.date], list[Rule]] = {}
        for group in groups:
            self._place(group)
        self.time_points = sorted(
            {start for p in self.placements for start, _ in p.intervals}
            | {start for prog in faculty.programmes for start in _starts(prog)}
        )

    def teaching_days(self, programme: Programme) -> list[dt.date]:
        if programme.id not in self._days:
            year = self.faculty.calendar.year
            self._days[programme.id] = [
                d for d in year.days() if self.faculty.no_teaching_reason(programme, d) is None
            ]
        return self._days[programme.id]

    def _place(self, group: SessionGroup) -> None:
        spec, programme = group.spec, group.programme
        choices = [
            (tuple(s.id for s in slots), tuple((minutes(s.start), minutes(s.end)) for s in slots))
            for slots in programme.slots.options(spec.length)
        ]
        span = self.faculty.session_span(spec)
        sites: tuple[str | None, ...] = spec.sites or (None,)
        for day in self.teaching_days(programme):
            day_blockers: list[Rule] = []
            if span is None or day not in span:
                day_blockers.append(Rule(HardRule.WINDOW, unit_of(spec)))
            for instructor_id in spec.instructors:
                day_blockers += self._unavailable(instructor_id, day)
            if day_blockers and not self.relaxed:
                continue
            for (slot_ids, intervals), site in itertools.product(choices, sites):
                blockers = list(day_blockers)
                if not self._rooms_possible(spec, site, day):
                    blockers.append(Rule(HardRule.ROOMS, site or ""))
                if any(
                    not self.reserved.instructor_free(i, day, intervals, site, self.travel)
                    for i in spec.instructors
                ):
                    continue  # taken by an earlier batch: a fact, not a rule to explain
                pool = self._pool(spec, day, intervals, site)
                usable = [i for i, rules in pool.items() if not rules]
                if len(usable) < spec.pool_count and not self.relaxed:
                    continue
                if blockers and not self.relaxed:
                    continue
                index = len(self.placements)
                self.placements.append(
                    Placement(
                        index,
                        group.index,
                        day,
                        slot_ids,
                        site,
                        intervals,
                        (day - self.origin).days * MINUTES_PER_DAY,
                        tuple(blockers),
                    )
                )
                self.by_group[group.index].append(index)
                if spec.pool_count:
                    self.pool[index] = pool if self.relaxed else {i: () for i in usable}

    def _pool(
        self,
        spec: SessionSpec,
        day: dt.date,
        intervals: tuple[tuple[int, int], ...],
        site: str | None,
    ) -> dict[str, tuple[Rule, ...]]:
        if not spec.pool_count:
            return {}
        found: dict[str, tuple[Rule, ...]] = {}
        for instructor_id in spec.instructor_pool:
            if instructor_id in spec.instructors:
                continue
            if not self.reserved.instructor_free(instructor_id, day, intervals, site, self.travel):
                continue
            found[instructor_id] = tuple(self._unavailable(instructor_id, day))
        return found

    def _unavailable(self, instructor_id: str, day: dt.date) -> list[Rule]:
        key = (instructor_id, day)
        if key not in self._blocked:
            self._blocked[key] = _unavailable(self.faculty.instructor(instructor_id), day)
        return self._blocked[key]

    def _rooms_possible(self, spec: SessionSpec, site: str | None, day: dt.date) -> bool:
        if not spec.rooms_per_group or site is None:
            return True
        return len(self.usable_rooms(spec, site, day)) >= spec.rooms_needed

    def usable_rooms(self, spec: SessionSpec, site: str, day: dt.date) -> list[str]:
        """Rooms of ``site`` open on ``day`` that fit one group of ``spec``."""
        key = self._room_key(spec, site, day)
        if key not in self._rooms:
            self._rooms[key] = usable_rooms(self.faculty, spec, site, day)
        return self._rooms[key]

    def smallest_rooms(self, spec: SessionSpec, site: str, day: dt.date) -> list[str]:
        """``usable_rooms``, the smallest first."""
        key = self._room_key(spec, site, day)
        if key not in self._smallest:
            rooms = self.usable_rooms(spec, site, day)
            self._smallest[key] = sorted(rooms, key=lambda r: self.faculty.room(r).capacity)
        return self._smallest[key]

    def _room_key(
        self, spec: SessionSpec, site: str, day: dt.date
    ) -> tuple[str, dt.date, int, tuple[str, ...]]:
        """What the rooms a session may use depend on: site, day, seats, allowed rooms."""
        return (site, day, self.faculty.group_size(spec), spec.allowed_rooms)


def _starts(programme: Programme) -> set[int]:
    return {minutes(slot.start) for slot in programme.slots}


def _unavailable(instructor: Instructor, day: dt.date) -> list[Rule]:
    """The rules of the catalogue that keep ``instructor`` from teaching on ``day``."""
    return [
        Rule(info.id, instructor.id)  # type: ignore[arg-type]
        for info in day_rules_against(instructor, day)
    ]
