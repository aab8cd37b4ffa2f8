"""The domain model: a faculty's programmes, their units and sessions, instructors, rooms and sites.

Objects are immutable and refer to each other by id. ``load_programme`` only returns
a :class:`Faculty` whose references all resolve (see ``validation.py``). Hours are
kept as whole minutes so that 16,5 h adds up exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from typing import TypeVar

from palliasched.domain.calendar import (
    FULL_DAY,
    Calendar,
    Closure,
    DateRange,
    SlotTemplate,
)
from palliasched.domain.internships import Internship
from palliasched.domain.spacing import Spacing
from palliasched.domain.travel import Travel
from palliasched.domain.turns import Turn
from palliasched.domain.week_rules import TeachingWeekRules
from palliasched.domain.weights import SoftWeights

BOTH_SEMESTERS = "both"
_T = TypeVar("_T")


class ProgrammeKind(StrEnum):
    MASTER = "master"
    DU = "du"
    DIU = "diu"
    MOOC = "mooc"
    OTHER = "other"


class SessionOrder(StrEnum):
    FIRST = "first"
    LAST = "last"


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name: str
    address: str = ""


@dataclass(frozen=True, slots=True)
class Room:
    id: str
    name: str
    site: str
    capacity: int
    unavailable: tuple[DateRange, ...] = ()

    def available_on(self, day: dt.date) -> bool:
        return not any(day in span for span in self.unavailable)


@dataclass(frozen=True, slots=True)
class Instructor:
    """An intervenant. ``available_only``, when set, lists the only dates they can teach;
    ``weekdays``, when set, the only weekdays (0 = Monday) they ever teach."""

    id: str
    name: str
    home_site: str | None = None
    unavailable: tuple[DateRange, ...] = ()
    available_only: tuple[DateRange, ...] | None = None
    max_days_per_week: int | None = None
    preferred_weekdays: frozenset[int] = frozenset()
    weekdays: frozenset[int] | None = None
    unavailable_from: tuple[str, ...] = ()  # their agendas (.ics files, CalDAV addresses)
    busy: tuple[DateRange, ...] = ()  # the days their agendas are busy in teaching hours
    preferred_dates: tuple[DateRange, ...] = ()  # days they marked "de préférence"

    def available_on(self, day: dt.date) -> bool:
        if any(day in span for span in (*self.unavailable, *self.busy)):
            return False
        return self.available_only is None or any(day in span for span in self.available_only)

    def prefers(self, day: dt.date) -> bool:
        """``day`` is one they prefer: a preferred weekday or a preferred date (every day when
        they stated no preference)."""
        if not (self.preferred_weekdays or self.preferred_dates):
            return True
        if day.weekday() in self.preferred_weekdays:
            return True
        return any(day in span for span in self.preferred_dates)


@dataclass(frozen=True, slots=True)
class Cohort:
    id: str
    name: str
    size: int
    programme: str
    # Its own teaching-week rules where its rhythm differs from its programme's (double-enrolled
    # students whose regroupements another programme sets); None: the programme's.
    teaching_weeks: TeachingWeekRules | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    """A UE. ``semester`` is a semester id of the programme, or ``both``."""

    id: str
    programme: str
    code: str
    title: str
    short_title: str
    ects: float | None
    total_minutes: int
    presence_minutes: int
    semester: str = BOTH_SEMESTERS
    window: DateRange | None = None
    internship: Internship | None = None
    max_blocks: int | None = None  # hard: the most regroupements its sessions take
    # The presence of cohorts attending only part of it (double-enrolled students).
    cohort_minutes: tuple[tuple[str, int], ...] = ()
    async_minutes: int = 0  # asynchronous teaching (e-learning): on no date

    def presence_of(self, cohort_id: str) -> int:
        """Minutes of presence ``cohort_id`` owes the UE: its own, else the UE's."""
        return dict(self.cohort_minutes).get(cohort_id, self.presence_minutes)

    @property
    def label(self) -> str:
        """``UE 1 : PEDAGOGIE``, as grid cells read."""
        return f"{self.code} : {self.short_title}"


