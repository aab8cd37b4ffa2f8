"""The analyst's table: one row per scheduled session, as a tidy pandas DataFrame.

Columns (dtype):

- ``session_id`` (string), ``programme`` (category: programme id), ``cohorts`` (list of
  cohort ids), ``ue`` (category: "UE 1"; empty for a session outside any UE), ``ue_title``
  (string: the UE's short title, "PEDAGOGIE"), ``title`` (string: the session's title, else
  the UE label);
- ``date`` (datetime64, midnight), ``start`` and ``end`` (datetime64 with time zone
  Europe/Paris, or the calendar's zone), ``slots`` (string: slot ids joined by "+"),
  ``counted_hours`` (float: hours the session counts toward its UE);
- ``instructors`` and ``instructor_ids`` (lists of display names and of ids, in the same
  order), ``rooms`` and ``room_ids`` (likewise), ``site`` (category: site name).

``explode="instructors"`` (or ``"rooms"``, ``"cohorts"``) gives one row per session and
instructor (room, cohort) instead, the list columns becoming plain strings.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pandas as pd

from palliasched.domain.programme import Faculty

if TYPE_CHECKING:  # a Solution builds its own frame: this module sits below it
    from palliasched.domain.solution import ScheduledSession, Solution

EXPLODABLE = {"instructors": "instructor_ids", "rooms": "room_ids", "cohorts": None}
COLUMNS = (
    "session_id",
    "programme",
    "cohorts",
    "ue",
    "ue_title",
    "title",
    "date",
    "start",
    "end",
    "slots",
    "counted_hours",
    "instructors",
    "instructor_ids",
    "rooms",
    "room_ids",
    "site",
    "online",
)


def sessions_frame(
    faculty: Faculty, solution: Solution, explode: str | None = None
) -> pd.DataFrame:
    zone = ZoneInfo(faculty.calendar.timezone)
    rows = [_row(faculty, placed, zone) for placed in solution.sessions]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["session_id"] = frame["session_id"].astype("string")
    for column in ("ue_title", "title", "slots"):
        frame[column] = frame[column].astype("string")
    frame["date"] = pd.to_datetime(frame["date"])
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column]).dt.tz_convert(faculty.calendar.timezone)
    frame["counted_hours"] = frame["counted_hours"].astype("float64")
    frame["online"] = frame["online"].astype("bool")
    frame["programme"] = pd.Categorical(frame["programme"], categories=faculty.ids("programme"))
    units = [u.code for p in faculty.programmes for u in p.units]
    frame["ue"] = pd.Categorical(frame["ue"], categories=list(dict.fromkeys([*units, ""])))
    frame["site"] = pd.Categorical(frame["site"], categories=[s.name for s in faculty.sites])
    if explode is None:
        return frame
    if explode not in EXPLODABLE:
        raise ValueError(f"explode must be one of {', '.join(EXPLODABLE)}, not {explode!r}")
    ids = EXPLODABLE[explode]
    exploded = frame.explode([explode, ids] if ids else [explode], ignore_index=True)
    exploded[explode] = exploded[explode].astype("string")
    if ids:
        exploded[ids] = exploded[ids].astype("string")
    return exploded


def _row(faculty: Faculty, placed: ScheduledSession, zone: ZoneInfo) -> dict[str, object]:
    spec = faculty.session(placed.session)
    programme = faculty.programme(spec.programme)
    slots = list(programme.slots.placed(placed.slots))
    unit = faculty.unit(spec.unit) if spec.unit is not None else None
    start = min(s.start for s in slots)
    end = max(s.end for s in slots)
    return {
        "session_id": spec.id,
        "programme": programme.id,
        "cohorts": list(spec.cohorts),
        "ue": unit.code if unit is not None else "",
        "ue_title": unit.short_title if unit is not None else "",
        "title": spec.title or (unit.label if unit is not None else spec.id),
        "date": placed.date,
        "start": dt.datetime.combine(placed.date, start, zone),
        "end": dt.datetime.combine(placed.date, end, zone),
        "slots": "+".join(placed.slots),
        "counted_hours": programme.counted_minutes(spec) / 60,
        "instructors": [faculty.instructor(i).name for i in placed.instructors],
        "instructor_ids": list(placed.instructors),
        "rooms": [faculty.room(r).name for r in placed.rooms],
        "room_ids": list(placed.rooms),
        "site": faculty.site(placed.site).name if placed.site is not None else None,
        "online": faculty.session(placed.session).online,
    }
