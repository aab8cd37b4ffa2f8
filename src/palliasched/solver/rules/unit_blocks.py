"""Unit blocks: a UE with ``max_blocks: k`` takes place in at most k regroupements (weeks)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from palliasched.domain.calendar import iso_week
from palliasched.rules import HardRule, Rule
from palliasched.solver.registry import constraint

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel, Var


@constraint(HardRule.BLOCKS)
def add(m: ScheduleModel) -> None:
    limits = {
        unit.id: unit.max_blocks
        for programme in m.faculty.programmes
        for unit in programme.units
        if unit.max_blocks is not None
    }
    by_unit: dict[str, dict[tuple[int, int], list[Var]]] = defaultdict(lambda: defaultdict(list))
    for p in m.placements:
        unit = m.group_of(p).spec.unit
        if unit in limits:
            by_unit[unit][iso_week(p.day)].append(m.x[p.index])
    for unit, weeks in sorted(by_unit.items()):
        if len(weeks) <= limits[unit]:
            continue
        used = [
            m.at_least_one_of(f"block_{unit}_{week[0]}_{week[1]}", literals)
            for week, literals in sorted(weeks.items())
        ]
        m.enforce(m.model.add(sum(used) <= limits[unit]), Rule(HardRule.BLOCKS, unit))
