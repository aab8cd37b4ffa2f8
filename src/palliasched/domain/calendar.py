"""Academic calendar: year bounds, teaching weekdays, slot template, holidays and closures.

Everything here is plain dates and clock times in the programme's time zone
(Europe/Paris by default); nothing knows about the solver.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

import holidays as holidays_lib

TIMEZONE = "Europe/Paris"
FULL_DAY = "full-day"
NOT_A_TEACHING_WEEKDAY = "not a teaching weekday"

WEEKDAY_IDS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ENGLISH_WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
FRENCH_WEEKDAYS: tuple[str, ...] = (
    "Lundi",
    "Mardi",
    "Mercredi",
    "Jeudi",
    "Vendredi",
    "Samedi",
    "Dimanche",
)


class HolidayRegion(StrEnum):
    """Which French public holidays apply (`holidays` package, metropolitan France)."""

    METROPOLE = "metropole"
    ALSACE_MOSELLE = "alsace-moselle"
    NONE = "none"

    @property
    def subdivision(self) -> str | None:
        # Moselle ("57") observes the same two extra days (Good Friday, 26 December) as Alsace.
        return "57" if self is HolidayRegion.ALSACE_MOSELLE else None


@dataclass(frozen=True, slots=True, order=True)
class DateRange:
    """Inclusive range of dates; a single day has ``start == end``."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def days(self) -> Iterator[dt.date]:
        day = self.start
        while day <= self.end:
            yield day
            day += dt.timedelta(days=1)

    def within(self, outer: DateRange) -> bool:
        """True when every day of this range is in ``outer``."""
        return outer.start <= self.start and self.end <= outer.end

    def intersect(self, other: DateRange) -> DateRange | None:
        start, end = max(self.start, other.start), min(self.end, other.end)
        return DateRange(start, end) if start <= end else None

    def __str__(self) -> str:
        if self.start == self.end:
            return french_date(self.start)
        return f"{french_date(self.start)}-{french_date(self.end)}"


@dataclass(frozen=True, slots=True)
class Slot:
    """One slot of the daily template: a clock interval and the hours it counts for.

    ``counted_minutes`` may differ from the clock length: the published M2 grid
    counts 4 h for the 09:30-12:30 morning so that a day counts 8 h.
    """

    id: str
    label: str
    start: dt.time
    end: dt.time
    counted_minutes: int

    @property
    def clock_minutes(self) -> int:
        return clock_minutes(self.end) - clock_minutes(self.start)

    def overlaps(self, other: Slot) -> bool:
        return self.start < other.end and other.start < self.end

    @classmethod
    def clock(cls, start: dt.time, end: dt.time) -> Slot:
        """A slot of a session's own clock times: id ``09:30-13:30``, label ``9h30-13h30``,
        counting its clock length."""
        minutes = clock_minutes(end) - clock_minutes(start)
        return cls(f"{start:%H:%M}-{end:%H:%M}", slot_label(start, end), start, end, minutes)


def slot_label(start: dt.time, end: dt.time) -> str:
    """``9h30-12h30``, ``14h-18h``: how French grids label their rows."""

    def part(t: dt.time) -> str:
        return f"{t.hour}h{t.minute:02d}" if t.minute else f"{t.hour}h"

    return f"{part(start)}-{part(end)}"


def duration_length(minutes: int) -> str:
    """The length of a session written as minutes (``90min``): the scheduler chooses its start."""
    return f"{minutes}min"


def duration_of(length: str) -> int | None:
    """The minutes of a ``90min`` length; None for a slot id or a full day."""
    found = re.fullmatch(r"(\d+)min", length)
    return int(found.group(1)) if found else None


