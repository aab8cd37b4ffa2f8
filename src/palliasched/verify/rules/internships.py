"""Internships: the cohorts on a unit's internship have one of its periods free of teaching."""

from __future__ import annotations

from palliasched.domain.internships import period, reserving_units, unit_dates
from palliasched.rules import HardRule
from palliasched.verify.base import CheckerBase, checks
from palliasched.words import plural_en


@checks(HardRule.INTERNSHIP)
def internships(c: CheckerBase) -> None:
    for unit in reserving_units(c.faculty):
        internship = unit.internship
        assert internship is not None
        for cohort in internship.cohorts:
            if period(c.faculty, unit, cohort, c.solution) is not None:
                continue
            if internship.dates is not None:
                wanted = f"its dates, {internship.dates}"
            else:
                weeks = plural_en(internship.weeks or 0, "week")
                wanted = f"{weeks} in a row within {unit_dates(c.faculty, unit)}"
            c.add(
                "internship",
                f"{c.display('cohort', cohort)} has teaching in every period of the internship "
                f"of {unit.code} ({wanted})",
                [],
            )
