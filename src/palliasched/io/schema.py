"""The programme file format, as pydantic models: they parse YAML data and export the JSON Schema.

These models describe the file only (what a coordinator writes); ``io/build.py`` turns them
into the domain model of ``programme.py``, and ``validation.py`` checks what spans entries.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from palliasched.calendar import HolidayRegion

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80),
    Field(description="Identifier: letters, digits, '-', '_' and '.', unique in its kind."),
]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MONDAY_TO_FRIDAY: list[Weekday] = ["mon", "tue", "wed", "thu", "fri"]
Hours = Annotated[float, Field(ge=0, description="Hours; decimals allowed (16.5).")]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DateSpanIn(_Entry):
    """An inclusive range of dates."""

    start: dt.date
    end: dt.date
    reason: str = Field("", description="Why (shown to coordinators), e.g. 'Vacances de Noël'.")


DateOrSpan = Annotated[
    dt.date | DateSpanIn,
    Field(description="A date (YYYY-MM-DD) or a range {start, end}."),
]


class SlotIn(_Entry):
    """One slot of the teaching day."""

    id: Id
    label: str | None = Field(None, description="Row label in grids, e.g. '9h30-12h30'.")
    start: dt.time = Field(description="Clock time HH:MM, Europe/Paris.")
    end: dt.time
    counted_hours: Annotated[float, Field(gt=0)] | None = Field(
        None,
        description="Hours this slot counts toward a UE's presence hours "
        "(default: its clock length). The M2 grid counts 4 h for 09:30-12:30.",
    )


class CalendarIn(_Entry):
    """The academic year and what is common to every programme of the file."""

    academic_year: DateSpanIn = Field(description="First and last day of the academic year.")
    timezone: Literal["Europe/Paris"] = "Europe/Paris"
    weekdays: list[Weekday] = Field(
        default_factory=lambda: list(MONDAY_TO_FRIDAY),
        description="Teaching weekdays.",
    )
    holidays: HolidayRegion = Field(
        HolidayRegion.METROPOLE,
        description="French public holidays: metropole, alsace-moselle (Good Friday and "
        "26 December too) or none.",
    )
    slots: list[SlotIn] | None = Field(
        None, description="Slot template; default matin 09:30-12:30 and après-midi 14:00-18:00."
    )
    semesters: dict[str, DateSpanIn] = Field(
        default_factory=dict, description="Semester windows by id, e.g. S1 and S2."
    )
    closures: list[DateSpanIn] = Field(
        default_factory=list, description="Faculty closures: no teaching on these dates."
    )


class SiteIn(_Entry):
    id: Id
    name: str
    address: str = ""


class RoomIn(_Entry):
    id: Id
    name: str | None = Field(None, description="Name shown in grids (default: the id).")
    site: Id
    capacity: Annotated[int, Field(gt=0)]
    unavailable: list[DateOrSpan] = Field(default_factory=list)


class InstructorIn(_Entry):
    id: Id
    name: str = Field(description="Display name, e.g. 'Laure Serresse'.")
    home_site: Id | None = None
    unavailable: list[DateOrSpan] = Field(default_factory=list)
    available_only: list[DateOrSpan] | None = Field(
        None, description="If given, the only dates this instructor can teach."
    )
    max_days_per_week: Annotated[int, Field(ge=1, le=7)] | None = None
    preferred_days: list[Weekday] = Field(default_factory=list)


class CohortIn(_Entry):
    id: Id
    name: str | None = None
    size: Annotated[int, Field(gt=0, description="Number of students.")]


class InstructorPoolIn(_Entry):
    """``count`` instructors chosen among ``among`` by the scheduler."""

    among: list[Id] = Field(min_length=1)
    count: Annotated[int, Field(ge=1)]
    always: list[Id] = Field(
        default_factory=list, description="Instructors who teach it in any case."
    )


class RoomNeedIn(_Entry):
    groups: Annotated[int, Field(ge=1)] = Field(
        1, description="Parallel groups (RSCA quarter-groups: 4), each in its own room(s)."
    )
    per_group: Annotated[int, Field(ge=0)] = Field(
        1, description="Rooms per group; 0 for a session with no room (online)."
    )
    min_capacity: Annotated[int, Field(gt=0)] | None = Field(
        None, description="Seats needed per room (default: the group's size)."
    )
    allowed: list[Id] = Field(
        default_factory=list, description="Only these rooms (default: any room of the site)."
    )


class SessionIn(_Entry):
    id: Id = Field(description="Stable id: feeds derive their event UIDs from it.")
    title: str = ""
    length: str = Field(
        "full-day", description="A slot id of the template, or 'full-day' (every slot)."
    )
    count: Annotated[int, Field(ge=1)] = Field(
        1, description="Identical sessions to schedule (ids get '-1', '-2', ...)."
    )
    counted_hours: Annotated[float, Field(gt=0)] | None = Field(
        None, description="Hours counted toward the UE, if not the slot's counted hours."
    )
    instructors: list[Id] | InstructorPoolIn = Field(default_factory=list)
    cohorts: list[Id] | None = Field(
        None,
        description="Cohorts attending (default: every cohort of the programme); "
        "cohorts of several programmes make a shared session (mutualisation).",
    )
    rooms: RoomNeedIn = Field(default_factory=RoomNeedIn)
    site: Id | list[Id] | None = Field(
        None, description="Site, or sites to choose from (default: the unit's, then programme's)."
    )
    semester: str | None = Field(
        None, description="Semester id or 'both' (default: the unit's semester)."
    )
    window: DateSpanIn | None = None
    date: dt.date | None = Field(None, description="Pinned date.")
    after: list[Id] = Field(
        default_factory=list, description="Sessions that must be over before this one starts."
    )
    order: Literal["first", "last"] | None = Field(
        None, description="Before (first) or after (last) every other session of the programme."
    )


class InternshipIn(_Entry):
    min_days: Annotated[int, Field(ge=1)]
    max_days: Annotated[int, Field(ge=1)]


class UnitIn(_Entry):
    id: Id
    code: str = Field(description="As grids show it, e.g. 'UE 6'.")
    title: str
    short_title: str | None = Field(
        None, description="Label in grid cells, e.g. 'CLINIQUE' (default: the title)."
    )
    ects: Annotated[float, Field(ge=0)] | None = Field(
        None, description="ECTS credits (Master UEs); none for DU/DIU modules."
    )
    total_hours: Hours = Field(description="Total work hours (1 ECTS = 22 h).")
    presence_hours: Hours = Field(description="In-person hours (présentiel) to schedule.")
    semester: str = Field("both", description="Semester id (S1, S2) or 'both'.")
    window: DateSpanIn | None = None
    site: Id | list[Id] | None = None
    internship: InternshipIn | None = None
    sessions: list[SessionIn] = Field(default_factory=list)


class TeachingWeeksIn(_Entry):
    max_days: Annotated[int, Field(ge=1, le=7)] = Field(
        5, description="Most teaching days in one regroupement."
    )
    min_weeks_between: Annotated[int, Field(ge=0)] = Field(
        1, description="Weeks between the starts of two regroupements (1: any later week)."
    )
    max_per_semester: Annotated[int, Field(ge=1)] | None = None


class ProgrammeIn(_Entry):
    id: Id
    title: str = Field(description="As printed on the grid, e.g. 'MASTER 2 MEDECINE PALLIATIVE'.")
    kind: Literal["master", "du", "diu", "mooc", "other"] = "master"
    site: Id | list[Id] = Field(description="Teaching site, or the sites it alternates between.")
    cohorts: list[CohortIn] = Field(min_length=1)
    units: list[UnitIn] = Field(default_factory=list)
    sessions: list[SessionIn] = Field(
        default_factory=list, description="Sessions outside any UE (opening day, exams)."
    )
    slots: list[SlotIn] | None = Field(None, description="This programme's own slot template.")
    semesters: dict[str, DateSpanIn] | None = None
    weekdays: list[Weekday] | None = None
    closures: list[DateSpanIn] = Field(default_factory=list)
    teaching_weeks: TeachingWeeksIn = Field(default_factory=TeachingWeeksIn)


class WeightsIn(_Entry):
    """Weights of the soft rules (0 turns a rule off)."""

    regroupements: Annotated[int, Field(ge=0)] = 100
    instructor_trips: Annotated[int, Field(ge=0)] = 10
    unit_spread: Annotated[int, Field(ge=0)] = 1
    preferred_days: Annotated[int, Field(ge=0)] = 2
    own_semester: Annotated[int, Field(ge=0)] = 20


class ProgrammeFileIn(_Entry):
    """A palliasched programme file: one faculty, one academic year, one or more programmes."""

    version: Literal[1] = 1
    include: list[str] = Field(
        default_factory=list,
        description="Other programme files (paths relative to this one) whose entries join this "
        "file; an id defined in two files must be defined identically.",
    )
    calendar: CalendarIn
    sites: list[SiteIn] = Field(default_factory=list)
    rooms: list[RoomIn] = Field(default_factory=list)
    instructors: list[InstructorIn] = Field(default_factory=list)
    programmes: list[ProgrammeIn] = Field(default_factory=list)
    weights: WeightsIn = Field(default_factory=WeightsIn)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the programme file."""
    schema = ProgrammeFileIn.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://palliasched.invalid/schema/programme-file-v1.json",
        **schema,
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
