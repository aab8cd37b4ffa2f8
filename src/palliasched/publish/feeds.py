"""iCalendar feeds: one per programme, cohort, instructor, room and UE, that clients subscribe to.

Every event has a UID derived from its programme and session ids (uuid5), so that a client
updates the event in place when a new calendar moves it. A small state file in the output
folder (``feeds/state.json``) remembers, per UID, what the event said when last published,
its SEQUENCE and when it last changed: SEQUENCE rises only when the event's date, time, rooms
or instructors change, and DTSTAMP is that last change, so that publishing an unchanged
calendar again writes byte-identical feeds. An event of a first publish takes the programme
file's modification time as its last change (two solves of the same file agree); an event
added to a folder published before takes the publishing time.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from palliasched.domain.internships import periods
from palliasched.domain.programme import Faculty, Programme, SessionSpec
from palliasched.domain.solution import ScheduledSession, Solution
from palliasched.files import write_atomically
from palliasched.publish.feed_state import EventState, session_uid
from palliasched.publish.internship_events import internship_event, internship_uid
from palliasched.words import ONLINE

PRODID = "-//palliasched//Calendrier des enseignements//FR"
REFRESH = dt.timedelta(hours=12)
STATE_FILE = "state.json"
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Feed:
    """One subscribable calendar: its file name (a stable slug), its title and its events."""

    slug: str
    kind: str  # programme, cohort, instructor, room, ue
    subject: str  # the id it is about
    title: str
    uids: tuple[str, ...]

    @property
    def file_name(self) -> str:
        return f"{self.slug}.ics"


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def feeds_of(
    faculty: Faculty, solution: Solution, keep: frozenset[str] = frozenset()
) -> list[Feed]:
    """Every feed of the faculty with an event, in a stable order, and those of programmes,
    cohorts and the ``keep`` slugs even without one."""
    uids: dict[tuple[str, str], list[str]] = {}

    def add(kind: str, subject: str, uid: str) -> None:
        uids.setdefault((kind, subject), []).append(uid)

    for placed in solution.sessions:
        spec = faculty.session(placed.session)
        uid = session_uid(spec.programme, spec.id)
        add("programme", spec.programme, uid)
        for cohort in spec.cohorts:
            add("cohort", cohort, uid)
        for instructor in placed.instructors:
            add("instructor", instructor, uid)
        for room in dict.fromkeys(placed.rooms):
            add("room", room, uid)
        if spec.unit is not None:
            add("ue", spec.unit, uid)
    for unit, cohort, _ in periods(faculty, solution):
        uid = internship_uid(unit, cohort)
        add("programme", unit.programme, uid)
        add("cohort", cohort, uid)
        add("ue", unit.id, uid)
    feeds = []
    subjects: list[tuple[str, str, str]] = []
    for programme in faculty.programmes:
        subjects.append(("programme", programme.id, programme.title))
        subjects += [("cohort", c.id, f"{programme.title} — {c.name}") for c in programme.cohorts]
        subjects += [("ue", u.id, f"{programme.title} — {u.label}") for u in programme.units]
    subjects += [("instructor", i.id, i.name) for i in faculty.instructors]
    subjects += [("room", r.id, f"{r.name} ({faculty.site(r.site).name})") for r in faculty.rooms]
    for kind, subject, title in subjects:
        found = uids.get((kind, subject))
        name = f"{kind}-{slug(subject)}"
        if found or kind in ("programme", "cohort") or name in keep:
            feeds.append(Feed(name, kind, subject, title, tuple(found or ())))
    return feeds


def write_feeds(
    faculty: Faculty, solution: Solution, folder: Path, now: dt.datetime | None = None
) -> list[Path]:
    """Write every feed into ``folder`` (and its state file). A feed written there before is
    written again, empty if its events are gone; one whose subject left the programme goes.

    ``now`` is when changes found against the previous publish are dated (default: now).
    """
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    previous = _read_state(folder / STATE_FILE)
    first_seen = _source_time(faculty)
    events: dict[str, icalendar.Event] = {}
    state: dict[str, EventState] = {}
    for placed in solution.sessions:
        spec = faculty.session(placed.session)
        uid = session_uid(spec.programme, spec.id)
        current = _next_state(previous, uid, _fingerprint(placed, spec.link), now, first_seen)
        state[uid] = current
        events[uid] = _event(faculty, spec, placed, uid, current)
    for unit, cohort, span in periods(faculty, solution):
        uid = internship_uid(unit, cohort)
        fingerprint = f"{span.start.isoformat()}/{span.end.isoformat()}"
        current = _next_state(previous, uid, fingerprint, now, first_seen)
        state[uid] = current
        events[uid] = internship_event(faculty, unit, cohort, span, uid, current)
    for uid, before in previous.items():  # remembered, so that a return raises SEQUENCE
        if uid not in state:
            state[uid] = EventState(before.fingerprint, before.sequence, before.changed, True)
    written = []
    keep = set()
    # A feed published before stays, even empty: its subscribers then see its events go.
    published = frozenset(path.stem for path in folder.glob("*.ics"))
    for feed in feeds_of(faculty, solution, published):
        path = folder / feed.file_name
        write_atomically(path, feed_text(faculty, feed, [events[u] for u in feed.uids]))
        written.append(path)
        keep.add(path.name)
    for stale in folder.glob("*.ics"):
        if stale.name not in keep:
            stale.unlink()
    write_atomically(folder / STATE_FILE, _state_json(state))
    return written


def _next_state(
    previous: dict[str, EventState],
    uid: str,
    fingerprint: str,
    now: dt.datetime,
    first_seen: dt.datetime,
) -> EventState:
    """An event's state now: kept while it does not change, SEQUENCE raised when it does."""
    before = previous.get(uid)
    if before is None:  # new here; an event added to a published calendar is news now
        return EventState(fingerprint, 0, now if previous else first_seen)
    if before.fingerprint == fingerprint and not before.removed:
        return before
    return EventState(fingerprint, before.sequence + 1, now)


