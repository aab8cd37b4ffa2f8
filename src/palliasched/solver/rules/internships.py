"""Internships: each cohort on a unit's internship has one of its periods free of teaching.

One 0-1 variable per candidate period (``domain/internships.py``) and cohort, at least one
taken; a taken period holds none of the cohort's sessions. Bare weeks (the bound) have no
dates: the rule is left out there (a relaxation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from palliasched.domain.internships import candidates, reserving_units
from palliasched.rules import HardRule, Rule
from palliasched.solver.registry import constraint

if TYPE_CHECKING:
    from palliasched.solver.model import ScheduleModel, Var


@constraint(HardRule.INTERNSHIP)
def add(m: ScheduleModel) -> None:
    if m.bare:
        return
    for unit in reserving_units(m.faculty):
        assert unit.internship is not None
        rule = Rule(HardRule.INTERNSHIP, unit.id)
        periods = candidates(m.faculty, unit)
        for cohort in unit.internship.cohorts:
            taken: list[Var] = []
            for n, span in enumerate(periods):
                inside = [x for p, x in m.attending.get(cohort, []) if p.day in span]
                if not inside:
                    taken = []  # a period free whatever the calendar: nothing to hold
                    break
                free = m.model.new_bool_var(f"internship_{unit.id}_{cohort}_{n}")
                for x in inside:
                    m.model.add(x + free <= 1)
                taken.append(free)
            else:
                m.enforce(m.model.add_bool_or(taken), rule)
