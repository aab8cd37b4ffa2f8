"""Travel between sites: a cohort, or an instructor, on another site than the day before.

With the journey between the two sites declared (``travel``, ``domain/travel.py``), someone
whose last session of a day ends too late for the evening's journey may not start the next day
on the other site too early for the morning's: the sessions ending after ``latest - journey``
on one site and those starting before ``earliest + journey`` on the other the next day are
never both taken. On bare weeks (the bound) only days of one week are paired.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from palliasched.domain.calendar import iso_week
from palliasched.rules import HardRule, Rule
from palliasched.solver.placements import Placement
from palliasched.solver.registry import constraint

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel, Var

Uses = Iterable[tuple[Placement, "Var"]]


@constraint(HardRule.COHORT_TRAVEL)
def add_for_cohorts(m: ScheduleModel) -> None:
    for cohort, uses in sorted(m.attending.items()):
        _reachable(m, uses, Rule(HardRule.COHORT_TRAVEL, cohort))


@constraint(HardRule.INSTRUCTOR_TRAVEL)
def add_for_instructors(m: ScheduleModel) -> None:
    for instructor, taught in sorted(m.teaching.items()):
        _reachable(m, taught, Rule(HardRule.INSTRUCTOR_TRAVEL, instructor))


def _reachable(m: ScheduleModel, uses: Uses, rule: Rule) -> None:
    travel = m.faculty.travel
    if not travel.times:
        return
    days: dict[dt.date, dict[str, list[tuple[Placement, Var]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for p, literal in uses:
        if p.site is not None:
            days[p.day][p.site].append((p, literal))
    for day, sites in sorted(days.items()):
        after = day + dt.timedelta(days=1)
        if after not in days or (m.bare and iso_week(after) != iso_week(day)):
            continue
        for site, here in sorted(sites.items()):
            for other, there in sorted(days[after].items()):
                late = [x for p, x in here if travel.too_late(site, other, p.intervals[-1][1])]
                early = [x for q, x in there if travel.too_early(site, other, q.intervals[0][0])]
                if late and early:
                    name = f"{rule.kind}_{rule.subject}_{day:%Y%m%d}_{site}_{other}"
                    ends_late = m.at_least_one_of(f"late_{name}", late)
                    starts_early = m.at_least_one_of(f"early_{name}", early)
                    m.enforce(m.model.add(ends_late + starts_early <= 1), rule)
