"""The programme file format, as pydantic models: they parse YAML data and export the JSON Schema.

These models describe the file only (what a coordinator writes); ``io/build.py`` turns them
into the domain model of ``programme.py``, and ``validation.py`` checks what spans entries.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    create_model,
    model_validator,
)

from palliasched.domain.calendar import HolidayRegion
from palliasched.domain.weights import SoftWeights
from palliasched.io.schema_sessions import SessionIn
from palliasched.io.schema_sites import RoomIn, SiteIn, TravelIn
from palliasched.io.schema_types import (
    MONDAY_TO_FRIDAY,
    ClockTime,
    Count,
    DateOrSpan,
    DateSpanIn,
    Hours,
    Id,
    Name,
    Number,
    Text,
    Weekday,
    _Entry,
)
from palliasched.limits import (
    MAX_HOURS,
    MAX_SEATS,
    MAX_WEIGHT,
    MAX_YEAR_DAYS,
)
from palliasched.rules import rule_info


class SlotIn(_Entry):
    """One slot of the teaching day."""

    id: Id
    label: Name | None = Field(None, description="Row label in grids, e.g. '9h30-12h30'.")
    start: ClockTime = Field(description="Clock time HH:MM, Europe/Paris.")
    end: ClockTime
    counted_hours: Annotated[Number, Field(gt=0, le=24, allow_inf_nan=False)] | None = Field(
        None,
        description="Hours this slot counts toward a UE's presence hours "
        "(default: its clock length). The M2 grid counts 4 h for 09:30-12:30.",
    )


class CalendarIn(_Entry):
    """The academic year and what is common to every programme of the file."""

    academic_year: DateSpanIn = Field(
        description=f"First and last day of the academic year (at most {MAX_YEAR_DAYS} days)."
    )
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
    slots: Annotated[list[SlotIn], Field(min_length=1)] | None = Field(
        None, description="Slot template; default matin 09:30-12:30 and après-midi 14:00-18:00."
    )
    time_grid_minutes: Annotated[Count, Field(ge=5, le=120)] = Field(
        15,
        description="Where sessions written in minutes may start: every this many minutes "
        "from the start of a slot (15: quarter-hours).",
    )
    semesters: dict[str, DateSpanIn] = Field(
        default_factory=dict, description="Semester windows by id, e.g. S1 and S2."
    )
    closures: list[DateSpanIn] = Field(
        default_factory=list, description="Faculty closures: no teaching on these dates."
    )

    @model_validator(mode="after")
    def _one_year(self) -> CalendarIn:
        span = self.academic_year
        if (span.end - span.start).days >= MAX_YEAR_DAYS:
            raise ValueError(
                f"the academic year {span.start.isoformat()} - {span.end.isoformat()} is longer "
                f"than {MAX_YEAR_DAYS} days: write one academic year per file"
            )
        return self


class InstructorIn(_Entry):
    id: Id
    name: Name = Field(description="Display name, e.g. 'Laure Serresse'.")
    home_site: Id | None = None
    unavailable: list[DateOrSpan] = Field(default_factory=list)
    unavailable_from: list[Text] = Field(
        default_factory=list,
        description="Their own agendas: .ics files (relative to this file) or CalDAV "
        "collection addresses (https://...); a busy time in teaching hours makes the day "
        "unavailable. Only busy times are read, never an event's title.",
    )
    available_only: list[DateOrSpan] | None = Field(
        None, description="If given, the only dates this instructor can teach."
    )
    max_days_per_week: Annotated[Count, Field(ge=1, le=7)] | None = None
    preferred_days: list[Weekday] = Field(default_factory=list)
    preferred_dates: list[DateOrSpan] = Field(
        default_factory=list,
        description="Dates this instructor prefers to teach on (a soft rule, with "
        "preferred_days: a session on a day that is neither costs weights.preferred_days), "
        "e.g. what they marked 'de préférence' on an availability form.",
    )
    weekdays: Annotated[list[Weekday], Field(min_length=1)] | None = Field(
        None,
        description="If given, the only weekdays this instructor ever teaches (a hard rule), "
        "e.g. [thu] for 'only on Thursdays'; preferred_days is the soft wish.",
    )


class TeachingWeeksIn(_Entry):
    max_days: Annotated[Count, Field(ge=1, le=7)] = Field(
        5, description="Most teaching days in one regroupement."
    )
    min_weeks_between: Annotated[Count, Field(ge=0, le=53)] = Field(
        1, description="Weeks between the starts of two regroupements (1: any later week)."
    )
    max_per_semester: Annotated[Count, Field(ge=1, le=53)] | None = None
    periods: list[DateSpanIn] = Field(
        default_factory=list,
        description="The teaching periods the rhythm applies to, each measured on its own, "
        "e.g. [{start: 2026-10-01, end: 2026-12-18}, {start: 2027-01-04, end: 2027-05-31}] "
        "(default: one period from the first semester's start to the last one's end).",
    )
    max_gap_weeks: Annotated[Count, Field(ge=1, le=53)] | None = Field(
        None,
        description="Hard: never more than this many weeks in a row without a regroupement "
        "within a teaching period (weeks the programme is closed do not count).",
    )
    every_weeks: Annotated[Count, Field(ge=1, le=53)] | None = Field(
        None,
        description="Soft: the rhythm wanted, a regroupement every this many weeks; each "
        "week without teaching beyond it costs weights.rhythm.",
    )
    min_half_days: Annotated[Count, Field(ge=1, le=14)] = Field(
        2,
        description="Soft: a teaching week holds at least this many half-days (slots); a "
        "shorter one (students travel for less) costs weights.short_visits.",
    )


# The rules of TeachingWeeksIn a cohort may set for itself: where its rhythm is not its
# programme's (students enrolled in two programmes follow the other one's regroupements).
COHORT_RHYTHM = ("periods", "max_gap_weeks", "every_weeks", "min_half_days")


def _unset_by_default(model: type[_Entry], name: str) -> tuple[Any, Any]:
    """``model``'s field ``name`` (its type, bounds and description), None when not written."""
    field = model.model_fields[name]
    kind: Any = field.annotation
    if field.metadata:
        kind = Annotated[(kind, *field.metadata)]
    return kind | None, Field(None, description=field.description)


