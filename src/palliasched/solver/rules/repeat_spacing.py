"""Repeat spacing: the copies of a repeated session (its ``spacing``) kept apart.

Hard: no two copies within one run of ``min_days_between`` consecutive days, nor two in one
week (``one_per_regroupement``). Soft (``soft: true``): each copy closer than asked to the
one before it costs ``weights.repeat_spacing`` (``penalise``, called by the objective). On
bare weeks (the bound) only what one week holds is kept: the days between two bare weeks
stand for any number of real days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from palliasched.domain.calendar import iso_week
from palliasched.domain.spacing import Spacing
from palliasched.rules import HardRule, Rule
from palliasched.solver.placements import Placement
from palliasched.solver.registry import constraint

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel


def _series(m: ScheduleModel) -> dict[str, tuple[Spacing, list[Placement]]]:
    found: dict[str, tuple[Spacing, list[Placement]]] = {}
    for p in m.placements:
        spacing = m.group_of(p).spec.spacing
        if spacing is not None:
            found.setdefault(spacing.series, (spacing, []))[1].append(p)
    return found


def _by_day(placed: list[Placement]) -> dict[dt.date, list[Placement]]:
    days: dict[dt.date, list[Placement]] = defaultdict(list)
    for p in placed:
        days[p.day].append(p)
    return days


def _by_week(placed: list[Placement]) -> dict[tuple[int, int], list[Placement]]:
    weeks: dict[tuple[int, int], list[Placement]] = defaultdict(list)
    for p in placed:
        weeks[iso_week(p.day)].append(p)
    return weeks


def _days_before(m: ScheduleModel, day: dt.date, days: int) -> list[dt.date]:
    """The ``days - 1`` days before ``day`` (within its week on bare weeks)."""
    before = [day - dt.timedelta(days=n) for n in range(1, days)]
    return [d for d in before if not m.bare or iso_week(d) == iso_week(day)]


@constraint(HardRule.REPEAT_SPACING)
def add(m: ScheduleModel) -> None:
    for series, (spacing, placed) in sorted(_series(m).items()):
        if spacing.soft:
            continue
        rule = Rule(HardRule.REPEAT_SPACING, series)
        days = _by_day(placed)
        windows: list[list[Placement]] = []
        if spacing.min_days_between:
            for day in sorted(days):
                run = [day, *_days_before(m, day, spacing.min_days_between)]
                windows.append([p for d in run for p in days.get(d, [])])
        if spacing.one_per_regroupement:
            windows += list(_by_week(placed).values())
        for window in windows:
            if len(window) > 1:
                m.enforce(m.model.add(sum(m.x[p.index] for p in window) <= 1), rule)


def penalise(m: ScheduleModel) -> None:
    """Each copy of a soft series closer than asked to the copy before it."""
    weight = m.weights.repeat_spacing
    for series, (spacing, placed) in sorted(_series(m).items()):
        if not spacing.soft:
            continue
        days = _by_day(placed)
        if spacing.min_days_between:
            for day, here in sorted(days.items()):
                copies = sum(m.x[p.index] for p in here)
                close = m.model.new_int_var(0, len(here), f"close_{series}_{day:%Y%m%d}")
                m.model.add(close >= copies - 1)  # copies the same day follow each other
                earlier = [
                    m.x[p.index]
                    for d in _days_before(m, day, spacing.min_days_between)
                    for p in days.get(d, [])
                ]
                if earlier:
                    name = f"before_{series}_{day:%Y%m%d}"
                    m.model.add(close >= copies + m.at_least_one_of(name, earlier) - 1)
                m.penalise("repeat_spacing", weight, close)
        if spacing.one_per_regroupement:
            for week, here in sorted(_by_week(placed).items()):
                extra = m.model.new_int_var(0, len(here), f"extra_{series}_{week[0]}_{week[1]}")
                m.model.add(extra >= sum(m.x[p.index] for p in here) - 1)
                m.penalise("repeat_spacing", weight, extra)
