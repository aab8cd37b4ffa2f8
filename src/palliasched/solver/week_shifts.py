"""Joined calendars mended by moving whole teaching weeks, without a model.

When the batches' own optima collide (two cohorts wanting the same rooms at once, an
instructor over their weekly limit), the mend a coordinator would make is to move one
programme's regroupement of that week to another week, every session keeping its weekday,
slots and instructors, then to match the rooms again. Each such shift is cheap to try and
the checker says whether it holds, where re-solving a programme beside the others must
first find a calendar of its own (the bundled M2 or DU: more than 4 s). The shifts are
tried nearest first, a week of a programme named by a violation at a time; the cheapest
calendar that breaks no rule wins, else the shift that leaves fewest violations is kept
and the next round starts from it.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace

from palliasched.domain.programme import Faculty
from palliasched.domain.solution import Solution
from palliasched.quality import total_cost
from palliasched.solver.groups import session_groups
from palliasched.solver.placements import PlacementSpace
from palliasched.solver.rooms import rematch_rooms
from palliasched.verify import Violation, verify

# A week moves by at most this many weeks either way, and at most this many weeks move.
MAX_SHIFT_WEEKS = 6
MAX_ROUNDS = 4

Block = tuple[str, dt.date]  # a programme and the Monday of one of its teaching weeks


def mend_by_week_shifts(
    faculty: Faculty, solution: Solution, deadline: float, space: PlacementSpace | None = None
) -> Solution | None:
    """``solution`` with as few of its programmes' teaching weeks moved as mends it, the
    cheapest such calendar; None when no calendar that breaks no rule is reached by
    ``MAX_ROUNDS`` moves, or at ``deadline`` (``time.monotonic()``). ``space``: the
    faculty's, when the caller has it."""
    space = space or PlacementSpace(faculty, session_groups(faculty))
    current = solution
    violations = verify(faculty, current)
    for _ in range(MAX_ROUNDS):
        if not violations:
            return current
        best: tuple[tuple[int, int], Solution, list[Violation]] | None = None
        for block in _blocks(faculty, current, violations):
            for weeks in _shifts():
                if time.monotonic() > deadline:
                    return None
                shifted = _shifted(faculty, current, block, weeks)
                moved = rematch_rooms(faculty, shifted, space, _days(block[1], weeks))
                if moved is None:
                    continue
                found = verify(faculty, moved)
                key = (len(found), total_cost(faculty, moved))
                if best is None or key < best[0]:
                    best = (key, moved, found)
        if best is None or len(best[2]) >= len(violations):
            return None
        _, current, violations = best
    return None if violations else current


def _blocks(faculty: Faculty, solution: Solution, violations: list[Violation]) -> list[Block]:
    """The teaching weeks of the programmes of the sessions the violations name."""
    at = {placed.session: placed.date for placed in solution.sessions}
    blocks: dict[Block, None] = {}
    for violation in violations:
        for sid in violation.sessions:
            if sid in at and faculty.has("session", sid):
                blocks[(faculty.session(sid).programme, _monday(at[sid]))] = None
    return list(blocks)


def _shifts() -> list[int]:
    """-1, 1, -2, 2, ...: the nearest weeks first."""
    return [sign * n for n in range(1, MAX_SHIFT_WEEKS + 1) for sign in (-1, 1)]


def _shifted(faculty: Faculty, solution: Solution, block: Block, weeks: int) -> Solution:
    programme, monday = block
    return Solution(
        tuple(
            replace(placed, date=placed.date + dt.timedelta(weeks=weeks))
            if _monday(placed.date) == monday
            and faculty.session(placed.session).programme == programme
            else placed
            for placed in solution.sessions
        )
    )


def _days(monday: dt.date, weeks: int) -> set[dt.date]:
    """The days of the week a block leaves and of the week it comes to: their rooms change."""
    return {monday + dt.timedelta(days=d + 7 * w) for d in range(7) for w in (0, weeks)}


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