CohortWeeksIn = create_model(
    "CohortWeeksIn",
    __base__=_Entry,
    __doc__="The cohort's own rhythm: each rule written replaces its programme's "
    "(null removes it, e.g. {max_gap_weeks: null, every_weeks: null}); the others are the "
    "programme's.",
    **{  # type: ignore[call-overload]
        name: _unset_by_default(TeachingWeeksIn, name) for name in COHORT_RHYTHM
    },
)


class CohortIn(_Entry):
    id: Id
    name: Name | None = None
    size: Annotated[Count, Field(gt=0, le=MAX_SEATS, description="Number of students.")]
    teaching_weeks: CohortWeeksIn | None = Field(
        None,
        description="This cohort's own rhythm of regroupements, where it is not its "
        "programme's: " + ", ".join(COHORT_RHYTHM) + ".",
    )


class InternshipIn(_Entry):
    min_days: Annotated[Count, Field(ge=1, le=MAX_YEAR_DAYS)]
    max_days: Annotated[Count, Field(ge=1, le=MAX_YEAR_DAYS)]
    weeks: Annotated[Count, Field(ge=1, le=53)] | None = Field(
        None,
        description="Consecutive weeks kept free of teaching for its cohorts, within the "
        "unit's dates; the scheduler chooses them.",
    )
    dates: DateSpanIn | None = Field(None, description="The internship's own dates, kept free.")
    cohorts: list[Id] | None = Field(
        None, description="The cohorts on it (default: every cohort of the programme)."
    )

    @model_validator(mode="after")
    def _one_period(self) -> InternshipIn:
        if self.weeks is not None and self.dates is not None:
            raise ValueError("write weeks (the scheduler chooses them) or dates, not both")
        return self


