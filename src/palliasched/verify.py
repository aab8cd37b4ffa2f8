"""The independent checker: every hard rule, re-derived from the programme, for any calendar.

It imports neither the solver nor OR-Tools, so that a modelling bug cannot hide itself: every
calendar the solver returns, and every hand-made grid, is judged here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from palliasched.calendar import ENGLISH_WEEKDAYS, french_date, iso_week
from palliasched.programme import Faculty, Programme, SessionOrder, SessionSpec
from palliasched.rules import HardRule, check_owner
from palliasched.solution import ScheduledSession, Solution
from palliasched.words import plural_en

Interval = tuple[dt.time, dt.time]


@dataclass(frozen=True, slots=True)
class Violation:
    """A hard rule the calendar breaks. ``rule`` is a stable identifier of the finding (one of
    a catalogued rule's ``checks``), ``message`` a sentence."""

    rule: str
    message: str
    sessions: tuple[str, ...] = ()
    date: dt.date | None = None

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"

    @property
    def hard_rule(self) -> HardRule:
        """The catalogued rule this finding reports broken."""
        return check_owner(self.rule)


def verify(faculty: Faculty, solution: Solution) -> list[Violation]:
    """Every violation of a hard rule by ``solution`` (empty when the calendar is valid)."""
    return _Checker(faculty, solution).run()


class _Checker:
    def __init__(self, faculty: Faculty, solution: Solution) -> None:
        self.faculty = faculty
        self.solution = solution
        self.found: list[Violation] = []
        # Only sessions the programme knows, placed once, take part in the cross-session rules.
        self.placed: dict[str, ScheduledSession] = {}

    def add(
        self, rule: str, message: str, sessions: Iterable[str] = (), day: dt.date | None = None
    ) -> None:
        check_owner(rule)  # every finding belongs to a catalogued rule
        self.found.append(Violation(rule, message, tuple(sessions), day))

    def run(self) -> list[Violation]:
        self._each_session_once()
        for placed in self.placed.values():
            self._placement(placed)
        self._unit_hours()
        self._clashes()
        self._one_site_a_day()
        self._precedences()
        self._teaching_weeks()
        self._instructor_week_limits()
        return self.found

    # --- helpers -----------------------------------------------------------------------------

    def spec(self, placed: ScheduledSession) -> SessionSpec:
        return self.faculty.session(placed.session)

    def programme(self, placed: ScheduledSession) -> Programme:
        return self.faculty.programme(self.spec(placed).programme)

    def name(self, placed: ScheduledSession) -> str:
        spec = self.spec(placed)
        if spec.unit is None:
            return spec.title or spec.id
        unit = self.faculty.unit(spec.unit)
        return f"{unit.code} {spec.title}".strip() if spec.title else unit.label

    def display(self, kind: str, entry_id: str) -> str:
        """The display name of a cohort or instructor (its id if the programme lacks it)."""
        if kind == "cohort" and self.faculty.has("cohort", entry_id):
            return self.faculty.cohort(entry_id).name
        if kind == "instructor" and self.faculty.has("instructor", entry_id):
            return self.faculty.instructor(entry_id).name
        return entry_id

    def intervals(self, placed: ScheduledSession) -> list[Interval]:
        template = self.programme(placed).slots
        return [(slot.start, slot.end) for slot in template if slot.id in placed.slots]

    def start(self, placed: ScheduledSession) -> tuple[dt.date, dt.time]:
        return placed.date, min(start for start, _ in self.intervals(placed))

    def end(self, placed: ScheduledSession) -> tuple[dt.date, dt.time]:
        return placed.date, max(end for _, end in self.intervals(placed))

    # --- every session once, in its slots, on an allowed day ---------------------------------

    def _each_session_once(self) -> None:
        seen = self.solution.by_session()
        for session_id, copies in seen.items():
            if not self.faculty.has("session", session_id):
                self.add(
                    "unknown-session",
                    f"'{session_id}' is not a session of the programme",
                    [session_id],
                )
                continue
            if len(copies) > 1:
                dates = ", ".join(french_date(c.date) for c in copies)
                self.add(
                    "duplicate-session",
                    f"{self.name(copies[0])} is scheduled {len(copies)} times ({dates})",
                    [session_id],
                )
            self.placed[session_id] = copies[0]
        for spec in self.faculty.sessions:
            if spec.id not in seen:
                self.add(
                    "missing-session",
                    f"'{spec.id}' ({spec.title or spec.id}) is not scheduled",
                    [spec.id],
                )

    def _placement(self, placed: ScheduledSession) -> None:
        spec = self.spec(placed)
        programme = self.programme(placed)
        sid, day, name = spec.id, placed.date, self.name(placed)
        expected = (
            {slot.id for slot in programme.slots.slots_of(spec.length)}
            if (spec.length in programme.slots.lengths())
            else set()
        )
        if set(placed.slots) != expected or len(placed.slots) != len(expected):
            self.add(
                "wrong-slots",
                f"{name} takes slots {list(placed.slots)} instead of "
                f"{sorted(expected)} ({spec.length})",
                [sid],
                day,
            )
        reason = self.faculty.no_teaching_reason(programme, day)
        if reason is not None:
            self.add("not-a-teaching-day", f"{name} is on {french_date(day)}: {reason}", [sid], day)
        span = self.faculty.session_span(spec)
        if span is None or day not in span:
            allowed = "no date" if span is None else str(span)
            self.add(
                "outside-window",
                f"{name} is on {french_date(day)}, outside its allowed dates ({allowed})",
                [sid],
                day,
            )
        self._instructors(placed, spec, name)
        self._rooms(placed, spec, name)

    def _instructor_name(self, instructor_id: str) -> str:
        known = self.faculty.has("instructor", instructor_id)
        return self.faculty.instructor(instructor_id).name if known else instructor_id

    def _instructors(self, placed: ScheduledSession, spec: SessionSpec, name: str) -> None:
        sid, day = spec.id, placed.date
        assigned = list(placed.instructors)
        if len(set(assigned)) != len(assigned):
            self.add("instructors", f"{name} lists an instructor twice", [sid], day)
        missing = [i for i in spec.instructors if i not in assigned]
        if missing:
            names = ", ".join(self._instructor_name(i) for i in missing)
            self.add("instructors", f"{name} lacks {names}", [sid], day)
        extra = [i for i in assigned if i not in spec.instructors]
        strangers = [i for i in extra if i not in spec.instructor_pool]
        if strangers:
            self.add(
                "instructors",
                f"{name} is taught by {', '.join(strangers)}, who is not among its instructors",
                [sid],
                day,
            )
        elif len(set(extra)) != spec.pool_count:
            self.add(
                "instructors",
                f"{name} needs {plural_en(spec.pool_count, 'instructor')} of its pool, "
                f"has {len(set(extra))}",
                [sid],
                day,
            )
        for instructor_id in set(assigned):
            if not self.faculty.has("instructor", instructor_id):
                continue
            instructor = self.faculty.instructor(instructor_id)
            if instructor.weekdays is not None and day.weekday() not in instructor.weekdays:
                self.add(
                    "instructor-weekday",
                    f"{instructor.name} never teaches on a {ENGLISH_WEEKDAYS[day.weekday()]} "
                    f"({name}, {french_date(day)})",
                    [sid],
                    day,
                )
            if not instructor.available_on(day):
                self.add(
                    "instructor-unavailable",
                    f"{instructor.name} is unavailable on {french_date(day)} ({name})",
                    [sid],
                    day,
                )

    def _rooms(self, placed: ScheduledSession, spec: SessionSpec, name: str) -> None:
        sid, day = spec.id, placed.date
        if spec.sites and placed.site not in spec.sites:
            self.add(
                "site",
                f"{name} is at '{placed.site}', not at {' or '.join(spec.sites)}",
                [sid],
                day,
            )
        if len(placed.rooms) != spec.rooms_needed:
            self.add(
                "rooms",
                f"{name} has {plural_en(len(placed.rooms), 'room')}, needs {spec.rooms_needed}",
                [sid],
                day,
            )
        if len(set(placed.rooms)) != len(placed.rooms):
            self.add("rooms", f"{name} lists a room twice", [sid], day)
        need = self.faculty.group_size(spec)
        for room_id in set(placed.rooms):
            if not self.faculty.has("room", room_id):
                self.add("rooms", f"{name} is in '{room_id}', which is not a room", [sid], day)
                continue
            room = self.faculty.room(room_id)
            if room.site != placed.site:
                self.add("site", f"{name}: room {room.name} is not at '{placed.site}'", [sid], day)
            if spec.allowed_rooms and room_id not in spec.allowed_rooms:
                self.add(
                    "rooms", f"{name} is in {room.name}, not one of its allowed rooms", [sid], day
                )
            if room.capacity < need:
                self.add(
                    "room-capacity",
                    f"{room.name} holds {room.capacity}, {name} needs {need} seats",
                    [sid],
                    day,
                )
            if not room.available_on(day):
                self.add(
                    "room-unavailable",
                    f"{room.name} is unavailable on {french_date(day)} ({name})",
                    [sid],
                    day,
                )

    # --- hours ---------------------------------------------------------------------------------

    def _unit_hours(self) -> None:
        for programme in self.faculty.programmes:
            for unit in programme.units:
                if unit.internship is not None:
                    continue
                minutes = sum(
                    programme.counted_minutes(spec)
                    for spec in programme.sessions_of(unit.id)
                    if spec.id in self.placed
                )
                if minutes != unit.presence_minutes:
                    self.add(
                        "unit-hours",
                        f"{unit.code} counts {minutes / 60:g} h scheduled, "
                        f"{unit.presence_minutes / 60:g} h declared",
                        [],
                    )

    # --- resources in two places at once ---------------------------------------------------------

    def _clashes(self) -> None:
        by_day: dict[dt.date, list[ScheduledSession]] = defaultdict(list)
        for placed in self.placed.values():
            by_day[placed.date].append(placed)
        for day, sessions in sorted(by_day.items()):
            for i, first in enumerate(sessions):
                for second in sessions[i + 1 :]:
                    if self._overlap(first, second):
                        self._shared_resources(first, second, day)

    def _overlap(self, first: ScheduledSession, second: ScheduledSession) -> bool:
        return any(
            a_start < b_end and b_start < a_end
            for a_start, a_end in self.intervals(first)
            for b_start, b_end in self.intervals(second)
        )

    def _shared_resources(
        self, first: ScheduledSession, second: ScheduledSession, day: dt.date
    ) -> None:
        pair = [first.session, second.session]
        names = f"{self.name(first)} and {self.name(second)}"
        for instructor_id in sorted(set(first.instructors) & set(second.instructors)):
            self.add(
                "instructor-clash",
                f"{self.display('instructor', instructor_id)} teaches {names} at the same time "
                f"on {french_date(day)}",
                pair,
                day,
            )
        cohorts = set(self.spec(first).cohorts) & set(self.spec(second).cohorts)
        for cohort_id in sorted(cohorts):
            self.add(
                "cohort-clash",
                f"{self.faculty.cohort(cohort_id).name} attends {names} at "
                f"the same time on {french_date(day)}",
                pair,
                day,
            )
        for room_id in sorted(set(first.rooms) & set(second.rooms)):
            self.add(
                "room-clash",
                f"room {room_id} holds {names} at the same time on {french_date(day)}",
                pair,
                day,
            )

    def _one_site_a_day(self) -> None:
        """A cohort, and an instructor, is on one site per day."""
        people: dict[str, Callable[[ScheduledSession], Iterable[str]]] = {
            "cohort": lambda p: self.spec(p).cohorts,
            "instructor": lambda p: p.instructors,
        }
        for kind, of in people.items():
            sites: dict[tuple[str, dt.date], dict[str, list[str]]] = defaultdict(dict)
            for placed in self.placed.values():
                if placed.site is not None:
                    for who in of(placed):
                        sites[(who, placed.date)].setdefault(placed.site, []).append(placed.session)
            for (who, day), found in sites.items():
                if len(found) > 1:
                    self.add(
                        f"{kind}-two-sites",
                        f"{self.display(kind, who)} is on {' and '.join(sorted(found))} on "
                        f"{french_date(day)}",
                        sorted(s for ids in found.values() for s in ids),
                        day,
                    )

    # --- order -----------------------------------------------------------------------------------

    def _precedences(self) -> None:
        for placed in self.placed.values():
            spec = self.spec(placed)
            for before_id in spec.after:
                before = self.placed.get(before_id)
                if before is not None and self.end(before) > self.start(placed):
                    self.add(
                        "precedence",
                        f"{self.name(placed)} ({french_date(placed.date)}) "
                        f"must come after {self.name(before)} ({french_date(before.date)})",
                        [before_id, spec.id],
                        placed.date,
                    )
            if spec.order is None:
                continue
            for other in self.placed.values():
                if other is placed or self.spec(other).programme != spec.programme:
                    continue
                if spec.order is SessionOrder.FIRST:
                    wrong = self.start(other) < self.end(placed)
                else:
                    wrong = self.end(other) > self.start(placed)
                if wrong:
                    self.add(
                        "order",
                        f"{self.name(placed)} must come {spec.order.value} in the "
                        f"programme, but {self.name(other)} is on "
                        f"{french_date(other.date)}",
                        [spec.id, other.session],
                        other.date,
                    )

    # --- teaching weeks --------------------------------------------------------------------------

    def _teaching_weeks(self) -> None:
        for programme in self.faculty.programmes:
            for cohort in programme.cohorts:
                days = sorted(
                    {p.date for p in self.placed.values() if cohort.id in self.spec(p).cohorts}
                )
                self._cohort_weeks(programme, cohort.name, days)

    def _cohort_weeks(self, programme: Programme, cohort: str, days: list[dt.date]) -> None:
        rules = programme.teaching_weeks
        weeks: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
        for day in days:
            weeks[iso_week(day)].append(day)
        for week_days in weeks.values():
            first, last = week_days[0], week_days[-1]
            span = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
            gaps = [
                d
                for d in span
                if d not in week_days and self.faculty.no_teaching_reason(programme, d) is None
            ]
            if gaps:
                self.add(
                    "regroupement-gap",
                    f"{cohort}: the teaching days of the week of "
                    f"{french_date(first)} are not consecutive (no session on "
                    f"{', '.join(french_date(d) for d in gaps)})",
                    [],
                    first,
                )
            if len(week_days) > rules.max_days:
                self.add(
                    "regroupement-too-long",
                    f"{cohort}: {len(week_days)} teaching days in "
                    f"the week of {french_date(first)}, at most {rules.max_days}",
                    [],
                    first,
                )
        mondays = sorted(dt.date.fromisocalendar(year, week, 1) for year, week in weeks)
        for previous, current in itertools.pairwise(mondays):
            apart = (current - previous).days // 7
            if apart < rules.min_weeks_between:
                self.add(
                    "regroupement-spacing",
                    f"{cohort}: regroupements of the weeks of "
                    f"{french_date(previous)} and {french_date(current)} are "
                    f"{plural_en(apart, 'week')} "
                    f"apart, at least {rules.min_weeks_between}",
                    [],
                    current,
                )
        if rules.max_per_semester is not None:
            for name, semester in programme.semesters:
                count = sum(
                    1 for monday in mondays if any(d in semester for d in weeks[iso_week(monday)])
                )
                if count > rules.max_per_semester:
                    self.add(
                        "regroupements-per-semester",
                        f"{cohort}: {count} regroupements in "
                        f"{name}, at most {rules.max_per_semester}",
                        [],
                    )

    def _instructor_week_limits(self) -> None:
        days: dict[tuple[str, tuple[int, int]], set[dt.date]] = defaultdict(set)
        for placed in self.placed.values():
            for instructor_id in placed.instructors:
                days[(instructor_id, iso_week(placed.date))].add(placed.date)
        for (instructor_id, _), taught in sorted(days.items()):
            if not self.faculty.has("instructor", instructor_id):
                continue
            instructor = self.faculty.instructor(instructor_id)
            limit = instructor.max_days_per_week
            if limit is not None and len(taught) > limit:
                first = min(taught)
                self.add(
                    "instructor-week-limit",
                    f"{instructor.name} teaches {len(taught)} days "
                    f"in the week of {french_date(first)}, at most {limit}",
                    [],
                    first,
                )
