"""The weeks a cohort keeps for an internship, as one all-day event of its feeds."""

from __future__ import annotations

import datetime as dt

import icalendar

from palliasched.domain.calendar import DateRange
from palliasched.domain.internships import internship_words
from palliasched.domain.programme import Faculty, Unit
from palliasched.publish.feed_state import EventState, session_uid


def internship_uid(unit: Unit, cohort: str) -> str:
    return session_uid(unit.programme, f"internship/{unit.id}/{cohort}")


def internship_event(
    faculty: Faculty, unit: Unit, cohort: str, span: DateRange, uid: str, state: EventState
) -> icalendar.Event:
    """The weeks a cohort keeps for an internship: one all-day event, free time."""
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", state.changed)
    event.add("last-modified", state.changed)
    event.add("sequence", state.sequence)
    event.add("dtstart", span.start)
    event.add("dtend", span.end + dt.timedelta(days=1))
    event.add("summary", f"{unit.code} : {unit.title} (stage, pas de cours)")
    programme = faculty.programme(unit.programme)
    lines = [programme.title, faculty.cohort(cohort).name, internship_words(span)]
    event.add("description", "\n".join(lines))
    event.add("categories", [unit.code])
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event
