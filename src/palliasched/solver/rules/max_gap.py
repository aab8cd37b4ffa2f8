"""Max gap: a cohort never goes more than ``max_gap_weeks`` weeks without a regroupement within
a teaching period; weeks its programme is closed do not count.

Every run of ``max_gap_weeks + 1`` open weeks of a period holds a teaching week. Not in the
bare-week model of the bound, whose weeks have no dates (``m.bare``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from palliasched.domain.rhythm import open_weeks
from palliasched.rules import HardRule, Rule
from palliasched.solver.registry import constraint

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel, Var


def week_windows(m: ScheduleModel, cohort_id: str, length: int) -> list[list[Var]]:
    """The cohort's teaching-week indicators of every run of ``length`` open weeks of one of
    its teaching periods."""
    programme = m.faculty.programme(m.faculty.cohort(cohort_id).programme)
    used = m.cohort_weeks.get(cohort_id, {})
    windows = []
    for period in m.faculty.rhythm_periods(cohort_id):
        weeks = open_weeks(m.faculty, programme, period)
        windows += [
            [used[w] for w in weeks[start : start + length] if w in used]
            for start in range(len(weeks) - length + 1)
        ]
    return windows


@constraint(HardRule.MAX_GAP)
def add(m: ScheduleModel) -> None:
    if m.bare:
        return
    for programme in m.faculty.programmes:
        for cohort in programme.cohorts:
            limit = programme.week_rules(cohort.id).max_gap_weeks
            if limit is None:
                continue
            rule = Rule(HardRule.MAX_GAP, cohort.id)
            for window in week_windows(m, cohort.id, limit + 1):
                m.enforce(m.model.add_bool_or(window), rule)
