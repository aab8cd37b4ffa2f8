"""Joined calendars mended by moving whole teaching weeks (solver/week_shifts.py).

The oracle is the checker: a mended calendar breaks no rule, and it differs from the
collision only by one programme's teaching week moved whole (weekdays kept).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from palliasched import load_programme, verify
from palliasched.domain.solution import Solution
from palliasched.solver.week_shifts import mend_by_week_shifts

from . import rule_cases


def test_a_collision_is_mended_by_moving_one_programme_s_week(
    write: Callable[[str, str], Path],
) -> None:
    faculty = load_programme(write(rule_cases.MICRO, "micro.yaml"))
    # DX's session on the DU's Wednesday: Ben twice at 9:30, and room P1 twice.
    collided = rule_cases.moved("x1-a", 6)(rule_cases.BASE)
    assert {v.rule for v in verify(faculty, collided)} >= {"instructor-clash", "room-clash"}

    mended = mend_by_week_shifts(faculty, collided, time.monotonic() + 30)

    assert mended is not None and verify(faculty, mended) == []
    before = {s.session: s for s in collided.sessions}
    moved = [s for s in mended.sessions if s.date != before[s.session].date]
    assert moved, "nothing moved, yet the collision is gone"
    assert len({faculty.session(s.session).programme for s in moved}) == 1
    for placed in moved:
        days = (placed.date - before[placed.session].date).days
        assert days % 7 == 0 and placed.slots == before[placed.session].slots


def test_what_no_week_move_can_mend_is_left_to_the_models(
    write: Callable[[str, str], Path],
) -> None:
    faculty = load_programme(write(rule_cases.MICRO, "micro.yaml"))
    # Ben is not an instructor of u1-a wherever its week goes.
    wrong = rule_cases.moved("u1-a", instructors=("ben",))(rule_cases.BASE)
    assert verify(faculty, wrong)

    assert mend_by_week_shifts(faculty, wrong, time.monotonic() + 30) is None
    # Out of time: nothing tried, nothing returned.
    collided = rule_cases.moved("x1-a", 6)(rule_cases.BASE)
    assert mend_by_week_shifts(faculty, collided, time.monotonic() - 1) is None


def test_a_valid_calendar_is_returned_as_it_is(write: Callable[[str, str], Path]) -> None:
    faculty = load_programme(write(rule_cases.MICRO, "micro.yaml"))
    assert mend_by_week_shifts(faculty, rule_cases.BASE, time.monotonic() + 30) == Solution(
        rule_cases.BASE.sessions
    )
