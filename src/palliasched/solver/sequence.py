"""Order in time: ``after`` precedences, and sessions first or last in their programme.

Placements carry a time key (minutes since the start of the year). A group's earliest start
and latest end are linear in its ``x`` for a single session; for a group of several identical
sessions they are bounded per placement. An unscheduled session (relaxed model only) starts
at "never" and ends at 0, so it constrains nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from palliasched.domain.programme import SessionOrder
from palliasched.rules import HardRule, Rule
from palliasched.solver.placements import MINUTES_PER_DAY
from palliasched.solver.registry import enforces

if TYPE_CHECKING:
    from palliasched.solver.model import LinearExpr, ScheduleModel


@enforces(HardRule.PRECEDENCE, HardRule.ORDER)
def add_precedences(m: ScheduleModel) -> None:
    never = (
        m.faculty.calendar.year.end - m.space.origin
    ).days * MINUTES_PER_DAY + 2 * MINUTES_PER_DAY
    starts: dict[int, LinearExpr] = {}
    ends: dict[int, LinearExpr] = {}

    def start(group: int) -> LinearExpr:
        if group not in starts:
            starts[group] = _start(m, group, never)
        return starts[group]

    def end(group: int) -> LinearExpr:
        if group not in ends:
            ends[group] = _end(m, group, never)
        return ends[group]

    group_of_session = {s.id: g.index for g in m.groups for s in g.sessions}
    for group in m.groups:
        spec = group.spec
        before = sorted({group_of_session[s] for s in spec.after if s in group_of_session})
        for other in before:
            rule = Rule(HardRule.PRECEDENCE, spec.id)
            m.enforce(m.model.add(start(group.index) >= end(other)), rule)
        if spec.order is None:
            continue
        rule = Rule(HardRule.ORDER, spec.id)
        for other_group in m.groups:
            if other_group is group or other_group.programme.id != group.programme.id:
                continue
            if spec.order is SessionOrder.FIRST:
                constraint = m.model.add(start(other_group.index) >= end(group.index))
            else:
                constraint = m.model.add(end(other_group.index) <= start(group.index))
            m.enforce(constraint, rule)


def _start(m: ScheduleModel, group: int, never: int) -> LinearExpr:
    placements = [m.placements[i] for i in m.space.by_group[group]]
    if m.groups[group].count == 1:
        return never + sum((p.start_key - never) * m.x[p.index] for p in placements)
    earliest = m.model.new_int_var(0, never, f"start_{group}")
    for p in placements:
        m.model.add(earliest <= p.start_key).only_enforce_if(m.x[p.index])
    return earliest


def _end(m: ScheduleModel, group: int, never: int) -> LinearExpr:
    placements = [m.placements[i] for i in m.space.by_group[group]]
    if m.groups[group].count == 1:
        return sum(p.end_key * m.x[p.index] for p in placements)
    latest = m.model.new_int_var(0, never, f"end_{group}")
    for p in placements:
        m.model.add(latest >= p.end_key).only_enforce_if(m.x[p.index])
    return latest
