"""Entries of a programme file turned into domain objects: units, sessions, slots, dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from pydantic import BaseModel

from palliasched.domain.calendar import (
    WEEKDAY_IDS,
    DateRange,
    Slot,
    SlotTemplate,
    clock_minutes,
    duration_length,
    slot_label,
)
from palliasched.domain.internships import Internship
from palliasched.domain.programme import (
    Programme,
    SessionOrder,
    SessionSpec,
    Unit,
)
from palliasched.domain.spacing import Spacing
from palliasched.domain.turns import Turn
from palliasched.io.schema import SlotIn, UnitIn
from palliasched.io.schema_sessions import InstructorPoolIn, SessionIn
from palliasched.io.schema_types import DateSpanIn


def unit_of_entry(unit_in: UnitIn, programme_id: str, cohorts: tuple[str, ...] = ()) -> Unit:
    internship = unit_in.internship
    return Unit(
        id=unit_in.id,
        programme=programme_id,
        code=unit_in.code,
        title=unit_in.title,
        short_title=unit_in.short_title or unit_in.title,
        ects=unit_in.ects,
        total_minutes=minutes_of(unit_in.total_hours),
        presence_minutes=minutes_of(unit_in.presence_hours),
        async_minutes=minutes_of(unit_in.async_hours),
        semester=unit_in.semester,
        window=date_range(unit_in.window) if unit_in.window else None,
        internship=Internship(
            internship.min_days,
            internship.max_days,
            internship.weeks,
            date_range(internship.dates) if internship.dates else None,
            tuple(internship.cohorts) if internship.cohorts is not None else cohorts,
        )
        if internship
        else None,
        max_blocks=unit_in.max_blocks,
        cohort_minutes=tuple(
            (cohort, minutes_of(hours)) for cohort, hours in unit_in.cohort_hours.items()
        ),
    )


def session_spec(
    session_in: SessionIn,
    session_id: str,
    programme_id: str,
    unit_id: str | None,
    default_sites: tuple[str, ...],
    default_cohorts: tuple[str, ...],
    copies: dict[str, tuple[str, ...]],
) -> SessionSpec:
    instructors = session_in.instructors
    if isinstance(instructors, InstructorPoolIn):
        fixed, pool, pool_count = (
            tuple(instructors.always),
            tuple(instructors.among),
            instructors.count,
        )
    else:
        fixed, pool, pool_count = tuple(instructors), (), 0
    after: list[str] = []
    for other in session_in.after:
        after.extend(copies.get(other, (other,)))
    rooms = session_in.rooms
    turn = _turn(session_in, session_id)
    return SessionSpec(
        id=session_id,
        programme=programme_id,
        unit=unit_id,
        title=f"{session_in.title} ({turn.name})".strip() if turn else session_in.title,
        length=_length(session_in),
        counted_minutes=None
        if session_in.counted_hours is None
        else minutes_of(session_in.counted_hours),
        instructors=fixed,
        instructor_pool=pool,
        pool_count=pool_count,
        cohorts=()
        if session_in.release
        else tuple(session_in.cohorts)
        if session_in.cohorts is not None
        else default_cohorts,
        groups=1 if turn else rooms.groups,
        rooms_per_group=0 if session_in.online or session_in.release else rooms.per_group,
        min_capacity=rooms.min_capacity,
        allowed_rooms=tuple(rooms.allowed),
        sites=()
        if session_in.online or session_in.release
        else as_tuple(session_in.site) or default_sites,
        semester=session_in.semester,
        window=date_range(session_in.window) if session_in.window else None,
        date=session_in.date,
        after=tuple(after),
        order=SessionOrder(session_in.order) if session_in.order else None,
        spacing=_spacing(session_in),
        online=session_in.online or session_in.release,
        release=session_in.release,
        link=session_in.link or "",
        turn=turn,
    )


def _length(session_in: SessionIn) -> str:
    """A slot id or full-day, its own clock times (``09:30-13:30``) or minutes (``90min``)."""
    if session_in.start:
        return own_slot(session_in).id
    if session_in.minutes:
        return duration_length(session_in.minutes)
    return session_in.length


def _spacing(session_in: SessionIn) -> Spacing | None:
    wanted = session_in.spacing
    if wanted is None:
        return None
    return Spacing(
        series=wanted.series or session_in.id,
        min_days_between=wanted.min_days_between or 0,
        one_per_regroupement=wanted.one_per_regroupement,
        soft=wanted.soft,
    )


def copy_ids(session_in: SessionIn) -> tuple[str, ...]:
    """The ids of a written session's sessions: ``-1``, ``-2``, ... for ``count: n``, each
    with ``-g1``, ``-g2``, ... when its groups are taught in turn."""
    ids = [session_in.id]
    if session_in.count > 1:
        ids = [f"{session_in.id}-{k}" for k in range(1, session_in.count + 1)]
    if session_in.rooms.in_turn:
        groups = range(1, session_in.rooms.groups + 1)
        ids = [f"{copy}-g{group}" for copy in ids for group in groups]
    return tuple(ids)


def own_slot(session_in: SessionIn) -> Slot:
    """A session's own clock times as a slot: ``09:30-13:30``, labelled ``9h30-13h30``."""
    start, end = session_in.start, session_in.end
    assert start is not None and end is not None
    return Slot.clock(start, end)


