"""Sessions with their own clock times (``start``, ``end``): the M2's 09:30-13:30 RSCA
presentations and the DU's 1 h 30 to 4 h sessions, written as they are taught."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import openpyxl

from palliasched import Faculty, ScheduledSession, Solution, check_programme, load_programme, verify
from palliasched.publish.feeds import write_feeds
from palliasched.publish.workbook import calendar_workbook
from palliasched.quality import half_days

from .conftest import ROOT
from .rule_cases import Edit, apply, session, write_micro

PARIS = ZoneInfo("Europe/Paris")


def own(session_id: str, start: str, end: str) -> Edit:
    """A micro session's slot replaced by its own clock times."""

    def edit(text: str) -> str:
        text = text.replace(
            f"{{id: {session_id}, title: ",
            f"{{id: {session_id}, start: '{start}', end: '{end}', title: ",
        )
        return re.sub(rf"(\{{id: {session_id},[^}}]*?), length: [\w-]+", r"\1", text)

    return edit


def test_the_m2_presentations_keep_the_published_0930_1330(
    m2: Faculty, m2_solution: Solution, tmp_path: Path
) -> None:
    spec = m2.session("ue10-presentations")
    programme = m2.programme("m2-mp")
    assert spec.length == "09:30-13:30" and programme.counted_minutes(spec) == 4 * 60
    (placed,) = [s for s in m2_solution.sessions if s.session == spec.id]
    assert placed.slots == ("09:30-13:30",)

    write_feeds(m2, m2_solution, tmp_path)
    feed = icalendar.Calendar.from_ical((tmp_path / "ue-ue10.ics").read_bytes())
    (event,) = [e for e in feed.walk("VEVENT") if "Présentation" in str(e["summary"])]
    assert event.decoded("dtstart") == dt.datetime.combine(placed.date, dt.time(9, 30), PARIS)
    assert event.decoded("dtend") == dt.datetime.combine(placed.date, dt.time(13, 30), PARIS)

    book = openpyxl.load_workbook(io.BytesIO(calendar_workbook(m2, m2_solution)))
    texts = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value]
    assert any("Présentation du RSCA" in t and "9h30-13h30" in t for t in texts)


def test_the_du_keeps_its_real_lengths() -> None:
    du = load_programme(ROOT / "data" / "du-pccpu-2026-2027.yaml")
    programme = du.programme("du-pccpu")
    lengths = {
        s.id: (s.length, programme.counted_minutes(s))
        for s in du.sessions
        if s.id in ("du-ue1-coordinateur", "du-ue1-negociation", "du-ue6-pdca")
    }
    assert lengths == {
        "du-ue1-coordinateur": ("11:00-12:30", 90),
        "du-ue1-negociation": ("09:00-11:00", 120),
        "du-ue6-pdca": ("13:30-17:30", 240),
    }
    assert du.unit("du-ue1").presence_of("c3s-double-2026") == 5 * 60  # 1 h 30 + 3 h 30


def test_own_times_clash_by_the_clock_and_share_a_half_day(tmp_path: Path) -> None:
    text = apply((own("u1-a", "09:30", "11:00"), own("u1-b", "11:00", "12:30"))).replace(
        "presence_hours: 8", "presence_hours: 3"
    )
    faculty = load_programme(write_micro(text, tmp_path))
    day = dt.date(2027, 1, 5)
    both = Solution(
        (
            ScheduledSession("u1-a", day, ("09:30-11:00",), ("ana",), ("p1",), "paris"),
            ScheduledSession("u1-b", day, ("11:00-12:30",), ("ben",), ("p1",), "paris"),
            ScheduledSession("x1-a", dt.date(2027, 1, 7), ("matin",), ("ben",), ("p1",), "paris"),
            ScheduledSession("u2-a", dt.date(2027, 1, 19), ("matin",), ("ana",), ("p1",), "paris"),
        )
    )
    assert verify(faculty, both) == []  # one after the other, the same room
    assert half_days(faculty, both)["du-c"][(2027, 1)] == 1  # one morning
    moved = Solution(
        (
            ScheduledSession("u1-a", day, ("09:30-11:00",), ("ana",), ("p1",), "paris"),
            ScheduledSession("u1-b", day, ("matin",), ("ben",), ("p2",), "paris"),
            *both.sessions[2:],
        )
    )
    rules = {v.rule for v in verify(faculty, moved)}
    assert {"cohort-clash", "wrong-slots"} <= rules  # 09:30-12:30 overlaps 09:30-11:00


def test_clock_time_mistakes_are_located(tmp_path: Path) -> None:
    cases = {
        "start: '09:30'": "write both start and end (its own clock times), or neither",
        "start: '13:30', end: '09:30'": "end 09:30 is not after start 13:30",
    }
    for fields, message in cases.items():
        edits = (
            own("u2-a", "09:30", "11:00"),
            lambda t, fields=fields: t.replace("start: '09:30', end: '11:00'", fields),
        )
        checked = check_programme(write_micro(apply(edits), tmp_path))
        (error,) = checked.errors
        assert message in error.message and error.line is not None, str(error)
        assert "session 'u2-a'" in str(error)
    both = check_programme(
        write_micro(apply((session("u1-a", "start: '09:30', end: '11:00'"),)), tmp_path)
    )
    assert any("write length (a slot) or start and end, not both" in str(e) for e in both.errors)
