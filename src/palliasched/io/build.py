"""Turn parsed programme files (and the files they include) into the domain model."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from palliasched.domain.calendar import (
    DEFAULT_SLOTS,
    Calendar,
    Closure,
    clock_minutes,
)
from palliasched.domain.programme import (
    Cohort,
    Faculty,
    Instructor,
    Programme,
    ProgrammeKind,
    Room,
    SessionSpec,
    Site,
    Unit,
)
from palliasched.domain.travel import Travel
from palliasched.domain.week_rules import TeachingWeekRules
from palliasched.domain.weights import SoftWeights
from palliasched.errors import Problem
from palliasched.io.agendas import with_agendas
from palliasched.io.entries import (
    as_tuple,
    copy_ids,
    date_range,
    date_ranges,
    domain_entry,
    own_slot,
    session_spec,
    slot_template,
    turned,
    unit_of_entry,
    weekday_numbers,
)
from palliasched.io.locations import Locations
from palliasched.io.parsing import ParsedFile, check_session_count, parse_tree
from palliasched.io.schema import CalendarIn, ProgrammeIn
from palliasched.io.schema_sessions import SessionIn
from palliasched.io.schema_sites import TravelIn
from palliasched.io.yaml_source import PathKey, YamlSource


@dataclass
class Build:
    """The outcome of reading a programme file: the faculty (if it could be built) and problems."""

    faculty: Faculty | None = None
    locations: Locations = field(default_factory=Locations)
    problems: list[Problem] = field(default_factory=list)


def build_faculty(path: Path) -> Build:
    """Read ``path`` and its includes; structural problems are collected, not raised."""
    build = Build()
    files = parse_tree(path, build.problems)
    if build.problems or not files:
        return build
    check_session_count(files, build.problems)
    if build.problems:
        return build
    faculty = _to_domain(files, build.locations, build.problems)
    build.faculty = with_agendas(faculty, build.locations, build.problems)
    return build


# --- building the domain -------------------------------------------------------------------


def _to_domain(files: list[ParsedFile], loc: Locations, problems: list[Problem]) -> Faculty:
    root = files[0]
    calendar = _calendar(root.model.calendar)
    for parsed in files[1:]:
        _check_same_year(root, parsed, problems)

    sites = _merge(files, "site", "sites", problems, loc)
    rooms = _merge(files, "room", "rooms", problems, loc)
    instructors = _merge(files, "instructor", "instructors", problems, loc)

    programmes: list[Programme] = []
    ids: dict[str, set[str]] = {
        "programme": set(),
        "cohort": set(),
        "unit": set(),
        "session": set(),
    }
    for parsed in files:
        for index, programme_in in enumerate(parsed.model.programmes):
            path: PathKey = ("programmes", index)
            if _register(ids, loc, "programme", programme_in.id, parsed.source, path, problems):
                programmes.append(_programme(programme_in, parsed, path, ids, loc, problems))

    return Faculty(
        calendar=calendar,
        sites=tuple(Site(s.id, s.name, s.address) for s in sites),
        rooms=tuple(
            Room(r.id, r.name or r.id, r.site, r.capacity, date_ranges(r.unavailable))
            for r in rooms
        ),
        instructors=tuple(
            domain_entry(Instructor, i, {"preferred_days": "preferred_weekdays"})
            for i in instructors
        ),
        programmes=tuple(programmes),
        weights=SoftWeights(**root.model.weights.model_dump()),
        source=root.source.file,
        travel=_travel(files, loc, problems),
    )


def _travel(files: list[ParsedFile], loc: Locations, problems: list[Problem]) -> Travel:
    """Travel times of every file (the same pair twice must agree); the root file's hours."""
    times: dict[frozenset[str], int] = {}
    for parsed in files:
        if parsed.model.travel is None:
            continue
        for index, time in enumerate(parsed.model.travel.times):
            path: PathKey = ("travel", "times", index)
            pair = frozenset(time.between)
            name = "-".join(sorted(time.between))
            loc.add("travel time", name, parsed.source, path)
            if len(pair) < 2:
                problems.append(
                    parsed.source.problem(
                        (*path, "between"),
                        f"travel time from '{time.between[0]}' to itself",
                        entry=f"travel time '{name}'",
                        field="between",
                        hint="name two different sites",
                    )
                )
            elif times.setdefault(pair, time.minutes) != time.minutes:
                problems.append(
                    parsed.source.problem(
                        (*path, "minutes"),
                        f"{time.minutes} minutes, but another entry gives {times[pair]} for "
                        f"{' and '.join(sorted(pair))}",
                        entry=f"travel time '{name}'",
                        field="minutes",
                        hint="write each pair of sites once, or the same time everywhere",
                    )
                )
    hours = files[0].model.travel or TravelIn()
    return Travel(
        tuple(
            (a, b, minutes)
            for (a, b), minutes in sorted(
                (sorted(pair), minutes) for pair, minutes in times.items()
            )
        ),
        clock_minutes(hours.earliest),
        clock_minutes(hours.latest),
    )