def _clock_id(slot_id: str) -> tuple[dt.time, dt.time] | None:
    found = re.fullmatch(r"(\d\d):(\d\d)-(\d\d):(\d\d)", slot_id)
    if found is None:
        return None
    h1, m1, h2, m2 = (int(part) for part in found.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59 or (h1, m1) >= (h2, m2):
        return None
    return dt.time(h1, m1), dt.time(h2, m2)


@dataclass(frozen=True, slots=True)
class SlotTemplate:
    """The slots of a teaching day, in clock order. A full day takes every slot. ``own``
    holds the clock times of sessions that keep their own (``start`` and ``end``): lengths,
    but neither rows of the grids nor part of a full day."""

    slots: tuple[Slot, ...]
    own: tuple[Slot, ...] = ()
    grid_minutes: int = 15  # where a session given in minutes may start, from a slot's start

    def __iter__(self) -> Iterator[Slot]:
        return iter(self.slots)

    def __getitem__(self, slot_id: str) -> Slot:
        for slot in (*self.slots, *self.own):
            if slot.id == slot_id:
                return slot
        times = _clock_id(slot_id)
        if times is None:
            raise KeyError(slot_id)
        return Slot.clock(*times)  # the start a session given in minutes was placed at

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(slot.id for slot in self.slots)

    def lengths(self) -> tuple[str, ...]:
        """Every session length this template offers: each slot id, then ``full-day``."""
        return (*self.ids, *(slot.id for slot in self.own), FULL_DAY)

    def knows(self, length: str) -> bool:
        """A slot id, an own clock time, ``full-day``, or minutes that fit in some slot."""
        return length in self.lengths() or bool(self.options(length))

    def options(self, length: str) -> tuple[tuple[Slot, ...], ...]:
        """The slots a session of this length may take, one tuple per choice: the one slot
        of its length, or for ``90min`` every start on the grid inside each slot where it fits
        (09:30, 09:45, ... 11:00 in the morning with quarter-hours)."""
        minutes = duration_of(length)
        if minutes is None:
            return (self.slots_of(length),) if length in self.lengths() else ()
        found: list[tuple[Slot, ...]] = []
        for row in self.slots:
            start, end = clock_minutes(row.start), clock_minutes(row.end)
            for begin in range(start, end - minutes + 1, max(self.grid_minutes, 1)):
                found.append((Slot.clock(_time(begin), _time(begin + minutes)),))
        return tuple(found)

    def placed(self, slot_ids: Iterable[str]) -> tuple[Slot, ...]:
        """The slots (own clock times included) of a placed session's ``slots``."""
        found = []
        for slot_id in dict.fromkeys(slot_ids):
            try:
                found.append(self[slot_id])
            except KeyError:
                continue
        return tuple(sorted(found, key=lambda slot: (slot.start, slot.end)))

    def late_quarters(self, slot_ids: Iterable[str]) -> int:
        """Quarter-hours (started) between the start of the row holding a placed clock time
        and its start: 0 for a session at 9h30 in a 9h30-12h30 morning, 4 at 10h30."""
        late = 0
        for slot in self.placed(slot_ids):
            rows = [row for row in self.slots if row.start <= slot.start < row.end]
            if rows and slot not in self.slots:
                offset = clock_minutes(slot.start) - clock_minutes(rows[0].start)
                late += -(-offset // 15)
        return late

    def clock_labels(self, slot_ids: Iterable[str]) -> list[str]:
        """``9h30-13h30`` for each placed slot that is not a row of the grid (its own times)."""
        return [slot.label for slot in self.placed(slot_ids) if slot not in self.slots]

    def rows_of(self, slot_ids: Iterable[str]) -> tuple[str, ...]:
        """The template's slots (grid rows, half-days) a placed session's slots take: an own
        clock time takes the rows it overlaps."""
        rows: list[str] = []
        for slot in self.placed(slot_ids):
            if slot in self.slots:
                rows.append(slot.id)
            else:
                rows += [row.id for row in self.slots if row.overlaps(slot)] or [self.ids[0]]
        return tuple(dict.fromkeys(rows))

    def slots_of(self, length: str) -> tuple[Slot, ...]:
        """The slots a session of this length occupies (its first choice for ``90min``)."""
        if duration_of(length) is not None:
            return self.options(length)[0]
        return self.slots if length == FULL_DAY else (self[length],)

    def counted_minutes(self, length: str) -> int:
        minutes = duration_of(length)
        if minutes is not None:
            return minutes
        return sum(slot.counted_minutes for slot in self.slots_of(length))

    def describe(self, full_day: str = "full day") -> str:
        """Each slot and the full day (named ``full_day``) with the hours it counts."""
        parts = [f"{s.id} {format_hours(s.counted_minutes)}" for s in self.slots]
        parts.append(f"{full_day} {format_hours(self.counted_minutes(FULL_DAY))}")
        return ", ".join(parts)


DEFAULT_SLOTS = SlotTemplate(
    (
        Slot("matin", "9h30-12h30", dt.time(9, 30), dt.time(12, 30), 4 * 60),
        Slot("apres-midi", "14h-18h", dt.time(14, 0), dt.time(18, 0), 4 * 60),
    )
)


@dataclass(frozen=True, slots=True)
class Closure:
    """Dates with no teaching (faculty closed, holidays of the school year)."""

    dates: DateRange
    reason: str = ""

    def describe(self) -> str:
        return f"closure ({self.reason})" if self.reason else "closure"


@dataclass(frozen=True)
class Calendar:
    """The academic year shared by every programme of a file."""

    year: DateRange
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    holiday_region: HolidayRegion = HolidayRegion.METROPOLE
    closures: tuple[Closure, ...] = ()
    timezone: str = TIMEZONE

    @cached_property
    def public_holidays(self) -> dict[dt.date, str]:
        """French public holidays within the year, with their French names."""
        if self.holiday_region is HolidayRegion.NONE:
            return {}
        years = range(self.year.start.year, self.year.end.year + 1)
        found = holidays_lib.country_holidays(
            "FR", subdiv=self.holiday_region.subdivision, years=years, language="fr"
        )
        return {day: str(name) for day, name in sorted(found.items()) if day in self.year}

    def closure_reason(self, day: dt.date, weekdays: frozenset[int] | None = None) -> str | None:
        """Why no teaching can happen on ``day``, or None if it is a teaching day."""
        if day not in self.year:
            return "outside the academic year"
        if day.weekday() not in (self.weekdays if weekdays is None else weekdays):
            return NOT_A_TEACHING_WEEKDAY
        if day in self.public_holidays:
            return f"public holiday ({self.public_holidays[day]})"
        for closure in self.closures:
            if day in closure.dates:
                return closure.describe()
        return None

    def teaching_days(
        self, within: DateRange | None = None, weekdays: frozenset[int] | None = None
    ) -> list[dt.date]:
        """Teaching days (weekday, no holiday, no closure) inside ``within`` and the year."""
        span = self.year if within is None else self.year.intersect(within)
        if span is None:
            return []
        return [d for d in span.days() if self.closure_reason(d, weekdays) is None]


def iso_week(day: dt.date) -> tuple[int, int]:
    """(ISO year, ISO week number): the calendar week a teaching day belongs to."""
    year, week, _ = day.isocalendar()
    return year, week


def longest_run(weekdays: frozenset[int]) -> int:
    """The most consecutive days among ``weekdays`` (0 = Monday) within one week: the most
    days one trip can hold (five from Monday to Friday, six with Saturdays)."""
    longest = run = 0
    for day in range(7):
        run = run + 1 if day in weekdays else 0
        longest = max(longest, run)
    return longest


def french_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def french_day(day: dt.date) -> str:
    """``Lundi 05/10/2026``: the day header of the published grids."""
    return f"{FRENCH_WEEKDAYS[day.weekday()]} {french_date(day)}"


def format_hours(minutes: int) -> str:
    """``8 h``, ``16,5 h``: hours as French coordinators write them."""
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return f"{hours} h"
    return f"{minutes / 60:.2f}".rstrip("0").replace(".", ",") + " h"


def clock_minutes(time: dt.time) -> int:
    """Minutes since midnight."""
    return time.hour * 60 + time.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)
