"""Online teaching: dated sessions with no room and no site, and a UE's asynchronous hours.

An online session is not a site for the one-site-a-day rule nor for travel; grids say
"En ligne" in its room row (and read it back), feeds put its link in LOCATION and URL; the
hours sheet shows the hours taught online and the asynchronous hours of each UE."""

from __future__ import annotations

import io
from pathlib import Path

import icalendar
import openpyxl

from palliasched import Status, check_programme, load_programme, solve, verify
from palliasched.domain.frame import sessions_frame
from palliasched.grids import read_grid
from palliasched.publish.feeds import write_feeds
from palliasched.publish.summaries import HOURS_HEADERS
from palliasched.publish.workbook import calendar_workbook

from .rule_cases import Edit, apply, length, session, travel, unit, write_micro

LINK = "https://visio.example.org/du-ue2"
ONLINE: Edit = session("u2-a", f"online: true, link: '{LINK}'")


def test_an_online_session_has_no_room_nor_site_and_is_published_as_such(tmp_path: Path) -> None:
    faculty = load_programme(write_micro(apply((ONLINE,)), tmp_path))
    spec = faculty.session("u2-a")
    assert spec.online and spec.link == LINK and spec.sites == () and spec.rooms_needed == 0
    result = solve(faculty, time_limit=10, explain=False)
    assert result.status is Status.OPTIMAL and result.solution is not None
    assert verify(faculty, result.solution) == []
    (placed,) = [s for s in result.solution.sessions if s.session == "u2-a"]
    assert placed.site is None and placed.rooms == ()

    frame = sessions_frame(faculty, result.solution)
    assert frame.set_index("session_id")["online"].to_dict() == {
        "u1-a": False,
        "u1-b": False,
        "x1-a": False,
        "u2-a": True,
    }

    write_feeds(faculty, result.solution, tmp_path / "feeds")
    feed = icalendar.Calendar.from_ical((tmp_path / "feeds" / "ue-u2.ics").read_bytes())
    (event,) = feed.walk("VEVENT")
    assert str(event["location"]) == f"En ligne : {LINK}"
    assert str(event["url"]) == LINK
    assert f"En ligne : {LINK}" in str(event["description"])

    book = tmp_path / "calendar.xlsx"
    book.write_bytes(calendar_workbook(faculty, result.solution))
    sheet = openpyxl.load_workbook(book).worksheets[0]
    assert "En ligne" in [c.value for row in sheet.iter_rows() for c in row]
    reading = read_grid(faculty, book)
    assert reading.solution == result.solution  # read back: no room, no site
    assert not reading.findings and not reading.without_rooms


def test_an_online_day_is_no_site_for_travel_nor_for_one_site_a_day(tmp_path: Path) -> None:
    # Tuesday afternoon in Paris, then Wednesday morning: Brest is five hours away (the travel
    # rule's impossible case), online is anywhere.
    after_paris = (
        travel,
        session("u1-a", "site: paris, date: 2027-01-05"),
        length("u1-a", "apres-midi"),
        session("u1-b", "online: true, date: 2027-01-06"),
    )
    # A morning in Brest and an online afternoon the same day.
    same_day = (
        session("u1-a", "site: brest, date: 2027-01-05"),
        session("u1-b", "online: true, date: 2027-01-05"),
        length("u1-b", "apres-midi"),
    )
    for edits in (after_paris, same_day):
        faculty = load_programme(write_micro(apply(edits), tmp_path))
        result = solve(faculty, time_limit=10, explain=False)
        assert result.status is Status.OPTIMAL and result.solution is not None
        assert verify(faculty, result.solution) == []
        (online,) = [s for s in result.solution.sessions if s.session == "u1-b"]
        assert online.site is None


def test_online_mistakes_are_located(tmp_path: Path) -> None:
    cases = {
        "online: true, site: paris": "an online session has no site: remove 'site'",
        "online: true, rooms: {groups: 2}": "an online session takes no room: remove 'rooms'",
        f"link: '{LINK}'": "'link' is for online sessions: add 'online: true'",
        "online: true, link: visio": "link 'visio' is not a web address (https://...)",
    }
    for fields, message in cases.items():
        checked = check_programme(write_micro(apply((session("u2-a", fields),)), tmp_path))
        (error,) = checked.errors
        assert message in error.message, error
        assert error.line is not None and "session 'u2-a'" in str(error)


def test_asynchronous_hours_are_part_of_the_unit_and_shown_in_the_hours_sheet(
    tmp_path: Path,
) -> None:
    faculty = load_programme(write_micro(apply((ONLINE, unit("UE 2", "async_hours: 6"))), tmp_path))
    assert faculty.unit("u2").async_minutes == 6 * 60
    result = solve(faculty, time_limit=10, explain=False)
    assert result.solution is not None
    book = openpyxl.load_workbook(io.BytesIO(calendar_workbook(faculty, result.solution)))
    rows = [
        dict(zip(HOURS_HEADERS, r, strict=True))
        for r in book["Heures par UE"].iter_rows(min_row=2, values_only=True)
    ]
    (ue2,) = [r for r in rows if r["UE"] == "UE 2"]
    assert (ue2["Heures planifiées"], ue2["Dont en ligne"], ue2["Heures asynchrones"]) == (4, 4, 6)

    too_many = check_programme(write_micro(apply((unit("UE 2", "async_hours: 20"),)), tmp_path))
    (error,) = too_many.errors
    assert error.field == "async_hours" and error.line is not None
    assert "presence (4 h) and asynchronous hours (20 h) exceed total hours (22 h)" in str(error)


def test_the_schema_documents_online_teaching() -> None:
    from palliasched.io.schema import json_schema

    text = str(json_schema())
    assert "async_hours" in text and "'online'" in text and "'link'" in text


def test_a_new_link_updates_the_event_in_place(tmp_path: Path) -> None:
    faculty = load_programme(write_micro(apply((ONLINE,)), tmp_path))
    result = solve(faculty, time_limit=10, explain=False)
    assert result.solution is not None
    write_feeds(faculty, result.solution, tmp_path / "feeds")
    moved = apply((session("u2-a", "online: true, link: 'https://visio.example.org/new'"),))
    again = load_programme(write_micro(moved, tmp_path))
    write_feeds(again, result.solution, tmp_path / "feeds")
    feed = icalendar.Calendar.from_ical((tmp_path / "feeds" / "ue-u2.ics").read_bytes())
    (event,) = feed.walk("VEVENT")
    assert str(event["url"]) == "https://visio.example.org/new" and event["sequence"] == 1
