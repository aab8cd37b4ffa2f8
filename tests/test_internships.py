"""Internships: a unit's stage reserves weeks (chosen by the scheduler) or dates, free of
teaching for its cohorts; the grid's legend and the feeds show the period."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import icalendar
import openpyxl

from palliasched import Faculty, Solution, Status, check_programme, load_programme, solve, verify
from palliasched.domain.internships import periods
from palliasched.publish.feeds import write_feeds
from palliasched.publish.workbook import calendar_workbook

from .conftest import ROOT
from .rule_cases import apply, stage, write_micro


def test_the_bundled_m2_keeps_four_weeks_for_its_stage(
    m2: Faculty, m2_solution: Solution, tmp_path: Path
) -> None:
    assert m2.unit("ue9").internship is not None
    assert verify(m2, m2_solution) == []
    ((unit, cohort, span),) = periods(m2, m2_solution)
    assert (unit.id, cohort) == ("ue9", "m2-mp-2026")
    assert span.start.weekday() == 0 and (span.end - span.start).days == 27  # four weeks
    assert dt.date(2027, 1, 4) <= span.start and span.end <= dt.date(2027, 6, 30)
    assert not [s for s in m2_solution.sessions if s.date in span]

    write_feeds(m2, m2_solution, tmp_path)
    feed = icalendar.Calendar.from_ical((tmp_path / "cohort-m2-mp-2026.ics").read_bytes())
    (event,) = [e for e in feed.walk("VEVENT") if "stage" in str(e["summary"])]
    assert str(event["summary"]) == "UE 9 : Stage (stage, pas de cours)"
    assert event.decoded("dtstart") == span.start
    assert event.decoded("dtend") == span.end + dt.timedelta(days=1)  # all day, end exclusive
    assert str(event["transp"]) == "TRANSPARENT"

    book = openpyxl.load_workbook(io.BytesIO(calendar_workbook(m2, m2_solution)))
    texts = [c.value for row in book.worksheets[0].iter_rows() for c in row if c.value]
    words = f"du {span.start:%d/%m/%Y} au {span.end:%d/%m/%Y} : pas de cours"
    assert f"UE 9 : STAGE — stage {words}" in texts


def test_the_bundled_dus_stage_is_for_its_own_students() -> None:
    du = load_programme(ROOT / "data" / "du-pccpu-2026-2027.yaml")
    internship = du.unit("du-ue10").internship
    assert internship is not None
    assert (internship.weeks, internship.cohorts) == (3, ("du-pccpu-2026",))


def test_fixed_dates_are_kept_free_and_a_calendar_teaching_then_is_caught(tmp_path: Path) -> None:
    text = apply((stage("dates: {start: 2027-01-04, end: 2027-01-08}"),))
    faculty = load_programme(write_micro(text, tmp_path))
    result = solve(faculty, time_limit=10, explain=False)
    assert result.status is Status.OPTIMAL and result.solution is not None
    assert verify(faculty, result.solution) == []
    du_days = [s.date for s in result.solution.sessions if s.session.startswith("u")]
    assert all(not dt.date(2027, 1, 4) <= day <= dt.date(2027, 1, 8) for day in du_days)

    monday = Solution(
        tuple(
            replace(s, date=dt.date(2027, 1, 4)) if s.session == "u1-a" else s
            for s in result.solution.sessions
        )
    )
    (found,) = [v for v in verify(faculty, monday) if v.rule == "internship"]
    assert found.message == (
        "du-c has teaching in every period of the internship of UE 3 (its dates, "
        "04/01/2027-08/01/2027)"
    )


def test_internship_mistakes_are_located(tmp_path: Path) -> None:
    cases = {
        "weeks: 1, cohorts: [du-x]": "internship names cohort 'du-x', not a cohort of du",
        "weeks: 3": "3 weeks of internship do not fit in the unit's dates",
        "weeks: 1, dates: {start: 2027-01-04, end: 2027-01-08}": "write weeks",
        "dates: {start: 2027-01-25, end: 2027-01-29}": "are outside the unit's dates",
    }
    for fields, message in cases.items():
        checked = check_programme(write_micro(apply((stage(fields),)), tmp_path))
        assert checked.errors, fields
        error = checked.errors[0]
        assert message in error.message, (fields, str(error))
        assert error.line is not None and "unit 'u3'" in str(error)
    hint = check_programme(write_micro(apply((stage("weeks: 1, cohorts: [du-x]"),)), tmp_path))
    assert "did you mean 'du-c'" in str(hint.errors[0])


def test_an_internship_that_leaves_no_room_for_teaching_is_explained(tmp_path: Path) -> None:
    faculty = load_programme(write_micro(apply((stage("weeks: 2"),)), tmp_path))
    result = solve(faculty, time_limit=10)
    assert result.status is Status.INFEASIBLE
    assert (
        "du-c keeps 2 weeks in a row free of teaching for UE 3's internship within "
        "04/01/2027-17/01/2027." in result.conflicts
    ), result.conflicts
