"""First calendars without a model (``solver/first_fit.py``), judged by the checker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from palliasched import Solution, load_programme, solve, verify
from palliasched.solver import batches
from palliasched.solver.first_fit import _Placer, first_fit
from palliasched.solver.placements import Reservations
from palliasched.solver.search import Progress

from . import rule_cases
from .conftest import FIXTURES, M2

# Ben teaches in both programmes and only on the 6th and 7th; the DX session must be on the 6th.
BEN_TWO_DAYS = (
    rule_cases.instructor("ben", "available_only: [2027-01-06, 2027-01-07]"),
    rule_cases.session("x1-a", "window: {start: 2027-01-06, end: 2027-01-06}"),
)


def _micro(tmp_path: Path, edits: tuple[rule_cases.Edit, ...] = ()) -> Any:
    path = tmp_path / "micro.yaml"
    path.write_text(rule_cases.apply(edits), encoding="utf-8")
    return load_programme(path)


def test_the_session_with_the_fewest_places_goes_first(tmp_path: Path) -> None:
    # Taken in the order of the file, Ben's DU session would take the 6th and leave the DX
    # session nowhere; taken by fewest places first, it goes to the 7th.
    faculty = _micro(tmp_path, BEN_TWO_DAYS)
    sessions = first_fit(faculty, Reservations(), {})
    assert sessions is not None
    assert verify(faculty, Solution(sessions)) == []
    placed = {s.session: s.date for s in sessions}
    assert placed["x1-a"] == dt.date(2027, 1, 6) and placed["u1-b"] == dt.date(2027, 1, 7)


def test_what_is_reserved_elsewhere_is_not_taken(tmp_path: Path) -> None:
    faculty = _micro(tmp_path, BEN_TWO_DAYS)
    reserved = Reservations()
    reserved.book(dt.date(2027, 1, 6), ((0, 24 * 60),), ("ben",), (), "paris")
    assert first_fit(faculty, reserved, {}) is None  # the DX session needs Ben on the 6th
    # Ben may teach three days a week: two taken elsewhere that week leave him one of the two.
    limited = _micro(
        tmp_path, (*BEN_TWO_DAYS, rule_cases.instructor("ben", "max_days_per_week: 3"))
    )
    elsewhere: dict[tuple[str, tuple[int, int]], set[object]] = {
        ("ben", (2027, 1)): {dt.date(2027, 1, 4), dt.date(2027, 1, 5)}
    }
    assert first_fit(limited, Reservations(), elsewhere) is None
    # Every room of Paris taken on every day: only Brest is left to the DU, none to the DX.
    rooms = Reservations()
    for day in range(4, 32):
        rooms.book(dt.date(2027, 1, day), ((0, 24 * 60),), (), ("p1", "p2"), "paris")
    assert first_fit(faculty, rooms, {}) is None


def test_a_calendar_the_checker_rejects_is_not_returned() -> None:
    # The bundled M2's longest gap between regroupements is a rule first fit does not know:
    # it places every session, the checker finds the gap, and the models take over.
    faculty = load_programme(M2)
    placer = _Placer(faculty, Reservations(), {})
    sessions = placer.place_all()
    assert sessions is not None and len(sessions) == sum(1 for _ in faculty.sessions)
    assert {v.rule for v in verify(faculty, Solution(sessions))} == {"max-gap"}
    assert first_fit(faculty, Reservations(), {}) is None


def test_batches_start_from_first_fit_and_report_it(tmp_path: Path) -> None:
    faculty = _micro(tmp_path)
    seen: list[Progress] = []
    result = solve(faculty, time_limit=10, batches=True, progress=seen.append)
    assert result.stats.fitted > 0  # no model was built for the first calendar
    assert result.solution is not None and verify(faculty, result.solution) == []
    assert seen and seen[0].phase == "first calendar"
    assert seen[0].bound <= seen[0].objective


def test_without_first_fit_the_models_place_every_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batches, "first_fit", lambda *args: None)
    faculty = _micro(tmp_path, BEN_TWO_DAYS)
    result = solve(faculty, time_limit=10, batches=True)
    assert result.stats.fitted == 0
    assert result.solution is not None and verify(faculty, result.solution) == []


def test_programmes_competing_for_instructors_and_rooms_get_a_checked_calendar() -> None:
    # Three synthetic programmes (benchmarks/synthetic.py): a pool of instructors, some two
    # or three days a week, shared between them, and the rooms of three sites.
    faculty = load_programme(FIXTURES / "synthetic-3.yaml")
    sessions = first_fit(faculty, Reservations(), {})
    assert sessions is not None
    assert sorted(s.session for s in sessions) == sorted(s.id for s in faculty.sessions)
    assert verify(faculty, Solution(sessions)) == []
