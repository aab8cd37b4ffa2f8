"""Checks of each session alone: once, in its slots, on an allowed day, with its instructors
and rooms; and the hours of each unit."""

from __future__ import annotations

from palliasched.domain.calendar import SlotTemplate, clock_minutes, duration_of, french_date
from palliasched.domain.programme import SessionSpec
from palliasched.domain.solution import ScheduledSession
from palliasched.verify.base import CheckerBase
from palliasched.words import plural_en


class SessionChecks(CheckerBase):
    def _placed_on_grid(self, placed: ScheduledSession, minutes: int) -> None:
        """A session given in minutes: one clock interval of that length, inside one slot of
        the template, starting a whole number of grid steps after the slot's start."""
        template = self.programme(placed).slots
        times = [template[i] for i in placed.slots if _is_slot(template, i)]
        fits = len(times) == 1 == len(placed.slots) and any(
            row.start <= times[0].start
            and times[0].end <= row.end
            and (clock_minutes(times[0].start) - clock_minutes(row.start)) % template.grid_minutes
            == 0
            for row in template
        )
        if not fits or times[0].clock_minutes != minutes:
            self.add(
                "wrong-slots",
                f"{self.name(placed)} takes {list(placed.slots)}: a {minutes}-minute session "
                f"starts every {template.grid_minutes} minutes from a slot's start and ends "
                "inside that slot",
                [placed.session],
                placed.date,
            )

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
        minutes = duration_of(spec.length)
        if minutes is not None:
            self._placed_on_grid(placed, minutes)
            expected = set(placed.slots)
        else:
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
            if not instructor.available_on(day):
                agenda = any(day in busy for busy in instructor.busy)
                self.add(
                    "instructor-unavailable",
                    f"{instructor.name} is unavailable on {french_date(day)} ({name})"
                    + (": busy per their agenda" if agenda else ""),
                    [sid],
                    day,
                )

    def _rooms(self, placed: ScheduledSession, spec: SessionSpec, name: str) -> None:
        sid, day = spec.id, placed.date
        if spec.online and placed.site is not None:
            self.add("site", f"{name} is online, not at '{placed.site}'", [sid], day)
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
                for cohort_id, declared in unit.cohort_minutes:  # a part of it, its own
                    attended = sum(
                        programme.counted_minutes(spec)
                        for spec in programme.sessions_of(unit.id)
                        if spec.id in self.placed and cohort_id in spec.cohorts
                    )
                    if attended != declared:
                        self.add(
                            "unit-hours",
                            f"{unit.code} counts {attended / 60:g} h scheduled for "
                            f"{self.faculty.cohort(cohort_id).name}, {declared / 60:g} h declared",
                            [],
                        )


def _is_slot(template: SlotTemplate, slot_id: str) -> bool:
    try:
        template[slot_id]
    except KeyError:
        return False
    return True