@dataclass(frozen=True, slots=True)
class SessionSpec:
    """One session to schedule.

    Instructors: everyone in ``instructors`` teaches it, plus ``pool_count`` people
    chosen among ``instructor_pool``. Rooms: ``groups`` parallel groups (RSCA
    quarter-groups), each in ``rooms_per_group`` rooms of at least ``min_capacity``
    seats; ``rooms_per_group == 0`` means no room (online). ``semester`` restricts
    the dates to a semester id or ``both``; None means the unit's semester.
    """

    id: str
    programme: str
    unit: str | None
    title: str
    length: str = FULL_DAY
    counted_minutes: int | None = None
    instructors: tuple[str, ...] = ()
    instructor_pool: tuple[str, ...] = ()
    pool_count: int = 0
    cohorts: tuple[str, ...] = ()
    groups: int = 1
    rooms_per_group: int = 1
    min_capacity: int | None = None
    allowed_rooms: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    semester: str | None = None
    window: DateRange | None = None
    date: dt.date | None = None
    after: tuple[str, ...] = ()
    order: SessionOrder | None = None
    spacing: Spacing | None = None  # copies of a repeated session kept apart
    online: bool = False  # no room, no site: taught online
    release: bool = False  # online material released that day: no time, counts no hours
    turn: Turn | None = None  # one group of a session taught to its groups in turn
    link: str = ""  # an online session's web address

    @property
    def rooms_needed(self) -> int:
        return self.groups * self.rooms_per_group

    @property
    def instructors_needed(self) -> int:
        return len(self.instructors) + self.pool_count

    @property
    def candidate_instructors(self) -> tuple[str, ...]:
        return self.instructors + tuple(
            i for i in self.instructor_pool if i not in self.instructors
        )


@dataclass(frozen=True)
class Programme:
    """One diploma for one academic year, with its own slot template and semesters."""

    id: str
    title: str
    kind: ProgrammeKind
    sites: tuple[str, ...]
    cohorts: tuple[Cohort, ...]
    units: tuple[Unit, ...]
    sessions: tuple[SessionSpec, ...]
    slots: SlotTemplate
    weekdays: frozenset[int]
    semesters: tuple[tuple[str, DateRange], ...] = ()
    closures: tuple[Closure, ...] = ()
    teaching_weeks: TeachingWeekRules = field(default_factory=TeachingWeekRules)

    def semester(self, semester_id: str) -> DateRange | None:
        return dict(self.semesters).get(semester_id)

    def unit(self, unit_id: str) -> Unit:
        return next(u for u in self.units if u.id == unit_id)

    def sessions_of(self, unit_id: str | None) -> tuple[SessionSpec, ...]:
        return tuple(s for s in self.sessions if s.unit == unit_id)

    def counted_minutes(self, session: SessionSpec) -> int:
        """Hours a session counts toward its UE, in minutes (once, whatever its groups)."""
        if session.release or (session.turn is not None and session.turn.group > 1):
            return 0  # material put online; or its students had the first group's
        if session.counted_minutes is not None:
            return session.counted_minutes
        return self.slots.counted_minutes(session.length)

    def week_rules(self, cohort_id: str) -> TeachingWeekRules:
        """The teaching-week rules of one of its cohorts: its own where it has them."""
        own = next(c.teaching_weeks for c in self.cohorts if c.id == cohort_id)
        return self.teaching_weeks if own is None else own

    def all_week_rules(self) -> tuple[TeachingWeekRules, ...]:
        """Its rules and those its cohorts have of their own."""
        own = [c.teaching_weeks for c in self.cohorts if c.teaching_weeks is not None]
        return (self.teaching_weeks, *own)

    def with_week_rules(
        self, change: Callable[[TeachingWeekRules], TeachingWeekRules]
    ) -> Programme:
        """The programme with ``change`` applied to its rules and to each cohort's own."""
        return replace(
            self,
            teaching_weeks=change(self.teaching_weeks),
            cohorts=tuple(
                c
                if c.teaching_weeks is None
                else replace(c, teaching_weeks=change(c.teaching_weeks))
                for c in self.cohorts
            ),
        )

    def rhythm_periods(self, rules: TeachingWeekRules) -> tuple[DateRange, ...]:
        """The teaching periods the rhythm of regroupements under ``rules`` (its own or a
        cohort's) applies to, each on its own: those written, else one from the first
        semester's start to the last one's end."""
        if rules.periods:
            return rules.periods
        spans = [span for _, span in self.semesters]
        if not spans:
            return ()
        return (DateRange(min(s.start for s in spans), max(s.end for s in spans)),)

    def scheduled_minutes(self, unit_id: str, cohort_id: str | None = None) -> int:
        """Minutes the sessions of ``unit_id`` count (those ``cohort_id`` attends)."""
        return sum(
            self.counted_minutes(s)
            for s in self.sessions_of(unit_id)
            if cohort_id is None or cohort_id in s.cohorts
        )


