"""Instructors' unavailability read from their own agendas (``unavailable_from``): .ics files
exported from their calendar software, or a CalDAV collection. Recurring events are expanded
by a library (recurring_ical_events) and checked against two real clients: Radicale, which
stores and exports the events, and Mozilla's ical.js, which writes and expands them itself."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from palliasched import Faculty, Solution, check_programme, load_programme, verify
from palliasched.domain.calendar import DateRange
from palliasched.io.agendas import TeachingHours, busy_days

from .conftest import ROOT
from .rule_cases import apply, write_micro

CALENDARS = ROOT / "data" / "calendars"
JS = ROOT / "tests" / "js"
YEAR = DateRange(dt.date(2026, 9, 1), dt.date(2027, 9, 30))
DIU_HOURS = TeachingHours(dt.time(9), dt.time(17), "Europe/Paris")  # the DIU's 9h-17h days
PARIS = ZoneInfo("Europe/Paris")
MONDAYS = {dt.date(2027, 1, 4) + dt.timedelta(weeks=n) for n in range(26)}


def _days(instructor_busy: tuple[DateRange, ...]) -> set[dt.date]:
    return {day for span in instructor_busy for day in span.days()}


def test_the_diu_reads_a_weekly_clinic_with_its_exception(diu: Faculty) -> None:
    allory = _days(diu.instructor("allory").busy)
    # Every Monday from 4 January to 28 June but 15 March (EXDATE), and the congress week
    # (an all-day event, 1-5 February); not the evening meeting, not the free reminder.
    congress = set(DateRange(dt.date(2027, 2, 1), dt.date(2027, 2, 5)).days())
    assert allory == (MONDAYS - {dt.date(2027, 3, 15)}) | congress
    lopez = _days(diu.instructor("lopez").busy)
    assert dt.date(2027, 3, 3) not in lopez and dt.date(2027, 3, 4) in lopez  # moved on-call
    assert dt.date(2027, 3, 11) in lopez  # training week; the cancelled staff meeting is not
    assert dt.date(2027, 1, 6) in lopez and dt.date(2027, 1, 13) not in lopez  # one in two


def test_solve_keeps_the_agendas_and_the_checker_catches_a_busy_day(
    diu: Faculty, diu_solution: Solution
) -> None:
    assert verify(diu, diu_solution) == []
    busy = _days(diu.instructor("allory").busy)
    taught = [s for s in diu_solution.sessions if "allory" in s.instructors]
    assert taught and not any(s.date in busy for s in taught)
    moved = dataclasses.replace(taught[0], date=dt.date(2027, 3, 8))  # a clinic Monday
    others = [s for s in diu_solution.sessions if s is not taught[0]]
    found = verify(diu, Solution((moved, *others)))
    assert any(
        v.rule == "instructor-unavailable" and "busy per their agenda" in v.message for v in found
    )


def test_an_agenda_that_cannot_be_read_is_located(tmp_path: Path) -> None:
    (tmp_path / "broken.ics").write_text("BEGIN:VCALENDAR\nnot a calendar\n", encoding="utf-8")
    cases = {
        "missing.ics": "file not found",
        "broken.ics": "not an iCalendar file",
        "http://127.0.0.1:9/nowhere/": "cannot be read",
    }
    for reference, message in cases.items():
        text = apply(
            (
                lambda t, r=reference: t.replace(
                    "{id: ana, name: Ana Roux}",
                    f"{{id: ana, name: Ana Roux, unavailable_from: ['{r}']}}",
                ),
            )
        )
        checked = check_programme(write_micro(text, tmp_path))
        (error,) = checked.errors
        assert message in error.message and error.line is not None, str(error)
        assert "instructor 'ana'" in str(error) and "unavailable_from" in str(error)


def _ical_js(path: Path) -> dict[str, object]:
    node = shutil.which("node")
    assert node is not None, "node is needed (make test installs ical.js with npm)"
    done = subprocess.run(
        [node, str(JS / "agenda_busy.mjs"), str(path), "2027-10-01"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _days_of(occurrences: list[dict[str, object]]) -> set[dt.date]:
    days: set[dt.date] = set()
    for busy in occurrences:
        if busy["allDay"]:
            first = dt.date.fromisoformat(str(busy["start"]))
            last = dt.date.fromisoformat(str(busy["end"]))
            days |= {first + dt.timedelta(days=n) for n in range((last - first).days)}
        else:
            start = dt.datetime.fromisoformat(str(busy["start"]).replace("Z", "+00:00"))
            end = dt.datetime.fromisoformat(str(busy["end"]).replace("Z", "+00:00"))
            days |= set(DIU_HOURS.days_touched(start, end))
    return {day for day in days if day in YEAR}


@pytest.mark.parametrize("name", ["allory", "lopez"])
def test_ical_js_expands_and_writes_the_same_busy_days(name: str, tmp_path: Path) -> None:
    source = CALENDARS / f"{name}.ics"
    ours = busy_days(source.read_text(encoding="utf-8"), YEAR, DIU_HOURS)
    theirs = _ical_js(source)
    assert _days_of(theirs["busy"]) == ours  # type: ignore[arg-type]
    written = tmp_path / f"{name}-icaljs.ics"
    written.write_text(str(theirs["ics"]), encoding="utf-8")
    assert busy_days(written.read_text(encoding="utf-8"), YEAR, DIU_HOURS) == ours


def _resources(text: str) -> list[str]:
    """One CalDAV resource per UID: a recurring event with its moved occurrences together."""
    calendar = icalendar.Calendar.from_ical(text)
    zones = list(calendar.walk("VTIMEZONE"))
    by_uid: dict[str, list[icalendar.cal.Component]] = defaultdict(list)
    for event in calendar.walk("VEVENT"):
        by_uid[str(event["uid"])].append(event)
    found = []
    for events in by_uid.values():
        single = icalendar.Calendar()
        single.add("prodid", "-//palliasched tests//FR")
        single.add("version", "2.0")
        for component in (*zones, *events):
            single.add_component(component)
        found.append(single.to_ical().decode("utf-8"))
    return found


def test_a_caldav_collection_gives_the_same_busy_days(radicale: str, tmp_path: Path) -> None:
    import caldav
    import requests

    client = caldav.DAVClient(url=radicale, username="lopez", password="unused")
    collection = client.principal().make_calendar(name="Inès Lopez", cal_id="agenda")
    source = (CALENDARS / "lopez.ics").read_text(encoding="utf-8")
    for resource in _resources(source):
        collection.save_event(resource)
    url = str(collection.url)
    expected = busy_days(source, YEAR, DIU_HOURS)
    exported = requests.get(url, auth=("lopez", "unused"), timeout=10).text  # Radicale's .ics
    assert busy_days(exported, YEAR, DIU_HOURS) == expected

    text = (ROOT / "data" / "diu-partenariat-2026-2027.yaml").read_text(encoding="utf-8")
    text = text.replace("unavailable_from: [calendars/lopez.ics]", f"unavailable_from: ['{url}']")
    text = text.replace("calendars/allory.ics", str(CALENDARS / "allory.ics"))
    path = tmp_path / "diu.yaml"
    path.write_text(text, encoding="utf-8")
    faculty = load_programme(path)
    assert {d for d in _days(faculty.instructor("lopez").busy)} == expected