def added_to(programme: Programme, session_in: SessionIn, unit_id: str | None) -> Programme:
    """``programme`` with the sessions of ``session_in`` added (a changes file's new session):
    its unit's sites, the programme's cohorts, its own clock times joining the template."""
    copies = {s.id: (s.id,) for s in programme.sessions} | {session_in.id: copy_ids(session_in)}
    sites = programme.sites
    if unit_id is not None:
        unit_sites = {s.sites for s in programme.sessions_of(unit_id)}
        sites = next(iter(unit_sites)) if len(unit_sites) == 1 else sites
    cohorts = tuple(c.id for c in programme.cohorts)
    template = programme.slots
    if session_in.start and own_slot(session_in) not in template.own:
        template = replace(template, own=(*template.own, own_slot(session_in)))
    specs = tuple(
        turned(session_spec(session_in, i, programme.id, unit_id, sites, cohorts, copies), template)
        for i in copies[session_in.id]
    )
    return replace(programme, sessions=programme.sessions + specs, slots=template)


def turned(spec: SessionSpec, template: SlotTemplate) -> SessionSpec:
    """A group taught in turn after the first takes the slot after the one before it (group
    A in the morning, B in the afternoon); validation says when the day has no such slot."""
    ids = [slot.id for slot in template]
    if spec.turn is None or spec.turn.group == 1 or spec.length not in ids:
        return spec
    later = ids.index(spec.length) + spec.turn.group - 1
    return replace(spec, length=ids[later]) if later < len(ids) else spec


def _turn(session_in: SessionIn, session_id: str) -> Turn | None:
    if not session_in.rooms.in_turn:
        return None
    groups = session_in.rooms.groups
    group = copy_ids(session_in).index(session_id) % groups + 1
    return Turn(session_id.removesuffix(f"-g{group}"), group, groups)


def slot_template(slots_in: list[SlotIn]) -> SlotTemplate:
    slots = [
        Slot(
            id=s.id,
            label=s.label or slot_label(s.start, s.end),
            start=s.start,
            end=s.end,
            counted_minutes=minutes_of(s.counted_hours)
            if s.counted_hours is not None
            else max(0, clock_minutes(s.end) - clock_minutes(s.start)),
        )
        for s in slots_in
    ]
    return SlotTemplate(tuple(sorted(slots, key=lambda s: (s.start, s.end))))


def date_range(span: DateSpanIn) -> DateRange:
    return DateRange(span.start, span.end)


def date_ranges(entries: Iterable[dt.date | DateSpanIn]) -> tuple[DateRange, ...]:
    return tuple(
        DateRange(e, e) if isinstance(e, dt.date) else DateRange(e.start, e.end) for e in entries
    )


def weekday_numbers(names: Iterable[str]) -> frozenset[int]:
    return frozenset(WEEKDAY_IDS.index(name) for name in names)


def minutes_of(hours: float) -> int:
    return round(hours * 60)


def as_tuple(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


_T = typing.TypeVar("_T")

# How a value of the file becomes a domain field, by the field's declared type.
_CONVERSIONS: dict[object, Callable[[typing.Any], object]] = {
    tuple[DateRange, ...]: lambda v: date_ranges(v),
    DateRange | None: lambda v: None if v is None else date_range(v),
    tuple[DateRange, ...] | None: lambda v: None if v is None else date_ranges(v),
    frozenset[int]: lambda v: weekday_numbers(v),
    tuple[str, ...]: tuple,
    frozenset[int] | None: lambda v: None if v is None else weekday_numbers(v),
}


def domain_entry(cls: type[_T], entry: BaseModel, renamed: Mapping[str, str] | None = None) -> _T:
    """``cls`` built from every field of ``entry``: a field of the file reaches the domain
    field of the same name (or the one ``renamed`` maps it to), converted by that field's type.

    A field of the file with no domain field to go to is a programming error, raised at once:
    nothing a coordinator writes is silently dropped.
    """
    renamed = renamed or {}
    hints = typing.get_type_hints(cls)
    targets = {renamed.get(name, name) for name in type(entry).model_fields}
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    if targets - names:
        raise TypeError(f"{cls.__name__} has no field for {sorted(targets - names)}")
    values: dict[str, object] = {}
    for name in type(entry).model_fields:
        target = renamed.get(name, name)
        value = getattr(entry, name)
        convert = _CONVERSIONS.get(hints[target])
        values[target] = value if convert is None else convert(value)
    return cls(**values)