def _calendar(calendar_in: CalendarIn) -> Calendar:
    return Calendar(
        year=date_range(calendar_in.academic_year),
        weekdays=weekday_numbers(calendar_in.weekdays),
        holiday_region=calendar_in.holidays,
        closures=tuple(Closure(date_range(c), c.reason) for c in calendar_in.closures),
    )


def _check_same_year(root: ParsedFile, parsed: ParsedFile, problems: list[Problem]) -> None:
    mine, theirs = parsed.model.calendar, root.model.calendar
    if mine.academic_year.start != theirs.academic_year.start or (
        mine.academic_year.end != theirs.academic_year.end
    ):
        problems.append(
            parsed.source.problem(
                ("calendar", "academic_year"),
                f"academic year differs from the including file {root.source.file}",
                entry="calendar",
                field="academic_year",
                hint="files combined in one faculty must describe the same academic year",
            )
        )
    if mine.holidays != theirs.holidays:
        problems.append(
            parsed.source.problem(
                ("calendar", "holidays"),
                f"holiday region '{mine.holidays}' differs from '{theirs.holidays}' in "
                f"{root.source.file}",
                entry="calendar",
                field="holidays",
            )
        )


def _merge(
    files: list[ParsedFile], kind: str, key: str, problems: list[Problem], loc: Locations
) -> list[Any]:
    """Entries of one kind from every file; the same id twice must be the same entry."""
    kept: dict[str, tuple[Any, ParsedFile, int]] = {}
    for parsed in files:
        for index, entry in enumerate(getattr(parsed.model, key)):
            if entry.id not in kept:
                kept[entry.id] = (entry, parsed, index)
                loc.add(kind, entry.id, parsed.source, (key, index))
                continue
            first, first_file, first_index = kept[entry.id]
            if first_file is parsed or first != entry:
                where = first_file.source.at((key, first_index))
                problems.append(
                    parsed.source.problem(
                        (key, index),
                        f"duplicate {kind} id '{entry.id}' (first defined at {where})"
                        + ("" if first_file is parsed else " with different values"),
                        entry=f"{kind} '{entry.id}'",
                        field="id",
                        hint="give each entry its own id, or define a shared entry identically",
                    )
                )
    return [entry for entry, _, _ in kept.values()]


def _register(
    ids: dict[str, set[str]],
    loc: Locations,
    kind: str,
    entry_id: str,
    source: YamlSource,
    path: PathKey,
    problems: list[Problem],
    written_id: str = "",
) -> bool:
    if entry_id in ids[kind]:
        first = loc.origins[(kind, entry_id)]
        where = first.source.at(first.path)
        problems.append(
            source.problem(
                path,
                f"duplicate {kind} id '{entry_id}' (first defined at {where})",
                entry=f"{kind} '{entry_id}'",
                field="id",
                hint=f"give each {kind} its own id",
            )
        )
        return False
    ids[kind].add(entry_id)
    loc.add(kind, entry_id, source, path, written_id)
    return True


def _programme(
    programme_in: ProgrammeIn,
    parsed: ParsedFile,
    path: PathKey,
    ids: dict[str, set[str]],
    loc: Locations,
    problems: list[Problem],
) -> Programme:
    source = parsed.source
    file_calendar = parsed.model.calendar
    rules = domain_entry(TeachingWeekRules, programme_in.teaching_weeks)
    cohorts = []
    for index, cohort_in in enumerate(programme_in.cohorts):
        if _register(ids, loc, "cohort", cohort_in.id, source, (*path, "cohorts", index), problems):
            cohorts.append(
                Cohort(
                    cohort_in.id,
                    cohort_in.name or cohort_in.id,
                    cohort_in.size,
                    programme_in.id,
                    _own_rules(rules, cohort_in.teaching_weeks),
                )
            )
    cohort_ids = tuple(c.id for c in cohorts)
    programme_sites = as_tuple(programme_in.site)
    units, raw_sessions = _units(programme_in, parsed, path, ids, loc, problems)

    # ``after: X`` where X has ``count: n`` means after every copy of X.
    copies: dict[str, tuple[str, ...]] = {}
    for session_in, _, _, _ in raw_sessions:
        copies[session_in.id] = copy_ids(session_in)

    sessions = _sessions(
        programme_in, raw_sessions, (cohort_ids, copies), (ids, loc, problems, source)
    )
    slots_in = programme_in.slots or file_calendar.slots
    template = slot_template(slots_in) if slots_in else DEFAULT_SLOTS
    own = {own_slot(raw[0]).id: own_slot(raw[0]) for raw in raw_sessions if raw[0].start}
    grid = programme_in.time_grid_minutes or file_calendar.time_grid_minutes
    template = replace(template, own=tuple(own[k] for k in sorted(own)), grid_minutes=grid)
    sessions = [turned(spec, template) for spec in sessions]
    semesters_in = programme_in.semesters
    if semesters_in is None:
        semesters_in = file_calendar.semesters
    return Programme(
        id=programme_in.id,
        title=programme_in.title,
        kind=ProgrammeKind(programme_in.kind),
        sites=programme_sites,
        cohorts=tuple(cohorts),
        units=tuple(units),
        sessions=tuple(sessions),
        slots=template,
        weekdays=weekday_numbers(programme_in.weekdays or file_calendar.weekdays),
        semesters=tuple((name, date_range(span)) for name, span in semesters_in.items()),
        closures=_closures(programme_in, parsed),
        teaching_weeks=rules,
    )