@dataclass(frozen=True)
class Faculty:
    """Everything one programme file describes: the calendar and every programme in it."""

    calendar: Calendar
    sites: tuple[Site, ...]
    rooms: tuple[Room, ...]
    instructors: tuple[Instructor, ...]
    programmes: tuple[Programme, ...]
    weights: SoftWeights = field(default_factory=SoftWeights)
    source: str = ""
    travel: Travel = field(default_factory=Travel)
    # The changes file applied to the programme file, if any (``palliasched.replan.changes``).
    changes: str = ""

    def session_label(self, spec: SessionSpec) -> str:
        """``UE 6 : CLINIQUE ONCOLOGIE``: the UE's grid label, then the session's title."""
        if spec.unit is None:
            return (spec.title or spec.id).upper()
        label = self.unit(spec.unit).label
        return f"{label} {spec.title.upper()}" if spec.title else label

    @cached_property
    def teaching_weekdays(self) -> frozenset[int]:
        """The weekdays (0 = Monday) some programme teaches on."""
        return frozenset().union(*(p.weekdays for p in self.programmes))

    @cached_property
    def _index(self) -> dict[str, dict[str, object]]:
        index: dict[str, dict[str, object]] = {
            "site": {s.id: s for s in self.sites},
            "room": {r.id: r for r in self.rooms},
            "instructor": {i.id: i for i in self.instructors},
            "programme": {p.id: p for p in self.programmes},
            "cohort": {c.id: c for p in self.programmes for c in p.cohorts},
            "unit": {u.id: u for p in self.programmes for u in p.units},
            "session": {s.id: s for p in self.programmes for s in p.sessions},
        }
        return index

    def site(self, site_id: str) -> Site:
        return self._get("site", site_id, Site)

    def room(self, room_id: str) -> Room:
        return self._get("room", room_id, Room)

    def instructor(self, instructor_id: str) -> Instructor:
        return self._get("instructor", instructor_id, Instructor)

    def programme(self, programme_id: str) -> Programme:
        return self._get("programme", programme_id, Programme)

    def cohort(self, cohort_id: str) -> Cohort:
        return self._get("cohort", cohort_id, Cohort)

    def week_rules(self, cohort_id: str) -> TeachingWeekRules:
        """A cohort's teaching-week rules: its own, else its programme's."""
        return self.programme(self.cohort(cohort_id).programme).week_rules(cohort_id)

    def rhythm_periods(self, cohort_id: str) -> tuple[DateRange, ...]:
        """The teaching periods a cohort's rhythm applies to."""
        programme = self.programme(self.cohort(cohort_id).programme)
        return programme.rhythm_periods(programme.week_rules(cohort_id))

    def unit(self, unit_id: str) -> Unit:
        return self._get("unit", unit_id, Unit)

    def session(self, session_id: str) -> SessionSpec:
        return self._get("session", session_id, SessionSpec)

    def has(self, kind: str, entry_id: str) -> bool:
        return entry_id in self._index[kind]

    def ids(self, kind: str) -> tuple[str, ...]:
        return tuple(self._index[kind])

    @property
    def sessions(self) -> Iterator[SessionSpec]:
        for programme in self.programmes:
            yield from programme.sessions

    def rooms_of(self, site_id: str) -> tuple[Room, ...]:
        return tuple(r for r in self.rooms if r.site == site_id)

    def group_size(self, session: SessionSpec) -> int:
        """Seats one room of ``session`` must hold: ``min_capacity``, else a group's share."""
        if session.min_capacity is not None:
            return session.min_capacity
        size = sum(self.cohort(c).size for c in session.cohorts)
        return -(-size // (session.turn.of if session.turn else session.groups))

    def no_teaching_reason(self, programme: Programme, day: dt.date) -> str | None:
        """Why ``programme`` cannot teach on ``day``, or None on a teaching day."""
        reason = self.calendar.closure_reason(day, programme.weekdays)
        if reason is not None:
            return reason
        for closure in programme.closures:
            if day in closure.dates:
                return closure.describe()
        return None

    def session_span(self, session: SessionSpec) -> DateRange | None:
        """The dates a session may take: year, semester, unit and session windows, pinned date.

        None when these windows do not intersect.
        """
        programme = self.programme(session.programme)
        unit = self.unit(session.unit) if session.unit is not None else None
        semester = session.semester
        if semester is None:
            semester = unit.semester if unit is not None else BOTH_SEMESTERS
        spans = [
            programme.semester(semester) if semester != BOTH_SEMESTERS else None,
            unit.window if unit is not None else None,
            session.window,
            DateRange(session.date, session.date) if session.date is not None else None,
        ]
        span: DateRange | None = self.calendar.year
        for other in spans:
            if other is not None and span is not None:
                span = span.intersect(other)
        return span

    def _get(self, kind: str, entry_id: str, cls: type[_T]) -> _T:
        found = self._index[kind][entry_id]
        assert isinstance(found, cls)
        return found
