"""Spacing of a repeated session: the copies of a ``count: n`` session kept apart.

``min_days_between: k`` puts at least k days between the dates of any two copies;
``one_per_regroupement`` puts no two copies in the same teaching week. Hard unless ``soft``:
then each copy that follows another too closely costs ``weights.repeat_spacing``. The
checker (``verify``) and the soft-rule measures (``quality``) read copies here; the solver
states the same rule on its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from palliasched.domain.calendar import iso_week

if TYPE_CHECKING:
    from palliasched.domain.programme import Faculty
    from palliasched.domain.solution import ScheduledSession


@dataclass(frozen=True, slots=True)
class Spacing:
    series: str  # the session as written: its copies are ``series-1``, ``series-2``, ...
    min_days_between: int = 0  # 0: no minimum
    one_per_regroupement: bool = False
    soft: bool = False


def too_close(spacing: Spacing, dates: list[dt.date]) -> tuple[list[dt.date], list[dt.date]]:
    """The copies (their dates, in date order) fewer than ``min_days_between`` days after the
    copy before them, and those in a week that already holds one."""
    ordered = sorted(dates)
    near = [
        later
        for earlier, later in itertools.pairwise(ordered)
        if spacing.min_days_between and (later - earlier).days < spacing.min_days_between
    ]
    seen: set[tuple[int, int]] = set()
    same_week = []
    for day in ordered:
        if spacing.one_per_regroupement and iso_week(day) in seen:
            same_week.append(day)
        seen.add(iso_week(day))
    return near, same_week


def by_series(
    faculty: Faculty, placed: Iterable[ScheduledSession], soft: bool
) -> dict[str, tuple[Spacing, list[ScheduledSession]]]:
    """The placed copies of each repeated session whose spacing is ``soft`` (or hard), by
    series; sessions the programme does not know are left out."""
    found: dict[str, tuple[Spacing, list[ScheduledSession]]] = {}
    for session in placed:
        if not faculty.has("session", session.session):
            continue
        spacing = faculty.session(session.session).spacing
        if spacing is not None and spacing.soft == soft:
            found.setdefault(spacing.series, (spacing, []))[1].append(session)
    return found
