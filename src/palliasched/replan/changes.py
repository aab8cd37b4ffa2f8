"""Changes to a programme during the year, applied to its domain model.

A :class:`Change` is one entry of a changes file (``io/changes_file.py``) resolved against the
faculty: it knows how to apply itself, how to say what it is in a few words ("Laure Serresse
unavailable"), and whether a session's old place breaks it (the reason that session moves).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Protocol, TypeVar

from palliasched.domain.calendar import DateRange, format_hours, french_date
from palliasched.domain.programme import Faculty, Instructor, Programme, SessionSpec
from palliasched.domain.solution import ScheduledSession
from palliasched.errors import Problem, ProgrammeError, Severity, did_you_mean
from palliasched.io.changes_file import (
    ChangeEntry,
    ChangesFile,
    InstructorUnavailableIn,
    RoomClosedIn,
    SessionAddedIn,
    SessionRemovedIn,
    SiteClosedIn,
    UnitHoursIn,
    WindowMovedIn,
    read_changes,
)
from palliasched.io.entries import added_to, copy_ids, date_range, date_ranges, minutes_of
from palliasched.io.locations import Locations, Origin
from palliasched.io.validation import validate_faculty
from palliasched.io.yaml_source import YamlSource


class ChangeKind(StrEnum):
    INSTRUCTOR_UNAVAILABLE = "instructor unavailable"
    ROOM_CLOSED = "room closed"
    SITE_CLOSED = "site closed"
    UNIT_HOURS = "unit hours"
    WINDOW_MOVED = "window moved"
    SESSION_ADDED = "session added"
    SESSION_REMOVED = "session removed"


@dataclass(frozen=True)
class Change:
    """One change, resolved: ``subject`` is the id it is about, ``name`` how people call it
    (an instructor's name, a room's, a UE's code, a session's label); ``text`` and ``french``
    say the change in words."""

    number: int
    kind: ChangeKind
    subject: str
    name: str
    where: str = ""
    dates: tuple[DateRange, ...] = ()
    window: DateRange | None = None
    sessions: tuple[str, ...] = ()  # sessions added, removed, or whose window moved
    note: str = ""  # the coordinator's reason, if given
    unit: str | None = None  # the UE whose hours it changes, or adds or removes a session of
    minutes: int = 0  # a UE's new presence time

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """``Laure Serresse unavailable: congrès``."""
        return self._words(french=False)

    @property
    def french(self) -> str:
        """``Laure Serresse indisponible : congrès``, for the workbook."""
        return self._words(french=True)

    def _words(self, french: bool) -> str:
        hours = format_hours(self.minutes)
        span = self.window
        window = ""
        if span is not None:
            start, end = french_date(span.start), french_date(span.end)
            window = f"du {start} au {end}" if french else f"from {start} to {end}"
        name = self.name
        words: dict[ChangeKind, tuple[str, str]] = {  # English, French
            ChangeKind.INSTRUCTOR_UNAVAILABLE: (f"{name} unavailable", f"{name} indisponible"),
            ChangeKind.ROOM_CLOSED: (f"{name} closed", f"salle {name} fermée"),
            ChangeKind.SITE_CLOSED: (f"{name} closed", f"site {name} fermé"),
            ChangeKind.UNIT_HOURS: (
                f"{name} now {hours} in person",
                f"{name} passe à {hours} en présentiel",
            ),
            ChangeKind.WINDOW_MOVED: (f"{name} now {window}", f"{name} désormais {window}"),
            ChangeKind.SESSION_ADDED: (f"{name} added", f"{name} ajoutée"),
            ChangeKind.SESSION_REMOVED: (f"{name} cancelled", f"{name} annulée"),
        }
        said = words[self.kind][french]
        note = f"{' : ' if french else ': '}{self.note}" if self.note else ""
        return said + note

    @property
    def adds_sessions(self) -> bool:
        return self.kind is ChangeKind.SESSION_ADDED

    def goes_with(self, other: Change) -> bool:
        """True when neither change makes sense without the other: a UE's new hours and the
        sessions added to or removed from it."""
        return self.unit is not None and self.unit == other.unit

    def hits(self, placed: ScheduledSession) -> bool:
        """True when ``placed`` (a session's old place) breaks this change."""
        day = placed.date
        if self.kind is ChangeKind.INSTRUCTOR_UNAVAILABLE:
            return self.subject in placed.instructors and _on(day, self.dates)
        if self.kind is ChangeKind.ROOM_CLOSED:
            return self.subject in placed.rooms and _on(day, self.dates)
        if self.kind is ChangeKind.SITE_CLOSED:
            return placed.site == self.subject and _on(day, self.dates)
        if self.kind is ChangeKind.WINDOW_MOVED:
            return (
                placed.session in self.sessions
                and self.window is not None
                and not _on(day, (self.window,))
            )
        return False


def _on(day: object, spans: Iterable[DateRange]) -> bool:
    return any(day in span for span in spans)


def load_changes(
    faculty: Faculty, path: str | Path, locations: Locations | None = None
) -> tuple[Faculty, tuple[Change, ...]]:
    """``faculty`` with every change of the file at ``path`` applied, and the changes.

    Raises :class:`ProgrammeError` naming the change at fault: an unknown name, or a changed
    programme that breaks a rule of the file format (its hours, its dates).
    """
    return apply_changes(faculty, read_changes(path), locations)


def apply_changes(
    faculty: Faculty, changes: ChangesFile, locations: Locations | None = None
) -> tuple[Faculty, tuple[Change, ...]]:
    applier = _Applier(faculty, locations or Locations())
    resolved = tuple(c for c in (applier.apply(e) for e in changes.entries) if c is not None)
    if changes.problems or applier.problems:  # every entry at fault, in file order
        found = [*changes.problems, *applier.problems]
        raise ProgrammeError(sorted(found, key=lambda p: p.line or 0))
    changed = replace(applier.faculty, changes=str(changes.path))
    errors = [
        p for p in validate_faculty(changed, applier.locations) if p.severity is Severity.ERROR
    ]
    if errors:
        raise ProgrammeError(
            [
                replace(p, hint=p.hint or f"the changes in {changes.path} lead to this")
                for p in errors
            ]
        )
    return changed, resolved


def with_added_sessions(faculty: Faculty, changes: ChangesFile) -> Faculty:
    """``faculty`` knowing every session the changes add, and still every session they remove:
    what a calendar published before or after any of the changes may hold (for reading grids).
    Unchecked: its hours may not add up."""
    applier = _Applier(faculty, Locations())
    for entry in changes.entries:
        if not isinstance(entry.data, SessionRemovedIn):
            applier.apply(entry)
    return applier.faculty


class _Applier:
    def __init__(self, faculty: Faculty, locations: Locations) -> None:
        self.faculty = faculty
        self.locations = locations
        self.problems: list[Problem] = []

    def known(self, entry: ChangeEntry, kind: str, entry_id: str, field: str) -> bool:
        if self.faculty.has(kind, entry_id):
            return True
        self.problems.append(
            entry.problem(
                f"unknown {kind} '{entry_id}'",
                field=field,
                hint=did_you_mean(entry_id, self.faculty.ids(kind)),
            )
        )
        return False

    def apply(self, entry: ChangeEntry) -> Change | None:
        change = self._apply(entry)
        return None if change is None else replace(change, note=entry.data.reason)

    def _apply(self, entry: ChangeEntry) -> Change | None:
        data = entry.data
        number, where = entry.number, entry.where
        if isinstance(data, InstructorUnavailableIn):
            if not self.known(entry, "instructor", data.instructor, "instructor"):
                return None
            person = self.faculty.instructor(data.instructor)
            spans = date_ranges(data.unavailable)
            self._instructor(replace(person, unavailable=person.unavailable + spans))
            return Change(
                number, ChangeKind.INSTRUCTOR_UNAVAILABLE, person.id, person.name, where, spans
            )
        if isinstance(data, RoomClosedIn | SiteClosedIn):
            return self._closed(entry, data)
        if isinstance(data, UnitHoursIn):
            if not self.known(entry, "unit", data.unit, "unit"):
                return None
            unit = self.faculty.unit(data.unit)
            new = replace(unit, presence_minutes=minutes_of(data.presence_hours))
            self._programme(unit.programme, lambda p: replace(p, units=_swap(p.units, new)))
            self._origin("unit", unit.id, entry)
            return Change(
                number,
                ChangeKind.UNIT_HOURS,
                unit.id,
                unit.code,
                where,
                unit=unit.id,
                minutes=new.presence_minutes,
            )
        if isinstance(data, WindowMovedIn):
            return self._window(entry, data)
        if isinstance(data, SessionAddedIn):
            return self._added(entry, data)
        assert isinstance(data, SessionRemovedIn)
        return self._removed(entry, data)

    def _closed(self, entry: ChangeEntry, data: RoomClosedIn | SiteClosedIn) -> Change | None:
        spans = date_ranges(data.closed)
        if isinstance(data, RoomClosedIn):
            if not self.known(entry, "room", data.room, "room"):
                return None
            rooms = [self.faculty.room(data.room)]
            kind, subject, name = ChangeKind.ROOM_CLOSED, data.room, rooms[0].name
        else:
            if not self.known(entry, "site", data.site, "site"):
                return None
            rooms = list(self.faculty.rooms_of(data.site))
            kind, subject, name = (
                ChangeKind.SITE_CLOSED,
                data.site,
                self.faculty.site(data.site).name,
            )
        closed = {r.id: replace(r, unavailable=r.unavailable + spans) for r in rooms}
        self.faculty = replace(
            self.faculty, rooms=tuple(closed.get(r.id, r) for r in self.faculty.rooms)
        )
        return Change(entry.number, kind, subject, name, entry.where, spans)

    def _window(self, entry: ChangeEntry, data: WindowMovedIn) -> Change | None:
        window = date_range(data.window)
        if data.unit is not None:
            if not self.known(entry, "unit", data.unit, "unit"):
                return None
            unit = replace(self.faculty.unit(data.unit), window=window)
            self._programme(unit.programme, lambda p: replace(p, units=_swap(p.units, unit)))
            self._origin("unit", unit.id, entry)
            sessions = tuple(
                s.id for s in self.faculty.programme(unit.programme).sessions_of(unit.id)
            )
            return Change(
                entry.number,
                ChangeKind.WINDOW_MOVED,
                unit.id,
                unit.code,
                entry.where,
                (),
                window,
                sessions,
            )
        assert data.session is not None
        if not self.known(entry, "session", data.session, "session"):
            return None
        spec = replace(self.faculty.session(data.session), window=window)
        self._programme(spec.programme, lambda p: replace(p, sessions=_swap(p.sessions, spec)))
        self._origin("session", spec.id, entry)
        return Change(
            entry.number,
            ChangeKind.WINDOW_MOVED,
            spec.id,
            _label(self.faculty, spec),
            entry.where,
            (),
            window,
            (spec.id,),
        )

    def _added(self, entry: ChangeEntry, data: SessionAddedIn) -> Change | None:
        if data.unit is not None:
            if not self.known(entry, "unit", data.unit, "unit"):
                return None
            programme = self.faculty.programme(self.faculty.unit(data.unit).programme)
        else:
            assert data.programme is not None
            if not self.known(entry, "programme", data.programme, "programme"):
                return None
            programme = self.faculty.programme(data.programme)
        session_in = data.add_session
        ids = copy_ids(session_in)
        taken = [i for i in ids if self.faculty.has("session", i)]
        if taken:
            self.problems.append(
                entry.problem(
                    f"session '{taken[0]}' already exists",
                    field="add_session.id",
                    hint="give the added session a new id",
                )
            )
            return None
        added = added_to(programme, session_in, data.unit)
        specs = added.sessions[len(programme.sessions) :]
        self._programme(programme.id, lambda p: added)
        for spec in specs:
            self._origin("session", spec.id, entry)
        label = _label(self.faculty, specs[0])
        return Change(
            entry.number,
            ChangeKind.SESSION_ADDED,
            session_in.id,
            label,
            entry.where,
            sessions=ids,
            unit=data.unit,
        )

    def _removed(self, entry: ChangeEntry, data: SessionRemovedIn) -> Change | None:
        if not self.known(entry, "session", data.remove_session, "remove_session"):
            return None
        spec = self.faculty.session(data.remove_session)
        label = _label(self.faculty, spec)

        def drop(p: Programme) -> Programme:
            kept = tuple(
                replace(s, after=tuple(a for a in s.after if a != spec.id))
                for s in p.sessions
                if s.id != spec.id
            )
            return replace(p, sessions=kept)

        self.faculty = replace(self.faculty, programmes=tuple(map(drop, self.faculty.programmes)))
        return Change(
            entry.number,
            ChangeKind.SESSION_REMOVED,
            spec.id,
            label,
            entry.where,
            sessions=(spec.id,),
            unit=spec.unit,
        )

    def _instructor(self, person: Instructor) -> None:
        self.faculty = replace(self.faculty, instructors=_swap(self.faculty.instructors, person))

    def _programme(self, programme_id: str, change: Callable[[Programme], Programme]) -> None:
        programmes = tuple(
            change(p) if p.id == programme_id else p for p in self.faculty.programmes
        )
        self.faculty = replace(self.faculty, programmes=programmes)

    def _origin(self, kind: str, entry_id: str, entry: ChangeEntry) -> None:
        """Problems about a changed entry point at the change, not at the programme file."""
        source = YamlSource(entry.file, None, {(): (entry.line or 1, 1)})
        self.locations.origins[(kind, entry_id)] = Origin(source, ())


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def _swap(entries: tuple[_T, ...], new: _T) -> tuple[_T, ...]:
    return tuple(new if e.id == new.id else e for e in entries)


def _label(faculty: Faculty, spec: SessionSpec) -> str:
    return faculty.session_label(spec)
