"""Sessions given as a length in minutes (``minutes: 90``): the scheduler chooses their start
on the programme's time grid (``time_grid_minutes``, quarter-hours by default) inside one slot
of the template; the checker, the grids and the feeds read the times it chose."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import openpyxl

from palliasched import ScheduledSession, Solution, check_programme, load_programme, verify
from palliasched.domain.calendar import clock_minutes
from palliasched.grids.reader import read_grid
from palliasched.publish.workbook import calendar_workbook
from palliasched.quality import soft_costs
from palliasched.solver import solve

from .rule_cases import apply, session, write_micro

ONE_DAY = "window: {start: 2027-01-05, end: 2027-01-05}"


def _minutes(session_id: str, minutes: int, extra: str = "") -> object:
    """A micro session's slot replaced by a length in minutes."""

    def edit(text: str) -> str:
        old = f"{{id: {session_id}, title: "
        text = text.replace(old, f"{{id: {session_id}, minutes: {minutes}, {extra}title: ")
        lines = text.splitlines(keepends=True)
        return "".join(
            line.replace(", length: matin", "") if f"{{id: {session_id}," in line else line
            for line in lines
        )

    return edit


def _micro(tmp_path: Path, *edits: object, hours: str = "3") -> Path:
    text = apply(
        (
            _minutes("u1-a", 90, f"{ONE_DAY}, "),
            _minutes("u1-b", 90, f"{ONE_DAY}, "),
            *edits,
        )  # type: ignore[arg-type]
    )
    return write_micro(text.replace("presence_hours: 8", f"presence_hours: {hours}"), tmp_path)


def test_the_solver_chooses_starts_on_the_grid_and_the_grid_reads_them_back(
    tmp_path: Path,
) -> None:
    faculty = load_programme(_micro(tmp_path))
    programme = faculty.programme("du")
    assert faculty.session("u1-a").length == "90min"
    assert programme.counted_minutes(faculty.session("u1-a")) == 90
    result = solve(faculty, time_limit=20, workers=2)
    assert result.solution is not None and verify(faculty, result.solution) == []
    placed = {s.session: s for s in result.solution.sessions}
    taken = []
    for sid in ("u1-a", "u1-b"):
        assert placed[sid].date == dt.date(2027, 1, 5)
        (slot,) = programme.slots.placed(placed[sid].slots)
        assert slot.clock_minutes == 90 and slot.start.minute % 15 == 0
        taken.append((clock_minutes(slot.start), clock_minutes(slot.end)))
    first, second = sorted(taken)
    assert first[1] <= second[0]  # one cohort: one after the other, by the clock
    late = {c.rule: c.count for c in soft_costs(faculty, result.solution)}["late_starts"]
    assert late == 0 and {start for start, _ in taken} <= {9 * 60 + 30, 14 * 60}

    workbook = calendar_workbook(faculty, result.solution)
    path = tmp_path / "calendar.xlsx"
    path.write_bytes(workbook)
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    texts = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value]
    label = programme.slots.placed(placed["u1-a"].slots)[0].label
    assert any(t.startswith("UE 1") and label in t for t in texts), label
    back = {s.session: s.slots for s in read_grid(faculty, path).solution.sessions}
    assert back["u1-a"] == placed["u1-a"].slots and back["u1-b"] == placed["u1-b"].slots


def test_a_coarser_grid_gives_fewer_starts(tmp_path: Path) -> None:
    text = _micro(tmp_path).read_text(encoding="utf-8")
    coarse = text.replace("  - id: du\n", "  - id: du\n    time_grid_minutes: 60\n")
    faculty = load_programme(write_micro(coarse, tmp_path))
    options = faculty.programme("du").slots.options("90min")
    starts = [o[0].id for o in options]
    assert starts == ["09:30-11:00", "10:30-12:00", "14:00-15:30", "15:00-16:30", "16:00-17:30"]
    quarter = load_programme(_micro(tmp_path)).programme("du").slots.options("90min")
    assert len(quarter) == 7 + 11  # 09:30 ... 11:00 and 14:00 ... 16:30


def test_the_checker_catches_a_start_off_the_grid_or_outside_a_slot(tmp_path: Path) -> None:
    faculty = load_programme(_micro(tmp_path))
    day = dt.date(2027, 1, 5)
    good = Solution(
        (
            ScheduledSession("u1-a", day, ("09:30-11:00",), ("ana",), ("p1",), "paris"),
            ScheduledSession("u1-b", day, ("11:00-12:30",), ("ben",), ("p1",), "paris"),
            ScheduledSession("x1-a", dt.date(2027, 1, 7), ("matin",), ("ben",), ("p1",), "paris"),
            ScheduledSession("u2-a", dt.date(2027, 1, 19), ("matin",), ("ana",), ("p1",), "paris"),
        )
    )
    assert verify(faculty, good) == []
    late = {c.rule: c.count for c in soft_costs(faculty, good)}["late_starts"]
    assert late == 6  # 11:00 is six quarter-hours into the 9h30-12h30 morning
    for wrong in (("09:40-11:10",), ("12:00-13:30",), ("09:30-11:30",), ("matin",)):
        moved = dataclasses.replace(good.sessions[0], slots=wrong)
        found = verify(faculty, Solution((moved, *good.sessions[1:])))
        assert "wrong-slots" in {v.rule for v in found}, wrong


def test_minutes_mistakes_are_located(tmp_path: Path) -> None:
    long = check_programme(_micro(tmp_path, lambda t: t.replace("minutes: 90", "minutes: 300")))
    assert long.errors, "a 300-minute session fits in no slot"
    error = long.errors[0]
    assert "300-minute session fits in no slot" in error.message and error.line is not None
    assert "session 'u1-a'" in str(error) and "start and end" in str(error)
    both = check_programme(write_micro(apply((session("u1-a", "minutes: 90"),)), tmp_path))
    assert any("only one of them" in str(e) for e in both.errors)
