"""The programme file's sessions: who teaches them, the rooms they need, their dates and
spacing, and whether they are taught online."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from palliasched.domain.turns import MAX_GROUPS
from palliasched.io.schema_types import (
    ClockTime,
    Count,
    Date,
    DateSpanIn,
    Id,
    Number,
    Text,
    _Entry,
)
from palliasched.limits import MAX_COUNT, MAX_HOURS, MAX_SEATS, MAX_YEAR_DAYS


class InstructorPoolIn(_Entry):
    """``count`` instructors chosen among ``among`` by the scheduler."""

    among: list[Id] = Field(min_length=1)
    count: Annotated[Count, Field(ge=1, le=MAX_COUNT)]
    always: list[Id] = Field(
        default_factory=list, description="Instructors who teach it in any case."
    )


class RoomNeedIn(_Entry):
    groups: Annotated[Count, Field(ge=1, le=MAX_COUNT)] = Field(
        1, description="Parallel groups (RSCA quarter-groups: 4), each in its own room(s)."
    )
    per_group: Annotated[Count, Field(ge=0, le=MAX_COUNT)] = Field(
        1, description="Rooms per group; 0 for a session with no room (online)."
    )
    min_capacity: Annotated[Count, Field(gt=0, le=MAX_SEATS)] | None = Field(
        None, description="Seats needed per room (default: the group's size)."
    )
    allowed: list[Id] = Field(
        default_factory=list, description="Only these rooms (default: any room of the site)."
    )
    in_turn: bool = Field(
        False,
        description="The groups are taught one after the other the same day, by the same "
        "instructors (group A in the morning, group B in the afternoon), not in parallel.",
    )

    @model_validator(mode="after")
    def _groups_in_turn(self) -> RoomNeedIn:
        if self.in_turn and not 2 <= self.groups <= MAX_GROUPS:
            raise ValueError(f"in_turn needs 2 to {MAX_GROUPS} groups, not {self.groups}")
        return self


class SpacingIn(_Entry):
    """How the copies of a repeated session (``count: n``) are kept apart."""

    min_days_between: Annotated[Count, Field(ge=1, le=MAX_YEAR_DAYS)] | None = Field(
        None, description="At least this many days between the dates of any two copies."
    )
    one_per_regroupement: bool = Field(
        False, description="No two copies in the same regroupement (teaching week)."
    )
    soft: bool = Field(
        False,
        description="A wish, not a rule: each copy closer than asked to the one before it "
        "costs weights.repeat_spacing.",
    )
    series: Id | None = Field(
        None,
        description="Sessions naming the same series are spaced together, as copies of one "
        "(a MOOC's weekly releases); default: this session's own copies.",
    )

    @model_validator(mode="after")
    def _says_something(self) -> SpacingIn:
        if self.min_days_between is None and not self.one_per_regroupement:
            raise ValueError("spacing needs min_days_between: <days> or one_per_regroupement: true")
        return self


class SessionIn(_Entry):
    id: Id = Field(description="Stable id: feeds derive their event UIDs from it.")
    title: Text = ""
    length: str = Field(
        "full-day", description="A slot id of the template, or 'full-day' (every slot)."
    )
    count: Annotated[Count, Field(ge=1, le=MAX_COUNT)] = Field(
        1,
        description="Identical sessions to schedule (ids get '-1', '-2', ...; "
        f"at most {MAX_COUNT}).",
    )
    counted_hours: Annotated[Number, Field(gt=0, le=MAX_HOURS, allow_inf_nan=False)] | None = Field(
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
    date: Date | None = Field(None, description="Pinned date.")
    after: list[Id] = Field(
        default_factory=list, description="Sessions that must be over before this one starts."
    )
    order: Literal["first", "last"] | None = Field(
        None, description="Before (first) or after (last) every other session of the programme."
    )
    spacing: SpacingIn | None = Field(
        None,
        description="Its copies (count: n) kept apart, e.g. {min_days_between: 14} or "
        "{one_per_regroupement: true}; hard unless soft: true.",
    )
    start: ClockTime | None = Field(
        None, description="Its own start time (HH:MM), with end: e.g. 09:30 to 13:30."
    )
    end: ClockTime | None = Field(
        None, description="Its own end time; counted hours default to the clock length."
    )
    minutes: Annotated[Count, Field(ge=5, le=24 * 60)] | None = Field(
        None,
        description="Its length in minutes (e.g. 90): the scheduler chooses its start on the "
        "programme's time grid (time_grid_minutes) inside one slot of the template; counted "
        "hours default to this length.",
    )
    release: bool = Field(
        False,
        description="A release of online material (a MOOC's module): a day, no time, room, "
        "site, cohort nor instructor; an all-day event in the feeds, counting no hours.",
    )
    online: bool = Field(
        False,
        description="Taught online: no room and no site (not a site for the one-site-a-day "
        "rule nor for travel); its events say 'En ligne'.",
    )
    link: Text | None = Field(
        None, description="An online session's link (https://...), given in its events."
    )

    @model_validator(mode="after")
    def _online(self) -> SessionIn:
        if self.online and self.site is not None:
            raise ValueError("an online session has no site: remove 'site'")
        if self.online and self.rooms != RoomNeedIn():
            raise ValueError("an online session takes no room: remove 'rooms'")
        if self.release and (
            self.instructors or self.cohorts or self.site or self.start or self.minutes
        ):
            raise ValueError("a release has no instructors, cohorts, site nor times")
        if (self.start is None) != (self.end is None):
            raise ValueError("write both start and end (its own clock times), or neither")
        if self.start is not None and self.end is not None:
            if self.start >= self.end:
                raise ValueError(f"end {self.end:%H:%M} is not after start {self.start:%H:%M}")
            if "length" in self.model_fields_set:
                raise ValueError("write length (a slot) or start and end, not both")
            if self.rooms.in_turn:
                raise ValueError("groups in turn take slots of the template: remove start/end")
        if self.minutes is not None:
            if self.start is not None or "length" in self.model_fields_set:
                raise ValueError(
                    "write minutes (the scheduler picks the start), or length, or "
                    "start and end: only one of them"
                )
            if self.rooms.in_turn:
                raise ValueError("groups in turn take slots of the template: remove minutes")
        if self.rooms.in_turn and self.spacing is not None:
            raise ValueError("groups taught in turn share one day: remove 'spacing'")
        if self.link is not None and not self.online:
            raise ValueError("'link' is for online sessions: add 'online: true'")
        if self.link is not None and not self.link.startswith(("https://", "http://")):
            raise ValueError(f"link '{self.link}' is not a web address (https://...)")
        return self
