"""Instructors' unavailability read from their own agendas (``unavailable_from``).

An agenda is an iCalendar file an instructor exports (a path, relative to the programme file
that names it) or a CalDAV collection (an ``https://`` address; the user name and password, if
the server asks for them, come from ``PALLIASCHED_CALDAV_USERNAME`` and
``PALLIASCHED_CALDAV_PASSWORD``). Only busy times count: events that are neither transparent
(free) nor cancelled, and the busy periods of VFREEBUSY components; recurring events are
expanded by ``recurring_ical_events`` (RRULE, RDATE, EXDATE, moved occurrences, time zones).
A day is unavailable when a busy time overlaps its teaching hours (from the earliest slot start
to the latest slot end of the faculty's templates); an all-day event takes its days whole.
Nothing else of an event (its title, place, attendees) is ever read.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from palliasched.domain.calendar import DateRange, clock_minutes
from palliasched.domain.programme import Faculty
from palliasched.errors import Problem
from palliasched.files import UnreadableFile, read_text_file
from palliasched.io.locations import Locations
from palliasched.limits import MAX_AGENDA_BYTES, MAX_AGENDAS

if TYPE_CHECKING:  # icalendar loads when a file names an agenda, not with every command
    from icalendar.cal import Component

USERNAME = "PALLIASCHED_CALDAV_USERNAME"
PASSWORD = "PALLIASCHED_CALDAV_PASSWORD"


class AgendaError(Exception):
    """An agenda that cannot be read: the message says what and how to fix it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True, slots=True)
class TeachingHours:
    """The part of a day teaching may take: busy times outside it do not count."""

    start: dt.time
    end: dt.time
    timezone: str

    def days_touched(self, start: dt.datetime, end: dt.datetime) -> Iterator[dt.date]:
        """The days whose teaching hours overlap the busy time [start, end)."""
        zone = ZoneInfo(self.timezone)
        start, end = start.astimezone(zone), end.astimezone(zone)
        day = start.date()
        while day <= end.date():
            opens = dt.datetime.combine(day, self.start, zone)
            closes = dt.datetime.combine(day, self.end, zone)
            if start < closes and opens < end:
                yield day
            day += dt.timedelta(days=1)


def busy_days(text: str, year: DateRange, hours: TeachingHours) -> set[dt.date]:
    """The days of ``year`` an iCalendar document says its owner is busy in teaching hours."""
    import icalendar
    import recurring_ical_events  # type: ignore[import-untyped]

    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        raise AgendaError(
            f"not an iCalendar file ({exc})", "export the agenda as .ics (iCalendar)"
        ) from None
    zone = ZoneInfo(hours.timezone)
    first = dt.datetime.combine(year.start, dt.time(0), zone)
    last = dt.datetime.combine(year.end + dt.timedelta(days=1), dt.time(0), zone)
    found: set[dt.date] = set()
    try:
        events = recurring_ical_events.of(calendar).between(first, last)
    except Exception as exc:  # the library raises its own errors for broken rules
        raise AgendaError(f"a recurring event cannot be expanded ({exc})") from None
    for event in events:
        if _free(event):
            continue
        found.update(_event_days(event, hours, zone))
    for busy in calendar.walk("VFREEBUSY"):
        found.update(_freebusy_days(busy, hours))
    return {day for day in found if day in year}


def with_agendas(faculty: Faculty, loc: Locations, problems: list[Problem]) -> Faculty:
    """``faculty`` with each instructor's busy days read from the agendas they name; an agenda
    that cannot be read is a problem located at its line."""
    named = [(i, n, ref) for i in faculty.instructors for n, ref in enumerate(i.unavailable_from)]
    if not named:
        return faculty
    hours = teaching_hours(
        ([(s.start, s.end) for s in (*p.slots.slots, *p.slots.own)] for p in faculty.programmes),
        faculty.calendar.timezone,
    )
    busy: dict[str, set[dt.date]] = {}
    for instructor, index, reference in named:
        origin = loc.origins[("instructor", instructor.id)]
        path = (*origin.path, "unavailable_from", index)
        if len(busy) >= MAX_AGENDAS:
            problems.append(
                origin.source.problem(
                    path, f"more than {MAX_AGENDAS} agendas", entry=f"instructor '{instructor.id}'"
                )
            )
            break
        try:
            days = read_agenda(
                reference, Path(origin.source.file).parent, faculty.calendar.year, hours
            )
        except AgendaError as exc:
            problems.append(
                origin.source.problem(
                    path,
                    f"agenda '{reference}': {exc.message}",
                    entry=f"instructor '{instructor.id}'",
                    field="unavailable_from",
                    hint=exc.hint,
                )
            )
            continue
        busy.setdefault(instructor.id, set()).update(days)
    return replace(
        faculty,
        instructors=tuple(
            replace(i, busy=day_ranges(busy[i.id])) if i.id in busy else i
            for i in faculty.instructors
        ),
    )