def _own_rules(programme: TeachingWeekRules, own: BaseModel | None) -> TeachingWeekRules | None:
    """A cohort's rules: the programme's with the rhythm the cohort writes for itself (a rule
    written null is removed); None when it writes none."""
    if own is None or not own.model_fields_set:
        return None
    written = {name: getattr(own, name) for name in own.model_fields_set}
    if "periods" in written:
        written["periods"] = date_ranges(written["periods"] or [])
    if "min_half_days" in written and written["min_half_days"] is None:
        written["min_half_days"] = 1  # no week is too short
    return replace(programme, **written)


RawSession = tuple[SessionIn, str | None, tuple[str, ...], PathKey]


Registry = tuple[dict[str, set[str]], Locations, list[Problem], YamlSource]


def _sessions(
    programme_in: ProgrammeIn,
    raw_sessions: list[RawSession],
    defaults: tuple[tuple[str, ...], dict[str, tuple[str, ...]]],
    registry: Registry,
) -> list[SessionSpec]:
    """A programme's sessions, ``count: n`` expanded, each id registered once; ``defaults``
    are its cohorts and the copies each session id stands for (in ``after:``)."""
    cohort_ids, copies = defaults
    ids, loc, problems, source = registry
    sessions: list[SessionSpec] = []
    # ``in_order: true``: each session of the UE comes after the one written before it.
    ordered = {u.id for u in programme_in.units if u.in_order}
    previous: dict[str, str] = {}
    for session_in, unit_id, sites, session_path in raw_sessions:
        for copy_id in copy_ids(session_in):
            if _register(
                ids, loc, "session", copy_id, source, session_path, problems, session_in.id
            ):
                spec = session_spec(
                    session_in, copy_id, programme_in.id, unit_id, sites, cohort_ids, copies
                )
                if unit_id in ordered:
                    if unit_id in previous and previous[unit_id] not in spec.after:
                        spec = replace(spec, after=(*spec.after, previous[unit_id]))
                    previous[unit_id] = copy_id
                sessions.append(spec)
    return sessions


def _units(
    programme_in: ProgrammeIn,
    parsed: ParsedFile,
    path: PathKey,
    ids: dict[str, set[str]],
    loc: Locations,
    problems: list[Problem],
) -> tuple[list[Unit], list[RawSession]]:
    """A programme's units, and its sessions with their unit, sites and place in the file."""
    programme_sites = as_tuple(programme_in.site)
    units: list[Unit] = []
    raw_sessions: list[RawSession] = []
    for index, unit_in in enumerate(programme_in.units):
        unit_path = (*path, "units", index)
        if not _register(ids, loc, "unit", unit_in.id, parsed.source, unit_path, problems):
            continue
        cohorts = tuple(c.id for c in programme_in.cohorts)
        units.append(unit_of_entry(unit_in, programme_in.id, cohorts))
        unit_sites = as_tuple(unit_in.site) or programme_sites
        for s_index, session_in in enumerate(unit_in.sessions):
            raw_sessions.append(
                (session_in, unit_in.id, unit_sites, (*unit_path, "sessions", s_index))
            )
    for s_index, session_in in enumerate(programme_in.sessions):
        raw_sessions.append((session_in, None, programme_sites, (*path, "sessions", s_index)))
    return units, raw_sessions


def _closures(programme_in: ProgrammeIn, parsed: ParsedFile) -> tuple[Closure, ...]:
    closures = [Closure(date_range(c), c.reason) for c in programme_in.closures]
    if not parsed.is_root:  # an included file's closures still apply to its own programmes
        closures += [Closure(date_range(c), c.reason) for c in parsed.model.calendar.closures]
    return tuple(closures)


__all__ = ["Build", "build_faculty"]