def feed_text(faculty: Faculty, feed: Feed, events: Iterable[icalendar.Event]) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", feed.title)
    calendar.add("x-wr-calname", feed.title)
    calendar.add("x-wr-timezone", faculty.calendar.timezone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    ordered = sorted(events, key=lambda e: (_start(e).isoformat(), str(e["uid"])))
    for event in ordered:
        calendar.add_component(event)
    _add_timezone(faculty, calendar, ordered)
    return bytes(calendar.to_ical())


def caldav_resources(feed: bytes) -> dict[str, bytes]:
    """A feed split into one CalDAV resource per UID (its time zones, no METHOD)."""
    calendar = icalendar.Calendar.from_ical(feed)
    zones = list(calendar.walk("VTIMEZONE"))
    resources = {}
    for event in calendar.walk("VEVENT"):
        single = icalendar.Calendar()
        single.add("prodid", PRODID)
        single.add("version", "2.0")
        for zone in zones:
            single.add_component(zone)
        single.add_component(event)
        resources[str(event["uid"])] = bytes(single.to_ical())
    return resources


def _event(
    faculty: Faculty, spec: SessionSpec, placed: ScheduledSession, uid: str, state: EventState
) -> icalendar.Event:
    programme = faculty.programme(spec.programme)
    zone = ZoneInfo(faculty.calendar.timezone)
    start, end = _times(programme, placed)
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", state.changed)
    event.add("last-modified", state.changed)
    event.add("sequence", state.sequence)
    if spec.release:  # material put online that day: an all-day event, free time
        event.add("dtstart", placed.date)
        event.add("dtend", placed.date + dt.timedelta(days=1))
    else:
        event.add("dtstart", dt.datetime.combine(placed.date, start, zone))
        event.add("dtend", dt.datetime.combine(placed.date, end, zone))
    event.add("summary", event_summary(faculty, spec))
    location = event_location(faculty, placed)
    if location:
        event.add("location", location)
    event.add("description", event_description(faculty, spec, placed))
    if spec.link:
        event.add("url", spec.link)
    event.add("categories", [(spec.unit and faculty.unit(spec.unit).code) or programme.title])
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT" if spec.release else "OPAQUE")
    return event


def _start(event: icalendar.Event) -> dt.date:
    """The event's start day (an all-day event's date, a timed one's local date)."""
    start = event.decoded("dtstart")
    return start.date() if isinstance(start, dt.datetime) else start


def event_summary(faculty: Faculty, spec: SessionSpec) -> str:
    """``UE 2 : La pharmacologie des traitements symptomatiques``, or the UE's label."""
    if spec.unit is None:
        return spec.title or spec.id
    unit = faculty.unit(spec.unit)
    return f"{unit.code} : {spec.title}" if spec.title else unit.label


def event_location(faculty: Faculty, placed: ScheduledSession) -> str:
    spec = faculty.session(placed.session)
    if spec.online:
        return f"{ONLINE} : {spec.link}" if spec.link else ONLINE
    rooms = ", ".join(faculty.room(r).name for r in dict.fromkeys(placed.rooms))
    if placed.site is None:
        return rooms
    site = faculty.site(placed.site)
    where = f"{site.name}, {site.address}" if site.address else site.name
    return f"{rooms} — {where}" if rooms else where


def event_description(faculty: Faculty, spec: SessionSpec, placed: ScheduledSession) -> str:
    programme = faculty.programme(spec.programme)
    lines = [programme.title]
    if spec.unit is not None:
        unit = faculty.unit(spec.unit)
        lines.append(f"{unit.code} : {unit.title}")
    if spec.title:
        lines.append(spec.title)
    names = ", ".join(faculty.instructor(i).name for i in placed.instructors)
    if names:
        lines.append(f"Intervenants : {names}")
    if spec.groups > 1:
        lines.append(f"En {spec.groups} groupes parallèles")
    if spec.online:
        lines.append(f"{ONLINE} : {spec.link}" if spec.link else ONLINE)
    return "\n".join(lines)


def _times(programme: Programme, placed: ScheduledSession) -> tuple[dt.time, dt.time]:
    slots = list(programme.slots.placed(placed.slots))
    return min(s.start for s in slots), max(s.end for s in slots)


def _add_timezone(
    faculty: Faculty, calendar: icalendar.Calendar, events: list[icalendar.Event]
) -> None:
    """The VTIMEZONE of the calendar's zone, limited to the years the feed uses."""
    years = [e.decoded("dtstart").year for e in events] or [faculty.calendar.year.start.year]
    zone = vtimezone(faculty.calendar.timezone, min(years), max(years))
    calendar.subcomponents.insert(0, zone)


def vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """One STANDARD or DAYLIGHT block per offset change from ``first_year`` to ``last_year``.

    Each block has its own DTSTART and no RDATE or RRULE: ical.js (Thunderbird) ignores a
    block's DTSTART once it has an RDATE, and reads a summer date as winter time.
    """
    result = icalendar.Timezone()
    result.add("tzid", tzid)
    result.add("x-lic-location", tzid)
    for local, before, after in _offset_changes(tzid, first_year, last_year):
        result.add_component(_zone_block(local, before, after))
    return result


@functools.lru_cache(maxsize=8)
def _offset_changes(
    tzid: str, first_year: int, last_year: int
) -> tuple[tuple[dt.datetime, dt.timedelta, dt.timedelta], ...]:
    """(local time, offset before, offset after) of each change, the first of January first:
    found hour by hour once per zone and years, not once per feed."""
    zone = ZoneInfo(tzid)
    start = dt.datetime(first_year, 1, 1, tzinfo=zone)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(dt.UTC)
    offset = start.utcoffset() or dt.timedelta()
    changes = [(start, offset, offset)]
    instant = start.astimezone(dt.UTC)
    while instant < end:
        instant += dt.timedelta(hours=1)
        local = instant.astimezone(zone)
        now = local.utcoffset() or dt.timedelta()
        if now != offset:
            changes.append((local, offset, now))
            offset = now
    return tuple(changes)


def _zone_block(
    local: dt.datetime, before: dt.timedelta, after: dt.timedelta
) -> icalendar.Component:
    summer = bool(local.dst())
    block = icalendar.TimezoneDaylight() if summer else icalendar.TimezoneStandard()
    # DTSTART is the wall-clock time of the change, read with the offset in force before it.
    onset = (local.astimezone(dt.UTC) + before).replace(tzinfo=None)
    block.add("dtstart", onset)
    block.add("tzname", local.tzname() or "")
    block.add("tzoffsetfrom", before)
    block.add("tzoffsetto", after)
    return block


def _fingerprint(placed: ScheduledSession, link: str = "") -> str:
    """What a subscriber sees change: date, times, instructors, rooms, site (and the link of
    an online session, when it has one)."""
    what = [
        placed.date.isoformat(),
        *placed.slots,
        "|",
        *sorted(placed.instructors),
        "|",
        *sorted(placed.rooms),
        "|",
        placed.site or "",
        *(("|", link) if link else ()),
    ]
    return hashlib.sha256("\x1f".join(what).encode()).hexdigest()[:16]


def _source_time(faculty: Faculty) -> dt.datetime:
    source = Path(faculty.source) if faculty.source else None
    if source is None or not source.is_file():
        return EPOCH
    stamp = dt.datetime.fromtimestamp(int(source.stat().st_mtime), dt.UTC)
    return stamp


def _read_state(path: Path) -> dict[str, EventState]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            uid: EventState(
                str(entry["fingerprint"]),
                int(entry["sequence"]),
                dt.datetime.fromisoformat(str(entry["changed"])),
                bool(entry.get("removed", False)),
            )
            for uid, entry in data["events"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no previous publish here, or a state we cannot trust: start afresh


def _state_json(state: dict[str, EventState]) -> str:
    events = {
        uid: {
            "fingerprint": s.fingerprint,
            "sequence": s.sequence,
            "changed": s.changed.isoformat(),
            **({"removed": True} if s.removed else {}),
        }
        for uid, s in sorted(state.items())
    }
    return json.dumps({"format": 1, "events": events}, indent=1) + "\n"
