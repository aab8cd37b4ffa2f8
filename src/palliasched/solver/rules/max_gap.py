"""Max gap: a cohort never goes more than ``max_gap_weeks`` weeks without a regroupement within
a teaching period; weeks its programme is closed do not count.

Every run of ``max_gap_weeks + 1`` open weeks of a period holds a teaching week. Not in the
bare-week model of the bound, whose weeks have no dates (``m.bare``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from palliasched.domain.calendar import DateRange, iso_week
from palliasched.domain.programme import Faculty, Programme
from palliasched.rules import HardRule, Rule
from palliasched.solver.registry import constraint

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel, Var

Week = tuple[int, int]


def open_weeks(faculty: Faculty, programme: Programme, period: DateRange) -> list[Week]:
    """The weeks of a teaching period with a day the programme can teach on, in order."""
    weeks: list[Week] = []
    for day in period.days():
        if day in faculty.calendar.year and faculty.no_teaching_reason(programme, day) is None:
            week = iso_week(day)
            if not weeks or weeks[-1] != week:
                weeks.append(week)
    return weeks


def week_windows(m: ScheduleModel, cohort_id: str, length: int) -> list[list[Var]]:
    """The cohort's teaching-week indicators of every run of ``length`` open weeks of one of
    its teaching periods."""
    programme = m.faculty.programme(m.faculty.cohort(cohort_id).programme)
    used = m.cohort_weeks.get(cohort_id, {})
    windows = []
    for period in programme.rhythm_periods:
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
        limit = programme.teaching_weeks.max_gap_weeks
        if limit is None:
            continue
        for cohort in programme.cohorts:
            rule = Rule(HardRule.MAX_GAP, cohort.id)
            for window in week_windows(m, cohort.id, limit + 1):
                m.enforce(m.model.add_bool_or(window), rule)