class UnitIn(_Entry):
    id: Id
    code: Name = Field(description="As grids show it, e.g. 'UE 6'.")
    title: Name
    short_title: Name | None = Field(
        None, description="Label in grid cells, e.g. 'CLINIQUE' (default: the title)."
    )
    ects: Annotated[Number, Field(ge=0, le=MAX_HOURS / 22, allow_inf_nan=False)] | None = Field(
        None, description="ECTS credits (Master UEs); none for DU/DIU modules."
    )
    total_hours: Hours = Field(description="Total work hours (1 ECTS = 22 h).")
    presence_hours: Hours = Field(description="In-person hours (présentiel) to schedule.")
    cohort_hours: dict[Id, Hours] = Field(
        default_factory=dict,
        description="The presence hours of a cohort that attends only some of its sessions "
        "(double-enrolled students), e.g. {c3s-double-2026: 5}: its sessions must make them.",
    )
    async_hours: Hours = Field(
        0,
        description="Asynchronous hours (e-learning, recorded lectures): part of the UE's "
        "teaching, on no date; with presence_hours they fit in total_hours.",
    )
    semester: str = Field("both", description="Semester id (S1, S2) or 'both'.")
    window: DateSpanIn | None = None
    site: Id | list[Id] | None = None
    internship: InternshipIn | None = None
    max_blocks: Annotated[Count, Field(ge=1, le=53)] | None = Field(
        None,
        description="Hard: its sessions take place in at most this many regroupements "
        "(teaching weeks); 1 teaches the UE (or module) in one block.",
    )
    in_order: bool = Field(
        False, description="Its sessions take place in the order they are written."
    )
    sessions: list[SessionIn] = Field(default_factory=list)


class ProgrammeIn(_Entry):
    id: Id
    title: Name = Field(description="As printed on the grid, e.g. 'MASTER 2 MEDECINE PALLIATIVE'.")
    kind: Literal["master", "du", "diu", "mooc", "other"] = "master"
    site: Id | list[Id] | None = Field(
        None,
        description="Teaching site, or the sites it alternates between (none for a programme "
        "taught online only, a MOOC).",
    )
    cohorts: list[CohortIn] = Field(min_length=1)
    units: list[UnitIn] = Field(default_factory=list)
    sessions: list[SessionIn] = Field(
        default_factory=list, description="Sessions outside any UE (opening day, exams)."
    )
    slots: Annotated[list[SlotIn], Field(min_length=1)] | None = Field(
        None, description="This programme's own slot template."
    )
    time_grid_minutes: Annotated[Count, Field(ge=5, le=120)] | None = Field(
        None, description="This programme's own time grid (default: the calendar's)."
    )
    semesters: dict[str, DateSpanIn] | None = None
    weekdays: list[Weekday] | None = None
    closures: list[DateSpanIn] = Field(default_factory=list)
    teaching_weeks: TeachingWeeksIn = Field(default_factory=TeachingWeeksIn)


Weight = Annotated[Count, Field(ge=0, le=MAX_WEIGHT)]


# Weights of the soft rules (0 turns a rule off): one per field of the domain's SoftWeights,
# with its default, described by the rule catalogue.
WeightsIn = create_model(
    "WeightsIn",
    __base__=_Entry,
    __doc__="Weights of the soft rules (0 turns a rule off).",
    **{  # type: ignore[call-overload]
        f.name: (Weight, Field(f.default, description=rule_info(f.name).en))
        for f in dataclasses.fields(SoftWeights)
    },
)


class ProgrammeFileIn(_Entry):
    """A palliasched programme file: one faculty, one academic year, one or more programmes."""

    version: Literal[1] = 1
    include: list[Text] = Field(
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
    travel: TravelIn | None = Field(
        None,
        description="Travel times between sites and the hours people travel; files that "
        "include each other add their times up (a pair written twice must agree).",
    )


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
