"""The programme file's places: sites, their rooms, and the journeys between sites."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, model_validator

from palliasched.io.schema_types import ClockTime, Count, DateOrSpan, Id, Name, Text, _Entry
from palliasched.limits import MAX_SEATS


class SiteIn(_Entry):
    id: Id
    name: Name
    address: Text = ""


class TravelTimeIn(_Entry):
    """The journey between two sites, either way, door to door."""

    between: Annotated[list[Id], Field(min_length=2, max_length=2)] = Field(
        description="The two sites, e.g. [brest, rennes]."
    )
    minutes: Annotated[Count, Field(gt=0, le=24 * 60)] = Field(
        description="Door-to-door minutes (train plus the trips to and from the stations)."
    )


class TravelIn(_Entry):
    """Travel between sites: hard for cohorts and instructors from one day to the next."""

    times: list[TravelTimeIn] = Field(
        default_factory=list,
        description="Travel times between sites; sites with none are not checked.",
    )
    earliest: ClockTime = Field(
        dt.time(7, 0), description="The first departure of a day (default 07:00)."
    )
    latest: ClockTime = Field(
        dt.time(22, 0), description="The last arrival of a day (default 22:00)."
    )

    @model_validator(mode="after")
    def _in_order(self) -> TravelIn:
        if self.earliest >= self.latest:
            raise ValueError(
                f"earliest {self.earliest:%H:%M} is not before latest {self.latest:%H:%M}"
            )
        return self


class RoomIn(_Entry):
    id: Id
    name: Name | None = Field(None, description="Name shown in grids (default: the id).")
    site: Id
    capacity: Annotated[Count, Field(gt=0, le=MAX_SEATS)]
    unavailable: list[DateOrSpan] = Field(default_factory=list)
