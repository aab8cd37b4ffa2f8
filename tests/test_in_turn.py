"""Half-groups one after the other: a session taught to each of its groups in turn, the same
day, by the same instructors (group A in the morning, group B in the afternoon)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from palliasched import Status, check_programme, load_programme, solve, verify
from palliasched.grids import read_grid
from palliasched.publish.workbook import calendar_workbook
from palliasched.scorecard import minutes_per_unit

from .rule_cases import IN_TURN, apply, length, session, write_micro


def test_each_group_in_turn_is_a_session_of_its_own_the_same_day(tmp_path: Path) -> None:
    faculty = load_programme(write_micro(apply((IN_TURN,)), tmp_path))
    first, second = faculty.session("u1-a-g1"), faculty.session("u1-a-g2")
    assert (first.title, first.length) == ("A (groupe A)", "matin")
    assert (second.title, second.length) == ("A (groupe B)", "apres-midi")
    assert faculty.group_size(first) == faculty.group_size(second) == 10  # half of 20
    assert faculty.programme("du").scheduled_minutes("u1") == 8 * 60  # students attend one

    result = solve(faculty, time_limit=10, explain=False)
    assert result.status is Status.OPTIMAL and result.solution is not None
    assert verify(faculty, result.solution) == []
    placed = {s.session: s for s in result.solution.sessions}
    assert placed["u1-a-g1"].date == placed["u1-a-g2"].date
    assert placed["u1-a-g1"].instructors == placed["u1-a-g2"].instructors == ("ana",)
    assert minutes_per_unit(faculty, result.solution)["u1"] == 8 * 60

    book = tmp_path / "calendar.xlsx"
    book.write_bytes(calendar_workbook(faculty, result.solution))
    teachers = openpyxl.load_workbook(io.BytesIO(book.read_bytes()))["Intervenants"]
    rows = {r[0]: r for r in teachers.iter_rows(min_row=2, values_only=True)}
    assert rows["Ana Roux"][1:3] == (3, 12)  # both groups taught, and UE 2: 12 h
    reading = read_grid(faculty, book)
    assert reading.solution == result.solution
    assert not reading.findings


def test_groups_in_turn_that_a_day_cannot_hold_are_refused(tmp_path: Path) -> None:
    cases = {
        (IN_TURN, length("u1-a", "apres-midi")): "2 groups taught in turn from 'apres-midi' "
        "need 2 slots of the day from it, but the day has 1",
        (session("u1-a", "rooms: {groups: 1, in_turn: true}"),): "in_turn needs 2 to 8 groups",
        (
            session("u1-a", "rooms: {groups: 2, in_turn: true}, spacing: {min_days_between: 2}"),
        ): "groups taught in turn share one day: remove 'spacing'",
    }
    for edits, message in cases.items():
        checked = check_programme(write_micro(apply(edits), tmp_path))
        (error,) = checked.errors
        assert message in error.message, str(error)
        assert error.line is not None and "session 'u1-a" in str(error)
