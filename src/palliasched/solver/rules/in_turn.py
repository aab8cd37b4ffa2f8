"""Groups taught in turn: every group of a session the same day as its first group.

Per series and day, each group takes that day exactly when the first group does (each group
is placed once). The instructors and the cohort they share keep them one after the other.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from palliasched.rules import HardRule, Rule
from palliasched.solver.registry import constraint

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel, Var


@constraint(HardRule.IN_TURN)
def add(m: ScheduleModel) -> None:
    days: dict[str, dict[int, dict[dt.date, list[Var]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for p in m.placements:
        turn = m.group_of(p).spec.turn
        if turn is not None:
            days[turn.series][turn.group][p.day].append(m.x[p.index])
    for series, groups in sorted(days.items()):
        rule = Rule(HardRule.IN_TURN, series)
        first = groups.get(1, {})
        for group, taken in sorted(groups.items()):
            if group == 1:
                continue
            for day in sorted(set(first) | set(taken)):
                here, there = first.get(day, []), taken.get(day, [])
                m.enforce(m.model.add(sum(here) == sum(there)), rule)