def read_agenda(reference: str, base: Path, year: DateRange, hours: TeachingHours) -> set[dt.date]:
    """Busy days from a file (relative to ``base``) or a CalDAV collection address."""
    if reference.startswith(("https://", "http://")):
        return busy_days(_caldav_text(reference), year, hours)
    path = base / reference
    try:
        text = read_text_file(path, str(path), MAX_AGENDA_BYTES, "agenda")
    except UnreadableFile as exc:
        problem: Problem = exc.problem
        raise AgendaError(f"{path}: {problem.message}", problem.hint) from None
    return busy_days(text, year, hours)


def day_ranges(days: Iterable[dt.date]) -> tuple[DateRange, ...]:
    """Consecutive days joined: 5, 6, 7 and 12 January make two ranges."""
    ranges: list[DateRange] = []
    for day in sorted(days):
        if ranges and ranges[-1].end + dt.timedelta(days=1) == day:
            ranges[-1] = DateRange(ranges[-1].start, day)
        else:
            ranges.append(DateRange(day, day))
    return tuple(ranges)


def teaching_hours(
    templates: Iterable[Iterable[tuple[dt.time, dt.time]]], zone: str
) -> TeachingHours:
    """From the earliest start to the latest end of the slots (and own clock times) given."""
    times = [pair for template in templates for pair in template]
    if not times:
        return TeachingHours(dt.time(0), dt.time(23, 59), zone)
    start = min(times, key=lambda pair: clock_minutes(pair[0]))[0]
    end = max(times, key=lambda pair: clock_minutes(pair[1]))[1]
    return TeachingHours(start, end, zone)


def _free(event: Component) -> bool:
    transparent = str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT"
    return transparent or str(event.get("STATUS", "")).upper() == "CANCELLED"


def _event_days(event: Component, hours: TeachingHours, zone: ZoneInfo) -> Iterable[dt.date]:
    if "DTSTART" not in event:
        return ()
    begin: dt.date = event.decoded("DTSTART")
    stop: dt.date | None = event.decoded("DTEND") if "DTEND" in event else None
    if stop is None and "DURATION" in event:
        stop = begin + event.decoded("DURATION")
    if not isinstance(begin, dt.datetime):  # all day: its days whole (the end excluded)
        last = stop.date() if isinstance(stop, dt.datetime) else stop
        days = max((last - begin).days, 1) if last is not None else 1
        return [begin + dt.timedelta(days=n) for n in range(days)]
    finish = stop if isinstance(stop, dt.datetime) else begin
    begin, finish = _aware(begin, zone), _aware(finish, zone)
    if finish <= begin:
        finish = begin + dt.timedelta(minutes=1)  # an instant still marks its day
    return hours.days_touched(begin, finish)


def _freebusy_days(component: Component, hours: TeachingHours) -> set[dt.date]:
    """Busy periods (FBTYPE BUSY, BUSY-TENTATIVE, BUSY-UNAVAILABLE; FREE is not)."""
    found: set[dt.date] = set()
    zone = ZoneInfo(hours.timezone)
    values = component.get("FREEBUSY", [])
    for value in values if isinstance(values, list) else [values]:
        if str(value.params.get("FBTYPE", "BUSY")).upper() == "FREE":
            continue
        begin, end = value.dt
        if isinstance(end, dt.timedelta):
            end = begin + end
        found.update(hours.days_touched(_aware(begin, zone), _aware(end, zone)))
    return found


def _aware(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A floating time (no zone) is the programme's local time."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _caldav_text(url: str) -> str:
    """The events of a CalDAV collection as one iCalendar document."""
    from caldav.davclient import DAVClient  # only when an agenda is a CalDAV address

    try:
        client = DAVClient(
            url, username=os.environ.get(USERNAME), password=os.environ.get(PASSWORD)
        )
        objects = client.calendar(url=url).events()  # type: ignore[no-untyped-call]
        texts = [obj.data for obj in objects]
    except Exception as exc:  # the network, the server, its answer: all said, none raised
        raise AgendaError(
            f"the CalDAV collection {url} cannot be read ({type(exc).__name__}: {exc})",
            f"check the address, and set {USERNAME} and {PASSWORD} if the server asks",
        ) from None
    import icalendar

    merged = icalendar.Calendar()
    merged.add("prodid", "-//palliasched//agenda//FR")
    merged.add("version", "2.0")
    for text in texts:
        for component in icalendar.Calendar.from_ical(text).subcomponents:
            merged.add_component(component)
    return str(merged.to_ical().decode("utf-8"))
